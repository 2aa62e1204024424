import { defineModuleDefinition } from "../core/define-module";
import { EfsModuleStack } from "./module";
import { efsSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/efs`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(efsSpec, EfsModuleStack);
/** A call of `terraform-modules/efs` with typed inputs and outputs. */
export class EfsModule extends definition.Call {}
