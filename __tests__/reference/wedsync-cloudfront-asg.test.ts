import { after, addresses, changes, moduleConfig } from "../support/plan";
import { describeExample, EXAMPLE_ENVIRONMENTS, ingressOf } from "../support/reference-example";

/**
 * Reference 004: CloudFront with WAF → ALB → an Auto Scaling tier, RDS PostgreSQL Multi-AZ with
 * replicas, Redis, backups with a DR copy, NACLs and budgets.
 */
describeExample("wedsync-cloudfront-asg.ts", "004", (build) => {
  it("puts a CLOUDFRONT-scope web ACL with a rate limit on the distribution; the ALB admits only CloudFront", () => {
    for (const env of EXAMPLE_ENVIRONMENTS) {
      const plan = build.plans[env];
      const acl = after(changes(plan, "aws_wafv2_web_acl")[0]!);
      expect([env, acl.scope]).toEqual([env, "CLOUDFRONT"]);
      const rate = acl.rule.find((r: any) => r.statement[0].rate_based_statement.length > 0);
      expect(rate.statement[0].rate_based_statement[0]).toMatchObject({
        limit: 2000,
        evaluation_window_sec: 300,
      });
      const distribution = changes(plan, "aws_cloudfront_distribution")[0]!;
      expect((distribution.change as any).after_unknown.web_acl_id).toBe(true);
      expect([env, ingressOf(plan, "alb")]).toEqual([env, [[443, "pl-3b927c52"]]]);
    }
  });

  it("alarms on blocked-request spikes in us-east-1, where the CLOUDFRONT ACL's metrics are", () => {
    for (const env of EXAMPLE_ENVIRONMENTS) {
      const plan = build.plans[env];
      const acl = after(changes(plan, "aws_wafv2_web_acl")[0]!);
      const alarms = changes(plan, "aws_cloudwatch_metric_alarm").filter((c) =>
        c.address.includes(".waf_blocked_requests"),
      );
      expect([env, alarms.map((c) => c.address)]).toEqual([
        env,
        [`module.monitoring.aws_cloudwatch_metric_alarm.waf_blocked_requests_edge["${acl.name}"]`],
      ]);
      expect(after(alarms[0]!)).toMatchObject({
        namespace: "AWS/WAFV2",
        metric_name: "BlockedRequests",
        dimensions: { WebACL: acl.name, Rule: "ALL" },
      });
      const config = moduleConfig(plan, "monitoring").resources.find(
        (r: any) => r.address === "aws_cloudwatch_metric_alarm.waf_blocked_requests_edge",
      );
      expect(config.provider_config_key).toContain("us_east_1");
      // It notifies a topic of its own Region, encrypted with a key there.
      expect(addresses(plan, "aws_sns_topic")).toContain("module.monitoring.aws_sns_topic.edge[0]");
      expect(addresses(plan, "aws_kms_key")).toContain(
        "module.monitoring.aws_kms_key.alarms_edge[0]",
      );
    }
  });

  it("runs the application tier as an Auto Scaling group: step scaling +2/−1, night and morning schedules", () => {
    const plan = build.plans.prod;
    const group = after(changes(plan, "aws_autoscaling_group")[0]!);
    expect(group).toMatchObject({ min_size: 2, max_size: 10, health_check_type: "ELB" });
    const steps = changes(plan, "aws_autoscaling_policy").map((p) => [
      after(p).policy_type,
      after(p).step_adjustment[0].scaling_adjustment,
    ]);
    expect(steps.sort()).toEqual([
      ["StepScaling", -1],
      ["StepScaling", 2],
    ]);
    // Step policies have no cooldown of their own: the 300 s is each step's instance warm-up.
    for (const p of changes(plan, "aws_autoscaling_policy"))
      expect(after(p).estimated_instance_warmup).toBe(300);
    const schedules = changes(plan, "aws_autoscaling_schedule").map((s) => after(s).recurrence);
    expect(schedules.sort()).toEqual(["0 23 * * *", "0 6 * * *"]);
    const template = after(changes(plan, "aws_launch_template")[0]!);
    expect(template.metadata_options[0].http_tokens).toBe("required");
    expect(template.block_device_mappings[0].ebs[0].encrypted).toBe("true");
  });

  it("checks /api/health every 30 s (2 up, 3 down) with sticky sessions, and deploys with CodeDeploy", () => {
    const plan = build.plans.prod;
    const target = after(changes(plan, "aws_lb_target_group")[0]!);
    expect(target.health_check[0]).toMatchObject({
      path: "/api/health",
      interval: 30,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
    expect(target.stickiness[0]).toMatchObject({ enabled: true, type: "lb_cookie" });
    // The tier's target group is alarmed like any behind the ALB: 5xx, latency, unhealthy hosts.
    const tierAlarms = addresses(plan, "aws_cloudwatch_metric_alarm").filter((a) =>
      a.endsWith('["public/app"]'),
    );
    expect(tierAlarms.length).toBeGreaterThanOrEqual(3);
    const deployment = after(changes(plan, "aws_codedeploy_deployment_group")[0]!);
    expect(deployment.autoscaling_groups).toEqual(["wedsync-prod-app"]);
    expect(deployment.auto_rollback_configuration[0].enabled).toBe(true);
  });

  it("lets the tier's instances read its two secrets and use the uploads bucket, and nothing else", () => {
    const root = build.roots.prod;
    const granted = root.module.app_tier_app.instance_role_statements.map((s: any) => s.sid);
    expect(granted.sort()).toEqual([
      "AppSecretsKey",
      "BucketUploadsKey",
      "BucketUploadsList",
      "BucketUploadsObjects",
      "SecretApiKeysRead",
      "SecretWebhooksRead",
    ]);
    // The secrets' resource policies name the tier's role as their one reader.
    const readers = root.module.app_secrets.readers;
    expect(readers).toEqual({
      "api-keys": ["${module.app_tier_app.instance_role_arn}"],
      webhooks: ["${module.app_tier_app.instance_role_arn}"],
    });
    expect(addresses(build.plans.prod, "aws_iam_role_policy")).toContain(
      "module.app_tier_app.aws_iam_role_policy.app[0]",
    );
  });

  it("runs PostgreSQL Multi-AZ on 500 GB gp2 up to 2 TB, with replicas in two other AZs", () => {
    const instances = changes(build.plans.prod, "aws_db_instance");
    const primary = after(instances.find((i) => i.address.endsWith("this[0]"))!);
    expect(primary).toMatchObject({
      engine: "postgres",
      instance_class: "db.r5.xlarge",
      allocated_storage: 500,
      max_allocated_storage: 2000,
      storage_type: "gp2",
      multi_az: true,
      backup_retention_period: 30,
      backup_window: "03:00-03:30",
      maintenance_window: "sun:04:00-sun:05:00",
      publicly_accessible: false,
      storage_encrypted: true,
    });
    const replicas = instances.filter((i) => i.address.includes(".replica["));
    expect(replicas.map((r) => after(r).availability_zone).sort()).toEqual([
      "us-east-1b",
      "us-east-1c",
    ]);
    const lag = changes(build.plans.prod, "aws_cloudwatch_metric_alarm")
      .map((a) => after(a))
      .filter((a) => a.metric_name === "ReplicaLag");
    expect(lag.map((a) => a.threshold)).toEqual([5, 5]);
  });

  it("keeps Redis Multi-AZ with TLS, reached only by the tier, like the database", () => {
    const plan = build.plans.prod;
    const cache = after(changes(plan, "aws_elasticache_replication_group")[0]!);
    expect(cache).toMatchObject({
      engine: "redis",
      num_cache_clusters: 3,
      multi_az_enabled: true,
      transit_encryption_enabled: true,
    });
    expect(addresses(plan, "aws_vpc_security_group_ingress_rule")).toEqual(
      expect.arrayContaining([
        'module.cache_sessions.aws_vpc_security_group_ingress_rule.clients["app"]',
        'module.database_main.aws_vpc_security_group_ingress_rule.client["app"]',
      ]),
    );
  });

  it("backs up daily, weekly and monthly with copies to us-west-2; NACLs per tier; daily and monthly budgets", () => {
    const plan = build.plans.prod;
    const rules = after(changes(plan, "aws_backup_plan")[0]!).rule;
    expect(rules.map((r: any) => r.copy_action[0].destination_vault_arn)).toEqual(
      rules.map(() => "arn:aws:backup:us-west-2:333333333333:backup-vault:wedsync-dr"),
    );
    expect(addresses(plan, "aws_network_acl").sort()).toEqual([
      'module.vpc.aws_network_acl.this["database"]',
      'module.vpc.aws_network_acl.this["private"]',
      'module.vpc.aws_network_acl.this["public"]',
    ]);
    const budgets = changes(plan, "aws_budgets_budget").map((b) => after(b).time_unit);
    expect(budgets.sort()).toEqual(["DAILY", "MONTHLY"]);
    expect(addresses(plan, "aws_ce_anomaly_subscription")).toHaveLength(1);
  });
});
