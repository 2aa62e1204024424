import { Fn, Token } from "cdktf";
import { AuditModule } from "../constructs/audit";
import { BackupModule } from "../constructs/backup";
import { BudgetModule } from "../constructs/budget";
import { DashboardModule } from "../constructs/dashboard";
import { ENGINE_TRAITS } from "../constructs/database/engines";
import { MonitoringModule } from "../constructs/monitoring";
import { replicaNames } from "../config/data-stores";
import { watchedWebAcl } from "../config/edge";
import type { Database } from "../config/schema";
import type { ComputePart } from "./compute";
import type { EnvironmentContext } from "./context";
import { BACKUP_TAG, type DataPart } from "./data-stores";
import type { EdgePart } from "./edge";
import type { EntryPart } from "./entry";
import type { HostsPart } from "./hosts";

/** The operations part's contract. */
export interface OperationsPart {
  readonly monitoring: MonitoringModule;
  /** Critical alarms of a service, for its deployment's automatic rollback. */
  rollbackAlarms(service: string): string[];
}

export interface OperationsNeeds {
  readonly data: DataPart;
  readonly entry: EntryPart;
  /** The edge, when configured: its web ACL is drawn on the security dashboard. */
  readonly edge?: EdgePart;
  readonly compute: ComputePart;
  /** Auto Scaling tiers own their target groups; they are alarmed like the ALB's own. */
  readonly hosts: HostsPart;
}

/**
 * Production readiness out of the box: an alarm set and a dashboard derived from what the
 * environment contains, CloudTrail, a cost budget and backups, each switched by the profile.
 * The inventory keys are config names, so adding a service adds its alarms and widgets
 * without touching the addresses of the others.
 */
export function addOperations(ctx: EnvironmentContext, needs: OperationsNeeds): OperationsPart {
  const env = ctx.environment;
  const { settings } = env;
  const prefix = ctx.namePrefix;
  const { data, entry, compute, hosts } = needs;
  const alb = entry.loadBalancer?.call;
  const tierTargetGroups = Object.fromEntries(
    [...hosts.appTiers].map(([name, tier]) => [name, tier.outputs.target_group_arn_suffix]),
  );

  const inventory = {
    // Alarm and widget names say which load balancer it is: the internal one behind the API,
    // or the public one.
    albs: alb
      ? {
          [entry.kind === "api-gateway" ? "internal" : "public"]: {
            arn_suffix: alb.outputs.arn_suffix,
            // Merged only when there are tiers, so other roots keep their bytes.
            target_groups:
              hosts.appTiers.size > 0
                ? Fn.merge([alb.outputs.target_group_arn_suffixes, tierTargetGroups])
                : alb.outputs.target_group_arn_suffixes,
          },
        }
      : ({} as Record<string, never>),
    // Service names come from the config, not from the service modules' outputs: the services
    // take their rollback alarms from this module, and an output would make that a cycle.
    ecs_services: Object.fromEntries(
      (settings.services ?? []).map((s) => [
        s.name,
        {
          cluster_name: compute.cluster!.outputs.cluster_name,
          service_name: `${prefix}-${s.name}`,
          min_running: s.minCount,
        },
      ]),
    ),
    apis: entry.api
      ? { public: { api_id: entry.api.outputs.api_id } }
      : ({} as Record<string, never>),
    databases: Object.fromEntries(
      [...data.databases].map(([name, { call, config: db }]) => {
        const aurora = ENGINE_TRAITS[db.engine].aurora;
        return [
          name,
          {
            identifier: call.outputs.identifier,
            kind: aurora ? "cluster" : "instance",
            max_connections: db.maxConnections ?? estimatedMaxConnections(db),
            has_replicas: aurora ? db.readers > 0 : replicaNames(db).length > 0,
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
      [...data.caches].map(([name, { call }]) => [
        name,
        {
          replication_group_id: call.outputs.replication_group_id,
          member_clusters: call.outputs.member_clusters,
        },
      ]),
    ),
  };

  const observed = settings.monitoring;
  const webAcl = watchedWebAcl(settings, prefix);
  const monitoring = new MonitoringModule(ctx.scope, "monitoring", {
    source: ctx.moduleSource("monitoring"),
    // CLOUDFRONT web ACLs alarm in us-east-1.
    providers: ctx.providers,
    inputs: {
      name: prefix,
      account_id: settings.accountId,
      alarm_emails: observed.alarmEmails,
      enabled: observed.notificationsEnabled,
      critical_endpoints: observed.criticalEndpoints ?? {},
      thresholds: observed.thresholds ?? {},
      service_thresholds: observed.serviceThresholds ?? {},
      slo: observed.slo
        ? {
            availability_percent: observed.slo.availabilityPercent,
            latency_p95_ms: observed.slo.latencyP95Ms ?? null,
          }
        : null,
      ...inventory,
      web_acls: webAcl ? { [webAcl.metricName]: { scope: webAcl.scope } } : {},
    },
  });

  const audit = settings.audit.enabled
    ? new AuditModule(ctx.scope, "audit", {
        source: ctx.moduleSource("audit"),
        inputs: {
          name: prefix,
          account_id: settings.accountId,
          bucket_name: `${prefix}-cloudtrail-${settings.accountId}`,
          retention_days: settings.audit.retentionDays,
          log_retention_days: settings.audit.logRetentionDays,
        },
      })
    : undefined;

  const { businessMetrics } = observed;
  new DashboardModule(ctx.scope, "dashboard", {
    source: ctx.moduleSource("dashboard"),
    inputs: {
      name: prefix,
      region: settings.region,
      alarm_arns: Fn.values(monitoring.outputs.alarm_arns),
      ...inventory,
      api_access_log_groups: entry.api ? { public: entry.api.outputs.log_group_name } : {},
      cloudtrail_log_group_name: audit?.outputs.log_group_name ?? null,
      waf_web_acl: webAcl ? { metric_name: webAcl.metricName, scope: webAcl.scope } : null,
      business_metrics: businessMetrics
        ? {
            namespace: businessMetrics.namespace,
            metrics: businessMetrics.metrics.map((m) => ({
              name: m.name,
              label: m.label,
              stat: m.stat ?? "Sum",
              dimensions: m.dimensions ?? {},
            })),
          }
        : null,
    },
  });

  const { budget } = settings;
  if (budget.monthlyLimitUsd !== undefined) {
    new BudgetModule(ctx.scope, "budget", {
      source: ctx.moduleSource("budget"),
      inputs: {
        name: prefix,
        monthly_limit_usd: budget.monthlyLimitUsd,
        notification_emails: budget.emails ?? settings.monitoring.alarmEmails,
        daily_limit_usd: budget.dailyLimitUsd ?? null,
        anomaly_threshold_usd: budget.anomalyThresholdUsd ?? null,
        cost_filter_tags: { Environment: env.name },
      },
    });
  }

  const { backup } = settings;
  if (backup.enabled) {
    new BackupModule(ctx.scope, "backup", {
      source: ctx.moduleSource("backup"),
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
