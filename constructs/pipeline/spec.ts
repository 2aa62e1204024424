import { moduleKeyInputs } from "../core/module-key";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { wholeNumberIn } from "../core/whole-number";
import { PIPELINE_NOTES } from "./notes";

export const SOURCE_TYPES = ["github", "s3"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
/** `CodeDeployToECS` for a blue/green service (codedeploy module), `ECS` for a rolling one. */
export const DEPLOY_PROVIDERS = ["CodeDeployToECS", "ECS"] as const;
export type DeployProvider = (typeof DEPLOY_PROVIDERS)[number];
/** Longest `name`: the artifact bucket `<name>-pipeline-<account_id>` has 63 characters. */
export const MAX_PIPELINE_NAME = 32;

const ROLE_ARN = "^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$";
const ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
const ECS_NAME = "^[A-Za-z0-9_-]{1,255}$";
/** An S3 source, for the rules that only apply to one. */
const S3_SOURCE = {
  source_type: "s3",
  s3_source_bucket: "acme-shop-sources",
  s3_source_key: "orders/source.zip",
};
const { kms_key_arn } = moduleKeyInputs(
  "the artifacts, the build and its logs",
  "Its policy must let `logs.<region>.amazonaws.com` use it for `/aws/codebuild/<name>`.",
);

export const pipelineSpec = defineModule({
  name: "pipeline",
  description:
    "A CodePipeline V2 delivering one ECS service: source from GitHub through a CodeStar " +
    "connection (or an S3 object), a privileged CodeBuild Docker build with the application's " +
    "buildspec pushing to one ECR repository, and a deploy stage (`CodeDeployToECS` for " +
    "blue/green, `ECS` for rolling updates); a hardened, KMS-encrypted artifact bucket, build " +
    "logs retained in `/aws/codebuild/<name>`, least-privilege roles and failure notifications.",
  inputs: {
    name: required(
      tf.string,
      "Name of the pipeline, the build project and the connection, and prefix of the roles " +
        "(`<name>-pipeline`, `<name>-build`) and the artifact bucket.",
      { validation: [nameValidation("name", MAX_PIPELINE_NAME)] },
    ),
    account_id: required(
      tf.string,
      "AWS account ID: names the artifact bucket `<name>-pipeline-<account_id>` and scopes ARNs.",
      { validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")] },
    ),
    kms_key_arn,
    source_type: optional(
      tf.string,
      "github",
      "`github` (default): a CodeStar connection to `github_repository`. `s3`: a zip at " +
        "`s3_source_bucket`/`s3_source_key` (versioned bucket), for sources outside GitHub.",
      { validation: [validate.oneOf("source_type", SOURCE_TYPES)] },
    ),
    github_repository: optional(
      tf.string,
      null,
      '`owner/repository` of the application, for `source_type = "github"`. Default null.',
      {
        validation: [
          {
            condition:
              'var.source_type != "github" || try(can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.github_repository)), false)',
            errorMessage:
              'github_repository must be "owner/repository" when source_type is github.',
            rejects: { value: "shop-orders" },
          },
        ],
      },
    ),
    github_branch: optional(
      tf.string,
      "main",
      "Branch whose pushes start the pipeline. Default `main`.",
      {
        validation: [
          validate.pattern("github_branch", "^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$", "a branch name"),
        ],
      },
    ),
    codestar_connection_arn: optional(
      tf.string,
      null,
      "An existing, confirmed CodeStar connection to GitHub. Default null: the module creates " +
        "`aws_codestarconnections_connection.github[0]`, which starts PENDING and must be " +
        "confirmed once in the console (see below).",
      {
        validation: [
          {
            condition:
              'var.codestar_connection_arn == null || can(regex("^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/", var.codestar_connection_arn))',
            errorMessage: "codestar_connection_arn must be null or a CodeStar connection ARN.",
            // A host, not a connection.
            rejects: {
              value: "arn:aws:codestar-connections:eu-north-1:123456789012:host/acme-ghe-0123abcd",
            },
          },
        ],
      },
    ),
    s3_source_bucket: optional(
      tf.string,
      null,
      'Versioned bucket holding the source zip, for `source_type = "s3"`. Default null.',
      {
        validation: [
          {
            condition:
              'var.source_type != "s3" || try(can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_source_bucket)), false)',
            errorMessage: "s3_source_bucket must be a bucket name when source_type is s3.",
            // Bucket names take no underscores.
            rejects: { value: "acme_shop_sources", alongside: S3_SOURCE },
          },
        ],
      },
    ),
    s3_source_key: optional(
      tf.string,
      null,
      "Key of the source zip in `s3_source_bucket` (e.g. `orders/source.zip`). Default null.",
      {
        validation: [
          {
            condition:
              'var.source_type != "s3" || try(length(var.s3_source_key) > 0 && !startswith(var.s3_source_key, "/"), false)',
            errorMessage:
              "s3_source_key must be an object key (no leading /) when source_type is s3.",
            rejects: { value: "/orders/source.zip", alongside: S3_SOURCE },
          },
        ],
      },
    ),
    ecr_repository_arn: required(
      tf.string,
      "The ECR repository the build pushes to (the ecr module's `repository_arns[…]`); the " +
        "only one it may push to. Its URL is passed to the build as `REPOSITORY_URI`.",
      {
        validation: [
          validate.pattern(
            "ecr_repository_arn",
            "^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$",
            "an ECR repository ARN",
          ),
        ],
      },
    ),
    buildspec: optional(
      tf.string,
      "buildspec.yml",
      "Path of the buildspec in the application repository. Default `buildspec.yml`. What it " +
        "must write is in the design notes.",
      {
        validation: [
          validate.pattern("buildspec", "^[^/\\s][^\\s]*\\.ya?ml$", "a relative .yml path"),
        ],
      },
    ),
    build_image: optional(
      tf.string,
      "aws/codebuild/amazonlinux-x86_64-standard:5.0",
      "CodeBuild image. Default the Amazon Linux x86_64 standard 5.0 image (Docker included); " +
        "use an `aarch64` image and an ARM compute type to build ARM64 images natively.",
    ),
    build_compute_type: optional(
      tf.string,
      "BUILD_GENERAL1_SMALL",
      "CodeBuild compute type. Default `BUILD_GENERAL1_SMALL` (2 vCPU, 3 GB).",
      {
        validation: [
          validate.pattern(
            "build_compute_type",
            "^BUILD_GENERAL1_[A-Z0-9_]+$",
            "a CodeBuild compute type such as BUILD_GENERAL1_MEDIUM",
          ),
        ],
      },
    ),
    build_environment: optional(
      tf.map(tf.string),
      {},
      "Plain environment variables of the build, name → value. Never secrets: use `build_secrets`. Default: none.",
      {
        validation: [
          {
            condition: `alltrue([for k in keys(var.build_environment) : can(regex("${ENV_NAME}", k)) && !startswith(k, "CODEBUILD_") && k != "REPOSITORY_URI"])`,
            errorMessage:
              "build_environment names must match ^[A-Za-z_][A-Za-z0-9_]*$ and not be REPOSITORY_URI or start with CODEBUILD_.",
            // The module sets REPOSITORY_URI itself.
            rejects: {
              value: {
                REPOSITORY_URI: "123456789012.dkr.ecr.eu-north-1.amazonaws.com/shop/orders",
              },
            },
          },
        ],
      },
    ),
    build_secrets: optional(
      tf.map(tf.string),
      {},
      "Secrets of the build as environment variables, name → Secrets Manager secret ARN or SSM " +
        "parameter ARN; CodeBuild resolves them at build start and the build role may read " +
        "exactly these. Default: none.",
      {
        validation: [
          {
            condition: `alltrue([for k, v in var.build_secrets : can(regex("${ENV_NAME}", k)) && can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[^:]+|ssm:[a-z0-9-]+:[0-9]{12}:parameter/.+)$", v))])`,
            errorMessage:
              "build_secrets: names must match ^[A-Za-z_][A-Za-z0-9_]*$, values must be Secrets Manager secret ARNs or SSM parameter ARNs.",
            // A secret's name, not its ARN.
            rejects: { value: { NPM_TOKEN: "shop/ci/npm-token" } },
          },
          {
            condition:
              "length(setintersection(keys(var.build_secrets), keys(var.build_environment))) == 0",
            errorMessage: "a name may be in build_environment or in build_secrets, not both.",
            rejects: {
              value: {
                NPM_TOKEN:
                  "arn:aws:secretsmanager:eu-north-1:123456789012:secret:shop/ci/npm-token-AbCdEf",
              },
              alongside: { build_environment: { NPM_TOKEN: "placeholder" } },
            },
          },
        ],
      },
    ),
    log_retention_days: optional(
      tf.number,
      90,
      "Retention of the build log group `/aws/codebuild/<name>`. Default 90.",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    deploy_provider: optional(
      tf.string,
      "CodeDeployToECS",
      "`CodeDeployToECS` (default): a blue/green deployment through `codedeploy_application_name` " +
        "/ `codedeploy_deployment_group_name`. `ECS`: a rolling update of the service with the " +
        "build's `imagedefinitions.json`.",
      { validation: [validate.oneOf("deploy_provider", DEPLOY_PROVIDERS)] },
    ),
    cluster_name: required(tf.string, "ECS cluster of the service.", {
      validation: [validate.pattern("cluster_name", ECS_NAME, "an ECS cluster name")],
    }),
    service_name: required(tf.string, "ECS service the pipeline deploys.", {
      validation: [validate.pattern("service_name", ECS_NAME, "an ECS service name")],
    }),
    codedeploy_application_name: optional(
      tf.string,
      null,
      "CodeDeploy application (the codedeploy module's `application_name`); required with `CodeDeployToECS`. Default null.",
      {
        validation: [
          {
            condition: `var.deploy_provider != "CodeDeployToECS" || try(can(regex("${ECS_NAME}", var.codedeploy_application_name)), false)`,
            errorMessage:
              "codedeploy_application_name is required with deploy_provider CodeDeployToECS.",
            rejects: { value: null },
          },
        ],
      },
    ),
    codedeploy_deployment_group_name: optional(
      tf.string,
      null,
      "CodeDeploy deployment group (the codedeploy module's `deployment_group_name`); required with `CodeDeployToECS`. Default null.",
      {
        validation: [
          {
            condition: `var.deploy_provider != "CodeDeployToECS" || try(can(regex("${ECS_NAME}", var.codedeploy_deployment_group_name)), false)`,
            errorMessage:
              "codedeploy_deployment_group_name is required with deploy_provider CodeDeployToECS.",
            rejects: { value: null },
          },
        ],
      },
    ),
    task_role_arn: required(
      tf.string,
      "The service's task role (ecs-service `task_role_arn`): the only role, with the execution " +
        "role, the pipeline may pass, and only to ECS tasks.",
      { validation: [validate.pattern("task_role_arn", ROLE_ARN, "an IAM role ARN")] },
    ),
    execution_role_arn: required(
      tf.string,
      "The service's execution role (ecs-service `execution_role_arn`).",
      { validation: [validate.pattern("execution_role_arn", ROLE_ARN, "an IAM role ARN")] },
    ),
    notification_topic_arn: optional(
      tf.string,
      null,
      "SNS topic told when a pipeline execution fails (the monitoring module's topic; its " +
        "policy and key must let `codestar-notifications.amazonaws.com` publish). Default null: " +
        "no notification rule (see `notify_failures`).",
      { validation: [validate.optionalArn("notification_topic_arn", "sns")] },
    ),
    notify_failures: optional(
      tf.bool,
      false,
      "Create the failure notification rule for `notification_topic_arn`. A switch of its own " +
        "because the rule's count must be known at plan time, and a topic created in the same " +
        "apply (the monitoring module's `topic_arn`) is not. Default false.",
      {
        validation: [
          {
            condition: "!var.notify_failures || var.notification_topic_arn != null",
            errorMessage: "notify_failures needs notification_topic_arn.",
            rejects: { value: true, alongside: { notification_topic_arn: null } },
          },
        ],
      },
    ),
    artifact_retention_days: optional(
      tf.number,
      30,
      "Days pipeline artifacts are kept. Default 30.",
      { validation: [wholeNumberIn("artifact_retention_days", 1, 3650, "days")] },
    ),
    force_destroy: optional(
      tf.bool,
      false,
      "Lets Terraform delete the artifact bucket with artifacts in it. Default false.",
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),
  },
  outputs: {
    pipeline_arn: output(tf.string, "ARN of the pipeline."),
    pipeline_name: output(tf.string, "Name of the pipeline."),
    build_project_name: output(tf.string, "Name of the CodeBuild project."),
    build_role_arn: output(tf.string, "Role the build runs with."),
    pipeline_role_arn: output(tf.string, "Role the pipeline runs with."),
    artifact_bucket: output(tf.string, "Name of the artifact bucket."),
    connection_arn: output(
      tf.string,
      "The CodeStar connection in use (created or given); null with an S3 source. A created one " +
        "is PENDING until confirmed in the console.",
    ),
    log_group_name: output(tf.string, "Build log group."),
  },
  example: {
    name: "shop-prod-orders",
    account_id: "123456789012",
    github_repository: "acme/shop-orders",
    github_branch: "main",
    ecr_repository_arn: "arn:aws:ecr:eu-north-1:123456789012:repository/shop/orders",
    build_environment: { GRADLE_OPTS: "-Dorg.gradle.daemon=false" },
    build_secrets: {
      NPM_TOKEN: "arn:aws:secretsmanager:eu-north-1:123456789012:secret:shop/ci/npm-token-AbCdEf",
    },
    deploy_provider: "CodeDeployToECS",
    cluster_name: "shop-prod",
    service_name: "shop-prod-orders",
    codedeploy_application_name: "shop-prod-orders",
    codedeploy_deployment_group_name: "shop-prod-orders",
    task_role_arn: "arn:aws:iam::123456789012:role/shop-prod-orders-task",
    execution_role_arn: "arn:aws:iam::123456789012:role/shop-prod-orders-execution",
    notification_topic_arn: "arn:aws:sns:eu-north-1:123456789012:shop-prod-alarms",
    notify_failures: true,
    tags: { Service: "orders" },
  },
  notes: PIPELINE_NOTES,
});
