import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultPolicy } from "@cdktf/provider-aws/lib/backup-vault-policy";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { moduleKey } from "../core/module-key";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { backupSpec, DAYS_PER_MONTH } from "./spec";

/**
 * The plan's rules by name: schedule (UTC) and lifecycle. All start at 05:00 so that where
 * they coincide AWS Backup takes one backup with the longest retention.
 */
const RULES = {
  daily: {
    schedule: "cron(0 5 ? * * *)",
    delete_after: "${var.daily_retention_days}",
    cold_storage_after: null,
  },
  weekly: {
    schedule: "cron(0 5 ? * SUN *)",
    delete_after: "${var.weekly_retention_weeks * 7}",
    cold_storage_after: null,
  },
  monthly: {
    schedule: "cron(0 5 1 * ? *)",
    delete_after: `\${var.monthly_retention_months * ${DAYS_PER_MONTH}}`,
    cold_storage_after: "${var.monthly_cold_storage_after_days}",
  },
};

/** AWS's managed policies for the backup role, by the Terraform name of their attachment. */
const MANAGED_POLICIES = {
  backup: "service-role/AWSBackupServiceRolePolicyForBackup",
  restores: "service-role/AWSBackupServiceRolePolicyForRestores",
};

/** Generates `terraform-modules/backup`; see `spec.ts` for its interface. */
export class BackupModuleStack extends ModuleStack<
  typeof backupSpec.inputs,
  typeof backupSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, backupSpec);
    const locals = new TransparentScope(this, "locals");
    const region = new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});

    // No service principal: AWS Backup uses the key through grants made for the backup role.
    const kmsKeyArn = moduleKey(this, locals, [], {
      description: "Encrypts the recovery points of AWS Backup vault ${var.name}",
      alias: "${var.name}-backup",
      tags: tagsWithName("${var.name}-backup"),
    });

    const vault = new BackupVault(this.scopeFor(BackupVault), "this", {
      name: this.vars.name,
      kmsKeyArn,
      forceDestroy: false,
      tags: tagsWithName("${var.name}"),
    });

    // Deny is evaluated before any Allow, so no identity policy can re-grant deletion; the
    // condition is left out when there is no break-glass role (an empty list is invalid IAM).
    new BackupVaultPolicy(this.scopeFor(BackupVaultPolicy), "this", {
      backupVaultName: vault.name,
      policy: expr.string(`jsonencode({
  Version = "2012-10-17"
  Statement = [merge(
    {
      Sid       = "DenyRecoveryPointDeletion"
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]
      Resource  = "*"
    },
    { for k, v in { Condition = { ArnNotLike = { "aws:PrincipalArn" = var.break_glass_role_arns } } } : k => v if length(var.break_glass_role_arns) > 0 },
  )]
})`),
    });

    const role = new IamRole(this.scopeFor(IamRole), "this", {
      name: "${var.name}-backup",
      description: "AWS Backup ${var.name} backs up and restores the resources it selects",
      assumeRolePolicy: assumeRolePolicy("backup.amazonaws.com"),
      tags: tagsWithName("${var.name}-backup"),
    });
    const attachments = Object.entries(MANAGED_POLICIES).map(
      ([id, policy]) =>
        new IamRolePolicyAttachment(this.scopeFor(IamRolePolicyAttachment), id, {
          role: role.name,
          policyArn: `arn:\${${partition.fqn}.partition}:iam::aws:policy/${policy}`,
        }),
    );

    new TerraformLocal(locals, "rules", RULES);
    const lifecycle = {
      delete_after: "${rule.value.delete_after}",
      cold_storage_after: "${rule.value.cold_storage_after}",
    };
    const plan = new BackupPlan(this.scopeFor(BackupPlan), "this", {
      name: this.vars.name,
      rule: [],
      tags: tagsWithName("${var.name}"),
      lifecycle: {
        precondition: [
          {
            condition: `\${var.region == ${region.fqn}.id}`,
            errorMessage:
              "region must be the AWS provider's Region: the dr_vault_arn check relies on it.",
          },
        ],
      },
    });
    // Written as an override: cdktf cannot nest the optional copy_action block in a rule.
    plan.addOverride("rule", undefined);
    plan.addOverride("dynamic.rule", {
      for_each: "${local.rules}",
      content: {
        rule_name: "${rule.key}",
        target_vault_name: vault.name,
        schedule: "${rule.value.schedule}",
        start_window: "${var.start_window_minutes}",
        completion_window: "${var.completion_window_minutes}",
        recovery_point_tags:
          "${merge(var.tags, { Name = var.name, BackupPlan = var.name, BackupRule = rule.key })}",
        lifecycle: [lifecycle],
        dynamic: {
          copy_action: {
            for_each: "${var.dr_vault_arn == null ? [] : [var.dr_vault_arn]}",
            content: { destination_vault_arn: "${copy_action.value}", lifecycle: [lifecycle] },
          },
        },
      },
    });

    new BackupSelection(this.scopeFor(BackupSelection), "by_tag", {
      name: "${var.name}-by-tag",
      planId: plan.id,
      iamRoleArn: role.arn,
      selectionTag: [
        {
          type: "STRINGEQUALS",
          key: this.vars.selection_tag_key,
          value: this.vars.selection_tag_value,
        },
      ],
      // The first job may start as soon as the selection exists; the role must be usable.
      dependsOn: attachments,
    });

    this.exportOutputs({
      vault_name: vault.name,
      vault_arn: vault.arn,
      plan_id: plan.id,
      role_arn: role.arn,
    });
  }
}
