import { AutoscalingPolicy } from "@cdktf/provider-aws/lib/autoscaling-policy";
import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { TerraformIterator } from "cdktf";
import { expr, tagsWithName } from "../core/expressions";
import { ReadableStack } from "../core/readable-stack";

/**
 * CPU scaling of the group, by mode: one target-tracking policy, or two step policies each
 * driven by its own alarm (`out` at `scale_out_cpu`, `in` at `scale_in_cpu`); and the scheduled
 * actions keyed by name.
 */
export function cpuScaling(stack: ReadableStack, groupName: string) {
  new AutoscalingPolicy(stack.scopeFor(AutoscalingPolicy), "cpu_target", {
    count: expr.number('var.scaling.mode == "target-tracking" ? 1 : 0'),
    name: "${var.name}-cpu-target",
    autoscalingGroupName: groupName,
    policyType: "TargetTrackingScaling",
    estimatedInstanceWarmup: expr.number("var.scaling.cooldown"),
    targetTrackingConfiguration: {
      targetValue: expr.number("var.scaling.cpu_target"),
      predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
    },
  });

  const steps = TerraformIterator.fromMap(
    expr.map(`var.scaling.mode != "step" ? {} : {
  out = { adjustment = var.scaling.scale_out_by, threshold = var.scaling.scale_out_cpu, operator = "GreaterThanOrEqualToThreshold", lower = 0, upper = null }
  in  = { adjustment = -var.scaling.scale_in_by, threshold = var.scaling.scale_in_cpu, operator = "LessThanOrEqualToThreshold", lower = null, upper = 0 }
}`),
  );
  const step = new AutoscalingPolicy(stack.scopeFor(AutoscalingPolicy), "cpu_step", {
    forEach: steps,
    name: "${var.name}-cpu-${each.key}",
    autoscalingGroupName: groupName,
    policyType: "StepScaling",
    adjustmentType: "ChangeInCapacity",
    metricAggregationType: "Average",
    // Step policies have no cooldown; the warm-up keeps the next step waiting for new instances.
    estimatedInstanceWarmup: expr.number("var.scaling.cooldown"),
    stepAdjustment: [
      {
        scalingAdjustment: steps.getNumber("adjustment"),
        metricIntervalLowerBound: "${each.value.lower}",
        metricIntervalUpperBound: "${each.value.upper}",
      },
    ],
  });
  new CloudwatchMetricAlarm(stack.scopeFor(CloudwatchMetricAlarm), "cpu_step", {
    forEach: steps,
    alarmName: "${var.name}-cpu-${each.key}",
    alarmDescription: "Scales ${var.name} ${each.key} at ${each.value.threshold}% average CPU",
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    dimensions: { AutoScalingGroupName: groupName },
    statistic: "Average",
    period: 60,
    evaluationPeriods: 2,
    threshold: steps.getNumber("threshold"),
    comparisonOperator: steps.getString("operator"),
    alarmActions: [`\${aws_autoscaling_policy.cpu_step[each.key].arn}`],
    tags: tagsWithName("${var.name}-cpu-${each.key}"),
    dependsOn: [step],
  });

  const schedules = TerraformIterator.fromMap(expr.map("var.scheduled_actions"));
  new AutoscalingSchedule(stack.scopeFor(AutoscalingSchedule), "this", {
    forEach: schedules,
    scheduledActionName: "${var.name}-${each.key}",
    autoscalingGroupName: groupName,
    recurrence: schedules.getString("recurrence"),
    timeZone: schedules.getString("time_zone"),
    minSize: schedules.getNumber("min_size"),
    maxSize: schedules.getNumber("max_size"),
    desiredCapacity: expr.number("each.value.desired_capacity"),
  });
}
