import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import {
  EcsClusterModule,
  EcsClusterModuleStack,
  ecsClusterSpec,
} from "../../constructs/ecs-cluster";

const files = generateModules([EcsClusterModuleStack]).get("ecs-cluster")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const resource = tf.resource;

describe("ecs-cluster module", () => {
  it("is a standalone module: required_providers range, no provider, no backend", () => {
    expect(tf.terraform).toEqual({
      required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" } },
      required_version: ">= 1.9.0",
    });
    expect(tf.provider).toBeUndefined();
    expect(Object.keys(tf.data).sort()).toEqual(["aws_partition", "aws_region"]);
  });

  it("turns Container Insights on with the value both provider majors accept", () => {
    expect(resource.aws_ecs_cluster.this.setting).toEqual([
      { name: "containerInsights", value: "enabled" },
    ]);
  });

  it("audits ECS Exec to an encrypted log group with retention", () => {
    expect(resource.aws_ecs_cluster.this.configuration.execute_command_configuration).toEqual({
      logging: "OVERRIDE",
      log_configuration: {
        cloud_watch_encryption_enabled: true,
        cloud_watch_log_group_name: "${aws_cloudwatch_log_group.exec.name}",
      },
    });
    expect(resource.aws_cloudwatch_log_group.exec).toMatchObject({
      name: "${local.exec_log_group_name}",
      retention_in_days: "${var.log_retention_days}",
      kms_key_id: "${local.kms_key_arn}",
    });
    expect(tf.locals.exec_log_group_name).toBe("/aws/ecs/${var.name}/exec");
    expect(tf.variable.log_retention_days.validation[0].condition).toContain("3653");
  });

  it("creates a rotating KMS key scoped to this log group, unless one is given", () => {
    const key = resource.aws_kms_key.exec_logs;
    expect(key.count).toBe("${var.kms_key_arn == null ? 1 : 0}");
    expect(resource.aws_kms_alias.exec_logs.count).toBe(key.count);
    expect(key.enable_key_rotation).toBe(true);
    expect(key.policy).toContain(
      'Principal = { Service = "logs.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}" }',
    );
    expect(key.policy).toContain(
      '"kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${var.account_id}:log-group:${local.exec_log_group_name}"',
    );
    expect(key.policy).not.toMatch(/Action\s*=\s*"\*"/);
    expect(tf.locals.kms_key_arn).toBe(
      "${var.kms_key_arn != null ? var.kms_key_arn : aws_kms_key.exec_logs[0].arn}",
    );
    const accountChecks = tf.variable.account_id.validation.map((v: any) => v.condition);
    expect(accountChecks).toContain("${var.account_id != null || var.kms_key_arn != null}");
  });

  it("attaches FARGATE and FARGATE_SPOT with a default strategy from the inputs", () => {
    const providers = resource.aws_ecs_cluster_capacity_providers.this;
    expect(providers.capacity_providers).toEqual(["FARGATE", "FARGATE_SPOT"]);
    expect(providers.default_capacity_provider_strategy).toEqual([
      {
        capacity_provider: "FARGATE",
        base: "${var.fargate_base}",
        weight: "${var.default_fargate_weight}",
      },
      { capacity_provider: "FARGATE_SPOT", weight: "${var.default_spot_weight}" },
    ]);
    expect(tf.variable.default_spot_weight.validation[1].condition).toBe(
      "${var.default_fargate_weight + var.default_spot_weight > 0}",
    );
  });

  it("describes every variable and every output the spec declares", () => {
    for (const [name, v] of Object.entries(tf.variable) as [string, any][]) {
      expect([name, typeof v.description]).toEqual([name, "string"]);
    }
    expect(Object.keys(tf.output).sort()).toEqual(Object.keys(ecsClusterSpec.outputs).sort());
    for (const out of Object.values(tf.output) as any[]) expect(out.description).toBeTruthy();
  });

  it("gives env roots a typed call whose outputs are module references", () => {
    const stack = new TerraformStack(Testing.app(), "root");
    const cluster = new EcsClusterModule(stack, "ecs_cluster", {
      source: "./ecs-cluster",
      inputs: { name: "shop-dev", kms_key_arn: "arn:aws:kms:eu-north-1:123456789012:key/x" },
    });
    new TerraformOutput(stack, "arn", { value: cluster.outputs.cluster_arn });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.module.ecs_cluster).toMatchObject({ name: "shop-dev" });
    expect(synthesized.module.ecs_cluster.account_id).toBeUndefined();
    expect(synthesized.output.arn.value).toBe("${module.ecs_cluster.cluster_arn}");
  });
});
