import { defineModuleDefinition } from "../core/define-module";
import { VpcModuleStack } from "./module";
import { vpcSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/vpc`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(vpcSpec, VpcModuleStack);
/** A call of `terraform-modules/vpc` with typed inputs and outputs. */
export class VpcModule extends definition.Call {}
