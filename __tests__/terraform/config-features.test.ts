import * as fs from "node:fs";
import * as path from "node:path";
import { resolvePlatform } from "../../config/resolve";
import { PlanJson } from "../../tools/terraform/runner";
import { FEATURE_CONFIGS } from "../support/feature-matrix";
import { addresses, after, changes, planEnvironment } from "../support/plan";
import { readRoot, scratchDir, synthPlatform } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

/**
 * Configs that validate must plan: every config of the feature matrix (which together set
 * every schema field, see __tests__/config/schema-coverage.test.ts) is synthesized through
 * the app and planned with real Terraform in each environment it defines.
 */
const plans = new Map<string, PlanJson>();
const roots = new Map<string, Record<string, any>>();

describeTerraform("every config feature plans with real Terraform", () => {
  beforeAll(() => {
    for (const { name, config } of FEATURE_CONFIGS) {
      const file = path.join(scratchDir(`features-${name}`), `${name}.json`);
      fs.writeFileSync(file, JSON.stringify(config));
      const run = synthPlatform({ env: { PLATFORM_CONFIG: file } });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      for (const env of resolvePlatform(config)) {
        plans.set(`${name}/${env.name}`, planEnvironment(run, env.name));
        roots.set(`${name}/${env.name}`, readRoot(run, env.name));
      }
    }
  });

  const plan = (key: string) => plans.get(key)!;
  const logGroup = (p: PlanJson, address: string) =>
    after(changes(p, "aws_cloudwatch_log_group").find((c) => c.address.startsWith(address))!);

  it("plans every environment of every config", () => {
    expect([...plans.keys()]).toEqual([
      "private-api/prod",
      "public-alb/qa",
      "public-alb/lab",
      "compute/prod",
      "edge/prod",
      "edge/qa",
      "edge/dev",
      "edge/api",
    ]);
    for (const p of plans.values()) expect(changes(p).length).toBeGreaterThan(50);
  });

  it("builds Aurora Serverless v2 with db.serverless instances and Aurora readers", () => {
    const p = plan("private-api/prod");
    const clusters = changes(p, "aws_rds_cluster");
    const catalog = clusters.find((c) => c.address.startsWith("module.database_catalog."))!;
    expect(after(catalog).serverlessv2_scaling_configuration).toEqual([
      expect.objectContaining({ min_capacity: 0.5, max_capacity: 8 }),
    ]);
    const instances = changes(p, "aws_rds_cluster_instance");
    const classes = (db: string) =>
      instances
        .filter((i) => i.address.startsWith(`module.database_${db}.`))
        .map((i) => after(i).instance_class);
    expect(classes("catalog")).toEqual(["db.serverless", "db.serverless"]);
    expect(classes("orders")).toEqual(["db.r7g.large", "db.r7g.large", "db.r7g.large"]);
  });

  it("keeps audit logs by audit.logRetentionDays, application logs by logRetentionDays", () => {
    const p = plan("private-api/prod");
    expect(logGroup(p, "module.audit.").retention_in_days).toBe(545);
    expect(logGroup(p, "module.ecs_cluster.").retention_in_days).toBe(545);
    expect(logGroup(p, "module.service_shop.").retention_in_days).toBe(60);
    expect(logGroup(plan("public-alb/qa"), "module.ecs_cluster.").retention_in_days).toBe(180);
  });

  it("lays out explicit subnets with an intra tier, and automatic intra subnets", () => {
    const cidrs = (p: PlanJson) =>
      changes(p, "aws_subnet")
        .map((s) => after(s).cidr_block)
        .sort();
    expect(cidrs(plan("private-api/prod"))).toEqual(
      [
        "10.60.0.0/24",
        "10.60.1.0/24",
        "10.60.12.0/24",
        "10.60.2.0/25",
        "10.60.2.128/25",
        "10.60.3.0/24",
        "10.60.4.0/22",
        "10.60.8.0/22",
      ].sort(),
    );
    expect(
      addresses(plan("public-alb/qa"), "aws_subnet").filter((a) => a.includes("intra")),
    ).toHaveLength(2);
  });

  it("routes each API route through its own route key, with a custom domain", () => {
    const p = plan("private-api/prod");
    expect(
      changes(p, "aws_apigatewayv2_route")
        .map((r) => after(r).route_key)
        .sort(),
    ).toEqual(["GET /search/{proxy+}", "POST /shop/v2/{proxy+}"]);
    expect(changes(p, "aws_apigatewayv2_domain_name").map((d) => after(d).domain_name)).toEqual([
      "api.features.example",
    ]);
  });

  it("builds RDS MySQL read replicas and an internet-facing ALB admitting only its CIDRs", () => {
    const p = plan("public-alb/qa");
    const instances = changes(p, "aws_db_instance");
    expect(
      Object.fromEntries(instances.map((i) => [i.address, after(i).availability_zone ?? null])),
    ).toEqual({
      'module.database_legacy.aws_db_instance.replica["replica-1"]': "eu-west-1b",
      'module.database_legacy.aws_db_instance.replica["reporting"]': "eu-west-1a",
      // Multi-AZ: RDS places the primary and its standby.
      "module.database_legacy.aws_db_instance.this[0]": null,
    });
    expect(after(instances.find((i) => i.address.endsWith(".this[0]"))!)).toMatchObject({
      storage_type: "io1",
      iops: 3000,
      username: "dbadmin",
      backup_window: "02:00-03:00",
      maintenance_window: "sun:03:30-sun:04:30",
    });
    const lb = changes(p, "aws_lb")[0]!;
    expect(after(lb).internal).toBe(false);
    const ingress = changes(p, "aws_vpc_security_group_ingress_rule")
      .filter((r) => r.address.startsWith("module.alb."))
      .map((r) => after(r).cidr_ipv4)
      .filter(Boolean);
    expect(new Set(ingress)).toEqual(new Set(["203.0.113.0/24"]));
  });

  const rules = (p: PlanJson) =>
    Object.fromEntries(
      changes(p, "aws_network_acl_rule").map((r) => [
        r.address.replace(/^module\.vpc\.aws_network_acl_rule\.this\["(.*)"\]$/, "$1"),
        after(r),
      ]),
    );

  it("gives each tier a network ACL, with ephemeral returns, keyed by tier and rule name", () => {
    const p = plan("private-api/prod");
    expect(addresses(p, "aws_network_acl")).toEqual(
      ["database", "private", "public"].map((t) => `module.vpc.aws_network_acl.this["${t}"]`),
    );
    // Associated through subnet_ids (subnet IDs are known only after apply).
    for (const acl of changes(p, "aws_network_acl"))
      expect((acl.change as any).after_unknown.subnet_ids).toBeTruthy();
    const all = rules(p);
    expect(all["public/in-https"]).toMatchObject({
      egress: false,
      protocol: "tcp",
      cidr_block: "0.0.0.0/0",
      from_port: 443,
      to_port: 443,
      rule_action: "allow",
    });
    expect(all["public/in-http"]).toMatchObject({ from_port: 80, to_port: 80 });
    for (const tier of ["public", "private"])
      expect(all[`${tier}/in-ephemeral`]).toMatchObject({
        egress: false,
        protocol: "tcp",
        from_port: 1024,
        to_port: 65535,
      });
    expect(all["private/in-vpc"]).toMatchObject({ cidr_block: "10.60.0.0/20", protocol: "-1" });
  });

  it("lets into the database tier only the private subnets, on the database and cache ports", () => {
    const database = Object.entries(rules(plan("private-api/prod"))).filter(([k]) =>
      k.startsWith("database/"),
    );
    const privateCidrs = ["10.60.4.0/22", "10.60.8.0/22"];
    const ingress = database.filter(([, r]) => !r.egress).map(([, r]) => r);
    expect(ingress.map((r) => `${r.cidr_block}:${r.from_port}-${r.to_port}`).sort()).toEqual(
      [3306, 5432, 6379].flatMap((port) => privateCidrs.map((c) => `${c}:${port}-${port}`)).sort(),
    );
    const egress = database.filter(([, r]) => r.egress).map(([, r]) => r);
    expect(egress.map((r) => [r.cidr_block, r.protocol, r.from_port, r.to_port]).sort()).toEqual(
      privateCidrs.map((c) => [c, "tcp", 1024, 65535]),
    );
    // Rule numbers are unique per direction, as AWS requires.
    for (const side of [ingress, egress])
      expect(new Set(side.map((r) => r.rule_number)).size).toBe(side.length);
  });

  it("puts interface endpoints in the private subnets behind an SG admitting 443 from the VPC", () => {
    const p = plan("private-api/prod");
    const endpoints = changes(p, "aws_vpc_endpoint").filter((e) =>
      e.address.includes(".interface["),
    );
    expect(endpoints.map((e) => after(e).service_name).sort()).toEqual(
      ["ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "sts"].map(
        (s) => `com.amazonaws.eu-north-1.${s}`,
      ),
    );
    for (const e of endpoints)
      expect(after(e)).toMatchObject({ vpc_endpoint_type: "Interface", private_dns_enabled: true });
    const ingress = changes(p, "aws_vpc_security_group_ingress_rule").filter((r) =>
      r.address.startsWith("module.vpc."),
    );
    expect(ingress.map((r) => [r.address, after(r).cidr_ipv4, after(r).from_port])).toEqual([
      ["module.vpc.aws_vpc_security_group_ingress_rule.endpoints_https[0]", "10.60.0.0/20", 443],
    ]);
    expect(
      changes(p, "aws_vpc_security_group_egress_rule").filter((r) =>
        r.address.startsWith("module.vpc."),
      ),
    ).toEqual([]);
  });

  it("sets master users, windows and Performance Insights retention from the config", () => {
    const p = plan("private-api/prod");
    const cluster = (db: string) =>
      after(
        changes(p, "aws_rds_cluster").find((c) => c.address.startsWith(`module.database_${db}.`))!,
      );
    expect(cluster("orders")).toMatchObject({
      master_username: "orders_owner",
      preferred_backup_window: "01:00-01:45",
      preferred_maintenance_window: "sat:22:00-sat:23:00",
    });
    expect(cluster("catalog").master_username).toBe("admin");
    const orders = changes(p, "aws_rds_cluster_instance").filter((i) =>
      i.address.startsWith("module.database_orders."),
    );
    for (const i of orders) expect(after(i).performance_insights_retention_period).toBe(93);
  });

  it("leaves out the database tier when vpc.databaseSubnets is false", () => {
    const p = plan("public-alb/lab");
    expect(addresses(p).filter((a) => /database/.test(a))).toEqual([]);
    expect(addresses(p, "aws_subnet")).toHaveLength(4);
    expect(addresses(p, "aws_network_acl")).toEqual([
      'module.vpc.aws_network_acl.this["private"]',
      'module.vpc.aws_network_acl.this["public"]',
    ]);
  });

  it("routes alarms by severity: a critical topic with its paging endpoint, a warning topic", () => {
    const p = plan("private-api/prod");
    // Plus a topic in us-east-1 for the blocked-requests alarm of the CLOUDFRONT web ACL it watches.
    expect(addresses(p, "aws_sns_topic")).toEqual([
      "module.monitoring.aws_sns_topic.alarms",
      "module.monitoring.aws_sns_topic.edge[0]",
      "module.monitoring.aws_sns_topic.warning",
    ]);
    expect(addresses(p, "aws_cloudwatch_metric_alarm")).toContain(
      'module.monitoring.aws_cloudwatch_metric_alarm.waf_blocked_requests_edge["feat-edge"]',
    );
    const pager = changes(p, "aws_sns_topic_subscription").find((c) =>
      c.address.includes('critical_endpoint["pagerduty"]'),
    )!;
    expect(after(pager)).toMatchObject({ protocol: "https", endpoint_auto_confirms: true });
    const sms = changes(plan("public-alb/qa"), "aws_sns_topic_subscription").find((c) =>
      c.address.includes('critical_endpoint["duty-phone"]'),
    )!;
    expect(after(sms)).toMatchObject({ protocol: "sms", endpoint: "+46701234567" });
  });

  it("alarms on the SLO where users arrive, with metric math windows and composite alarms", () => {
    const api = plan("private-api/prod");
    expect(addresses(api, "aws_cloudwatch_composite_alarm")).toEqual([
      'module.monitoring.aws_cloudwatch_composite_alarm.slo_api_fast_burn["public"]',
      'module.monitoring.aws_cloudwatch_composite_alarm.slo_api_slow_burn["public"]',
    ]);
    const window = changes(api, "aws_cloudwatch_metric_alarm").find((c) =>
      c.address.endsWith('slo_api_5xx_1h["public"]'),
    )!;
    // 99.5 % availability: 14.4 x 0.5 % of requests.
    expect(after(window).threshold).toBeCloseTo(7.2);
    expect(
      after(window)
        .metric_query.map((q: any) => q.id)
        .sort(),
    ).toEqual(["errors", "requests", "value"]);
    const latency = changes(api, "aws_cloudwatch_metric_alarm").find((c) =>
      c.address.endsWith('slo_api_p95["public"]'),
    )!;
    expect(after(latency).threshold).toBe(400);
    // A public ALB is the entry: its SLO, named by its role; no latency SLO was asked for.
    const alb = plan("public-alb/qa");
    expect(addresses(alb, "aws_cloudwatch_composite_alarm")).toEqual([
      'module.monitoring.aws_cloudwatch_composite_alarm.slo_alb_fast_burn["public"]',
      'module.monitoring.aws_cloudwatch_composite_alarm.slo_alb_slow_burn["public"]',
    ]);
    expect(addresses(alb).filter((a) => a.includes('["internal'))).toEqual([]);
    expect(addresses(alb).some((a) => a.includes("slo_alb_p95"))).toBe(false);
    expect(addresses(alb).filter((a) => a.includes("alb_target_5xx_rate_critical"))).toEqual([
      // The Auto Scaling tier's own target group is alarmed like the ALB's.
      'module.monitoring.aws_cloudwatch_metric_alarm.alb_target_5xx_rate_critical["public/admin"]',
      'module.monitoring.aws_cloudwatch_metric_alarm.alb_target_5xx_rate_critical["public/reports"]',
      'module.monitoring.aws_cloudwatch_metric_alarm.alb_target_5xx_rate_critical["public/web"]',
    ]);
  });

  it("applies per-service thresholds to that service's alarms only", () => {
    const alarms = changes(plan("private-api/prod"), "aws_cloudwatch_metric_alarm");
    const threshold = (suffix: string) =>
      after(alarms.find((c) => c.address.endsWith(suffix))!).threshold;
    expect(threshold('alb_latency_p95_warning["internal/search"]')).toBe(1.5);
    expect(threshold('alb_latency_p95_warning["internal/shop"]')).toBe(0.8);
    expect(threshold('ecs_cpu_critical["search"]')).toBe(95);
    expect(threshold('ecs_cpu_critical["shop"]')).toBe(90);
  });

  it("adds a daily budget and cost anomaly detection beside the monthly budget", () => {
    const p = plan("private-api/prod");
    const daily = changes(p, "aws_budgets_budget").find((c) => c.address.includes(".daily"))!;
    expect(after(daily)).toMatchObject({ time_unit: "DAILY", limit_amount: "80.00" });
    const monitor = after(changes(p, "aws_ce_anomaly_monitor")[0]!);
    expect(monitor.monitor_type).toBe("CUSTOM");
    expect(JSON.parse(monitor.monitor_specification).Tags).toEqual({
      Key: "Environment",
      Values: ["prod"],
      MatchOptions: null,
    });
    const subscription = after(changes(p, "aws_ce_anomaly_subscription")[0]!);
    expect(subscription.frequency).toBe("DAILY");
    expect(subscription.threshold_expression[0].dimension[0]).toMatchObject({
      key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
      values: ["50"],
    });
  });

  it("draws the security and business dashboards with the filters they need", () => {
    const p = plan("private-api/prod");
    expect(addresses(p, "aws_cloudwatch_dashboard")).toEqual([
      "module.dashboard.aws_cloudwatch_dashboard.business[0]",
      "module.dashboard.aws_cloudwatch_dashboard.infrastructure",
      "module.dashboard.aws_cloudwatch_dashboard.security",
      "module.dashboard.aws_cloudwatch_dashboard.this",
    ]);
    expect(addresses(p, "aws_cloudwatch_log_metric_filter")).toEqual([
      "module.dashboard.aws_cloudwatch_log_metric_filter.console_sign_in_failures[0]",
      'module.dashboard.aws_cloudwatch_log_metric_filter.failed_authorizations["public"]',
    ]);
  });

  it("grants each service its buckets with least privilege and BUCKET_<NAME>", () => {
    const root = roots.get("private-api/prod")!;
    const shop = root.module.service_shop;
    const statements = Object.fromEntries(shop.task_role_statements.map((s: any) => [s.sid, s]));
    expect(statements.BucketUploadsObjects.actions).toEqual([
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
    ]);
    expect(statements.BucketUploadsObjects.resources).toEqual([
      "${module.bucket_uploads.bucket_arn}/*",
    ]);
    expect(statements.BucketUploadsList).toMatchObject({
      actions: ["s3:ListBucket"],
      resources: ["${module.bucket_uploads.bucket_arn}"],
    });
    expect(statements.BucketUploadsKey).toMatchObject({
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: ["${module.bucket_uploads.kms_key_arn}"],
    });
    expect(statements.BucketExportsObjects.actions).toEqual([
      "s3:GetObject",
      "s3:GetObjectVersion",
    ]);
    expect(statements.BucketExportsKey.actions).toEqual(["kms:Decrypt"]);
    expect(shop.environment).toMatchObject({
      BUCKET_UPLOADS: "${module.bucket_uploads.bucket_id}",
      BUCKET_EXPORTS: "${module.bucket_exports.bucket_id}",
    });
    // The other service declared no bucket and gets none.
    expect(JSON.stringify(root.module.service_search.task_role_statements)).not.toContain("Bucket");
    const p = plan("private-api/prod");
    expect(addresses(p, "aws_kms_key")).toEqual(
      expect.arrayContaining([
        "module.bucket_uploads.aws_kms_key.this[0]",
        "module.bucket_exports.aws_kms_key.this[0]",
      ]),
    );
    const rules = changes(p, "aws_s3_bucket_lifecycle_configuration").find((c) =>
      c.address.startsWith("module.bucket_uploads."),
    )!;
    expect(
      after(rules)
        .rule[0].transition.map((t: any) => t.storage_class)
        .sort(),
    ).toEqual(["GLACIER_IR", "STANDARD_IA"]);
  });

  it("creates application secrets empty with a CMK, read only by the services that use them", () => {
    const p = plan("private-api/prod");
    expect(
      addresses(p, "aws_secretsmanager_secret").filter((a) => a.includes("app_secrets")),
    ).toEqual([
      'module.app_secrets.aws_secretsmanager_secret.this["api-keys"]',
      'module.app_secrets.aws_secretsmanager_secret.this["webhooks"]',
    ]);
    // Values are put outside Terraform: never in the state or the plan.
    expect(
      addresses(p, "aws_secretsmanager_secret_version").filter((a) => a.includes("app_secrets")),
    ).toEqual([]);
    for (const c of changes(p, "aws_secretsmanager_secret").filter((c) =>
      c.address.includes("app_secrets"),
    ))
      expect((c.change.after_unknown as any).kms_key_id).toBe(true);
    const root = roots.get("private-api/prod")!;
    expect(root.module.service_shop.secrets).toMatchObject({
      STRIPE_KEY: '${module.app_secrets.secret_arns["api-keys"]}:stripe::',
      WEBHOOK_SECRET: "${module.app_secrets.secret_arns.webhooks}",
    });
    expect(root.module.service_shop.secrets_kms_key_arns).toContain(
      "${module.app_secrets.kms_key_arn}",
    );
    expect(root.module.app_secrets.readers).toEqual({
      "api-keys": ["${module.service_shop.execution_role_arn}"],
      webhooks: ["${module.service_shop.execution_role_arn}"],
    });
  });

  const inModule = (p: PlanJson, type: string, call: string) =>
    changes(p, type).filter((c) => c.address.startsWith(`module.${call}.`));

  it("deploys blue-green services with CodeDeploy: the configured config, BLUE_GREEN, rollback", () => {
    const p = plan("private-api/prod");
    const group = (call: string) => after(inModule(p, "aws_codedeploy_deployment_group", call)[0]!);
    const shop = group("deploy_shop");
    expect(shop).toMatchObject({
      deployment_config_name: "CodeDeployDefault.ECSCanary10Percent5Minutes",
      deployment_style: [
        { deployment_type: "BLUE_GREEN", deployment_option: "WITH_TRAFFIC_CONTROL" },
      ],
      ecs_service: [{ cluster_name: "feat-prod", service_name: "feat-prod-shop" }],
    });
    expect(shop.auto_rollback_configuration[0].enabled).toBe(true);
    expect(
      shop.blue_green_deployment_config[0].terminate_blue_instances_on_deployment_success[0],
    ).toMatchObject({ action: "TERMINATE", termination_wait_time_in_minutes: 15 });
    expect(shop.load_balancer_info[0].target_group_pair_info[0].target_group).toEqual([
      { name: "feat-prod-shop" },
      { name: "feat-prod-shop-green" },
    ]);
    // A custom canary is a deployment configuration of its own.
    const [custom] = inModule(p, "aws_codedeploy_deployment_config", "deploy_search");
    expect(after(custom!).traffic_routing_config[0]).toMatchObject({
      type: "TimeBasedCanary",
      time_based_canary: [{ percentage: 25, interval: 3 }],
    });
    expect(group("deploy_search").deployment_style[0].deployment_type).toBe("BLUE_GREEN");
    // Rollback on the services' critical alarms: the monitoring module's names, by service.
    const root = roots.get("private-api/prod")!;
    expect(root.module.deploy_shop.alarm_names).toBe(
      '${lookup(module.monitoring.alarm_names_by_service, "shop", [])}',
    );
    expect(root.module.service_shop.alarm_names).toEqual([]);
    expect(root.module.service_jobs.alarm_names).toEqual([]);
    expect(root.module.service_search.deployment_controller).toBe("CODE_DEPLOY");
    expect(root.module.service_jobs.deployment_controller).toBeUndefined();
  });

  it("gives a blue-green service the CODE_DEPLOY controller and exactly two target groups", () => {
    const p = plan("private-api/prod");
    const services = inModule(p, "aws_ecs_service", "service_shop");
    expect(services.map((c) => c.address)).toEqual([
      "module.service_shop.aws_ecs_service.code_deploy[0]",
    ]);
    expect(after(services[0]!).deployment_controller).toEqual([{ type: "CODE_DEPLOY" }]);
    expect(after(services[0]!).deployment_circuit_breaker).toEqual([]);
    for (const service of ["shop", "search"])
      expect(
        addresses(p, "aws_lb_target_group").filter((a) => a.endsWith(`["${service}"]`)),
      ).toEqual([
        `module.alb.aws_lb_target_group.green["${service}"]`,
        `module.alb.aws_lb_target_group.service["${service}"]`,
      ]);
    // The rolling worker keeps the ECS controller with its circuit breaker.
    const [jobs] = inModule(p, "aws_ecs_service", "service_jobs");
    expect(after(jobs!).deployment_circuit_breaker).toEqual([{ enable: true, rollback: true }]);
  });

  it("admits only the allowed sources to the test listeners", () => {
    const p = plan("private-api/prod");
    const listeners = inModule(p, "aws_lb_listener", "alb").filter((c) =>
      c.address.includes(".test["),
    );
    expect(Object.fromEntries(listeners.map((l) => [l.index, after(l).port]))).toEqual({
      search: 9444,
      shop: 9443,
    });
    const testPorts = [9443, 9444];
    const rules = changes(p, "aws_vpc_security_group_ingress_rule").filter((r) =>
      testPorts.includes(after(r).from_port),
    );
    expect(rules.map((r) => [r.index, after(r).cidr_ipv4, after(r).from_port]).sort()).toEqual(
      [
        ["10.60.0.0/20:search", "10.60.0.0/20", 9444],
        ["10.60.0.0/20:shop", "10.60.0.0/20", 9443],
        ["192.168.10.0/24:search", "192.168.10.0/24", 9444],
        ["192.168.10.0/24:shop", "192.168.10.0/24", 9443],
      ].sort(),
    );
    for (const r of rules)
      expect(r.address).toMatch(
        /^module\.alb\.aws_vpc_security_group_ingress_rule\.test_from_cidr\[/,
      );
  });

  it("keeps images in immutable, scanned, encrypted ECR repositories with lifecycle policies", () => {
    const p = plan("private-api/prod");
    const repositories = changes(p, "aws_ecr_repository");
    expect(repositories.map((r) => r.index).sort()).toEqual([
      "feat/jobs",
      "feat/search",
      "feat/shop",
    ]);
    for (const r of repositories) {
      expect(after(r)).toMatchObject({
        image_tag_mutability: "IMMUTABLE",
        image_scanning_configuration: [{ scan_on_push: true }],
        encryption_configuration: [{ encryption_type: "KMS" }],
      });
    }
    const counts = Object.fromEntries(
      changes(p, "aws_ecr_lifecycle_policy").map((c) => [
        c.index,
        JSON.parse(after(c).policy).rules.map((rule: any) => rule.selection.countNumber),
      ]),
    );
    // Prod's profile (14 untagged days), the defaults' 60 tagged images, each repository's own.
    expect(counts).toEqual({
      "feat/jobs": [14, 60],
      "feat/search": [14, 200],
      "feat/shop": [3, 60],
    });
    expect(addresses(p, "aws_ecr_repository_policy")).toEqual([
      'module.ecr.aws_ecr_repository_policy.cross_account_pull["feat/shop"]',
    ]);
    const root = roots.get("private-api/prod")!;
    expect(root.module.service_shop.image).toBe(
      `123456789012.dkr.ecr.eu-north-1.amazonaws.com/feat/shop@sha256:${"a".repeat(64)}`,
    );
    // Each execution role pulls from its own repository.
    expect(root.module.service_search.ecr_repository_arns).toEqual([
      '${module.ecr.repository_arns["feat/search"]}',
    ]);
  });

  it("builds and deploys each pipeline's service, passing only its own roles", () => {
    const p = plan("private-api/prod");
    const root = roots.get("private-api/prod")!;
    const deploy = (call: string) =>
      after(inModule(p, "aws_codepipeline", call)[0]!).stage[2].action[0].provider;
    expect(deploy("pipeline_shop")).toBe("CodeDeployToECS");
    expect(deploy("pipeline_search")).toBe("CodeDeployToECS");
    expect(deploy("pipeline_jobs")).toBe("ECS");
    for (const [service, repository] of [
      ["shop", "feat/shop"],
      ["search", "feat/search"],
      ["jobs", "feat/jobs"],
    ] as const) {
      expect(root.module[`pipeline_${service}`]).toMatchObject({
        task_role_arn: `\${module.service_${service}.task_role_arn}`,
        execution_role_arn: `\${module.service_${service}.execution_role_arn}`,
        ecr_repository_arn: `\${module.ecr.repository_arns["${repository}"]}`,
      });
    }
    expect(
      after(inModule(p, "aws_codebuild_project", "pipeline_shop")[0]!).environment[0],
    ).toMatchObject({
      compute_type: "BUILD_GENERAL1_MEDIUM",
    });
    // No policy of a delivery role allows every action; the documents Terraform knows at plan
    // time are checked here, the rest as data in the modules' tests.
    const documents = changes(p, "aws_iam_role_policy")
      .filter(
        (c) => /^module\.(pipeline|deploy)_/.test(c.address) && typeof after(c).policy === "string",
      )
      .flatMap((c) => JSON.parse(after(c).policy).Statement);
    for (const statement of documents)
      for (const action of [statement.Action].flat()) expect(action).not.toMatch(/^\*$|:\*$/);
    // Notifications follow the environment's alarm switch: this one pages nobody.
    expect(addresses(p, "aws_codestarnotifications_notification_rule")).toEqual([]);
  });

  it("notifies the alarm topic created in the same apply of failed pipeline executions", () => {
    const p = plan("public-alb/qa");
    expect(addresses(p, "aws_codestarnotifications_notification_rule")).toEqual([
      "module.pipeline_web.aws_codestarnotifications_notification_rule.failures[0]",
    ]);
    expect(roots.get("public-alb/qa")!.module.pipeline_web.notification_topic_arn).toBe(
      "${module.monitoring.topic_arn}",
    );
  });

  it("outputs what the github-oidc deploy role may touch, derived from the services", () => {
    const output = roots.get("private-api/prod")!.output.github_deploy_role.value;
    expect(output.ecs_service_arns).toEqual([
      "${module.service_shop.service_arn}",
      "${module.service_search.service_arn}",
      "${module.service_jobs.service_arn}",
    ]);
    expect(output.codedeploy_deployment_group_arns).toEqual([
      "${module.deploy_shop.deployment_group_arn}",
      "${module.deploy_search.deployment_group_arn}",
    ]);
    expect(output.ecr_repository_arns).toHaveLength(3);
  });

  it("puts CloudFront with a us-east-1 WAF and certificate in front of an ALB that admits only CloudFront", () => {
    const p = plan("edge/prod");
    const distribution = after(changes(p, "aws_cloudfront_distribution")[0]!);
    expect(distribution.aliases).toEqual(["shop.edge.example"]);
    expect(distribution.origin.map((o: any) => o.domain_name)).toEqual([
      "origin.shop.edge.example",
    ]);
    expect(distribution.viewer_certificate[0]).toMatchObject({
      minimum_protocol_version: expect.stringMatching(/^TLSv1\.2/),
      ssl_support_method: "sni-only",
    });
    expect(after(changes(p, "aws_wafv2_web_acl")[0]!).scope).toBe("CLOUDFRONT");
    const root = roots.get("edge/prod")!;
    expect(root.module.waf.providers).toEqual({ aws: "aws.us_east_1" });
    expect(root.module.certificate_cdn.providers).toEqual({ aws: "aws.us_east_1" });
    expect(root.module.cdn.web_acl_id).toBe("${module.waf.web_acl_arn}");
    // The ALB: CloudFront's origin-facing prefix list on 443, nothing from the internet.
    const ingress = changes(p, "aws_vpc_security_group_ingress_rule")
      .filter((c) => c.address.startsWith("module.alb."))
      .map((c) => after(c));
    expect(ingress).toEqual([
      expect.objectContaining({ prefix_list_id: "pl-4fa04526", from_port: 443, to_port: 443 }),
    ]);
    expect(ingress.some((r) => r.cidr_ipv4 === "0.0.0.0/0")).toBe(false);
    const records = changes(p, "aws_route53_record").map((c) => after(c));
    expect(records.filter((r) => r.type === "A" && r.alias?.length).map((r) => r.name)).toEqual(
      expect.arrayContaining(["shop.edge.example", "origin.shop.edge.example"]),
    );
  });

  it("reaches an internal ALB through a CloudFront VPC origin, its WAF counting only", () => {
    const p = plan("edge/qa");
    expect(addresses(p, "aws_cloudfront_vpc_origin")).toHaveLength(1);
    expect(
      after(changes(p, "aws_lb").find((c) => c.address.startsWith("module.alb."))!).internal,
    ).toBe(true);
    expect(roots.get("edge/qa")!.module.waf.count_mode).toBe(true);
    // The us-east-1 certificate is the configured one: none is created for CloudFront.
    expect(roots.get("edge/qa")!.module.certificate_cdn).toBeUndefined();
  });

  it("associates a REGIONAL web ACL with a public ALB that has no CloudFront", () => {
    const p = plan("edge/dev");
    expect(addresses(p, "aws_cloudfront_distribution")).toEqual([]);
    expect(after(changes(p, "aws_wafv2_web_acl")[0]!).scope).toBe("REGIONAL");
    expect(addresses(p, "aws_wafv2_web_acl_association")).toHaveLength(1);
    expect(roots.get("edge/dev")!.module.waf.providers).toBeUndefined();
    // Its blocked requests alarm in the Region, on the warning topic; no us-east-1 topic.
    const [alarm, ...others] = changes(p, "aws_cloudwatch_metric_alarm").filter((c) =>
      c.address.includes(".waf_blocked_requests"),
    );
    expect(others).toEqual([]);
    expect(after(alarm!).dimensions).toEqual({
      WebACL: "edge-dev",
      Rule: "ALL",
      Region: "eu-west-1",
    });
    expect(addresses(p, "aws_sns_topic")).not.toContain("module.monitoring.aws_sns_topic.edge[0]");
  });

  it("serves the internal ALB behind API Gateway over HTTPS that API Gateway verifies", () => {
    const p = plan("edge/api");
    const listener = changes(p, "aws_lb_listener").find(
      (c) => c.address === "module.alb.aws_lb_listener.serving",
    )!;
    expect(after(listener)).toMatchObject({ protocol: "HTTPS", port: 443 });
    for (const integration of changes(p, "aws_apigatewayv2_integration"))
      expect(after(integration).tls_config).toEqual([
        { server_name_to_verify: "internal.api.dev.edge.example" },
      ]);
  });
});
