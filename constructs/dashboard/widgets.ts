import { dbDimensionName } from "../core/inventory";

/**
 * The dashboard's widgets as HCL expressions over the inventory variables: one row of widgets
 * per inventory entry (a target group, a service, a database). Terraform iterates maps in key
 * order, so rows come out sorted whatever the input order; positions are computed from that
 * order (see `section`).
 */
export const GRID = { width: 24, rowHeight: 6, alarmHeight: 8, alarmsPerWidget: 100 };
const FULL_WIDTH = GRID.width;
const PERCENT_AXIS = ", yAxis = { left = { min = 0, max = 100 } }";

/** One metric line: `[namespace, metric, dimension name, value, …, { stat, label }]`. */
const line = (namespace: string, metric: string, dimensions: string, stat: string, label: string) =>
  `["${namespace}", "${metric}", ${dimensions}, { stat = "${stat}", label = "${label}" }]`;

/**
 * A time-series widget; `lines` is the metric lines (or one HCL expression yielding the list),
 * `title` an HCL template.
 */
const graph = (title: string, lines: string[] | string, options = "", region = "var.region") =>
  `{ type = "metric", properties = { title = "${title}", region = ${region}, view = "timeSeries", stacked = false, period = 60, metrics = ${Array.isArray(lines) ? `[${lines.join(", ")}]` : lines}${options} } }`;

/** One row of widgets per entry of an inventory map (`for <key>, <value> in <map>`). */
const perEntry = (binding: string, widgets: string[]) =>
  `[for ${binding} : [${widgets.join(", ")}]]`;

const ALB = "AWS/ApplicationELB";
const lb = '"LoadBalancer", alb.arn_suffix';
const tg = '"TargetGroup", tg.target_group, "LoadBalancer", tg.load_balancer';
const api = '"ApiId", a.api_id, "Stage", a.stage';
const ecs = '"ClusterName", s.cluster_name, "ServiceName", s.service_name';
const db = `${dbDimensionName("d")}, d.identifier`;
const members = (metric: string, stat: string) =>
  `[for m in c.member_clusters : ${line("AWS/ElastiCache", metric, '"CacheClusterId", m', stat, "${m}")}]`;

/** Requests, 4xx/5xx and p95/p99 latency per ALB, target group and API. */
export const APPLICATION_WIDGETS = `concat(${[
  perEntry("k, alb in var.albs", [
    graph("ALB ${k}: requests and load balancer errors", [
      line(ALB, "RequestCount", lb, "Sum", "Requests"),
      line(ALB, "HTTPCode_ELB_4XX_Count", lb, "Sum", "ELB 4xx"),
      line(ALB, "HTTPCode_ELB_5XX_Count", lb, "Sum", "ELB 5xx"),
    ]),
  ]),
  perEntry("k, tg in local.target_groups", [
    graph("${tg.name} (ALB ${tg.alb}): requests and errors", [
      line(ALB, "RequestCount", tg, "Sum", "Requests"),
      line(ALB, "HTTPCode_Target_4XX_Count", tg, "Sum", "4xx"),
      line(ALB, "HTTPCode_Target_5XX_Count", tg, "Sum", "5xx"),
    ]),
    graph("${tg.name} (ALB ${tg.alb}): response time (s)", [
      line(ALB, "TargetResponseTime", tg, "p95", "p95"),
      line(ALB, "TargetResponseTime", tg, "p99", "p99"),
    ]),
  ]),
  perEntry("k, a in var.apis", [
    graph("API ${k}: requests and errors", [
      line("AWS/ApiGateway", "Count", api, "Sum", "Requests"),
      line("AWS/ApiGateway", "4xx", api, "Sum", "4xx"),
      line("AWS/ApiGateway", "5xx", api, "Sum", "5xx"),
    ]),
    graph("API ${k}: latency (ms)", [
      line("AWS/ApiGateway", "Latency", api, "p95", "p95"),
      line("AWS/ApiGateway", "Latency", api, "p99", "p99"),
      line("AWS/ApiGateway", "IntegrationLatency", api, "p95", "Integration p95"),
    ]),
  ]),
].join(", ")})`;

