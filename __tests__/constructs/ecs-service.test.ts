import {
  describeFargateTable,
  FARGATE_MEMORY_BY_CPU,
  isFargateSize,
} from "../../constructs/core/fargate";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { EcsServiceModuleStack, ecsServiceSpec } from "../../constructs/ecs-service";
import { scenarioPlan } from "../support/module-scenarios";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([EcsServiceModuleStack]).get("ecs-service")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const resource = tf.resource;
const variable = tf.variable;
const validations = (name: string): { condition: string; error_message: string }[] =>
  variable[name].validation ?? [];

describe("Fargate size table (constructs/core/fargate)", () => {
  it("matches the ECS developer guide", () => {
    expect(FARGATE_MEMORY_BY_CPU[256]).toEqual([512, 1024, 2048]);
    expect(FARGATE_MEMORY_BY_CPU[512]).toEqual([1024, 2048, 3072, 4096]);
    expect(FARGATE_MEMORY_BY_CPU[1024]).toEqual([2048, 3072, 4096, 5120, 6144, 7168, 8192]);
    expect(FARGATE_MEMORY_BY_CPU[2048]).toHaveLength(13);
    expect(FARGATE_MEMORY_BY_CPU[4096]).toHaveLength(23);
    expect(FARGATE_MEMORY_BY_CPU[8192]).toEqual([
      16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440,
    ]);
    expect(FARGATE_MEMORY_BY_CPU[16384]![0]).toBe(32768);
    expect(FARGATE_MEMORY_BY_CPU[16384]!.at(-1)).toBe(122880);
    expect(isFargateSize(512, 3072)).toBe(true);
    expect(isFargateSize(256, 4096)).toBe(false);
    expect(isFargateSize(8192, 18432)).toBe(false);
    expect(isFargateSize(300, 512)).toBe(false);
  });

  it("is validated in the module with a message that lists the whole table", () => {
    const [cpu] = validations("cpu");
    expect(cpu!.condition).toContain("[256,512,1024,2048,4096,8192,16384]");
    const [memory] = validations("memory");
    expect(memory!.condition).toContain('"256" = [512, 1024, 2048]');
    expect(memory!.condition).toContain("var.cpu");
    expect(memory!.error_message).toContain(describeFargateTable());
    expect(describeFargateTable()).toContain("16384: 32768–122880 step 8192");
  });
});

