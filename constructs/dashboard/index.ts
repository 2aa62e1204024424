import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { dashboardSpec } from "./spec";

export { dashboardSpec } from "./spec";
export { DashboardModuleStack } from "./module";

/** A call of `terraform-modules/dashboard` with typed inputs and outputs. */
export class DashboardModule extends ModuleCall<
  typeof dashboardSpec.inputs,
  typeof dashboardSpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof dashboardSpec.inputs>) {
    super(scope, id, dashboardSpec, props);
  }
}
