import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { optional } from "../core/module-spec";
import { ReadableStack } from "../core/readable-stack";
import { tf } from "../core/tf-types";
import { serviceListenerRule, serviceTargetGroup } from "./service-routing";

/**
 * Blue/green (CodeDeploy) support of the alb module: per listed service a second ("green")
 * target group, a test listener reachable only from declared sources inside the VPC, and a
 * production rule that ignores the action CodeDeploy rewrites. Services not listed keep
 * their resources and addresses.
 */
export const GREEN_SUFFIX = "-green";

/** RFC 1918 ranges, the only sources a test listener admits besides security groups. */
const PRIVATE_CIDR = `try(can(cidrnetmask(c)) && (
  (startswith(c, "10.") && tonumber(split("/", c)[1]) >= 8) ||
  (can(regex("^172\\\\.(1[6-9]|2[0-9]|3[01])\\\\.", c)) && tonumber(split("/", c)[1]) >= 12) ||
  (startswith(c, "192.168.") && tonumber(split("/", c)[1]) >= 16)
), false)`;

/** The module's blue/green inputs; `maxTargetGroupName` is the spec's name limit (no import cycle). */
export const blueGreenInputs = (maxTargetGroupName: number) => ({
  blue_green_services: optional(
    tf.map(tf.object({ test_listener_port: tf.number })),
    {},
    "Services (keys of `services`) deployed blue/green by CodeDeploy, each with the port of " +
      "its own test listener. Each gets a second target group `<name>-<service>-green`, the " +
      "test listener (same protocol and default certificate as the serving one, forwarding to " +
      "the blue group until CodeDeploy routes it) and a production rule whose forward action " +
      "CodeDeploy owns. Default {}: every service is deployed by ECS.",
    {
      validation: [
        {
          condition:
            "alltrue([for k in keys(var.blue_green_services) : contains(keys(var.services), k)])",
          errorMessage: "blue_green_services keys must be keys of services.",
          rejects: { value: { orders: { test_listener_port: 8443 } } },
        },
        {
          condition: `alltrue([for k in keys(var.blue_green_services) : length("\${var.name}-\${k}${GREEN_SUFFIX}") <= ${maxTargetGroupName}])`,
          errorMessage: `every green target group name "<name>-<service>${GREEN_SUFFIX}" must be at most ${maxTargetGroupName} characters: shorten name or the service key.`,
          // A name that leaves room for "<name>-pharmacy" (27 characters), not for its green twin (33).
          rejects: {
            value: { pharmacy: { test_listener_port: 8443 } },
            alongside: { name: "shop-production-eu" },
          },
        },
        {
          condition:
            "alltrue([for s in values(var.blue_green_services) : floor(s.test_listener_port) == s.test_listener_port && s.test_listener_port >= 1 && s.test_listener_port <= 65535 && !contains([80, 443, var.http_port], s.test_listener_port)]) && length(distinct([for s in values(var.blue_green_services) : s.test_listener_port])) == length(var.blue_green_services)",
          errorMessage:
            "blue_green_services test_listener_port values must be unique whole ports 1–65535, other than 80, 443 and http_port (the serving listeners).",
          rejects: { value: { eshop: { test_listener_port: 443 } } },
        },
      ],
    },
  ),
  test_listener_security_group_ids: optional(
    tf.map(tf.string),
    {},
    "Security groups allowed to reach the test listeners, keyed by a stable name (e.g. the " +
      "CI runners or a smoke-test task). Default {}: nobody but `test_listener_cidr_blocks`.",
    {
      validation: [
        {
          condition:
            'alltrue([for k, id in var.test_listener_security_group_ids : can(regex("^[a-z][a-z0-9_-]*$", k)) && can(regex("^sg-[0-9a-f]{8,17}$", id))])',
          errorMessage:
            "test_listener_security_group_ids keys must be lower-case names and values security group IDs (sg-…).",
          rejects: { value: { ci_runners: "shop-ci-runners" } },
        },
      ],
    },
  ),
  test_listener_cidr_blocks: optional(
    tf.list(tf.string),
    [],
    "Private (RFC 1918) CIDR blocks allowed to reach the test listeners, e.g. a VPN range. " +
      "Public ranges are rejected: a test listener serves the untested release. Default [].",
    {
      validation: [
        {
          condition: `alltrue([for c in var.test_listener_cidr_blocks : ${PRIVATE_CIDR}])`,
          errorMessage:
            "test_listener_cidr_blocks must be private IPv4 CIDR blocks inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.",
          // Just past 172.16.0.0/12.
          rejects: { value: ["172.32.0.0/16"] },
        },
      ],
    },
  ),
});

export interface BlueGreenResources {
  /** The production rules of the blue/green services (their action belongs to CodeDeploy). */
  readonly rule: LbListenerRule;
  readonly greenTargetGroupArns: Record<string, string>;
  readonly greenTargetGroupNames: Record<string, string>;
  readonly testListenerArns: Record<string, string>;
}

/** `for_each` of the services deployed by ECS: the module's original rule resource. */
export const ROLLING_SERVICES =
  "{ for k, s in var.services : k => s if !contains(keys(var.blue_green_services), k) }";

