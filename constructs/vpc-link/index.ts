import { defineModuleDefinition } from "../core/define-module";
import { VpcLinkModuleStack } from "./module";
import { vpcLinkSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/vpc-link`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(vpcLinkSpec, VpcLinkModuleStack);
/** A call of `terraform-modules/vpc-link` with typed inputs and outputs. */
export class VpcLinkModule extends definition.Call {}
