import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import {
  MonitoringModule,
  MonitoringModuleStack,
  monitoringSpec,
} from "../../constructs/monitoring";
import { ALARMS } from "../../constructs/monitoring/alarms";
import { THRESHOLDS } from "../../constructs/monitoring/thresholds";

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
    expect(Object.keys(alarms).sort()).toEqual(ALARMS.map((a) => a.id).sort());
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
    expect(alarms.ecs_cpu_warning.threshold).toBe("${var.thresholds.ecs_cpu_warning_percent}");
    expect(alarms.ecs_cpu_critical.threshold).toBe("${var.thresholds.ecs_cpu_critical_percent}");
  });

  it("notifies the topic on ALARM and OK, switchable, with a reasoned missing-data policy", () => {
    for (const alarm of Object.values(alarms)) {
      expect(alarm.alarm_actions).toEqual(["${aws_sns_topic.alarms.arn}"]);
      expect(alarm.ok_actions).toEqual(["${aws_sns_topic.alarms.arn}"]);
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
      "${var.thresholds.latency_critical_ms / 1000}",
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
        expect.stringContaining("evaluation_periods must be a whole number >= 1"),
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
    for (const [name, v] of Object.entries(tf.variable) as [string, any][]) {
      expect([name, typeof v.description]).toEqual([name, "string"]);
    }
  });

  it("declares and describes every output; the rollback map leaves warnings out", () => {
    expect(Object.keys(tf.output).sort()).toEqual(Object.keys(monitoringSpec.outputs).sort());
    for (const out of Object.values(tf.output) as any[]) expect(out.description).toBeTruthy();
    const rollback = ALARMS.filter((a) => a.service !== undefined);
    expect(rollback.every((a) => a.severity === "critical")).toBe(true);
    expect(rollback.map((a) => a.id)).toEqual(
      expect.arrayContaining(["ecs_cpu_critical", "alb_target_5xx", "alb_unhealthy_hosts"]),
    );
    for (const a of rollback) expect(tf.locals.service_alarms).toContain(`.${a.id} :`);
    expect(tf.locals.service_alarms).not.toContain("_warning");
    expect(tf.output.alarm_names.value).toBe("${sort(local.alarms[*].alarm_name)}");
  });

  it("documents alarms and thresholds in the README", () => {
    const readme = files["README.md"]!;
    expect(readme).toContain("## Alarms");
    expect(readme).toContain("| `ecs_cpu_warning_percent` | 70 |");
    expect(readme).toContain("| `alb_unhealthy_hosts` |");
  });

  it("gives env roots a typed call whose outputs are module references", () => {
    const stack = new TerraformStack(Testing.app(), "root");
    const monitoring = new MonitoringModule(stack, "monitoring", {
      source: "./monitoring",
      inputs: monitoringSpec.example,
    });
    const byService: Record<string, string[]> = monitoring.outputs.alarm_names_by_service;
    new TerraformOutput(stack, "by_service", { value: byService });
    new TerraformOutput(stack, "topic", { value: monitoring.outputs.topic_arn });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.module.monitoring.ecs_services.eshop.min_running).toBe(2);
    expect(synthesized.output.topic.value).toBe("${module.monitoring.topic_arn}");
    expect(synthesized.output.by_service.value).toBe("${module.monitoring.alarm_names_by_service}");
  });
});
