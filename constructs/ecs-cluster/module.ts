import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformLocal, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { moduleKey } from "../core/module-key";
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
    const kmsKeyArn = moduleKey(
      this,
      locals,
      [
        {
          sid: "CloudWatchLogsEncryptsExecLogGroup",
          service: `logs.\${${region.fqn}.id}.\${${partition.fqn}.dns_suffix}`,
          // Built from its parts, not read from the log group: the key policy must exist first.
          condition: {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn": `arn:\${${partition.fqn}.partition}:logs:\${${region.fqn}.id}:\${var.account_id}:log-group:\${local.exec_log_group_name}`,
            },
          },
        },
      ],
      {
        description: "Encrypts the ECS Exec audit logs of cluster ${var.name}",
        alias: "${var.name}-ecs-exec-logs",
        tags: tagsWithName("${var.name}-ecs-exec-logs"),
      },
    );
    // Before the shared helper the key and alias were named `exec_logs`. Moving them in state
    // keeps the existing key: a new one would leave the audit logs already written under the
    // old key unreadable once it is deleted.
    for (const Resource of [KmsKey, KmsAlias]) {
      const created = this.scopeFor(Resource).node.findChild("this") as TerraformResource;
      created.moveFromId(`${Resource.tfResourceType}.exec_logs`);
    }

    const logGroup = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "exec", {
      name: "${local.exec_log_group_name}",
      retentionInDays: this.vars.log_retention_days,
      kmsKeyId: kmsKeyArn,
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

    // The Fargate strategy unless the caller names one; the FARGATE_SPOT base is 0, as before.
    new TerraformLocal(
      locals,
      "default_strategy",
      expr.any(`var.default_capacity_provider_strategy != null ? var.default_capacity_provider_strategy : [
  { capacity_provider = "FARGATE", base = var.fargate_base, weight = var.default_fargate_weight },
  { capacity_provider = "FARGATE_SPOT", base = 0, weight = var.default_spot_weight },
]`),
    );
    const providers = new EcsClusterCapacityProviders(
      this.scopeFor(EcsClusterCapacityProviders),
      "this",
      {
        clusterName: cluster.name,
        capacityProviders: expr.list('concat(["FARGATE", "FARGATE_SPOT"], var.capacity_providers)'),
      },
    );
    providers.addOverride("dynamic.default_capacity_provider_strategy", {
      for_each: "${local.default_strategy}",
      content: {
        capacity_provider: "${default_capacity_provider_strategy.value.capacity_provider}",
        base: "${default_capacity_provider_strategy.value.base}",
        weight: "${default_capacity_provider_strategy.value.weight}",
      },
    });

    this.exportOutputs({
      cluster_id: cluster.id,
      cluster_arn: cluster.arn,
      cluster_name: cluster.name,
      exec_log_group_name: logGroup.name,
      exec_log_group_arn: logGroup.arn,
      kms_key_arn: kmsKeyArn,
    });
  }
}
