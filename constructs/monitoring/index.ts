import { defineModuleDefinition } from "../core/define-module";
import { MonitoringModuleStack } from "./module";
import { monitoringSpec } from "./spec";

export * from "./spec";
export * from "./module";
export { THRESHOLDS } from "./thresholds";

/** `terraform-modules/monitoring`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(monitoringSpec, MonitoringModuleStack);
/** A call of `terraform-modules/monitoring` with typed inputs and outputs. */
export class MonitoringModule extends definition.Call {}
