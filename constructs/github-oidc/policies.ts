import {
  API_GATEWAY_READ_ACTIONS,
  API_GATEWAY_WRITE_ACTIONS,
  ATTACHABLE_AWS_POLICIES,
  BUCKET_MANAGE_ACTIONS,
  BUCKET_READ_ACTIONS,
  NETWORK_MANAGE_ACTIONS,
  PASS_ROLE_SERVICES,
  POLICY_WRITE_ACTIONS,
  READ_ONLY_ACTIONS,
  ROLE_ATTACH_ACTIONS,
  ROLE_WRITE_ACTIONS,
  SERVICE_LINKED_ROLE_SERVICES,
  WORKLOAD_MANAGE_ACTIONS,
} from "./actions";
import { PolicyEntry, Statement } from "../core/policy-document";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience GitHub's aws-actions/configure-aws-credentials requests. */
export const STS_AUDIENCE = "sts.amazonaws.com";
/**
 * GitHub's published thumbprints. IAM no longer checks them for this provider (it trusts the
 * issuer's CA), but they keep the resource the same whichever provider version plans it.
 */
export const GITHUB_THUMBPRINTS = [
  "6938fd4d98bab03faadb97b34396831e3780aea1",
  "1c58a3a8518e8759bf075b76b750d4f2df264fcd",
];
/** Role names: `${var.name}-github-<kind>`. */
export const ROLE_KINDS = ["plan", "apply", "deploy"] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/**
 * Locals the policies refer to, as Terraform JSON values (`"${…}"` for expressions). Subjects
 * are built only from validated owner, repository, branch and environment names, so each is
 * pinned to one repository.
 */
export const POLICY_LOCALS: Readonly<Record<string, string>> = {
  partition: "${data.aws_partition.current.partition}",
  provider_arn:
    "${var.existing_provider_arn != null ? var.existing_provider_arn : aws_iam_openid_connect_provider.github[0].arn}",
  repository_subject: "repo:${var.github_owner}/${var.github_repository}",
  plan_subjects:
    '${concat(["${local.repository_subject}:pull_request"], [for e in var.plan_environments : "${local.repository_subject}:environment:${e}"])}',
  // A job that names an environment gets `environment:<name>` as its subject instead of the ref.
  apply_subjects:
    '${length(var.apply_environments) > 0 ? [for e in var.apply_environments : "${local.repository_subject}:environment:${e}"] : ["${local.repository_subject}:ref:refs/heads/${var.apply_branch}"]}',
  state_bucket_arn: "arn:${local.partition}:s3:::${var.state_bucket}",
  state_objects_arn: "${local.state_bucket_arn}/${var.state_key_prefix}/*",
  iam_arn_prefix: "arn:${local.partition}:iam::${var.account_id}",
  deploy_pass_role_arns: "${distinct(concat(var.task_role_arns, var.execution_role_arns))}",
  codedeploy_application_arns:
    '${distinct([for g in var.codedeploy_deployment_group_arns : replace(split("/", g)[0], ":deploymentgroup:", ":application:")])}',
};

const ANY = "*";

/**
 * Who may assume a role: GitHub's OIDC tokens issued for sts.amazonaws.com, for the given
 * subjects (an HCL reference to a list) only. StringLike lets a subject carry a wildcard after
 * the repository (`repo:acme/shop:ref:refs/tags/v*`); StringEquals allows none at all.
 */
