import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Wafv2IpSet } from "@cdktf/provider-aws/lib/wafv2-ip-set";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import {
  managedRuleGroupsHcl,
  RATE_RULE_NAME,
  RATE_RULE_PRIORITY,
  REDACTED_HEADERS,
} from "./rule-groups";
import { wafSpec } from "./spec";

/** Generates `terraform-modules/waf`; see `spec.ts` for its interface. */
export class WafModuleStack extends ModuleStack<typeof wafSpec.inputs, typeof wafSpec.outputs> {
  constructor(scope: Construct) {
    super(scope, wafSpec);
    const locals = new TransparentScope(this, "locals");
    // Allow sets before deny sets, each sorted by name: priorities follow from the names alone.
    new TerraformLocal(
      locals,
      "ip_set_order",
      expr.any(
        'concat(sort([for k, s in var.ip_sets : k if s.action == "allow"]), sort([for k, s in var.ip_sets : k if s.action == "block"]))',
      ),
    );
    new TerraformLocal(
      locals,
      "ip_set_rules",
      expr.any(
        "{ for i, k in local.ip_set_order : k => { priority = i, action = var.ip_sets[k].action } }",
      ),
    );
    new TerraformLocal(locals, "managed_rule_groups", expr.any(managedRuleGroupsHcl()));
    new TerraformLocal(
      locals,
      "rule_metric_names",
      expr.any(
        `merge({ for k in local.ip_set_order : "ip-\${k}" => "\${var.name}-ip-\${k}" }, { "${RATE_RULE_NAME}" = "\${var.name}-${RATE_RULE_NAME}" }, { for k in keys(local.managed_rule_groups) : k => "\${var.name}-\${k}" })`,
      ),
    );

    // The Region of the provider configuration the module was given; read offline.
    new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    new TerraformLocal(locals, "region", expr.string("data.aws_region.current.id"));

    const ipSets = TerraformIterator.fromMap(expr.map("var.ip_sets"));
    new Wafv2IpSet(this.scopeFor(Wafv2IpSet), "this", {
      forEach: ipSets,
      name: "${var.name}-${each.key}",
      description: "${each.value.action} list ${each.key} of web ACL ${var.name}",
      scope: this.vars.scope,
      ipAddressVersion: "${each.value.ip_version}",
      addresses: expr.list("each.value.addresses"),
      tags: tagsWithName("${var.name}-${each.key}"),
    });

    const acl = new Wafv2WebAcl(this.scopeFor(Wafv2WebAcl), "this", {
      name: this.vars.name,
      description: "Web ACL ${var.name}: AWS managed rules, rate limit, IP sets",
      scope: this.vars.scope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility("${var.name}"),
      tags: tagsWithName("${var.name}"),
      lifecycle: {
        precondition: [
          {
            condition: expr.any(`var.scope == "REGIONAL" || local.region == "us-east-1"`),
            errorMessage:
              "A CLOUDFRONT web ACL must be created in us-east-1: call the waf module with providers = { aws = aws.us_east_1 }.",
          },
        ],
      },
    });
    // Written as overrides: the rule list is built from the inputs by dynamic blocks.
    acl.addOverride("rule", [rateRule()]);
    acl.addOverride("dynamic.rule", [ipSetRules(), managedGroupRules()]);

    new Wafv2WebAclAssociation(this.scopeFor(Wafv2WebAclAssociation), "this", {
      forEach: TerraformIterator.fromMap(expr.map("var.association_resource_arns")),
      resourceArn: "${each.value}",
      webAclArn: acl.arn,
    });

    const logs = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "this", {
      // WAF delivers only to log groups whose name starts with aws-waf-logs-.
      name: "aws-waf-logs-${var.name}",
      retentionInDays: this.vars.log_retention_days,
      kmsKeyId: this.vars.log_kms_key_arn,
      tags: tagsWithName("aws-waf-logs-${var.name}"),
    });
    new Wafv2WebAclLoggingConfiguration(this.scopeFor(Wafv2WebAclLoggingConfiguration), "this", {
      resourceArn: acl.arn,
      logDestinationConfigs: [logs.arn],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
    });

    this.exportOutputs({
      web_acl_arn: acl.arn,
      web_acl_id: acl.id,
      web_acl_capacity: acl.capacity,
      log_group_name: logs.name,
      rule_metric_names: expr.map("local.rule_metric_names"),
      blocked_requests_metric: expr.map(`{
    namespace   = "AWS/WAFV2"
    metric_name = "BlockedRequests"
    region      = local.region
    dimensions  = merge({ WebACL = var.name, Rule = "ALL" }, var.scope == "REGIONAL" ? { Region = local.region } : {})
  }`),
    });
  }
}

/** Metrics and sampled requests on, under `metricName` (the `Rule`/`WebACL` dimension). */
function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/** The same in the snake_case of a raw block (rules are written as overrides). */
function visibilityBlock(metricName: string) {
  return {
    cloudwatch_metrics_enabled: true,
    sampled_requests_enabled: true,
    metric_name: metricName,
  };
}

/** Exactly one of several empty action blocks, chosen by HCL conditions. */
function oneOf(choices: Record<string, string>) {
  return {
    dynamic: Object.fromEntries(
      Object.entries(choices).map(([block, condition]) => [
        block,
        { for_each: `\${${condition} ? [1] : []}`, content: {} },
      ]),
    ),
  };
}

const blockOrCount = oneOf({ block: "!var.count_mode", count: "var.count_mode" });

function rateRule() {
  return {
    name: RATE_RULE_NAME,
    priority: RATE_RULE_PRIORITY,
    action: blockOrCount,
    statement: {
      rate_based_statement: {
        limit: "${var.rate_limit}",
        evaluation_window_sec: "${var.rate_limit_evaluation_window_sec}",
        aggregate_key_type: "IP",
      },
    },
    visibility_config: visibilityBlock(`\${var.name}-${RATE_RULE_NAME}`),
  };
}

function ipSetRules() {
  return {
    for_each: "${local.ip_set_rules}",
    content: {
      name: "ip-${rule.key}",
      priority: "${rule.value.priority}",
      action: oneOf({
        allow: 'rule.value.action == "allow"',
        block: 'rule.value.action == "block" && !var.count_mode',
        count: 'rule.value.action == "block" && var.count_mode',
      }),
      statement: {
        ip_set_reference_statement: { arn: "${aws_wafv2_ip_set.this[rule.key].arn}" },
      },
      visibility_config: visibilityBlock("${var.name}-ip-${rule.key}"),
    },
  };
}

function managedGroupRules() {
  return {
    for_each: "${local.managed_rule_groups}",
    content: {
      name: "${rule.key}",
      priority: "${rule.value.priority}",
      override_action: oneOf({ none: "!var.count_mode", count: "var.count_mode" }),
      statement: {
        managed_rule_group_statement: {
          name: "${rule.key}",
          vendor_name: "AWS",
          dynamic: {
            rule_action_override: {
              for_each: "${rule.value.count_rules}",
              iterator: "override",
              content: { name: "${override.value}", action_to_use: { count: {} } },
            },
          },
        },
      },
      visibility_config: visibilityBlock("${var.name}-${rule.key}"),
    },
  };
}
