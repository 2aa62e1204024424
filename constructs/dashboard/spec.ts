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
    "One CloudWatch dashboard per environment, drawn from the same inventory as the " +
    "monitoring module: a header naming the environment, the alarm status of the given " +
    "alarms, application widgets (requests, 4xx/5xx, p95/p99 latency per ALB, target group " +
    "and HTTP API) and infrastructure widgets (ECS CPU, memory and tasks; database CPU, " +
    "connections and free storage; cache CPU, memory and evictions), laid out in sorted key order.",
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
          },
        ],
      },
    ),
  },
  outputs: {
    dashboard_name: output(tf.string, "Name of the dashboard."),
    dashboard_arn: output(tf.string, "ARN of the dashboard."),
  },
  example: {
    name: "shop-prod",
    region: "eu-north-1",
    ...inventoryExample,
    alarm_arns: [
      exampleAlarmArn("ecs-eshop-cpu-critical"),
      exampleAlarmArn("alb-internal/eshop-target-5xx-critical"),
      exampleAlarmArn("db-main-connections-critical"),
    ],
  },
  notes: DASHBOARD_NOTES,
});
