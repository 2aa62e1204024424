import { dbDimensionName } from "../core/inventory";
import { serviceThreshold, threshold as t, ThresholdName } from "./thresholds";

export type Severity = "warning" | "critical";

/**
 * What a period with no datapoint means, per alarm:
 * - `notBreaching` for traffic metrics (5xx counts, latency, error rate, evictions): they are
 *   only published when there are requests or events, so no data means nothing went wrong;
 * - `missing` for utilisation metrics (CPU, memory, connections, storage): no data means the
 *   resource is not running, which the running-task alarm or the resource's own events report,
 *   so the alarm shows INSUFFICIENT_DATA instead of paging twice or claiming OK;
 * - `breaching` where silence is the failure: running tasks (Container Insights stops reporting
 *   a service with no tasks) and replica lag (a replica that stopped replicating).
 */
export type MissingData = "missing" | "notBreaching" | "breaching";

export interface MetricRef {
  readonly namespace: string;
  readonly metric: string;
  /** A statistic (`Average`, `Sum`, …) or a percentile (`p95`). */
  readonly stat: string;
  /** HCL object of the dimensions, over `each.value`. */
  readonly dimensions: string;
  /** How the README names the metric when `metric` is an expression. */
  readonly doc?: string;
}

export type AlarmSource =
  | { readonly kind: "metric"; readonly metric: MetricRef }
  /** Metric math over named metrics: `expression` refers to the keys of `metrics`. */
  | {
      readonly kind: "math";
      readonly expression: string;
      readonly label: string;
      readonly metrics: Readonly<Record<string, MetricRef>>;
    }
  /** One metric per cache member cluster, folded into one series by `fn`. */
  | {
      readonly kind: "members";
      readonly fn: "MAX" | "SUM";
      readonly label: string;
      readonly metric: Omit<MetricRef, "dimensions">;
    };

export interface AlarmDefinition {
  /** Terraform name: `aws_cloudwatch_metric_alarm.<id>`. */
  readonly id: string;
  /** HCL map the alarm is repeated over; its keys are the instance keys. */
  readonly over: string;
  /** Alarm name between `<var.name>-` and `-<severity>`; an HCL template over `each`. */
  readonly subject: string;
  readonly severity: Severity;
  /** What fired and what to do; an HCL template over `each` and `var.thresholds`. */
  readonly description: string;
  readonly comparison: "GreaterThanThreshold" | "LessThanThreshold";
  /** HCL number, in the metric's unit. */
  readonly threshold: string;
  readonly missingData: MissingData;
  readonly source: AlarmSource;
  /**
   * HCL over `k` (the instance key) giving the ECS service the alarm watches, for
   * `alarm_names_by_service`. Only set on alarms that should roll a deployment back.
   */
  readonly service?: string;
  /** HCL period in seconds. Default: `thresholds.period_seconds`. */
  readonly period?: string;
  /** HCL evaluation periods and datapoints to alarm. Default: the thresholds'. */
  readonly evaluationPeriods?: string;
  readonly datapointsToAlarm?: string;
  /**
   * Whether the alarm notifies its severity's topic. Default true; false for the window
   * alarms a composite alarm combines (the composite notifies, once).
   */
  readonly notify?: boolean;
  /**
   * Created in us-east-1 through `aws.us_east_1`, where CloudFront's metrics are, and notifying
   * the topic there (alarms publish only to topics of their own Region). Default false.
   */
  readonly edge?: boolean;
}

const WINDOW =
  "in ${var.thresholds.datapoints_to_alarm} of ${var.thresholds.evaluation_periods} periods of ${var.thresholds.period_seconds} s";

/**
 * A warning and a critical alarm (`<id>_warning`, `<id>_critical`) from one definition.
 * Warnings never feed deployment rollback: only the critical twin keeps `service`.
 */
function bothLevels(
  id: string,
  define: (level: Severity) => Omit<AlarmDefinition, "id" | "severity">,
): AlarmDefinition[] {
  return (["warning", "critical"] as const).map((severity) => {
    const { service, ...rest } = define(severity);
    return {
      id: `${id}_${severity}`,
      severity,
      ...rest,
      ...(severity === "critical" && service ? { service } : {}),
    };
  });
}

