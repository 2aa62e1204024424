import { defineModuleDefinition } from "../core/define-module";
import { CodedeployModuleStack } from "./module";
import { codedeploySpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/codedeploy`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(codedeploySpec, CodedeployModuleStack);
/** A call of `terraform-modules/codedeploy` with typed inputs and outputs. */
export class CodedeployModule extends definition.Call {}
