import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { EcsService, EcsServiceConfig } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { workloadEgress } from "../core/workload-egress";
import { containerDefinitionHcl, mountPointsHcl, writablePathsHcl } from "./container-definition";
import { codeDeployService, ecsControlledCount, SERVICE_RESOURCES } from "./deployment-controller";
import {
  efsPolicy,
  executeCommandPolicy,
  executionPolicy,
  locals,
  taskPolicy,
  taskTrustPolicy,
} from "./iam-policies";
import { capacityStrategyHcl, serviceDynamicBlocks } from "./placement";
import { ecsServiceSpec } from "./spec";
import { ec2VolumeBlock } from "./volumes";

/** Generates `terraform-modules/ecs-service`; see `spec.ts` for its interface and `notes.ts` for the design. */
export class EcsServiceModuleStack extends ModuleStack<
  typeof ecsServiceSpec.inputs,
  typeof ecsServiceSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, ecsServiceSpec);
    const v = this.vars;
    const local = new TransparentScope(this, "locals");
    for (const [name, hcl] of Object.entries(locals))
      new TerraformLocal(local, name, expr.any(hcl));
    new TerraformLocal(local, "writable_paths", expr.any(writablePathsHcl));
    new TerraformLocal(local, "mount_points", expr.any(mountPointsHcl));
    new TerraformLocal(local, "container_definition", expr.any(containerDefinitionHcl));
    new TerraformLocal(local, "capacity_strategy", expr.any(capacityStrategyHcl));
    new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});

    const logGroup = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "this", {
      name: "/ecs/${var.name}",
      retentionInDays: v.log_retention_days,
      kmsKeyId: v.log_kms_key_arn,
      tags: tagsWithName("${var.name}"),
    });

    // Two roles: what ECS needs to start the task, and what the application may do.
    const role = (id: string, trust: string) =>
      new IamRole(this.scopeFor(IamRole), id, {
        name: `\${var.name}-${id}`,
        assumeRolePolicy: trust,
        tags: tagsWithName(`\${var.name}-${id}`),
      });
    const executionRole = role("execution", assumeRolePolicy("ecs-tasks.amazonaws.com"));
    const taskRole = role("task", expr.string(taskTrustPolicy));
    const inlinePolicy = (id: string, roleId: string, policy: string, count?: number) =>
      new IamRolePolicy(this.scopeFor(IamRolePolicy), id, {
        name: id.replace(/_/g, "-"),
        role: roleId,
        policy: expr.string(policy),
        ...(count === undefined ? {} : { count }),
      });
    const executionGrant = inlinePolicy("execution", executionRole.id, executionPolicy);
    inlinePolicy(
      "task",
      taskRole.id,
      taskPolicy,
      expr.number("length(var.task_role_statements) > 0 ? 1 : 0"),
    );
    inlinePolicy(
      "execute_command",
      taskRole.id,
      executeCommandPolicy,
      expr.number("var.enable_execute_command ? 1 : 0"),
    );
    const efsGrant = inlinePolicy(
      "efs",
      taskRole.id,
      efsPolicy,
      expr.number("length(var.efs_volumes) > 0 ? 1 : 0"),
    );

    const taskDefinition = new EcsTaskDefinition(this.scopeFor(EcsTaskDefinition), "this", {
      family: v.name,
      requiresCompatibilities: expr.list(
        'var.ec2_capacity_provider == null ? ["FARGATE"] : ["EC2"]',
      ),
      networkMode: "awsvpc",
      cpu: expr.string("tostring(var.cpu)"),
      memory: expr.string("tostring(var.memory)"),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: v.cpu_architecture },
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      containerDefinitions: expr.string("jsonencode([local.container_definition])"),
      tags: tagsWithName("${var.name}"),
    });
    // Two kinds of volume, so two dynamic blocks (an override: the bindings take one).
    taskDefinition.addOverride("dynamic.volume", [
      // Neither host path nor configuration: ephemeral task storage.
      { for_each: "${local.writable_paths}", content: { name: "${volume.key}" } },
      {
        for_each: "${var.efs_volumes}",
        content: {
          name: "${volume.key}",
          // No root_directory: the access point sets it; with one, ECS takes no other than "/".
          efs_volume_configuration: {
            file_system_id: "${volume.value.file_system_id}",
            transit_encryption: "ENABLED",
            authorization_config: {
              access_point_id: "${volume.value.access_point_id}",
              iam: "ENABLED",
            },
          },
        },
      },
      ec2VolumeBlock,
    ]);

    const sg = new SecurityGroup(this.scopeFor(SecurityGroup), "this", {
      name: "${var.name}-tasks",
      description: "ECS tasks of ${var.name}",
      vpcId: v.vpc_id,
      tags: tagsWithName("${var.name}-tasks"),
    });
    // Optional since services may run without a load balancer; Terraform moves the existing
    // rule to from_alb[0] by itself (an implied move when count is added). The count reads the
    // flag, not the id: an id from an ALB created in the same apply is unknown at plan time.
    new VpcSecurityGroupIngressRule(this.scopeFor(VpcSecurityGroupIngressRule), "from_alb", {
      count: expr.number("var.load_balanced ? 1 : 0"),
      securityGroupId: sg.id,
      referencedSecurityGroupId: v.alb_security_group_id,
      ipProtocol: "tcp",
      fromPort: v.container_port,
      toPort: v.container_port,
      description: "Container port, from the load balancer only",
      tags: tagsWithName("${var.name}-from-alb"),
    });
    const clients = TerraformIterator.fromMap(expr.map("var.ingress_security_group_rules"));
    new VpcSecurityGroupIngressRule(
      this.scopeFor(VpcSecurityGroupIngressRule),
      "from_security_group",
      {
        forEach: clients,
        securityGroupId: sg.id,
        referencedSecurityGroupId: clients.getString("security_group_id"),
        ipProtocol: "tcp",
        fromPort: v.container_port,
        toPort: v.container_port,
        description: clients.getString("description"),
        tags: tagsWithName("${var.name}-from-${each.key}"),
      },
    );
    // Tasks pull images from ECR and call AWS APIs (logs, Secrets Manager, SSM, STS); nothing
    // else leaves to the internet.
    workloadEgress(this, sg, {
      httpsDescription: "HTTPS to ECR and AWS APIs through NAT or VPC endpoints",
      rulesVar: "var.egress_security_group_rules",
    });

    const external = TerraformIterator.fromMap(expr.map("var.egress_external_rules"));
    new VpcSecurityGroupEgressRule(this.scopeFor(VpcSecurityGroupEgressRule), "to_external", {
      forEach: external,
      securityGroupId: sg.id,
      cidrIpv4: external.getString("cidr_ipv4"),
      prefixListId: external.getString("prefix_list_id"),
      ipProtocol: "tcp",
      fromPort: external.getNumber("port"),
      toPort: external.getNumber("port"),
      description: external.getString("description"),
      tags: tagsWithName("${var.name}-to-${each.key}"),
    });

    const service: EcsServiceConfig = {
      name: v.name,
      cluster: v.cluster_arn,
      taskDefinition: taskDefinition.arn,
      desiredCount: v.desired_count,
      // Platform versions are Fargate's; EC2 tasks run on the instance's agent.
      platformVersion: expr.string('var.ec2_capacity_provider == null ? "LATEST" : null'),
      networkConfiguration: {
        subnets: v.subnet_ids,
        securityGroups: [sg.id],
        assignPublicIp: false,
      },
      // ECS accepts a grace period only with a load balancer.
      healthCheckGracePeriodSeconds: expr.number(
        "var.load_balanced ? var.health_check_grace_period_seconds : null",
      ),
      deploymentController: { type: "ECS" },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: v.deployment_minimum_healthy_percent,
      deploymentMaximumPercent: v.deployment_maximum_percent,
      enableExecuteCommand: v.enable_execute_command,
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      waitForSteadyState: false,
      tags: tagsWithName("${var.name}"),
      // The first tasks need the execution role's permissions to pull and log, and the task
      // role's to mount their EFS volumes.
      dependsOn: [executionGrant, efsGrant],
    };
    // lifecycle.ignore_changes cannot depend on a variable, so each image owner gets its own
    // resource and `count` selects one. The desired count always belongs to Application Auto
    // Scaling (see the scalable target below).
    const variant = (id: string, owner: string, ignoreChanges: string[]) =>
      new EcsService(this.scopeFor(EcsService), id, {
        ...service,
        count: ecsControlledCount(owner),
        lifecycle: { ignoreChanges },
      }).addOverride("dynamic", {
        // The bindings type `alarms` as a plain object, so the optional block is an override.
        alarms: {
          for_each: "${length(var.alarm_names) > 0 ? [var.alarm_names] : []}",
          content: { alarm_names: "${alarms.value}", enable: true, rollback: true },
        },
        ...serviceDynamicBlocks,
      });
    variant("this", "terraform", ["desired_count"]);
    variant("pipeline_owned", "pipeline", ["desired_count", "task_definition"]);
    codeDeployService(this, service, serviceDynamicBlocks);
    const active = (attr: string) =>
      expr.string(
        `one(concat(${SERVICE_RESOURCES.map((r) => `aws_ecs_service.${r}[*].${attr}`).join(", ")}))`,
      );
    const serviceName = active("name");

    // Always present: with autoscaling off it pins the count to desired_count (min = max), which
    // is how a changed desired_count still reaches a service that ignores it.
    const target = new AppautoscalingTarget(this.scopeFor(AppautoscalingTarget), "this", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/\${var.cluster_name}/${serviceName}`,
      minCapacity: expr.number("var.autoscaling_enabled ? var.min_count : var.desired_count"),
      maxCapacity: expr.number("var.autoscaling_enabled ? var.max_count : var.desired_count"),
      tags: tagsWithName("${var.name}"),
    });
    const policies = TerraformIterator.fromMap(
      expr.map(`{ for k, p in {
  cpu      = { metric = "ECSServiceAverageCPUUtilization", target = var.cpu_target, label = null }
  memory   = { metric = "ECSServiceAverageMemoryUtilization", target = var.memory_target, label = null }
  requests = { metric = "ALBRequestCountPerTarget", target = var.requests_per_target, label = var.alb_resource_label }
} : k => p if var.autoscaling_enabled && p.target != null }`),
    );
    new AppautoscalingPolicy(this.scopeFor(AppautoscalingPolicy), "target_tracking", {
      forEach: policies,
      name: "${var.name}-${each.key}",
      policyType: "TargetTrackingScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: policies.getNumber("target"),
        scaleInCooldown: v.scale_in_cooldown,
        scaleOutCooldown: v.scale_out_cooldown,
        predefinedMetricSpecification: {
          predefinedMetricType: policies.getString("metric"),
          resourceLabel: policies.getString("label"),
        },
      },
    });

    this.exportOutputs({
      service_name: serviceName,
      // The service's id is its ARN in both provider 5.x and 6.x (6.x also has `arn`).
      service_arn: active("id"),
      container_name: v.name,
      task_definition_arn: taskDefinition.arn,
      task_definition_family: taskDefinition.family,
      security_group_id: sg.id,
      task_role_arn: taskRole.arn,
      task_role_name: taskRole.name,
      execution_role_arn: executionRole.arn,
      log_group_name: logGroup.name,
    });
  }
}
