import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import {
  MANAGED_RULE_GROUP_NAMES,
  MAX_IP_SETS,
  RATE_EVALUATION_WINDOWS,
  REDACTED_HEADERS,
} from "./rule-groups";

export const WAF_SCOPES = ["CLOUDFRONT", "REGIONAL"] as const;
export type WafScope = (typeof WAF_SCOPES)[number];

const ipSet = tf.object({
  action: tf.string,
  addresses: tf.list(tf.string),
  ip_version: tf.optional(tf.string, "IPV4"),
});

export const wafSpec = defineModule({
  name: "waf",
  description:
    "A WAFv2 web ACL for a CloudFront distribution (scope `CLOUDFRONT`) or for ALBs in the " +
    "environment's Region (`REGIONAL`, with associations): AWS managed rule groups (IP " +
    "reputation, Common, KnownBadInputs, SQLi, optionally anonymous IPs) with per-rule count " +
    "overrides, a rate-based rule per client IP, optional IP allow/deny sets, a whole-ACL count " +
    "mode for trying it out, CloudWatch metrics and sampled requests on every rule, and logs " +
    "to a CloudWatch log group with the `authorization` and `cookie` headers redacted.",
  exampleDefaultProviderAlias: "us_east_1",
  inputs: {
    name: required(
      tf.string,
      "Name of the web ACL, prefix of its rule metric names and IP sets, and of the log group " +
        "`aws-waf-logs-<name>`.",
      { validation: [nameValidation()] },
    ),
    scope: optional(
      tf.string,
      "CLOUDFRONT",
      "`CLOUDFRONT` (default): for distributions; the module must then run in us-east-1 " +
        "(`providers = { aws = aws.us_east_1 }`), which a precondition checks. `REGIONAL`: for " +
        "ALBs in the Region the module runs in, attached through `association_resource_arns`.",
      { validation: [validate.oneOf("scope", WAF_SCOPES)] },
    ),
    association_resource_arns: optional(
      tf.map(tf.string),
      {},
      "REGIONAL only: resources to protect (ALB ARNs), keyed by a stable name " +
        '(`aws_wafv2_web_acl_association.this["<name>"]`). Default {}. A distribution is ' +
        "attached from its own side instead (the cdn module's `web_acl_id`).",
      {
        validation: [
          {
            condition: 'var.scope == "REGIONAL" || length(var.association_resource_arns) == 0',
            errorMessage:
              "association_resource_arns must be empty when scope = CLOUDFRONT: a distribution takes the web ACL ARN itself (cdn module web_acl_id).",
            rejects: {
              value: {
                alb: "arn:aws:elasticloadbalancing:eu-north-1:123456789012:loadbalancer/app/shop/0123456789abcdef",
              },
            },
          },
          {
            condition:
              'alltrue([for a in values(var.association_resource_arns) : can(regex("^arn:aws[a-z-]*:", a))])',
            errorMessage: "association_resource_arns values must be ARNs (arn:aws:…).",
            rejects: { value: { alb: "shop-prod" }, alongside: { scope: "REGIONAL" } },
          },
        ],
      },
    ),
    count_mode: optional(
      tf.bool,
      false,
      "Every rule counts instead of blocking (managed groups, rate rule, deny sets; allow sets " +
        "still allow). Default false. For dev and for trying new rules: the metrics and logs " +
        "show what would have been blocked.",
    ),
    enable_sqli_rule_set: optional(
      tf.bool,
      true,
      "Run AWSManagedRulesSQLiRuleSet (200 WCU). Default true.",
    ),
    enable_anonymous_ip_list: optional(
      tf.bool,
      false,
      "Run AWSManagedRulesAnonymousIpList (VPNs, Tor, hosting providers; 50 WCU). Default " +
        "false: it also blocks legitimate users behind VPNs and server-side callers in clouds.",
    ),
    managed_rule_count_overrides: optional(
      tf.map(tf.list(tf.string)),
      {},
      "Rules of a managed group that only count, keyed by group name, e.g. " +
        '`{ AWSManagedRulesCommonRuleSet = ["SizeRestrictions_BODY"] }` for APIs that accept ' +
        "request bodies over 8 KB, which that rule blocks. Default {}.",
      {
        validation: [
          {
            condition: `alltrue([for k in keys(var.managed_rule_count_overrides) : contains(${JSON.stringify(MANAGED_RULE_GROUP_NAMES)}, k)])`,
            errorMessage: `managed_rule_count_overrides keys must be managed rule group names: ${MANAGED_RULE_GROUP_NAMES.join(", ")}.`,
            rejects: { value: { CommonRuleSet: ["SizeRestrictions_BODY"] } },
          },
          {
            condition:
              'alltrue([for rules in values(var.managed_rule_count_overrides) : alltrue([for r in rules : can(regex("^[A-Za-z0-9_-]{1,128}$", r))])])',
            errorMessage:
              "managed_rule_count_overrides rule names must be managed rule names such as SizeRestrictions_BODY.",
            rejects: { value: { AWSManagedRulesCommonRuleSet: ["Size Restrictions"] } },
          },
        ],
      },
    ),
    rate_limit: optional(
      tf.number,
      2000,
      "Requests one client IP may send per evaluation window before it is blocked (counted in " +
        "count mode) until its rate drops. Default 2000.",
      { validation: [validate.range("rate_limit", 10, 2000000000)] },
    ),
    rate_limit_evaluation_window_sec: optional(
      tf.number,
      300,
      `Window the rate is measured over, seconds: ${RATE_EVALUATION_WINDOWS.join(", ")}. Default 300.`,
      {
        validation: [validate.oneOf("rate_limit_evaluation_window_sec", RATE_EVALUATION_WINDOWS)],
      },
    ),
    ip_sets: optional(
      tf.map(ipSet),
      {},
      'IP sets keyed by a stable name (`aws_wafv2_ip_set.this["<name>"]`): `action` `allow` ' +
        "(evaluated first; matching requests skip every other rule) or `block`; `addresses` as " +
        "CIDRs; `ip_version` IPV4 (default) or IPV6. Default {}.",
      {
        validation: [
          {
            condition: `length(var.ip_sets) <= ${MAX_IP_SETS} && alltrue([for k in keys(var.ip_sets) : can(regex("^[a-z0-9][a-z0-9_-]{0,49}$", k))])`,
            errorMessage: `ip_sets keys must be 1–50 characters of a-z, 0-9, _ and - (they name rules and metrics), at most ${MAX_IP_SETS} sets.`,
            rejects: { value: { Office: { action: "allow", addresses: ["203.0.113.0/24"] } } },
          },
          {
            condition:
              'alltrue([for s in values(var.ip_sets) : contains(["allow", "block"], s.action)])',
            errorMessage: "every ip_sets action must be allow or block.",
            rejects: { value: { office: { action: "count", addresses: ["203.0.113.0/24"] } } },
          },
          {
            condition:
              'alltrue([for s in values(var.ip_sets) : contains(["IPV4", "IPV6"], s.ip_version) && length(s.addresses) > 0 && alltrue([for a in s.addresses : can(cidrhost(a, 0)) && (s.ip_version == "IPV4") == can(cidrnetmask(a))])])',
            errorMessage:
              "every ip_sets entry needs ip_version IPV4 or IPV6 and at least one CIDR of that version (e.g. 203.0.113.0/24).",
            // An IPv6 CIDR in an IPV4 set.
            rejects: { value: { office: { action: "allow", addresses: ["2001:db8::/32"] } } },
          },
        ],
      },
    ),
    log_retention_days: optional(
      tf.number,
      90,
      "Retention of the WAF log group, days. Default 90.",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    log_kms_key_arn: optional(
      tf.string,
      null,
      "KMS key encrypting the log group; its policy must let CloudWatch Logs use it. Default " +
        "null: CloudWatch Logs' own encryption.",
      { validation: [validate.optionalArn("log_kms_key_arn", "kms")] },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),
  },
  outputs: {
    web_acl_arn: output(
      tf.string,
      "ARN of the web ACL: the cdn module's `web_acl_id` (CloudFront takes the ARN for WAFv2).",
    ),
    web_acl_id: output(tf.string, "ID of the web ACL."),
    web_acl_capacity: output(tf.number, "Web ACL capacity units the rules use (1,500 included)."),
    log_group_name: output(tf.string, "The log group receiving the WAF logs."),
    rule_metric_names: output(
      tf.map(tf.string),
      "CloudWatch metric name (the `Rule` dimension) per rule name.",
    ),
    blocked_requests_metric: output(
      tf.object({
        namespace: tf.string,
        metric_name: tf.string,
        region: tf.string,
        dimensions: tf.map(tf.string),
      }),
      "What a blocked-requests alarm watches: namespace `AWS/WAFV2`, metric `BlockedRequests`, " +
        "the Region the metric is in (us-east-1 for CLOUDFRONT) and its dimensions (`WebACL`, " +
        "`Rule = ALL`, and `Region` for REGIONAL).",
    ),
  },
  example: {
    name: "shop-prod",
    scope: "CLOUDFRONT",
    managed_rule_count_overrides: { AWSManagedRulesCommonRuleSet: ["SizeRestrictions_BODY"] },
    rate_limit: 1000,
    rate_limit_evaluation_window_sec: 300,
    ip_sets: {
      office: { action: "allow", addresses: ["203.0.113.0/24"] },
      abusers: { action: "block", addresses: ["198.51.100.7/32"] },
    },
    log_retention_days: 365,
    tags: { Component: "edge" },
  },
  notes: `## Design notes

- **Region by provider, one approach for the edge modules**: the module creates everything
  (web ACL, IP sets, log group) through the default \`aws\` configuration it is given. A
  \`CLOUDFRONT\` web ACL must be created in us-east-1, and its log group must be there too, so
  call it with \`providers = { aws = aws.us_east_1 }\` (TypeScript: \`defaultProviderAlias:
  "us_east_1"\`); a precondition on the web ACL fails the plan when a CLOUDFRONT ACL would be
  created elsewhere. A \`REGIONAL\` ACL is a call without \`providers\`, in the environment's
  Region, with \`association_resource_arns\` for its ALBs.
- **Rules and priorities**: allow sets (0–99, allow sets first), the rate rule (100), then the
  managed groups at fixed priorities: ${"`"}AWSManagedRulesAmazonIpReputationList${"`"} 200,
  ${"`"}AWSManagedRulesAnonymousIpList${"`"} 210 (optional), ${"`"}AWSManagedRulesCommonRuleSet${"`"} 220,
  ${"`"}AWSManagedRulesKnownBadInputsRuleSet${"`"} 230, ${"`"}AWSManagedRulesSQLiRuleSet${"`"} 240 (default on).
  All of them together use about 1,180 WCU, under the 1,500 included in the base price.
  The default action is allow: the rules decide what is blocked.
- **SizeRestrictions_BODY**: the Common rule set blocks request bodies over 8 KB (what WAF
  inspects of a body at CloudFront's default). APIs that accept larger uploads list the rule
  in \`managed_rule_count_overrides\` so it only counts.
- **Count mode** (\`count_mode = true\`, e.g. in dev): managed groups run with their override
  action \`count\`, the rate rule and deny sets count; nothing is blocked, but the
  \`CountedRequests\` metrics, sampled requests and logs show what would have been.
- **Rate rule**: aggregated per client IP (for CloudFront the viewer address), over
  \`rate_limit_evaluation_window_sec\` (provider 5.40+).
- **Logging**: log group \`aws-waf-logs-<name>\` (WAF requires the prefix) with
  \`log_retention_days\`, the ${REDACTED_HEADERS.map((h) => `\`${h}\``).join(" and ")} headers
  redacted. WAF adds the log group resource policy for log delivery itself (the applying role
  needs \`logs:PutResourcePolicy\` and \`logs:DescribeResourcePolicies\`; a Region holds at
  most 10 such policies).
- **Alarms**: \`blocked_requests_metric\` gives the namespace, metric, Region and dimensions of the
  whole ACL's \`BlockedRequests\`; \`rule_metric_names\` the \`Rule\` dimension per rule.
- **Addresses**: \`aws_wafv2_web_acl.this\`, \`aws_wafv2_ip_set.this["<name>"]\`,
  \`aws_wafv2_web_acl_association.this["<name>"]\`, \`aws_cloudwatch_log_group.this\`.
- **Not included**: Bot Control, account takeover prevention, CAPTCHA/challenge actions, custom
  rule statements, label-based scope-downs.`,
});
