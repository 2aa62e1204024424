import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { BudgetModule, BudgetModuleStack, budgetSpec } from "../../constructs/budget";
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
    expect(Object.keys(r).sort()).toEqual(["aws_budgets_budget", "aws_ce_cost_allocation_tag"]);
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
    for (const [name, v] of Object.entries(tf.variable) as [string, any][]) {
      expect([name, typeof v.description]).toEqual([name, "string"]);
    }
  });

  it("describes every output the spec declares", () => {
    expect(Object.keys(tf.output).sort()).toEqual(Object.keys(budgetSpec.outputs).sort());
    for (const out of Object.values(tf.output) as any[]) expect(out.description).toBeTruthy();
    expect(tf.output.budget_id.value).toBe("${aws_budgets_budget.this.id}");
  });

  it("says in the README that cost-allocation tags must be activated", () => {
    expect(files["README.md"]).toContain("Cost-allocation tags must be active");
    expect(files["README.md"]).toContain('values = ["user:Environment$prod"]');
  });

  it("gives env roots a typed call", () => {
    const stack = new TerraformStack(Testing.app(), "root");
    const call = new BudgetModule(stack, "budget", {
      source: "./budget",
      inputs: { name: "shop-dev", monthly_limit_usd: 300, notification_emails: ["a@example.com"] },
    });
    new TerraformOutput(stack, "budget_name", { value: call.outputs.budget_name });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.module.budget.monthly_limit_usd).toBe(300);
    expect(synthesized.output.budget_name.value).toBe("${module.budget.budget_name}");
  });
});
