import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation } from "../core/validations";

/** Every threshold alerts on both: the forecast warns early, the actual confirms. */
export const NOTIFICATION_TYPES = ["FORECASTED", "ACTUAL"] as const;
/** AWS Budgets allows 10 notifications per budget, two per threshold here. */
export const MAX_THRESHOLDS = 10 / NOTIFICATION_TYPES.length;
/** Email subscribers one budget notification may have. */
export const MAX_EMAILS = 10;
/** What AWS tag keys may contain (no `$`, which separates key and value in a budget filter). */
const TAG_KEY_PATTERN = "^[\\p{L}\\p{N}\\s_.:/=+@-]{1,128}$";

export const budgetSpec = defineModule({
  name: "budget",
  description:
    "A monthly AWS Budgets cost budget in USD that emails forecast and actual alerts at each " +
    "threshold (default 80, 90 and 100 % of the limit), optionally a daily budget beside it " +
    "(actual cost at 80 and 100 %) and Cost Anomaly Detection (a monitor and a daily e-mail " +
    "subscription above an impact in USD), optionally only for costs tagged with given tags " +
    "(e.g. `Environment = prod`), and optionally activates the cost-allocation tags that such a " +
    "filter needs.",
  inputs: {
    name: required(
      tf.string,
      "Prefix of the budget name (`<name>-monthly-cost`), usually the environment's name prefix.",
      { validation: [nameValidation()] },
    ),
    monthly_limit_usd: required(
      tf.number,
      "Monthly cost limit in US dollars; thresholds are percentages of it.",
      {
        validation: [
          {
            condition: "var.monthly_limit_usd > 0",
            errorMessage: "monthly_limit_usd must be greater than 0.",
            rejects: { value: 0 },
          },
        ],
      },
    ),
    notification_emails: required(
      tf.list(tf.string),
      `Addresses that receive every alert, 1 to ${MAX_EMAILS} (AWS Budgets' limit per notification). ` +
        "AWS sends from budgets@costalerts.amazonaws.com; no confirmation is needed.",
      {
        validation: [
          {
            condition: `length(var.notification_emails) >= 1 && length(var.notification_emails) <= ${MAX_EMAILS}`,
            errorMessage: `notification_emails must list between 1 and ${MAX_EMAILS} addresses.`,
            rejects: { value: [] },
          },
          {
            condition:
              'alltrue([for e in var.notification_emails : can(regex("^[^@\\\\s]+@[^@\\\\s]+\\\\.[^@\\\\s]+$", e))])',
            errorMessage: "notification_emails must be email addresses (name@example.com).",
            rejects: { value: ["platform-team@example.com", "finance.example.com"] },
          },
          {
            condition:
              "length(distinct(var.notification_emails)) == length(var.notification_emails)",
            errorMessage: "notification_emails must not repeat an address.",
            rejects: { value: ["platform-team@example.com", "platform-team@example.com"] },
          },
        ],
      },
    ),
    thresholds_percent: optional(
      tf.list(tf.number),
      [80, 90, 100],
      "Alert thresholds in % of `monthly_limit_usd`, ascending; each alerts when the month's " +
        "forecast and when the actual cost exceed it. Default [80, 90, 100]: two warnings " +
        `before the limit. At most ${MAX_THRESHOLDS} (AWS allows 10 notifications per budget).`,
      {
        validation: [
          {
            condition: `length(var.thresholds_percent) >= 1 && length(var.thresholds_percent) <= ${MAX_THRESHOLDS}`,
            errorMessage: `thresholds_percent must list between 1 and ${MAX_THRESHOLDS} thresholds (two notifications each; AWS allows 10 per budget).`,
            // One more than MAX_THRESHOLDS, ascending and in range.
            rejects: { value: [50, 60, 70, 80, 90, 100] },
          },
          {
            condition: "alltrue([for t in var.thresholds_percent : t >= 1 && t <= 1000])",
            errorMessage: "thresholds_percent values must be between 1 and 1000 (%).",
            rejects: { value: [80, 100, 1500] },
          },
          {
            condition:
              "alltrue([for i in range(max(0, length(var.thresholds_percent) - 1)) : var.thresholds_percent[i] < var.thresholds_percent[i + 1]])",
            errorMessage:
              "thresholds_percent must be in strictly ascending order (no repeated threshold).",
            rejects: { value: [80, 100, 90] },
          },
        ],
      },
    ),
    daily_limit_usd: optional(
      tf.number,
      null,
      "Daily cost limit in US dollars: a second budget (`<name>-daily-cost`) that e-mails when " +
        "the day's actual cost passes each of `daily_thresholds_percent`, catching a runaway " +
        "resource within a day instead of at the month's forecast (004: alert at 80 % of the " +
        "daily budget). Default null: no daily budget.",
      {
        validation: [
          {
            condition: "var.daily_limit_usd == null ? true : var.daily_limit_usd > 0",
            errorMessage: "daily_limit_usd must be greater than 0.",
            rejects: { value: 0 },
          },
        ],
      },
    ),
    daily_thresholds_percent: optional(
      tf.list(tf.number),
      [80, 100],
      "Alert thresholds of the daily budget in % of `daily_limit_usd`, ascending; actual cost " +
        "only (AWS does not forecast daily budgets). Default [80, 100].",
      {
        validation: [
          {
            condition: `length(var.daily_thresholds_percent) >= 1 && length(var.daily_thresholds_percent) <= 10`,
            errorMessage: "daily_thresholds_percent must list between 1 and 10 thresholds.",
            rejects: { value: [] },
          },
          {
            condition:
              "alltrue([for i in range(max(0, length(var.daily_thresholds_percent) - 1)) : var.daily_thresholds_percent[i] < var.daily_thresholds_percent[i + 1]]) && alltrue([for t in var.daily_thresholds_percent : t >= 1 && t <= 1000])",
            errorMessage:
              "daily_thresholds_percent must be between 1 and 1000 (%), in strictly ascending order.",
            rejects: { value: [100, 80] },
          },
        ],
      },
    ),
    anomaly_threshold_usd: optional(
      tf.number,
      null,
      "Turns on Cost Anomaly Detection: a monitor (by `cost_filter_tags` when set, else per AWS " +
        "service) and a daily e-mail summary of anomalies whose total impact is at least this " +
        "many US dollars. Default null: no anomaly detection.",
      {
        validation: [
          {
            condition: "var.anomaly_threshold_usd == null ? true : var.anomaly_threshold_usd > 0",
            errorMessage: "anomaly_threshold_usd must be greater than 0.",
            rejects: { value: 0 },
          },
        ],
      },
    ),
    cost_filter_tags: optional(
      tf.map(tf.string),
      {},
      'Count only costs carrying these tags, e.g. `{ Environment = "prod" }`. Default {}: all ' +
        "costs of the account. AWS Budgets matches a cost carrying ANY of the pairs, so use " +
        "one pair unless you mean OR. The tag key must be an active cost-allocation tag, or the " +
        "budget sees no cost at all (see `activate_cost_allocation_tags`).",
      {
        validation: [
          {
            condition: `alltrue([for k, v in var.cost_filter_tags : can(regex(${JSON.stringify(TAG_KEY_PATTERN)}, k)) && length(v) >= 1 && length(v) <= 256])`,
            errorMessage:
              "cost_filter_tags keys must be AWS tag keys (1–128 characters, no $) and values 1–256 characters.",
            rejects: { value: { Environment: "" } },
          },
        ],
      },
    ),
    activate_cost_allocation_tags: optional(
      tf.bool,
      false,
      "Activate `cost_allocation_tag_keys` as cost-allocation tags. Default false: activation " +
        "works only in the organization's management (payer) account and only once the key has " +
        "appeared on a billed resource, so it is usually done once in the Billing console.",
    ),
    cost_allocation_tag_keys: optional(
      tf.list(tf.string),
      ["Project", "Environment", "CostCenter"],
      "Tag keys to activate when `activate_cost_allocation_tags` is true. Default: the keys " +
        "the platform's default_tags set (Project, Environment, CostCenter).",
      {
        validation: [
          {
            condition: `alltrue([for k in var.cost_allocation_tag_keys : can(regex(${JSON.stringify(TAG_KEY_PATTERN)}, k))])`,
            errorMessage: "cost_allocation_tag_keys must be AWS tag keys (1–128 characters, no $).",
            rejects: { value: ["Project", "Cost$Center"] },
          },
          {
            condition:
              "length(distinct(var.cost_allocation_tag_keys)) == length(var.cost_allocation_tag_keys)",
            errorMessage: "cost_allocation_tag_keys must not repeat a key.",
            rejects: { value: ["Project", "Environment", "Project"] },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for the budget (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    budget_name: output(tf.string, "Name of the budget (`<name>-monthly-cost`)."),
    budget_id: output(tf.string, "ID of the budget (`<account_id>:<budget_name>`)."),
    daily_budget_name: output(
      tf.string,
      "Name of the daily budget (`<name>-daily-cost`); null without `daily_limit_usd`.",
    ),
    anomaly_monitor_arn: output(
      tf.string,
      "ARN of the cost anomaly monitor; null without `anomaly_threshold_usd`.",
    ),
  },
  example: {
    name: "shop-prod",
    monthly_limit_usd: 2500,
    notification_emails: ["platform-team@example.com", "finance@example.com"],
    thresholds_percent: [80, 90, 100],
    daily_limit_usd: 120,
    daily_thresholds_percent: [80, 100],
    anomaly_threshold_usd: 100,
    cost_filter_tags: { Environment: "prod" },
    activate_cost_allocation_tags: true,
    cost_allocation_tag_keys: ["Project", "Environment", "CostCenter"],
    tags: { Component: "cost" },
  },
  notes: `## Design notes

- **Alerts**: one notification per threshold and type, \`FORECASTED\` and \`ACTUAL\`, all
  \`GREATER_THAN\` a percentage of the limit, so the default sends up to six emails a month:
  forecast 80/90/100 % (early warnings) and actual 80/90/100 %. Forecast alerts need about
  five weeks of billing history before AWS produces a forecast. AWS Budgets allows 10
  notifications per budget and 10 email subscribers per notification; both are checked at
  plan time.
- **Cost filter**: \`cost_filter_tags = { Environment = "prod" }\` renders
  \`cost_filter { name = "TagKeyValue" values = ["user:Environment$prod"] }\`. Several pairs
  end up in the same filter and AWS ORs them.
- **Cost-allocation tags must be active**: AWS only attributes costs to a user tag after the
  tag key is activated as a cost-allocation tag in the Billing console (Billing → Cost
  allocation tags), once per organization, in the management (payer) account. Until then a
  tag-filtered budget sees $0 and never alerts. The key can be activated only after it has
  appeared on a billed resource (up to 24 hours after first use), and activation applies to
  costs from then on, not retroactively.
- **\`activate_cost_allocation_tags\`** creates \`aws_ce_cost_allocation_tag.this["<key>"]\` for
  each key. It is off by default because the apply fails in a member account or for a key
  AWS has not seen yet (planning is offline-safe either way); turn it on in the root that runs
  in the management account. Destroying the resources deactivates the tags.
- **Daily budget** (\`daily_limit_usd\`): \`aws_budgets_budget.daily[0]\`, actual cost only
  (forecasts need a month's view), so a resource left running by mistake is noticed the next
  day. Daily costs arrive with a delay of up to a day and vary by weekday: set the limit above
  the usual day, not at a thirtieth of the month.
- **Cost Anomaly Detection** (\`anomaly_threshold_usd\`): \`aws_ce_anomaly_monitor.this[0]\`
  watches the costs carrying \`cost_filter_tags\` (a \`CUSTOM\` monitor; several pairs are ORed)
  or, without tags, each AWS service (\`DIMENSIONAL\`, \`SERVICE\`; AWS allows one such monitor
  per account, so give each environment's module a tag filter when several share an account).
  \`aws_ce_anomaly_subscription.this[0]\` e-mails a daily summary of anomalies whose total
  impact is at least the threshold (\`ANOMALY_TOTAL_IMPACT_ABSOLUTE\`); immediate alerts need an
  SNS subscriber, which this module does not create. Anomaly detection learns from about ten
  days of history before it reports.
- **Costs counted**: AWS Budgets' defaults (unblended, including tax, support, credits and
  refunds). The limit is sent in dollars and cents (\`format("%.2f", …)\`).
- **Not included**: SNS or Chatbot subscribers, budget actions (stopping resources, IAM
  deny policies), usage, Savings Plans or RI budgets.`,
});
