import { ENGINE_TRAITS } from "../constructs/database/engines";
import type { ResolvedEnvironment } from "../config/resolve";
import { replicaNames } from "../config/data-stores";
import { databaseClass } from "./data-stores";
import { code, plural, section, table } from "./markdown";
import { natAzs } from "./network";
import { capacity } from "./services";

/** The things that dominate the bill, as counts and sizes; prices are left to the reader. */
export function costsSection(environment: ResolvedEnvironment): string {
  const { settings, azs } = environment;
  const rows: string[][] = [];
  const nat = natAzs(environment).length;
  rows.push(["NAT gateways", String(nat), nat === 0 ? "" : "hourly, plus per GB processed"]);
  const endpoints = (settings.vpc.interfaceEndpoints ?? []).length;
  if (endpoints > 0)
    rows.push([
      "interface endpoint ENIs",
      String(endpoints * azs.length),
      `${endpoints} endpoints × ${azs.length} AZs`,
    ]);
  if (settings.entry !== "none")
    rows.push([
      "application load balancers",
      "1",
      settings.entry === "public-alb" ? "internet-facing" : "internal",
    ]);
  if (settings.entry === "api-gateway") rows.push(["HTTP APIs", "1", "per request"]);
  const services = settings.services ?? [];
  if (services.length > 0) {
    const cpu = services.reduce((n, s) => n + (s.cpu / 1024) * s.desiredCount, 0);
    const memory = services.reduce((n, s) => n + (s.memory / 1024) * s.desiredCount, 0);
    rows.push([
      "Fargate tasks (desired)",
      String(services.reduce((n, s) => n + s.desiredCount, 0)),
      `${+cpu.toFixed(3)} vCPU and ${+memory.toFixed(3)} GiB in all; up to ${services.reduce((n, s) => n + s.maxCount, 0)} tasks when scaled out`,
    ]);
    for (const s of services)
      rows.push([`  service ${s.name}`, `${s.desiredCount} × ${s.cpu}/${s.memory}`, capacity(s)]);
  }
  for (const [name, db] of Object.entries(settings.databases ?? {})) {
    const aurora = ENGINE_TRAITS[db.engine].aurora;
    const instances = aurora ? 1 + db.readers : (db.multiAz ? 2 : 1) + replicaNames(db).length;
    rows.push([
      `database ${name} instances`,
      String(instances),
      `${databaseClass(db)}${aurora ? "" : `, ${db.allocatedStorage} GiB ${db.storageType ?? "gp3"}`}${!aurora && db.multiAz ? " (writer + standby)" : ""}`,
    ]);
  }
  for (const [name, c] of Object.entries(settings.caches ?? {}))
    rows.push([`cache ${name} nodes`, String(c.nodes), code(c.nodeType)]);
  const fileSystems = Object.keys(settings.fileSystems ?? {}).length;
  if (fileSystems > 0) rows.push(["EFS file systems", String(fileSystems), "per GB stored"]);
  const buckets = Object.keys(settings.buckets ?? {}).length;
  if (buckets > 0)
    rows.push(["application buckets", String(buckets), "per GB stored, each with its own KMS key"]);
  rows.push([
    "log retention",
    "—",
    `application ${plural(settings.logRetentionDays, "day")}, flow logs ${plural(settings.vpc.flowLogRetentionDays, "day")}`,
  ]);
  if (settings.audit.enabled) rows.push(["CloudTrail trail", "1", "multi-region"]);
  if (settings.backup.enabled)
    rows.push([
      "AWS Backup plan",
      "1",
      settings.backup.drVaultArn ? "with a cross-region copy" : "in-region",
    ]);
  const { budget } = settings;
  const controls =
    budget.monthlyLimitUsd === undefined
      ? "Cost controls: no budget (`budget.monthlyLimitUsd` is not set)."
      : `Cost controls: a monthly budget of ${budget.monthlyLimitUsd} USD (forecast and actual alerts at 80, 90 and 100 %)${budget.dailyLimitUsd !== undefined ? `, a daily budget of ${budget.dailyLimitUsd} USD` : ""}${budget.anomalyThresholdUsd !== undefined ? `, and Cost Anomaly Detection reporting anomalies from ${budget.anomalyThresholdUsd} USD` : ""}.`;
  return section("Main cost drivers", table(["what", "count", "size / note"], rows), controls);
}
