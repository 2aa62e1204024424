import {
  criticalTwin,
  SERVICE_THRESHOLDS,
  THRESHOLDS,
  thresholdProblems,
} from "../constructs/monitoring/thresholds";
import type { CheckContext } from "./parsed";

/** AWS Backup keeps recovery points for at most 100 years. */
const MAX_BACKUP_DAYS = 36500;
/** What a month and a week count as when retention periods are compared. */
export const DAYS_PER_MONTH = 30;
/** Shortest audit log retention prod accepts: a year, what most audit regimes ask for. */
export const PROD_AUDIT_DAYS = 365;

/** Checks on alarms, audit, budget and backups that no single field can express. */
export function checkOperations(context: CheckContext): void {
  const { settings, fail } = context;
  const { monitoring, audit, budget, backup } = settings;

  checkThresholds(context);
  for (const [name, { protocol, endpoint }] of Object.entries(
    monitoring?.criticalEndpoints ?? {},
  )) {
    const valid = protocol === "https" ? /^https:\/\/\S+$/.test(endpoint) : E164.test(endpoint);
    if (!valid)
      fail(
        `monitoring.criticalEndpoints.${name}.endpoint`,
        endpoint,
        protocol === "https"
          ? "must be an https:// URL (the paging service's SNS endpoint)"
          : "must be an E.164 phone number such as +46701234567",
      );
  }

  // Audit logs are kept by their own settings, so shortening application logs never shortens
  // them; in prod they keep at least a year.
  if (audit && settings.profile === "prod") {
    const keptAYear = (path: string, days: number) => {
      if (days < PROD_AUDIT_DAYS)
        fail(
          path,
          days,
          `must be at least ${PROD_AUDIT_DAYS} days in prod: audit records are kept for a year or longer`,
        );
    };
    keptAYear("audit.logRetentionDays", audit.logRetentionDays);
    keptAYear("audit.retentionDays", audit.retentionDays);
  }

  for (const field of ["dailyLimitUsd", "anomalyThresholdUsd"] as const) {
    const value = budget?.[field];
    if (value === undefined) continue;
    if (value <= 0) fail(`budget.${field}`, value, "must be a positive amount of USD");
    // The daily budget and the anomaly subscription live in the budget module beside the monthly one.
    if (budget?.monthlyLimitUsd === undefined)
      fail(`budget.${field}`, value, "needs budget.monthlyLimitUsd: set the monthly budget too");
  }

  if (budget?.monthlyLimitUsd !== undefined) {
    if (budget.monthlyLimitUsd <= 0)
      fail("budget.monthlyLimitUsd", budget.monthlyLimitUsd, "must be a positive amount of USD");
    // Without valid monitoring settings the fallback is unknown; its own error says why.
    const recipients = budget.emails ?? monitoring?.alarmEmails;
    if (recipients?.length === 0) {
      fail(
        "budget.emails",
        budget.emails,
        "a budget needs someone to notify: set budget.emails or monitoring.alarmEmails",
      );
    }
  }

  if (backup?.enabled) {
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
    if (drRegion !== undefined && drRegion === settings.region) {
      fail(
        "backup.drVaultArn",
        backup.drVaultArn,
        `is in ${settings.region}, the environment's own region; a DR copy must go to another region`,
      );
    }
  }
}

/** What SNS accepts as an SMS endpoint. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Thresholds by the rules the monitoring module validates (`thresholdProblems`), so a config
 * that passes never fails at plan time: the environment's over the defaults, then each
 * service's over those. A problem is reported on the value the config set: a warning at or
 * above its critical twin on whichever of the two it overrides.
 */
function checkThresholds({ settings, fail, declared }: CheckContext): void {
  const monitoring = settings.monitoring;
  if (!monitoring) return;
  const defaults = Object.fromEntries(
    Object.entries(THRESHOLDS).map(([name, t]) => [name, t.default as number]),
  );
  const report = (path: string, set: Record<string, number>, effective: Record<string, number>) => {
    for (const [name, message] of thresholdProblems(effective)) {
      const blamed = name in set ? name : criticalTwin(name);
      if (blamed in set) fail(`${path}.${blamed}`, set[blamed], message);
    }
  };
  const keep = (values: Record<string, number>, allowed: readonly string[]) =>
    Object.fromEntries(Object.entries(values).filter(([name]) => allowed.includes(name)));

  const own = monitoring.thresholds ?? {};
  const known = Object.keys(THRESHOLDS);
  for (const [name, value] of Object.entries(own))
    if (!known.includes(name))
      fail(`monitoring.thresholds.${name}`, value, `unknown threshold; known: ${known.join(", ")}`);
  const environment = { ...defaults, ...keep(own, known) };
  report("monitoring.thresholds", keep(own, known), environment);

  for (const [service, overrides] of Object.entries(monitoring.serviceThresholds ?? {})) {
    const path = `monitoring.serviceThresholds.${service}`;
    if (!declared.services.has(service))
      fail(
        path,
        overrides,
        `names no service; declared: ${[...declared.services].join(", ") || "(none)"}`,
      );
    for (const [name, value] of Object.entries(overrides))
      if (!SERVICE_THRESHOLDS.includes(name as never))
        fail(
          `${path}.${name}`,
          value,
          `is not a per-service threshold; allowed: ${SERVICE_THRESHOLDS.join(", ")}`,
        );
    const mine = keep(overrides, SERVICE_THRESHOLDS);
    report(path, mine, { ...environment, ...mine });
  }
}