describe("ecs-service module", () => {
  it("is a standalone module: required_providers range, no provider, only local data sources", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(Object.keys(tf.data).sort()).toEqual(["aws_partition", "aws_region"]);
  });

  it("has readable, stable addresses", () => {
    const byType = Object.fromEntries(
      Object.entries(resource as Record<string, object>).map(([t, r]) => [
        t,
        Object.keys(r).sort(),
      ]),
    );
    expect(byType).toEqual({
      aws_appautoscaling_policy: ["target_tracking"],
      aws_appautoscaling_target: ["this"],
      aws_cloudwatch_log_group: ["this"],
      aws_ecs_service: ["code_deploy", "pipeline_owned", "this"],
      aws_ecs_task_definition: ["this"],
      aws_iam_role: ["execution", "task"],
      aws_iam_role_policy: ["efs", "execute_command", "execution", "task"],
      aws_security_group: ["this"],
      aws_vpc_security_group_egress_rule: ["https_to_aws_apis", "to_external", "to_security_group"],
      aws_vpc_security_group_ingress_rule: ["from_alb", "from_security_group"],
    });
  });

  it("registers a Fargate task definition with the container written in canonical form", () => {
    const td = resource.aws_ecs_task_definition.this;
    expect(td).toMatchObject({
      family: "${var.name}",
      requires_compatibilities: '${var.ec2_capacity_provider == null ? ["FARGATE"] : ["EC2"]}',
      network_mode: "awsvpc",
      cpu: "${tostring(var.cpu)}",
      memory: "${tostring(var.memory)}",
      runtime_platform: {
        operating_system_family: "LINUX",
        cpu_architecture: "${var.cpu_architecture}",
      },
      execution_role_arn: "${aws_iam_role.execution.arn}",
      task_role_arn: "${aws_iam_role.task.arn}",
      container_definitions: "${jsonencode([local.container_definition])}",
    });
    expect(td.dynamic.volume[0]).toEqual({
      for_each: "${local.writable_paths}",
      content: { name: "${volume.key}" },
    });
    expect(tf.locals.writable_paths).toContain("scratch = var.scratch_volume_path");
    expect(tf.locals.writable_paths).toContain(
      '"ssm-agent-state" = var.enable_execute_command ? "/var/lib/amazon" : null',
    );
    const container: string = tf.locals.container_definition;
    for (const canonical of [
      "essential              = true",
      "hostPort = var.container_port",
      'protocol = "tcp"',
      "readOnly = m.readOnly",
      "volumesFrom            = []",
      "systemControls         = []",
      "readonlyRootFilesystem = true",
      '"awslogs-group"         = aws_cloudwatch_log_group.this.name',
      "valueFrom = arn",
    ]) {
      expect(container).toContain(canonical);
    }
    expect(container).not.toMatch(/privileged/);
    expect(container).not.toMatch(/readonlyRootFilesystem\s*=\s*var\./);
  });

  it("mounts EFS volumes through their access points with TLS and IAM authorization", () => {
    const [, efs] = resource.aws_ecs_task_definition.this.dynamic.volume;
    expect(efs.for_each).toBe("${var.efs_volumes}");
    const config = efs.content.efs_volume_configuration;
    expect(config.file_system_id).toBe("${volume.value.file_system_id}");
    expect(config.transit_encryption).toBe("ENABLED");
    expect(config.authorization_config.iam).toBe("ENABLED");
    expect(config.authorization_config.access_point_id).toBe("${volume.value.access_point_id}");
    // The access point sets the directory; ECS rejects another root_directory with one.
    expect(config).not.toHaveProperty("root_directory");
    // One map of mounts, so task storage and EFS come out sorted together by volume name.
    expect(tf.locals.mount_points).toContain(
      "{ for name, path in local.writable_paths : name => { containerPath = path, readOnly = false } }",
    );
    expect(tf.locals.mount_points).toContain(
      "{ for name, v in var.efs_volumes : name => { containerPath = v.container_path, readOnly = v.read_only } }",
    );
    expect(tf.locals.container_definition).toContain("for name, m in local.mount_points");
  });

  it("lets the task role mount each file system only through its access point", () => {
    const efs = resource.aws_iam_role_policy.efs;
    expect(efs).toMatchObject({
      role: "${aws_iam_role.task.id}",
      count: "${length(var.efs_volumes) > 0 ? 1 : 0}",
    });
    expect(efs.policy).toContain(
      'concat(["elasticfilesystem:ClientMount"], v.read_only ? [] : ["elasticfilesystem:ClientWrite"])',
    );
    expect(efs.policy).toContain("Resource  = v.file_system_arn");
    expect(efs.policy).toContain(
      'Condition = { ArnEquals = { "elasticfilesystem:AccessPointArn" = v.access_point_arn } }',
    );
    expect(efs.policy).not.toContain("ClientRootAccess");
  });

  it("validates EFS volume names, IDs, ARNs and container paths", () => {
    expect(variable.efs_volumes).toMatchObject({ default: {}, nullable: false });
    expect(variable.efs_volumes.type).toContain("read_only = optional(bool, false)");
    const messages = validations("efs_volumes").map((v) => v.error_message);
    expect(messages).toEqual([
      expect.stringContaining("not scratch, ssm-agent-state, ssm-agent-logs"),
      expect.stringContaining("ARNs of that same file system and access point"),
      expect.stringContaining("absolute paths"),
      expect.stringContaining("must be unique"),
    ]);
    const unique = validations("efs_volumes")[3]!.condition;
    expect(unique).toContain("var.scratch_volume_path");
    expect(unique).toContain('var.enable_execute_command ? ["/var/lib/amazon","/var/log/amazon"]');
  });

  it("has two alternative services selected by image_owner, neither fighting the autoscaler", () => {
    const { this: tfOwned, pipeline_owned: ciOwned } = resource.aws_ecs_service;
    expect(tfOwned.count).toBe(
      '${var.deployment_controller == "ECS" && var.image_owner == "terraform" ? 1 : 0}',
    );
    expect(tfOwned.lifecycle.ignore_changes).toEqual(["desired_count"]);
    expect(ciOwned.count).toBe(
      '${var.deployment_controller == "ECS" && var.image_owner == "pipeline" ? 1 : 0}',
    );
    expect(ciOwned.lifecycle.ignore_changes).toEqual(["desired_count", "task_definition"]);
    const { count: _a, lifecycle: _b, ...shared } = tfOwned;
    const { count: _c, lifecycle: _d, ...sharedCi } = ciOwned;
    expect(sharedCi).toEqual(shared);
  });

  it("runs the service with the secure deployment settings", () => {
    const svc = resource.aws_ecs_service.this;
    expect(svc).toMatchObject({
      platform_version: '${var.ec2_capacity_provider == null ? "LATEST" : null}',
      network_configuration: { assign_public_ip: false, subnets: "${var.subnet_ids}" },
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_controller: { type: "ECS" },
      propagate_tags: "SERVICE",
      wait_for_steady_state: false,
      enable_execute_command: "${var.enable_execute_command}",
      depends_on: ["aws_iam_role_policy.execution", "aws_iam_role_policy.efs"],
    });
    expect(svc.dynamic.load_balancer).toEqual({
      for_each: "${var.load_balanced ? [var.target_group_arn] : []}",
      content: {
        target_group_arn: "${load_balancer.value}",
        container_name: "${var.name}",
        container_port: "${var.container_port}",
      },
    });
    expect(svc.dynamic.capacity_provider_strategy.for_each).toBe("${local.capacity_strategy}");
    expect(tf.locals.capacity_strategy).toContain(
      '{ capacity_provider = "FARGATE", base = var.fargate_base, weight = var.fargate_weight }',
    );
    expect(tf.locals.capacity_strategy).toContain(
      '{ capacity_provider = "FARGATE_SPOT", base = 0, weight = var.spot_weight }',
    );
    expect(svc.dynamic.alarms).toEqual({
      for_each: "${length(var.alarm_names) > 0 ? [var.alarm_names] : []}",
      content: { alarm_names: "${alarms.value}", enable: true, rollback: true },
    });
  });

  it("lets only the ALB in, and out only HTTPS plus named SG-to-SG rules", () => {
    const ingress = resource.aws_vpc_security_group_ingress_rule;
    const egress = resource.aws_vpc_security_group_egress_rule;
    expect(ingress.from_alb).toMatchObject({
      referenced_security_group_id: "${var.alb_security_group_id}",
      from_port: "${var.container_port}",
      to_port: "${var.container_port}",
    });
    expect(egress.https_to_aws_apis).toMatchObject({
      cidr_ipv4: "0.0.0.0/0",
      from_port: 443,
      to_port: 443,
    });
    expect(egress.to_security_group).toMatchObject({
      for_each: "${var.egress_security_group_rules}",
      referenced_security_group_id: "${each.value.security_group_id}",
      description: "${each.value.description}",
    });
    for (const rule of [...Object.values(ingress), ...Object.values(egress)] as any[]) {
      expect(rule.description).toBeTruthy();
      expect(rule.cidr_ipv6).toBeUndefined();
    }
    expect(JSON.stringify(ingress)).not.toContain("cidr_ipv4");
    expect(resource.aws_security_group.this.ingress).toBeUndefined();
  });

  it("keeps the roles separate and scoped", () => {
    const { execution, task } = resource.aws_iam_role;
    expect(JSON.parse(execution.assume_role_policy).Statement[0].Principal).toEqual({
      Service: "ecs-tasks.amazonaws.com",
    });
    expect(task.assume_role_policy).toContain('"aws:SourceAccount" = var.account_id');
    const policies = resource.aws_iam_role_policy;
    expect(policies.execution.role).toBe("${aws_iam_role.execution.id}");
    expect(policies.task).toMatchObject({
      role: "${aws_iam_role.task.id}",
      count: "${length(var.task_role_statements) > 0 ? 1 : 0}",
    });
    expect(policies.execute_command.count).toBe("${var.enable_execute_command ? 1 : 0}");
    expect(policies.execution.policy).toContain("Resource = local.secret_arns");
    expect(policies.execution.policy).toContain("Resource = local.parameter_arns");
    expect(policies.execution.policy).toContain("Resource = var.secrets_kms_key_arns");
    expect(policies.execute_command.policy).toContain("ssmmessages:OpenDataChannel");
    // No statement anywhere grants every action, or every action of a service.
    const actions = (Object.values(policies) as { policy: string }[]).flatMap(({ policy }) =>
      [...policy.matchAll(/Action\s*=\s*\[([^\]]*)\]/g)].flatMap((m) => m[1]!.match(/"[^"]*"/g)!),
    );
    expect(actions.length).toBeGreaterThan(8);
    for (const action of actions) expect(action).toMatch(/^"[a-z0-9-]+:[A-Za-z]+"$/);
  });

  it("rejects wildcard actions in the caller's task-role statements", () => {
    const actions = validations("task_role_statements").find((v) =>
      v.condition.includes("s.actions"),
    )!;
    expect(actions.condition).toContain('!endswith(a, ":*")');
    expect(actions.error_message).toContain('"*"');
  });

  it("always has a scalable target and target-tracking policies only when autoscaling is on", () => {
    expect(resource.aws_appautoscaling_target.this).toMatchObject({
      service_namespace: "ecs",
      scalable_dimension: "ecs:service:DesiredCount",
      min_capacity: "${var.autoscaling_enabled ? var.min_count : var.desired_count}",
      max_capacity: "${var.autoscaling_enabled ? var.max_count : var.desired_count}",
    });
    expect(resource.aws_appautoscaling_target.this.resource_id).toContain(
      "aws_ecs_service.pipeline_owned[*].name",
    );
    const policy = resource.aws_appautoscaling_policy.target_tracking;
    expect(policy.for_each).toContain("if var.autoscaling_enabled && p.target != null");
    for (const metric of [
      "ECSServiceAverageCPUUtilization",
      "ECSServiceAverageMemoryUtilization",
      "ALBRequestCountPerTarget",
    ]) {
      expect(policy.for_each).toContain(metric);
    }
    expect(policy.target_tracking_scaling_policy_configuration).toMatchObject({
      scale_in_cooldown: "${var.scale_in_cooldown}",
      scale_out_cooldown: "${var.scale_out_cooldown}",
    });
  });

  it("logs to a log group with retention", () => {
    expect(resource.aws_cloudwatch_log_group.this).toMatchObject({
      name: "/ecs/${var.name}",
      retention_in_days: "${var.log_retention_days}",
      kms_key_id: "${var.log_kms_key_arn}",
    });
  });

  it("describes and constrains its variables", () => {
    for (const [name, v] of Object.entries(variable) as [string, any][]) {
      expect([name, typeof v.description, typeof v.type]).toEqual([name, "string", "string"]);
    }
    expect(variable.health_check).toMatchObject({ default: null, nullable: true });
    expect(variable.user).toMatchObject({ default: null, nullable: true });
    for (const constrained of [
      "name",
      "cluster_arn",
      "cluster_name",
      "vpc_id",
      "subnet_ids",
      "account_id",
      "image",
      "image_owner",
      "container_port",
      "cpu_architecture",
      "secrets",
      "health_check",
      "user",
      "log_retention_days",
      "alb_security_group_id",
      "target_group_arn",
      "egress_security_group_rules",
      "desired_count",
      "max_count",
      "spot_weight",
      "requests_per_target",
      "alb_resource_label",
    ]) {
      expect([constrained, validations(constrained).length > 0]).toEqual([constrained, true]);
    }
    expect(validations("desired_count").map((v) => v.condition)).toContain(
      "${!var.autoscaling_enabled || (var.desired_count >= var.min_count && var.desired_count <= var.max_count)}",
    );
  });

  it("wires its outputs to the resources that make them", () => {
    expect(tf.output.service_arn.value).toBe(
      "${one(concat(aws_ecs_service.this[*].id, aws_ecs_service.pipeline_owned[*].id, aws_ecs_service.code_deploy[*].id))}",
    );
  });

  it("documents the design, the ownership switch and the 443 exception", () => {
    const readme = files["README.md"]!;
    expect(readme).toContain("## Design notes");
    expect(readme).toContain("terraform state mv 'module.orders.aws_ecs_service.this[0]'");
    expect(readme).toContain("HTTPS (443) to `0.0.0.0/0`");
    expect(readme).toContain("| `image_owner` |");
  });
});

