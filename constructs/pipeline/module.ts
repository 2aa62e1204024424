import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CodebuildProject } from "@cdktf/provider-aws/lib/codebuild-project";
import { Codepipeline } from "@cdktf/provider-aws/lib/codepipeline";
import { CodestarconnectionsConnection } from "@cdktf/provider-aws/lib/codestarconnections-connection";
import { CodestarnotificationsNotificationRule } from "@cdktf/provider-aws/lib/codestarnotifications-notification-rule";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { moduleKey } from "../core/module-key";
import { ModuleStack } from "../core/module-stack";
import { PolicyEntry, renderPolicy } from "../core/policy-document";
import { TransparentScope } from "../core/readable-stack";
import { secureBucket } from "../core/secure-bucket";
import { BUILD_POLICY, PIPELINE_POLICY } from "./policies";
import { pipelineSpec } from "./spec";

/** Placeholder of the image in the application's `taskdef.json` (CodeDeployToECS). */
export const IMAGE_PLACEHOLDER = "IMAGE1_NAME";

const LOCALS: Readonly<Record<string, string>> = {
  partition: "data.aws_partition.current.partition",
  region: "data.aws_region.current.id",
  log_group_name: '"/aws/codebuild/${var.name}"',
  repository_url:
    '"${split(":", var.ecr_repository_arn)[4]}.dkr.ecr.${split(":", var.ecr_repository_arn)[3]}.amazonaws.com/${split("repository/", var.ecr_repository_arn)[1]}"',
  // Without the `:json-key:version-stage:version-id` suffix, which IAM does not match.
  build_secret_arns:
    'distinct([for v in values(var.build_secrets) : join(":", slice(split(":", v), 0, 7)) if split(":", v)[2] == "secretsmanager"])',
  build_parameter_arns:
    'distinct([for v in values(var.build_secrets) : v if split(":", v)[2] == "ssm"])',
  connection_arn:
    'var.source_type != "github" ? null : (var.codestar_connection_arn != null ? var.codestar_connection_arn : aws_codestarconnections_connection.github[0].arn)',
  service_arn:
    '"arn:${local.partition}:ecs:${local.region}:${var.account_id}:service/${var.cluster_name}/${var.service_name}"',
  application_arn:
    '"arn:${local.partition}:codedeploy:${local.region}:${var.account_id}:application:${coalesce(var.codedeploy_application_name, "-")}"',
  deployment_group_arn:
    '"arn:${local.partition}:codedeploy:${local.region}:${var.account_id}:deploymentgroup:${coalesce(var.codedeploy_application_name, "-")}/${coalesce(var.codedeploy_deployment_group_name, "-")}"',
};