const interpolate = (hcl: string) => `\${${hcl}}`;

/** Thresholds of ECS alarms (over `var.ecs_services`) and of target-group alarms (the target group's key is the service's). */
const forService = (name: ThresholdName) => serviceThreshold(name, "each.key");
const forTargetGroup = (name: ThresholdName) => serviceThreshold(name, "each.value.name");

const ALB = "AWS/ApplicationELB";
const lbDimensions = "{ LoadBalancer = each.value.arn_suffix }";
const tgDimensions =
  "{ LoadBalancer = each.value.load_balancer, TargetGroup = each.value.target_group }";
const TG = "target group ${each.value.name} of ALB ${each.value.alb}";
const tgService = 'split("/", k)[1]';
const tgMetric = (metric: string, stat: string): MetricRef => ({
  namespace: ALB,
  metric,
  stat,
  dimensions: tgDimensions,
});

const albAlarms: AlarmDefinition[] = [
  {
    id: "alb_elb_5xx",
    over: "var.albs",
    subject: "alb-${each.key}-elb-5xx",
    severity: "critical",
    description: `ALB \${each.key} itself returned more than \${var.thresholds.http_5xx_count} 5xx responses per period ${WINDOW}. 503 means no healthy target, 502/504 targets resetting or timing out: check the unhealthy-host alarms of its target groups, then the services' last deployment and logs.`,
    comparison: "GreaterThanThreshold",
    threshold: t("http_5xx_count"),
    missingData: "notBreaching",
    source: {
      kind: "metric",
      metric: {
        namespace: ALB,
        metric: "HTTPCode_ELB_5XX_Count",
        stat: "Sum",
        dimensions: lbDimensions,
      },
    },
  },
  {
    id: "alb_target_5xx",
    over: "local.target_groups",
    subject: "alb-${each.key}-target-5xx",
    severity: "critical",
    description: `The targets of ${TG} answered more than ${interpolate(forTargetGroup("http_5xx_count"))} 5xx responses per period ${WINDOW}. The service itself is failing: read its logs and compare with its last deployment; roll back if the errors started with it.`,
    comparison: "GreaterThanThreshold",
    threshold: forTargetGroup("http_5xx_count"),
    missingData: "notBreaching",
    source: {
      kind: "metric",
      metric: {
        namespace: ALB,
        metric: "HTTPCode_Target_5XX_Count",
        stat: "Sum",
        dimensions: tgDimensions,
      },
    },
    service: tgService,
  },
  ...bothLevels("alb_target_5xx_rate", (severity) => ({
    over: "local.target_groups",
    subject: "alb-${each.key}-target-5xx-rate",
    description: `The targets of ${TG} answered more than ${interpolate(forTargetGroup(`error_rate_${severity}_percent`))}% of its requests with 5xx ${WINDOW}. A share, so it fires on a quiet service as on a busy one: read the service's logs and compare with its last deployment; roll back if the errors started with it.`,
    comparison: "GreaterThanThreshold",
    threshold: forTargetGroup(`error_rate_${severity}_percent`),
    missingData: "notBreaching",
    source: {
      kind: "math",
      // No 5xx datapoint in a period means none were answered; no request means no rate.
      expression: "IF(requests > 0, FILL(errors, 0) / requests * 100, 0)",
      label: "Target 5xx share of requests (%)",
      metrics: {
        errors: tgMetric("HTTPCode_Target_5XX_Count", "Sum"),
        requests: tgMetric("RequestCount", "Sum"),
      },
    },
    service: tgService,
  })),
  ...bothLevels("alb_latency_p95", (severity) => ({
    over: "local.target_groups",
    subject: "alb-${each.key}-p95",
    description: `p95 response time of ${TG} above ${interpolate(forTargetGroup(`latency_${severity}_ms`))} ms ${WINDOW} (SLO: p95 under ${interpolate(forTargetGroup("latency_warning_ms"))} ms). Check the service's CPU and memory and its dependencies (database, cache, downstream calls); scale out if it is saturated.`,
    comparison: "GreaterThanThreshold",
    // TargetResponseTime is in seconds.
    threshold: `${forTargetGroup(`latency_${severity}_ms`)} / 1000`,
    missingData: "notBreaching",
    source: {
      kind: "metric",
      metric: {
        namespace: ALB,
        metric: "TargetResponseTime",
        stat: "p95",
        dimensions: tgDimensions,
      },
    },
    service: tgService,
  })),
  {
    id: "alb_latency_p99",
    over: "local.target_groups",
    subject: "alb-${each.key}-p99",
    severity: "warning",
    description: `p99 response time of ${TG} above ${interpolate(forTargetGroup("latency_p99_ms"))} ms ${WINDOW}: a slow tail (one slow endpoint, lock waits, cold caches). Find the slowest requests in the ALB access logs or traces.`,
    comparison: "GreaterThanThreshold",
    threshold: `${forTargetGroup("latency_p99_ms")} / 1000`,
    missingData: "notBreaching",
    source: {
      kind: "metric",
      metric: {
        namespace: ALB,
        metric: "TargetResponseTime",
        stat: "p99",
        dimensions: tgDimensions,
      },
    },
  },
  {
    id: "alb_unhealthy_hosts",
    over: "local.target_groups",
    subject: "alb-${each.key}-unhealthy-hosts",
    severity: "critical",
    description: `More than ${interpolate(forTargetGroup("unhealthy_hosts"))} unhealthy targets in ${TG} ${WINDOW}. Tasks fail the health check: read the ECS service events and stopped-task reasons, check the health-check path and the container logs.`,
    comparison: "GreaterThanThreshold",
    threshold: forTargetGroup("unhealthy_hosts"),
    // Published every minute while the target group is attached to a listener, 0 included.
    missingData: "notBreaching",
    source: {
      kind: "metric",
      metric: {
        namespace: ALB,
        metric: "UnHealthyHostCount",
        stat: "Maximum",
        dimensions: tgDimensions,
      },
    },
    service: tgService,
  },
];