/** ECS CPU/memory/tasks, database CPU/connections/storage, cache CPU/memory/evictions. */
export const INFRASTRUCTURE_WIDGETS = `concat(${[
  perEntry("k, s in var.ecs_services", [
    graph(
      "ECS ${k}: CPU and memory (%)",
      [
        line("AWS/ECS", "CPUUtilization", ecs, "Average", "CPU"),
        line("AWS/ECS", "MemoryUtilization", ecs, "Average", "Memory"),
      ],
      PERCENT_AXIS,
    ),
    graph("ECS ${k}: tasks", [
      line("ECS/ContainerInsights", "RunningTaskCount", ecs, "Minimum", "Running"),
      line("ECS/ContainerInsights", "DesiredTaskCount", ecs, "Maximum", "Desired"),
      line("ECS/ContainerInsights", "PendingTaskCount", ecs, "Maximum", "Pending"),
    ]),
  ]),
  perEntry("k, d in var.databases", [
    graph(
      "Database ${k}: CPU (%)",
      `[${line("AWS/RDS", "CPUUtilization", db, "Maximum", "CPU")}]`,
      PERCENT_AXIS,
    ),
    graph(
      "Database ${k}: connections",
      `[${line("AWS/RDS", "DatabaseConnections", db, "Maximum", "Connections")}]`,
      ', annotations = { horizontal = [{ label = "max_connections", value = d.max_connections }] }',
    ),
    // Aurora storage grows by itself and has no FreeStorageSpace.
    graph(
      "Database ${k}: free memory and storage (bytes)",
      `[for m in ["FreeableMemory", "FreeStorageSpace"] : ${line("AWS/RDS", "${m}", db, "Minimum", "${m}")} if m == "FreeableMemory" || d.kind == "instance"]`,
    ),
  ]),
  perEntry("k, c in var.caches", [
    graph("Cache ${k}: engine CPU (%)", members("EngineCPUUtilization", "Average"), PERCENT_AXIS),
    graph(
      "Cache ${k}: memory used (%)",
      members("DatabaseMemoryUsagePercentage", "Maximum"),
      PERCENT_AXIS,
    ),
    graph("Cache ${k}: evictions", members("Evictions", "Sum")),
  ]),
].join(", ")})`;

/**
 * A titled section laid out from grid row `top`: a one-unit heading, then the rows of
 * `local.<name>`, each row's widgets sharing the full width. Nothing when the section is empty.
 */
export const section = (name: string, heading: string, top: string) =>
  `concat(` +
  `[for h in ["${heading}"] : { type = "text", x = 0, y = ${top}, width = ${FULL_WIDTH}, height = 1, properties = { markdown = h } } if length(local.${name}) > 0], ` +
  `flatten([for r, row in local.${name} : [for i, w in row : merge(w, { x = i * floor(${FULL_WIDTH} / length(row)), y = ${top} + 1 + r * ${GRID.rowHeight}, width = floor(${FULL_WIDTH} / length(row)), height = ${GRID.rowHeight} })]]))`;

export const HEADER_HEIGHT = 2;

/** The text header of a dashboard: its title (an HCL template) and what it shows. */
export const header = (title: string, shows: string) =>
  `{ type = "text", x = 0, y = 0, width = ${FULL_WIDTH}, height = ${HEADER_HEIGHT}, properties = { markdown = ` +
  `"# ${title}\\nRegion \${var.region}: ${shows} Generated by Terraform from the environment inventory: console edits are overwritten." } }`;

export const HEADER_WIDGET = header(
  "${var.name}",
  "alarm states first, then the application (ALBs, target groups, APIs); the infrastructure, security and business metrics have dashboards of their own.",
);

