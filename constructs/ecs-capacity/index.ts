import { defineModuleDefinition } from "../core/define-module";
import { EcsCapacityModuleStack } from "./module";
import { ecsCapacitySpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/ecs-capacity`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(ecsCapacitySpec, EcsCapacityModuleStack);
/** A call of `terraform-modules/ecs-capacity` with typed inputs and outputs. */
export class EcsCapacityModule extends definition.Call {}
