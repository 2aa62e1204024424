import { vpcIdInput } from "../core/common-inputs";
import { architectureInput, instanceLaunchInputs } from "../core/instance-launch";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { appTierInputs } from "../core/app-tier-inputs";
import { notes } from "./notes";

/** Docker Compose v5.1.3, the checksums its release publishes per architecture. */
export const COMPOSE_PLUGIN_DEFAULT = {
  x86_64: {
    url: "https://github.com/docker/compose/releases/download/v5.1.3/docker-compose-linux-x86_64",
    sha256: "a0298760c9772d2c06888fc8703a487c94c3c3b0134adeef830742a2fc7647b4",
  },
  arm64: {
    url: "https://github.com/docker/compose/releases/download/v5.1.3/docker-compose-linux-aarch64",
    sha256: "e8105a3e687ea7e0b0f81abe4bf9269c8a2801fb72c2b498b5ff2472bc54145f",
  },
};

/** The tag SSM Run Command targets; the GitHub deploy role may send commands only there. */
export const DEPLOY_TAG_KEY = "Deploy";

export const ec2HostSpec = defineModule({
  name: "ec2-host",
  description:
    "One EC2 host running a Docker Compose application behind an ALB: an Auto Scaling group " +
    "of exactly one instance (replaced when it fails), IMDSv2, encrypted gp3, SSM-only access " +
    "(no key pair, no SSH), an instance role that pulls only the named ECR repositories and " +
    "reads only the named secrets, a boot script that installs Docker, a checksum-verified " +
    "Compose plugin and the CloudWatch agent and runs the Compose file from S3 or SSM as a " +
    "systemd unit, memory/disk/CPU/status alarms, and an SSM document for deployments.",
  inputs: {
    name: required(
      tf.string,
      "Name of the host: its Auto Scaling group, launch template, role, security group, log group (`/ec2/<name>`), alarms and deploy document.",
      { validation: [nameValidation("name", 32)] },
    ),
    vpc_id: vpcIdInput("VPC of the subnets; the host's security group is created in it."),
    subnet_ids: required(
      tf.list(tf.string),
      "Private subnets the host may run in. One subnet pins the AZ (reference 000 runs in eu-north-1a); several let a replacement start in another AZ when one fails.",
      {
        validation: [
          {
            condition:
              'length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])',
            errorMessage: "subnet_ids must be a non-empty list of subnet IDs (subnet-…).",
            // A security group ID among the subnets.
            rejects: { value: ["subnet-0a1b2c3d4e5f60718", "sg-0b2c3d4e5f6071829"] },
          },
        ],
      },
    ),
    instance_type: optional(
      tf.string,
      "t3.medium",
      "EC2 instance type; must match `architecture`. Default t3.medium.",
      {
        validation: [
          validate.pattern(
            "instance_type",
            "^[a-z][a-z0-9-]*\\.[a-z0-9]+$",
            "an instance type such as t3.medium",
          ),
        ],
      },
    ),
    architecture: architectureInput(),
    ...instanceLaunchInputs("al2023"),
    ...appTierInputs,
    ecr_repository_arns: optional(
      tf.list(tf.string),
      [],
      "ECR repositories the host may pull images from (the credential helper logs in on each pull). Default: none.",
      {
        validation: [
          {
            condition:
              'alltrue([for r in var.ecr_repository_arns : can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$", r))])',
            errorMessage:
              "ecr_repository_arns must be ECR repository ARNs (arn:aws:ecr:<region>:<account>:repository/<name>).",
            // The second is the repository's URI, not its ARN.
            rejects: {
              value: [
                "arn:aws:ecr:eu-north-1:123456789012:repository/wisling/frontend",
                "123456789012.dkr.ecr.eu-north-1.amazonaws.com/wisling/backend",
              ],
            },
          },
        ],
      },
    ),
    secrets: optional(
      tf.map(tf.string),
      {},
      "Secrets Manager secrets the deploy script writes to `/run/app/secrets.env` (tmpfs, mode 600) for the Compose file's `env_file`, environment variable name → secret ARN (complete, with AWS's suffix). The instance role may read exactly these. Values must be single-line. Default: none.",
      {
        validation: [
          {
            condition:
              'alltrue([for k, v in var.secrets : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k)) && can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$", v))])',
            errorMessage:
              "secrets: names must match ^[A-Za-z_][A-Za-z0-9_]*$ and values be Secrets Manager secret ARNs (arn:aws:secretsmanager:<region>:<account>:secret:<name>).",
            rejects: {
              value: {
                "DB-PASSWORD":
                  "arn:aws:secretsmanager:eu-north-1:123456789012:secret:wisling-prod/db-AbCdEf",
              },
            },
          },
        ],
      },
    ),
    compose_source: required(
      tf.object({
        s3_bucket: tf.optional(tf.string),
        s3_key: tf.optional(tf.string),
        ssm_parameter_arn: tf.optional(tf.string),
      }),
      "Where the Compose file lives: an object in a **versioned** S3 bucket (`s3_bucket`, `s3_key`; a deploy may name the object version) or an SSM parameter (`ssm_parameter_arn`, String or SecureString). Exactly one. The instance role may read only that object or parameter.",
      {
        validation: [
          {
            condition:
              "(var.compose_source.ssm_parameter_arn == null) != (var.compose_source.s3_bucket == null && var.compose_source.s3_key == null) && (var.compose_source.s3_bucket == null) == (var.compose_source.s3_key == null)",
            errorMessage:
              "compose_source must set either s3_bucket and s3_key, or ssm_parameter_arn.",
            rejects: { value: { s3_bucket: "wisling-prod-deploy" } },
          },
          {
            condition:
              'var.compose_source.ssm_parameter_arn == null ? true : can(regex("^arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9/_.-]+$", var.compose_source.ssm_parameter_arn))',
            errorMessage:
              "compose_source.ssm_parameter_arn must be an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>).",
            rejects: { value: { ssm_parameter_arn: "/wisling-prod/compose" } },
          },
          {
            condition:
              'var.compose_source.s3_bucket == null ? true : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.compose_source.s3_bucket)) && can(regex("^[A-Za-z0-9!_.*()/-]+$", coalesce(var.compose_source.s3_key, "-")))',
            errorMessage:
              "compose_source.s3_bucket must be a bucket name and s3_key an object key of A-Z, a-z, 0-9 and !_.*()/- (no quotes or spaces).",
            rejects: {
              value: { s3_bucket: "wisling-prod-deploy", s3_key: "compose/compose prod.yaml" },
            },
          },
        ],
      },
    ),
    compose_plugin: optional(
      tf.map(tf.object({ url: tf.string, sha256: tf.string })),
      COMPOSE_PLUGIN_DEFAULT,
      "The Docker Compose plugin release per architecture: an https `url` of the binary and its `sha256`, checked before install (boot fails on a mismatch). Default: v5.1.3 for x86_64 and arm64.",
      {
        validation: [
          {
            condition:
              'alltrue([for a, p in var.compose_plugin : contains(["x86_64", "arm64"], a) && can(regex("^https://[^\\\\s\']+$", p.url)) && can(regex("^[0-9a-f]{64}$", p.sha256))]) && contains(keys(var.compose_plugin), var.architecture)',
            errorMessage:
              "compose_plugin: keys x86_64 or arm64 (including architecture), each an https url without quotes and a 64-hex-digit sha256.",
            // No release for the host's architecture.
            rejects: {
              value: { x86_64: COMPOSE_PLUGIN_DEFAULT.x86_64 },
              alongside: { architecture: "arm64", instance_type: "t4g.large" },
            },
          },
        ],
      },
    ),
    alarm_topic_arn: required(
      tf.string,
      "SNS topic the host's alarms notify (ALARM and OK), e.g. the monitoring module's topic.",
      {
        validation: [
          validate.pattern(
            "alarm_topic_arn",
            "^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$",
            "an SNS topic ARN",
          ),
        ],
      },
    ),
    alarm_thresholds: optional(
      tf.object({
        cpu: tf.optional(tf.number, 80),
        memory: tf.optional(tf.number, 80),
        disk: tf.optional(tf.number, 80),
      }),
      { cpu: 80, memory: 80, disk: 80 },
      "Alarm thresholds in percent, over three 5-minute periods: `cpu` (AWS/EC2 CPUUtilization), `memory` (CWAgent mem_used_percent), `disk` (CWAgent disk_used_percent of /). Default 80 each.",
      {
        validation: [
          {
            condition: "alltrue([for t in values(var.alarm_thresholds) : t >= 1 && t <= 100])",
            errorMessage: "alarm_thresholds values must be percentages from 1 to 100.",
            // A fraction instead of a percentage.
            rejects: { value: { cpu: 80, memory: 0.85, disk: 80 } },
          },
        ],
      },
    ),
    log_retention_days: optional(
      tf.number,
      30,
      "Retention of `/ec2/<name>`, where Docker sends every container's output (awslogs driver). Default 30.",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource and the instance (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    autoscaling_group_name: output(
      tf.string,
      "Auto Scaling group of the host, the `AutoScalingGroupName` dimension of its metrics.",
    ),
    security_group_id: output(
      tf.string,
      "Security group of the host: add it to the database's allowed clients, and the ALB's egress to it on `app_port`.",
    ),
    instance_role_arn: output(tf.string, "ARN of the instance role."),
    instance_role_name: output(tf.string, "Name of the instance role."),
    log_group_name: output(tf.string, "Log group of the containers' output."),
    deploy_tag_key: output(
      tf.string,
      "Tag key on the instance that deployments target (`Deploy`): allow the GitHub deploy role `ssm:SendCommand` on instances with `ssm:resourceTag/<key>` = `deploy_tag_value`.",
    ),
    deploy_tag_value: output(tf.string, "Value of the deploy tag (the host's name)."),
    deploy_document_name: output(
      tf.string,
      "SSM Command document that deploys (`aws ssm send-command --document-name <this> --targets Key=tag:Deploy,Values=<name>`), optionally with `composeVersionId`.",
    ),
    deploy_document_arn: output(
      tf.string,
      "ARN of the deploy document, the other resource of the deploy role's `ssm:SendCommand`.",
    ),
    alarm_names: output(tf.map(tf.string), "Alarm name by check (cpu, memory, disk, status)."),
  },
  example: {
    name: "wisling-prod",
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids: ["subnet-0a1b2c3d4e5f60718"],
    instance_type: "t3.large",
    root_volume_size: 40,
    app_port: 80,
    alb_security_group_id: "sg-0123456789abcdef0",
    target_group_arn:
      "arn:aws:elasticloadbalancing:eu-north-1:123456789012:targetgroup/wisling-prod/0123456789abcdef",
    egress_security_group_rules: {
      database: { security_group_id: "sg-0fedcba9876543210", port: 3306, description: "MySQL" },
    },
    ecr_repository_arns: [
      "arn:aws:ecr:eu-north-1:123456789012:repository/wisling/frontend",
      "arn:aws:ecr:eu-north-1:123456789012:repository/wisling/backend",
    ],
    secrets: {
      DB_PASSWORD: "arn:aws:secretsmanager:eu-north-1:123456789012:secret:wisling-prod/db-AbCdEf",
      FIREBASE_CREDENTIALS:
        "arn:aws:secretsmanager:eu-north-1:123456789012:secret:wisling-prod/firebase-GhIjKl",
    },
    compose_source: { s3_bucket: "wisling-prod-deploy", s3_key: "compose/compose.yaml" },
    alarm_topic_arn: "arn:aws:sns:eu-north-1:123456789012:wisling-prod-alarms",
    alarm_thresholds: { cpu: 80, memory: 85, disk: 80 },
    log_retention_days: 90,
    tags: { Component: "app" },
  },
  notes,
});
