import { fargateSizeValidations } from "../core/fargate";
import { defineModule, optional, output, required, VariableValidation } from "../core/module-spec";
import { vpcIdInput } from "../core/common-inputs";
import { roleStatementsInput } from "../core/role-statements";
import { tf } from "../core/tf-types";
import { validate } from "../core/validations";
import { EXEC_AGENT_PATHS, TASK_STORAGE_VOLUMES } from "./container-definition";
import { deploymentControllerInput } from "./deployment-controller";
import { notes } from "./notes";
import { launchInputs, ON_EC2, reachabilityInputs } from "./placement";
import { ec2VolumeInputs } from "./volumes";

export const IMAGE_OWNERS = ["terraform", "pipeline"] as const;
export type ImageOwner = (typeof IMAGE_OWNERS)[number];
export const CPU_ARCHITECTURES = ["X86_64", "ARM64"] as const;
export type CpuArchitecture = (typeof CPU_ARCHITECTURES)[number];

/** Longest `name`: IAM role names (`<name>-execution`) are limited to 64 characters. */
export const MAX_SERVICE_NAME = 40;

const fargateTable = fargateSizeValidations("cpu", "memory");
// The Fargate table applies on Fargate only; EC2 capacity takes any task size within its limits.
const onFargate = (v: VariableValidation): VariableValidation => ({
  ...v,
  condition: `var.ec2_capacity_provider != null || (${v.condition})`,
  errorMessage: v.errorMessage.replace(" must be ", " must be, on Fargate, "),
});
const fargate = { cpu: onFargate(fargateTable.cpu), memory: onFargate(fargateTable.memory) };
const ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
const SG_ID = "^sg-[0-9a-f]{8,17}$";
// What EC2 accepts in a security group rule description.
const SG_RULE_DESCRIPTION = "^[A-Za-z0-9 ._:/()#,@+=&;{}!$*\\[\\]-]{1,255}$";
// Terraform evaluates both sides of `||`, so the non-null check sits inside try().
const nullOr = (variable: string, condition: string) =>
  `var.${variable} == null || try(${condition}, false)`;

const healthCheck = tf.object({
  command: tf.list(tf.string),
  interval: tf.optional(tf.number, 30),
  timeout: tf.optional(tf.number, 5),
  retries: tf.optional(tf.number, 3),
  start_period: tf.optional(tf.number, 0),
});

const efsVolume = tf.object({
  file_system_id: tf.string,
  file_system_arn: tf.string,
  access_point_id: tf.string,
  access_point_arn: tf.string,
  container_path: tf.string,
  read_only: tf.optional(tf.bool, false),
});
// An absolute path other than / (HCL string literal).
const ABSOLUTE_PATH = '"^/[^\\\\s]+$"';
const EFS_ARN = "^arn:aws[a-z-]*:elasticfilesystem:[a-z0-9-]+:[0-9]{12}:";
// The example's first EFS volume; the efs_volumes rules each break one of its fields.
const invoicesVolume = {
  file_system_id: "fs-0123456789abcdef0",
  file_system_arn:
    "arn:aws:elasticfilesystem:eu-north-1:123456789012:file-system/fs-0123456789abcdef0",
  access_point_id: "fsap-0123456789abcdef0",
  access_point_arn:
    "arn:aws:elasticfilesystem:eu-north-1:123456789012:access-point/fsap-0123456789abcdef0",
  container_path: "/srv/invoices",
};

const egressRule = tf.object({
  security_group_id: tf.string,
  port: tf.number,
  description: tf.string,
});

