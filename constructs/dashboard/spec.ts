import { inventoryExample, inventoryInputs } from "../core/inventory";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { DASHBOARD_NOTES } from "./notes";

const exampleAlarmArn = (name: string) =>
  `arn:aws:cloudwatch:eu-north-1:123456789012:alarm:shop-prod-${name}`;

export const dashboardSpec = defineModule({
  name: "dashboard",
  description:
    "The CloudWatch dashboards of one environment, drawn from the same inventory as the " +
    "monitoring module and laid out in sorted key order: the application (the alarm status of " +
    "the given alarms; requests, 4xx/5xx, p95/p99 latency per ALB, target group and HTTP API), " +
    "the infrastructure (ECS CPU, memory and tasks; database CPU, connections and free storage; " +
    "cache CPU, memory and evictions), security (4xx/5xx, failed authorizations from API access " +
    "logs, WAF blocks, failed console sign-ins from CloudTrail, with the log metric filters " +
    "they need) and, optionally, business metrics from a custom namespace.",
  inputs: {
    name: required(
      tf.string,
      "Name of the dashboard, usually the environment's prefix (`shop-prod`); shown in its header.",
      { validation: [nameValidation()] },
    ),
    region: required(
      tf.string,
      "Region the widgets read metrics from, the environment's region (e.g. `eu-north-1`).",
      {
        validation: [
          validate.pattern(
            "region",
            "^[a-z]{2}(-[a-z]+)+-[0-9]+$",
            "an AWS region such as eu-north-1",
          ),
        ],
      },
    ),
    ...inventoryInputs,
    alarm_arns: optional(
      tf.list(tf.string),
      [],
      "Alarms shown in the alarm status widgets (the monitoring module's `alarm_arns` values). " +
        "Default: none, and then no alarm widget.",
      {
        validation: [
          {
            condition:
              'alltrue([for a in var.alarm_arns : can(regex("^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:[0-9]{12}:alarm:.+$", a))])',
            errorMessage:
              "alarm_arns must be CloudWatch alarm ARNs (arn:aws:cloudwatch:<region>:<account>:alarm:<name>).",
            // The alarms' SNS topic instead of an alarm.
            rejects: { value: ["arn:aws:sns:eu-north-1:123456789012:shop-prod-alarms"] },
          },
        ],
      },
    ),
    api_access_log_groups: optional(
      tf.map(tf.string),
      {},
      "Access log group of each HTTP API, keyed like `apis` (the api-gateway module's " +
        "`log_group_name`, whose JSON lines carry `status`): a metric filter counts 401 and 403 " +
        "responses as failed authorizations for the security dashboard. Default: none.",
    ),
    cloudtrail_log_group_name: optional(
      tf.string,
      null,
      "CloudWatch Logs group of the CloudTrail trail (the audit module's `log_group_name`): a " +
        "metric filter counts failed console sign-ins for the security dashboard. Default null: " +
        "no such widget.",
    ),
    waf_web_acl: optional(
      tf.object({ metric_name: tf.string, scope: tf.optional(tf.string, "REGIONAL") }),
      null,
      "A WAFv2 web ACL whose blocked and allowed requests the security dashboard shows: its " +
        "`metric_name` (visibility config) and `scope` (`REGIONAL`, or `CLOUDFRONT`, whose " +
        "metrics live in us-east-1). Default null: no WAF widget.",
      {
        validation: [
          {
            condition:
              'var.waf_web_acl == null ? true : contains(["REGIONAL", "CLOUDFRONT"], var.waf_web_acl.scope)',
            errorMessage: "waf_web_acl.scope must be REGIONAL or CLOUDFRONT.",
            rejects: { value: { metric_name: "shop-prod-edge", scope: "GLOBAL" } },
          },
        ],
      },
    ),
    business_metrics: optional(
      tf.object({
        namespace: tf.string,
        metrics: tf.list(
          tf.object({
            name: tf.string,
            label: tf.string,
            stat: tf.optional(tf.string, "Sum"),
            dimensions: tf.optional(tf.map(tf.string), {}),
          }),
        ),
      }),
      null,
      "Metrics the application publishes to its own CloudWatch namespace (004: PDFs processed, " +
        "form submissions, payments), one graph each on a `<name>-business` dashboard. " +
        "Default null: no business dashboard.",
      {
        validation: [
          {
            condition:
              'var.business_metrics == null ? true : (length(var.business_metrics.metrics) >= 1 && !startswith(var.business_metrics.namespace, "AWS/"))',
            errorMessage:
              "business_metrics needs at least one metric and a namespace of its own (not AWS/…).",
            rejects: {
              value: {
                namespace: "AWS/Shop",
                metrics: [{ name: "OrdersPlaced", label: "Orders placed" }],
              },
            },
          },
        ],
      },
    ),
  },
  outputs: {
    dashboard_name: output(tf.string, "Name of the application dashboard (`<name>`)."),
    dashboard_arn: output(tf.string, "ARN of the application dashboard."),
    dashboard_names: output(
      tf.list(tf.string),
      "Names of every dashboard: application, `-infrastructure`, `-security`, and `-business` when given.",
    ),
  },
  example: {
    name: "shop-prod",
    region: "eu-north-1",
    ...inventoryExample,
    api_access_log_groups: { public: "/aws/apigateway/shop-prod" },
    cloudtrail_log_group_name: "/aws/cloudtrail/shop-prod",
    waf_web_acl: { metric_name: "shop-prod-edge", scope: "CLOUDFRONT" },
    business_metrics: {
      namespace: "Shop/Business",
      metrics: [
        { name: "OrdersPlaced", label: "Orders placed" },
        { name: "PaymentsFailed", label: "Failed payments", dimensions: { Provider: "stripe" } },
      ],
    },
    alarm_arns: [
      exampleAlarmArn("ecs-eshop-cpu-critical"),
      exampleAlarmArn("alb-internal/eshop-target-5xx-critical"),
      exampleAlarmArn("db-main-connections-critical"),
    ],
  },
  notes: DASHBOARD_NOTES,
});
