import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsBackupPolicy } from "@cdktf/provider-aws/lib/efs-backup-policy";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsFileSystemPolicy } from "@cdktf/provider-aws/lib/efs-file-system-policy";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { clientSecurityGroup } from "../core/client-security-group";
import { expr, tagsWithName } from "../core/expressions";
import { moduleKey } from "../core/module-key";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { EFS_PORT, efsSpec } from "./spec";

/** Generates `terraform-modules/efs`; see `spec.ts` for its interface. */
export class EfsModuleStack extends ModuleStack<typeof efsSpec.inputs, typeof efsSpec.outputs> {
  constructor(scope: Construct) {
    super(scope, efsSpec);
    const locals = new TransparentScope(this, "locals");

    // No service principals: EFS uses the key through grants made with the caller's IAM
    // permissions, which the account statement of the key policy delegates to.
    const kmsKeyArn = moduleKey(this, locals, [], {
      description: "Encrypts EFS file system ${var.name}",
      alias: "${var.name}-efs",
      tags: tagsWithName("${var.name}-efs"),
    });

    const fileSystem = new EfsFileSystem(this.scopeFor(EfsFileSystem), "this", {
      creationToken: this.vars.name,
      encrypted: true,
      kmsKeyId: kmsKeyArn,
      performanceMode: this.vars.performance_mode,
      throughputMode: this.vars.throughput_mode,
      provisionedThroughputInMibps: this.vars.provisioned_throughput_in_mibps,
      tags: tagsWithName("${var.name}"),
    });
    // EFS takes one transition per lifecycle_policy block: to IA, and back on first access.
    fileSystem.addOverride("dynamic.lifecycle_policy", [
      {
        for_each: "${var.transition_to_ia == null ? [] : [var.transition_to_ia]}",
        content: { transition_to_ia: "${lifecycle_policy.value}" },
      },
      {
        for_each: '${var.transition_to_ia == null ? [] : ["AFTER_1_ACCESS"]}',
        content: { transition_to_primary_storage_class: "${lifecycle_policy.value}" },
      },
    ]);

    new EfsBackupPolicy(this.scopeFor(EfsBackupPolicy), "this", {
      fileSystemId: fileSystem.id,
      backupPolicy: { status: "ENABLED" },
    });

    const sg = clientSecurityGroup(this, {
      label: "efs",
      service: "EFS",
      port: EFS_PORT,
      protocol: "NFS over TLS",
    });

    const azs = TerraformIterator.fromMap(expr.map("var.subnet_ids_by_az"));
    new EfsMountTarget(this.scopeFor(EfsMountTarget), "this", {
      forEach: azs,
      fileSystemId: fileSystem.id,
      subnetId: azs.value,
      securityGroups: [sg.id],
    });

    const accessPoints = TerraformIterator.fromMap(expr.map("var.access_points"));
    new EfsAccessPoint(this.scopeFor(EfsAccessPoint), "this", {
      forEach: accessPoints,
      fileSystemId: fileSystem.id,
      posixUser: { uid: accessPoints.getNumber("uid"), gid: accessPoints.getNumber("gid") },
      rootDirectory: {
        path: accessPoints.getString("path"),
        creationInfo: {
          ownerUid: accessPoints.getNumber("uid"),
          ownerGid: accessPoints.getNumber("gid"),
          permissions: accessPoints.getString("permissions"),
        },
      },
      tags: tagsWithName("${var.name}-${each.key}", { AccessPoint: "${each.key}" }),
    });

    const fs = "aws_efs_file_system.this.arn";
    new EfsFileSystemPolicy(this.scopeFor(EfsFileSystemPolicy), "this", {
      fileSystemId: fileSystem.id,
      policy: expr.string(`jsonencode({
  Version = "2012-10-17"
  Statement = concat([
    {
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"]
      Resource  = ${fs}
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    },
  ], length(var.client_role_arns) == 0 || length(var.access_points) == 0 ? [] : [
    {
      Sid       = "ClientRolesMountThroughAccessPoints"
      Effect    = "Allow"
      Principal = { AWS = var.client_role_arns }
      Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
      Resource  = ${fs}
      Condition = {
        Bool   = { "elasticfilesystem:AccessedViaMountTarget" = "true" }
        ArnEquals = { "elasticfilesystem:AccessPointArn" = values(aws_efs_access_point.this)[*].arn }
      }
    },
  ])
})`),
    });

    this.exportOutputs({
      file_system_id: fileSystem.id,
      file_system_arn: fileSystem.arn,
      access_point_ids: expr.map("{ for name, ap in aws_efs_access_point.this : name => ap.id }"),
      access_point_arns: expr.map("{ for name, ap in aws_efs_access_point.this : name => ap.arn }"),
      security_group_id: sg.id,
      dns_name: fileSystem.dnsName,
    });
  }
}
