import { defineModuleDefinition } from "../core/define-module";
import { ServiceDiscoveryModuleStack } from "./module";
import { serviceDiscoverySpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/service-discovery`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(serviceDiscoverySpec, ServiceDiscoveryModuleStack);
/** A call of `terraform-modules/service-discovery` with typed inputs and outputs. */
export class ServiceDiscoveryModule extends definition.Call {}