/** Generates `terraform-modules/pipeline`; see `spec.ts` for its interface and `notes.ts` for the design. */
export class PipelineModuleStack extends ModuleStack<
  typeof pipelineSpec.inputs,
  typeof pipelineSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, pipelineSpec);
    const v = this.vars;
    const locals = new TransparentScope(this, "locals");
    new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    for (const [name, hcl] of Object.entries(LOCALS))
      new TerraformLocal(locals, name, expr.any(hcl));

    const kmsKeyArn = moduleKey(
      this,
      locals,
      [
        {
          sid: "CloudWatchLogsEncryptsBuildLogs",
          service: "logs.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}",
          condition: {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn":
                "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${var.account_id}:log-group:/aws/codebuild/${var.name}",
            },
          },
        },
      ],
      {
        description: "Encrypts the pipeline ${var.name}: artifacts, build, build logs",
        alias: "${var.name}-pipeline",
        tags: tagsWithName("${var.name}-pipeline"),
      },
    );

    const logGroup = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "build", {
      name: expr.string("local.log_group_name"),
      retentionInDays: v.log_retention_days,
      kmsKeyId: kmsKeyArn,
      tags: tagsWithName("${var.name}-build"),
    });

    const { bucket } = secureBucket(this, {
      name: "artifacts",
      bucket: "${var.name}-pipeline-${var.account_id}",
      tags: tagsWithName("${var.name}-pipeline-artifacts"),
      forceDestroy: "var.force_destroy",
      versioning: "true",
      kmsKeyArn: "local.kms_key_arn",
      lifecycleRules:
        '[{ id = "expire-artifacts", expiration_days = var.artifact_retention_days, noncurrent_expiration_days = 1, abort_incomplete_multipart_days = 1 }]',
    });

    new CodestarconnectionsConnection(this.scopeFor(CodestarconnectionsConnection), "github", {
      count: expr.number(
        'var.source_type == "github" && var.codestar_connection_arn == null ? 1 : 0',
      ),
      name: v.name,
      providerType: "GitHub",
      tags: tagsWithName("${var.name}"),
    });

    const role = (id: string, service: string, policy: readonly PolicyEntry[]) => {
      const r = new IamRole(this.scopeFor(IamRole), id, {
        name: `\${var.name}-${id}`,
        assumeRolePolicy: assumeRolePolicy(service),
        tags: tagsWithName(`\${var.name}-${id}`),
      });
      const grant = new IamRolePolicy(this.scopeFor(IamRolePolicy), id, {
        name: id,
        role: r.id,
        policy: expr.string(renderPolicy(policy)),
      });
      return { role: r, grant };
    };
    const build = role("build", "codebuild.amazonaws.com", BUILD_POLICY);

    const project = new CodebuildProject(this.scopeFor(CodebuildProject), "this", {
      name: v.name,
      description: "Docker build of ${var.name}, pushing to its ECR repository",
      serviceRole: build.role.arn,
      encryptionKey: kmsKeyArn,
      buildTimeout: 30,
      artifacts: { type: "CODEPIPELINE" },
      source: { type: "CODEPIPELINE", buildspec: v.buildspec },
      environment: {
        type: "LINUX_CONTAINER",
        image: v.build_image,
        computeType: v.build_compute_type,
        imagePullCredentialsType: "CODEBUILD",
        // Docker-in-Docker needs it; the build runs only the application's own buildspec.
        privilegedMode: true,
      },
      logsConfig: {
        cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name },
        s3Logs: { status: "DISABLED" },
      },
      tags: tagsWithName("${var.name}"),
      dependsOn: [build.grant],
    });
    project.addOverride("environment.dynamic.environment_variable", {
      for_each: `\${concat(
  [{ name = "REPOSITORY_URI", value = local.repository_url, type = "PLAINTEXT" }],
  [for k, val in var.build_environment : { name = k, value = val, type = "PLAINTEXT" }],
  [for k, arn in var.build_secrets : split(":", arn)[2] == "ssm"
    ? { name = k, value = "/\${split("parameter/", arn)[1]}", type = "PARAMETER_STORE" }
    : { name = k, value = arn, type = "SECRETS_MANAGER" }],
)}`,
      content: {
        name: "${environment_variable.value.name}",
        value: "${environment_variable.value.value}",
        type: "${environment_variable.value.type}",
      },
    });

    const pipelineRole = role("pipeline", "codepipeline.amazonaws.com", PIPELINE_POLICY);
    const pipeline = new Codepipeline(this.scopeFor(Codepipeline), "this", {
      name: v.name,
      pipelineType: "V2",
      executionMode: "QUEUED",
      roleArn: pipelineRole.role.arn,
      artifactStore: [
        { location: bucket.bucket, type: "S3", encryptionKey: { id: kmsKeyArn, type: "KMS" } },
      ],
      stage: [
        {
          name: "Source",
          action: [
            {
              name: "Source",
              category: "Source",
              owner: "AWS",
              version: "1",
              provider: expr.string(
                'var.source_type == "github" ? "CodeStarSourceConnection" : "S3"',
              ),
              outputArtifacts: ["source"],
              configuration: expr.map(`var.source_type == "github" ? tomap({
  ConnectionArn        = local.connection_arn
  FullRepositoryId     = var.github_repository
  BranchName           = var.github_branch
  OutputArtifactFormat = "CODE_ZIP"
  DetectChanges        = "true"
}) : tomap({
  S3Bucket             = var.s3_source_bucket
  S3ObjectKey          = var.s3_source_key
  PollForSourceChanges = "false"
})`) as Record<string, string>,
            },
          ],
        },
        {
          name: "Build",
          action: [
            {
              name: "Build",
              category: "Build",
              owner: "AWS",
              version: "1",
              provider: "CodeBuild",
              inputArtifacts: ["source"],
              outputArtifacts: ["build"],
              configuration: { ProjectName: project.name },
            },
          ],
        },
        {
          name: "Deploy",
          action: [
            {
              name: "Deploy",
              category: "Deploy",
              owner: "AWS",
              version: "1",
              provider: v.deploy_provider,
              inputArtifacts: ["build"],
              configuration: expr.map(`var.deploy_provider == "ECS" ? tomap({
  ClusterName = var.cluster_name
  ServiceName = var.service_name
  FileName    = "imagedefinitions.json"
}) : tomap({
  ApplicationName                = var.codedeploy_application_name
  DeploymentGroupName            = var.codedeploy_deployment_group_name
  TaskDefinitionTemplateArtifact = "build"
  TaskDefinitionTemplatePath     = "taskdef.json"
  AppSpecTemplateArtifact        = "build"
  AppSpecTemplatePath            = "appspec.yaml"
  Image1ArtifactName             = "build"
  Image1ContainerName            = "${IMAGE_PLACEHOLDER}"
})`) as Record<string, string>,
            },
          ],
        },
      ],
      tags: tagsWithName("${var.name}"),
      dependsOn: [pipelineRole.grant],
    });

    new CodestarnotificationsNotificationRule(
      this.scopeFor(CodestarnotificationsNotificationRule),
      "failures",
      {
        count: expr.number("var.notify_failures ? 1 : 0"),
        name: "${var.name}-failures",
        resource: pipeline.arn,
        detailType: "BASIC",
        eventTypeIds: ["codepipeline-pipeline-pipeline-execution-failed"],
        target: [{ address: expr.string("var.notification_topic_arn"), type: "SNS" }],
        tags: tagsWithName("${var.name}-failures"),
      },
    );

    this.exportOutputs({
      pipeline_arn: pipeline.arn,
      pipeline_name: pipeline.name,
      build_project_name: project.name,
      build_role_arn: build.role.arn,
      pipeline_role_arn: pipelineRole.role.arn,
      artifact_bucket: bucket.bucket,
      connection_arn: expr.string("local.connection_arn"),
      log_group_name: logGroup.name,
    });
  }
}
