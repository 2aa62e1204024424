import { defineModuleDefinition } from "../core/define-module";
import { AsgModuleStack } from "./module";
import { asgSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/asg`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(asgSpec, AsgModuleStack);
/** A call of `terraform-modules/asg` with typed inputs and outputs. */
export class AsgModule extends definition.Call {}
