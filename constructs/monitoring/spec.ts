import { inventoryExample, inventoryInputs } from "../core/inventory";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { MONITORING_NOTES } from "./notes";
import { thresholdsInput } from "./thresholds";

/** Deliberately loose: SNS confirms the address by mail; this only catches typos like a missing @. */
const EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

export const monitoringSpec = defineModule({
  name: "monitoring",
  description:
    "The alarm set of one environment: an SNS topic encrypted with a customer-managed KMS key " +
    "that CloudWatch may use, e-mail subscriptions, and CloudWatch alarms derived from an " +
    "inventory of ALBs and target groups, ECS services, HTTP APIs, databases and caches " +
    "(warning and critical levels where the reference table gives two), each keyed by the " +
    "inventory's stable names and notifying the topic on ALARM and OK.",
  inputs: {
    name: required(tf.string, "Prefix of the topic, key alias and every alarm name.", {
      validation: [nameValidation()],
    }),
    account_id: required(
      tf.string,
      "AWS account ID (12 digits) of the environment: its root administers the KMS key and " +
        "only its CloudWatch alarms may publish to the topic.",
      { validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")] },
    ),
    alarm_emails: optional(
      tf.list(tf.string),
      [],
      "E-mail addresses subscribed to the topic (each must confirm the subscription mail). " +
        "Default: none, e.g. while a chat or paging integration subscribes to `topic_arn` itself.",
      {
        validation: [
          {
            condition: `alltrue([for e in var.alarm_emails : can(regex(${JSON.stringify(EMAIL_PATTERN)}, e))])`,
            errorMessage: "alarm_emails must be e-mail addresses such as oncall@example.com.",
          },
        ],
      },
    ),
    enabled: optional(
      tf.bool,
      true,
      "Whether alarms notify the topic (`actions_enabled`). Default true; false keeps every " +
        "alarm and its state visible (dev) without sending anything.",
    ),
    ...inventoryInputs,
    thresholds: thresholdsInput,
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    topic_arn: output(
      tf.string,
      "ARN of the alarm topic, for more subscriptions (chat, paging) or other alarms.",
    ),
    kms_key_arn: output(tf.string, "ARN of the KMS key encrypting the topic."),
    alarm_names: output(tf.list(tf.string), "Names of every alarm of the module, sorted."),
    alarm_names_by_service: output(
      tf.map(tf.list(tf.string)),
      "Per ECS service key: the names of its critical alarms (CPU, memory, running tasks, and " +
        "the 5xx, p95 and unhealthy-host alarms of target groups with the same key), for the " +
        "ecs-service module's deployment alarm rollback. Warnings are left out so they never " +
        "roll a deployment back.",
    ),
    alarm_arns: output(
      tf.map(tf.string),
      "ARN of every alarm keyed by alarm name, e.g. for the dashboard's alarm status widget.",
    ),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    alarm_emails: ["oncall@example.com"],
    enabled: true,
    ...inventoryExample,
    thresholds: { latency_warning_ms: 400, db_free_storage_percent: 15 },
  },
  notes: MONITORING_NOTES,
});
