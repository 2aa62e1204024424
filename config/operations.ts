import { THRESHOLDS } from "../constructs/monitoring/thresholds";
import { ConfigError, failInto } from "./errors";
import type { EnvironmentSettings } from "./schema";

/** AWS Backup keeps recovery points for at most 100 years. */
const MAX_BACKUP_DAYS = 36500;
/** What a month and a week count as when retention periods are compared. */
export const DAYS_PER_MONTH = 30;

/** Checks on alarms, budget and backups that no single field can express. */
export function checkOperations(
  env: string,
  settings: EnvironmentSettings,
  errors: ConfigError[],
): void {
  const fail = failInto(errors, env);
  const { monitoring, budget, backup } = settings;

  for (const [name, value] of Object.entries(monitoring.thresholds ?? {})) {
    const path = `monitoring.thresholds.${name}`;
    if (!(name in THRESHOLDS)) {
      fail(path, value, `unknown threshold; known: ${Object.keys(THRESHOLDS).join(", ")}`);
    } else if (name.endsWith("_percent") && (value < 0 || value > 100)) {
      fail(path, value, "is a percentage: must be between 0 and 100");
    } else if (name.endsWith("_ms") && value <= 0) {
      fail(path, value, "is a latency: must be a positive number of milliseconds");
    } else if (value < 0) {
      fail(path, value, "must not be negative");
    }
  }

  if (budget.monthlyLimitUsd !== undefined) {
    if (budget.monthlyLimitUsd <= 0)
      fail("budget.monthlyLimitUsd", budget.monthlyLimitUsd, "must be a positive amount of USD");
    if ((budget.emails ?? monitoring.alarmEmails).length === 0) {
      fail(
        "budget.emails",
        budget.emails,
        "a budget needs someone to notify: set budget.emails or monitoring.alarmEmails",
      );
    }
  }

  if (backup.enabled) {
    const daily = backup.dailyRetentionDays;
    const weekly = backup.weeklyRetentionWeeks * 7;
    const monthly = backup.monthlyRetentionMonths * DAYS_PER_MONTH;
    const inLimits = (path: string, value: number, days: number) => {
      if (value < 1 || days > MAX_BACKUP_DAYS)
        fail(
          path,
          value,
          `must keep recovery points between 1 day and ${MAX_BACKUP_DAYS} days (AWS Backup's limit)`,
        );
    };
    inLimits("backup.dailyRetentionDays", daily, daily);
    inLimits("backup.weeklyRetentionWeeks", backup.weeklyRetentionWeeks, weekly);
    inLimits("backup.monthlyRetentionMonths", backup.monthlyRetentionMonths, monthly);
    if (weekly < daily)
      fail(
        "backup.weeklyRetentionWeeks",
        backup.weeklyRetentionWeeks,
        `keeps weekly points ${weekly} days, shorter than the daily ones (${daily} days)`,
      );
    if (monthly < weekly)
      fail(
        "backup.monthlyRetentionMonths",
        backup.monthlyRetentionMonths,
        `keeps monthly points ~${monthly} days, shorter than the weekly ones (${weekly} days)`,
      );
    const drRegion = backup.drVaultArn?.split(":")[3];
    if (drRegion === settings.region) {
      fail(
        "backup.drVaultArn",
        backup.drVaultArn,
        `is in ${settings.region}, the environment's own region; a DR copy must go to another region`,
      );
    }
  }
}
