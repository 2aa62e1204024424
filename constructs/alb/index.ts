import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { albSpec } from "./spec";

export { albSpec, DEFAULT_SSL_POLICY, DESYNC_MITIGATION_MODES } from "./spec";
export type { DesyncMitigationMode } from "./spec";
export { AlbModuleStack } from "./module";

/** A call of `terraform-modules/alb` with typed inputs and outputs. */
export class AlbModule extends ModuleCall<typeof albSpec.inputs, typeof albSpec.outputs> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof albSpec.inputs>) {
    super(scope, id, albSpec, props);
  }
}
