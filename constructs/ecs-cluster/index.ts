import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { ecsClusterSpec } from "./spec";

export { ecsClusterSpec } from "./spec";
export { EcsClusterModuleStack } from "./module";

/** A call of `terraform-modules/ecs-cluster` with typed inputs and outputs. */
export class EcsClusterModule extends ModuleCall<
  typeof ecsClusterSpec.inputs,
  typeof ecsClusterSpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof ecsClusterSpec.inputs>) {
    super(scope, id, ecsClusterSpec, props);
  }
}
