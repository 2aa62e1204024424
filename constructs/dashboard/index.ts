import { defineModuleDefinition } from "../core/define-module";
import { DashboardModuleStack } from "./module";
import { dashboardSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/dashboard`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(dashboardSpec, DashboardModuleStack);
/** A call of `terraform-modules/dashboard` with typed inputs and outputs. */
export class DashboardModule extends definition.Call {}
