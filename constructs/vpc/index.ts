import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { vpcSpec } from "./spec";

export { vpcSpec, NAT_MODES, MIN_AZS, MAX_AZS } from "./spec";
export type { NatMode } from "./spec";
export { VpcModuleStack } from "./module";

/** A call of `terraform-modules/vpc` with typed inputs and outputs. */
export class VpcModule extends ModuleCall<typeof vpcSpec.inputs, typeof vpcSpec.outputs> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof vpcSpec.inputs>) {
    super(scope, id, vpcSpec, props);
  }
}