export const ecsServiceSpec = defineModule({
  name: "ecs-service",
  description:
    "One ECS Fargate service behind an ALB target group: task definition with a single " +
    "read-only container (environment, Secrets Manager/SSM secrets, health check, awslogs, " +
    "EFS volumes through access points with TLS and IAM authorization), " +
    "separate execution and task roles scoped to what the service references, a service " +
    "security group reachable only from the ALB, circuit-breaker and alarm rollback, " +
    "FARGATE/FARGATE_SPOT capacity mix, target-tracking autoscaling, and a switch that hands " +
    "image deployments to a CI pipeline without Terraform rolling them back.",
  inputs: {
    name: required(
      tf.string,
      `Service name: names the ECS service, task family, container, roles (\`<name>-execution\`, \`<name>-task\`), security group and log group (\`/ecs/<name>\`). Must be unique in the account and region, so include the environment (\`shop-prod-orders\`). 1–${MAX_SERVICE_NAME} characters.`,
      {
        validation: [
          validate.pattern(
            "name",
            `^[a-z][a-z0-9-]{0,${MAX_SERVICE_NAME - 1}}$`,
            `1–${MAX_SERVICE_NAME} characters of a-z, 0-9 and -, starting with a letter`,
          ),
        ],
      },
    ),
    cluster_arn: required(tf.string, "ARN of the ECS cluster the service runs in.", {
      validation: [
        validate.pattern(
          "cluster_arn",
          "^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]+$",
          "an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)",
        ),
      ],
    }),
    cluster_name: required(
      tf.string,
      "Name of the same cluster; Application Auto Scaling addresses services by cluster name.",
      {
        validation: [
          {
            condition: 'endswith(var.cluster_arn, "/${var.cluster_name}")',
            errorMessage: "cluster_name must be the name at the end of cluster_arn.",
            rejects: {
              value: "shop-staging",
              alongside: { cluster_arn: "arn:aws:ecs:eu-north-1:123456789012:cluster/shop-prod" },
            },
          },
        ],
      },
    ),
    vpc_id: vpcIdInput("VPC of the subnets; the service security group is created in it."),
    subnet_ids: required(
      tf.list(tf.string),
      "Private subnets the tasks run in (one per AZ). Tasks never get a public IP, so these must route out through NAT or reach AWS through VPC endpoints.",
      {
        validation: [
          {
            condition:
              'length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])',
            errorMessage: "subnet_ids must be a non-empty list of subnet IDs (subnet-…).",
            // The second lacks the subnet- prefix.
            rejects: { value: ["subnet-0a1b2c3d4e5f60718", "0b1c2d3e4f5a60718"] },
          },
        ],
      },
    ),
    account_id: required(
      tf.string,
      "AWS account ID the service runs in; the task role trusts ECS only on behalf of this account (`aws:SourceAccount`, confused-deputy protection).",
      { validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")] },
    ),

    image: required(
      tf.string,
      "Container image, `repository:tag` or `repository@sha256:…` (a digest makes deployments reproducible). With `image_owner = \"pipeline\"` this is only the first image; CI deploys the later ones. An ECR image's repository is added to the execution role's pull permissions automatically.",
      {
        validation: [
          validate.pattern("image", "^[^\\s]+$", "a non-empty image reference without whitespace"),
        ],
      },
    ),
    image_owner: optional(
      tf.string,
      "terraform",
      'Who deploys new images. `terraform` (default): the service runs the task definition Terraform registers, so changing `image` deploys it. `pipeline`: CI registers task-definition revisions and updates the service; Terraform still registers revisions for its own changes (environment, secrets, size) but never rolls the service back to them. Switching is a state move, not a re-create: see "Image ownership" below.',
      { validation: [validate.oneOf("image_owner", IMAGE_OWNERS)] },
    ),
    container_port: required(
      tf.number,
      "Port the container listens on; the ALB target group forwards to it.",
      {
        validation: [validate.range("container_port", 1, 65535)],
      },
    ),
    cpu: optional(
      tf.number,
      256,
      "Task CPU units (256 = 0.25 vCPU). Default 256, the smallest Fargate size.",
      {
        validation: [
          fargate.cpu,
          {
            condition:
              "var.ec2_capacity_provider == null || (floor(var.cpu) == var.cpu && var.cpu >= 128 && var.cpu <= 196608)",
            errorMessage:
              "cpu must be, on EC2 capacity, a whole number of CPU units from 128 to 196608.",
            // vCPUs instead of CPU units.
            rejects: { value: 0.5, alongside: ON_EC2 },
          },
        ],
      },
    ),
    memory: optional(
      tf.number,
      512,
      "Task memory in MiB; must be one of the values Fargate allows for `cpu`. Default 512, the smallest with 256 CPU.",
      {
        validation: [
          fargate.memory,
          {
            condition:
              "var.ec2_capacity_provider == null || (floor(var.memory) == var.memory && var.memory >= 128)",
            errorMessage: "memory must be, on EC2 capacity, a whole number of MiB of at least 128.",
            // GiB instead of MiB.
            rejects: { value: 2, alongside: ON_EC2 },
          },
        ],
      },
    ),
    cpu_architecture: optional(
      tf.string,
      "X86_64",
      "`X86_64` (default) or `ARM64` (Graviton: cheaper per vCPU; the image must be built for arm64).",
      { validation: [validate.oneOf("cpu_architecture", CPU_ARCHITECTURES)] },
    ),
    environment: optional(
      tf.map(tf.string),
      {},
      "Plain environment variables, name → value; written to the container definition sorted by name (the order AWS returns). Never put secrets here: use `secrets`. Default: none.",
      {
        validation: [
          {
            condition: `alltrue([for k in keys(var.environment) : can(regex("${ENV_NAME}", k))])`,
            errorMessage: "environment names must match ^[A-Za-z_][A-Za-z0-9_]*$.",
            rejects: { value: { "LOG-LEVEL": "info" } },
          },
        ],
      },
    ),
    secrets: optional(
      tf.map(tf.string),
      {},
      "Secrets injected as environment variables at start, name → ARN of a Secrets Manager secret (optionally with a `:json-key:version-stage:version-id` suffix) or an SSM parameter. The execution role may read exactly these secrets and parameters. Default: none.",
      {
        validation: [
          {
            condition: `alltrue([for k in keys(var.secrets) : can(regex("${ENV_NAME}", k))])`,
            errorMessage: "secrets names must match ^[A-Za-z_][A-Za-z0-9_]*$.",
            rejects: {
              value: {
                "db-password":
                  "arn:aws:ssm:eu-north-1:123456789012:parameter/shop-prod/orders/db-password",
              },
            },
          },
          {
            condition:
              'alltrue([for v in values(var.secrets) : can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[^:]+|ssm:[a-z0-9-]+:[0-9]{12}:parameter/.+)", v))])',
            errorMessage:
              "secrets values must be Secrets Manager secret ARNs (arn:aws:secretsmanager:<region>:<account>:secret:<name>[:key:stage:version]) or SSM parameter ARNs (arn:aws:ssm:<region>:<account>:parameter/<name>).",
            // A parameter name instead of its ARN.
            rejects: { value: { DB_PASSWORD: "/shop-prod/orders/db-password" } },
          },
          {
            condition: "length(setintersection(keys(var.secrets), keys(var.environment))) == 0",
            errorMessage: "a name may be in environment or in secrets, not both.",
            rejects: {
              value: {
                LOG_LEVEL:
                  "arn:aws:ssm:eu-north-1:123456789012:parameter/shop-prod/orders/log-level",
              },
              alongside: { environment: { LOG_LEVEL: "info" } },
            },
          },
        ],
      },
    ),
    secrets_kms_key_arns: optional(
      tf.list(tf.string),
      [],
      "Customer-managed KMS keys that encrypt the `secrets`; the execution role gets `kms:Decrypt` on exactly these. Default: none (AWS-managed keys need no grant).",
      {
        validation: [
          {
            condition:
              'alltrue([for k in var.secrets_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", k))])',
            errorMessage:
              "secrets_kms_key_arns must be KMS key ARNs (arn:aws:kms:<region>:<account>:key/<id>).",
            // An alias ARN: the grant needs the key itself.
            rejects: { value: ["arn:aws:kms:eu-north-1:123456789012:alias/shop-prod-secrets"] },
          },
        ],
      },
    ),
    ecr_repository_arns: optional(
      tf.list(tf.string),
      [],
      "ECR repositories the execution role may pull from besides the one in `image` (added automatically). Set it when a pipeline deploys images from another repository. Default: none.",
      {
        validation: [
          {
            condition:
              'alltrue([for r in var.ecr_repository_arns : can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$", r))])',
            errorMessage:
              "ecr_repository_arns must be ECR repository ARNs (arn:aws:ecr:<region>:<account>:repository/<name>).",
            // The repository URL instead of its ARN.
            rejects: { value: ["123456789012.dkr.ecr.eu-north-1.amazonaws.com/shop/orders"] },
          },
        ],
      },
    ),
    health_check: optional(
      healthCheck,
      null,
      'Container health check: `command` (`["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]` or `["CMD", …]`, the tool must exist in the image), `interval` (5–300 s, default 30), `timeout` (2–120 s, default 5), `retries` (1–10, default 3), `start_period` (0–300 s, default 0 = none). Default null: no container health check, the ALB target-group health check alone decides.',
      {
        validation: [
          {
            condition: nullOr(
              "health_check",
              'contains(["CMD", "CMD-SHELL"], var.health_check.command[0]) && length(var.health_check.command) > 1 && var.health_check.interval >= 5 && var.health_check.interval <= 300 && var.health_check.timeout >= 2 && var.health_check.timeout <= 120 && var.health_check.retries >= 1 && var.health_check.retries <= 10 && var.health_check.start_period >= 0 && var.health_check.start_period <= 300',
            ),
            errorMessage:
              "health_check: command must start with CMD or CMD-SHELL followed by the command; interval 5–300, timeout 2–120, retries 1–10, start_period 0–300.",
            rejects: { value: { command: ["curl -f http://localhost:8080/health"] } },
          },
        ],
      },
    ),
    user: optional(
      tf.string,
      null,
      "User the container runs as, `uid`, `uid:gid` or a name from the image. Default null: the image's own `USER`, so build images with a non-root USER or set this. Root (`0`, `root`) is rejected.",
      {
        validation: [
          {
            condition: nullOr(
              "user",
              'can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$", var.user)) && !contains(["0", "root"], split(":", var.user)[0])',
            ),
            errorMessage: "user must be uid, uid:gid or a user name, and not root (0).",
            rejects: { value: "0:0" },
          },
        ],
      },
    ),
    scratch_volume_path: optional(
      tf.string,
      null,
      "Absolute path of a writable scratch directory (e.g. `/tmp`) backed by the task's ephemeral storage; everything else stays read-only. Default null: no writable path.",
      {
        validation: [
          {
            condition: nullOr(
              "scratch_volume_path",
              `can(regex(${ABSOLUTE_PATH}, var.scratch_volume_path))`,
            ),
            errorMessage:
              "scratch_volume_path must be an absolute path other than /, such as /tmp.",
            rejects: { value: "tmp" },
          },
        ],
      },
    ),
    efs_volumes: optional(
      tf.map(efsVolume),
      {},
      "EFS volumes mounted into the container, keyed by volume name: the file system and the access point (the efs module's `file_system_id`, `file_system_arn`, `access_point_ids[…]` and `access_point_arns[…]`), the absolute `container_path`, and `read_only` (default false). Each is mounted with TLS (`transit_encryption`) and IAM authorization through its access point, which fixes the POSIX user and root directory; the task role may mount only through that access point, and write unless `read_only`. The tasks also need egress to the file system's security group on 2049: add it to `egress_security_group_rules`. Default: none.",
      {
        validation: [
          {
            condition: `alltrue([for k in keys(var.efs_volumes) : can(regex("^[A-Za-z0-9_-]{1,255}$", k)) && !contains(${JSON.stringify(TASK_STORAGE_VOLUMES)}, k)])`,
            errorMessage: `efs_volumes keys must be 1–255 characters of A-Z, a-z, 0-9, _ and -, and not ${TASK_STORAGE_VOLUMES.join(", ")} (the task-storage volumes).`,
            // "scratch" is the volume behind scratch_volume_path.
            rejects: { value: { scratch: invoicesVolume } },
          },
          {
            condition: `alltrue([for v in values(var.efs_volumes) : can(regex("^fs-[0-9a-f]{8,40}$", v.file_system_id)) && can(regex("^fsap-[0-9a-f]{8,40}$", v.access_point_id)) && can(regex("${EFS_ARN}file-system/", v.file_system_arn)) && endswith(v.file_system_arn, "/\${v.file_system_id}") && can(regex("${EFS_ARN}access-point/", v.access_point_arn)) && endswith(v.access_point_arn, "/\${v.access_point_id}")])`,
            errorMessage:
              "efs_volumes: file_system_id must be fs-…, access_point_id fsap-…, and file_system_arn / access_point_arn the ARNs of that same file system and access point (arn:aws:elasticfilesystem:<region>:<account>:file-system/fs-… and …:access-point/fsap-…).",
            // access_point_arn names another access point.
            rejects: {
              value: { invoices: { ...invoicesVolume, access_point_id: "fsap-0fedcba9876543210" } },
            },
          },
          {
            condition: `alltrue([for v in values(var.efs_volumes) : can(regex(${ABSOLUTE_PATH}, v.container_path))])`,
            errorMessage: "efs_volumes container_path values must be absolute paths other than /.",
            rejects: { value: { invoices: { ...invoicesVolume, container_path: "srv/invoices" } } },
          },
          {
            // Grouped by path: every group must hold one mount.
            condition: `alltrue([for path, mounts in { for p in concat(
  [for v in values(var.efs_volumes) : v.container_path],
  var.scratch_volume_path == null ? [] : [var.scratch_volume_path],
  var.enable_execute_command ? ${JSON.stringify(Object.values(EXEC_AGENT_PATHS))} : [],
) : p => p... } : length(mounts) == 1])`,
            errorMessage: `efs_volumes container_path values must be unique, and differ from scratch_volume_path and, with enable_execute_command, from ${Object.values(EXEC_AGENT_PATHS).join(" and ")}.`,
            rejects: {
              value: { invoices: { ...invoicesVolume, container_path: "/tmp" } },
              alongside: { scratch_volume_path: "/tmp" },
            },
          },
        ],
      },
    ),
    log_retention_days: optional(
      tf.number,
      30,
      "Retention of the service's log group in days. Default 30; set per environment (long in prod).",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    log_kms_key_arn: optional(
      tf.string,
      null,
      "KMS key ARN for the log group; its policy must allow the CloudWatch Logs service principal. Default null: CloudWatch Logs' own encryption.",
      { validation: [validate.optionalArn("log_kms_key_arn", "kms")] },
    ),

    task_role_statements: roleStatementsInput(
      "task_role_statements",
      "task role",
      "what the application may call",
    ),
    enable_execute_command: optional(
      tf.bool,
      false,
      "ECS Exec (`aws ecs execute-command`) into running tasks; adds the ssmmessages permissions it needs to the task role and makes the SSM agent's directories (`/var/lib/amazon`, `/var/log/amazon`) writable, since the root filesystem is read-only. Default false: no shell access.",
    ),
    execute_command_log_group_arn: optional(
      tf.string,
      null,
      "The cluster's ECS Exec audit log group (ARN without `:*`, the ecs-cluster module's `exec_log_group_arn`); when set with `enable_execute_command`, the task role may write session logs there, which ECS Exec requires when the cluster logs sessions. Default null.",
      {
        validation: [
          {
            condition: nullOr(
              "execute_command_log_group_arn",
              'can(regex("^arn:aws[a-z-]*:logs:[a-z0-9-]+:[0-9]{12}:log-group:[^:*]+$", var.execute_command_log_group_arn))',
            ),
            errorMessage:
              "execute_command_log_group_arn must be a log group ARN without the trailing :*.",
            rejects: {
              value: "arn:aws:logs:eu-north-1:123456789012:log-group:/aws/ecs/shop-prod/exec:*",
            },
          },
        ],
      },
    ),
    execute_command_kms_key_arn: optional(
      tf.string,
      null,
      "KMS key the cluster encrypts ECS Exec sessions with (its `execute_command_configuration.kms_key_id`, not the audit log group's key); when set with `enable_execute_command`, the task role gets `kms:Decrypt` on it. Default null: sessions use TLS only.",
      { validation: [validate.optionalArn("execute_command_kms_key_arn", "kms")] },
    ),

    load_balanced: optional(
      tf.bool,
      true,
      "Whether the service sits behind the ALB: registers its tasks in `target_group_arn` and admits `alb_security_group_id` on the container port. A flag rather than inferred from null ids because Terraform must know it at plan time, and the ids usually come from an ALB created in the same apply. False, with both ids null: a worker or a service found through Cloud Map.",
      {
        validation: [
          {
            condition:
              "var.load_balanced == (var.target_group_arn != null) && var.load_balanced == (var.alb_security_group_id != null)",
            errorMessage:
              "load_balanced true needs both alb_security_group_id and target_group_arn; false needs both null.",
            rejects: { value: false, alongside: { alb_security_group_id: "sg-0123456789abcdef0" } },
          },
        ],
      },
    ),
    alb_security_group_id: optional(
      tf.string,
      null,
      "Security group of the load balancer; the only source allowed to reach the container port besides `ingress_security_group_rules`. (The ALB side needs a matching egress rule to `security_group_id`.) Null when `load_balanced` is false.",
      {
        validation: [
          {
            condition: nullOr(
              "alb_security_group_id",
              `can(regex("${SG_ID}", var.alb_security_group_id))`,
            ),
            errorMessage: "alb_security_group_id must be null or a security group ID (sg-…).",
            // The group's name instead of its ID.
            rejects: { value: "shop-prod-alb" },
          },
        ],
      },
    ),
    target_group_arn: optional(
      tf.string,
      null,
      "ARN of the `ip` target group the service registers its tasks in. Pass the alb module's `target_group_arns` output: it already waits for the listener rules, which ECS needs (a `depends_on` on the alb module would be a cycle, since the ALB takes the services' security group ids). Null when `load_balanced` is false: no `load_balancer` block, no health-check grace period, no request-count scaling.",
      {
        validation: [
          {
            condition: nullOr(
              "target_group_arn",
              'can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/", var.target_group_arn))',
            ),
            errorMessage: "target_group_arn must be null or an ELBv2 target group ARN.",
            // The load balancer's ARN instead of the target group's.
            rejects: {
              value:
                "arn:aws:elasticloadbalancing:eu-north-1:123456789012:loadbalancer/app/shop-prod/0123456789abcdef",
            },
          },
        ],
      },
    ),
    egress_security_group_rules: optional(
      tf.map(egressRule),
      {},
      "Extra egress from the tasks to other security groups (database, cache, another service), keyed by a stable name (`database`): `security_group_id`, TCP `port`, `description`. The target side needs a matching ingress rule. Default: none; tasks reach only HTTPS.",
      {
        validation: [
          {
            condition: `alltrue([for k, r in var.egress_security_group_rules : can(regex("^[a-z][a-z0-9_-]*$", k)) && can(regex("${SG_ID}", r.security_group_id)) && r.port >= 1 && r.port <= 65535 && can(regex("${SG_RULE_DESCRIPTION.replace(/\\/g, "\\\\")}", r.description))])`,
            errorMessage:
              "egress_security_group_rules: keys must be lower-case names, security_group_id an sg-… ID, port 1–65535, description 1–255 characters EC2 accepts.",
            // EC2 accepts only ASCII in descriptions, not the en dash.
            rejects: {
              value: {
                database: {
                  security_group_id: "sg-0fedcba9876543210",
                  port: 5432,
                  description: "PostgreSQL – orders",
                },
              },
            },
          },
        ],
      },
    ),

    desired_count: optional(
      tf.number,
      1,
      "Task count when the service is created. Afterwards Application Auto Scaling owns the count: with autoscaling on it moves between `min_count` and `max_count`; with it off the count is pinned to this value through the scalable target, so changing it still takes effect. Default 1.",
      {
        validation: [
          validate.range("desired_count", 0, 5000),
          {
            condition:
              "!var.autoscaling_enabled || (var.desired_count >= var.min_count && var.desired_count <= var.max_count)",
            errorMessage:
              "desired_count must be within [min_count, max_count] when autoscaling_enabled.",
            rejects: {
              value: 12,
              alongside: { autoscaling_enabled: true, min_count: 2, max_count: 10 },
            },
          },
        ],
      },
    ),
    deployment_minimum_healthy_percent: optional(
      tf.number,
      100,
      "Lower bound of running tasks during a deployment, % of the desired count. Default 100: never below capacity.",
      { validation: [validate.range("deployment_minimum_healthy_percent", 0, 100)] },
    ),
    deployment_maximum_percent: optional(
      tf.number,
      200,
      "Upper bound of running tasks during a deployment, % of the desired count. Default 200: a full new set starts before the old one stops.",
      { validation: [validate.range("deployment_maximum_percent", 100, 200)] },
    ),
    health_check_grace_period_seconds: optional(
      tf.number,
      60,
      "Seconds after a task starts during which failing load-balancer health checks do not stop it. Default 60; raise it for slow-starting applications.",
      { validation: [validate.range("health_check_grace_period_seconds", 0, 3600)] },
    ),
    fargate_base: optional(
      tf.number,
      0,
      "Tasks always placed on regular FARGATE before the weights apply (e.g. 2 in prod so the floor survives Spot interruptions). Default 0.",
      { validation: [validate.range("fargate_base", 0, 100000)] },
    ),
    fargate_weight: optional(
      tf.number,
      1,
      "Relative share of tasks above `fargate_base` on FARGATE. Default 1 (with `spot_weight` 0: no Spot).",
      { validation: [validate.range("fargate_weight", 0, 1000)] },
    ),
    spot_weight: optional(
      tf.number,
      0,
      "Relative share of tasks above `fargate_base` on FARGATE_SPOT (dev: `fargate_weight = 0`, `spot_weight = 1`). The cluster must have both capacity providers. Default 0.",
      {
        validation: [
          validate.range("spot_weight", 0, 1000),
          {
            condition: "var.fargate_weight + var.spot_weight > 0",
            errorMessage: "fargate_weight and spot_weight cannot both be 0.",
            rejects: { value: 0, alongside: { fargate_weight: 0 } },
          },
        ],
      },
    ),
    alarm_names: optional(
      tf.list(tf.string),
      [],
      "CloudWatch alarms watched during deployments; when one fires ECS rolls back to the last completed deployment. Default: none (the circuit breaker still rolls back tasks that fail to start).",
    ),

    autoscaling_enabled: optional(
      tf.bool,
      true,
      "Target-tracking autoscaling between `min_count` and `max_count`. Default true. When false the count is fixed at `desired_count`.",
    ),
    min_count: optional(tf.number, 1, "Autoscaling floor. Default 1.", {
      validation: [validate.range("min_count", 0, 5000)],
    }),
    max_count: optional(tf.number, 2, "Autoscaling ceiling. Default 2.", {
      validation: [
        validate.range("max_count", 1, 5000),
        {
          condition: "var.max_count >= var.min_count",
          errorMessage: "max_count must be at least min_count.",
          rejects: { value: 1, alongside: { min_count: 2 } },
        },
      ],
    }),
    cpu_target: optional(
      tf.number,
      70,
      "Target average CPU utilisation (%) of the service. Default 70.",
      {
        validation: [validate.range("cpu_target", 1, 100)],
      },
    ),
    memory_target: optional(
      tf.number,
      80,
      "Target average memory utilisation (%) of the service. Default 80.",
      { validation: [validate.range("memory_target", 1, 100)] },
    ),
    requests_per_target: optional(
      tf.number,
      null,
      "Target ALB requests per task (per minute); needs `alb_resource_label`. Default null: scale on CPU and memory only.",
      {
        validation: [
          {
            condition: nullOr(
              "requests_per_target",
              "var.requests_per_target >= 1 && var.alb_resource_label != null",
            ),
            errorMessage: "requests_per_target must be at least 1 and needs alb_resource_label.",
            rejects: { value: 500, alongside: { alb_resource_label: null } },
          },
        ],
      },
    ),
    alb_resource_label: optional(
      tf.string,
      null,
      "`<load balancer ARN suffix>/<target group ARN suffix>` (`app/<name>/<id>/targetgroup/<name>/<id>`), the metric dimension of request-count scaling. Default null.",
      {
        validation: [
          {
            condition: nullOr(
              "alb_resource_label",
              'can(regex("^app/[A-Za-z0-9-]+/[0-9a-f]+/targetgroup/[A-Za-z0-9-]+/[0-9a-f]+$", var.alb_resource_label))',
            ),
            errorMessage: "alb_resource_label must look like app/<alb>/<id>/targetgroup/<tg>/<id>.",
            // The target group ARN instead of the metric dimension.
            rejects: {
              value:
                "arn:aws:elasticloadbalancing:eu-north-1:123456789012:targetgroup/shop-prod-orders/0123456789abcdef",
            },
          },
        ],
      },
    ),
    scale_out_cooldown: optional(
      tf.number,
      60,
      "Seconds after a scale-out before another scale-out. Default 60: react to load quickly.",
      { validation: [validate.range("scale_out_cooldown", 0, 3600)] },
    ),
    scale_in_cooldown: optional(
      tf.number,
      300,
      "Seconds after a scale-in before another scale-in. Default 300: shrink slowly to avoid flapping.",
      { validation: [validate.range("scale_in_cooldown", 0, 3600)] },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too); the service propagates its tags to its tasks.",
    ),
    deployment_controller: deploymentControllerInput,
    ...launchInputs,
    ...ec2VolumeInputs,
    ...reachabilityInputs,
  },
  outputs: {
    service_name: output(tf.string, "Name of the ECS service."),
    service_arn: output(
      tf.string,
      "ARN of the ECS service (whichever image-ownership variant is active).",
    ),
    container_name: output(
      tf.string,
      "Name of the container (what a pipeline's task-definition update targets).",
    ),
    task_definition_arn: output(
      tf.string,
      "ARN (with revision) of the task definition Terraform registered. With image_owner = pipeline the service may run a later revision of the same family.",
    ),
    task_definition_family: output(
      tf.string,
      "Task definition family; CI registers new revisions in it.",
    ),
    security_group_id: output(
      tf.string,
      "Security group of the tasks; allow it as a source on databases and caches.",
    ),
    task_role_arn: output(tf.string, "ARN of the task role (the application's permissions)."),
    task_role_name: output(tf.string, "Name of the task role, to attach further policies."),
    execution_role_arn: output(
      tf.string,
      "ARN of the execution role (image pull, logs, secrets); a pipeline's iam:PassRole needs it.",
    ),
    log_group_name: output(tf.string, "CloudWatch log group of the container."),
  },
  example: {
    name: "shop-prod-orders",
    cluster_arn: "arn:aws:ecs:eu-north-1:123456789012:cluster/shop-prod",
    cluster_name: "shop-prod",
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids: [
      "subnet-0a1b2c3d4e5f60718",
      "subnet-0b1c2d3e4f5a60718",
      "subnet-0c1d2e3f4a5b60718",
    ],
    account_id: "123456789012",
    image: "123456789012.dkr.ecr.eu-north-1.amazonaws.com/shop/orders:1.4.2",
    image_owner: "pipeline",
    container_port: 8080,
    cpu: 512,
    memory: 1024,
    cpu_architecture: "ARM64",
    environment: { LOG_LEVEL: "info", SPRING_PROFILES_ACTIVE: "prod" },
    secrets: {
      DB_PASSWORD:
        "arn:aws:secretsmanager:eu-north-1:123456789012:secret:shop-prod/orders/db-AbCdEf:password::",
      PAYMENT_API_KEY:
        "arn:aws:ssm:eu-north-1:123456789012:parameter/shop-prod/orders/payment-api-key",
    },
    secrets_kms_key_arns: [
      "arn:aws:kms:eu-north-1:123456789012:key/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
    ],
    health_check: {
      command: ["CMD-SHELL", "wget -q -O /dev/null http://localhost:8080/health || exit 1"],
      start_period: 30,
    },
    user: "1000:1000",
    scratch_volume_path: "/tmp",
    efs_volumes: {
      invoices: invoicesVolume,
      templates: {
        file_system_id: "fs-0123456789abcdef0",
        file_system_arn:
          "arn:aws:elasticfilesystem:eu-north-1:123456789012:file-system/fs-0123456789abcdef0",
        access_point_id: "fsap-0fedcba9876543210",
        access_point_arn:
          "arn:aws:elasticfilesystem:eu-north-1:123456789012:access-point/fsap-0fedcba9876543210",
        container_path: "/srv/templates",
        read_only: true,
      },
    },
    log_retention_days: 90,
    task_role_statements: [
      {
        sid: "ReadOrderEvents",
        actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
        resources: ["arn:aws:sqs:eu-north-1:123456789012:shop-prod-order-events"],
      },
      {
        sid: "WriteInvoices",
        actions: ["s3:PutObject"],
        resources: ["arn:aws:s3:::shop-prod-invoices/orders/*"],
        conditions: [
          {
            test: "StringEquals",
            variable: "s3:x-amz-server-side-encryption",
            values: ["aws:kms"],
          },
        ],
      },
    ],
    enable_execute_command: true,
    execute_command_log_group_arn:
      "arn:aws:logs:eu-north-1:123456789012:log-group:/aws/ecs/shop-prod/exec",
    alb_security_group_id: "sg-0123456789abcdef0",
    target_group_arn:
      "arn:aws:elasticloadbalancing:eu-north-1:123456789012:targetgroup/shop-prod-orders/0123456789abcdef",
    egress_security_group_rules: {
      database: {
        security_group_id: "sg-0fedcba9876543210",
        port: 5432,
        description: "PostgreSQL",
      },
      efs: {
        security_group_id: "sg-0a1b2c3d4e5f60718",
        port: 2049,
        description: "NFS to the shop-prod-documents file system",
      },
    },
    desired_count: 2,
    health_check_grace_period_seconds: 90,
    fargate_base: 2,
    fargate_weight: 3,
    spot_weight: 1,
    alarm_names: ["shop-prod-orders-5xx"],
    min_count: 2,
    max_count: 10,
    requests_per_target: 500,
    alb_resource_label:
      "app/shop-prod/0123456789abcdef/targetgroup/shop-prod-orders/0123456789abcdef",
    tags: { Service: "orders" },
  },
  notes,
});
