/** The README's design notes for the github-oidc module (kept apart: it is long prose). */
export const GITHUB_OIDC_NOTES = `## Design notes

- **One provider per account.** IAM holds one OIDC provider per URL, so the first instance in
  an account creates \`aws_iam_openid_connect_provider.github[0]\` and every other instance
  passes its \`provider_arn\` as \`existing_provider_arn\`. The client ID is \`sts.amazonaws.com\`.
  The thumbprints are GitHub's two published ones: IAM no longer checks them for GitHub (it
  trusts the issuer's certificate authority) and the argument is optional in 5.100 and 6.x
  (older 5.x releases required it), but setting them keeps the resource identical under both.
- **Trust is pinned, never open.** Every role's trust policy allows only
  \`sts:AssumeRoleWithWebIdentity\` from that provider, checks
  \`token.actions.githubusercontent.com:aud = sts.amazonaws.com\` with \`StringEquals\`, and
  restricts \`…:sub\` to subjects that start with a literal \`repo:<owner>/<repository>:\`:
  - **plan** (\`<name>-github-plan\`, \`StringLike\`): \`repo:<owner>/<repo>:pull_request\` plus
    \`repo:<owner>/<repo>:environment:<env>\` for each of \`plan_environments\`;
  - **apply** (\`<name>-github-apply\`, \`StringEquals\`): \`repo:<owner>/<repo>:environment:<env>\`
    for each of \`apply_environments\` when any are given (GitHub puts the environment in the
    subject whenever a job names one), else \`repo:<owner>/<repo>:ref:refs/heads/<apply_branch>\`;
  - **deploy** (\`<name>-github-deploy\`, \`StringLike\`): exactly \`deploy_subjects\`; created
    only when that list is non-empty (\`count\`).
  Owner, repository, branch and environment names are validated to contain no \`*\` or \`?\`, and
  a deploy subject may use a wildcard only after the repository (\`…:ref:refs/tags/v*\`).
- **Policies are customer-managed** (\`aws_iam_policy.<role>_<part>\`, named
  \`<name>-github-<role>-<part>\`, each attached by \`aws_iam_role_policy_attachment\` of the same
  name): the apply role's permissions exceed both the 10,240 characters IAM allows for all
  inline policies of a role and the 6,144 of one managed policy, so they are split into
  \`read\`, \`network\`, \`workload\` and \`iam\`. The documents are data in
  \`constructs/github-oidc/policies.ts\`, unit-tested as written and as Terraform renders them:
  no \`*\`, \`<service>:*\` or \`iam:*\` action anywhere, no write action in the plan role but
  the lock file, every rendered policy within the size limit.

## Permissions

- **plan**: describe/list/get metadata of every service the platform uses, written as explicit
  patterns (\`ec2:Describe*\`, \`rds:Describe*\`, \`apigateway:GET\`, …). What reads data is left
  out: no object reads outside the state, no \`secretsmanager:GetSecretValue\`, no
  \`ssm:GetParameter\`, no ECR layer download, no log events; bucket configuration is read only
  on \`<resource_prefix>-*\` buckets. State: \`s3:ListBucket\` on the key prefix,
  \`s3:GetObject\` on \`<bucket>/<state_key_prefix>/*\`, and \`s3:PutObject\` / \`s3:DeleteObject\`
  only on \`<bucket>/<state_key_prefix>/*.tflock\` (the S3 lock file
  \`use_lockfile\` writes during plan). The state itself may hold secrets of the resources it
  manages: treat plan output and state access accordingly.
- **apply**: the plan role's reads plus create/update/delete of the resource types the modules
  create, as service-scoped action lists (explicit for EC2, verb patterns such as
  \`elasticloadbalancing:Create*\` or \`rds:Modify*\` for services that only hold the platform's
  resources). Resources are \`*\` where AWS has no ARN before creation. Narrower where it counts:
  - IAM writes only on \`role/<resource_prefix>-*\` and \`policy/<resource_prefix>-*\`;
    \`AttachRolePolicy\` only of the project's own policies or AWS \`service-role/*\` policies
    (never \`AdministratorAccess\`); \`iam:PassRole\` only of project roles, with an
    \`iam:PassedToService\` condition; service-linked roles only for the listed services;
  - an explicit **Deny** of every IAM write to \`role/<name>-github-*\` and
    \`policy/<name>-github-*\`, so a \`resource_prefix\` that also covers these roles and their
    policies cannot let apply widen itself;
  - S3 bucket configuration only on \`<resource_prefix>-*\` buckets (no object deletion);
  - \`kms:CreateGrant\` only for AWS services; no \`kms:DisableKeyRotation\`, no
    \`cloudtrail:StopLogging\` / \`DeleteTrail\`: turning rotation or audit off needs an
    administrator.
- **deploy**: \`ecr:GetAuthorizationToken\` on \`*\` (AWS offers no resource-level permission for
  it); push actions on \`ecr_repository_arns\`; \`ecs:RegisterTaskDefinition\` and
  \`ecs:DescribeTaskDefinition\` on \`*\` (same reason), \`ecs:TagResource\` only as part of
  registering; \`ecs:UpdateService\` / \`DescribeServices\` on \`ecs_service_arns\`;
  \`iam:PassRole\` on \`task_role_arns\` + \`execution_role_arns\` with
  \`iam:PassedToService = ecs-tasks.amazonaws.com\`; \`codedeploy:CreateDeployment\` /
  \`GetDeployment\` on \`codedeploy_deployment_group_arns\`, the revision actions on their
  applications and \`GetDeploymentConfig\` on the account's configurations; \`ecr:DescribeImages\`
  / \`DescribeRepositories\` on the repositories (the deploy workflow resolves the digest).
  Statements whose list is empty are left out.

## Security caveats

- **Apply is broad by nature.** A role that creates VPCs, databases and IAM roles can, through
  the roles it creates, reach what those roles can. To tighten it: set
  \`permissions_boundary_arn\` (a boundary caps every role this module creates, e.g. to the
  workload Regions), put \`apply_environments\` behind required
  reviewers, and add an SCP or a boundary condition requiring that roles apply creates carry a
  boundary too.
- **Never use \`pull_request_target\` or \`workflow_run\` with these roles**: those events run with
  the base branch's subject (\`ref:refs/heads/main\`), so untrusted pull-request code could
  assume the apply role when it is trusted by branch. Prefer \`apply_environments\`.
- Forked pull requests get no OIDC token from GitHub by default; the plan role is for
  pull requests from branches of the repository itself.
- Changes to this module's own roles need administrator credentials (the apply role is denied
  them): keep it in a bootstrap root applied by a person, not in the root the apply role runs.
- Listing the state bucket is limited to \`state_key_prefix\`; Terraform 1.7+ ignores the
  resulting access denial on the default \`env:\` workspace prefix.

## Not included

- A KMS key for the state bucket: if it uses SSE-KMS, add \`kms:Decrypt\` / \`kms:GenerateDataKey\`
  on that key to the plan and apply roles.
- Secret values: no role may call \`PutSecretValue\` or \`GetSecretValue\`; the platform's
  secrets are created empty or managed by the service (RDS managed passwords).
- Customized OIDC subject templates.
`;
