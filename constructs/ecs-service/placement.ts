import { optional } from "../core/module-spec";
import { tf } from "../core/tf-types";

/**
 * Where a service runs: Fargate (the default) or one EC2 capacity provider of the cluster
 * (the ecs-capacity module's pools), and how tasks spread over the container instances.
 */

const SG_ID = "^sg-[0-9a-f]{8,17}$";
const PLACEMENT_TYPES = ["spread", "binpack", "random"] as const;

/** Spread over AZs for availability, then fill instances by memory so idle ones can go. */
export const DEFAULT_PLACEMENT = [
  { type: "spread", field: "attribute:ecs.availability-zone" },
  { type: "binpack", field: "memory" },
];

/** The inputs that put the service on EC2 capacity, for rules that apply there only. */
export const ON_EC2 = { ec2_capacity_provider: "ai-prod-general" };

export const launchInputs = {
  ec2_capacity_provider: optional(
    tf.string,
    null,
    'Run on this EC2 capacity provider of the cluster (the ecs-capacity module\'s `capacity_provider_names["<pool>"]`) instead of Fargate: the task definition requires `EC2` compatibility (still awsvpc, so the service security group applies per task), the strategy is that one provider, `cpu`/`memory` are checked against EC2 limits instead of the Fargate table, `placement_strategies` and `ec2_volumes` apply, and the Fargate inputs (`fargate_base`, `fargate_weight`, `spot_weight`) are ignored. Default null: Fargate.',
    {
      validation: [
        {
          condition:
            'var.ec2_capacity_provider == null || can(regex("^[A-Za-z0-9_-]{1,255}$", var.ec2_capacity_provider)) && !contains(["FARGATE", "FARGATE_SPOT"], coalesce(var.ec2_capacity_provider, "-"))',
          errorMessage:
            "ec2_capacity_provider must be null or an EC2 capacity provider name (A-Z, a-z, 0-9, _ and -), not FARGATE or FARGATE_SPOT.",
          rejects: { value: "FARGATE_SPOT" },
        },
      ],
    },
  ),
  placement_strategies: optional(
    tf.list(tf.object({ type: tf.string, field: tf.optional(tf.string) })),
    DEFAULT_PLACEMENT,
    "Task placement on EC2 capacity, in order (at most 5): `spread` (field `attribute:ecs.availability-zone`, `instanceId`, …), `binpack` (field `memory` or `cpu`), `random` (no field). Default: spread across AZs, then binpack on memory. Ignored on Fargate.",
    {
      validation: [
        {
          condition: `length(var.placement_strategies) <= 5 && alltrue([for s in var.placement_strategies : contains(${JSON.stringify(PLACEMENT_TYPES)}, s.type) && (s.type == "random" ? s.field == null : s.field != null) && (s.type == "binpack" ? contains(["memory", "cpu"], coalesce(s.field, "-")) : true)])`,
          errorMessage:
            "placement_strategies: at most 5; type spread, binpack or random; spread needs a field, binpack the field memory or cpu, random no field.",
          // binpack packs by memory or cpu only.
          rejects: { value: [{ type: "binpack", field: "instanceId" }] },
        },
      ],
    },
  ),
};

