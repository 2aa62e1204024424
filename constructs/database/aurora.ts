import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import { TerraformIterator } from "cdktf";
import { expr, tagsWithName } from "../core/expressions";
import { DatabaseParts, parameterBlocks } from "./shared";

/**
 * Aurora PostgreSQL / MySQL: `aws_rds_cluster.this[0]` (count 0 on RDS engines), its writer
 * `aws_rds_cluster_instance.writer[0]` and readers `aws_rds_cluster_instance.reader["reader-N"]`.
 */
export function auroraCluster({
  stack,
  vars,
  instanceSettings,
  securityGroupId,
  logGroups,
  monitoring,
}: DatabaseParts) {
  const count = expr.number("local.is_aurora ? 1 : 0");
  const parameterGroup = new RdsClusterParameterGroup(
    stack.scopeFor(RdsClusterParameterGroup),
    "this",
    {
      count,
      namePrefix: "${var.name}-",
      family: "${local.parameter_group_family}",
      description: "Cluster parameters of ${var.name}: TLS-only connections",
      tags: tagsWithName("${var.name}"),
      // A new family (major upgrade) needs a new group in place before the cluster moves to it.
      lifecycle: { createBeforeDestroy: true },
    },
  );
  parameterBlocks(parameterGroup);

  const cluster = new RdsCluster(stack.scopeFor(RdsCluster), "this", {
    count,
    clusterIdentifier: vars.name,
    engine: vars.engine,
    engineVersion: vars.engine_version,
    engineMode: "provisioned",
    databaseName: vars.database_name,
    masterUsername: vars.master_username,
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: "${local.kms_key_arn}",
    storageEncrypted: true,
    kmsKeyId: "${local.kms_key_arn}",
    iamDatabaseAuthenticationEnabled: vars.iam_database_authentication_enabled,
    dbSubnetGroupName: vars.db_subnet_group_name,
    vpcSecurityGroupIds: [securityGroupId],
    port: expr.number("local.port"),
    dbClusterParameterGroupName: expr.string(`${parameterGroup.fqn}[0].name`),
    backupRetentionPeriod: vars.backup_retention_period,
    preferredBackupWindow: vars.preferred_backup_window,
    preferredMaintenanceWindow: vars.preferred_maintenance_window,
    enabledCloudwatchLogsExports: expr.list("local.log_exports"),
    deletionProtection: vars.deletion_protection,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "${var.name}-final",
    // Automated backups outlive the cluster, so a deletion can still be rolled back in time.
    deleteAutomatedBackups: false,
    copyTagsToSnapshot: true,
    allowMajorVersionUpgrade: vars.allow_major_version_upgrade,
    applyImmediately: vars.apply_immediately,
    tags: tagsWithName("${var.name}"),
    // Aurora would create the log groups itself, without retention or encryption.
    dependsOn: [logGroups.primary],
  });
  cluster.addOverride("dynamic.serverlessv2_scaling_configuration", {
    for_each: "${var.serverless_v2 == null ? [] : [var.serverless_v2]}",
    content: {
      min_capacity: "${serverlessv2_scaling_configuration.value.min_capacity}",
      max_capacity: "${serverlessv2_scaling_configuration.value.max_capacity}",
    },
  });

  const member = {
    ...instanceSettings,
    clusterIdentifier: expr.string(`${cluster.fqn}[0].id`),
    engine: expr.string(`${cluster.fqn}[0].engine`),
    engineVersion: expr.string(`${cluster.fqn}[0].engine_version`),
    instanceClass: expr.string('var.serverless_v2 != null ? "db.serverless" : var.instance_class'),
  };
  const writer = new RdsClusterInstance(stack.scopeFor(RdsClusterInstance), "writer", {
    ...member,
    count,
    identifier: "${var.name}-writer",
    availabilityZone: expr.string(
      "length(var.availability_zones) > 0 ? var.availability_zones[0] : null",
    ),
    promotionTier: 0,
    tags: tagsWithName("${var.name}-writer", { Role: "writer" }),
    dependsOn: [...monitoring],
  });
  new RdsClusterInstance(stack.scopeFor(RdsClusterInstance), "reader", {
    ...member,
    forEach: TerraformIterator.fromMap(expr.map("local.readers")),
    identifier: "${var.name}-${each.key}",
    availabilityZone: expr.string(
      "length(var.availability_zones) > 0 ? element(var.availability_zones, each.value) : null",
    ),
    promotionTier: 1,
    tags: tagsWithName("${var.name}-${each.key}", { Role: "reader" }),
    // The first instance of a cluster becomes its writer: readers wait so the roles match the names.
    dependsOn: [writer, ...monitoring],
  });
}
