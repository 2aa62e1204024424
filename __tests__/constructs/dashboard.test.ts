import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { DashboardModule, DashboardModuleStack, dashboardSpec } from "../../constructs/dashboard";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { MonitoringModuleStack } from "../../constructs/monitoring";

const modules = generateModules([DashboardModuleStack, MonitoringModuleStack]);
const files = modules.get("dashboard")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const monitoring = JSON.parse(modules.get("monitoring")![MODULE_MAIN_FILE]!);
const INVENTORY = ["albs", "ecs_services", "apis", "databases", "caches"];

describe("dashboard module", () => {
  it("is a standalone module with one dashboard and no provider", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(Object.keys(tf.resource)).toEqual(["aws_cloudwatch_dashboard"]);
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
    for (const [name, v] of Object.entries(tf.variable) as [string, any][]) {
      expect([name, typeof v.description]).toEqual([name, "string"]);
    }
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

  it("declares and describes its outputs", () => {
    expect(Object.keys(tf.output).sort()).toEqual(["dashboard_arn", "dashboard_name"]);
    expect(tf.output.dashboard_arn.value).toBe("${aws_cloudwatch_dashboard.this.dashboard_arn}");
    for (const out of Object.values(tf.output) as any[]) expect(out.description).toBeTruthy();
  });

  it("gives env roots a typed call", () => {
    const stack = new TerraformStack(Testing.app(), "root");
    const dashboard = new DashboardModule(stack, "dashboard", {
      source: "./dashboard",
      inputs: {
        name: "shop-dev",
        region: "eu-north-1",
        ecs_services: dashboardSpec.example.ecs_services,
      },
    });
    new TerraformOutput(stack, "arn", { value: dashboard.outputs.dashboard_arn });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.module.dashboard.albs).toBeUndefined();
    expect(synthesized.module.dashboard.ecs_services.eshop.service_name).toBe("shop-prod-eshop");
    expect(synthesized.output.arn.value).toBe("${module.dashboard.dashboard_arn}");
  });
});
