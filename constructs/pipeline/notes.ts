/** The README's design notes for `pipeline`. */
export const PIPELINE_NOTES = `## Design notes

### The GitHub connection is confirmed once, by a person
With \`source_type = "github"\` and no \`codestar_connection_arn\`, the module creates
\`aws_codestarconnections_connection.github[0]\`. AWS creates it **PENDING**: no API can complete
the OAuth handshake with GitHub. After the first apply, open *Developer Tools → Settings →
Connections* in the console, choose the connection (\`connection_arn\` output), *Update pending
connection*, and install or pick the AWS Connector for GitHub app on the organization, limited to
the application repositories. Until then the Source stage fails. Share one confirmed connection
between pipelines by passing its ARN as \`codestar_connection_arn\`.

### What the application's buildspec must produce
The build gets \`REPOSITORY_URI\` (the ECR repository), \`build_environment\` and
\`build_secrets\` (resolved by CodeBuild from Secrets Manager / Parameter Store; never plaintext).
It must build, push \`$REPOSITORY_URI:<tag>\` (tags are immutable: use the commit,
\`$CODEBUILD_RESOLVED_SOURCE_VERSION\`), and write into its artifact:
- with \`deploy_provider = "CodeDeployToECS"\`: \`imageDetail.json\` (\`{"ImageURI": "<uri>@<digest>"}\`),
  \`taskdef.json\` (the task definition with \`"image": "<IMAGE1_NAME>"\`, the placeholder the
  deploy action fills in) and \`appspec.yaml\` (\`TaskDefinition: <TASK_DEFINITION>\`, the container name and port);
- with \`ECS\`: \`imagedefinitions.json\` (\`[{"name": "<container>", "imageUri": "<uri>@<digest>"}]\`).

### Security
- **Artifacts**: the bucket \`<name>-pipeline-<account_id>\` is the platform's hardened bucket
  (\`constructs/core/secure-bucket.ts\`: public access blocked, BucketOwnerEnforced, TLS-only
  policy, versioning), SSE-KMS with the module's key (or \`kms_key_arn\`), artifacts expire after
  \`artifact_retention_days\`. The pipeline's artifact store and the build use the same key.
- **Build**: privileged mode, because building Docker images inside CodeBuild needs the Docker
  daemon; the project runs only the application repository's buildspec from the Source artifact.
  Logs go to \`/aws/codebuild/<name>\` with \`log_retention_days\`, KMS-encrypted (the key policy
  lets CloudWatch Logs use it for that one log group); S3 logs off.
- **Roles** (inline policies \`aws_iam_role_policy.build\` and \`.pipeline\`; no \`*\` action
  anywhere, no \`<service>:*\`):
  - build: log streams of its log group; artifact objects; the key; push (and read) **only**
    \`ecr_repository_arn\`; \`secretsmanager:GetSecretValue\` / \`ssm:GetParameters\` on exactly
    \`build_secrets\`.
  - pipeline: artifact objects; the key; \`codestar-connections:UseConnection\` on its connection
    (or read of the S3 source object); start and read its build project; \`ecs:UpdateService\` /
    \`DescribeServices\` on the one service (ECS) or \`codedeploy:CreateDeployment\` /
    \`GetDeployment\` on the one deployment group and the application's revisions (CodeDeploy);
    \`iam:PassRole\` on **only** \`task_role_arn\` and \`execution_role_arn\`, and only to
    \`ecs-tasks.amazonaws.com\`.
  - **\`*\` resources, and why**: \`ecr:GetAuthorizationToken\` (the registry login has no
    resource-level permission), \`ecs:RegisterTaskDefinition\` and \`ecs:DescribeTaskDefinition\`
    (ECS does not support resource-level permissions for them; the deploy actions register the new
    revision). \`ecs:TagResource\` is limited to task definitions and only as part of registering.
    \`codedeploy:GetDeploymentConfig\` is on this account's \`deploymentconfig:*\` (the group
    chooses the configuration).
- **Notifications**: \`aws_codestarnotifications_notification_rule.failures[0]\` sends failed
  executions (detail \`BASIC\`: no artifact content) to \`notification_topic_arn\` when
  \`notify_failures\` is true; the topic's policy (and its KMS key) must allow
  \`codestar-notifications.amazonaws.com\` to publish. The switch is separate from the ARN because
  a \`count\` must be known at plan time: \`notification_topic_arn == null ? 0 : 1\` fails in a root
  that passes the ARN of a topic created in the same apply.

### Provider
CodePipeline V2 (\`pipeline_type = "V2"\`, \`execution_mode = "QUEUED"\`) works from provider
5.32; nothing here is 6.x-only.

## Not included
Manual approval stages, test stages, cross-account or cross-Region deploys, build caching,
VPC builds, and triggers with file-path filters (V2 \`trigger\` blocks).`;
