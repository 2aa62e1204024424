import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { auditSpec } from "./spec";

export { auditSpec } from "./spec";
export { AuditModuleStack } from "./module";

/** A call of `terraform-modules/audit` with typed inputs and outputs. */
export class AuditModule extends ModuleCall<typeof auditSpec.inputs, typeof auditSpec.outputs> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof auditSpec.inputs>) {
    super(scope, id, auditSpec, props);
  }
}
