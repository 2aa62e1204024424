import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { efsSpec } from "./spec";

export { efsSpec, EFS_PORT } from "./spec";
export { EfsModuleStack } from "./module";

/** A call of `terraform-modules/efs` with typed inputs and outputs. */
export class EfsModule extends ModuleCall<typeof efsSpec.inputs, typeof efsSpec.outputs> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof efsSpec.inputs>) {
    super(scope, id, efsSpec, props);
  }
}
