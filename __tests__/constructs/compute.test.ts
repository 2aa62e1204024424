import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { AsgModuleStack } from "../../constructs/asg";
import { Ec2HostModuleStack } from "../../constructs/ec2-host";
import { EcsCapacityModuleStack } from "../../constructs/ecs-capacity";
import { ServiceDiscoveryModuleStack } from "../../constructs/service-discovery";
import { ECS_SERVICE_EC2_WORKER, scenarioPlan } from "../support/module-scenarios";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const generated = generateModules([
  EcsCapacityModuleStack,
  Ec2HostModuleStack,
  AsgModuleStack,
  ServiceDiscoveryModuleStack,
]);
const json = (name: string) => JSON.parse(generated.get(name)![MODULE_MAIN_FILE]!);
const instanceModules = ["ecs-capacity", "ec2-host", "asg"] as const;

/** Every `Action = [...]` of the HCL policies of a module, as written. */
function policyActions(tf: any): string[] {
  const policies = Object.values(tf.resource.aws_iam_role_policy ?? {}) as { policy: string }[];
  return policies.flatMap(({ policy }) =>
    [...policy.matchAll(/Action\s*=\s*\[([^\]]*)\]/g)].flatMap((m) => m[1]!.match(/"[^"]*"/g)!),
  );
}

describe("EC2 instances (ecs-capacity, ec2-host, asg) share one hardened launch template", () => {
  it.each(instanceModules)(
    "%s: IMDSv2 with hop limit 1, encrypted gp3, no key pair, no public IP",
    (name) => {
      const templates = Object.values(json(name).resource.aws_launch_template) as any[];
      expect(templates).toHaveLength(1);
      for (const lt of templates) {
        expect(lt.metadata_options).toEqual({
          http_endpoint: "enabled",
          http_tokens: "required",
          http_put_response_hop_limit: 1,
          instance_metadata_tags: "disabled",
        });
        expect(lt.block_device_mappings).toEqual([
          {
            device_name: "/dev/xvda",
            ebs: {
              volume_type: "gp3",
              volume_size: "${var.root_volume_size}",
              encrypted: "true",
              kms_key_id: "${var.ebs_kms_key_arn}",
              delete_on_termination: "true",
            },
          },
        ]);
        expect(lt.key_name).toBeUndefined();
        expect(lt.network_interfaces[0].associate_public_ip_address).toBe("false");
        expect(lt.image_id).toContain('format("resolve:ssm:%s"');
      }
    },
  );

  it.each(instanceModules)(
    "%s: no ingress on 22 (or any port but the app port from the ALB)",
    (name) => {
      const tf = json(name);
      const ingress = Object.values(tf.resource.aws_vpc_security_group_ingress_rule ?? {}) as any[];
      for (const rule of ingress) {
        expect(rule.from_port).not.toBe(22);
        expect(rule.from_port).toBe("${var.app_port}");
        expect(rule.referenced_security_group_id).toBe("${var.alb_security_group_id}");
        expect(rule.cidr_ipv4).toBeUndefined();
      }
      expect(tf.resource.aws_security_group.instance.ingress).toBeUndefined();
      expect(JSON.stringify(tf.variable)).not.toContain("key_name");
    },
  );

  it("ecs-capacity instances accept no ingress at all", () => {
    expect(json("ecs-capacity").resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
  });

  it.each(instanceModules)(
    "%s: the instance role grants no * action and only named managed policies",
    (name) => {
      const tf = json(name);
      const actions = policyActions(tf);
      expect(actions).toContain('"cloudwatch:PutMetricData"');
      for (const action of actions) expect(action).toMatch(/^"[a-z0-9-]+:[A-Za-z]+"$/);
      expect(tf.resource.aws_iam_role_policy.instance.policy).toContain(
        '"cloudwatch:namespace" = "CWAgent"',
      );
      expect(
        JSON.parse(tf.resource.aws_iam_role.instance.assume_role_policy).Statement[0],
      ).toMatchObject({
        Principal: { Service: "ec2.amazonaws.com" },
      });
      const attachments = tf.resource.aws_iam_role_policy_attachment.managed.for_each;
      expect(JSON.stringify(attachments)).not.toMatch(/AdministratorAccess|PowerUser|FullAccess/);
    },
  );
});

describe("ecs-capacity module", () => {
  const tf = json("ecs-capacity");
  it("blocks awsvpc tasks from the instance metadata and privileged containers", () => {
    expect(tf.locals.user_data).toContain("ECS_CLUSTER=${var.cluster_name}");
    expect(tf.locals.user_data).toContain("ECS_AWSVPC_BLOCK_IMDS=true");
    expect(tf.locals.user_data).toContain("ECS_DISABLE_PRIVILEGED=true");
    expect(tf.resource.aws_launch_template.pool.image_id).toContain(
      "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    );
  });

  it("attaches only the ECS agent and SSM managed policies", () => {
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment.managed.for_each).sort()).toEqual(
      ["ecs", "ssm"],
    );
  });

  it("has per-pool groups tagged for ECS with scale-in protection and instance refresh", () => {
    const asg = tf.resource.aws_autoscaling_group.pool;
    expect(asg.for_each).toBe("${var.pools}");
    expect(asg.protect_from_scale_in).toBe("${each.value.protect_from_scale_in}");
    expect(asg.dynamic.tag.for_each).toContain('AmazonECSManaged = ""');
    expect(asg.instance_refresh.strategy).toBe("Rolling");
    expect(asg.mixed_instances_policy.launch_template.launch_template_specification.version).toBe(
      "${aws_launch_template.pool[each.key].latest_version}",
    );
  });

  it("creates a capacity provider per pool with managed scaling, termination protection and draining", () => {
    const cp = tf.resource.aws_ecs_capacity_provider.pool.auto_scaling_group_provider;
    expect(cp.managed_scaling).toMatchObject({
      status: "ENABLED",
      target_capacity: "${each.value.target_capacity}",
    });
    expect(cp.managed_draining).toBe("ENABLED");
    expect(cp.managed_termination_protection).toContain('"ENABLED"');
    expect(tf.resource.aws_ecs_cluster_capacity_providers).toBeUndefined();
  });
});

