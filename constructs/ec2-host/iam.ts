import { StatementHcl } from "../core/instance-launch";

/**
 * What the host's applications need from AWS, each statement only when its input is set:
 * pull the named images, read the named secrets, read the Compose file, write container logs.
 */
export function hostStatements(partition: string): StatementHcl[] {
  const s3Object = `arn:\${${partition}}:s3:::\${var.compose_source.s3_bucket}/\${var.compose_source.s3_key}`;
  return [
    // GetAuthorizationToken has no resource-level permissions; the pulls themselves are scoped.
    `length(var.ecr_repository_arns) > 0 ? { Sid = "EcrLogin", Effect = "Allow", Action = ["ecr:GetAuthorizationToken"], Resource = ["*"] } : null`,
    `length(var.ecr_repository_arns) > 0 ? { Sid = "PullImages", Effect = "Allow", Action = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource = var.ecr_repository_arns } : null`,
    `length(var.secrets) > 0 ? { Sid = "ReadSecrets", Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = distinct(values(var.secrets)) } : null`,
    `var.compose_source.ssm_parameter_arn != null ? { Sid = "ReadComposeParameter", Effect = "Allow", Action = ["ssm:GetParameter"], Resource = [var.compose_source.ssm_parameter_arn] } : null`,
    `var.compose_source.s3_bucket != null ? { Sid = "ReadComposeObject", Effect = "Allow", Action = ["s3:GetObject", "s3:GetObjectVersion"], Resource = ["${s3Object}"] } : null`,
    `{ Sid = "WriteContainerLogs", Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = ["\${aws_cloudwatch_log_group.this.arn}:*"] }`,
  ];
}
