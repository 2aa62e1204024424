import { defineModuleDefinition } from "../core/define-module";
import { BackupModuleStack } from "./module";
import { backupSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/backup`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(backupSpec, BackupModuleStack);
/** A call of `terraform-modules/backup` with typed inputs and outputs. */
export class BackupModule extends definition.Call {}
