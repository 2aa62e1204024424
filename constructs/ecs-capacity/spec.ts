import { vpcIdInput } from "../core/common-inputs";
import { ARCHITECTURES, instanceLaunchInputs } from "../core/instance-launch";
import {
  defineModule,
  optional,
  output,
  Rejected,
  required,
  VariableValidation,
} from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation } from "../core/validations";
import { notes } from "./notes";

const pool = tf.object({
  instance_types: tf.list(tf.string),
  architecture: tf.optional(tf.string, "x86_64"),
  ami_id: tf.optional(tf.string),
  min_size: tf.optional(tf.number, 0),
  max_size: tf.number,
  target_capacity: tf.optional(tf.number, 100),
  on_demand_base_capacity: tf.optional(tf.number, 0),
  spot_percentage: tf.optional(tf.number, 0),
  protect_from_scale_in: tf.optional(tf.bool, true),
});

/** `pools` with one pool, valid except for `fields` (or its key). */
const badPool = (fields: Record<string, unknown>, key = "general"): Rejected => ({
  value: {
    [key]: { instance_types: ["m7g.large"], architecture: "arm64", max_size: 6, ...fields },
  },
});

// Pool fields checked together; Terraform evaluates every operand, so each check is total.
const poolChecks: VariableValidation[] = [
  {
    condition: 'alltrue([for k, p in var.pools : can(regex("^[a-z][a-z0-9-]{0,15}$", k))])',
    errorMessage: "pools keys must be 1–16 characters of a-z, 0-9 and -, starting with a letter.",
    rejects: badPool({}, "gpu_pool"),
  },
  {
    condition: `alltrue([for p in values(var.pools) : length(p.instance_types) > 0 && alltrue([for t in p.instance_types : can(regex("^[a-z][a-z0-9-]*\\\\.[a-z0-9]+$", t))])])`,
    errorMessage: "pools instance_types must list at least one instance type such as m7g.large.",
    // A family without the size.
    rejects: badPool({ instance_types: ["m7g"] }),
  },
  {
    condition: `alltrue([for p in values(var.pools) : contains(${JSON.stringify(ARCHITECTURES)}, p.architecture)])`,
    errorMessage: `pools architecture must be one of: ${ARCHITECTURES.join(", ")}.`,
    rejects: badPool({ architecture: "aarch64" }),
  },
  {
    condition:
      'alltrue([for p in values(var.pools) : p.ami_id == null ? true : can(regex("^ami-[0-9a-f]{8,17}$", p.ami_id))])',
    errorMessage: "pools ami_id must be null or an AMI ID (ami-…).",
    // The AMI's name instead of its ID.
    rejects: badPool({ ami_id: "al2023-ami-ecs-hvm-2023.0.20240312-kernel-6.1-arm64" }),
  },
  {
    condition:
      "alltrue([for p in values(var.pools) : floor(p.min_size) == p.min_size && floor(p.max_size) == p.max_size && p.min_size >= 0 && p.max_size >= 1 && p.max_size <= 1000 && p.min_size <= p.max_size])",
    errorMessage:
      "pools min_size and max_size must be whole numbers with 0 <= min_size <= max_size, 1 <= max_size <= 1000.",
    // Above the pool's max_size of 6.
    rejects: badPool({ min_size: 8 }),
  },
  {
    condition:
      "alltrue([for p in values(var.pools) : p.target_capacity >= 1 && p.target_capacity <= 100 && p.spot_percentage >= 0 && p.spot_percentage <= 100 && p.on_demand_base_capacity >= 0])",
    errorMessage:
      "pools target_capacity must be 1–100, spot_percentage 0–100 and on_demand_base_capacity at least 0.",
    // A fraction instead of a percentage.
    rejects: badPool({ target_capacity: 0.9 }),
  },
];

const { ami_id: _pooled, ...launchInputs } = instanceLaunchInputs("ecs-al2023");

