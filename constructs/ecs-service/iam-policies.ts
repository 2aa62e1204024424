import { roleStatementsPolicy } from "../core/role-statements";
/**
 * IAM documents as Terraform expressions. Statements that depend on inputs are written as
 * `null` when not needed and dropped by `policy(…)`, so an empty feature leaves no statement
 * (IAM rejects statements with an empty Resource list) and no conditional has to reconcile
 * differently shaped statements.
 */
const policy = (statements: string[]) =>
  `jsonencode({
  Version   = "2012-10-17"
  Statement = [for s in [
    ${statements.join(",\n    ")},
  ] : s if s != null]
})`;

const when = (condition: string, statement: string) => `${condition} ? ${statement} : null`;

const partition = "data.aws_partition.current.partition";

export const locals = {
  /** ECR repository of `image` when it is a private ECR image, plus `ecr_repository_arns`. */
  ecr_repository_arns: `distinct(concat(var.ecr_repository_arns, [
  for m in regexall("^([0-9]{12})\\\\.dkr\\\\.ecr\\\\.([a-z0-9-]+)\\\\.amazonaws\\\\.com(?:\\\\.cn)?/([^:@]+)", var.image) :
  "arn:\${${partition}}:ecr:\${m[1]}:\${m[0]}:repository/\${m[2]}"
]))`,
  /** The secrets' ARNs without the `:json-key:version-stage:version-id` suffix IAM does not match. */
  secret_arns: `distinct([for v in values(var.secrets) : join(":", slice(split(":", v), 0, 7)) if split(":", v)[2] == "secretsmanager"])`,
  parameter_arns: `distinct([for v in values(var.secrets) : v if split(":", v)[2] == "ssm"])`,
};

/** Pull the image, write the container's logs, resolve exactly the referenced secrets. */
export const executionPolicy = policy([
  `{ Sid = "WriteContainerLogs", Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = ["\${aws_cloudwatch_log_group.this.arn}:*"] }`,
  // GetAuthorizationToken has no resource-level permissions; the pulls themselves are scoped.
  when(
    "length(local.ecr_repository_arns) > 0",
    `{ Sid = "EcrLogin", Effect = "Allow", Action = ["ecr:GetAuthorizationToken"], Resource = ["*"] }`,
  ),
  when(
    "length(local.ecr_repository_arns) > 0",
    `{ Sid = "PullImage", Effect = "Allow", Action = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource = local.ecr_repository_arns }`,
  ),
  when(
    "length(local.secret_arns) > 0",
    `{ Sid = "ReadSecrets", Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = local.secret_arns }`,
  ),
  when(
    "length(local.parameter_arns) > 0",
    `{ Sid = "ReadParameters", Effect = "Allow", Action = ["ssm:GetParameters"], Resource = local.parameter_arns }`,
  ),
  when(
    "length(var.secrets_kms_key_arns) > 0",
    `{ Sid = "DecryptSecrets", Effect = "Allow", Action = ["kms:Decrypt"], Resource = var.secrets_kms_key_arns }`,
  ),
]);

/**
 * ECS may assume the task role only for tasks of this account and region (confused-deputy
 * protection, as the ECS developer guide recommends for task roles).
 */
export const taskTrustPolicy = `jsonencode({
  Version = "2012-10-17"
  Statement = [{
    Effect    = "Allow"
    Principal = { Service = "ecs-tasks.amazonaws.com" }
    Action    = "sts:AssumeRole"
    Condition = {
      StringEquals = { "aws:SourceAccount" = var.account_id }
      ArnLike      = { "aws:SourceArn" = "arn:\${${partition}}:ecs:\${data.aws_region.current.id}:\${var.account_id}:*" }
    }
  }]
})`;

/** The caller's statements. */
export const taskPolicy = roleStatementsPolicy("task_role_statements");

/** What ECS Exec needs in the task: the SSM session channels, and the cluster's audit log and key when it has them. */
export const executeCommandPolicy = policy([
  // The ssmmessages actions have no resource-level permissions.
  `{ Sid = "ExecSessionChannels", Effect = "Allow", Action = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], Resource = ["*"] }`,
  when(
    "var.execute_command_log_group_arn != null",
    `{ Sid = "ExecFindAuditLog", Effect = "Allow", Action = ["logs:DescribeLogGroups"], Resource = ["*"] }`,
  ),
  when(
    "var.execute_command_log_group_arn != null",
    `{ Sid = "ExecWriteAuditLog", Effect = "Allow", Action = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource = ["\${var.execute_command_log_group_arn}:*"] }`,
  ),
  when(
    "var.execute_command_kms_key_arn != null",
    `{ Sid = "ExecDecryptSession", Effect = "Allow", Action = ["kms:Decrypt"], Resource = [var.execute_command_kms_key_arn] }`,
  ),
]);

/**
 * One statement per EFS volume: mount its file system only through its access point (which
 * fixes the POSIX user and root directory), and write unless the volume is read-only. No
 * `ClientRootAccess`: the access point's user is never root. No Sid: volume names may hold
 * `-` and `_`, which Sids may not, and stripping them could make two Sids collide.
 */
export const efsPolicy = `jsonencode({
  Version = "2012-10-17"
  Statement = [for name, v in var.efs_volumes : {
    Effect    = "Allow"
    Action    = concat(["elasticfilesystem:ClientMount"], v.read_only ? [] : ["elasticfilesystem:ClientWrite"])
    Resource  = v.file_system_arn
    Condition = { ArnEquals = { "elasticfilesystem:AccessPointArn" = v.access_point_arn } }
  }]
})`;
