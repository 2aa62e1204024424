import { defineModuleDefinition } from "../core/define-module";
import { CdnModuleStack } from "./module";
import { cdnSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/cdn`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(cdnSpec, CdnModuleStack);
/** A call of `terraform-modules/cdn` with typed inputs and outputs. */
export class CdnModule extends definition.Call {}
