import { Fn, Token } from "cdktf";
import { AuditModule } from "../constructs/audit";
import { BackupModule } from "../constructs/backup";
import { BudgetModule } from "../constructs/budget";
import { DashboardModule } from "../constructs/dashboard";
import { ENGINE_TRAITS } from "../constructs/database/engines";
import { MonitoringModule } from "../constructs/monitoring";
import type { Database } from "../config/schema";
import { BACKUP_TAG, type DataStores } from "./data-stores";
import type { EnvironmentStack } from "./environment-stack";
import type { PrivateApi } from "./private-api";

/**
 * Production readiness out of the box: an alarm set and a dashboard derived from what the
 * environment contains, CloudTrail, a cost budget and backups, each switched by the profile.
 * The inventory keys are config names, so adding a service adds its alarms and widgets
 * without touching the addresses of the others.
 */
export function addOperations(
  stack: EnvironmentStack,
  data: DataStores,
  api: PrivateApi | undefined,
) {
  const env = stack.environment;
  const { settings } = env;
  const prefix = stack.namePrefix;

  const inventory = {
    albs: api
      ? {
          internal: {
            arn_suffix: api.alb.outputs.arn_suffix,
            target_groups: api.alb.outputs.target_group_arn_suffixes,
          },
        }
      : ({} as Record<string, never>),
    // Service names come from the config, not from the service modules' outputs: the services
    // take their rollback alarms from this module, and an output would make that a cycle.
    ecs_services: Object.fromEntries(
      (settings.services ?? []).map((s) => [
        s.name,
        {
          cluster_name: api!.cluster.outputs.cluster_name,
          service_name: `${prefix}-${s.name}`,
          min_running: s.minCount,
        },
      ]),
    ),
    apis: api?.api ? { public: { api_id: api.api.outputs.api_id } } : ({} as Record<string, never>),
    databases: Object.fromEntries(
      [...data.databases].map(([name, call]) => {
        const db = settings.databases![name]!;
        const aurora = ENGINE_TRAITS[db.engine].aurora;
        return [
          name,
          {
            identifier: call.outputs.identifier,
            kind: aurora ? "cluster" : "instance",
            max_connections: db.maxConnections ?? estimatedMaxConnections(db),
            has_replicas: aurora ? db.readers > 0 : db.readReplicas > 0,
            ...(aurora
              ? {}
              : {
                  allocated_storage_gb: db.allocatedStorage,
                  replica_identifiers: call.outputs.replica_identifiers,
                }),
          },
        ];
      }),
    ),
    caches: Object.fromEntries(
      [...data.caches].map(([name, call]) => [
        name,
        {
          replication_group_id: call.outputs.replication_group_id,
          member_clusters: call.outputs.member_clusters,
        },
      ]),
    ),
  };

  const monitoring = new MonitoringModule(stack, "monitoring", {
    source: stack.moduleSource("monitoring"),
    inputs: {
      name: prefix,
      account_id: settings.accountId,
      alarm_emails: settings.monitoring.alarmEmails,
      enabled: settings.monitoring.notificationsEnabled,
      thresholds: settings.monitoring.thresholds ?? {},
      ...inventory,
    },
  });

  new DashboardModule(stack, "dashboard", {
    source: stack.moduleSource("dashboard"),
    inputs: {
      name: prefix,
      region: settings.region,
      alarm_arns: Fn.values(monitoring.outputs.alarm_arns),
      ...inventory,
    },
  });

  if (settings.audit.enabled) {
    new AuditModule(stack, "audit", {
      source: stack.moduleSource("audit"),
      inputs: {
        name: prefix,
        account_id: settings.accountId,
        bucket_name: `${prefix}-cloudtrail-${settings.accountId}`,
        retention_days: settings.audit.retentionDays,
        log_retention_days: settings.logRetentionDays,
      },
    });
  }

  const { budget } = settings;
  if (budget.monthlyLimitUsd !== undefined) {
    new BudgetModule(stack, "budget", {
      source: stack.moduleSource("budget"),
      inputs: {
        name: prefix,
        monthly_limit_usd: budget.monthlyLimitUsd,
        notification_emails: budget.emails ?? settings.monitoring.alarmEmails,
        cost_filter_tags: { Environment: env.name },
      },
    });
  }

  const { backup } = settings;
  if (backup.enabled) {
    new BackupModule(stack, "backup", {
      source: stack.moduleSource("backup"),
      inputs: {
        name: prefix,
        account_id: settings.accountId,
        region: settings.region,
        daily_retention_days: backup.dailyRetentionDays,
        weekly_retention_weeks: backup.weeklyRetentionWeeks,
        monthly_retention_months: backup.monthlyRetentionMonths,
        dr_vault_arn: backup.drVaultArn ?? null,
        selection_tag_key: Object.keys(BACKUP_TAG)[0]!,
        selection_tag_value: Object.values(BACKUP_TAG)[0]!,
      },
    });
  }

  return {
    monitoring,
    /** Critical alarms of a service, for its deployment's automatic rollback. */
    rollbackAlarms: (service: string): string[] =>
      Token.asList(Fn.lookup(monitoring.outputs.alarm_names_by_service, service, [])),
  };
}

/**
 * The engines' default `max_connections` from instance memory (PostgreSQL: memory / 9.5 MB,
 * capped at 5000; MySQL: memory / 12 MB), so the connections alarm is a true percentage.
 * Set `maxConnections` on the database when its parameter group changes the limit.
 */
export function estimatedMaxConnections(db: Database): number {
  const size = /^db\.([a-z]+)\d+[a-z]*\.(\w+)$/.exec(db.instanceClass);
  const family = size?.[1] ?? "t";
  const steps = [
    "micro",
    "small",
    "medium",
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
  ];
  const step = Math.max(0, steps.indexOf(size?.[2] ?? "medium"));
  // t-class micro = 1 GiB and doubles per size; m-class large = 8 GiB; r-class large = 16 GiB.
  const gib =
    family === "r" ? 16 * 2 ** (step - 3) : family === "m" ? 8 * 2 ** (step - 3) : 2 ** step;
  const bytes = Math.max(gib, 1) * 1024 ** 3;
  const perConnection = db.engine.includes("postgres") ? 9531392 : 12582880;
  return Math.min(5000, Math.floor(bytes / perConnection));
}
