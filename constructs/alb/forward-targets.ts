import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { TerraformIterator } from "cdktf";
import { expr, tagsWithName } from "../core/expressions";
import { optional } from "../core/module-spec";
import { ReadableStack } from "../core/readable-stack";
import { tf } from "../core/tf-types";
import { EXAMPLE_SERVICES } from "./example-services";
import { serviceListenerRule } from "./service-routing";

/**
 * Target groups the ALB forwards to but does not own: an Auto Scaling tier's instance target
 * group (the asg module makes it, with its health check, stickiness and CodeDeploy wiring).
 * Each gets a listener rule and the ALB's egress to the tier's security group, keyed by name
 * like the services, so adding one touches no other address.
 */
/** A valid forward target, for the bad values of its rules. */
const LEGACY_TARGET = {
  target_group_arn:
    "arn:aws:elasticloadbalancing:eu-north-1:123456789012:targetgroup/shop-legacy/0123456789abcdef",
  security_group_id: "sg-0a1b2c3d4e5f60715",
  port: 8080,
  priority: 400,
  path_patterns: ["/legacy/*"],
};

export const forwardTargetInputs = {
  forward_targets: optional(
    tf.map(
      tf.object({
        target_group_arn: tf.string,
        security_group_id: tf.string,
        port: tf.number,
        priority: tf.number,
        path_patterns: tf.optional(tf.list(tf.string), []),
        host_headers: tf.optional(tf.list(tf.string), []),
      }),
    ),
    {},
    "Target groups made elsewhere (the asg module's `target_group_arn`), keyed by a stable name that is not a key of `services`: a listener rule forwarding to `target_group_arn` with `priority` (unique across `services` and these) on `path_patterns` and/or `host_headers` (1–5 values), and egress from the ALB to `security_group_id` on `port` for requests and health checks. Default: none.",
    {
      validation: [
        {
          condition:
            'alltrue([for k, t in var.forward_targets : can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", k)) && !contains(keys(var.services), k) && can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/", t.target_group_arn)) && can(regex("^sg-[0-9a-f]{8,17}$", t.security_group_id)) && t.port >= 1 && t.port <= 65535])',
          errorMessage:
            "forward_targets: keys a-z, 0-9 and - and not keys of services; target_group_arn an ELBv2 target group ARN, security_group_id an sg-… ID, port 1–65535.",
          // The load balancer's ARN, not a target group's.
          rejects: {
            value: {
              legacy: {
                ...LEGACY_TARGET,
                target_group_arn:
                  "arn:aws:elasticloadbalancing:eu-north-1:123456789012:loadbalancer/app/shop-legacy/0123456789abcdef",
              },
            },
          },
        },
        {
          condition:
            "alltrue([for t in values(var.forward_targets) : t.priority >= 1 && t.priority <= 50000 && floor(t.priority) == t.priority && length(t.path_patterns) + length(t.host_headers) >= 1 && length(t.path_patterns) + length(t.host_headers) <= 5]) && length(distinct(concat([for s in values(var.services) : s.priority], [for t in values(var.forward_targets) : t.priority]))) == length(var.services) + length(var.forward_targets)",
          errorMessage:
            "forward_targets: priority a whole number 1–50000, unique across services and forward_targets; 1–5 path patterns and host headers in total.",
          rejects: {
            value: { legacy: { ...LEGACY_TARGET, priority: EXAMPLE_SERVICES.eshop.priority } },
          },
        },
      ],
    },
  ),
};

/** The rules and egress of `forward_targets`. */
export function forwardTargets(
  stack: ReadableStack,
  listenerArn: string,
  securityGroupId: string,
  extraConditions: readonly Record<string, unknown>[],
): void {
  const targets = TerraformIterator.fromMap(expr.map("var.forward_targets"));
  serviceListenerRule(
    stack.scopeFor(LbListenerRule),
    "forward",
    { forEach: targets, listenerArn },
    extraConditions,
    "${each.value.target_group_arn}",
  );
  new VpcSecurityGroupEgressRule(stack.scopeFor(VpcSecurityGroupEgressRule), "to_forward_target", {
    forEach: targets,
    securityGroupId,
    referencedSecurityGroupId: "${each.value.security_group_id}",
    ipProtocol: "tcp",
    fromPort: expr.number("each.value.port"),
    toPort: expr.number("each.value.port"),
    description: "Requests and health checks to the ${each.key} instances",
    tags: tagsWithName("${var.name}-alb-to-${each.key}"),
  });
}
