import { BackupModuleStack } from "../../constructs/backup";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";

const files = generateModules([BackupModuleStack]).get("backup")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;
const plan = r.aws_backup_plan.this;
const rule = plan.dynamic.rule;
const conditions = (name: string): string[] =>
  tf.variable[name].validation.map((v: { condition: string }) => v.condition);
const messages = (name: string): string[] =>
  tf.variable[name].validation.map((v: { error_message: string }) => v.error_message);

describe("backup module", () => {
  it("is a standalone module with readable addresses and no 6.x-only arguments", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(Object.keys(r).sort()).toEqual([
      "aws_backup_plan",
      "aws_backup_selection",
      "aws_backup_vault",
      "aws_backup_vault_policy",
      "aws_iam_role",
      "aws_iam_role_policy_attachment",
      "aws_kms_alias",
      "aws_kms_key",
    ]);
    expect(Object.keys(r.aws_iam_role_policy_attachment).sort()).toEqual(["backup", "restores"]);
    expect(Object.keys(r.aws_backup_selection)).toEqual(["by_tag"]);
    expect(JSON.stringify(r)).not.toMatch(/"region":/);
    expect(Object.keys(tf.data).sort()).toEqual(["aws_partition", "aws_region"]);
  });

  it("encrypts the vault with the module key, rotation on", () => {
    expect(r.aws_backup_vault.this).toMatchObject({
      name: "${var.name}",
      kms_key_arn: "${local.kms_key_arn}",
      force_destroy: false,
    });
    expect(r.aws_kms_key.this).toMatchObject({
      count: "${var.kms_key_arn == null ? 1 : 0}",
      enable_key_rotation: true,
    });
    expect(JSON.parse(r.aws_kms_key.this.policy).Statement).toHaveLength(1);
  });

  it("has daily, weekly and monthly rules with their own schedules and retention", () => {
    expect(tf.locals.rules).toEqual({
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
        delete_after: "${var.monthly_retention_months * 30}",
        cold_storage_after: "${var.monthly_cold_storage_after_days}",
      },
    });
    expect(plan.rule).toBeUndefined();
    expect(rule.for_each).toBe("${local.rules}");
    expect(rule.content).toMatchObject({
      rule_name: "${rule.key}",
      target_vault_name: "${aws_backup_vault.this.name}",
      start_window: "${var.start_window_minutes}",
      completion_window: "${var.completion_window_minutes}",
      lifecycle: [
        {
          delete_after: "${rule.value.delete_after}",
          cold_storage_after: "${rule.value.cold_storage_after}",
        },
      ],
    });
    expect(rule.content.recovery_point_tags).toContain("BackupRule = rule.key");
    expect(tf.variable.daily_retention_days.default).toBe(7);
    expect(tf.variable.weekly_retention_weeks.default).toBe(4);
    expect(tf.variable.monthly_retention_months.default).toBe(12);
    expect(tf.variable.monthly_cold_storage_after_days.default).toBeNull();
  });

  it("copies to the DR vault only when one is given, with the same lifecycle", () => {
    expect(rule.content.dynamic.copy_action).toEqual({
      for_each: "${var.dr_vault_arn == null ? [] : [var.dr_vault_arn]}",
      content: {
        destination_vault_arn: "${copy_action.value}",
        lifecycle: rule.content.lifecycle,
      },
    });
    expect(plan.lifecycle.precondition[0].condition).toBe(
      "${var.region == data.aws_region.current.id}",
    );
  });

  it("checks retention order, AWS limits and the DR Region in variable validations", () => {
    expect(conditions("weekly_retention_weeks")).toContain(
      "${var.weekly_retention_weeks * 7 >= var.daily_retention_days}",
    );
    expect(conditions("monthly_retention_months")).toContain(
      "${var.monthly_retention_months * 30 >= var.weekly_retention_weeks * 7}",
    );
    expect(conditions("monthly_cold_storage_after_days")).toContain(
      "${var.monthly_cold_storage_after_days == null ? true : var.monthly_retention_months * 30 >= var.monthly_cold_storage_after_days + 90}",
    );
    expect(messages("daily_retention_days")).toEqual([
      "daily_retention_days must be a whole number of days from 1 to 36500.",
    ]);
    expect(conditions("dr_vault_arn")).toContain(
      '${var.dr_vault_arn == null ? true : !strcontains(var.dr_vault_arn, ":${var.region}:")}',
    );
    expect(messages("completion_window_minutes").join(" ")).toMatch(/start_window_minutes \+ 60/);
    expect(messages("region")[0]).toMatch(/AWS Region/);
    expect(messages("break_glass_role_arns")[0]).toMatch(/IAM role ARNs/);
    expect(messages("account_id")).toHaveLength(2);
  });

  it("denies deleting recovery points to everyone but the break-glass roles", () => {
    const policy = r.aws_backup_vault_policy.this.policy as string;
    expect(r.aws_backup_vault_policy.this.backup_vault_name).toBe("${aws_backup_vault.this.name}");
    expect(policy).toContain('Effect    = "Deny"');
    expect(policy).toContain('Principal = { AWS = "*" }');
    expect(policy).toContain(
      'Action    = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]',
    );
    expect(policy).toContain(
      '{ for k, v in { Condition = { ArnNotLike = { "aws:PrincipalArn" = var.break_glass_role_arns } } } : k => v if length(var.break_glass_role_arns) > 0 }',
    );
    expect(tf.variable.break_glass_role_arns.default).toEqual([]);
  });

  it("selects by tag through a role with only AWS's managed backup policies", () => {
    expect(r.aws_backup_selection.by_tag).toMatchObject({
      plan_id: "${aws_backup_plan.this.id}",
      iam_role_arn: "${aws_iam_role.this.arn}",
      selection_tag: [
        {
          type: "STRINGEQUALS",
          key: "${var.selection_tag_key}",
          value: "${var.selection_tag_value}",
        },
      ],
    });
    expect(tf.variable.selection_tag_key.default).toBe("Backup");
    expect(tf.variable.selection_tag_value.default).toBe("true");
    expect(JSON.parse(r.aws_iam_role.this.assume_role_policy).Statement[0].Principal).toEqual({
      Service: "backup.amazonaws.com",
    });
    expect(Object.values(r.aws_iam_role_policy_attachment).map((a: any) => a.policy_arn)).toEqual([
      "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
    expect(r.aws_iam_role_policy).toBeUndefined();
  });
});
