import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { SsmDocument } from "@cdktf/provider-aws/lib/ssm-document";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import {
  albServedInstances,
  asgTagBlocks,
  instanceRefresh,
  instanceRole,
} from "../core/instance-launch";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { hostStatements } from "./iam";
import { DEPLOY_TAG_KEY, ec2HostSpec } from "./spec";
import { DEPLOY_COMMAND, userDataTemplate } from "./user-data";

/** Generates `terraform-modules/ec2-host`; see `spec.ts` for its interface and the notes for the design. */
export class Ec2HostModuleStack extends ModuleStack<
  typeof ec2HostSpec.inputs,
  typeof ec2HostSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, ec2HostSpec);
    const v = this.vars;
    const locals = new TransparentScope(this, "locals");
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    new TerraformLocal(locals, "compose_plugin", expr.any("var.compose_plugin[var.architecture]"));
    new TerraformLocal(locals, "user_data", userDataTemplate);

    const logGroup = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "this", {
      name: "/ec2/${var.name}",
      retentionInDays: v.log_retention_days,
      tags: tagsWithName("${var.name}"),
    });
    const { role, profile } = instanceRole(this, {
      managed: ["ssm"],
      statements: hostStatements(`${partition.fqn}.partition`),
      partition: `${partition.fqn}.partition`,
    });
    const { sg, template } = albServedInstances(this, {
      role: "EC2 host",
      templateDescription: "Docker Compose host ${var.name}",
      instanceProfileArn: profile.arn,
    });

    // Exactly one instance; a failed one (status checks, or the target group's health check)
    // is terminated and replaced from the same template.
    const asg = new AutoscalingGroup(this.scopeFor(AutoscalingGroup), "this", {
      name: v.name,
      minSize: 1,
      maxSize: 1,
      desiredCapacity: 1,
      vpcZoneIdentifier: v.subnet_ids,
      targetGroupArns: expr.list("var.target_group_arn == null ? [] : [var.target_group_arn]"),
      healthCheckType: expr.string('var.target_group_arn == null ? "EC2" : "ELB"'),
      // Docker, the Compose plugin, the agent and the first image pulls take minutes.
      healthCheckGracePeriod: 600,
      launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      // The replacement starts (up to 200%) before the old instance goes.
      instanceRefresh: instanceRefresh(100, 200),
      enabledMetrics: ["GroupInServiceInstances", "GroupDesiredCapacity"],
    });
    asg.addOverride(
      "dynamic.tag",
      asgTagBlocks("${var.name}", { [DEPLOY_TAG_KEY]: "${var.name}" }),
    );

    const document = new SsmDocument(this.scopeFor(SsmDocument), "deploy", {
      name: "${var.name}-deploy",
      documentType: "Command",
      documentFormat: "JSON",
      content: JSON.stringify({
        schemaVersion: "2.2",
        description:
          "Deploy the Compose application of ${var.name}: fetch the Compose file and secrets, pull, up",
        parameters: {
          composeVersionId: {
            type: "String",
            description: "S3 object version of the Compose file; empty: the latest",
            default: "",
            // No shell metacharacters reach the command line.
            allowedPattern: "^[A-Za-z0-9._-]{0,1024}$",
          },
        },
        mainSteps: [
          {
            action: "aws:runShellScript",
            name: "deploy",
            inputs: { runCommand: [DEPLOY_COMMAND], timeoutSeconds: "900" },
          },
        ],
      }),
      tags: tagsWithName("${var.name}-deploy"),
    });

    const alarms = TerraformIterator.fromMap(
      expr.map(`{
  cpu    = { namespace = "AWS/EC2", metric = "CPUUtilization", statistic = "Average", threshold = var.alarm_thresholds.cpu, what = "CPU above \${var.alarm_thresholds.cpu}%", missing = "missing" }
  memory = { namespace = "CWAgent", metric = "mem_used_percent", statistic = "Average", threshold = var.alarm_thresholds.memory, what = "memory above \${var.alarm_thresholds.memory}%", missing = "breaching" }
  disk   = { namespace = "CWAgent", metric = "disk_used_percent", statistic = "Maximum", threshold = var.alarm_thresholds.disk, what = "root disk above \${var.alarm_thresholds.disk}%", missing = "breaching" }
  status = { namespace = "AWS/EC2", metric = "StatusCheckFailed", statistic = "Maximum", threshold = 1, what = "failing EC2 status checks (Auto Scaling replaces the instance)", missing = "missing" }
}`),
    );
    new CloudwatchMetricAlarm(this.scopeFor(CloudwatchMetricAlarm), "this", {
      forEach: alarms,
      alarmName: "${var.name}-${each.key}",
      alarmDescription: "EC2 host ${var.name}: ${each.value.what}",
      namespace: alarms.getString("namespace"),
      metricName: alarms.getString("metric"),
      // The agent rolls its metrics up by group, so the alarm outlives instance replacement.
      dimensions: { AutoScalingGroupName: asg.name },
      statistic: alarms.getString("statistic"),
      period: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: alarms.getNumber("threshold"),
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: alarms.getString("missing"),
      alarmActions: [v.alarm_topic_arn],
      okActions: [v.alarm_topic_arn],
      tags: tagsWithName("${var.name}-${each.key}"),
    });

    this.exportOutputs({
      autoscaling_group_name: asg.name,
      security_group_id: sg.id,
      instance_role_arn: role.arn,
      instance_role_name: role.name,
      log_group_name: logGroup.name,
      deploy_tag_key: DEPLOY_TAG_KEY,
      deploy_tag_value: v.name,
      deploy_document_name: document.name,
      deploy_document_arn: document.arn,
      alarm_names: expr.map("{ for k, a in aws_cloudwatch_metric_alarm.this : k => a.alarm_name }"),
    });
  }
}