export const ecsCapacitySpec = defineModule({
  name: "ecs-capacity",
  description:
    "EC2 capacity for an ECS cluster: pools of ECS-optimized Amazon Linux 2023 container " +
    "instances (IMDSv2 only, tasks blocked from the instance role's credentials, encrypted gp3, " +
    "no key pair and no ingress, SSM Session Manager), each an Auto Scaling group with an " +
    "optional Spot share and an ECS capacity provider with managed scaling, termination " +
    "protection and draining. The ecs-cluster module attaches the providers to the cluster.",
  inputs: {
    name: required(
      tf.string,
      "Name prefix of the pools' Auto Scaling groups, capacity providers (`<name>-<pool>`), launch templates, instance role and security group. Must not start with `aws`, `ecs` or `fargate` (reserved for capacity provider names).",
      {
        validation: [
          nameValidation(),
          {
            condition: '!can(regex("^(aws|ecs|fargate)", var.name))',
            errorMessage:
              "name must not start with aws, ecs or fargate (reserved by ECS for capacity provider names).",
            rejects: { value: "ecs-prod" },
          },
        ],
      },
    ),
    cluster_name: required(
      tf.string,
      "Name of the ECS cluster the instances join (`ECS_CLUSTER` in `/etc/ecs/ecs.config`).",
      {
        validation: [
          {
            condition: 'can(regex("^[A-Za-z0-9_-]{1,255}$", var.cluster_name))',
            errorMessage: "cluster_name must be 1–255 characters of A-Z, a-z, 0-9, _ and -.",
            // The cluster's ARN instead of its name.
            rejects: { value: "arn:aws:ecs:eu-north-1:123456789012:cluster/ai-prod" },
          },
        ],
      },
    ),
    vpc_id: vpcIdInput("VPC of the subnets; the instance security group is created in it."),
    subnet_ids: required(
      tf.list(tf.string),
      "Private subnets the instances run in, one per AZ (no public IP is ever assigned).",
      {
        validation: [
          {
            condition:
              'length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])',
            errorMessage: "subnet_ids must be a non-empty list of subnet IDs (subnet-…).",
            rejects: { value: [] },
          },
        ],
      },
    ),
    pools: required(
      tf.map(pool),
      "Capacity pools keyed by a stable name (`general`, `memory`): `instance_types` (the first is the preferred type; Spot may use any), `architecture` (`x86_64` default, or `arm64` for Graviton types), `ami_id` (default null: the current ECS-optimized AL2023 AMI resolved at launch), `min_size` (default 0) and `max_size`, `target_capacity` (% of the pool ECS keeps in use, default 100: no idle headroom), `on_demand_base_capacity` (default 0) and `spot_percentage` above that base (default 0: on demand only), `protect_from_scale_in` (default true: ECS decides which instances may go, with managed termination protection). Each pool is an Auto Scaling group and a capacity provider `<name>-<pool>`; adding a pool touches no other.",
      { validation: poolChecks },
    ),
    ...launchInputs,
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource and the instances (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    capacity_provider_names: output(
      tf.map(tf.string),
      "Capacity provider name per pool: pass them to the ecs-cluster module's `capacity_providers` and one to an ecs-service's `ec2_capacity_provider`.",
    ),
    autoscaling_group_names: output(
      tf.map(tf.string),
      "Auto Scaling group name per pool, the `AutoScalingGroupName` dimension of the `CWAgent` and EC2 metrics.",
    ),
    autoscaling_group_arns: output(tf.map(tf.string), "Auto Scaling group ARN per pool."),
    launch_template_ids: output(tf.map(tf.string), "Launch template ID per pool."),
    security_group_id: output(
      tf.string,
      "Security group of the instances' primary interfaces (no ingress). Tasks use awsvpc interfaces with their services' own groups.",
    ),
    instance_role_arn: output(tf.string, "ARN of the instance role."),
    instance_role_name: output(tf.string, "Name of the instance role."),
  },
  example: {
    name: "ai-prod",
    cluster_name: "ai-prod",
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
    pools: {
      general: {
        instance_types: ["m7g.large", "m6g.large"],
        architecture: "arm64",
        min_size: 1,
        max_size: 6,
        target_capacity: 90,
        on_demand_base_capacity: 1,
        spot_percentage: 50,
      },
      memory: { instance_types: ["r7i.large"], max_size: 3 },
    },
    root_volume_size: 40,
    tags: { Component: "compute" },
  },
  notes,
});
