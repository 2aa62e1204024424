import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { ecsServiceSpec } from "./spec";

export { ecsServiceSpec, IMAGE_OWNERS, CPU_ARCHITECTURES, MAX_SERVICE_NAME } from "./spec";
export type { ImageOwner, CpuArchitecture } from "./spec";
export { EcsServiceModuleStack } from "./module";

/** A call of `terraform-modules/ecs-service` (one per service) with typed inputs and outputs. */
export class EcsServiceModule extends ModuleCall<
  typeof ecsServiceSpec.inputs,
  typeof ecsServiceSpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof ecsServiceSpec.inputs>) {
    super(scope, id, ecsServiceSpec, props);
  }
}
