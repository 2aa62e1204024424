import { inventoryExample, inventoryInputs } from "../core/inventory";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { WAF_SCOPES } from "../waf/spec";
import { MONITORING_NOTES } from "./notes";
import { serviceThresholdsInput, thresholdsInput } from "./thresholds";

/** Protocols of `critical_endpoints`: a paging service's HTTPS webhook, or an SMS number. */
export const CRITICAL_ENDPOINT_PROTOCOLS = ["https", "sms"] as const;

/** Deliberately loose: SNS confirms the address by mail; this only catches typos like a missing @. */
const EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

export const monitoringSpec = defineModule({
  name: "monitoring",
  description:
    "The alarm set of one environment: a critical and a warning SNS topic encrypted with a " +
    "customer-managed KMS key that CloudWatch may use, e-mail subscriptions to both and paging " +
    "endpoints (HTTPS, SMS) on the critical one, SLO alarms (multi-window burn rate on the 5xx " +
    "share, p95 latency) when an SLO is given, and CloudWatch alarms derived from an " +
    "inventory of ALBs and target groups, ECS services, HTTP APIs, databases and caches " +
    "(warning and critical levels where the reference table gives two), each keyed by the " +
    "inventory's stable names and notifying its severity's topic on ALARM and OK.",
  inputs: {
    name: required(tf.string, "Prefix of the topics, key alias and every alarm name.", {
      validation: [nameValidation()],
    }),
    account_id: required(
      tf.string,
      "AWS account ID (12 digits) of the environment: its root administers the KMS key and " +
        "only its CloudWatch alarms may publish to the topics.",
      { validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")] },
    ),
    alarm_emails: optional(
      tf.list(tf.string),
      [],
      "E-mail addresses subscribed to both topics (each must confirm each subscription mail). " +
        "Default: none, e.g. while a chat or paging integration subscribes to `topic_arn` itself.",
      {
        validation: [
          {
            condition: `alltrue([for e in var.alarm_emails : can(regex(${JSON.stringify(EMAIL_PATTERN)}, e))])`,
            errorMessage: "alarm_emails must be e-mail addresses such as oncall@example.com.",
            rejects: { value: ["oncall.example.com"] },
          },
        ],
      },
    ),
    enabled: optional(
      tf.bool,
      true,
      "Whether alarms notify their topic (`actions_enabled`). Default true; false keeps every " +
        "alarm and its state visible (dev) without sending anything.",
    ),
    critical_endpoints: optional(
      tf.map(tf.object({ protocol: tf.string, endpoint: tf.string })),
      {},
      "Endpoints paged by critical alarms only, keyed by a stable name: `protocol` `https` (a " +
        "paging service's SNS webhook, e.g. PagerDuty or Opsgenie, which confirm the " +
        "subscription themselves) or `sms` (an E.164 phone number). Default: none.",
      {
        validation: [
          {
            condition: `alltrue([for k, e in var.critical_endpoints : contains(${JSON.stringify(CRITICAL_ENDPOINT_PROTOCOLS)}, e.protocol)])`,
            errorMessage: `critical_endpoints protocol must be one of: ${CRITICAL_ENDPOINT_PROTOCOLS.join(", ")}.`,
            // Case matters; the endpoint is a valid number, so only this rule fails.
            rejects: { value: { "duty-phone": { protocol: "SMS", endpoint: "+46701234567" } } },
          },
          {
            condition:
              'alltrue([for k, e in var.critical_endpoints : e.protocol == "https" ? startswith(e.endpoint, "https://") : can(regex("^[+][1-9][0-9]{6,14}$", e.endpoint))])',
            errorMessage:
              "critical_endpoints endpoint must be an https:// URL (protocol https) or an E.164 phone number such as +46701234567 (protocol sms).",
            // A national number, without the country code.
            rejects: { value: { "duty-phone": { protocol: "sms", endpoint: "0701234567" } } },
          },
        ],
      },
    ),
    ...inventoryInputs,
    web_acls: optional(
      tf.map(tf.object({ scope: tf.string })),
      {},
      "WAFv2 web ACLs keyed by name (the waf module's `name`, their `WebACL` metric dimension) " +
        "with their `scope`: each gets a warning alarm on `BlockedRequests` of all its rules " +
        "above `thresholds.waf_blocked_requests` per period. `REGIONAL` ones alarm in this " +
        "Region; `CLOUDFRONT` ones in us-east-1, where their metrics are, through " +
        "`aws.us_east_1`, notifying a topic there (`<name>-alarms-edge`, encrypted with a key " +
        "of its own there, subscribed by `alarm_emails`), since alarms publish only to topics " +
        "of their own Region. Default: none.",
      {
        validation: [
          {
            condition:
              'alltrue([for k in keys(var.web_acls) : can(regex("^[A-Za-z0-9_-]{1,128}$", k))])',
            errorMessage:
              "web_acls keys must be web ACL names: 1–128 characters of A-Z, a-z, 0-9, _ and -.",
            rejects: { value: { "shop prod": { scope: "REGIONAL" } } },
          },
          {
            condition: `alltrue([for w in values(var.web_acls) : contains(${JSON.stringify(WAF_SCOPES)}, w.scope)])`,
            errorMessage: `web_acls scope must be one of: ${WAF_SCOPES.join(", ")}.`,
            rejects: { value: { "shop-prod": { scope: "GLOBAL" } } },
          },
        ],
      },
    ),
    thresholds: thresholdsInput,
    service_thresholds: serviceThresholdsInput,
    slo: optional(
      tf.object({
        availability_percent: tf.number,
        latency_p95_ms: tf.optional(tf.number),
      }),
      null,
      "Service level objective of the entry point (the HTTP APIs when `apis` is not empty, else " +
        "the ALBs): `availability_percent` (e.g. 99.9, 002's target) alarms on the 5xx share with " +
        "multi-window burn rates (1 h and 5 min at 14.4x: critical; 6 h and 30 min at 6x: " +
        "warning), `latency_p95_ms` (e.g. 500) on p95 latency sustained for 15 minutes. " +
        "Default: null, no SLO alarms.",
      {
        validation: [
          {
            condition:
              "var.slo == null ? true : var.slo.availability_percent >= 90 && var.slo.availability_percent < 100",
            errorMessage:
              "slo.availability_percent must be at least 90 and below 100 (e.g. 99.9); below 90 the fast burn rate exceeds 100 % errors.",
            // A fraction instead of a percentage.
            rejects: { value: { availability_percent: 0.999 } },
          },
          {
            condition:
              "var.slo == null ? true : (var.slo.latency_p95_ms == null ? true : var.slo.latency_p95_ms > 0)",
            errorMessage: "slo.latency_p95_ms must be a positive number of milliseconds.",
            rejects: { value: { availability_percent: 99.9, latency_p95_ms: 0 } },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    topic_arn: output(
      tf.string,
      "ARN of the critical topic (`<name>-alarms`), for more subscriptions (chat, paging) or other alarms.",
    ),
    warning_topic_arn: output(
      tf.string,
      "ARN of the warning topic (`<name>-alarms-warning`), e.g. for a chat channel or a ticket queue.",
    ),
    kms_key_arn: output(tf.string, "ARN of the KMS key encrypting both topics."),
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
  providerAliases: ["us_east_1"],
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    alarm_emails: ["oncall@example.com"],
    enabled: true,
    critical_endpoints: {
      pagerduty: {
        protocol: "https",
        endpoint:
          "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue",
      },
      "duty-phone": { protocol: "sms", endpoint: "+46701234567" },
    },
    ...inventoryExample,
    web_acls: { "shop-prod": { scope: "CLOUDFRONT" }, "shop-prod-api": { scope: "REGIONAL" } },
    thresholds: { latency_warning_ms: 400, db_free_storage_percent: 15 },
    service_thresholds: { doctor: { ecs_cpu_warning_percent: 60, latency_warning_ms: 800 } },
    slo: { availability_percent: 99.9, latency_p95_ms: 500 },
  },
  notes: MONITORING_NOTES,
});
