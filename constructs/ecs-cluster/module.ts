import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { ecsClusterSpec } from "./spec";

/** Generates `terraform-modules/ecs-cluster`; see `spec.ts` for its interface. */
export class EcsClusterModuleStack extends ModuleStack<
  typeof ecsClusterSpec.inputs,
  typeof ecsClusterSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, ecsClusterSpec);
    const locals = new TransparentScope(this, "locals");
    const region = new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});

    new TerraformLocal(locals, "exec_log_group_name", "/aws/ecs/${var.name}/exec");
    // Built from its parts, not read from the log group: the key policy must exist first.
    const logGroupArn = `"arn:\${${partition.fqn}.partition}:logs:\${${region.fqn}.id}:\${var.account_id}:log-group:\${local.exec_log_group_name}"`;

    const key = new KmsKey(this.scopeFor(KmsKey), "exec_logs", {
      count: expr.number("var.kms_key_arn == null ? 1 : 0"),
      description: "Encrypts the ECS Exec audit logs of cluster ${var.name}",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: expr.string(`jsonencode({
  Version = "2012-10-17"
  Statement = [
    {
      Sid       = "AccountAdministersKeyThroughIam"
      Effect    = "Allow"
      Principal = { AWS = "arn:\${${partition.fqn}.partition}:iam::\${var.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    },
    {
      Sid       = "CloudWatchLogsEncryptsExecLogGroup"
      Effect    = "Allow"
      Principal = { Service = "logs.\${${region.fqn}.id}.\${${partition.fqn}.dns_suffix}" }
      Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"]
      Resource  = "*"
      Condition = { ArnEquals = { "kms:EncryptionContext:aws:logs:arn" = ${logGroupArn} } }
    },
  ]
})`),
      tags: tagsWithName("${var.name}-ecs-exec-logs"),
    });
    new KmsAlias(this.scopeFor(KmsAlias), "exec_logs", {
      count: expr.number("var.kms_key_arn == null ? 1 : 0"),
      name: "alias/${var.name}-ecs-exec-logs",
      targetKeyId: expr.string(`${key.fqn}[0].key_id`),
    });
    new TerraformLocal(
      locals,
      "kms_key_arn",
      expr.string(`var.kms_key_arn != null ? var.kms_key_arn : ${key.fqn}[0].arn`),
    );

    const logGroup = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "exec", {
      name: "${local.exec_log_group_name}",
      retentionInDays: this.vars.log_retention_days,
      kmsKeyId: "${local.kms_key_arn}",
      tags: tagsWithName("${var.name}-ecs-exec"),
    });

    const cluster = new EcsCluster(this.scopeFor(EcsCluster), "this", {
      name: this.vars.name,
      setting: [{ name: "containerInsights", value: "enabled" }],
      configuration: {
        executeCommandConfiguration: {
          logging: "OVERRIDE",
          logConfiguration: {
            cloudWatchLogGroupName: logGroup.name,
            cloudWatchEncryptionEnabled: true,
          },
        },
      },
      tags: tagsWithName("${var.name}"),
    });

    new EcsClusterCapacityProviders(this.scopeFor(EcsClusterCapacityProviders), "this", {
      clusterName: cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [
        {
          capacityProvider: "FARGATE",
          base: this.vars.fargate_base,
          weight: this.vars.default_fargate_weight,
        },
        { capacityProvider: "FARGATE_SPOT", weight: this.vars.default_spot_weight },
      ],
    });

    this.exportOutputs({
      cluster_id: cluster.id,
      cluster_arn: cluster.arn,
      cluster_name: cluster.name,
      exec_log_group_name: logGroup.name,
      exec_log_group_arn: logGroup.arn,
      kms_key_arn: "${local.kms_key_arn}",
    });
  }
}