const ecsDimensions =
  "{ ClusterName = each.value.cluster_name, ServiceName = each.value.service_name }";
const SERVICE = "ECS service ${each.value.service_name} (cluster ${each.value.cluster_name})";

const ecsAlarms: AlarmDefinition[] = [
  ...bothLevels("ecs_cpu", (severity) => ({
    over: "var.ecs_services",
    subject: "ecs-${each.key}-cpu",
    description: `${SERVICE}: average CPU above ${interpolate(forService(`ecs_cpu_${severity}_percent`))}% ${WINDOW}. Check traffic and autoscaling (is it at its maximum task count?); raise the maximum or the task CPU, or look for a hot loop in the logs.`,
    comparison: "GreaterThanThreshold",
    threshold: forService(`ecs_cpu_${severity}_percent`),
    missingData: "missing",
    source: {
      kind: "metric",
      metric: {
        namespace: "AWS/ECS",
        metric: "CPUUtilization",
        stat: "Average",
        dimensions: ecsDimensions,
      },
    },
    service: "k",
  })),
  ...bothLevels("ecs_memory", (severity) => ({
    over: "var.ecs_services",
    subject: "ecs-${each.key}-memory",
    description: `${SERVICE}: average memory above ${interpolate(forService(`ecs_memory_${severity}_percent`))}% ${WINDOW}. Tasks are killed at 100% (OutOfMemory in the stopped-task reason): look for a leak since the last deployment, or raise the task memory.`,
    comparison: "GreaterThanThreshold",
    threshold: forService(`ecs_memory_${severity}_percent`),
    missingData: "missing",
    source: {
      kind: "metric",
      metric: {
        namespace: "AWS/ECS",
        metric: "MemoryUtilization",
        stat: "Average",
        dimensions: ecsDimensions,
      },
    },
    service: "k",
  })),
  {
    id: "ecs_running_tasks",
    over: "{ for k, s in var.ecs_services : k => s if s.min_running > 0 }",
    subject: "ecs-${each.key}-running-tasks",
    severity: "critical",
    description: `${SERVICE}: fewer than \${each.value.min_running} running tasks ${WINDOW}. Tasks fail to start or keep crashing: read the service events and stopped-task reasons (image pull, secrets, health check, Spot interruption).`,
    comparison: "LessThanThreshold",
    threshold: "each.value.min_running",
    missingData: "breaching",
    source: {
      kind: "metric",
      metric: {
        namespace: "ECS/ContainerInsights",
        metric: "RunningTaskCount",
        stat: "Minimum",
        dimensions: ecsDimensions,
      },
    },
    service: "k",
  },
];

