import { DashboardModuleStack } from "../../constructs/dashboard";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { MonitoringModuleStack } from "../../constructs/monitoring";

const modules = generateModules([DashboardModuleStack, MonitoringModuleStack]);
const files = modules.get("dashboard")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const monitoring = JSON.parse(modules.get("monitoring")![MODULE_MAIN_FILE]!);
const INVENTORY = ["albs", "ecs_services", "apis", "databases", "caches"];

describe("dashboard module", () => {
  it("is a standalone module with its dashboards and no provider", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(Object.keys(tf.resource).sort()).toEqual([
      "aws_cloudwatch_dashboard",
      "aws_cloudwatch_log_metric_filter",
    ]);
    expect(Object.keys(tf.resource.aws_cloudwatch_dashboard).sort()).toEqual([
      "business",
      "infrastructure",
      "security",
      "this",
    ]);
    expect(tf.resource.aws_cloudwatch_dashboard.this).toEqual({
      dashboard_name: "${var.name}",
      dashboard_body: "${jsonencode({ widgets = local.widgets })}",
    });
  });

  it("takes the monitoring module's inventory variables unchanged, all defaulting to empty", () => {
    for (const name of INVENTORY) {
      expect(tf.variable[name]).toEqual(monitoring.variable[name]);
      expect(tf.variable[name].default).toEqual({});
    }
    expect(tf.variable.alarm_arns.default).toEqual([]);
    expect(tf.variable.region.validation[0].error_message).toContain("eu-north-1");
  });

  it("builds widgets from for expressions over the inventory, in key order", () => {
    const { locals } = tf;
    expect(locals.alarm_rows).toBe("${chunklist(sort(var.alarm_arns), 100)}");
    expect(locals.application).toContain("for k, tg in local.target_groups");
    expect(locals.application).toContain('"TargetResponseTime"');
    expect(locals.application).toContain('stat = "p99"');
    expect(locals.application).toContain("for k, a in var.apis");
    expect(locals.infrastructure).toContain('"ECS/ContainerInsights", "RunningTaskCount"');
    expect(locals.infrastructure).toContain('"DatabaseConnections"');
    expect(locals.infrastructure).toContain('"FreeStorageSpace"');
    expect(locals.infrastructure).toContain("for m in c.member_clusters");
    expect(locals.infrastructure).toContain('"Evictions"');
    expect(locals.widgets).toContain('type = "text", x = 0, y = 0');
    expect(locals.widgets).toContain("# ${var.name}");
    // Every widget gets an explicit position; nothing is left to CloudWatch's auto-layout.
    expect(locals.widgets).toContain("merge(w, { x = i * floor(24 / length(row))");
    expect(JSON.stringify(tf)).not.toMatch(/region = "[a-z]{2}-/);
  });

  it("outputs its dashboards", () => {
    expect(Object.keys(tf.output).sort()).toEqual([
      "dashboard_arn",
      "dashboard_name",
      "dashboard_names",
    ]);
    expect(tf.output.dashboard_arn.value).toBe("${aws_cloudwatch_dashboard.this.dashboard_arn}");
  });

  it("has a security dashboard with 4xx/5xx, failed authorizations, WAF blocks and console sign-in failures", () => {
    const { locals, resource } = tf;
    expect(resource.aws_cloudwatch_dashboard.security.dashboard_name).toBe("${var.name}-security");
    expect(locals.security).toContain('"HTTPCode_ELB_4XX_Count"');
    expect(locals.security).toContain('"AWS/ApiGateway", "4xx"');
    expect(locals.security).toContain('"AWS/WAFV2", "BlockedRequests", "WebACL", w.metric_name');
    expect(locals.security).toContain('w.scope == "REGIONAL" ? var.region : "us-east-1"');
    expect(locals.security).toContain('"${var.name}/Security", "ConsoleSignInFailures"');
    const auth = resource.aws_cloudwatch_log_metric_filter.failed_authorizations;
    expect(auth).toMatchObject({
      for_each: "${var.api_access_log_groups}",
      pattern: '{ ($.status = "401") || ($.status = "403") }',
    });
    expect(auth.metric_transformation.namespace).toBe("${var.name}/Security");
    const console = resource.aws_cloudwatch_log_metric_filter.console_sign_in_failures;
    expect(console.count).toBe("${var.cloudtrail_log_group_name == null ? 0 : 1}");
    expect(console.pattern).toContain('$.eventName = "ConsoleLogin"');
  });

  it("draws business metrics from a custom namespace on their own dashboard, when given", () => {
    const business = tf.resource.aws_cloudwatch_dashboard.business;
    expect(business.count).toBe("${var.business_metrics == null ? 0 : 1}");
    expect(tf.locals.business).toContain("var.business_metrics.namespace, m.name");
    expect(tf.resource.aws_cloudwatch_dashboard.infrastructure.dashboard_body).toBe(
      "${jsonencode({ widgets = local.infrastructure_widgets })}",
    );
  });
});