export function blueGreen(
  stack: ReadableStack,
  locals: Construct,
  vpcId: string,
  servingListenerArn: string,
  securityGroupId: string,
  ruleConditions: readonly Record<string, unknown>[],
): BlueGreenResources {
  new TerraformLocal(
    locals,
    "blue_green_services",
    expr.any("{ for k, s in var.services : k => s if contains(keys(var.blue_green_services), k) }"),
  );
  const services = () => TerraformIterator.fromMap(expr.map("local.blue_green_services"));

  new LbTargetGroup(stack.scopeFor(LbTargetGroup), "green", {
    forEach: services(),
    ...serviceTargetGroup(`\${var.name}-\${each.key}${GREEN_SUFFIX}`, vpcId),
  });
  const rule = serviceListenerRule(
    stack.scopeFor(LbListenerRule),
    "blue_green",
    {
      forEach: services(),
      listenerArn: servingListenerArn,
      // CodeDeploy forwards to whichever group serves (to both, weighted, during a canary).
      lifecycle: { ignoreChanges: ["action"] },
    },
    ruleConditions,
  );

  new LbListener(stack.scopeFor(LbListener), "test", {
    forEach: services(),
    loadBalancerArn: "${aws_lb.this.arn}",
    port: expr.number("var.blue_green_services[each.key].test_listener_port"),
    protocol: expr.string('local.https ? "HTTPS" : "HTTP"'),
    sslPolicy: expr.string("local.https ? var.ssl_policy : null"),
    certificateArn: expr.string("local.default_certificate_arn"),
    defaultAction: [
      { type: "forward", targetGroupArn: "${aws_lb_target_group.service[each.key].arn}" },
    ],
    // CodeDeploy routes the test listener to the replacement tasks.
    lifecycle: { ignoreChanges: ["default_action"] },
    tags: tagsWithName("${var.name}-${each.key}-test", { Service: "${each.key}" }),
  });

  const pairs = (sources: string) =>
    `{ for pair in setproduct(${sources}, keys(local.blue_green_services)) : "\${pair[0]}:\${pair[1]}" => { source = pair[0], service = pair[1], port = var.blue_green_services[pair[1]].test_listener_port } }`;
  const ingress = {
    securityGroupId,
    ipProtocol: "tcp",
    fromPort: expr.number("each.value.port"),
    toPort: expr.number("each.value.port"),
    description: "Test listener of ${each.value.service} from ${each.value.source}",
    tags: tagsWithName("${var.name}-alb-test-${each.value.service}-from-${each.value.source}"),
  };
  new VpcSecurityGroupIngressRule(
    stack.scopeFor(VpcSecurityGroupIngressRule),
    "test_from_security_group",
    {
      forEach: TerraformIterator.fromMap(
        expr.map(pairs("keys(var.test_listener_security_group_ids)")),
      ),
      referencedSecurityGroupId: "${var.test_listener_security_group_ids[each.value.source]}",
      ...ingress,
    },
  );
  new VpcSecurityGroupIngressRule(stack.scopeFor(VpcSecurityGroupIngressRule), "test_from_cidr", {
    forEach: TerraformIterator.fromMap(expr.map(pairs("distinct(var.test_listener_cidr_blocks)"))),
    cidrIpv4: "${each.value.source}",
    ...ingress,
  });

  const byService = (resource: string, attribute: string) =>
    expr.map(`{ for name, r in ${resource} : name => r.${attribute} }`) as Record<string, string>;
  return {
    rule,
    greenTargetGroupArns: byService("aws_lb_target_group.green", "arn"),
    greenTargetGroupNames: byService("aws_lb_target_group.green", "name"),
    testListenerArns: byService("aws_lb_listener.test", "arn"),
  };
}

/** The README section on blue/green services; the codedeploy module's notes explain the drift. */
export const BLUE_GREEN_NOTES = `## Blue/green services (\`blue_green_services\`)

A service listed in \`blue_green_services\` (for the codedeploy module) gets:
- \`aws_lb_target_group.green["<service>"]\` (\`<name>-<service>${GREEN_SUFFIX}\`, the same port and health
  check as its \`aws_lb_target_group.service["<service>"]\`): exactly two target groups, between
  which CodeDeploy alternates;
- \`aws_lb_listener.test["<service>"]\` on its \`test_listener_port\`: same protocol, TLS policy and
  default certificate as the serving listener, forwarding to the blue group; CodeDeploy routes it
  to the replacement tasks first. The security group admits that port only from
  \`test_listener_security_group_ids\` and the private \`test_listener_cidr_blocks\`
  (\`test_from_security_group["<source>:<service>"]\`, \`test_from_cidr["<cidr>:<service>"]\`), never
  from the serving listener's sources and never from public ranges (validated), even on an
  internet-facing ALB;
- its production rule as \`aws_lb_listener_rule.blue_green["<service>"]\` instead of
  \`aws_lb_listener_rule.service["<service>"]\`: the same priority and conditions, with
  \`ignore_changes = [action]\`, because CodeDeploy rewrites the forward action on every
  deployment and an apply that reset it would send production traffic to the stopped tasks. The
  test listener likewise ignores \`default_action\`. \`lifecycle\` cannot depend on a variable,
  hence the separate resources; services not listed keep their addresses.

Moving an existing service to blue/green moves its rule between the two resources: add a
\`moved\` block in the root (\`from = module.alb.aws_lb_listener_rule.service["orders"]\`, \`to =
module.alb.aws_lb_listener_rule.blue_green["orders"]\`) so the rule is kept rather than replaced.
The ALB's egress to the service's security group already covers the green tasks (same port).`;
