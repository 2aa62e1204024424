import { after, addresses, changes } from "../support/plan";
import { describeExample, EXAMPLE_ENVIRONMENTS, ingressOf } from "../support/reference-example";

/** Reference 000: one EC2 host running Docker Compose behind HTTPS, RDS MySQL, alarms by e-mail. */
describeExample("wisling-ec2-compose.ts", "000", (build) => {
  it("runs one Compose host (an Auto Scaling group of one) with IMDSv2 and a Run Command deploy", () => {
    for (const env of EXAMPLE_ENVIRONMENTS) {
      const plan = build.plans[env];
      const group = after(changes(plan, "aws_autoscaling_group")[0]!);
      expect([env, group.min_size, group.max_size]).toEqual([env, 1, 1]);
      const template = after(changes(plan, "aws_launch_template")[0]!);
      expect(template.metadata_options[0]).toMatchObject({
        http_tokens: "required",
        http_put_response_hop_limit: 1,
      });
      expect(after(changes(plan, "aws_ssm_document")[0]!).document_type).toBe("Command");
    }
    expect(after(changes(build.plans.prod, "aws_launch_template")[0]!).instance_type).toBe(
      "t3.large",
    );
  });

  it("serves the domain over HTTPS on a public ALB; the host admits only the ALB, never SSH", () => {
    const plan = build.plans.prod;
    expect(after(changes(plan, "aws_lb")[0]!).internal).toBe(false);
    const listeners = changes(plan, "aws_lb_listener").map((l) => after(l));
    expect(listeners.find((l) => l.port === 443)!.protocol).toBe("HTTPS");
    expect(addresses(plan, "aws_acm_certificate")).toHaveLength(1);
    const alias = changes(plan, "aws_route53_record").find((r) => after(r).type === "A")!;
    expect(after(alias).name).toBe("app.wisling.example");
    expect(ingressOf(plan, "alb")).toEqual([
      [80, "0.0.0.0/0"],
      [443, "0.0.0.0/0"],
    ]);
    const ingress = changes(plan, "aws_vpc_security_group_ingress_rule").map((r) => after(r));
    expect(ingress.filter((r) => r.from_port <= 22 && r.to_port >= 22)).toEqual([]);
    expect(ingressOf(plan, "host_app")).toEqual([[80, null]]);
  });

  it("pushes images to immutable ECR repositories the host may pull from", () => {
    const repositories = changes(build.plans.prod, "aws_ecr_repository").map((r) => after(r));
    expect(repositories.map((r) => [r.name, r.image_tag_mutability])).toEqual([
      ["wisling/backend", "IMMUTABLE"],
      ["wisling/frontend", "IMMUTABLE"],
    ]);
  });

  it("keeps RDS MySQL 8.4 private, 15 days of backups, deletion protection in prod, reached by the host", () => {
    const plan = build.plans.prod;
    const db = after(changes(plan, "aws_db_instance")[0]!);
    expect(db).toMatchObject({
      engine: "mysql",
      engine_version: "8.4",
      backup_retention_period: 15,
      deletion_protection: true,
      publicly_accessible: false,
      storage_encrypted: true,
    });
    expect(addresses(plan, "aws_vpc_security_group_ingress_rule")).toContain(
      'module.database_main.aws_vpc_security_group_ingress_rule.client["app"]',
    );
  });

  it("alarms on the host's CPU and memory (CloudWatch agent) to e-mail", () => {
    const alarms = changes(build.plans.prod, "aws_cloudwatch_metric_alarm")
      .filter((a) => a.address.startsWith("module.host_app."))
      .map((a) => after(a).metric_name);
    expect(alarms).toEqual(expect.arrayContaining(["CPUUtilization", "mem_used_percent"]));
    const subscriptions = changes(build.plans.prod, "aws_sns_topic_subscription").map((s) =>
      after(s),
    );
    expect(subscriptions.some((s) => s.protocol === "email")).toBe(true);
  });
});
