import { BudgetModuleStack } from "../../constructs/budget";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";

const files = generateModules([BudgetModuleStack]).get("budget")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;
const budget = r.aws_budgets_budget.this;
const messages = (name: string): string[] =>
  tf.variable[name].validation.map((v: { error_message: string }) => v.error_message);

describe("budget module", () => {
  it("is a standalone module with readable addresses and no data sources", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(tf.data).toBeUndefined();
    expect(Object.keys(r).sort()).toEqual([
      "aws_budgets_budget",
      "aws_ce_anomaly_monitor",
      "aws_ce_anomaly_subscription",
      "aws_ce_cost_allocation_tag",
    ]);
    expect(Object.keys(r.aws_budgets_budget).sort()).toEqual(["daily", "this"]);
    expect(Object.keys(r.aws_ce_cost_allocation_tag)).toEqual(["this"]);
    expect(JSON.stringify(r)).not.toMatch(/"region":/);
  });

  it("is a monthly USD cost budget with the limit from the input", () => {
    expect(budget).toMatchObject({
      name: "${var.name}-monthly-cost",
      budget_type: "COST",
      time_unit: "MONTHLY",
      limit_amount: '${format("%.2f", var.monthly_limit_usd)}',
      limit_unit: "USD",
    });
  });

  it("alerts on forecast and actual cost at every threshold", () => {
    const notification = budget.dynamic.notification;
    expect(notification.for_each).toBe(
      '${{ for pair in setproduct(var.thresholds_percent, ["FORECASTED","ACTUAL"]) : "${pair[1]}-${pair[0]}" => { threshold = pair[0], type = pair[1] } }}',
    );
    expect(notification.content).toEqual({
      comparison_operator: "GREATER_THAN",
      threshold: "${each.value.threshold}",
      threshold_type: "PERCENTAGE",
      notification_type: "${each.value.type}",
      subscriber_email_addresses: "${var.notification_emails}",
    });
    expect(tf.variable.thresholds_percent.default).toEqual([80, 90, 100]);
  });

  it("filters on tags with one TagKeyValue filter, only when tags are given", () => {
    const filter = budget.dynamic.cost_filter;
    expect(filter.for_each).toBe(
      '${{ for name in ["TagKeyValue"] : name => [for k, v in var.cost_filter_tags : format("user:%s$%s", k, v)] if length(var.cost_filter_tags) > 0 }}',
    );
    expect(filter.content).toEqual({ name: "${each.key}", values: "${each.value}" });
    expect(tf.variable.cost_filter_tags.default).toEqual({});
  });

  it("activates cost-allocation tags only when asked, keyed by tag key", () => {
    expect(r.aws_ce_cost_allocation_tag.this).toEqual({
      for_each:
        "${{ for k in var.cost_allocation_tag_keys : k => k if var.activate_cost_allocation_tags }}",
      tag_key: "${each.key}",
      status: "Active",
    });
    expect(tf.variable.activate_cost_allocation_tags.default).toBe(false);
    expect(tf.variable.cost_allocation_tag_keys.default).toEqual([
      "Project",
      "Environment",
      "CostCenter",
    ]);
  });

  it("validates limits, emails, thresholds and tag keys", () => {
    expect(messages("monthly_limit_usd")).toEqual(["monthly_limit_usd must be greater than 0."]);
    expect(messages("notification_emails")).toEqual([
      "notification_emails must list between 1 and 10 addresses.",
      "notification_emails must be email addresses (name@example.com).",
      "notification_emails must not repeat an address.",
    ]);
    expect(messages("thresholds_percent").join(" ")).toMatch(
      /between 1 and 5 thresholds.*between 1 and 1000.*strictly ascending/,
    );
    expect(tf.variable.thresholds_percent.validation[2].condition).toBe(
      "${alltrue([for i in range(max(0, length(var.thresholds_percent) - 1)) : var.thresholds_percent[i] < var.thresholds_percent[i + 1]])}",
    );
    expect(tf.variable.cost_filter_tags.validation[0].condition).toContain(
      'can(regex("^[\\\\p{L}\\\\p{N}\\\\s_.:/=+@-]{1,128}$", k))',
    );
    expect(messages("cost_allocation_tag_keys")).toHaveLength(2);
  });

  it("wires its outputs to the resources that make them", () => {
    expect(tf.output.budget_id.value).toBe("${aws_budgets_budget.this.id}");
  });

  it("says in the README that cost-allocation tags must be activated", () => {
    expect(files["README.md"]).toContain("Cost-allocation tags must be active");
    expect(files["README.md"]).toContain('values = ["user:Environment$prod"]');
  });

  it("adds a daily budget on actual cost beside the monthly one, only when a daily limit is set", () => {
    const daily = r.aws_budgets_budget.daily;
    expect(daily).toMatchObject({
      count: "${var.daily_limit_usd == null ? 0 : 1}",
      name: "${var.name}-daily-cost",
      time_unit: "DAILY",
      limit_amount: '${format("%.2f", var.daily_limit_usd)}',
    });
    expect(daily.dynamic.notification.for_each).toBe("${toset(var.daily_thresholds_percent)}");
    expect(daily.dynamic.notification.content.notification_type).toBe("ACTUAL");
    expect(tf.variable.daily_thresholds_percent.default).toEqual([80, 100]);
  });

  it("detects cost anomalies by the environment's tags with a daily e-mail above an impact", () => {
    const monitor = r.aws_ce_anomaly_monitor.this;
    expect(monitor.count).toBe("${var.anomaly_threshold_usd == null ? 0 : 1}");
    expect(monitor.monitor_type).toBe(
      '${length(var.cost_filter_tags) > 0 ? "CUSTOM" : "DIMENSIONAL"}',
    );
    expect(monitor.monitor_specification).toContain(
      "Tags = { Key = one(keys(var.cost_filter_tags))",
    );
    const subscription = r.aws_ce_anomaly_subscription.this;
    expect(subscription).toMatchObject({
      frequency: "DAILY",
      monitor_arn_list: ["${aws_ce_anomaly_monitor.this[0].arn}"],
      threshold_expression: {
        dimension: {
          key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
          match_options: ["GREATER_THAN_OR_EQUAL"],
        },
      },
    });
    expect(subscription.dynamic.subscriber.content.type).toBe("EMAIL");
    expect(messages("anomaly_threshold_usd")).toEqual([
      "anomaly_threshold_usd must be greater than 0.",
    ]);
  });
});
