import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import {
  asgTagBlocks,
  CLOUDWATCH_AGENT_SCRIPT,
  imageIdExpression,
  instanceRefresh,
  instanceRole,
  instanceSecurityGroup,
  secureLaunchTemplate,
  shellScript,
} from "../core/instance-launch";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { ecsCapacitySpec } from "./spec";

/**
 * The ECS agent's settings. `ECS_AWSVPC_BLOCK_IMDS` keeps awsvpc tasks away from the instance
 * metadata service (and so from the instance role's credentials; the hop limit of 1 covers
 * bridge networking), `ECS_DISABLE_PRIVILEGED` refuses privileged containers on the host,
 * Spot draining moves tasks off an instance that received its two-minute interruption notice.
 */
export const ECS_AGENT_CONFIG: Record<string, string> = {
  ECS_CLUSTER: "${var.cluster_name}",
  ECS_AWSVPC_BLOCK_IMDS: "true",
  ECS_DISABLE_PRIVILEGED: "true",
  ECS_ENABLE_TASK_IAM_ROLE: "true",
  ECS_ENABLE_SPOT_INSTANCE_DRAINING: "true",
  ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM: "ec2_instance",
};

/** Generates `terraform-modules/ecs-capacity`; see `spec.ts` for its interface. */
export class EcsCapacityModuleStack extends ModuleStack<
  typeof ecsCapacitySpec.inputs,
  typeof ecsCapacitySpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, ecsCapacitySpec);
    const locals = new TransparentScope(this, "locals");
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});

    const agentConfig = Object.entries(ECS_AGENT_CONFIG)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n");
    new TerraformLocal(
      locals,
      "user_data",
      shellScript(
        `cat > /etc/ecs/ecs.config <<'ECSCONFIG'\n${agentConfig}\nECSCONFIG`,
        CLOUDWATCH_AGENT_SCRIPT,
      ),
    );

    const { role, profile } = instanceRole(this, {
      managed: ["ecs", "ssm"],
      partition: `${partition.fqn}.partition`,
    });
    const sg = instanceSecurityGroup(this, {
      description:
        "ECS container instances of ${var.name}: no ingress (tasks use awsvpc interfaces with their own groups)",
    });

    const pools = TerraformIterator.fromMap(expr.map("var.pools"));
    secureLaunchTemplate(this, "pool", {
      forEach: pools,
      namePrefix: "${var.name}-${each.key}-",
      description: "ECS container instances of pool ${each.key} in cluster ${var.cluster_name}",
      imageId: imageIdExpression("ecs-al2023", "each.value.ami_id", "each.value.architecture"),
      instanceType: "each.value.instance_types[0]",
      userData: "local.user_data",
      securityGroupId: sg.id,
      instanceProfileArn: profile.arn,
      nameTag: "${var.name}-${each.key}",
    });

    const asg = new AutoscalingGroup(this.scopeFor(AutoscalingGroup), "pool", {
      forEach: pools,
      name: "${var.name}-${each.key}",
      minSize: expr.number("each.value.min_size"),
      maxSize: expr.number("each.value.max_size"),
      vpcZoneIdentifier: this.vars.subnet_ids,
      // ECS decides which instances may be terminated (managed termination protection).
      protectFromScaleIn: expr.bool("each.value.protect_from_scale_in"),
      capacityRebalance: expr.bool("each.value.spot_percentage > 0"),
      healthCheckType: "EC2",
      healthCheckGracePeriod: 300,
      defaultInstanceWarmup: 300,
      enabledMetrics: [
        "GroupDesiredCapacity",
        "GroupInServiceInstances",
        "GroupMaxSize",
        "GroupMinSize",
        "GroupPendingInstances",
        "GroupTerminatingInstances",
        "GroupTotalInstances",
      ],
      mixedInstancesPolicy: {
        instancesDistribution: {
          onDemandBaseCapacity: expr.number("each.value.on_demand_base_capacity"),
          onDemandPercentageAboveBaseCapacity: expr.number("100 - each.value.spot_percentage"),
          onDemandAllocationStrategy: "prioritized",
          spotAllocationStrategy: "price-capacity-optimized",
        },
        launchTemplate: {
          launchTemplateSpecification: {
            launchTemplateId: "${aws_launch_template.pool[each.key].id}",
            version: "${aws_launch_template.pool[each.key].latest_version}",
          },
        },
      },
      instanceRefresh: instanceRefresh(90),
      lifecycle: { ignoreChanges: ["desired_capacity"] },
    });
    asg.addOverride("mixed_instances_policy.launch_template.dynamic.override", {
      for_each: "${each.value.instance_types}",
      content: { instance_type: "${override.value}" },
    });
    // ECS scales only groups tagged AmazonECSManaged (value empty).
    asg.addOverride(
      "dynamic.tag",
      asgTagBlocks("${var.name}-${each.key}", { AmazonECSManaged: "" }),
    );

    new EcsCapacityProvider(this.scopeFor(EcsCapacityProvider), "pool", {
      forEach: pools,
      name: "${var.name}-${each.key}",
      autoScalingGroupProvider: {
        autoScalingGroupArn: "${aws_autoscaling_group.pool[each.key].arn}",
        managedTerminationProtection: expr.string(
          'each.value.protect_from_scale_in ? "ENABLED" : "DISABLED"',
        ),
        managedDraining: "ENABLED",
        managedScaling: {
          status: "ENABLED",
          targetCapacity: expr.number("each.value.target_capacity"),
          minimumScalingStepSize: 1,
          maximumScalingStepSize: 10,
          instanceWarmupPeriod: 300,
        },
      },
      tags: tagsWithName("${var.name}-${each.key}"),
    });

    const byPool = (type: string, attr: string) =>
      expr.map(`{ for k, v in ${type} : k => v.${attr} }`);
    this.exportOutputs({
      capacity_provider_names: byPool("aws_ecs_capacity_provider.pool", "name"),
      autoscaling_group_names: byPool("aws_autoscaling_group.pool", "name"),
      autoscaling_group_arns: byPool("aws_autoscaling_group.pool", "arn"),
      launch_template_ids: byPool("aws_launch_template.pool", "id"),
      security_group_id: sg.id,
      instance_role_arn: role.arn,
      instance_role_name: role.name,
    });
  }
}
