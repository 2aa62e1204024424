import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import {
  albServedInstances,
  asgTagBlocks,
  CLOUDWATCH_AGENT_SCRIPT,
  instanceRefresh,
  instanceRole,
  shellScript,
} from "../core/instance-launch";
import { ModuleStack } from "../core/module-stack";
import { roleStatementsPolicy } from "../core/role-statements";
import { TransparentScope } from "../core/readable-stack";
import { codedeploy, CODEDEPLOY_AGENT_SCRIPT, codedeployStatements } from "./codedeploy";
import { cpuScaling } from "./scaling";
import { asgSpec } from "./spec";

/** Generates `terraform-modules/asg`; see `spec.ts` for its interface and the notes for the design. */
export class AsgModuleStack extends ModuleStack<typeof asgSpec.inputs, typeof asgSpec.outputs> {
  constructor(scope: Construct) {
    super(scope, asgSpec);
    const v = this.vars;
    const locals = new TransparentScope(this, "locals");
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    const partitionRef = `${partition.fqn}.partition`;
    new TerraformLocal(
      locals,
      "user_data",
      shellScript(CLOUDWATCH_AGENT_SCRIPT, CODEDEPLOY_AGENT_SCRIPT, "${var.user_data}"),
    );

    const { role, profile } = instanceRole(this, {
      managed: ["ssm"],
      statements: codedeployStatements(partitionRef),
      partition: partitionRef,
    });
    // What the application may call, from the caller; apart from the agents' policy, and none
    // when nothing is granted.
    new IamRolePolicy(this.scopeFor(IamRolePolicy), "app", {
      count: expr.number("length(var.instance_role_statements) > 0 ? 1 : 0"),
      name: "app",
      role: role.id,
      policy: expr.string(roleStatementsPolicy("instance_role_statements")),
    });
    const { sg, template } = albServedInstances(this, {
      role: "App tier",
      templateDescription: "App tier ${var.name}",
      instanceProfileArn: profile.arn,
    });

    const targetGroup = new LbTargetGroup(this.scopeFor(LbTargetGroup), "this", {
      name: v.name,
      port: v.app_port,
      protocol: "HTTP",
      targetType: "instance",
      vpcId: v.vpc_id,
      deregistrationDelay: "${var.deregistration_delay}",
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: "${var.health_check.path}",
        matcher: "${var.health_check.matcher}",
        interval: expr.number("var.health_check.interval"),
        timeout: expr.number("var.health_check.timeout"),
        healthyThreshold: expr.number("var.health_check.healthy_threshold"),
        unhealthyThreshold: expr.number("var.health_check.unhealthy_threshold"),
      },
      stickiness: {
        type: "lb_cookie",
        enabled: expr.bool("var.stickiness_seconds != null"),
        cookieDuration: expr.number("coalesce(var.stickiness_seconds, 86400)"),
      },
      tags: tagsWithName("${var.name}"),
    });

    const asg = new AutoscalingGroup(this.scopeFor(AutoscalingGroup), "this", {
      name: v.name,
      minSize: v.min_size,
      maxSize: v.max_size,
      vpcZoneIdentifier: v.subnet_ids,
      targetGroupArns: [targetGroup.arn],
      healthCheckType: "ELB",
      healthCheckGracePeriod: 300,
      defaultInstanceWarmup: expr.number("var.scaling.cooldown"),
      launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      instanceRefresh: instanceRefresh(90),
      enabledMetrics: [
        "GroupDesiredCapacity",
        "GroupInServiceInstances",
        "GroupMaxSize",
        "GroupMinSize",
        "GroupTotalInstances",
      ],
      // Scaling policies and scheduled actions own the desired capacity.
      lifecycle: { ignoreChanges: ["desired_capacity"] },
    });
    asg.addOverride("dynamic.tag", asgTagBlocks("${var.name}"));

    cpuScaling(this, asg.name);
    codedeploy(this, asg.name, targetGroup.name, partitionRef);

    this.exportOutputs({
      autoscaling_group_name: asg.name,
      autoscaling_group_arn: asg.arn,
      target_group_arn: targetGroup.arn,
      target_group_arn_suffix: targetGroup.arnSuffix,
      security_group_id: sg.id,
      instance_role_arn: role.arn,
      instance_role_name: role.name,
      codedeploy_app_name: expr.string("one(aws_codedeploy_app.this[*].name)"),
      codedeploy_deployment_group_name: expr.string(
        "one(aws_codedeploy_deployment_group.this[*].deployment_group_name)",
      ),
    });
  }
}
