import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { CeCostAllocationTag } from "@cdktf/provider-aws/lib/ce-cost-allocation-tag";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { budgetSpec, NOTIFICATION_TYPES } from "./spec";

/** Generates `terraform-modules/budget`; see `spec.ts` for its interface. */
export class BudgetModuleStack extends ModuleStack<
  typeof budgetSpec.inputs,
  typeof budgetSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, budgetSpec);

    // One filter block, or none: AWS Budgets keeps all tag pairs in a single TagKeyValue filter.
    const costFilter = TerraformIterator.fromMap(
      expr.map(
        '{ for name in ["TagKeyValue"] : name => [for k, v in var.cost_filter_tags : format("user:%s$%s", k, v)] if length(var.cost_filter_tags) > 0 }',
      ),
    );
    const notifications = TerraformIterator.fromMap(
      expr.map(
        `{ for pair in setproduct(var.thresholds_percent, ${JSON.stringify(NOTIFICATION_TYPES)}) : "\${pair[1]}-\${pair[0]}" => { threshold = pair[0], type = pair[1] } }`,
      ),
    );
    const budget = new BudgetsBudget(this.scopeFor(BudgetsBudget), "this", {
      name: "${var.name}-monthly-cost",
      budgetType: "COST",
      timeUnit: "MONTHLY",
      // A string in the API; cents are the finest unit AWS bills, so round to them.
      limitAmount: expr.string('format("%.2f", var.monthly_limit_usd)'),
      limitUnit: "USD",
      // Dynamic-block content is written as Terraform argument names (snake_case).
      costFilter: costFilter.dynamic({
        name: costFilter.key,
        values: costFilter.value,
      }),
      notification: notifications.dynamic({
        comparison_operator: "GREATER_THAN",
        threshold: notifications.getNumber("threshold"),
        threshold_type: "PERCENTAGE",
        notification_type: notifications.getString("type"),
        subscriber_email_addresses: this.vars.notification_emails,
      }),
      tags: tagsWithName("${var.name}-monthly-cost"),
    });

    const tagKeys = TerraformIterator.fromMap(
      expr.map(
        "{ for k in var.cost_allocation_tag_keys : k => k if var.activate_cost_allocation_tags }",
      ),
    );
    new CeCostAllocationTag(this.scopeFor(CeCostAllocationTag), "this", {
      forEach: tagKeys,
      tagKey: tagKeys.key,
      status: "Active",
    });

    this.exportOutputs({ budget_name: budget.name, budget_id: budget.id });
  }
}
