import { defineModuleDefinition } from "../core/define-module";
import { WafModuleStack } from "./module";
import { wafSpec } from "./spec";

export * from "./spec";
export * from "./module";
export { MANAGED_RULE_GROUPS } from "./rule-groups";

/** `terraform-modules/waf`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(wafSpec, WafModuleStack);
/** A call of `terraform-modules/waf` with typed inputs and outputs. */
export class WafModule extends definition.Call {}
