import { PlanJson } from "../../tools/terraform/runner";
import { addresses, after, changes, planEnvironment } from "../support/plan";
import { ADDED_SERVICE, grownPlatformConfig, isReplicaAddress } from "../support/grown-platform";
import { synthPlatform } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

const SERVICES = ["eshop", "pharmacy", "doctor"];

const rootCall = (plan: PlanJson, call: string) =>
  (plan.configuration as any).root_module.module_calls[call];
const refs = (plan: PlanJson, call: string, input: string): string[] =>
  rootCall(plan, call).expressions[input]?.references ?? [];

describeTerraform("private API path (reference 002) in the prod plan", () => {
  let plan: PlanJson;
  let grown: PlanJson;

  beforeAll(() => {
    const run = synthPlatform({ env: { PLATFORM_ENVIRONMENTS: "prod" } });
    expect(run.stderr).toBe("");
    plan = planEnvironment(run, "prod");
    const grownRun = synthPlatform({
      env: { PLATFORM_ENVIRONMENTS: "prod", PLATFORM_CONFIG: grownPlatformConfig() },
    });
    expect(grownRun.stderr).toBe("");
    grown = planEnvironment(grownRun, "prod");
  });

  it("wires API Gateway → VPC link → internal ALB listener → one ECS service per config entry", () => {
    expect(refs(plan, "api", "vpc_link_id")).toContain("module.vpc_link.vpc_link_id");
    expect(refs(plan, "api", "alb_listener_arn")).toContain("module.alb.listener_arn");
    expect(refs(plan, "vpc_link", "alb_security_group_id")).toContain(
      "module.alb.security_group_id",
    );
    expect(refs(plan, "vpc_link", "subnet_ids")).toContain("module.vpc.private_subnet_ids");
    for (const s of SERVICES) {
      expect(refs(plan, `service_${s}`, "alb_security_group_id")).toContain(
        "module.alb.security_group_id",
      );
      expect(refs(plan, `service_${s}`, "target_group_arn")).toContain(
        "module.alb.target_group_arns",
      );
      expect(refs(plan, `service_${s}`, "subnet_ids")).toContain("module.vpc.private_subnet_ids");
    }
    const alb = changes(plan, "aws_lb")[0]!;
    expect(after(alb)).toMatchObject({
      internal: true,
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
    });
    const integrations = changes(plan, "aws_apigatewayv2_integration");
    expect(integrations.map((i) => after(i).integration_type)).toEqual(
      SERVICES.map(() => "HTTP_PROXY"),
    );
    expect(integrations.every((i) => after(i).connection_type === "VPC_LINK")).toBe(true);
    expect(addresses(plan, "aws_ecs_service").length).toBe(SERVICES.length);
  });

  it("has no 0.0.0.0/0 ingress anywhere", () => {
    for (const rule of changes(plan, "aws_vpc_security_group_ingress_rule")) {
      expect([rule.address, after(rule).cidr_ipv4]).not.toEqual([rule.address, "0.0.0.0/0"]);
    }
    for (const sg of changes(plan, "aws_security_group")) {
      for (const ingress of after(sg).ingress ?? [])
        expect(ingress.cidr_blocks ?? []).not.toContain("0.0.0.0/0");
    }
  });

  it("lets each service admit only the ALB, and the ALB only the VPC link", () => {
    for (const s of SERVICES) {
      const ingress = changes(plan, "aws_vpc_security_group_ingress_rule").filter((r) =>
        r.address.startsWith(`module.service_${s}.`),
      );
      expect(ingress.length).toBe(1);
      expect(after(ingress[0]!).cidr_ipv4 ?? null).toBeNull();
      expect(after(ingress[0]!).from_port).toBe(8080);
    }
    const albIngress = changes(plan, "aws_vpc_security_group_ingress_rule").filter((r) =>
      r.address.startsWith("module.alb."),
    );
    expect(albIngress.map((r) => r.address)).toEqual([
      'module.alb.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:443"]',
    ]);
  });

  it("gives every target group a health check", () => {
    const groups = changes(plan, "aws_lb_target_group");
    expect(groups.length).toBe(SERVICES.length);
    for (const tg of groups) {
      expect(after(tg).target_type).toBe("ip");
      expect(after(tg).health_check[0]).toMatchObject({ enabled: true, path: "/health" });
    }
  });

  it("keeps listener-rule priorities unique, and unchanged when a fourth service is added", () => {
    const priorities = (p: PlanJson) =>
      Object.fromEntries(
        changes(p, "aws_lb_listener_rule").map((r) => [r.address, after(r).priority]),
      );
    const before = priorities(plan);
    expect(new Set(Object.values(before)).size).toBe(Object.keys(before).length);
    expect(priorities(grown)).toEqual({
      ...before,
      [`module.alb.aws_lb_listener_rule.service["${ADDED_SERVICE}"]`]: 400,
    });
  });

  it("adding a service only adds: every existing address stays", () => {
    const old = addresses(plan);
    const now = new Set(addresses(grown));
    expect(old.filter((a) => !now.has(a))).toEqual([]);
    // The grown platform also adds a read replica (data-tier.test.ts checks what that adds).
    const added = [...now].filter((a) => !old.includes(a) && !isReplicaAddress(a));
    expect(added.filter((a) => !a.includes(ADDED_SERVICE))).toEqual([]);
  });

  it("every ALB, target group, service, API and database has alarms that notify on ALARM and OK", () => {
    // The SLO's window alarms have no actions: the composite alarm over each pair notifies.
    const isWindow = (address: string) => /\.slo_[a-z]+_5xx_\d+[hm]\[/.test(address);
    const alarms = changes(plan, "aws_cloudwatch_metric_alarm").filter((a) => !isWindow(a.address));
    const composites = changes(plan, "aws_cloudwatch_composite_alarm");
    expect(composites.length).toBeGreaterThan(0);
    // The topic ARN is unknown until apply, so the plan marks the action lists (or each entry) unknown.
    const pointsAtTopic = (v: unknown) =>
      v === true || (Array.isArray(v) && v.length === 1 && v[0] === true);
    for (const alarm of [...alarms, ...composites]) {
      const unknown = alarm.change.after_unknown as Record<string, unknown>;
      expect([alarm.address, after(alarm).actions_enabled]).toEqual([alarm.address, true]);
      expect([
        alarm.address,
        pointsAtTopic(unknown.alarm_actions),
        pointsAtTopic(unknown.ok_actions),
      ]).toEqual([alarm.address, true, true]);
    }
    const keys = (kind: string) =>
      alarms.filter((a) => a.address.includes(`.${kind}[`)).map((a) => a.address.split("[")[1]);
    expect(keys("alb_elb_5xx").length).toBeGreaterThan(0);
    for (const s of SERVICES) {
      expect(keys("ecs_cpu_critical")).toContain(`"${s}"]`);
      expect(keys("ecs_memory_critical")).toContain(`"${s}"]`);
      expect(keys("ecs_running_tasks")).toContain(`"${s}"]`);
      expect(
        alarms.some((a) => a.address.includes("unhealthy_hosts") && a.address.includes(s)),
      ).toBe(true);
    }
    expect(alarms.some((a) => a.address.includes(".api_") && a.address.includes('"public"'))).toBe(
      true,
    );
    expect(alarms.some((a) => a.address.includes(".db_cpu") && a.address.includes('"main"'))).toBe(
      true,
    );
  });

  it("adding a service adds its alarms and dashboard inputs without touching the others", () => {
    const added = addresses(grown).filter(
      (a) => !addresses(plan).includes(a) && !isReplicaAddress(a),
    );
    expect(added.filter((a) => a.startsWith("module.monitoring.")).length).toBeGreaterThan(3);
    expect(added.filter((a) => !a.includes(ADDED_SERVICE))).toEqual([]);
  });

  it("prod has CloudTrail, a budget and a backup plan selecting the database", () => {
    expect(after(changes(plan, "aws_cloudtrail")[0]!)).toMatchObject({
      is_multi_region_trail: true,
      enable_log_file_validation: true,
    });
    expect(
      after(changes(plan, "aws_budgets_budget").find((b) => b.address.endsWith(".this"))!),
    ).toMatchObject({
      budget_type: "COST",
      limit_amount: "6000.00",
      time_unit: "MONTHLY",
    });
    expect(changes(plan, "aws_backup_plan")).toHaveLength(1);
    expect(
      after(changes(plan, "aws_db_instance").find((d) => d.address.endsWith("this[0]"))!).tags,
    ).toMatchObject({ Backup: "true" });
  });
});
