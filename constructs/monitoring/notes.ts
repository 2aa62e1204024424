import { ALARMS, AlarmDefinition } from "./alarms";
import { BURN_PAIRS } from "./slo";
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
  alarms have their level fixed in code (table above).
- **Severity routing**: critical alarms notify \`aws_sns_topic.alarms\` (\`<name>-alarms\`, the
  topic the module had before it routed by severity, kept so confirmed subscriptions keep
  paging), warnings \`aws_sns_topic.warning\` (\`<name>-alarms-warning\`). \`alarm_emails\`
  subscribe to both; \`critical_endpoints\` (a paging service's HTTPS webhook, an SMS number)
  only to the critical one, keyed by name (\`aws_sns_topic_subscription.critical_endpoint["pagerduty"]\`).
- **Error rates everywhere there are requests**: the \`error_rate_*\` thresholds drive the APIs'
  5xx share and each target group's (\`alb_target_5xx_rate_*\`, targets' 5xx over requests), so
  an environment without an API (a public ALB) has its error-rate alarms too.
- **Per-service thresholds**: \`service_thresholds = { eshop = { ecs_cpu_warning_percent = 85 } }\`
  changes that service's ECS alarms and its target group's alarms only; the others keep
  \`thresholds\`.
- **SLO alarms** (\`slo\`): measured where users arrive, the HTTP APIs when \`apis\` is not
  empty, else the ALBs (ELB and target 5xx over requests). Availability uses multi-window burn
  rates: per pair, two metric-math window alarms with no actions of their own
  (\`slo_api_5xx_1h\`, \`slo_api_5xx_5m\`, …) and a composite alarm that fires while both are in
  ALARM and notifies (${Object.entries(BURN_PAIRS)
    .map(
      ([pair, p]) =>
        `\`${pair}\`: ${p.burnRate}x over ${p.long / 3600} h and ${p.short / 60} min, ${p.severity}`,
    )
    .join("; ")}). The window threshold is \`burn rate x (100 - availability_percent)\` percent
  of requests. A window is one alarm period, so CloudWatch evaluates it over the last full
  period of that length. \`latency_p95_ms\` adds a critical alarm on the entry's p95 latency
  over 3 periods of 5 minutes.
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

- Both topics are encrypted with one customer-managed key (rotation on, 30-day deletion window,
  alias \`alias/<name>-alarms\`). Its key policy lets the account root administer and use it
  (an explicit action list, no \`kms:*\`) and lets \`cloudwatch.amazonaws.com\` use it for
  envelope encryption (the shared key helper's Encrypt/Decrypt/ReEncrypt*/GenerateDataKey*/
  DescribeKey set; CloudWatch needs \`GenerateDataKey*\` and \`Decrypt\` to publish to an
  encrypted topic). That statement carries no condition; what CloudWatch may publish is
  narrowed by the topic policies.
- Each topic's policy replaces SNS's default (any principal of the account): the account root
  manages it with a listed set of actions, CloudWatch may publish only for alarms of
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
  defaults an ALB costs 1 alarm, each target group 7, each ECS service 5, each API 4, each
  database 5 (cluster) or 6 (instance) plus 1 for replica lag (per read replica of an
  instance), each cache 5.
- SLO alarms add 4 window alarms, 2 composite alarms (USD 0.50 each) and 1 latency alarm per
  entry point.
- Not included: anomaly-detection alarms, WAF and CloudFront alarms.
`;
