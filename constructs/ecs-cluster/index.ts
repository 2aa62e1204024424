import { defineModuleDefinition } from "../core/define-module";
import { EcsClusterModuleStack } from "./module";
import { ecsClusterSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/ecs-cluster`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(ecsClusterSpec, EcsClusterModuleStack);
/** A call of `terraform-modules/ecs-cluster` with typed inputs and outputs. */
export class EcsClusterModule extends definition.Call {}
