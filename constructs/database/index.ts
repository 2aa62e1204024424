import { defineModuleDefinition } from "../core/define-module";
import { DatabaseModuleStack } from "./module";
import { databaseSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/database`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(databaseSpec, DatabaseModuleStack);
/** A call of `terraform-modules/database` with typed inputs and outputs. */
export class DatabaseModule extends definition.Call {}
