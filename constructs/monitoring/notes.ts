import { ALARMS, AlarmDefinition } from "./alarms";
import { thresholdsTable } from "./thresholds";

function metricOf(def: AlarmDefinition): string {
  const s = def.source;
  if (s.kind === "metric") return `${s.metric.doc ?? `\`${s.metric.metric}\``} ${s.metric.stat}`;
  if (s.kind === "math") return `\`${s.expression}\``;
  return `${s.fn} over members of \`${s.metric.metric}\` ${s.metric.stat}`;
}

const alarmTable = [
  "| Resource | Repeated over | Metric | Level | Missing data | Rollback |",
  "| --- | --- | --- | --- | --- | :---: |",
  ...ALARMS.map(
    (d) =>
      `| \`${d.id}\` | \`${d.over.replace(/\|/g, "\\|")}\` | ${metricOf(d)} | ${d.severity} | ${d.missingData} | ${d.service ? "yes" : ""} |`,
  ),
].join("\n");

export const MONITORING_NOTES = `## Alarms

${alarmTable}

"Rollback" marks the alarms listed in \`alarm_names_by_service\`.

## Thresholds

${thresholdsTable}

## Design notes

- **Derived from an inventory, keyed by stable names.** Each alarm kind is one resource with
  \`for_each\` over an inventory map: \`aws_cloudwatch_metric_alarm.ecs_cpu_critical["eshop"]\`,
  target-group alarms keyed \`"<alb>/<target group>"\` (\`alb_target_5xx["internal/eshop"]\`),
  instance read replicas \`"<database>/<replica>"\`. Adding a service adds its alarms and moves
  nothing else.
- **Two levels where the reference table has two** (CPU, memory, p95 response time, error
  rate, DB connections, and the cache's CPU and memory): separate \`<kind>_warning\` and
  \`<kind>_critical\` resources, so either can be tuned or dropped without touching the other.
  Alarm names end in \`-warning\` or \`-critical\` and carry a \`Severity\` tag; single-level
  alarms have their level fixed in code (table above). Both levels notify the one topic: to
  page only on critical, subscribe the pager with an SNS filter policy on the message body's
  \`AlarmName\` suffix.
- **Latency**: p95 against the SLO (002: p95 under 500 ms) as the warning and 004's 2 s as the
  critical level; p99 above 2 s is a warning about the slow tail. ALB \`TargetResponseTime\` is
  in seconds, API Gateway \`Latency\` in ms; thresholds are given in ms for both.
- **Missing data** is chosen per kind: \`notBreaching\` for traffic metrics (published only when
  there is traffic, so silence means nothing failed), \`missing\` for utilisation metrics (no
  data means the resource is not running, which the running-task alarm reports; the alarm shows
  INSUFFICIENT_DATA rather than paging twice or claiming OK), \`breaching\` where silence is the
  failure (running tasks; replica lag from a replica that stopped replicating).
- **Caches are watched per replication group**, not per node: metric math folds one query per
  member cluster into the busiest node (CPU, memory: \`MAX\`) or the total (evictions: \`SUM\`).
  The member queries are a dynamic block, so a new cache whose \`member_clusters\` is only known
  after apply still plans (per-member \`for_each\` keys would have to be known at plan time), and
  adding a replica changes no address. The dashboard shows the nodes one by one.
- **Databases**: \`Maximum\` for CPU and connections (a cluster's busiest instance; an instance
  publishes one datapoint per minute anyway), \`Minimum\` for free memory and storage. Free
  storage is watched on instances only (Aurora storage grows by itself), as a % of
  \`allocated_storage_gb\` when given. Replica lag comes from the replicas: an Aurora cluster's
  \`AuroraReplicaLag\` (ms, worst reader) or each listed read replica's \`ReplicaLag\` (s).
- **ECS running tasks** come from Container Insights (\`ECS/ContainerInsights\`), which the
  ecs-cluster module turns on; a service with \`min_running = 0\` (dev scaled to zero at night)
  has no running-task alarm.
- **\`enabled = false\`** sets \`actions_enabled = false\` on every alarm: states and history stay
  visible, nothing is sent.

## Security

- The topic is encrypted with a customer-managed key (rotation on, 30-day deletion window,
  alias \`alias/<name>-alarms\`). Its key policy lets the account root administer and use it
  (an explicit action list, no \`kms:*\`) and lets \`cloudwatch.amazonaws.com\` use it for
  envelope encryption (the shared key helper's Encrypt/Decrypt/ReEncrypt*/GenerateDataKey*/
  DescribeKey set; CloudWatch needs \`GenerateDataKey*\` and \`Decrypt\` to publish to an
  encrypted topic). That statement carries no condition; what CloudWatch may publish is
  narrowed by the topic policy.
- The topic policy replaces SNS's default (any principal of the account): the account root
  manages the topic with a listed set of actions, CloudWatch may publish only for alarms of
  this account and region (\`aws:SourceArn\` and \`aws:SourceAccount\`: no confused deputy), and
  publishing without TLS is denied.

## Caveats

- E-mail subscriptions stay "pending confirmation" until each address clicks the link; the
  plan and apply do not wait for it.
- Wiring \`alarm_names_by_service\` back into the ecs-service module's \`alarm_names\` is a cycle
  if \`ecs_services\` is built from that module's resource attributes: build it from names known
  from the config (or outputs the ecs-service module derives from its variables).
- Target-group alarms join \`alarm_names_by_service\` when the target group's key equals the
  ECS service key (as the alb module keys them).
- Cost: about USD 0.10 per alarm per month, and per metric of a metric-math alarm. With the
  defaults an ALB costs 1 alarm, each target group 5, each ECS service 5, each API 4, each
  database 5 (cluster) or 6 (instance) plus 1 for replica lag (per read replica of an
  instance), each cache 5.
- Not included: anomaly-detection alarms, composite alarms, per-service threshold overrides,
  WAF and CloudFront alarms.
`;