export const reachabilityInputs = {
  ingress_security_group_rules: optional(
    tf.map(tf.object({ security_group_id: tf.string, description: tf.string })),
    {},
    "Other security groups allowed to reach the container port, keyed by a stable client name (`backend`): for services found through Cloud Map rather than the ALB (Redis, an internal API). The client side needs a matching egress rule. Default: none.",
    {
      validation: [
        {
          condition: `alltrue([for k, r in var.ingress_security_group_rules : can(regex("^[a-z][a-z0-9_-]*$", k)) && can(regex("${SG_ID}", r.security_group_id)) && length(r.description) > 0 && length(r.description) <= 255])`,
          errorMessage:
            "ingress_security_group_rules: keys must be lower-case names, security_group_id an sg-… ID, description 1–255 characters.",
          // A security group name where the ID belongs.
          rejects: {
            value: {
              backend: { security_group_id: "shop-prod-backend", description: "Backend API" },
            },
          },
        },
      ],
    },
  ),
  egress_external_rules: optional(
    tf.map(
      tf.object({
        cidr_ipv4: tf.optional(tf.string),
        prefix_list_id: tf.optional(tf.string),
        port: tf.number,
        description: tf.string,
      }),
    ),
    {},
    "Egress to dependencies outside the VPC's security groups (a SaaS database on 443, a partner's network), keyed by a stable name: exactly one of `cidr_ipv4` and `prefix_list_id` (a managed prefix list, pl-…), TCP `port` and `description`. 0.0.0.0/0 is rejected: name the dependency's addresses. Default: none.",
    {
      validation: [
        {
          condition: `alltrue([for k, r in var.egress_external_rules : can(regex("^[a-z][a-z0-9_-]*$", k)) && (r.cidr_ipv4 == null) != (r.prefix_list_id == null) && (r.cidr_ipv4 == null ? true : can(cidrnetmask(r.cidr_ipv4)) && r.cidr_ipv4 != "0.0.0.0/0") && (r.prefix_list_id == null ? true : can(regex("^pl-[0-9a-f]{8,17}$", r.prefix_list_id))) && r.port >= 1 && r.port <= 65535 && length(r.description) > 0 && length(r.description) <= 255])`,
          errorMessage:
            "egress_external_rules: keys must be lower-case names; exactly one of cidr_ipv4 (an IPv4 CIDR, not 0.0.0.0/0) and prefix_list_id (pl-…); port 1–65535; description 1–255 characters.",
          rejects: {
            value: { partner: { cidr_ipv4: "0.0.0.0/0", port: 443, description: "Partner API" } },
          },
        },
      ],
    },
  ),
  service_discovery_arn: optional(
    tf.string,
    null,
    "Cloud Map discovery service to register the tasks in (the service-discovery module's `service_arns[\"<name>\"]`): ECS registers each running task's IP as an A record and deregisters it when it stops. Default null: no registration.",
    {
      validation: [
        {
          condition:
            'var.service_discovery_arn == null || can(regex("^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:[0-9]{12}:service/srv-[a-z0-9]+$", var.service_discovery_arn))',
          errorMessage:
            "service_discovery_arn must be null or a Cloud Map service ARN (arn:aws:servicediscovery:<region>:<account>:service/srv-…).",
          // The namespace's ARN instead of its service's.
          rejects: {
            value: "arn:aws:servicediscovery:eu-north-1:123456789012:namespace/ns-0123456789abcdef",
          },
        },
      ],
    },
  ),
};

/** HCL: the capacity provider strategy of the service. */
export const capacityStrategyHcl = `var.ec2_capacity_provider != null ? [
  { capacity_provider = var.ec2_capacity_provider, base = 0, weight = 1 },
] : [
  { capacity_provider = "FARGATE", base = var.fargate_base, weight = var.fargate_weight },
  { capacity_provider = "FARGATE_SPOT", base = 0, weight = var.spot_weight },
]`;

/**
 * Blocks of the service that depend on the launch mode and on the optional load balancer and
 * Cloud Map registration: dynamic blocks, so the resource and its address stay the same.
 */
export const serviceDynamicBlocks = {
  capacity_provider_strategy: {
    for_each: "${local.capacity_strategy}",
    content: {
      capacity_provider: "${capacity_provider_strategy.value.capacity_provider}",
      base: "${capacity_provider_strategy.value.base}",
      weight: "${capacity_provider_strategy.value.weight}",
    },
  },
  ordered_placement_strategy: {
    for_each: "${var.ec2_capacity_provider == null ? [] : var.placement_strategies}",
    content: {
      type: "${ordered_placement_strategy.value.type}",
      field: "${ordered_placement_strategy.value.field}",
    },
  },
  load_balancer: {
    for_each: "${var.load_balanced ? [var.target_group_arn] : []}",
    content: {
      target_group_arn: "${load_balancer.value}",
      container_name: "${var.name}",
      container_port: "${var.container_port}",
    },
  },
  service_registries: {
    for_each: "${var.service_discovery_arn == null ? [] : [var.service_discovery_arn]}",
    content: { registry_arn: "${service_registries.value}" },
  },
};
