import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { WafModuleStack, wafSpec } from "../../constructs/waf";
import { PlanJson } from "../../tools/terraform/runner";
import { ModuleRoot } from "../support/module-root";
import { scenarioOutputs, scenarioPlan } from "../support/module-scenarios";
import { after, changes } from "../support/plan";
import { rejectedPlan } from "../support/plan-errors";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([WafModuleStack]).get("waf")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);

describe("waf module", () => {
  it("runs in the configuration it is given and checks CLOUDFRONT scope is in us-east-1", () => {
    expect(JSON.stringify(tf.resource)).not.toMatch(/"(provider|region)":/);
    expect(tf.resource.aws_wafv2_web_acl.this.lifecycle.precondition[0].condition).toBe(
      '${var.scope == "REGIONAL" || local.region == "us-east-1"}',
    );
    expect(files["README.md"]).toContain("providers = { aws = aws.us_east_1 }");
  });
});

describeTerraform("waf module, planned offline with real Terraform", () => {
  let plan: PlanJson;
  beforeAll(() => {
    plan = scenarioPlan("waf", "waf_regional");
  });
  const acl = (call: string) =>
    after(changes(plan, "aws_wafv2_web_acl").find((c) => c.address.startsWith(`module.${call}.`))!);

  it("CLOUDFRONT example: managed groups with the Common body override, rate rule with window, metrics on every rule", () => {
    const a = acl("waf");
    expect(a.scope).toBe("CLOUDFRONT");
    const rules = Object.fromEntries(a.rule.map((r: any) => [r.name, r]));
    expect(Object.keys(rules).sort()).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesSQLiRuleSet",
      "ip-abusers",
      "ip-office",
      "rate-limit",
    ]);
    expect(rules["rate-limit"].statement[0].rate_based_statement[0]).toMatchObject({
      limit: 1000,
      evaluation_window_sec: 300,
      aggregate_key_type: "IP",
    });
    expect(rules["rate-limit"].action[0].block).toHaveLength(1);
    const common = rules["AWSManagedRulesCommonRuleSet"];
    expect(common.override_action[0].none).toHaveLength(1);
    expect(common.statement[0].managed_rule_group_statement[0].rule_action_override).toEqual([
      {
        name: "SizeRestrictions_BODY",
        action_to_use: [expect.objectContaining({ count: [expect.anything()] })],
      },
    ]);
    expect(rules["ip-office"].action[0].allow).toHaveLength(1);
    expect(rules["ip-office"].priority).toBe(0);
    expect(rules["ip-abusers"].priority).toBe(1);
    for (const r of [...a.rule, a])
      expect(r.visibility_config[0]).toMatchObject({
        cloudwatch_metrics_enabled: true,
        sampled_requests_enabled: true,
      });
  });

  it("logs to aws-waf-logs-<name> with authorization and cookie redacted; IP sets keyed by name", () => {
    const groups = changes(plan, "aws_cloudwatch_log_group").map(after);
    expect(groups.map((g) => g.name).sort()).toEqual([
      "aws-waf-logs-shop-dev",
      "aws-waf-logs-shop-prod",
    ]);
    expect(groups.find((g) => g.name === "aws-waf-logs-shop-prod")!.retention_in_days).toBe(365);
    for (const c of changes(plan, "aws_wafv2_web_acl_logging_configuration"))
      expect(after(c).redacted_fields.map((f: any) => f.single_header[0].name)).toEqual([
        "authorization",
        "cookie",
      ]);
    expect(
      changes(plan, "aws_wafv2_ip_set")
        .map((c) => c.address)
        .sort(),
    ).toEqual([
      'module.waf.aws_wafv2_ip_set.this["abusers"]',
      'module.waf.aws_wafv2_ip_set.this["office"]',
    ]);
  });

  it("REGIONAL in count mode: associated by name, nothing blocks, Region in the alarm dimensions", () => {
    const a = acl("waf_regional");
    expect(a.scope).toBe("REGIONAL");
    for (const r of a.rule) {
      if (r.override_action.length) expect(r.override_action[0].count).toHaveLength(1);
      else expect(r.action[0].count).toHaveLength(1);
    }
    expect(a.rule.map((r: any) => r.name)).toContain("AWSManagedRulesAnonymousIpList");
    expect(changes(plan, "aws_wafv2_web_acl_association").map((c) => c.address)).toEqual([
      'module.waf_regional.aws_wafv2_web_acl_association.this["public"]',
    ]);
    expect(scenarioOutputs("waf_regional").blocked_requests_metric).toEqual({
      namespace: "AWS/WAFV2",
      metric_name: "BlockedRequests",
      region: "eu-north-1",
      dimensions: { WebACL: "shop-dev", Rule: "ALL", Region: "eu-north-1" },
    });
    expect(scenarioOutputs("waf").blocked_requests_metric.dimensions).toEqual({
      WebACL: "shop-prod",
      Rule: "ALL",
    });
    expect(scenarioOutputs("waf").blocked_requests_metric.region).toBe("us-east-1");
  });

  it("fails the plan when a CLOUDFRONT web ACL would be created outside us-east-1", () => {
    const root = new ModuleRoot("waf", files);
    root.write({ wrong_region: { ...wafSpec.example, providers: { aws: "aws" } } });
    root.ws.init();
    expect(rejectedPlan(root.ws)).toContain("A CLOUDFRONT web ACL must be created in us-east-1");
  });
});