function trustPolicy(
  subjects: string,
  match: "StringEquals" | "StringLike",
): readonly PolicyEntry[] {
  const aud = { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE };
  const sub = { [`${GITHUB_OIDC_HOST}:sub`]: subjects };
  return [
    {
      Sid: "GitHubActionsOidc",
      Effect: "Allow",
      Principal: { Federated: "${local.provider_arn}" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition:
        match === "StringEquals"
          ? { StringEquals: { ...aud, ...sub } }
          : { StringEquals: aud, StringLike: sub },
    },
  ];
}

/** Who may assume each role; POLICY_LOCALS shows how the subjects are built. */
export const ROLE_TRUST: Readonly<Record<RoleKind, readonly PolicyEntry[]>> = {
  plan: trustPolicy("${local.plan_subjects}", "StringLike"),
  apply: trustPolicy("${local.apply_subjects}", "StringEquals"),
  deploy: trustPolicy("${var.deploy_subjects}", "StringLike"),
};

const projectBuckets = "arn:${local.partition}:s3:::${var.resource_prefix}-*";
const projectRoles = "${local.iam_arn_prefix}:role/${var.resource_prefix}-*";
const projectPolicies = "${local.iam_arn_prefix}:policy/${var.resource_prefix}-*";
const apiGateway = "arn:${local.partition}:apigateway:*::/*";

/** Refresh every resource type the platform's modules create; shared by plan and apply. */
const READ_STATEMENTS: readonly Statement[] = [
  {
    Sid: "ReadPlatformResources",
    Effect: "Allow",
    Action: Object.values(READ_ONLY_ACTIONS).flat(),
    Resource: ANY,
  },
  {
    Sid: "ReadApiGateway",
    Effect: "Allow",
    Action: [...API_GATEWAY_READ_ACTIONS],
    Resource: apiGateway,
  },
  {
    Sid: "ReadProjectBuckets",
    Effect: "Allow",
    Action: [...BUCKET_READ_ACTIONS],
    Resource: projectBuckets,
  },
];

const stateList: Statement = {
  Sid: "StateList",
  Effect: "Allow",
  Action: "s3:ListBucket",
  Resource: "${local.state_bucket_arn}",
  Condition: {
    StringLike: { "s3:prefix": ["${var.state_key_prefix}", "${var.state_key_prefix}/*"] },
  },
};

/** Read-only: refresh and plan, read the state, and take the S3 lock file while planning. */
const PLAN_POLICY: readonly PolicyEntry[] = [
  ...READ_STATEMENTS,
  stateList,
  {
    Sid: "StateRead",
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: "${local.state_objects_arn}",
  },
  {
    // terraform plan takes the lock (use_lockfile): only `*.tflock` objects are writable.
    Sid: "StateLockFile",
    Effect: "Allow",
    Action: ["s3:PutObject", "s3:DeleteObject"],
    Resource: "${local.state_bucket_arn}/${var.state_key_prefix}/*.tflock",
  },
];

/** Apply's reads and the state, read and written. */
const APPLY_READ_POLICY: readonly PolicyEntry[] = [
  ...READ_STATEMENTS,
  stateList,
  {
    Sid: "StateReadWrite",
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
    Resource: "${local.state_objects_arn}",
  },
];

/** Create, change and delete the network and edge resources; `*` where AWS has no ARN yet. */
const APPLY_NETWORK_POLICY: readonly PolicyEntry[] = [
  {
    Sid: "ManageNetworkResources",
    Effect: "Allow",
    Action: Object.values(NETWORK_MANAGE_ACTIONS).flat(),
    Resource: ANY,
  },
];

/** Create, change and delete the workload resources; `*` where AWS has no ARN yet. */
const APPLY_WORKLOAD_POLICY: readonly PolicyEntry[] = [
  {
    Sid: "ManageWorkloadResources",
    Effect: "Allow",
    Action: Object.values(WORKLOAD_MANAGE_ACTIONS).flat(),
    Resource: ANY,
  },
  {
    Sid: "ManageApiGateway",
    Effect: "Allow",
    Action: [...API_GATEWAY_WRITE_ACTIONS],
    Resource: apiGateway,
  },
  {
    Sid: "ManageProjectBuckets",
    Effect: "Allow",
    Action: [...BUCKET_MANAGE_ACTIONS],
    Resource: projectBuckets,
  },
  {
    // Encrypted RDS, EFS and backup vaults with a customer key grant the service use of it.
    Sid: "KmsGrantsForAwsServices",
    Effect: "Allow",
    Action: "kms:CreateGrant",
    Resource: "arn:${local.partition}:kms:*:${var.account_id}:key/*",
    Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
  },
];

/** IAM under the project prefix only, and never the CI roles or their policies. */
const APPLY_IAM_POLICY: readonly PolicyEntry[] = [
  {
    Sid: "ManageProjectRoles",
    Effect: "Allow",
    Action: [...ROLE_WRITE_ACTIONS],
    Resource: projectRoles,
  },
  {
    Sid: "AttachProjectOrServicePolicies",
    Effect: "Allow",
    Action: [...ROLE_ATTACH_ACTIONS],
    Resource: projectRoles,
    Condition: {
      ArnLike: {
        "iam:PolicyARN": [
          projectPolicies,
          ...ATTACHABLE_AWS_POLICIES.map((p) => `arn:\${local.partition}:iam::aws:policy/${p}`),
        ],
      },
    },
  },
  {
    Sid: "ManageProjectPolicies",
    Effect: "Allow",
    Action: [...POLICY_WRITE_ACTIONS],
    Resource: projectPolicies,
  },
  {
    Sid: "PassProjectRoles",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: projectRoles,
    Condition: { StringEquals: { "iam:PassedToService": [...PASS_ROLE_SERVICES] } },
  },
  {
    Sid: "CreateServiceLinkedRoles",
    Effect: "Allow",
    Action: "iam:CreateServiceLinkedRole",
    Resource: "${local.iam_arn_prefix}:role/aws-service-role/*",
    Condition: { StringEquals: { "iam:AWSServiceName": [...SERVICE_LINKED_ROLE_SERVICES] } },
  },
  {
    // The project prefix may cover these names: without this, apply could widen itself.
    Sid: "DenyChangingCiRoles",
    Effect: "Deny",
    Action: [
      ...ROLE_WRITE_ACTIONS,
      ...ROLE_ATTACH_ACTIONS,
      ...POLICY_WRITE_ACTIONS,
      "iam:PassRole",
    ],
    Resource: [
      "${local.iam_arn_prefix}:role/${var.name}-github-*",
      "${local.iam_arn_prefix}:policy/${var.name}-github-*",
    ],
  },
];

/** Push images to the listed repositories, roll the listed ECS services, start their CodeDeploy deployments. */
const DEPLOY_POLICY: readonly PolicyEntry[] = [
  {
    // GetAuthorizationToken has no resource-level permissions: AWS requires `*`.
    Sid: "EcrLogin",
    Effect: "Allow",
    Action: "ecr:GetAuthorizationToken",
    Resource: ANY,
  },
  {
    when: "length(var.ecr_repository_arns) > 0",
    statement: {
      Sid: "EcrPush",
      Effect: "Allow",
      Action: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
        "ecr:BatchGetImage",
        // The deploy workflow finds the repository URI and the pushed image's digest.
        "ecr:DescribeRepositories",
        "ecr:DescribeImages",
      ],
      Resource: "${var.ecr_repository_arns}",
    },
  },
  {
    // Task definition families cannot be named in these two actions: AWS requires `*`.
    Sid: "EcsTaskDefinitions",
    Effect: "Allow",
    Action: ["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"],
    Resource: ANY,
  },
  {
    // Registering a tagged task definition tags it; allowed only as part of that call.
    Sid: "EcsTagOnRegister",
    Effect: "Allow",
    Action: "ecs:TagResource",
    Resource: "arn:${local.partition}:ecs:*:${var.account_id}:task-definition/*",
    Condition: { StringEquals: { "ecs:CreateAction": "RegisterTaskDefinition" } },
  },
  {
    when: "length(var.ecs_service_arns) > 0",
    statement: {
      Sid: "EcsDeployServices",
      Effect: "Allow",
      Action: ["ecs:UpdateService", "ecs:DescribeServices"],
      Resource: "${var.ecs_service_arns}",
    },
  },
  {
    when: "length(var.codedeploy_deployment_group_arns) > 0",
    statement: {
      Sid: "CodeDeployDeployments",
      Effect: "Allow",
      Action: ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"],
      Resource: "${var.codedeploy_deployment_group_arns}",
    },
  },
  {
    when: "length(var.codedeploy_deployment_group_arns) > 0",
    statement: {
      Sid: "CodeDeployRevisions",
      Effect: "Allow",
      Action: [
        "codedeploy:GetApplication",
        "codedeploy:GetApplicationRevision",
        "codedeploy:RegisterApplicationRevision",
      ],
      Resource: "${local.codedeploy_application_arns}",
    },
  },
  {
    // The group picks the configuration; CreateDeployment reads it in the caller's name.
    when: "length(var.codedeploy_deployment_group_arns) > 0",
    statement: {
      Sid: "CodeDeployConfigs",
      Effect: "Allow",
      Action: "codedeploy:GetDeploymentConfig",
      Resource: "arn:${local.partition}:codedeploy:*:${var.account_id}:deploymentconfig:*",
    },
  },
  {
    when: "length(local.deploy_pass_role_arns) > 0",
    statement: {
      Sid: "PassTaskRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: "${local.deploy_pass_role_arns}",
      Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    },
  },
];

/**
 * The managed policies of each role, by policy suffix (`aws_iam_policy.<role>_<suffix>`, named
 * `<name>-github-<role>-<suffix>`). Apply's are split because together they exceed the
 * 6,144-character limit of one managed policy (and 10,240 for all inline policies of a role).
 */
export const ROLE_POLICIES: Readonly<
  Record<RoleKind, Readonly<Record<string, readonly PolicyEntry[]>>>
> = {
  plan: { read: PLAN_POLICY },
  apply: {
    read: APPLY_READ_POLICY,
    network: APPLY_NETWORK_POLICY,
    workload: APPLY_WORKLOAD_POLICY,
    iam: APPLY_IAM_POLICY,
  },
  deploy: { push: DEPLOY_POLICY },
};
