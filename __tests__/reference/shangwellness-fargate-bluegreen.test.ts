import { after, addresses, changes } from "../support/plan";
import { describeExample, EXAMPLE_ENVIRONMENTS } from "../support/reference-example";

/** Reference 001: CloudFront → ALB → Fargate with a CodeDeploy canary, Aurora Serverless v2. */
describeExample("shangwellness-fargate-bluegreen.ts", "001", (build) => {
  it("puts CloudFront in front of an ALB that admits only CloudFront's prefix list", () => {
    for (const env of EXAMPLE_ENVIRONMENTS) {
      const plan = build.plans[env];
      expect([env, addresses(plan, "aws_cloudfront_distribution").length]).toEqual([env, 1]);
      const ingress = changes(plan, "aws_vpc_security_group_ingress_rule")
        .filter((r) => r.address.startsWith("module.alb."))
        .map((r) => after(r));
      const open = ingress.filter((r) => r.cidr_ipv4 === "0.0.0.0/0");
      expect([env, open]).toEqual([env, []]);
      expect(ingress.find((r) => r.from_port === 443)!.prefix_list_id).toBe("pl-9aa247f3");
    }
    const cdn = after(changes(build.plans.prod, "aws_cloudfront_distribution")[0]!);
    expect(cdn.aliases).toEqual(["app.shangwellness.example"]);
    expect(cdn.ordered_cache_behavior.map((b: any) => b.path_pattern)).toContain("/static/*");
  });

  it("deploys the Fargate service blue/green through CodeDeploy with a 10 % / 5 minute canary", () => {
    const plan = build.plans.prod;
    const service = after(changes(plan, "aws_ecs_service")[0]!);
    expect(service.deployment_controller).toEqual([{ type: "CODE_DEPLOY" }]);
    const group = after(changes(plan, "aws_codedeploy_deployment_group")[0]!);
    expect(group.deployment_config_name).toBe("CodeDeployDefault.ECSCanary10Percent5Minutes");
    expect(group.deployment_style[0].deployment_type).toBe("BLUE_GREEN");
    for (const g of changes(plan, "aws_lb_target_group"))
      expect(after(g).health_check[0].path).toBe("/healthcheck");
    const groups = changes(plan, "aws_lb_target_group").map((g) => after(g).name);
    expect(groups.sort()).toEqual(["shangwell-prod-web", "shangwell-prod-web-green"]);
    const test = changes(plan, "aws_lb_listener").find((l) => after(l).port === 8443)!;
    expect(after(test).protocol).toBe("HTTPS");
  });

  it("scales the service between 1 and 10 tasks on CPU 70 % and memory 80 %", () => {
    const plan = build.plans.prod;
    const target = after(changes(plan, "aws_appautoscaling_target")[0]!);
    expect([target.min_capacity, target.max_capacity]).toEqual([1, 10]);
    const targets = changes(plan, "aws_appautoscaling_policy").map((p) => {
      const tracking = after(p).target_tracking_scaling_policy_configuration[0];
      return [
        tracking.predefined_metric_specification[0].predefined_metric_type,
        tracking.target_value,
      ];
    });
    expect(targets.sort()).toEqual([
      ["ECSServiceAverageCPUUtilization", 70],
      ["ECSServiceAverageMemoryUtilization", 80],
    ]);
  });

  it("builds the image by CodePipeline into an immutable ECR repository", () => {
    const plan = build.plans.prod;
    expect(addresses(plan, "aws_codepipeline")).toHaveLength(1);
    expect(addresses(plan, "aws_codebuild_project")).toHaveLength(1);
    const repository = after(changes(plan, "aws_ecr_repository")[0]!);
    expect(repository.image_tag_mutability).toBe("IMMUTABLE");
  });

  it("runs Aurora MySQL Serverless v2 (0.5–8 ACU) privately, with the master password in Secrets Manager", () => {
    const plan = build.plans.prod;
    const cluster = after(changes(plan, "aws_rds_cluster")[0]!);
    expect(cluster).toMatchObject({
      engine: "aurora-mysql",
      serverlessv2_scaling_configuration: [{ min_capacity: 0.5, max_capacity: 8 }],
      master_username: "admin",
      manage_master_user_password: true,
      storage_encrypted: true,
      deletion_protection: true,
    });
    for (const instance of changes(plan, "aws_rds_cluster_instance"))
      expect(after(instance)).toMatchObject({
        instance_class: "db.serverless",
        publicly_accessible: false,
      });
  });
});
