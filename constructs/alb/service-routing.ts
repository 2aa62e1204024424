import { LbListenerRule, LbListenerRuleConfig } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroupConfig } from "@cdktf/provider-aws/lib/lb-target-group";
import { expr, tagsWithName } from "../core/expressions";

/**
 * What every target group and listener rule of a service is made of, for the resources that
 * iterate over services (`each.value` is the service object, `each.key` its name): the
 * rolling services' ones in module.ts and the blue/green ones in blue-green.ts.
 */
export function serviceTargetGroup(
  name: string,
  vpcId: string,
): Omit<LbTargetGroupConfig, "forEach"> {
  return {
    name,
    port: expr.number("each.value.port"),
    protocol: "HTTP",
    targetType: "${each.value.target_type}",
    vpcId,
    deregistrationDelay: "${each.value.deregistration_delay}",
    slowStart: expr.number("each.value.slow_start"),
    healthCheck: {
      enabled: true,
      protocol: "HTTP",
      port: "traffic-port",
      path: "${each.value.health_check.path}",
      matcher: "${each.value.health_check.matcher}",
      healthyThreshold: expr.number("each.value.health_check.healthy_threshold"),
      unhealthyThreshold: expr.number("each.value.health_check.unhealthy_threshold"),
      interval: expr.number("each.value.health_check.interval"),
      timeout: expr.number("each.value.health_check.timeout"),
    },
    tags: tagsWithName(`${name}`, { Service: "${each.key}" }),
  };
}

/**
 * A listener rule per service forwarding to its (blue) target group, matching a condition
 * block per kind the service uses; the spec guarantees at least one.
 */
export function serviceListenerRule(
  scope: ConstructorParameters<typeof LbListenerRule>[0],
  id: string,
  config: Pick<LbListenerRuleConfig, "forEach" | "listenerArn" | "lifecycle">,
  /** Further dynamic condition blocks every rule carries (the CloudFront origin-verify header). */
  extraConditions: readonly Record<string, unknown>[] = [],
  /** Where the rule forwards. Default: the service's own target group. */
  targetGroupArn = "${aws_lb_target_group.service[each.key].arn}",
): LbListenerRule {
  const rule = new LbListenerRule(scope, id, {
    ...config,
    priority: expr.number("each.value.priority"),
    action: [{ type: "forward", targetGroupArn }],
    condition: [],
    tags: tagsWithName("${var.name}-${each.key}", { Service: "${each.key}" }),
  });
  rule.addOverride("condition", undefined);
  rule.addOverride("dynamic.condition", [
    conditionBlock("path_pattern", "each.value.path_patterns"),
    conditionBlock("host_header", "each.value.host_headers"),
    ...extraConditions,
  ]);
  return rule;
}

function conditionBlock(kind: "path_pattern" | "host_header", values: string) {
  return {
    for_each: `\${length(${values}) > 0 ? [${values}] : []}`,
    content: { [kind]: { values: "${condition.value}" } },
  };
}
