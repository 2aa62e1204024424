import { after, addresses, changes, planEnvironment } from "../support/plan";
import { describeExample, EXAMPLE_ENVIRONMENTS, ingressOf } from "../support/reference-example";
import { rootsOf, synthPlatform } from "../support/synth";

const DOMAINS = { staging: "api.staging.healthcare.example", prod: "api.healthcare.example" };

/** Reference 002: API Gateway (HTTP API) → VPC link → internal ALB → ECS services → RDS. */
describeExample("healthcare-apigw.ts", "002", (build) => {
  it("is the built-in platform: dev byte for byte, staging and prod keep every address and add the edge", () => {
    const builtIn = synthPlatform();
    expect(builtIn.code).toBe(0);
    const roots = rootsOf(build.run.outdir);
    const dev = (all: Record<string, string>) =>
      Object.entries(all).filter(([file]) => file.startsWith("dev/"));
    expect(dev(roots)).toEqual(dev(rootsOf(builtIn.outdir)));
    for (const env of ["staging", "prod"] as const) {
      const now = new Set(addresses(build.plans[env]));
      const lost = addresses(planEnvironment(builtIn, env)).filter((a) => !now.has(a));
      expect([env, lost]).toEqual([env, []]);
    }
  });

  it("fronts the API with CloudFront and a CLOUDFRONT web ACL; the ALB turns away calls that skip it", () => {
    expect(addresses(build.plans.dev, "aws_cloudfront_distribution")).toEqual([]);
    for (const env of ["staging", "prod"] as const) {
      const plan = build.plans[env];
      const acl = after(changes(plan, "aws_wafv2_web_acl")[0]!);
      expect([env, acl.scope]).toEqual([env, "CLOUDFRONT"]);
      const rate = acl.rule.find((r: any) => r.statement[0].rate_based_statement.length > 0);
      expect(rate.statement[0].rate_based_statement[0].limit).toBe(1000);
      const distribution = changes(plan, "aws_cloudfront_distribution")[0]!;
      expect((distribution.change as any).after_unknown.web_acl_id).toBe(true);
      expect(after(distribution).aliases).toEqual([DOMAINS[env]]);
      // The origin is the API's execute-api host, over HTTPS only.
      const origin = after(distribution).origin[0];
      expect(origin.custom_origin_config[0].origin_protocol_policy).toBe("https-only");
      // Every service rule of the internal ALB requires the header only CloudFront sends.
      for (const rule of changes(plan, "aws_lb_listener_rule"))
        expect([
          env,
          rule.address,
          after(rule).condition.some((c: any) => c.http_header.length > 0),
        ]).toEqual([env, rule.address, true]);
      // The ALB stays internal, reached from the VPC link alone.
      expect([env, ingressOf(plan, "alb").map(([port]) => port)]).toEqual([env, [443]]);
      const records = changes(plan, "aws_route53_record").filter((r) =>
        r.address.startsWith("module.cdn."),
      );
      expect(records.map((r) => after(r).type).sort()).toEqual(["A", "AAAA"]);
    }
  });

  it("routes the public HTTP API through a VPC link to the internal ALB, by path to each service", () => {
    for (const env of EXAMPLE_ENVIRONMENTS) {
      const plan = build.plans[env];
      expect(after(changes(plan, "aws_apigatewayv2_api")[0]!).protocol_type).toBe("HTTP");
      expect(addresses(plan, "aws_apigatewayv2_vpc_link")).toHaveLength(1);
      const alb = changes(plan, "aws_lb").find((c) => c.address.startsWith("module.alb."))!;
      expect([env, after(alb).internal]).toEqual([env, true]);
      const paths = changes(plan, "aws_lb_listener_rule").map(
        (r) => after(r).condition.find((c: any) => c.path_pattern?.length)?.path_pattern[0].values,
      );
      expect(paths.flat().sort()).toEqual([
        "/doctor",
        "/doctor/*",
        "/eshop",
        "/eshop/*",
        "/pharmacy",
        "/pharmacy/*",
      ]);
      for (const route of changes(plan, "aws_apigatewayv2_route"))
        expect(after(route).authorization_type).toBe("JWT");
    }
  });

  it("keeps PostgreSQL private with the master password in Secrets Manager", () => {
    for (const env of EXAMPLE_ENVIRONMENTS) {
      const db = after(changes(build.plans[env], "aws_db_instance")[0]!);
      expect([env, db.engine, db.publicly_accessible, db.manage_master_user_password]).toEqual([
        env,
        "postgres",
        false,
        true,
      ]);
    }
    expect(after(changes(build.plans.prod, "aws_db_instance")[0]!).multi_az).toBe(true);
  });

  it("alarms on the SLO (99.9 % availability, p95 under 500 ms) and on ECS CPU 70 % / memory 80 %", () => {
    const alarms = changes(build.plans.prod, "aws_cloudwatch_metric_alarm").map((c) => after(c));
    const named = (pattern: RegExp) => alarms.filter((a) => pattern.test(a.alarm_name));
    expect(named(/p95/i).map((a) => a.threshold)).toContain(500);
    // The availability SLO pages through fast- and slow-burn composite alarms.
    const burns = changes(build.plans.prod, "aws_cloudwatch_composite_alarm").map((c) => c.address);
    expect(burns.some((a) => a.includes("fast_burn"))).toBe(true);
    const cpu = alarms.filter(
      (a) => a.metric_name === "CPUUtilization" && a.namespace === "AWS/ECS",
    );
    const memory = alarms.filter(
      (a) => a.metric_name === "MemoryUtilization" && a.namespace === "AWS/ECS",
    );
    // The write-up's values are the warnings; the critical alarms sit above them (90 / 95).
    expect(Math.min(...cpu.map((a) => a.threshold))).toBe(70);
    expect(Math.min(...memory.map((a) => a.threshold))).toBe(80);
  });
});
