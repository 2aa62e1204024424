import * as fs from "node:fs";
import * as path from "node:path";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { EcsClusterModuleStack, ecsClusterSpec } from "../../constructs/ecs-cluster";
import { prepareOfflineRoot } from "../../tools/terraform/offline";
import { TerraformWorkspace } from "../../tools/terraform/runner";
import { changes } from "../support/plan";
import { COMMITTED_MODULES, scratchDir } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

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

  it("creates a rotating KMS key scoped to this log group through the shared helper, unless one is given", () => {
    const key = resource.aws_kms_key.this;
    expect(key.count).toBe("${var.kms_key_arn == null ? 1 : 0}");
    expect(resource.aws_kms_alias.this).toMatchObject({
      count: key.count,
      name: "alias/${var.name}-ecs-exec-logs",
    });
    expect(key.enable_key_rotation).toBe(true);
    const [account, logs] = JSON.parse(key.policy).Statement;
    expect(account.Action).not.toContain("kms:*");
    expect(logs).toMatchObject({
      Sid: "CloudWatchLogsEncryptsExecLogGroup",
      Principal: {
        Service: "logs.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}",
      },
      Condition: {
        ArnEquals: {
          "kms:EncryptionContext:aws:logs:arn":
            "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${var.account_id}:log-group:${local.exec_log_group_name}",
        },
      },
    });
    expect(tf.locals.kms_key_arn).toBe(
      "${var.kms_key_arn != null ? var.kms_key_arn : one(aws_kms_key.this[*].arn)}",
    );
    const accountChecks = tf.variable.account_id.validation.map((v: any) => v.condition);
    expect(accountChecks).toContain("${var.account_id != null || var.kms_key_arn != null}");
  });

  it("moves the key and alias from their former addresses instead of replacing them", () => {
    expect(tf.moved).toEqual([
      { from: "aws_kms_key.exec_logs", to: "aws_kms_key.this" },
      { from: "aws_kms_alias.exec_logs", to: "aws_kms_alias.this" },
    ]);
  });

  it("attaches FARGATE and FARGATE_SPOT with a default strategy from the inputs", () => {
    const providers = resource.aws_ecs_cluster_capacity_providers.this;
    expect(providers.capacity_providers).toBe(
      '${concat(["FARGATE", "FARGATE_SPOT"], var.capacity_providers)}',
    );
    expect(providers.dynamic.default_capacity_provider_strategy.for_each).toBe(
      "${local.default_strategy}",
    );
    expect(tf.locals.default_strategy).toContain(
      "var.default_capacity_provider_strategy != null ? var.default_capacity_provider_strategy : [",
    );
    expect(tf.locals.default_strategy).toContain(
      '{ capacity_provider = "FARGATE", base = var.fargate_base, weight = var.default_fargate_weight }',
    );
    expect(tf.locals.default_strategy).toContain(
      '{ capacity_provider = "FARGATE_SPOT", base = 0, weight = var.default_spot_weight }',
    );
    expect(tf.variable.default_spot_weight.validation[1].condition).toBe(
      "${var.default_fargate_weight + var.default_spot_weight > 0}",
    );
  });

  it("attaches EC2 capacity providers made elsewhere to the one association it owns", () => {
    expect(tf.variable.capacity_providers).toMatchObject({ default: [], nullable: false });
    expect(tf.variable.default_capacity_provider_strategy).toMatchObject({ nullable: true });
    const [strategy] = tf.variable.default_capacity_provider_strategy.validation;
    expect(strategy.condition).toContain(
      'contains(concat(["FARGATE", "FARGATE_SPOT"], var.capacity_providers), s.capacity_provider)',
    );
    expect(Object.keys(resource.aws_ecs_cluster_capacity_providers)).toEqual(["this"]);
  });
});

describeTerraform(
  "ecs-cluster module, planned against a state from before the shared key helper",
  () => {
    it("moves the existing key and alias to their new addresses instead of replacing them", () => {
      const call = scratchDir("ecs-cluster-moved-call");
      fs.writeFileSync(
        path.join(call, "main.tf.json"),
        JSON.stringify({
          provider: { aws: { region: "eu-north-1" } },
          module: {
            cluster: {
              source: path.relative(call, path.join(COMMITTED_MODULES, "ecs-cluster")),
              ...ecsClusterSpec.example,
            },
          },
        }),
      );
      const root = prepareOfflineRoot({
        rootDir: call,
        modulesDir: COMMITTED_MODULES,
        workDir: scratchDir("ecs-cluster-moved"),
      });
      const keyId = "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
      const keyArn = `arn:aws:kms:eu-north-1:123456789012:key/${keyId}`;
      const alias = "alias/shop-prod-ecs-exec-logs";
      const formerly = (type: string, attributes: Record<string, unknown>) => ({
        module: "module.cluster",
        mode: "managed",
        type,
        name: "exec_logs",
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ index_key: 0, schema_version: 0, attributes }],
      });
      fs.writeFileSync(
        path.join(root, "terraform.tfstate"),
        JSON.stringify({
          version: 4,
          terraform_version: "1.9.0",
          serial: 1,
          lineage: "5b0c6f53-7d0e-4a53-9a3e-0f1e2d3c4b5a",
          outputs: {},
          resources: [
            formerly("aws_kms_key", {
              id: keyId,
              arn: keyArn,
              key_id: keyId,
              description: "Encrypts the ECS Exec audit logs of cluster shop-prod",
              enable_key_rotation: true,
              deletion_window_in_days: 30,
              is_enabled: true,
              key_usage: "ENCRYPT_DECRYPT",
              customer_master_key_spec: "SYMMETRIC_DEFAULT",
              policy: "{}",
              tags: { Name: "shop-prod-ecs-exec-logs" },
              tags_all: { Name: "shop-prod-ecs-exec-logs" },
            }),
            formerly("aws_kms_alias", {
              id: alias,
              arn: `arn:aws:kms:eu-north-1:123456789012:${alias}`,
              name: alias,
              target_key_arn: keyArn,
              target_key_id: keyId,
            }),
          ],
        }),
      );
      const ws = new TerraformWorkspace(root);
      ws.init();
      // No refresh: the state above stands for what AWS has.
      const plan = ws.planJson(["-refresh=false"]);
      const kms = [...changes(plan, "aws_kms_key"), ...changes(plan, "aws_kms_alias")].map((c) => [
        c.previous_address,
        c.address,
        c.change.actions.join(),
      ]);
      expect(kms).toEqual([
        ["module.cluster.aws_kms_key.exec_logs[0]", "module.cluster.aws_kms_key.this[0]", "update"],
        [
          "module.cluster.aws_kms_alias.exec_logs[0]",
          "module.cluster.aws_kms_alias.this[0]",
          "no-op",
        ],
      ]);
    });
  },
);
