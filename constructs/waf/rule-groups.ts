/**
 * The AWS managed rule groups the module can run, in evaluation order (cheap reputation lists
 * first, so known-bad sources are dropped before the body-inspecting sets), with fixed
 * priorities so that switching one on or off never renumbers another. `enabledBy` names the
 * boolean input that switches an optional group; the others always run.
 */
export const MANAGED_RULE_GROUPS = [
  { name: "AWSManagedRulesAmazonIpReputationList", priority: 200 },
  {
    name: "AWSManagedRulesAnonymousIpList",
    priority: 210,
    enabledBy: "enable_anonymous_ip_list",
  },
  { name: "AWSManagedRulesCommonRuleSet", priority: 220 },
  { name: "AWSManagedRulesKnownBadInputsRuleSet", priority: 230 },
  { name: "AWSManagedRulesSQLiRuleSet", priority: 240, enabledBy: "enable_sqli_rule_set" },
] as const;

export const MANAGED_RULE_GROUP_NAMES = MANAGED_RULE_GROUPS.map((g) => g.name);

/** Priority of the rate-based rule: after every IP set rule (0–99), before the managed groups. */
export const RATE_RULE_PRIORITY = 100;
export const MAX_IP_SETS = RATE_RULE_PRIORITY;
export const RATE_RULE_NAME = "rate-limit";

/** Evaluation windows a rate-based rule accepts (seconds); provider 5.40+. */
export const RATE_EVALUATION_WINDOWS = [60, 120, 300, 600] as const;

/** Headers never written to the WAF logs: credentials and session cookies. */
export const REDACTED_HEADERS = ["authorization", "cookie"] as const;

/** The HCL map of enabled groups: name → priority and the rules overridden to count. */
export function managedRuleGroupsHcl(): string {
  const entries = MANAGED_RULE_GROUPS.map(
    (g) =>
      `${g.name} = { priority = ${g.priority}, enabled = ${"enabledBy" in g ? `var.${g.enabledBy}` : "true"} }`,
  ).join(", ");
  return `{ for name, g in { ${entries} } : name => { priority = g.priority, count_rules = lookup(var.managed_rule_count_overrides, name, []) } if g.enabled }`;
}
