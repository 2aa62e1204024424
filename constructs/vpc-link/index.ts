import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { vpcLinkSpec } from "./spec";

export { vpcLinkSpec } from "./spec";
export { VpcLinkModuleStack } from "./module";

/** A call of `terraform-modules/vpc-link` with typed inputs and outputs. */
export class VpcLinkModule extends ModuleCall<
  typeof vpcLinkSpec.inputs,
  typeof vpcLinkSpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof vpcLinkSpec.inputs>) {
    super(scope, id, vpcLinkSpec, props);
  }
}
