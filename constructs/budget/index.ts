import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { budgetSpec } from "./spec";

export { budgetSpec, MAX_EMAILS, MAX_THRESHOLDS, NOTIFICATION_TYPES } from "./spec";
export { BudgetModuleStack } from "./module";

/** A call of `terraform-modules/budget` with typed inputs and outputs. */
export class BudgetModule extends ModuleCall<typeof budgetSpec.inputs, typeof budgetSpec.outputs> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof budgetSpec.inputs>) {
    super(scope, id, budgetSpec, props);
  }
}
