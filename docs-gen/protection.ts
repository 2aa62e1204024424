import { ENGINE_TRAITS } from "../constructs/database/engines";
import type { ResolvedEnvironment } from "../config/resolve";
import { BACKUP_TAG } from "../stacks/data-stores";
import { code, listing, plural, section, table, yesNo } from "./markdown";

/** Backups, recovery copies, deletion protection, the audit trail and the plan guard. */
export function protectionSection(environment: ResolvedEnvironment): string {
  const { settings } = environment;
  const { backup, audit, alb } = settings;
  const rows: string[][] = [];
  for (const [name, db] of Object.entries(settings.databases ?? {})) {
    const aurora = ENGINE_TRAITS[db.engine].aurora;
    rows.push([
      `database ${name}`,
      `${plural(db.backupRetentionDays, "day")} of automated backups (point-in-time restore)${backup.enabled ? ", and the AWS Backup plan" : ""}`,
      `${yesNo(db.deletionProtection)}; a final snapshot ${code(`${environment.project}-${environment.name}-${name}-final`)} on delete`,
      aurora
        ? "Aurora storage keeps 6 copies across 3 AZs"
        : db.multiAz
          ? "Multi-AZ standby"
          : "single AZ",
    ]);
  }
  for (const [name, c] of Object.entries(settings.caches ?? {}))
    rows.push([
      `cache ${name}`,
      c.snapshotRetentionDays === 0
        ? "no snapshots"
        : `${plural(c.snapshotRetentionDays, "day")} of snapshots`,
      "—",
      c.multiAz
        ? `automatic failover to ${plural(c.nodes - 1, "replica")}`
        : "single node group, no failover",
    ]);
  for (const name of Object.keys(settings.fileSystems ?? {}))
    rows.push([
      `file system ${name}`,
      backup.enabled ? "the AWS Backup plan" : "no backups (the AWS Backup plan is off)",
      "—",
      "regional (mount targets in every AZ)",
    ]);
  for (const [name, b] of Object.entries(settings.buckets ?? {}))
    rows.push([
      `bucket ${name}`,
      (b.versioning ?? true) ? "object versioning" : "no versioning",
      "—",
      "S3 (regional)",
    ]);
  rows.push(["load balancer", "—", yesNo(alb.deletionProtection), "—"]);
  const plan = backup.enabled
    ? [
        `AWS Backup: on. The plan selects every resource tagged ${code(`${Object.keys(BACKUP_TAG)[0]}=${Object.values(BACKUP_TAG)[0]}`)} (the databases and file systems) and keeps daily points ${plural(backup.dailyRetentionDays, "day")}, weekly ${plural(backup.weeklyRetentionWeeks, "week")} and monthly ${plural(backup.monthlyRetentionMonths, "month")}.`,
        backup.drVaultArn
          ? `Each recovery point is copied to the DR vault ${code(backup.drVaultArn)} in ${backup.drVaultArn.split(":")[3]}.`
          : "No DR copy: recovery points stay in this region (`backup.drVaultArn` is not set).",
      ].join(" ")
    : "AWS Backup: off (`backup.enabled: false`); recovery relies on the stores' own backups above.";
  const trail = audit.enabled
    ? `CloudTrail: on, multi-region and validated, log files kept ${plural(audit.retentionDays, "day")} in a private bucket, the CloudWatch Logs copy and the ECS Exec log ${plural(audit.logRetentionDays, "day")}.`
    : `CloudTrail: off (\`audit.enabled: false\`); the ECS Exec session log is kept ${plural(audit.logRetentionDays, "day")}.`;
  return section(
    "Data protection and recovery",
    table(["what", "backups", "deletion protection", "availability"], rows),
    plan,
    trail,
    `The plan guard: the pull-request and apply workflows run ${code("npm run plan-summary -- guard")} on the prod plan; it fails when the plan would destroy or replace a resource that holds data (${listing(["databases", "caches", "file systems", "buckets", "keys", "secrets"])}) unless the pull request carries the ${code("allow-destroy")} label.`,
  );
}
