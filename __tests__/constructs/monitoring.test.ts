import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { MonitoringModuleStack } from "../../constructs/monitoring";
import { ALARMS } from "../../constructs/monitoring/alarms";
import {
  SLO_COMPOSITES,
  SLO_LATENCY_ALARMS,
  SLO_WINDOW_ALARMS,
} from "../../constructs/monitoring/slo";
import { THRESHOLDS, thresholdProblems } from "../../constructs/monitoring/thresholds";

const files = generateModules([MonitoringModuleStack]).get("monitoring")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const alarms = tf.resource.aws_cloudwatch_metric_alarm as Record<string, any>;
const policyOf = (json: string) => JSON.parse(json) as { Statement: any[] };
const errorsOf = (variable: string): string[] =>
  tf.variable[variable].validation.map((v: any) => v.error_message);

describe("monitoring module", () => {
  it("is a standalone module: required_providers range, no provider, no backend", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(tf.terraform.backend).toBeUndefined();
  });

  it("creates one alarm resource per kind, keyed by inventory names through for_each", () => {
    const defined = [...ALARMS, ...SLO_WINDOW_ALARMS, ...SLO_LATENCY_ALARMS];
    expect(Object.keys(alarms).sort()).toEqual(defined.map((a) => a.id).sort());
    for (const [name, alarm] of Object.entries(alarms)) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(alarm.count).toBeUndefined();
      expect(alarm.for_each).toMatch(/^\$\{/);
    }
    expect(alarms.ecs_cpu_critical.for_each).toBe("${var.ecs_services}");
    expect(alarms.alb_target_5xx.for_each).toBe("${local.target_groups}");
    expect(alarms.db_replica_lag.for_each).toBe("${local.replica_lag}");
    expect(alarms.ecs_running_tasks.for_each).toContain("if s.min_running > 0");
    expect(alarms.db_free_storage.for_each).toContain('if d.kind == "instance"');
    expect(tf.locals.target_groups).toContain('format("%s/%s", alb_key, tg_key)');
  });

  it("splits warning and critical levels where the reference table gives two", () => {
    for (const kind of [
      "ecs_cpu",
      "ecs_memory",
      "alb_latency_p95",
      "api_5xx_rate",
      "api_latency_p95",
      "db_cpu",
      "db_connections",
      "cache_cpu",
      "cache_memory",
    ]) {
      expect(alarms[`${kind}_warning`].alarm_name).toMatch(/-warning$/);
      expect(alarms[`${kind}_critical`].alarm_name).toMatch(/-critical$/);
    }
    expect(alarms.ecs_cpu_warning.threshold).toBe(
      '${lookup(lookup(var.service_thresholds, each.key, {}), "ecs_cpu_warning_percent", var.thresholds.ecs_cpu_warning_percent)}',
    );
    expect(alarms.ecs_cpu_critical.threshold).toContain("var.thresholds.ecs_cpu_critical_percent");
  });

  it("notifies its severity's topic on ALARM and OK, switchable, with a reasoned missing-data policy", () => {
    const windows = new Set(SLO_WINDOW_ALARMS.map((a) => a.id));
    for (const [id, alarm] of Object.entries(alarms)) {
      if (windows.has(id)) {
        // The composite alarm over its windows notifies, once.
        expect([id, alarm.actions_enabled, alarm.alarm_actions]).toEqual([id, false, undefined]);
        continue;
      }
      const topic =
        alarm.provider === "aws.us_east_1"
          ? "${one(aws_sns_topic.edge[*].arn)}"
          : alarm.alarm_name.endsWith("-critical")
            ? "${aws_sns_topic.alarms.arn}"
            : "${aws_sns_topic.warning.arn}";
      expect([id, alarm.alarm_actions]).toEqual([id, [topic]]);
      expect(alarm.ok_actions).toEqual([topic]);
      expect(alarm.actions_enabled).toBe("${var.enabled}");
      expect(["missing", "notBreaching", "breaching"]).toContain(alarm.treat_missing_data);
      expect(alarm.alarm_description).toMatch(/^(WARNING|CRITICAL): .{80,}/);
      expect(alarm.alarm_name).toMatch(/^\$\{var\.name\}-/);
    }
    expect(alarms.ecs_running_tasks.treat_missing_data).toBe("breaching");
    expect(alarms.alb_target_5xx.treat_missing_data).toBe("notBreaching");
    expect(alarms.ecs_cpu_warning.treat_missing_data).toBe("missing");
  });

  it("uses the metrics and statistics the brief names", () => {
    expect(alarms.alb_elb_5xx.metric_name).toBe("HTTPCode_ELB_5XX_Count");
    expect(alarms.alb_latency_p99.extended_statistic).toBe("p99");
    expect(alarms.alb_latency_p95_critical.threshold).toBe(
      '${lookup(lookup(var.service_thresholds, each.value.name, {}), "latency_critical_ms", var.thresholds.latency_critical_ms) / 1000}',
    );
    expect(alarms.ecs_running_tasks).toMatchObject({
      namespace: "ECS/ContainerInsights",
      metric_name: "RunningTaskCount",
      comparison_operator: "LessThanThreshold",
    });
    const rate = alarms.api_5xx_rate_critical.metric_query;
    expect(rate.find((q: any) => q.return_data).expression).toBe(
      "IF(requests > 0, errors / requests * 100, 0)",
    );
    expect(rate.map((q: any) => q.metric?.metric_name).filter(Boolean)).toEqual(["5xx", "Count"]);
    expect(alarms.db_connections_critical.threshold).toContain("each.value.max_connections *");
    expect(alarms.db_cpu_critical.dimensions).toContain('"DBClusterIdentifier"');
  });

  it("watches a cache's members through metric math over a dynamic block", () => {
    const cpu = alarms.cache_cpu_critical;
    expect(cpu.for_each).toBe("${var.caches}");
    expect(cpu.metric_query[0].expression).toMatch(/^MAX\(\[\$\{join/);
    expect(cpu.dynamic.metric_query.content.metric.dimensions).toEqual({
      CacheClusterId: "${metric_query.value}",
    });
    expect(alarms.cache_evictions.metric_query[0].expression).toMatch(/^SUM\(/);
  });

  it("encrypts the topic with a rotated CMK that CloudWatch may use", () => {
    expect(tf.resource.aws_sns_topic.alarms.kms_master_key_id).toBe("${aws_kms_key.alarms.arn}");
    const key = tf.resource.aws_kms_key.alarms;
    expect(key.enable_key_rotation).toBe(true);
    const statements = policyOf(key.policy).Statement;
    const cloudwatch = statements.find((s) => s.Principal.Service === "cloudwatch.amazonaws.com");
    expect(cloudwatch.Action).toEqual(
      expect.arrayContaining(["kms:GenerateDataKey*", "kms:Decrypt"]),
    );
    const root = statements.find((s) => s.Principal.AWS);
    expect(root.Principal.AWS).toContain(":iam::${var.account_id}:root");
    for (const s of statements) {
      expect(s.Action).not.toContain("*");
      expect(s.Action).not.toContain("kms:*");
    }
  });

  it("lets only this account's alarms publish, over TLS", () => {
    const statements = policyOf(tf.resource.aws_sns_topic_policy.alarms.policy).Statement;
    const publish = statements.find((s) => s.Principal.Service === "cloudwatch.amazonaws.com");
    expect(publish.Action).toBe("SNS:Publish");
    expect(publish.Condition.StringEquals["aws:SourceAccount"]).toBe("${var.account_id}");
    expect(publish.Condition.ArnLike["aws:SourceArn"]).toMatch(/:alarm:\*$/);
    const deny = statements.find((s) => s.Effect === "Deny");
    expect(deny.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
    for (const s of statements) expect(s.Action).not.toContain("SNS:*");
    expect(tf.resource.aws_sns_topic_subscription.email).toMatchObject({
      for_each: "${toset(var.alarm_emails)}",
      protocol: "email",
    });
  });

  it("types thresholds as optional attributes with the reference defaults, validated", () => {
    const type = tf.variable.thresholds.type as string;
    expect(type).toContain("ecs_cpu_warning_percent = optional(number, 70)");
    expect(type).toContain("ecs_memory_warning_percent = optional(number, 80)");
    expect(type).toContain("latency_warning_ms = optional(number, 500)");
    expect(type).toContain("latency_critical_ms = optional(number, 2000)");
    expect(type).toContain("db_connections_critical_percent = optional(number, 95)");
    expect(tf.variable.thresholds.default).toEqual({});
    expect(errorsOf("thresholds")).toEqual(
      expect.arrayContaining([
        "thresholds: every *_percent value must be between 0 and 100.",
        "thresholds: every *_warning_* value must be below its *_critical_* twin.",
        expect.stringContaining(
          "evaluation_periods and datapoints_to_alarm must be whole numbers >= 1",
        ),
        expect.stringContaining("latencies (*_ms)"),
      ]),
    );
    for (const name of Object.keys(THRESHOLDS)) expect(type).toContain(`${name} = optional(`);
  });

  it("validates the inventory, the account and the e-mail addresses", () => {
    expect(errorsOf("databases")).toContain("databases: kind must be one of instance, cluster.");
    expect(errorsOf("albs").join(" ")).toContain("targetgroup/<name>/<id>");
    expect(errorsOf("caches")[1]).toContain("between 1 and 10");
    expect(errorsOf("account_id")).toEqual(["account_id must be a 12-digit AWS account ID."]);
    expect(errorsOf("alarm_emails")[0]).toContain("e-mail");
    expect(tf.variable.alarm_emails.default).toEqual([]);
    expect(tf.variable.apis.type).toContain('stage = optional(string, "$default")');
  });

  it("keeps warnings out of the rollback map", () => {
    const rollback = ALARMS.filter((a) => a.service !== undefined);
    expect(rollback.every((a) => a.severity === "critical")).toBe(true);
    expect(rollback.map((a) => a.id)).toEqual(
      expect.arrayContaining(["ecs_cpu_critical", "alb_target_5xx", "alb_unhealthy_hosts"]),
    );
    for (const a of rollback) expect(tf.locals.service_alarms).toContain(`.${a.id} :`);
    expect(tf.locals.service_alarms).not.toContain("_warning");
    expect(tf.output.alarm_names.value).toMatch(
      /^\$\{sort\(concat\(local\.alarms\[\*\]\.alarm_name, /,
    );
  });

  it("documents alarms and thresholds in the README", () => {
    const readme = files["README.md"]!;
    expect(readme).toContain("## Alarms");
    expect(readme).toContain("| `ecs_cpu_warning_percent` | 70 |");
    expect(readme).toContain("| `alb_unhealthy_hosts` |");
  });

  it("has an alarm behind every threshold it accepts", () => {
    const bodies = JSON.stringify([alarms, tf.locals]);
    for (const name of Object.keys(THRESHOLDS))
      expect([name, bodies.includes(`var.thresholds.${name}`)]).toEqual([name, true]);
  });

  it("alarms on the error rate of target groups too, not only of APIs", () => {
    for (const level of ["warning", "critical"]) {
      const rate = alarms[`alb_target_5xx_rate_${level}`];
      expect(rate.for_each).toBe("${local.target_groups}");
      expect(rate.threshold).toContain(`var.thresholds.error_rate_${level}_percent`);
      const queries = rate.metric_query;
      expect(queries.find((q: any) => q.return_data).expression).toBe(
        "IF(requests > 0, FILL(errors, 0) / requests * 100, 0)",
      );
      expect(queries.map((q: any) => q.metric?.metric_name).filter(Boolean)).toEqual([
        "HTTPCode_Target_5XX_Count",
        "RequestCount",
      ]);
    }
    expect(tf.locals.service_alarms).toContain(".alb_target_5xx_rate_critical :");
  });

  it("routes critical alarms to a topic with paging endpoints, warnings to their own", () => {
    const topics = tf.resource.aws_sns_topic;
    expect(Object.keys(topics).sort()).toEqual(["alarms", "edge", "warning"]);
    expect(topics.alarms.name).toBe("${var.name}-alarms");
    expect(topics.warning.name).toBe("${var.name}-alarms-warning");
    expect(topics.warning.kms_master_key_id).toBe("${aws_kms_key.alarms.arn}");
    const subscriptions = tf.resource.aws_sns_topic_subscription;
    expect(subscriptions.warning_email.topic_arn).toBe("${aws_sns_topic.warning.arn}");
    expect(subscriptions.critical_endpoint).toMatchObject({
      for_each: "${var.critical_endpoints}",
      topic_arn: "${aws_sns_topic.alarms.arn}",
      protocol: "${each.value.protocol}",
    });
    const policy = policyOf(tf.resource.aws_sns_topic_policy.warning.policy).Statement;
    expect(policy.find((s) => s.Effect === "Deny").Condition).toEqual({
      Bool: { "aws:SecureTransport": "false" },
    });
    expect(errorsOf("critical_endpoints").join(" ")).toContain("E.164");
  });

  it("alarms on web ACLs where their metrics are: CLOUDFRONT ones in us-east-1, with a topic and key there", () => {
    const edge = alarms.waf_blocked_requests_edge;
    expect(edge.provider).toBe("aws.us_east_1");
    expect(edge.dimensions).not.toContain("Region");
    expect(alarms.waf_blocked_requests.provider).toBeUndefined();
    expect(alarms.waf_blocked_requests.dimensions).toContain("Region");
    // The us-east-1 topic, its key and its subscriptions exist only with a CLOUDFRONT ACL.
    for (const resource of [
      tf.resource.aws_sns_topic.edge,
      tf.resource.aws_sns_topic_policy.edge,
      tf.resource.aws_kms_key.alarms_edge,
      tf.resource.aws_kms_alias.alarms_edge,
    ])
      expect([resource.provider, resource.count]).toEqual([
        "aws.us_east_1",
        "${local.edge_alarms ? 1 : 0}",
      ]);
    expect(tf.resource.aws_sns_topic.edge.kms_master_key_id).toBe(
      "${one(aws_kms_key.alarms_edge[*].arn)}",
    );
    expect(tf.resource.aws_sns_topic_subscription.edge_email.for_each).toBe(
      "${toset(local.edge_alarm_emails)}",
    );
  });

  it("alarms on the SLO with multi-window burn rates in metric math and composite alarms", () => {
    const composites = tf.resource.aws_cloudwatch_composite_alarm;
    expect(Object.keys(composites).sort()).toEqual(SLO_COMPOSITES.map((c) => c.id).sort());
    const fast = composites.slo_api_fast_burn;
    expect(fast.for_each).toBe("${local.slo_apis}");
    expect(fast.alarm_name).toMatch(/-critical$/);
    expect(fast.alarm_actions).toEqual(["${aws_sns_topic.alarms.arn}"]);
    expect(fast.alarm_rule).toBe(
      'ALARM("${aws_cloudwatch_metric_alarm.slo_api_5xx_1h[each.key].alarm_name}") AND ALARM("${aws_cloudwatch_metric_alarm.slo_api_5xx_5m[each.key].alarm_name}")',
    );
    expect(composites.slo_alb_slow_burn.alarm_actions).toEqual(["${aws_sns_topic.warning.arn}"]);
    const windows = { "1h": [3600, 14.4], "5m": [300, 14.4], "6h": [21600, 6], "30m": [1800, 6] };
    for (const [window, [seconds, burn]] of Object.entries(windows)) {
      const alarm = alarms[`slo_api_5xx_${window}`];
      expect(alarm.threshold).toBe(`\${${burn} * (100 - var.slo.availability_percent)}`);
      expect(alarm.evaluation_periods).toBe("${1}");
      for (const q of alarm.metric_query.filter((q: any) => q.metric))
        expect(q.metric.period).toBe(`\${${seconds}}`);
    }
    const alb = alarms.slo_alb_5xx_1h.metric_query.find((q: any) => q.return_data);
    expect(alb.expression).toBe(
      "IF(requests > 0, (FILL(targets, 0) + FILL(elb, 0)) / requests * 100, 0)",
    );
    expect(tf.locals.slo_albs).toBe("${var.slo == null || length(var.apis) > 0 ? {} : var.albs}");
    expect(alarms.slo_api_p95).toMatchObject({
      extended_statistic: "p95",
      threshold: "${var.slo.latency_p95_ms * 1}",
    });
    expect(tf.variable.slo.default).toBeNull();
  });

  it("lets a service override its own thresholds only", () => {
    expect(alarms.alb_unhealthy_hosts.threshold).toContain(
      'lookup(lookup(var.service_thresholds, each.value.name, {}), "unhealthy_hosts"',
    );
    expect(alarms.db_cpu_warning.threshold).toBe("${var.thresholds.db_cpu_warning_percent}");
    expect(errorsOf("service_thresholds").join(" ")).toContain("may override only");
  });

  it("checks threshold values in TypeScript by the rules the module validates", () => {
    const defaults = Object.fromEntries(
      Object.entries(THRESHOLDS).map(([k, t]) => [k, t.default as number]),
    );
    expect(thresholdProblems(defaults)).toEqual([]);
    expect(
      thresholdProblems({
        ...defaults,
        period_seconds: 90,
        ecs_cpu_warning_percent: 95,
        db_free_storage_gb: 0,
        datapoints_to_alarm: 6,
      }).map(([name]) => name),
    ).toEqual([
      "period_seconds",
      "ecs_cpu_warning_percent",
      "db_free_storage_gb",
      "datapoints_to_alarm",
    ]);
  });
});