/** Namespace of the metrics the module's log metric filters publish. */
export const SECURITY_NAMESPACE = "${var.name}/Security";
const securityLine = (metric: string, label: string) =>
  `["${SECURITY_NAMESPACE}", "${metric}", { stat = "Sum", label = "${label}" }]`;

/** WAF metric dimensions by web ACL scope: CloudFront ACLs report in us-east-1 without a Region. */
const wafLine = (metric: string) =>
  `concat(["AWS/WAFV2", "${metric}", "WebACL", w.metric_name, "Rule", "ALL"], w.scope == "REGIONAL" ? ["Region", var.region] : [], [{ stat = "Sum", label = "${metric}" }])`;

/**
 * Security: 4xx/5xx where requests arrive, failed authorizations (401/403 in an API's access
 * log), WAF blocks, and failed console sign-ins from CloudTrail. Rows only for what is given.
 */
export const SECURITY_WIDGETS = `concat(${[
  perEntry("k, alb in var.albs", [
    graph("ALB ${k}: 4xx and 5xx", [
      line(ALB, "HTTPCode_ELB_4XX_Count", lb, "Sum", "ELB 4xx"),
      line(ALB, "HTTPCode_Target_4XX_Count", lb, "Sum", "Target 4xx"),
      line(ALB, "HTTPCode_ELB_5XX_Count", lb, "Sum", "ELB 5xx"),
      line(ALB, "HTTPCode_Target_5XX_Count", lb, "Sum", "Target 5xx"),
    ]),
  ]),
  perEntry("k, a in var.apis", [
    graph("API ${k}: 4xx and 5xx", [
      line("AWS/ApiGateway", "4xx", api, "Sum", "4xx"),
      line("AWS/ApiGateway", "5xx", api, "Sum", "5xx"),
    ]),
  ]),
  perEntry("k, g in var.api_access_log_groups", [
    graph(
      "API ${k}: failed authorizations (401/403)",
      `[${securityLine("FailedAuthorizations-${k}", "401 and 403")}]`,
    ),
  ]),
  perEntry("w in var.waf_web_acl == null ? [] : [var.waf_web_acl]", [
    graph(
      "WAF ${w.metric_name}: blocked and allowed requests",
      `[${wafLine("BlockedRequests")}, ${wafLine("AllowedRequests")}]`,
      "",
      'w.scope == "REGIONAL" ? var.region : "us-east-1"',
    ),
  ]),
  perEntry("g in var.cloudtrail_log_group_name == null ? [] : [var.cloudtrail_log_group_name]", [
    graph(
      "Console sign-in failures (CloudTrail)",
      `[${securityLine("ConsoleSignInFailures", "Failed sign-ins")}]`,
    ),
  ]),
].join(", ")})`;

/** One graph per business metric of a custom namespace, three to a row. */
export const BUSINESS_WIDGETS =
  "var.business_metrics == null ? [] : " +
  // Rows by index rather than chunklist: metric lines differ in length, and chunklist needs one element type.
  `[for r in range(ceil(length(var.business_metrics.metrics) / 3)) : [for i, m in var.business_metrics.metrics : ${graph(
    "${m.label}",
    "[concat([var.business_metrics.namespace, m.name], flatten([for dk, dv in m.dimensions : [dk, dv]]), [{ stat = m.stat, label = m.label }])]",
  )} if floor(i / 3) == r]]`;

/** Alarm status widgets, one per 100 alarms (the widget's limit), full width. */
export const ALARM_WIDGETS =
  `[for i, arns in local.alarm_rows : { type = "alarm", x = 0, y = ${HEADER_HEIGHT} + i * ${GRID.alarmHeight}, width = ${FULL_WIDTH}, height = ${GRID.alarmHeight}, ` +
  'properties = { title = length(local.alarm_rows) > 1 ? format("Alarms (%d of %d)", i + 1, length(local.alarm_rows)) : "Alarms", alarms = arns } }]';
