import { after, addresses, changes } from "../support/plan";
import { describeExample, ingressOf } from "../support/reference-example";

const SERVICES = ["ai-service", "backend", "frontend", "qdrant", "redis"];

/** Reference 003: ECS on EC2 with Cloud Map discovery, EFS for Qdrant, Redis as a task. */
describeExample("ai-platform-ecs-ec2.ts", "003", (build) => {
  it("runs every service on an EC2 capacity provider (m7i.xlarge, IMDSv2), none on Fargate", () => {
    const plan = build.plans.prod;
    const provider = after(changes(plan, "aws_ecs_capacity_provider")[0]!);
    expect(provider.auto_scaling_group_provider[0].managed_scaling[0].target_capacity).toBe(100);
    const template = after(changes(plan, "aws_launch_template")[0]!);
    expect(template.instance_type).toBe("m7i.xlarge");
    expect(template.metadata_options[0].http_tokens).toBe("required");
    const tasks = changes(plan, "aws_ecs_task_definition").map((t) => after(t));
    expect(tasks.map((t) => t.requires_compatibilities)).toEqual(SERVICES.map(() => ["EC2"]));
    for (const s of changes(plan, "aws_ecs_service"))
      expect(after(s).capacity_provider_strategy.map((c: any) => c.capacity_provider)).toEqual([
        "ai-platform-prod-general",
      ]);
  });

  it("finds internal services through Cloud Map and routes only the frontend and backend publicly", () => {
    const plan = build.plans.prod;
    expect(after(changes(plan, "aws_service_discovery_private_dns_namespace")[0]!).name).toBe(
      "ai-platform-prod.local",
    );
    const discovered = changes(plan, "aws_service_discovery_service").map((s) => after(s).name);
    expect(discovered.sort()).toEqual(["ai-service", "backend", "qdrant", "redis"]);
    const paths = changes(plan, "aws_lb_listener_rule").flatMap((r) =>
      after(r).condition.flatMap((c: any) => c.path_pattern?.[0]?.values ?? []),
    );
    expect(paths.sort()).toEqual(["/*", "/api", "/api/*"]);
    expect(ingressOf(plan, "alb")).toEqual([
      [80, "0.0.0.0/0"],
      [443, "0.0.0.0/0"],
    ]);
  });

  it("opens exactly the declared service-to-service paths and the MongoDB Atlas egress", () => {
    const plan = build.plans.prod;
    const from = (service: string) =>
      changes(plan, "aws_vpc_security_group_ingress_rule")
        .filter((r) => r.address.startsWith(`module.service_${service.replace("-", "_")}.`))
        .map((r) => r.address.replace(/^.*\.aws_vpc_security_group_ingress_rule\./, ""));
    expect(from("qdrant")).toEqual(['from_security_group["ai-service"]']);
    expect(from("redis")).toEqual(['from_security_group["backend"]']);
    const atlas = changes(plan, "aws_vpc_security_group_egress_rule")
      .map((r) => after(r))
      .filter((r) => r.from_port === 27017);
    expect(atlas.map((r) => r.cidr_ipv4)).toEqual(["192.0.2.0/24"]);
  });

  it("keeps Qdrant's data on encrypted EFS through an access point, and no RDS at all", () => {
    const plan = build.plans.prod;
    expect(after(changes(plan, "aws_efs_file_system")[0]!).encrypted).toBe(true);
    expect(after(changes(plan, "aws_efs_access_point")[0]!).root_directory[0].path).toBe("/qdrant");
    const qdrant = changes(plan, "aws_ecs_task_definition").find((t) =>
      t.address.startsWith("module.service_qdrant."),
    )!;
    expect(after(qdrant).volume[0].efs_volume_configuration[0].transit_encryption).toBe("ENABLED");
    expect(addresses(plan, "aws_db_instance")).toEqual([]);
    expect(addresses(plan, "aws_rds_cluster")).toEqual([]);
  });

  it("reaches ECR, logs, Secrets Manager and STS through interface endpoints", () => {
    const endpoints = changes(build.plans.prod, "aws_vpc_endpoint")
      .map((e) => after(e))
      .filter((e) => e.vpc_endpoint_type === "Interface")
      .map((e) => e.service_name.replace("com.amazonaws.us-east-1.", ""));
    expect(endpoints.sort()).toEqual(["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sts"]);
  });
});