const apiDimensions = "{ ApiId = each.value.api_id, Stage = each.value.stage }";
const API = "API ${each.key} (${each.value.api_id}, stage ${each.value.stage})";
const apiMetric = (metric: string, stat: string): MetricRef => ({
  namespace: "AWS/ApiGateway",
  metric,
  stat,
  dimensions: apiDimensions,
});

const apiAlarms: AlarmDefinition[] = [
  ...bothLevels("api_5xx_rate", (severity) => ({
    over: "var.apis",
    subject: "api-${each.key}-5xx-rate",
    description: `${API}: more than \${var.thresholds.error_rate_${severity}_percent}% of requests answered 5xx ${WINDOW}. Check the integration (VPC link, internal ALB) and the 5xx and unhealthy-host alarms of the services behind it.`,
    comparison: "GreaterThanThreshold",
    threshold: t(`error_rate_${severity}_percent`),
    missingData: "notBreaching",
    source: {
      kind: "math",
      // Without requests there is no rate: 0, not a division by zero.
      expression: "IF(requests > 0, errors / requests * 100, 0)",
      label: "5xx share of requests (%)",
      metrics: { errors: apiMetric("5xx", "Sum"), requests: apiMetric("Count", "Sum") },
    },
  })),
  ...bothLevels("api_latency_p95", (severity) => ({
    over: "var.apis",
    subject: "api-${each.key}-p95",
    description: `${API}: p95 latency above \${var.thresholds.latency_${severity}_ms} ms ${WINDOW} (SLO: p95 under \${var.thresholds.latency_warning_ms} ms). If IntegrationLatency is high too the backends are slow (see their ALB latency alarms); otherwise check authorizers and throttling.`,
    comparison: "GreaterThanThreshold",
    threshold: t(`latency_${severity}_ms`),
    missingData: "notBreaching",
    source: { kind: "metric", metric: apiMetric("Latency", "p95") },
  })),
];

const dbDimensions = `{ ${dbDimensionName("each.value")} = each.value.identifier }`;
const DB = "Database ${each.key} (${each.value.identifier})";
const rdsMetric = (metric: string, stat: string): MetricRef => ({
  namespace: "AWS/RDS",
  metric,
  stat,
  dimensions: dbDimensions,
});
const freeStorageGb =
  "(each.value.allocated_storage_gb == null ? var.thresholds.db_free_storage_gb : each.value.allocated_storage_gb * var.thresholds.db_free_storage_percent / 100)";

