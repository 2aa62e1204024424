import { CodedeployApp } from "@cdktf/provider-aws/lib/codedeploy-app";
import { CodedeployDeploymentConfig } from "@cdktf/provider-aws/lib/codedeploy-deployment-config";
import { CodedeployDeploymentGroup } from "@cdktf/provider-aws/lib/codedeploy-deployment-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { codedeploySpec, DEFAULT_DEPLOYMENT_CONFIG } from "./spec";

/** The AWS-managed policy of the service role; see the notes for why not an inline one. */
export const CODEDEPLOY_ECS_POLICY = "AWSCodeDeployRoleForECS";

const custom = "var.custom_deployment_config";

/** Generates `terraform-modules/codedeploy`; see `spec.ts` for its interface and `notes.ts` for the design. */
export class CodedeployModuleStack extends ModuleStack<
  typeof codedeploySpec.inputs,
  typeof codedeploySpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, codedeploySpec);
    const v = this.vars;
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    const locals = new TransparentScope(this, "locals");

    const role = new IamRole(this.scopeFor(IamRole), "this", {
      name: "${var.name}-codedeploy",
      description: "CodeDeploy blue/green deployments of ECS service ${var.service_name}",
      assumeRolePolicy: assumeRolePolicy("codedeploy.amazonaws.com"),
      tags: tagsWithName("${var.name}-codedeploy"),
    });
    const policy = new IamRolePolicyAttachment(this.scopeFor(IamRolePolicyAttachment), "this", {
      role: role.name,
      policyArn: `arn:\${${partition.fqn}.partition}:iam::aws:policy/${CODEDEPLOY_ECS_POLICY}`,
    });

    const app = new CodedeployApp(this.scopeFor(CodedeployApp), "this", {
      name: v.name,
      computePlatform: "ECS",
      tags: tagsWithName("${var.name}"),
    });

    // The name carries the settings, so a changed setting creates a new configuration before
    // the group moves to it and the old one (still in use until then) is deleted.
    const config = new CodedeployDeploymentConfig(
      this.scopeFor(CodedeployDeploymentConfig),
      "this",
      {
        count: expr.number(`${custom} == null ? 0 : 1`),
        deploymentConfigName: expr.string(
          `${custom}.type == "AllAtOnce" ? "\${var.name}-all-at-once" : "\${var.name}-\${lower(trimprefix(${custom}.type, "TimeBased"))}-\${${custom}.percentage}pct-\${${custom}.interval_minutes}min"`,
        ),
        computePlatform: "ECS",
        trafficRoutingConfig: { type: expr.string(`${custom}.type`) },
        lifecycle: { createBeforeDestroy: true },
      },
    );
    const every = (kind: string) => ({
      for_each: `\${${custom}.type == "TimeBased${kind}" ? [${custom}] : []}`,
      content: {
        interval: "${traffic.value.interval_minutes}",
        percentage: "${traffic.value.percentage}",
      },
    });
    config.addOverride("traffic_routing_config.dynamic", {
      time_based_canary: { ...every("Canary"), iterator: "traffic" },
      time_based_linear: { ...every("Linear"), iterator: "traffic" },
    });
    new TerraformLocal(
      locals,
      "deployment_config_name",
      expr.string(
        `${custom} != null ? aws_codedeploy_deployment_config.this[0].id : coalesce(var.deployment_config_name, "${DEFAULT_DEPLOYMENT_CONFIG}")`,
      ),
    );

    const group = new CodedeployDeploymentGroup(this.scopeFor(CodedeployDeploymentGroup), "this", {
      appName: app.name,
      deploymentGroupName: v.name,
      serviceRoleArn: role.arn,
      deploymentConfigName: expr.string("local.deployment_config_name"),
      deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
      blueGreenDeploymentConfig: {
        deploymentReadyOption: {
          actionOnTimeout: expr.string(
            'var.ready_wait_minutes > 0 ? "STOP_DEPLOYMENT" : "CONTINUE_DEPLOYMENT"',
          ),
          waitTimeInMinutes: expr.number(
            "var.ready_wait_minutes > 0 ? var.ready_wait_minutes : null",
          ),
        },
        terminateBlueInstancesOnDeploymentSuccess: {
          action: "TERMINATE",
          terminationWaitTimeInMinutes: v.termination_wait_minutes,
        },
      },
      ecsService: { clusterName: v.cluster_name, serviceName: v.service_name },
      loadBalancerInfo: {
        targetGroupPairInfo: {
          prodTrafficRoute: { listenerArns: [v.prod_listener_arn] },
          testTrafficRoute: { listenerArns: [v.test_listener_arn] },
          targetGroup: [{ name: v.blue_target_group_name }, { name: v.green_target_group_name }],
        },
      },
      autoRollbackConfiguration: {
        enabled: true,
        events: expr.list(
          'concat(["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST"], length(var.alarm_names) > 0 ? ["DEPLOYMENT_STOP_ON_ALARM"] : [])',
        ),
      },
      tags: tagsWithName("${var.name}"),
      // Without the policy the first deployment fails on permissions.
      dependsOn: [policy],
    });
    group.addOverride("dynamic.alarm_configuration", {
      for_each: "${length(var.alarm_names) > 0 ? [var.alarm_names] : []}",
      content: { alarms: "${alarm_configuration.value}", enabled: true },
    });

    this.exportOutputs({
      application_name: app.name,
      application_arn: app.arn,
      deployment_group_name: group.deploymentGroupName,
      deployment_group_arn: group.arn,
      deployment_config_name: expr.string("local.deployment_config_name"),
      service_role_arn: role.arn,
    });
  }
}
