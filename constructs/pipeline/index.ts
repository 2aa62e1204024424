import { defineModuleDefinition } from "../core/define-module";
import { PipelineModuleStack } from "./module";
import { pipelineSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/pipeline`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(pipelineSpec, PipelineModuleStack);
/** A call of `terraform-modules/pipeline` with typed inputs and outputs. */
export class PipelineModule extends definition.Call {}
