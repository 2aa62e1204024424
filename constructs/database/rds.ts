import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { TerraformIterator } from "cdktf";
import { expr, tagsWithName } from "../core/expressions";
import { DatabaseParts, parameterBlocks } from "./shared";

/**
 * RDS for PostgreSQL / MySQL: `aws_db_instance.this[0]` (count 0 on Aurora engines) and its
 * read replicas `aws_db_instance.replica["replica-N"]`.
 */
export function rdsInstances({
  stack,
  vars,
  instanceSettings,
  securityGroupId,
  logGroups,
  monitoring,
}: DatabaseParts) {
  const parameterGroup = new DbParameterGroup(stack.scopeFor(DbParameterGroup), "this", {
    count: expr.number("local.is_aurora ? 0 : 1"),
    namePrefix: "${var.name}-",
    family: "${local.parameter_group_family}",
    description: "Parameters of ${var.name}: TLS-only connections",
    tags: tagsWithName("${var.name}"),
    // A new family (major upgrade) needs a new group in place before the instance moves to it.
    lifecycle: { createBeforeDestroy: true },
  });
  parameterBlocks(parameterGroup);
  const parameterGroupName = expr.string(`${parameterGroup.fqn}[0].name`);

  const primary = new DbInstance(stack.scopeFor(DbInstance), "this", {
    ...instanceSettings,
    count: expr.number("local.is_aurora ? 0 : 1"),
    identifier: vars.name,
    engine: vars.engine,
    engineVersion: vars.engine_version,
    instanceClass: vars.instance_class,
    allocatedStorage: vars.allocated_storage,
    maxAllocatedStorage: vars.max_allocated_storage,
    storageType: vars.storage_type,
    iops: vars.iops,
    storageEncrypted: true,
    kmsKeyId: "${local.kms_key_arn}",
    dbName: vars.database_name,
    username: vars.master_username,
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: "${local.kms_key_arn}",
    iamDatabaseAuthenticationEnabled: vars.iam_database_authentication_enabled,
    dbSubnetGroupName: vars.db_subnet_group_name,
    vpcSecurityGroupIds: [securityGroupId],
    port: expr.number("local.port"),
    multiAz: vars.multi_az,
    parameterGroupName,
    backupRetentionPeriod: vars.backup_retention_period,
    backupWindow: vars.preferred_backup_window,
    maintenanceWindow: vars.preferred_maintenance_window,
    enabledCloudwatchLogsExports: expr.list("local.log_exports"),
    deletionProtection: vars.deletion_protection,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "${var.name}-final",
    // Automated backups outlive the instance, so a deletion can still be rolled back in time.
    deleteAutomatedBackups: false,
    allowMajorVersionUpgrade: vars.allow_major_version_upgrade,
    tags: tagsWithName("${var.name}"),
    // RDS would create the log groups itself, without retention or encryption.
    dependsOn: [logGroups.primary, ...monitoring],
  });

  const replicas = TerraformIterator.fromMap(expr.map("local.replicas"));
  new DbInstance(stack.scopeFor(DbInstance), "replica", {
    ...instanceSettings,
    forEach: replicas,
    identifier: "${var.name}-${each.key}",
    replicateSourceDb: expr.string(`${primary.fqn}[0].identifier`),
    instanceClass: vars.instance_class,
    maxAllocatedStorage: vars.max_allocated_storage,
    storageEncrypted: true,
    kmsKeyId: "${local.kms_key_arn}",
    iamDatabaseAuthenticationEnabled: vars.iam_database_authentication_enabled,
    vpcSecurityGroupIds: [securityGroupId],
    port: expr.number("local.port"),
    availabilityZone: replicas.value,
    multiAz: false,
    parameterGroupName,
    enabledCloudwatchLogsExports: expr.list("local.log_exports"),
    deletionProtection: vars.deletion_protection,
    // RDS cannot snapshot a replica on deletion; the primary's final snapshot holds the data.
    skipFinalSnapshot: true,
    tags: tagsWithName("${var.name}-${each.key}", { Role: "replica" }),
    dependsOn: [logGroups.replica, ...monitoring],
  });
}
