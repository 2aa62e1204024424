import { moduleKeyInputs } from "../core/module-key";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { wholeNumberIn } from "../core/whole-number";

/** AWS Backup keeps a recovery point at most 100 years. */
export const MAX_RETENTION_DAYS = 36500;
/** A month of retention counts as this many days (AWS Backup retention is in days). */
export const DAYS_PER_MONTH = 30;
/** A recovery point must stay in cold storage at least this long before it is deleted. */
export const MIN_COLD_STORAGE_DAYS = 90;
/** The API's limit for both windows (100 years, in minutes). */
const MAX_WINDOW_MINUTES = 52_560_000;

const weeksToDays = "var.weekly_retention_weeks * 7";
const monthsToDays = `var.monthly_retention_months * ${DAYS_PER_MONTH}`;

export const backupSpec = defineModule({
  name: "backup",
  description:
    "AWS Backup for every resource carrying a tag (default `Backup = true`): a KMS-encrypted " +
    "vault whose policy denies deleting recovery points, a plan with daily, weekly and monthly " +
    "rules and their own retention, an optional copy of every recovery point to a vault in " +
    "another Region, and the service role AWS Backup uses.",
  inputs: {
    name: required(
      tf.string,
      "Name of the vault and the plan, and prefix of the other names (`<name>-backup` role, `<name>-by-tag` selection, KMS alias).",
      {
        validation: [
          nameValidation(),
          {
            condition: "length(var.name) >= 2",
            errorMessage: "name must be at least 2 characters (backup vault name rules).",
            rejects: { value: "s" },
          },
        ],
      },
    ),
    ...moduleKeyInputs(
      "the recovery points in the vault",
      "An existing key's policy must let the account's IAM policies use it (AWS Backup works " +
        "through grants made on behalf of the backup role).",
    ),
    region: required(
      tf.string,
      "Region the vault is in: the provider's Region (checked at plan time). Needed so the " +
        "variables can check that `dr_vault_arn` is in another Region.",
      {
        validation: [
          validate.pattern(
            "region",
            "^[a-z]{2}(-[a-z]+)+-[0-9]+$",
            "an AWS Region such as eu-north-1",
          ),
        ],
      },
    ),
    daily_retention_days: optional(
      tf.number,
      7,
      "Days the daily recovery points (05:00 UTC) are kept. Default 7: a week of point-in-time " +
        "restores; prod often keeps 14–35.",
      { validation: [wholeNumberIn("daily_retention_days", 1, MAX_RETENTION_DAYS, "days")] },
    ),
    weekly_retention_weeks: optional(
      tf.number,
      4,
      "Weeks the weekly recovery points (Sundays 05:00 UTC) are kept; 1 week = 7 days. " +
        "Default 4: a month of weekly restores. Must keep at least as long as the daily ones.",
      {
        validation: [
          wholeNumberIn("weekly_retention_weeks", 1, Math.floor(MAX_RETENTION_DAYS / 7), "weeks"),
          {
            condition: `${weeksToDays} >= var.daily_retention_days`,
            errorMessage:
              "weekly_retention_weeks * 7 must be at least daily_retention_days: a weekly recovery point must not expire before the daily ones.",
            rejects: { value: 1, alongside: { daily_retention_days: 14 } },
          },
        ],
      },
    ),
    monthly_retention_months: optional(
      tf.number,
      12,
      "Months the monthly recovery points (1st of the month, 05:00 UTC) are kept, counted as " +
        `${DAYS_PER_MONTH} days each (12 months = ${12 * DAYS_PER_MONTH} days). Default 12: a ` +
        "year of month-end restores. Must keep at least as long as the weekly ones.",
      {
        validation: [
          wholeNumberIn(
            "monthly_retention_months",
            1,
            Math.floor(MAX_RETENTION_DAYS / DAYS_PER_MONTH),
            "months",
          ),
          {
            condition: `${monthsToDays} >= ${weeksToDays}`,
            errorMessage: `monthly_retention_months * ${DAYS_PER_MONTH} must be at least weekly_retention_weeks * 7: a monthly recovery point must not expire before the weekly ones.`,
            // No cold storage, whose rule a month of retention breaks too.
            rejects: {
              value: 1,
              alongside: { weekly_retention_weeks: 8, monthly_cold_storage_after_days: null },
            },
          },
        ],
      },
    ),
    monthly_cold_storage_after_days: optional(
      tf.number,
      null,
      "Move monthly recovery points to cold storage this many days after creation (cheaper " +
        "storage for resource types that support it, e.g. EFS and DynamoDB; others ignore it). " +
        `Default null: no cold storage. Cold storage lasts at least ${MIN_COLD_STORAGE_DAYS} days, ` +
        `so the monthly retention must exceed this by ${MIN_COLD_STORAGE_DAYS} days.`,
      {
        validation: [
          wholeNumberIn(
            "monthly_cold_storage_after_days",
            1,
            MAX_RETENTION_DAYS - MIN_COLD_STORAGE_DAYS,
            "days",
            true,
          ),
          {
            condition: `var.monthly_cold_storage_after_days == null ? true : ${monthsToDays} >= var.monthly_cold_storage_after_days + ${MIN_COLD_STORAGE_DAYS}`,
            errorMessage: `monthly_retention_months * ${DAYS_PER_MONTH} must be at least monthly_cold_storage_after_days + ${MIN_COLD_STORAGE_DAYS} (AWS Backup's minimum time in cold storage).`,
            // 300 + 90 days in cold storage outlast 12 months of 30 days.
            rejects: { value: 300, alongside: { monthly_retention_months: 12 } },
          },
        ],
      },
    ),
    start_window_minutes: optional(
      tf.number,
      60,
      "Minutes after the scheduled time within which a backup job must start, or it is " +
        "skipped. Default 60 (AWS's minimum): backups stay in the early-morning window. At most " +
        "1440, so a daily job never starts after the next one is due.",
      { validation: [wholeNumberIn("start_window_minutes", 60, 1440, "minutes")] },
    ),
    completion_window_minutes: optional(
      tf.number,
      1440,
      "Minutes after the scheduled time within which a backup job must finish, or AWS Backup " +
        "cancels it. Default 1440 (a day); raise it for the first full backup of very large " +
        "resources. At least `start_window_minutes` + 60.",
      {
        validation: [
          wholeNumberIn("completion_window_minutes", 120, MAX_WINDOW_MINUTES, "minutes"),
          {
            condition: "var.completion_window_minutes >= var.start_window_minutes + 60",
            errorMessage:
              "completion_window_minutes must be at least start_window_minutes + 60, so a job that starts late still has an hour to run.",
            rejects: { value: 150, alongside: { start_window_minutes: 120 } },
          },
        ],
      },
    ),
    dr_vault_arn: optional(
      tf.string,
      null,
      "Backup vault in another Region (disaster recovery) that every recovery point is copied " +
        "to, with the same retention. Default null: no copies. Its access policy must allow " +
        "`backup:CopyIntoBackupVault` from this account.",
      {
        validation: [
          {
            condition:
              'var.dr_vault_arn == null ? true : can(regex("^arn:aws[a-z-]*:backup:[a-z0-9-]+:[0-9]{12}:backup-vault:[A-Za-z0-9_-]{2,50}$", var.dr_vault_arn))',
            errorMessage:
              "dr_vault_arn must be null or a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>).",
            // The vault's name instead of its ARN.
            rejects: { value: "shop-prod-dr" },
          },
          {
            condition:
              'var.dr_vault_arn == null ? true : !strcontains(var.dr_vault_arn, ":${var.region}:")',
            errorMessage:
              "dr_vault_arn must be in another Region than region: a copy in the same Region does not survive a Regional outage.",
            rejects: {
              value: "arn:aws:backup:eu-north-1:123456789012:backup-vault:shop-prod-dr",
              alongside: { region: "eu-north-1" },
            },
          },
        ],
      },
    ),
    selection_tag_key: optional(
      tf.string,
      "Backup",
      "Tag key that puts a resource under this plan. Default `Backup`.",
      {
        validation: [
          {
            condition: "length(var.selection_tag_key) >= 1 && length(var.selection_tag_key) <= 128",
            errorMessage: "selection_tag_key must be 1–128 characters (an AWS tag key).",
            rejects: { value: "" },
          },
        ],
      },
    ),
    selection_tag_value: optional(
      tf.string,
      "true",
      "Value of `selection_tag_key` that puts a resource under this plan (exact match). Default `true`.",
      {
        validation: [
          {
            condition:
              "length(var.selection_tag_value) >= 1 && length(var.selection_tag_value) <= 256",
            errorMessage: "selection_tag_value must be 1–256 characters (an AWS tag value).",
            rejects: { value: "" },
          },
        ],
      },
    ),
    break_glass_role_arns: optional(
      tf.list(tf.string),
      [],
      "IAM roles still allowed to delete recovery points (or shorten their retention) in the " +
        "vault. Default []: nobody can, not even administrators; recovery points only expire.",
      {
        validation: [
          {
            condition:
              'alltrue([for a in var.break_glass_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", a))])',
            errorMessage:
              "break_glass_role_arns must be IAM role ARNs (arn:aws:iam::<account>:role/<name>).",
            // An IAM user, not a role.
            rejects: { value: ["arn:aws:iam::123456789012:user/break-glass"] },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource and every recovery point (the provider's default_tags " +
        "apply to resources, not recovery points). Default: none.",
    ),
  },
  outputs: {
    vault_name: output(tf.string, "Name of the backup vault."),
    vault_arn: output(
      tf.string,
      "ARN of the backup vault, e.g. for another Region's module as its `dr_vault_arn`.",
    ),
    plan_id: output(tf.string, "ID of the backup plan."),
    role_arn: output(tf.string, "ARN of the IAM role AWS Backup uses to back up and restore."),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    region: "eu-north-1",
    daily_retention_days: 14,
    weekly_retention_weeks: 8,
    monthly_retention_months: 12,
    monthly_cold_storage_after_days: 30,
    dr_vault_arn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:shop-prod-dr",
    selection_tag_key: "Backup",
    selection_tag_value: "true",
    break_glass_role_arns: ["arn:aws:iam::123456789012:role/shop-prod-break-glass"],
    tags: { Component: "backup" },
  },
  notes: `## Design notes

- **What is backed up**: every resource of a type AWS Backup supports (RDS, Aurora, EFS,
  DynamoDB, EBS, …) tagged \`<selection_tag_key> = <selection_tag_value>\` (default
  \`Backup = true\`). The resource type must be opted in under the Region's AWS Backup
  settings; S3 buckets additionally need \`AWSBackupServiceRolePolicyForS3Backup\` on the role.
- **Three rules, one schedule time**: daily at 05:00 UTC, weekly on Sundays and monthly on
  the 1st, all at 05:00 UTC. Where they coincide, AWS Backup takes one backup and keeps it for
  the longest retention of the overlapping rules, so Sundays and the 1st cost no extra job.
- **Retention in days**: AWS Backup counts days, so weeks are 7 days and months are
  ${DAYS_PER_MONTH} days (12 months = ${12 * DAYS_PER_MONTH} days, five days short of a year; set 13
  if a full year matters). The variables check that weekly points outlive daily ones and
  monthly ones outlive weekly ones, AWS's limit of ${MAX_RETENTION_DAYS} days, and, with
  \`monthly_cold_storage_after_days\`, the ${MIN_COLD_STORAGE_DAYS} days a recovery point must stay
  in cold storage.
- **Copies to another Region**: with \`dr_vault_arn\`, every rule copies its recovery points
  there with the same lifecycle. \`region\` is an input (checked against the provider's
  Region at plan time) only so a variable validation can reject a DR vault in the same Region.
  The DR vault's access policy must allow \`backup:CopyIntoBackupVault\` from this account,
  and a copy to another account needs cross-account backup turned on in AWS Organizations.
- **Deletion protection**: the vault policy denies \`backup:DeleteRecoveryPoint\` and
  \`backup:UpdateRecoveryPointLifecycle\` (shortening retention is deletion by other means) to
  every principal except \`break_glass_role_arns\`. Expiry by the plan's lifecycle is not
  affected. With recovery points in it, the vault cannot be destroyed either. For
  protection against the root user and policy edits, add AWS Backup Vault Lock in compliance
  mode (not included: it cannot be undone after its grace time).
- **Encryption**: recovery points of resources AWS Backup fully manages are encrypted with
  the vault's customer-managed key (rotation on), created here unless \`kms_key_arn\` is given.
  Other resource types keep their source encryption (an encrypted RDS snapshot keeps the
  database's key).
- **Service role**: \`<name>-backup\`, trusted by \`backup.amazonaws.com\`, with AWS's managed
  policies \`service-role/AWSBackupServiceRolePolicyForBackup\` and
  \`service-role/AWSBackupServiceRolePolicyForRestores\` (ARNs built with the partition). The
  module writes no permission statement of its own.
- **Not included**: continuous backups (PITR), Vault Lock, backup notifications (SNS),
  restore testing, reports and frameworks.`,
});
