import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { monitoringSpec } from "./spec";

export { monitoringSpec } from "./spec";
export { THRESHOLDS } from "./thresholds";
export { MonitoringModuleStack } from "./module";

/** A call of `terraform-modules/monitoring` with typed inputs and outputs. */
export class MonitoringModule extends ModuleCall<
  typeof monitoringSpec.inputs,
  typeof monitoringSpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof monitoringSpec.inputs>) {
    super(scope, id, monitoringSpec, props);
  }
}
