import { PolicyEntry } from "../core/policy-document";

/**
 * The two roles' policies as data (rendered by `renderPolicy`). Resources are this pipeline's
 * own; `*` only where AWS has no resource-level permission (see WILDCARD_RESOURCE_ACTIONS).
 */
const artifacts = "${aws_s3_bucket.artifacts.arn}";
const key = "${local.kms_key_arn}";

/** Actions AWS authorizes only on `*`; each statement using them says so. */
export const WILDCARD_RESOURCE_ACTIONS = [
  "ecr:GetAuthorizationToken",
  "ecs:RegisterTaskDefinition",
  "ecs:DescribeTaskDefinition",
] as const;

const useKey: PolicyEntry = {
  Sid: "UseArtifactKey",
  Effect: "Allow",
  Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
  Resource: key,
};

const artifactObjects = (actions: string[]): PolicyEntry => ({
  Sid: "ArtifactObjects",
  Effect: "Allow",
  Action: actions,
  Resource: `${artifacts}/*`,
});

/** The build: read the source artifact, write the build artifact, log, push one repository. */
export const BUILD_POLICY: readonly PolicyEntry[] = [
  {
    Sid: "WriteBuildLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: "${aws_cloudwatch_log_group.build.arn}:*",
  },
  artifactObjects(["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]),
  {
    Sid: "ArtifactBucket",
    Effect: "Allow",
    Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"],
    Resource: artifacts,
  },
  useKey,
  {
    // No resource-level permission exists for the registry login: AWS requires `*`.
    Sid: "EcrLogin",
    Effect: "Allow",
    Action: "ecr:GetAuthorizationToken",
    Resource: "*",
  },
  {
    Sid: "EcrPushOneRepository",
    Effect: "Allow",
    Action: [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ],
    Resource: "${var.ecr_repository_arn}",
  },
  {
    when: "length(local.build_secret_arns) > 0",
    statement: {
      Sid: "ReadBuildSecrets",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: "${local.build_secret_arns}",
    },
  },
  {
    when: "length(local.build_parameter_arns) > 0",
    statement: {
      Sid: "ReadBuildParameters",
      Effect: "Allow",
      Action: "ssm:GetParameters",
      Resource: "${local.build_parameter_arns}",
    },
  },
];

/** The pipeline: move artifacts, read the source, run the build, deploy the one service. */
export const PIPELINE_POLICY: readonly PolicyEntry[] = [
  artifactObjects(["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]),
  {
    Sid: "ArtifactBucket",
    Effect: "Allow",
    Action: ["s3:GetBucketLocation", "s3:GetBucketVersioning"],
    Resource: artifacts,
  },
  useKey,
  {
    when: 'var.source_type == "github"',
    statement: {
      Sid: "UseSourceConnection",
      Effect: "Allow",
      Action: "codestar-connections:UseConnection",
      Resource: "${local.connection_arn}",
    },
  },
  {
    when: 'var.source_type == "s3"',
    statement: {
      Sid: "ReadSourceObject",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: "arn:${local.partition}:s3:::${var.s3_source_bucket}/${var.s3_source_key}",
    },
  },
  {
    when: 'var.source_type == "s3"',
    statement: {
      Sid: "ReadSourceBucketVersioning",
      Effect: "Allow",
      Action: "s3:GetBucketVersioning",
      Resource: "arn:${local.partition}:s3:::${var.s3_source_bucket}",
    },
  },
  {
    Sid: "RunBuild",
    Effect: "Allow",
    Action: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
    Resource: "${aws_codebuild_project.this.arn}",
  },
  {
    // Both deploy actions register the new task definition revision; AWS requires `*` for
    // these two actions (task definition families cannot be named).
    Sid: "EcsTaskDefinitions",
    Effect: "Allow",
    Action: ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"],
    Resource: "*",
  },
  {
    // A tagged revision is tagged as part of registering it, and only then.
    Sid: "EcsTagOnRegister",
    Effect: "Allow",
    Action: "ecs:TagResource",
    Resource: "arn:${local.partition}:ecs:${local.region}:${var.account_id}:task-definition/*",
    Condition: { StringEquals: { "ecs:CreateAction": "RegisterTaskDefinition" } },
  },
  {
    when: 'var.deploy_provider == "ECS"',
    statement: {
      Sid: "EcsRollService",
      Effect: "Allow",
      Action: ["ecs:DescribeServices", "ecs:UpdateService"],
      Resource: "${local.service_arn}",
    },
  },
  {
    when: 'var.deploy_provider == "CodeDeployToECS"',
    statement: {
      Sid: "CodeDeployDeployment",
      Effect: "Allow",
      Action: ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"],
      Resource: "${local.deployment_group_arn}",
    },
  },
  {
    when: 'var.deploy_provider == "CodeDeployToECS"',
    statement: {
      Sid: "CodeDeployRevision",
      Effect: "Allow",
      Action: [
        "codedeploy:GetApplication",
        "codedeploy:GetApplicationRevision",
        "codedeploy:RegisterApplicationRevision",
      ],
      Resource: "${local.application_arn}",
    },
  },
  {
    when: 'var.deploy_provider == "CodeDeployToECS"',
    statement: {
      Sid: "CodeDeployConfig",
      Effect: "Allow",
      Action: "codedeploy:GetDeploymentConfig",
      Resource:
        "arn:${local.partition}:codedeploy:${local.region}:${var.account_id}:deploymentconfig:*",
    },
  },
  {
    Sid: "PassServiceRolesToEcsTasks",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: ["${var.task_role_arn}", "${var.execution_role_arn}"],
    Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
  },
];