const dbAlarms: AlarmDefinition[] = [
  // Maximum: for a cluster, the busiest instance; for an instance, its one datapoint per minute.
  ...bothLevels("db_cpu", (severity) => ({
    over: "var.databases",
    subject: "db-${each.key}-cpu",
    description: `${DB}: CPU above \${var.thresholds.db_cpu_${severity}_percent}% ${WINDOW}. Find the expensive queries (Performance Insights, slow query log) and recent deployments; scale the instance class or move reads to replicas.`,
    comparison: "GreaterThanThreshold",
    threshold: t(`db_cpu_${severity}_percent`),
    missingData: "missing",
    source: { kind: "metric", metric: rdsMetric("CPUUtilization", "Maximum") },
  })),
  ...bothLevels("db_connections", (severity) => ({
    over: "var.databases",
    subject: "db-${each.key}-connections",
    description: `${DB}: more than \${var.thresholds.db_connections_${severity}_percent}% of its \${each.value.max_connections} connections in use ${WINDOW}. Check for connection leaks and pool size x task count (scaling out multiplies pools); add RDS Proxy or raise max_connections.`,
    comparison: "GreaterThanThreshold",
    threshold: `each.value.max_connections * ${t(`db_connections_${severity}_percent`)} / 100`,
    missingData: "missing",
    source: { kind: "metric", metric: rdsMetric("DatabaseConnections", "Maximum") },
  })),
  {
    id: "db_free_storage",
    // Aurora storage grows by itself; only instances can fill up.
    over: '{ for k, d in var.databases : k => d if d.kind == "instance" }',
    subject: "db-${each.key}-free-storage",
    severity: "critical",
    description: `${DB}: free storage below ${interpolate(`format("%.1f", ${freeStorageGb})`)} GB ${WINDOW}. A full instance stops accepting writes: raise the allocated or autoscaling maximum storage, and look for runaway tables, temp files or logs.`,
    comparison: "LessThanThreshold",
    threshold: `${freeStorageGb} * 1073741824`,
    missingData: "missing",
    source: { kind: "metric", metric: rdsMetric("FreeStorageSpace", "Minimum") },
  },
  {
    id: "db_freeable_memory",
    over: "var.databases",
    subject: "db-${each.key}-freeable-memory",
    severity: "warning",
    description: `${DB}: freeable memory below \${var.thresholds.db_freeable_memory_mb} MB ${WINDOW}. The buffer cache is squeezed and swapping follows: look for memory-hungry queries or too many connections, or move to a larger instance class.`,
    comparison: "LessThanThreshold",
    threshold: `${t("db_freeable_memory_mb")} * 1048576`,
    missingData: "missing",
    source: { kind: "metric", metric: rdsMetric("FreeableMemory", "Minimum") },
  },
  {
    id: "db_replica_lag",
    over: "local.replica_lag",
    subject: "db-${each.key}-replica-lag",
    severity: "warning",
    description:
      "Replication lag of ${each.value.replica} (database ${each.value.database}) above ${var.thresholds.db_replica_lag_seconds} s " +
      `${WINDOW}. Reads from replicas return stale data: check the write load and long transactions on the primary, and that the replica is as large as the primary.`,
    comparison: "GreaterThanThreshold",
    threshold: `${t("db_replica_lag_seconds")} * each.value.unit_per_second`,
    missingData: "breaching",
    source: {
      kind: "metric",
      metric: {
        namespace: "AWS/RDS",
        metric: "${each.value.metric}",
        doc: "`AuroraReplicaLag` (cluster, ms) or `ReplicaLag` (instance replica, s)",
        stat: "Maximum",
        dimensions: "{ (each.value.dimension) = each.value.replica }",
      },
    },
  },
];

const CACHE = "ElastiCache ${each.key} (${each.value.replication_group_id})";
const cacheMetric = (metric: string, stat: string) => ({
  namespace: "AWS/ElastiCache",
  metric,
  stat,
});

