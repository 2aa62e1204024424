import type { AlarmDefinition, MetricRef, Severity } from "./alarms";

/**
 * Multi-window, multi-burn-rate availability alarms (Google SRE workbook, "Alerting on SLOs"):
 * a burn rate is how many times faster than allowed the error budget (100 % − the target) is
 * spent. Each pair alarms only when both its long window (is it significant?) and its short
 * window (is it still happening?) burn faster than the rate: fast burn pages, slow burn warns.
 * For a 99.9 % target the fast pair fires at 1.44 % errors over 1 h and 5 min (2 % of a 30-day
 * budget in an hour), the slow pair at 0.6 % over 6 h and 30 min (5 % of it in 6 hours).
 */
export const BURN_PAIRS = {
  fast: { severity: "critical", burnRate: 14.4, long: 3600, short: 300 },
  slow: { severity: "warning", burnRate: 6, long: 21600, short: 1800 },
} as const satisfies Record<
  string,
  { severity: Severity; burnRate: number; long: number; short: number }
>;

export type BurnPair = keyof typeof BURN_PAIRS;

/** Where the SLO is measured: the HTTP APIs when the inventory has any, else the ALBs. */
export const SLO_LOCALS = {
  slo_apis: "var.slo == null ? {} : var.apis",
  slo_albs: "var.slo == null || length(var.apis) > 0 ? {} : var.albs",
};

/** What one kind of entry point measures: errors over requests, and its p95 latency. */
interface SloSource {
  readonly kind: "api" | "alb";
  readonly label: string;
  /** Metric math over the metrics below giving the 5xx share in percent. */
  readonly expression: string;
  readonly metrics: Readonly<Record<string, MetricRef>>;
  readonly latency: MetricRef;
  /** Latency metric units per millisecond. */
  readonly latencyPerMs: string;
}

const api = (metric: string, stat: string): MetricRef => ({
  namespace: "AWS/ApiGateway",
  metric,
  stat,
  dimensions: "{ ApiId = each.value.api_id, Stage = each.value.stage }",
});
const alb = (metric: string, stat: string): MetricRef => ({
  namespace: "AWS/ApplicationELB",
  metric,
  stat,
  dimensions: "{ LoadBalancer = each.value.arn_suffix }",
});

export const SLO_SOURCES: readonly SloSource[] = [
  {
    kind: "api",
    label: "API ${each.key} (${each.value.api_id})",
    expression: "IF(requests > 0, FILL(errors, 0) / requests * 100, 0)",
    metrics: { errors: api("5xx", "Sum"), requests: api("Count", "Sum") },
    latency: api("Latency", "p95"),
    latencyPerMs: "1",
  },
  {
    // The load balancer's own 5xx (no healthy target, timeouts) fail users as much as the targets'.
    kind: "alb",
    label: "ALB ${each.key}",
    expression: "IF(requests > 0, (FILL(targets, 0) + FILL(elb, 0)) / requests * 100, 0)",
    metrics: {
      targets: alb("HTTPCode_Target_5XX_Count", "Sum"),
      elb: alb("HTTPCode_ELB_5XX_Count", "Sum"),
      requests: alb("RequestCount", "Sum"),
    },
    latency: alb("TargetResponseTime", "p95"),
    latencyPerMs: "0.001",
  },
];

const over = (source: SloSource) => `local.slo_${source.kind}s`;
const windowName = (seconds: number) =>
  seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds / 60}m`;

/** Terraform name of the window alarm of one entry kind and window: `slo_api_5xx_1h`. */
export const windowAlarmId = (source: SloSource, seconds: number) =>
  `slo_${source.kind}_5xx_${windowName(seconds)}`;

/** The window alarms: one per kind, pair and window; the composite alarms notify. */
export const SLO_WINDOW_ALARMS: readonly AlarmDefinition[] = SLO_SOURCES.flatMap((source) =>
  (Object.entries(BURN_PAIRS) as [BurnPair, (typeof BURN_PAIRS)[BurnPair]][]).flatMap(([pair, p]) =>
    [p.long, p.short].map((seconds): AlarmDefinition => ({
      id: windowAlarmId(source, seconds),
      over: over(source),
      subject: `slo-${source.kind}-\${each.key}-5xx-${windowName(seconds)}`,
      severity: p.severity,
      description: `${source.label}: 5xx share over ${windowName(seconds)} burns the error budget of the \${var.slo.availability_percent}% availability SLO more than ${p.burnRate} times too fast. One window of the ${pair}-burn composite alarm, which notifies; this alarm has no actions of its own.`,
      comparison: "GreaterThanThreshold",
      threshold: `${p.burnRate} * (100 - var.slo.availability_percent)`,
      missingData: "notBreaching",
      source: {
        kind: "math",
        expression: source.expression,
        label: "5xx share of requests (%)",
        metrics: source.metrics,
      },
      period: `${seconds}`,
      evaluationPeriods: "1",
      datapointsToAlarm: "1",
      notify: false,
    })),
  ),
);

/** p95 latency against the SLO's target, sustained for 15 minutes. */
export const SLO_LATENCY_ALARMS: readonly AlarmDefinition[] = SLO_SOURCES.map((source) => ({
  id: `slo_${source.kind}_p95`,
  // try(): Terraform evaluates the condition even when the map is empty (var.slo null).
  over: `{ for k, v in ${over(source)} : k => v if try(var.slo.latency_p95_ms, null) != null }`,
  subject: `slo-${source.kind}-\${each.key}-p95`,
  severity: "critical",
  description: `${source.label}: p95 latency above the SLO's \${var.slo.latency_p95_ms} ms for 3 periods of 5 minutes. Find the slow backend (the target groups' p95 alarms) and whether it is saturated (CPU, memory, database).`,
  comparison: "GreaterThanThreshold",
  threshold: `var.slo.latency_p95_ms * ${source.latencyPerMs}`,
  missingData: "notBreaching",
  source: { kind: "metric", metric: source.latency },
  period: "300",
  evaluationPeriods: "3",
  datapointsToAlarm: "3",
}));

/** One composite alarm per kind and pair: `aws_cloudwatch_composite_alarm.slo_api_fast_burn`. */
export const SLO_COMPOSITES = SLO_SOURCES.flatMap((source) =>
  (Object.entries(BURN_PAIRS) as [BurnPair, (typeof BURN_PAIRS)[BurnPair]][]).map(([pair, p]) => ({
    id: `slo_${source.kind}_${pair}_burn`,
    over: over(source),
    subject: `slo-${source.kind}-\${each.key}-${pair}-burn`,
    severity: p.severity as Severity,
    description: `${source.label}: the error budget of the \${var.slo.availability_percent}% availability SLO burns more than ${p.burnRate} times too fast over both ${windowName(p.long)} and ${windowName(p.short)}. ${pair === "fast" ? "At this rate 2 % of a 30-day budget is gone in an hour: find the failing service (target 5xx alarms) and roll back or fail over." : "At this rate 5 % of a 30-day budget is gone in 6 hours: look into it during working hours."}`,
    windows: [p.long, p.short].map((s) => windowAlarmId(source, s)),
  })),
);
