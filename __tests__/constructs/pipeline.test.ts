import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { statementsOf } from "../../constructs/core/policy-document";
import { PipelineModuleStack } from "../../constructs/pipeline";
import {
  BUILD_POLICY,
  PIPELINE_POLICY,
  WILDCARD_RESOURCE_ACTIONS,
} from "../../constructs/pipeline/policies";
import { scenarioPlan } from "../support/module-scenarios";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([PipelineModuleStack]).get("pipeline")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;
const statements = [...statementsOf(BUILD_POLICY), ...statementsOf(PIPELINE_POLICY)];
const list = (v: string | readonly string[] | undefined) =>
  typeof v === "string" ? [v] : [...(v ?? [])];

describe("pipeline module", () => {
  it("is a V2 pipeline with a privileged Docker build logging to a retained, encrypted group", () => {
    expect(r.aws_codepipeline.this.pipeline_type).toBe("V2");
    expect(r.aws_codepipeline.this.artifact_store[0].encryption_key).toEqual({
      id: "${local.kms_key_arn}",
      type: "KMS",
    });
    expect(r.aws_codebuild_project.this.environment.privileged_mode).toBe(true);
    expect(r.aws_codebuild_project.this.encryption_key).toBe("${local.kms_key_arn}");
    expect(r.aws_cloudwatch_log_group.build).toMatchObject({
      name: "${local.log_group_name}",
      retention_in_days: "${var.log_retention_days}",
      kms_key_id: "${local.kms_key_arn}",
    });
    expect(tf.locals.log_group_name).toContain('"/aws/codebuild/${var.name}"');
  });

  it("stores artifacts in the hardened bucket with KMS", () => {
    expect(r.aws_s3_bucket_public_access_block.artifacts.block_public_policy).toBe(true);
    expect(
      r.aws_s3_bucket_server_side_encryption_configuration.artifacts.rule[0]
        .apply_server_side_encryption_by_default.kms_master_key_id,
    ).toBe("${local.kms_key_arn}");
  });

  it("has no * action in any policy, and * resources only for the actions AWS cannot scope", () => {
    for (const s of statements) {
      for (const action of list(s.Action)) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      if (list(s.Resource).includes("*"))
        for (const action of list(s.Action))
          expect([s.Sid, WILDCARD_RESOURCE_ACTIONS.includes(action as never)]).toEqual([
            s.Sid,
            true,
          ]);
    }
  });

  it("passes only the service's task and execution roles, only to ECS tasks", () => {
    const pass = statements.filter((s) => list(s.Action).includes("iam:PassRole"));
    expect(pass).toEqual([
      expect.objectContaining({
        Resource: ["${var.task_role_arn}", "${var.execution_role_arn}"],
        Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      }),
    ]);
  });

  it("pushes only to its repository", () => {
    const push = statements.filter((s) => list(s.Action).includes("ecr:PutImage"));
    expect(push.map((s) => s.Resource)).toEqual(["${var.ecr_repository_arn}"]);
  });

  it("notifies failures and documents the pending connection", () => {
    expect(r.aws_codestarnotifications_notification_rule.failures.event_type_ids).toEqual([
      "codepipeline-pipeline-pipeline-execution-failed",
    ]);
    expect(files["README.md"]).toContain("PENDING");
  });
});

describeTerraform("pipeline module, planned with real Terraform", () => {
  it("plans a GitHub → CodeDeploy pipeline and an S3 → ECS one", () => {
    const plan = scenarioPlan("pipeline", "pipeline_s3_ecs");
    expect(addresses(plan, "aws_codestarconnections_connection")).toEqual([
      "module.pipeline.aws_codestarconnections_connection.github[0]",
    ]);
    expect(addresses(plan, "aws_codestarnotifications_notification_rule")).toEqual([
      "module.pipeline.aws_codestarnotifications_notification_rule.failures[0]",
    ]);
    const pipelines = Object.fromEntries(
      changes(plan, "aws_codepipeline").map((c) => [c.address.split(".")[1], after(c)]),
    );
    const deploy = (p: any) => p.stage[2].action[0];
    expect(deploy(pipelines.pipeline)).toMatchObject({
      provider: "CodeDeployToECS",
      configuration: { ApplicationName: "shop-prod-orders", Image1ContainerName: "IMAGE1_NAME" },
    });
    expect(deploy(pipelines.pipeline_s3_ecs)).toMatchObject({
      provider: "ECS",
      configuration: { ClusterName: "shop-prod", ServiceName: "shop-prod-orders" },
    });
    expect(pipelines.pipeline_s3_ecs!.stage[0].action[0]).toMatchObject({
      provider: "S3",
      configuration: { S3Bucket: "acme-sources", S3ObjectKey: "web/source.zip" },
    });
    // The policies reference ARNs known only after apply; their statements are asserted as
    // data above and by Terraform's validate of the rendered documents.
    const project = changes(plan, "aws_codebuild_project").find((c) =>
      c.address.startsWith("module.pipeline_s3_ecs."),
    )!;
    expect(after(project).environment[0].environment_variable).toEqual(
      expect.arrayContaining([
        { name: "NPM_TOKEN", value: "/shop/ci/npm-token", type: "PARAMETER_STORE" },
      ]),
    );
  });
});