describeTerraform("ecs-service module, planned with real Terraform", () => {
  it("with terraform-owned images and autoscaling off: one service, count pinned, no policies", () => {
    const p = scenarioPlan("ecs_service_pinned");
    expect(addresses(p, "aws_ecs_service")).toEqual([
      "module.ecs_service_pinned.aws_ecs_service.this[0]",
    ]);
    expect(addresses(p, "aws_appautoscaling_policy")).toEqual([]);
    expect(after(changes(p, "aws_appautoscaling_target")[0]!)).toMatchObject({
      min_capacity: 3,
      max_capacity: 3,
    });
    const [td] = changes(p, "aws_ecs_task_definition");
    const [container] = JSON.parse(after(td!).container_definitions);
    expect(container).toMatchObject({
      essential: true,
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: "tcp" }],
      mountPoints: [
        { sourceVolume: "invoices", containerPath: "/srv/invoices", readOnly: false },
        { sourceVolume: "scratch", containerPath: "/tmp", readOnly: false },
        { sourceVolume: "ssm-agent-logs", containerPath: "/var/log/amazon", readOnly: false },
        { sourceVolume: "ssm-agent-state", containerPath: "/var/lib/amazon", readOnly: false },
        { sourceVolume: "templates", containerPath: "/srv/templates", readOnly: true },
      ],
      environment: [
        { name: "LOG_LEVEL", value: "info" },
        { name: "SPRING_PROFILES_ACTIVE", value: "prod" },
      ],
      healthCheck: { interval: 30, timeout: 5, retries: 3, startPeriod: 30 },
    });
    expect(container.privileged).toBeUndefined();
    expect(
      after(td!)
        .volume.map((v: { name: string }) => v.name)
        .sort(),
    ).toEqual(["invoices", "scratch", "ssm-agent-logs", "ssm-agent-state", "templates"]);
  });

  it("omits what AWS omits when features are off", () => {
    const p = scenarioPlan("ecs_service_bare");
    const [container] = JSON.parse(
      after(changes(p, "aws_ecs_task_definition")[0]!).container_definitions,
    );
    expect(Object.keys(container).sort()).toEqual([
      "environment",
      "essential",
      "image",
      "logConfiguration",
      "mountPoints",
      "name",
      "portMappings",
      "readonlyRootFilesystem",
      "systemControls",
      "volumesFrom",
    ]);
    expect(container.mountPoints).toEqual([]);
    expect(addresses(p, "aws_iam_role_policy")).toEqual([
      "module.ecs_service_bare.aws_iam_role_policy.execution",
    ]);
  });

  it("mounts the example's EFS volumes with TLS and IAM auth, and grants mount and write per access point", () => {
    const p = scenarioPlan("ecs_service");
    const volumes = after(changes(p, "aws_ecs_task_definition")[0]!).volume as any[];
    const efs = Object.fromEntries(
      volumes
        .filter((v) => v.efs_volume_configuration.length > 0)
        .map((v) => [v.name, v.efs_volume_configuration[0]]),
    );
    const { invoices, templates } = ecsServiceSpec.example.efs_volumes!;
    expect(efs).toEqual({
      invoices: expect.objectContaining({
        file_system_id: invoices!.file_system_id,
        transit_encryption: "ENABLED",
        // Not set by the module: the provider's default, the only value ECS takes with an
        // access point (whose own directory then applies).
        root_directory: "/",
        authorization_config: [{ access_point_id: invoices!.access_point_id, iam: "ENABLED" }],
      }),
      templates: expect.objectContaining({
        authorization_config: [{ access_point_id: templates!.access_point_id, iam: "ENABLED" }],
      }),
    });
    const efsPolicy = changes(p, "aws_iam_role_policy").find((c) => c.address.endsWith(".efs[0]"))!;
    expect(JSON.parse(after(efsPolicy).policy).Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Resource: invoices!.file_system_arn,
        Condition: {
          ArnEquals: { "elasticfilesystem:AccessPointArn": invoices!.access_point_arn },
        },
      },
      {
        Effect: "Allow",
        Action: ["elasticfilesystem:ClientMount"],
        Resource: templates!.file_system_arn,
        Condition: {
          ArnEquals: { "elasticfilesystem:AccessPointArn": templates!.access_point_arn },
        },
      },
    ]);
    expect(addresses(p, "aws_vpc_security_group_egress_rule")).toContain(
      'module.ecs_service.aws_vpc_security_group_egress_rule.to_security_group["efs"]',
    );
  });
});
