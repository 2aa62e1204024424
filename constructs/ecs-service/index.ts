import { defineModuleDefinition } from "../core/define-module";
import { EcsServiceModuleStack } from "./module";
import { ecsServiceSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/ecs-service`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(ecsServiceSpec, EcsServiceModuleStack);
/** A call of `terraform-modules/ecs-service` with typed inputs and outputs. */
export class EcsServiceModule extends definition.Call {}
