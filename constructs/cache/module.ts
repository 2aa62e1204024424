import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { ElasticacheParameterGroup } from "@cdktf/provider-aws/lib/elasticache-parameter-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { clientSecurityGroup } from "../core/client-security-group";
import { expr, tagsWithName } from "../core/expressions";
import { moduleKey } from "../core/module-key";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { CACHE_PORT, cacheSpec } from "./spec";

/** ElastiCache log type → Terraform name of its log group. */
const LOG_TYPES = { "slow-log": "slow_log", "engine-log": "engine_log" } as const;

/** Generates `terraform-modules/cache`; see `spec.ts` for its interface. */
export class CacheModuleStack extends ModuleStack<
  typeof cacheSpec.inputs,
  typeof cacheSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, cacheSpec);
    const locals = new TransparentScope(this, "locals");
    const region = new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});

    new TerraformLocal(locals, "log_group_prefix", "/aws/elasticache/${var.name}");
    const kmsKeyArn = moduleKey(
      this,
      locals,
      [
        {
          sid: "CloudWatchLogsEncryptsCacheLogGroups",
          service: `logs.\${${region.fqn}.id}.\${${partition.fqn}.dns_suffix}`,
          // Built from parts, not read from the log groups: the key policy must exist first.
          condition: {
            ArnLike: {
              "kms:EncryptionContext:aws:logs:arn": `arn:\${${partition.fqn}.partition}:logs:\${${region.fqn}.id}:\${var.account_id}:log-group:\${local.log_group_prefix}/*`,
            },
          },
        },
      ],
      {
        description: "Encrypts ElastiCache ${var.name}: data, snapshots, AUTH token secret, logs",
        alias: "${var.name}-cache",
        tags: tagsWithName("${var.name}-cache"),
      },
    );

    const secret = new SecretsmanagerSecret(this.scopeFor(SecretsmanagerSecret), "auth_token", {
      namePrefix: "${var.name}-cache-auth-token-",
      description: "AUTH token of ElastiCache ${var.name}",
      kmsKeyId: kmsKeyArn,
      recoveryWindowInDays: 30,
      tags: tagsWithName("${var.name}-cache-auth-token"),
    });
    // uuid() is new on every plan; only the first value is kept. See the rotation notes.
    const token = new SecretsmanagerSecretVersion(
      this.scopeFor(SecretsmanagerSecretVersion),
      "auth_token",
      {
        secretId: secret.id,
        secretString: expr.string('replace("${uuid()}${uuid()}", "-", "")'),
        lifecycle: { ignoreChanges: ["secret_string"] },
      },
    );

    const sg = clientSecurityGroup(this, {
      label: "cache",
      service: "ElastiCache",
      port: CACHE_PORT,
      protocol: "TLS",
    });

    const subnetGroup = new ElasticacheSubnetGroup(this.scopeFor(ElasticacheSubnetGroup), "this", {
      name: this.vars.name,
      description: "Subnets of ElastiCache ${var.name}",
      subnetIds: this.vars.subnet_ids,
      tags: tagsWithName("${var.name}"),
    });

    new TerraformLocal(
      locals,
      "parameter_group_family",
      '${var.engine}${split(".", var.engine_version)[0]}',
    );
    const parameters = TerraformIterator.fromMap(expr.map("var.parameters"));
    // Named after the family, so a major upgrade creates the new group before dropping the old.
    const parameterGroup = new ElasticacheParameterGroup(
      this.scopeFor(ElasticacheParameterGroup),
      "this",
      {
        name: "${var.name}-${local.parameter_group_family}",
        family: "${local.parameter_group_family}",
        description: "Parameters of ElastiCache ${var.name}",
        parameter: parameters.dynamic({ name: parameters.key, value: parameters.value }),
        tags: tagsWithName("${var.name}"),
        lifecycle: { createBeforeDestroy: true },
      },
    );

    const logGroups = Object.entries(LOG_TYPES).map(
      ([logType, id]) =>
        [
          logType,
          new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), id, {
            name: `\${local.log_group_prefix}/${logType}`,
            retentionInDays: this.vars.log_retention_days,
            kmsKeyId: kmsKeyArn,
            tags: tagsWithName(`\${var.name}-cache-${logType}`),
          }),
        ] as const,
    );

    const group = new ElasticacheReplicationGroup(
      this.scopeFor(ElasticacheReplicationGroup),
      "this",
      {
        replicationGroupId: this.vars.name,
        description: "ElastiCache ${var.name} (${var.engine})",
        engine: this.vars.engine,
        engineVersion: this.vars.engine_version,
        nodeType: this.vars.node_type,
        port: CACHE_PORT,
        numCacheClusters: this.vars.num_cache_clusters,
        automaticFailoverEnabled: expr.any("var.automatic_failover_enabled"),
        multiAzEnabled: expr.any("var.multi_az_enabled"),
        parameterGroupName: parameterGroup.name,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [sg.id],
        atRestEncryptionEnabled: "true",
        kmsKeyId: kmsKeyArn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authToken: token.secretString,
        authTokenUpdateStrategy: this.vars.auth_token_update_strategy,
        autoMinorVersionUpgrade: "true",
        snapshotRetentionLimit: this.vars.snapshot_retention_limit,
        snapshotWindow: this.vars.snapshot_window,
        maintenanceWindow: this.vars.maintenance_window,
        applyImmediately: expr.any("var.apply_immediately"),
        logDeliveryConfiguration: logGroups.map(([logType, logGroup]) => ({
          destinationType: "cloudwatch-logs",
          destination: logGroup.name,
          logFormat: "json",
          logType,
        })),
        tags: tagsWithName("${var.name}"),
      },
    );

    this.exportOutputs({
      primary_endpoint: group.primaryEndpointAddress,
      reader_endpoint: group.readerEndpointAddress,
      port: group.port,
      auth_secret_arn: secret.arn,
      security_group_id: sg.id,
      replication_group_id: group.id,
      member_clusters: expr.list(`sort(${group.fqn}.member_clusters)`),
      kms_key_arn: kmsKeyArn,
    });
  }
}
