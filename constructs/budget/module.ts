import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { CeAnomalyMonitor } from "@cdktf/provider-aws/lib/ce-anomaly-monitor";
import { CeAnomalySubscription } from "@cdktf/provider-aws/lib/ce-anomaly-subscription";
import { CeCostAllocationTag } from "@cdktf/provider-aws/lib/ce-cost-allocation-tag";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { budgetSpec, NOTIFICATION_TYPES } from "./spec";

/**
 * A Cost Explorer expression matching one cost-allocation tag pair (HCL over the key), with
 * every other field null as AWS returns it, so the plan shows no perpetual diff.
 */
const ANOMALY_EMPTY_EXPRESSION =
  "{ And = null, CostCategories = null, Dimensions = null, Not = null, Or = null, Tags = null }";
const ANOMALY_TAG_EXPRESSION = (key: string) =>
  `merge(${ANOMALY_EMPTY_EXPRESSION}, { Tags = { Key = ${key}, Values = [var.cost_filter_tags[${key}]], MatchOptions = null } })`;

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
    const dailyNotifications = TerraformIterator.fromList(this.vars.daily_thresholds_percent);
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

    const daily = new BudgetsBudget(this.scopeFor(BudgetsBudget), "daily", {
      count: expr.number("var.daily_limit_usd == null ? 0 : 1"),
      name: "${var.name}-daily-cost",
      budgetType: "COST",
      timeUnit: "DAILY",
      limitAmount: expr.string('format("%.2f", var.daily_limit_usd)'),
      limitUnit: "USD",
      costFilter: costFilter.dynamic({ name: costFilter.key, values: costFilter.value }),
      notification: dailyNotifications.dynamic({
        comparison_operator: "GREATER_THAN",
        threshold: dailyNotifications.value,
        threshold_type: "PERCENTAGE",
        notification_type: "ACTUAL",
        subscriber_email_addresses: this.vars.notification_emails,
      }),
      tags: tagsWithName("${var.name}-daily-cost"),
    });

    const anomalies = expr.number("var.anomaly_threshold_usd == null ? 0 : 1");
    const monitor = new CeAnomalyMonitor(this.scopeFor(CeAnomalyMonitor), "this", {
      count: anomalies,
      name: "${var.name}-costs",
      monitorType: expr.string('length(var.cost_filter_tags) > 0 ? "CUSTOM" : "DIMENSIONAL"'),
      monitorDimension: expr.string('length(var.cost_filter_tags) > 0 ? null : "SERVICE"'),
      monitorSpecification: expr.string(
        `length(var.cost_filter_tags) == 0 ? null : jsonencode(length(var.cost_filter_tags) == 1 ? ${ANOMALY_TAG_EXPRESSION("one(keys(var.cost_filter_tags))")} : merge(${ANOMALY_EMPTY_EXPRESSION}, { Or = [for k in keys(var.cost_filter_tags) : ${ANOMALY_TAG_EXPRESSION("k")}] }))`,
      ),
      tags: tagsWithName("${var.name}-costs"),
    });
    const subscribers = TerraformIterator.fromList(this.vars.notification_emails);
    new CeAnomalySubscription(this.scopeFor(CeAnomalySubscription), "this", {
      count: anomalies,
      name: "${var.name}-cost-anomalies",
      frequency: "DAILY",
      monitorArnList: [expr.string(`${monitor.fqn}[0].arn`)],
      subscriber: subscribers.dynamic({ type: "EMAIL", address: subscribers.value }),
      thresholdExpression: {
        dimension: {
          key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
          matchOptions: ["GREATER_THAN_OR_EQUAL"],
          values: [expr.string("tostring(var.anomaly_threshold_usd)")],
        },
      },
      tags: tagsWithName("${var.name}-cost-anomalies"),
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

    this.exportOutputs({
      budget_name: budget.name,
      budget_id: budget.id,
      daily_budget_name: expr.string(`one(${daily.fqn}[*].name)`),
      anomaly_monitor_arn: expr.string(`one(${monitor.fqn}[*].arn)`),
    });
  }
}
