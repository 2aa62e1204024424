import { ALARMS, type AlarmDefinition, type AlarmSource } from "../constructs/monitoring/alarms";
import { BURN_PAIRS } from "../constructs/monitoring/slo";
import { THRESHOLDS, type ThresholdName } from "../constructs/monitoring/thresholds";
import { replicaNames } from "../config/data-stores";
import { watchedWebAcl } from "../config/edge";
import { ENGINE_TRAITS } from "../constructs/database/engines";
import type { ResolvedEnvironment } from "../config/resolve";
import { code, listing, section, table } from "./markdown";

type Thresholds = Readonly<Record<string, number>>;

/** The environment's thresholds: the module's defaults under the config's overrides. */
export function effectiveThresholds(environment: ResolvedEnvironment): Thresholds {
  const defaults = Object.fromEntries(
    Object.entries(THRESHOLDS).map(([name, t]) => [name, t.default as number]),
  );
  return { ...defaults, ...(environment.settings.monitoring.thresholds ?? {}) };
}

/** What each alarm is repeated over (`AlarmDefinition.over`), as the environment's names. */
function instances(over: string, environment: ResolvedEnvironment): string[] | undefined {
  const { settings } = environment;
  const services = settings.services ?? [];
  const databases = Object.entries(settings.databases ?? {});
  const aurora = (engine: keyof typeof ENGINE_TRAITS) => ENGINE_TRAITS[engine].aurora;
  if (over === "var.albs")
    return settings.entry === "none"
      ? []
      : [settings.entry === "api-gateway" ? "internal ALB" : "public ALB"];
  if (over === "local.target_groups")
    return settings.entry === "none" ? [] : services.filter((s) => s.path).map((s) => s.name);
  if (over === "var.ecs_services") return services.map((s) => s.name);
  if (over.includes("var.ecs_services") && over.includes("min_running > 0"))
    return services.filter((s) => s.minCount > 0).map((s) => s.name);
  if (over === "var.apis") return settings.entry === "api-gateway" ? ["HTTP API"] : [];
  if (over === "var.databases") return databases.map(([n]) => n);
  if (over.includes("var.databases") && over.includes('"instance"'))
    return databases.filter(([, d]) => !aurora(d.engine)).map(([n]) => n);
  if (over === "local.replica_lag")
    return databases.flatMap(([n, d]) =>
      aurora(d.engine)
        ? d.readers > 0
          ? [`${n} readers`]
          : []
        : replicaNames(d).map((r) => `${n}/${r}`),
    );
  if (over === "var.caches") return Object.keys(settings.caches ?? {});
  if (over.includes("var.web_acls")) {
    const webAcl = watchedWebAcl(settings, "the web ACL");
    return webAcl && over.includes(`"${webAcl.scope}"`) ? [webAcl.metricName] : [];
  }
  return undefined;
}

function metricOf(source: AlarmSource): string {
  if (source.kind === "metric")
    return `${source.metric.doc ?? source.metric.metric} (${source.metric.stat})`;
  return source.label;
}

const UNITS: readonly [RegExp, string][] = [
  [/_percent$/, " %"],
  [/_ms$/, " ms"],
  [/_seconds$/, " s"],
  [/_gb$/, " GB"],
  [/_mb$/, " MB"],
];

/** `> 70 % (ecs_cpu_warning_percent)`: the threshold names an alarm's HCL reads, with values. */
function thresholdText(alarm: AlarmDefinition, thresholds: Thresholds): string {
  const names = (Object.keys(THRESHOLDS) as ThresholdName[]).filter(
    (n) =>
      !["period_seconds", "evaluation_periods", "datapoints_to_alarm"].includes(n) &&
      new RegExp(`\\b${n}\\b`).test(alarm.threshold),
  );
  const cmp = alarm.comparison === "GreaterThanThreshold" ? ">" : "<";
  if (names.length === 0)
    return alarm.threshold.includes("min_running")
      ? `${cmp} the service's minimum task count`
      : `${cmp} ${code(alarm.threshold)}`;
  return names
    .map((n) => {
      const unit = UNITS.find(([re]) => re.test(n))?.[1] ?? "";
      return `${cmp} ${thresholds[n]}${unit} (${code(n)})`;
    })
    .join(" or ");
}

