import { appTierInputs } from "../core/app-tier-inputs";
import { vpcIdInput } from "../core/common-inputs";
import { architectureInput, instanceLaunchInputs } from "../core/instance-launch";
import { defineModule, optional, output, required } from "../core/module-spec";
import { roleStatementsInput } from "../core/role-statements";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { notes } from "./notes";

const { target_group_arn: _ownedHere, ...tierInputs } = appTierInputs;

export const SCALING_MODES = ["target-tracking", "step"] as const;

export const asgSpec = defineModule({
  name: "asg",
  description:
    "An application tier of EC2 instances behind an ALB: a hardened launch template (IMDSv2, " +
    "encrypted gp3, SSM Session Manager, no key pair, no SSH), an Auto Scaling group with " +
    "rolling instance refresh, its own instance target group (health check and stickiness " +
    "from inputs), target-tracking or step scaling on CPU, scheduled actions, and optional " +
    "CodeDeploy in-place deployments with the load balancer.",
  inputs: {
    name: required(
      tf.string,
      "Name of the tier: Auto Scaling group, target group (≤ 32 characters), launch template, role and security group.",
      { validation: [nameValidation("name", 28)] },
    ),
    vpc_id: vpcIdInput("VPC of the subnets and the target group."),
    subnet_ids: required(tf.list(tf.string), "Private subnets of the instances, one per AZ.", {
      validation: [
        {
          condition:
            'length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])',
          errorMessage: "subnet_ids must be a non-empty list of subnet IDs (subnet-…).",
          // A security group ID among the subnets.
          rejects: { value: ["subnet-0a1b2c3d4e5f60718", "sg-0b2c3d4e5f6071829"] },
        },
      ],
    }),
    instance_type: required(tf.string, "EC2 instance type; must match `architecture`.", {
      validation: [
        validate.pattern(
          "instance_type",
          "^[a-z][a-z0-9-]*\\.[a-z0-9]+$",
          "an instance type such as m7i.large",
        ),
      ],
    }),
    architecture: architectureInput(),
    ...instanceLaunchInputs("al2023"),
    user_data: optional(
      tf.string,
      "",
      "The application's own boot script (bash, plain text), run after the CloudWatch agent is installed. Changing it rolls the tier by instance refresh. Default: none.",
    ),
    instance_role_statements: roleStatementsInput(
      "instance_role_statements",
      "instance role",
      "what the application on the instances may call, e.g. read its secrets or use a bucket",
    ),
    ...tierInputs,
    min_size: required(tf.number, "Fewest instances.", {
      validation: [validate.range("min_size", 0, 1000)],
    }),
    max_size: required(tf.number, "Most instances.", {
      validation: [
        validate.range("max_size", 1, 1000),
        {
          condition: "var.max_size >= var.min_size",
          errorMessage: "max_size must be at least min_size.",
          rejects: { value: 2, alongside: { min_size: 3 } },
        },
      ],
    }),
    health_check: optional(
      tf.object({
        path: tf.string,
        matcher: tf.optional(tf.string, "200"),
        interval: tf.optional(tf.number, 30),
        timeout: tf.optional(tf.number, 5),
        healthy_threshold: tf.optional(tf.number, 2),
        unhealthy_threshold: tf.optional(tf.number, 3),
      }),
      {
        path: "/health",
        matcher: "200",
        interval: 30,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
      },
      "Target group health check over HTTP on the traffic port: `path`, `matcher` (default 200), `interval` (5–300 s, default 30), `timeout` (2–120 s, below interval, default 5), `healthy_threshold` (default 2) and `unhealthy_threshold` (default 3), each 2–10. Default path /health.",
      {
        validation: [
          {
            condition:
              'startswith(var.health_check.path, "/") && can(regex("^[0-9]{3}([-,][0-9]{3})*$", var.health_check.matcher)) && var.health_check.interval >= 5 && var.health_check.interval <= 300 && var.health_check.timeout >= 2 && var.health_check.timeout <= 120 && var.health_check.timeout < var.health_check.interval && var.health_check.healthy_threshold >= 2 && var.health_check.healthy_threshold <= 10 && var.health_check.unhealthy_threshold >= 2 && var.health_check.unhealthy_threshold <= 10',
            errorMessage:
              "health_check: path must start with /, matcher be HTTP codes (200, 200-299, 200,302), interval 5–300, timeout 2–120 and below interval, thresholds 2–10.",
            rejects: { value: { path: "/api/health", interval: 30, timeout: 30 } },
          },
        ],
      },
    ),
    stickiness_seconds: optional(
      tf.number,
      null,
      "Load-balancer cookie stickiness duration in seconds (1–604800). Default null: no stickiness.",
      {
        validation: [
          {
            condition:
              "var.stickiness_seconds == null ? true : (var.stickiness_seconds >= 1 && var.stickiness_seconds <= 604800)",
            errorMessage: "stickiness_seconds must be null or 1–604800.",
            // null, not 0, turns stickiness off.
            rejects: { value: 0 },
          },
        ],
      },
    ),
    deregistration_delay: optional(
      tf.number,
      30,
      "Seconds the target group lets in-flight requests finish on a deregistering instance. Default 30.",
      { validation: [validate.range("deregistration_delay", 0, 3600)] },
    ),
    scaling: optional(
      tf.object({
        mode: tf.optional(tf.string, "target-tracking"),
        cpu_target: tf.optional(tf.number, 60),
        scale_out_cpu: tf.optional(tf.number, 75),
        scale_out_by: tf.optional(tf.number, 2),
        scale_in_cpu: tf.optional(tf.number, 25),
        scale_in_by: tf.optional(tf.number, 1),
        cooldown: tf.optional(tf.number, 300),
      }),
      {
        mode: "target-tracking",
        cpu_target: 60,
        scale_out_cpu: 75,
        scale_out_by: 2,
        scale_in_cpu: 25,
        scale_in_by: 1,
        cooldown: 300,
      },
      'CPU scaling. `mode = "target-tracking"` (default): keep average CPU at `cpu_target`% (default 60). `mode = "step"`: add `scale_out_by` instances (default 2) when average CPU ≥ `scale_out_cpu` (75) and remove `scale_in_by` (1) when ≤ `scale_in_cpu` (25), for two 1-minute periods, each step followed by `cooldown` seconds (300) of instance warm-up.',
      {
        validation: [
          {
            condition: `contains(${JSON.stringify(SCALING_MODES)}, var.scaling.mode) && var.scaling.cpu_target >= 1 && var.scaling.cpu_target <= 100 && var.scaling.scale_in_cpu >= 0 && var.scaling.scale_in_cpu < var.scaling.scale_out_cpu && var.scaling.scale_out_cpu <= 100 && var.scaling.scale_out_by >= 1 && var.scaling.scale_in_by >= 1 && var.scaling.cooldown >= 0 && var.scaling.cooldown <= 3600`,
            errorMessage:
              "scaling: mode target-tracking or step; cpu_target 1–100; 0 <= scale_in_cpu < scale_out_cpu <= 100; scale_out_by and scale_in_by at least 1; cooldown 0–3600.",
            rejects: { value: { mode: "step", scale_out_cpu: 60, scale_in_cpu: 70 } },
          },
        ],
      },
    ),
    scheduled_actions: optional(
      tf.map(
        tf.object({
          recurrence: tf.string,
          min_size: tf.number,
          max_size: tf.number,
          desired_capacity: tf.optional(tf.number),
          time_zone: tf.optional(tf.string, "UTC"),
        }),
      ),
      {},
      "Scheduled capacity changes keyed by a stable name (`night`, `morning`): cron `recurrence` (`0 22 * * *`), `min_size`, `max_size`, optional `desired_capacity`, `time_zone` (IANA, default UTC). Default: none.",
      {
        validation: [
          {
            condition:
              'alltrue([for k, a in var.scheduled_actions : can(regex("^[a-z][a-z0-9-]*$", k)) && length(split(" ", a.recurrence)) == 5 && a.min_size >= 0 && a.max_size >= a.min_size])',
            errorMessage:
              "scheduled_actions: lower-case keys, recurrence a 5-field cron expression, 0 <= min_size <= max_size.",
            // EventBridge's 6-field cron, which Auto Scaling does not take.
            rejects: { value: { night: { recurrence: "0 22 * * ? *", min_size: 2, max_size: 4 } } },
          },
        ],
      },
    ),
    codedeploy_enabled: optional(
      tf.bool,
      false,
      "CodeDeploy in-place deployments with traffic control: installs the CodeDeploy agent, creates an application (compute platform Server) and a deployment group over the Auto Scaling group and the target group, with automatic rollback. Default false.",
    ),
    codedeploy_revisions_bucket: optional(
      tf.string,
      null,
      "S3 bucket holding the CodeDeploy revisions; the instances may read only its objects. Required with `codedeploy_enabled`.",
      {
        validation: [
          {
            condition:
              'var.codedeploy_revisions_bucket == null ? !var.codedeploy_enabled : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.codedeploy_revisions_bucket))',
            errorMessage:
              "codedeploy_revisions_bucket must be a bucket name, and is required with codedeploy_enabled.",
            rejects: { value: null, alongside: { codedeploy_enabled: true } },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource and the instances. Default: none.",
    ),
  },
  outputs: {
    autoscaling_group_name: output(
      tf.string,
      "Name of the Auto Scaling group (`AutoScalingGroupName` dimension).",
    ),
    autoscaling_group_arn: output(tf.string, "ARN of the Auto Scaling group."),
    target_group_arn: output(
      tf.string,
      "Instance target group: forward a listener rule of the ALB to it.",
    ),
    target_group_arn_suffix: output(tf.string, "The `TargetGroup` dimension of ALB metrics."),
    security_group_id: output(tf.string, "Security group of the instances."),
    instance_role_arn: output(tf.string, "ARN of the instance role."),
    instance_role_name: output(tf.string, "Name of the instance role."),
    codedeploy_app_name: output(tf.string, "CodeDeploy application, or null without CodeDeploy."),
    codedeploy_deployment_group_name: output(tf.string, "CodeDeploy deployment group, or null."),
  },
  example: {
    name: "wedsync-prod-app",
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids: [
      "subnet-0a1b2c3d4e5f60718",
      "subnet-0b2c3d4e5f6071829",
      "subnet-0c3d4e5f607182930",
    ],
    instance_type: "m7i.large",
    app_port: 3000,
    alb_security_group_id: "sg-0123456789abcdef0",
    egress_security_group_rules: {
      database: {
        security_group_id: "sg-0fedcba9876543210",
        port: 5432,
        description: "PostgreSQL",
      },
      cache: { security_group_id: "sg-0a1b2c3d4e5f60718", port: 6379, description: "Redis" },
    },
    min_size: 2,
    max_size: 10,
    health_check: {
      path: "/api/health",
      interval: 30,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    },
    stickiness_seconds: 3600,
    scaling: {
      mode: "step",
      scale_out_cpu: 75,
      scale_out_by: 2,
      scale_in_cpu: 25,
      scale_in_by: 1,
      cooldown: 300,
    },
    scheduled_actions: {
      night: { recurrence: "0 22 * * *", min_size: 2, max_size: 4 },
      morning: { recurrence: "0 6 * * *", min_size: 2, max_size: 10 },
    },
    codedeploy_enabled: true,
    codedeploy_revisions_bucket: "wedsync-prod-deployments",
    tags: { Component: "app" },
  },
  notes,
});