describe("service-discovery module", () => {
  const tf = json("service-discovery");
  it("registers A records per service with health from ECS", () => {
    const svc = tf.resource.aws_service_discovery_service.this;
    expect(svc.for_each).toBe("${var.services}");
    expect(svc.dns_config.dns_records).toEqual([{ type: "A", ttl: "${each.value.ttl}" }]);
    expect(svc.health_check_custom_config).toEqual({});
    expect(tf.resource.aws_service_discovery_private_dns_namespace.this.vpc).toBe("${var.vpc_id}");
  });
});

describe("ec2-host module", () => {
  const tf = json("ec2-host");
  it("verifies the Compose plugin's checksum before installing it", () => {
    const script: string = tf.locals.user_data;
    const check = script.indexOf("sha256sum --check --strict");
    expect(check).toBeGreaterThan(0);
    expect(check).toBeLessThan(script.indexOf("install -m 0755 /tmp/docker-compose"));
    expect(tf.locals.compose_plugin).toBe("${var.compose_plugin[var.architecture]}");
    expect(script).toContain("systemctl enable --now app.service");
    expect(script).toContain("amazon-cloudwatch-agent-ctl");
  });

  it("is a group of exactly one with the deploy tag, alarms and a narrow deploy document", () => {
    const asg = tf.resource.aws_autoscaling_group.this;
    expect([asg.min_size, asg.max_size, asg.desired_capacity]).toEqual([1, 1, 1]);
    expect(asg.dynamic.tag.for_each).toContain('Deploy = "${var.name}"');
    expect(
      Object.keys(JSON.parse(JSON.stringify(tf.resource.aws_cloudwatch_metric_alarm))),
    ).toEqual(["this"]);
    const doc = JSON.parse(tf.resource.aws_ssm_document.deploy.content);
    expect(doc.mainSteps[0].inputs.runCommand).toEqual([
      "/usr/local/bin/app-deploy {{ composeVersionId }}",
    ]);
    expect(doc.parameters.composeVersionId.allowedPattern).toBe("^[A-Za-z0-9._-]{0,1024}$");
  });
});