/** Alarms by kind with warning and critical thresholds, where they notify, and the SLOs. */
export function alarmsSection(environment: ResolvedEnvironment): string {
  const { monitoring } = environment.settings;
  const thresholds = effectiveThresholds(environment);
  const kinds = new Map<string, { warning?: AlarmDefinition; critical?: AlarmDefinition }>();
  for (const alarm of ALARMS) {
    const kind = alarm.id.replace(/_(warning|critical)$/, "");
    kinds.set(kind, { ...kinds.get(kind), [alarm.severity]: alarm });
  }
  const rows: string[][] = [];
  for (const [kind, levels] of kinds) {
    const any = (levels.critical ?? levels.warning)!;
    const on = instances(any.over, environment);
    if (on !== undefined && on.length === 0) continue;
    rows.push([
      code(kind),
      on === undefined ? "see the monitoring module" : listing(on),
      metricOf(any.source),
      levels.warning ? thresholdText(levels.warning, thresholds) : "",
      levels.critical ? thresholdText(levels.critical, thresholds) : "",
    ]);
  }
  const overrides = Object.entries(monitoring.serviceThresholds ?? {}).flatMap(([service, t]) =>
    Object.entries(t).map(([name, value]) => [service, code(name), String(value)]),
  );
  const endpoints = Object.entries(monitoring.criticalEndpoints ?? {}).map(
    ([name, e]) => `${code(name)} (${e.protocol})`,
  );
  const emails = listing(monitoring.alarmEmails.map((e) => code(e))) || "nobody";
  const notify = monitoring.notificationsEnabled
    ? [
        `Warning alarms notify the warning topic: ${emails}.`,
        `Critical alarms notify the critical topic: ${emails}${endpoints.length > 0 ? `, and page ${listing(endpoints)}` : ""}.`,
        "Both topics are KMS-encrypted SNS topics; OK transitions are sent too.",
      ].join(" ")
    : `Notifications are off (\`monitoring.notificationsEnabled: false\`): the alarms change state and show on the dashboards but notify nobody (subscribed: ${emails}).`;
  const { slo } = monitoring;
  const sloWhere = environment.settings.entry === "api-gateway" ? "the HTTP API" : "the ALB";
  const sloBlock = slo
    ? [
        `SLOs, measured at ${sloWhere}: availability ${slo.availabilityPercent} % (error budget ${+(100 - slo.availabilityPercent).toFixed(6)} % of requests)${slo.latencyP95Ms ? `, p95 latency under ${slo.latencyP95Ms} ms` : ""}.`,
        table(
          ["SLO alarm", "severity", "fires when"],
          [
            ...Object.entries(BURN_PAIRS).map(([pair, p]) => [
              `${pair} burn`,
              p.severity,
              `the 5xx share exceeds ${+(p.burnRate * (100 - slo.availabilityPercent)).toFixed(6)} % (${p.burnRate}× the budget rate) over both ${p.long / 3600} h and ${p.short / 60} min`,
            ]),
            ...(slo.latencyP95Ms
              ? [
                  [
                    "p95 latency",
                    "critical",
                    `p95 latency exceeds ${slo.latencyP95Ms} ms for 3 periods of 5 min`,
                  ],
                ]
              : []),
          ],
        ),
      ].join("\n\n")
    : "SLOs: none (`monitoring.slo` is not set), so no burn-rate alarms.";
  return section(
    "Alarms",
    `Every alarm fires when ${thresholds.datapoints_to_alarm} of ${thresholds.evaluation_periods} periods of ${thresholds.period_seconds} s breach (unless noted); thresholds are the monitoring module's defaults under \`monitoring.thresholds\`.`,
    table(["alarm", "on", "metric", "warning", "critical"], rows),
    overrides.length > 0
      ? `Per-service overrides (\`monitoring.serviceThresholds\`):\n\n${table(["service", "threshold", "value"], overrides)}`
      : "",
    notify,
    sloBlock,
  );
}