const cacheAlarms: AlarmDefinition[] = [
  ...bothLevels("cache_cpu", (severity) => ({
    over: "var.caches",
    subject: "cache-${each.key}-cpu",
    description: `${CACHE}: engine CPU of its busiest node above \${var.thresholds.cache_cpu_${severity}_percent}% ${WINDOW}. Commands run on one thread: look for slow commands (SLOWLOG: KEYS, large values, Lua) or scale up or out.`,
    comparison: "GreaterThanThreshold",
    threshold: t(`cache_cpu_${severity}_percent`),
    missingData: "missing",
    source: {
      kind: "members",
      fn: "MAX",
      label: "Busiest node engine CPU (%)",
      metric: cacheMetric("EngineCPUUtilization", "Average"),
    },
  })),
  ...bothLevels("cache_memory", (severity) => ({
    over: "var.caches",
    subject: "cache-${each.key}-memory",
    description: `${CACHE}: memory of its fullest node above \${var.thresholds.cache_memory_${severity}_percent}% of maxmemory ${WINDOW}. Keys are evicted next (or writes refused under noeviction): check TTLs and key growth, or move to a larger node type.`,
    comparison: "GreaterThanThreshold",
    threshold: t(`cache_memory_${severity}_percent`),
    missingData: "missing",
    source: {
      kind: "members",
      fn: "MAX",
      label: "Fullest node memory (%)",
      metric: cacheMetric("DatabaseMemoryUsagePercentage", "Maximum"),
    },
  })),
  {
    id: "cache_evictions",
    over: "var.caches",
    subject: "cache-${each.key}-evictions",
    severity: "warning",
    description: `${CACHE}: more than \${var.thresholds.cache_evictions} keys evicted per period across its nodes ${WINDOW}. The working set no longer fits and cached data or sessions are dropped: add memory or shorten TTLs.`,
    comparison: "GreaterThanThreshold",
    threshold: t("cache_evictions"),
    missingData: "notBreaching",
    source: {
      kind: "members",
      fn: "SUM",
      label: "Evicted keys, all nodes",
      metric: cacheMetric("Evictions", "Sum"),
    },
  },
];

const webAcls = (scope: string) => `{ for k, w in var.web_acls : k => w if w.scope == "${scope}" }`;
const wafAlarm = (scope: "REGIONAL" | "CLOUDFRONT"): Omit<AlarmDefinition, "id"> => ({
  over: webAcls(scope),
  subject: "waf-${each.key}-blocked",
  severity: "warning",
  description: `More than ${interpolate(t("waf_blocked_requests"))} requests blocked by web ACL \${each.key} ${WINDOW}: an attack, or a rule turning real users away. Read the ACL's sampled requests and its aws-waf-logs-\${each.key} log group for the rule and the clients; a managed rule that blocks real traffic can be set to count.`,
  comparison: "GreaterThanThreshold",
  threshold: t("waf_blocked_requests"),
  missingData: "notBreaching",
  source: {
    kind: "metric",
    metric: {
      namespace: "AWS/WAFV2",
      metric: "BlockedRequests",
      stat: "Sum",
      // CLOUDFRONT metrics have no Region dimension.
      dimensions:
        scope === "REGIONAL"
          ? '{ WebACL = each.key, Rule = "ALL", Region = data.aws_region.current.id }'
          : '{ WebACL = each.key, Rule = "ALL" }',
    },
  },
});

/** Blocked-request spikes of the environment's web ACLs, each where its metrics are. */
const wafAlarms: AlarmDefinition[] = [
  { id: "waf_blocked_requests", ...wafAlarm("REGIONAL") },
  { id: "waf_blocked_requests_edge", ...wafAlarm("CLOUDFRONT"), edge: true },
];

/** Every alarm kind of the module, in address order of the README. */
export const ALARMS: readonly AlarmDefinition[] = [
  ...albAlarms,
  ...wafAlarms,
  ...ecsAlarms,
  ...apiAlarms,
  ...dbAlarms,
  ...cacheAlarms,
];

/**
 * Where replication lag is reported, keyed `<database>` for clusters (every reader reports
 * `AuroraReplicaLag`, in ms; the cluster dimension with Maximum gives the worst reader) and
 * `<database>/<replica>` for instances (each read replica reports `ReplicaLag`, in seconds;
 * the primary reports nothing).
 */
export const REPLICA_LAG_LOCAL =
  "merge(" +
  '{ for k, d in var.databases : k => { database = k, replica = d.identifier, metric = "AuroraReplicaLag", dimension = "DBClusterIdentifier", unit_per_second = 1000 } if d.kind == "cluster" && d.has_replicas }, ' +
  '{ for r in flatten([for k, d in var.databases : [for replica in d.replica_identifiers : { key = format("%s/%s", k, replica), database = k, replica = replica }] if d.kind == "instance" && d.has_replicas]) : r.key => { database = r.database, replica = r.replica, metric = "ReplicaLag", dimension = "DBInstanceIdentifier", unit_per_second = 1 } }' +
  ")";