describe("asg module", () => {
  const tf = json("asg");
  it("owns an instance target group with the configured health check and stickiness", () => {
    const tg = tf.resource.aws_lb_target_group.this;
    expect(tg).toMatchObject({ target_type: "instance", port: "${var.app_port}" });
    expect(tg.health_check).toMatchObject({
      path: "${var.health_check.path}",
      matcher: "${var.health_check.matcher}",
      interval: "${var.health_check.interval}",
      healthy_threshold: "${var.health_check.healthy_threshold}",
      unhealthy_threshold: "${var.health_check.unhealthy_threshold}",
    });
    expect(tg.stickiness.enabled).toBe("${var.stickiness_seconds != null}");
  });

  it("uses CodeDeploy in place with the load balancer, never blue/green", () => {
    const group = tf.resource.aws_codedeploy_deployment_group.this;
    expect(group.deployment_style).toEqual({
      deployment_option: "WITH_TRAFFIC_CONTROL",
      deployment_type: "IN_PLACE",
    });
    expect(group.blue_green_deployment_config).toBeUndefined();
    expect(tf.resource.aws_codedeploy_app.this.compute_platform).toBe("Server");
  });
});

describeTerraform("compute modules, planned with real Terraform", () => {
  it("ecs-capacity: a hardened template, group and capacity provider per pool", () => {
    const plan = scenarioPlan("ecs_capacity");
    expect(addresses(plan, "aws_ecs_capacity_provider")).toEqual([
      'module.ecs_capacity.aws_ecs_capacity_provider.pool["general"]',
      'module.ecs_capacity.aws_ecs_capacity_provider.pool["memory"]',
    ]);
    for (const lt of changes(plan, "aws_launch_template")) {
      expect(after(lt).metadata_options[0]).toMatchObject({
        http_tokens: "required",
        http_put_response_hop_limit: 1,
      });
      expect(after(lt).block_device_mappings[0].ebs[0]).toMatchObject({
        encrypted: "true",
        volume_type: "gp3",
      });
      expect(after(lt).key_name).toBeNull();
    }
    const general = changes(plan, "aws_launch_template").find((c) =>
      c.address.includes("general"),
    )!;
    expect(after(general).image_id).toBe(
      "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
    );
    const provider = changes(plan, "aws_ecs_capacity_provider").find((c) =>
      c.address.includes("general"),
    )!;
    expect(after(provider).auto_scaling_group_provider[0]).toMatchObject({
      managed_draining: "ENABLED",
      managed_termination_protection: "ENABLED",
      managed_scaling: [expect.objectContaining({ status: "ENABLED", target_capacity: 90 })],
    });
    const asg = changes(plan, "aws_autoscaling_group").find((c) => c.address.includes("general"))!;
    expect(after(asg).mixed_instances_policy[0].instances_distribution[0]).toMatchObject({
      on_demand_base_capacity: 1,
      on_demand_percentage_above_base_capacity: 50,
    });
  });

  it("service-discovery: one A-record service per name", () => {
    const plan = scenarioPlan("service_discovery");
    const services = changes(plan, "aws_service_discovery_service");
    expect(services.map((c) => c.address).sort()).toEqual([
      'module.service_discovery.aws_service_discovery_service.this["ai-service"]',
      'module.service_discovery.aws_service_discovery_service.this["qdrant"]',
      'module.service_discovery.aws_service_discovery_service.this["redis"]',
    ]);
    for (const s of services) {
      expect(after(s).dns_config[0].dns_records[0].type).toBe("A");
      expect(after(s).health_check_custom_config).toHaveLength(1);
    }
  });

  it("asg: the health check as configured, step policies with their alarms, schedules", () => {
    const plan = scenarioPlan("asg");
    const [tg] = changes(plan, "aws_lb_target_group");
    expect(after(tg!).health_check[0]).toMatchObject({
      path: "/api/health",
      matcher: "200",
      interval: 30,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
    expect(after(tg!).stickiness[0]).toMatchObject({ enabled: true, cookie_duration: 3600 });
    const policies = changes(plan, "aws_autoscaling_policy").map((c) => [
      c.address,
      after(c).step_adjustment[0].scaling_adjustment,
      after(c).estimated_instance_warmup,
    ]);
    expect(policies.sort()).toEqual([
      ['module.asg.aws_autoscaling_policy.cpu_step["in"]', -1, 300],
      ['module.asg.aws_autoscaling_policy.cpu_step["out"]', 2, 300],
    ]);
    const thresholds = changes(plan, "aws_cloudwatch_metric_alarm").map((c) => after(c).threshold);
    expect(thresholds.sort()).toEqual([25, 75]);
    expect(addresses(plan, "aws_autoscaling_schedule")).toEqual([
      'module.asg.aws_autoscaling_schedule.this["morning"]',
      'module.asg.aws_autoscaling_schedule.this["night"]',
    ]);
    expect(addresses(plan, "aws_codedeploy_deployment_group")).toHaveLength(1);
  });

  it("ecs-cluster: attaches EC2 providers and an EC2 default strategy to its one association", () => {
    const [association] = changes(
      scenarioPlan("ecs_cluster_ec2"),
      "aws_ecs_cluster_capacity_providers",
    );
    expect(association!.address).toBe(
      "module.ecs_cluster_ec2.aws_ecs_cluster_capacity_providers.this",
    );
    expect(after(association!).capacity_providers.sort()).toEqual([
      "FARGATE",
      "FARGATE_SPOT",
      "ai-prod-general",
    ]);
    expect(after(association!).default_capacity_provider_strategy).toEqual([
      { capacity_provider: "ai-prod-general", base: 1, weight: 1 },
    ]);
  });

  it("ecs-service: the Fargate example keeps its addresses; an EC2 worker has no load balancer", () => {
    const plan = scenarioPlan("ecs_service", "ecs_service_ec2_worker");
    const inModule = (m: string) =>
      addresses(plan)
        .filter((a) => a.startsWith(`module.${m}.`))
        .map((a) => a.slice(`module.${m}.`.length));
    expect(inModule("ecs_service")).toEqual([
      'aws_appautoscaling_policy.target_tracking["cpu"]',
      'aws_appautoscaling_policy.target_tracking["memory"]',
      'aws_appautoscaling_policy.target_tracking["requests"]',
      "aws_appautoscaling_target.this",
      "aws_cloudwatch_log_group.this",
      "aws_ecs_service.pipeline_owned[0]",
      "aws_ecs_task_definition.this",
      "aws_iam_role.execution",
      "aws_iam_role.task",
      "aws_iam_role_policy.efs[0]",
      "aws_iam_role_policy.execute_command[0]",
      "aws_iam_role_policy.execution",
      "aws_iam_role_policy.task[0]",
      "aws_security_group.this",
      "aws_vpc_security_group_egress_rule.https_to_aws_apis",
      'aws_vpc_security_group_egress_rule.to_security_group["database"]',
      'aws_vpc_security_group_egress_rule.to_security_group["efs"]',
      // Formerly `from_alb`: Terraform moves it to [0] by itself (count was added).
      "aws_vpc_security_group_ingress_rule.from_alb[0]",
    ]);
    const service = (m: string) =>
      after(changes(plan, "aws_ecs_service").find((c) => c.address.startsWith(`module.${m}.`))!);
    expect(service("ecs_service")).toMatchObject({
      platform_version: "LATEST",
      capacity_provider_strategy: expect.arrayContaining([
        expect.objectContaining({ capacity_provider: "FARGATE", base: 2, weight: 3 }),
      ]),
      load_balancer: [expect.objectContaining({ container_port: 8080 })],
      health_check_grace_period_seconds: 90,
    });
    const redis = service("ecs_service_ec2_worker");
    expect(redis.load_balancer).toEqual([]);
    // Not set (null), so the plan leaves them to AWS: no platform version, no grace period.
    expect(redis.platform_version ?? null).toBeNull();
    expect(redis.health_check_grace_period_seconds ?? null).toBeNull();
    expect(redis.capacity_provider_strategy).toEqual([
      { capacity_provider: "ai-prod-general", base: 0, weight: 1 },
    ]);
    expect(redis.ordered_placement_strategy).toEqual([
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ]);
    expect(redis.service_registries[0].registry_arn).toBe(
      ECS_SERVICE_EC2_WORKER.service_discovery_arn,
    );
    const td = after(
      changes(plan, "aws_ecs_task_definition").find((c) =>
        c.address.startsWith("module.ecs_service_ec2_worker."),
      )!,
    );
    expect(td.requires_compatibilities).toEqual(["EC2"]);
    const volumes = Object.fromEntries(td.volume.map((v: any) => [v.name, v]));
    expect(volumes.data.host_path).toBe("/var/lib/redis");
    expect(volumes.cache.docker_volume_configuration[0]).toMatchObject({
      scope: "shared",
      autoprovision: true,
    });
    expect(inModule("ecs_service_ec2_worker")).toContain(
      'aws_vpc_security_group_ingress_rule.from_security_group["backend"]',
    );
    expect(inModule("ecs_service_ec2_worker")).not.toContain(
      "aws_vpc_security_group_ingress_rule.from_alb[0]",
    );
  });
});
