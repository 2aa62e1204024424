import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmConfig,
  CloudwatchMetricAlarmMetricQueryMetric,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { inventoryLocals } from "../core/inventory";
import { customerManagedKey } from "../core/kms";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { ALARMS, AlarmDefinition, AlarmSource, MetricRef, REPLICA_LAG_LOCAL } from "./alarms";
import { monitoringSpec } from "./spec";
import { threshold } from "./thresholds";

const period = () => expr.number(threshold("period_seconds"));
const isPercentile = (stat: string) => /^p\d+(\.\d+)?$/.test(stat);

function queryMetric(m: MetricRef): CloudwatchMetricAlarmMetricQueryMetric {
  return {
    namespace: m.namespace,
    metricName: m.metric,
    stat: m.stat,
    period: period(),
    dimensions: expr.map(m.dimensions) as Record<string, string>,
  };
}

/** The metric part of an alarm: one metric, or metric math whose `value` series is compared. */
function metricProps(source: AlarmSource): Partial<CloudwatchMetricAlarmConfig> {
  switch (source.kind) {
    case "metric": {
      const m = source.metric;
      return {
        namespace: m.namespace,
        metricName: m.metric,
        period: period(),
        dimensions: expr.map(m.dimensions) as Record<string, string>,
        ...(isPercentile(m.stat) ? { extendedStatistic: m.stat } : { statistic: m.stat }),
      };
    }
    case "math":
      return {
        metricQuery: [
          { id: "value", expression: source.expression, label: source.label, returnData: true },
          ...Object.entries(source.metrics).map(([id, m]) => ({
            id,
            returnData: false,
            metric: queryMetric(m),
          })),
        ],
      };
    case "members":
      // The member queries (`node0`, `node1`, …) are a dynamic block added by `addMemberQueries`.
      return {
        metricQuery: [
          {
            id: "value",
            expression: `${source.fn}([\${join(", ", [for i, m in each.value.member_clusters : format("node%d", i)])}])`,
            label: source.label,
            returnData: true,
          },
        ],
      };
  }
}

/**
 * One metric query per member cluster. Written as a dynamic block so the alarm is planned
 * even while the member list is unknown (a new cache's `member_clusters`): keying alarms by
 * member instead would make `for_each` keys unknown and fail the first plan.
 */
function addMemberQueries(alarm: CloudwatchMetricAlarm, metric: Omit<MetricRef, "dimensions">) {
  alarm.addOverride("dynamic.metric_query", {
    for_each: '${{ for i, m in each.value.member_clusters : format("node%d", i) => m }}',
    content: {
      id: "${metric_query.key}",
      return_data: false,
      metric: {
        namespace: metric.namespace,
        metric_name: metric.metric,
        stat: metric.stat,
        period: `\${${threshold("period_seconds")}}`,
        dimensions: { CacheClusterId: "${metric_query.value}" },
      },
    },
  });
}

/** Generates `terraform-modules/monitoring`; see `spec.ts` for its interface. */
export class MonitoringModuleStack extends ModuleStack<
  typeof monitoringSpec.inputs,
  typeof monitoringSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, monitoringSpec);
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    const region = new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});

    // CloudWatch publishes to the encrypted topic as itself, so it needs the key directly.
    const key = customerManagedKey(
      this,
      "alarms",
      [{ sid: "CloudWatchPublishesEncryptedAlarms", service: "cloudwatch.amazonaws.com" }],
      {
        description: "Encrypts the alarm notifications of ${var.name}",
        accountId: "${var.account_id}",
        alias: "${var.name}-alarms",
        tags: tagsWithName("${var.name}-alarms"),
      },
    );

    const topic = new SnsTopic(this.scopeFor(SnsTopic), "alarms", {
      name: "${var.name}-alarms",
      kmsMasterKeyId: key.arn,
      tags: tagsWithName("${var.name}-alarms"),
    });
    const accountRoot = `arn:${partition.partition}:iam::\${var.account_id}:root`;
    new SnsTopicPolicy(this.scopeFor(SnsTopicPolicy), "alarms", {
      arn: topic.arn,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AccountManagesTopic",
            Effect: "Allow",
            Principal: { AWS: accountRoot },
            Action: [
              "SNS:GetTopicAttributes",
              "SNS:SetTopicAttributes",
              "SNS:AddPermission",
              "SNS:RemovePermission",
              "SNS:DeleteTopic",
              "SNS:Subscribe",
              "SNS:ListSubscriptionsByTopic",
              "SNS:Publish",
            ],
            Resource: topic.arn,
          },
          {
            // Only alarms of this account and region: the service principal alone would let
            // any account's alarms publish here (confused deputy).
            Sid: "CloudWatchAlarmsOfThisAccountPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "SNS:Publish",
            Resource: topic.arn,
            Condition: {
              ArnLike: {
                "aws:SourceArn": `arn:${partition.partition}:cloudwatch:${region.id}:\${var.account_id}:alarm:*`,
              },
              StringEquals: { "aws:SourceAccount": "${var.account_id}" },
            },
          },
          {
            Sid: "DenyPublishWithoutTls",
            Effect: "Deny",
            Principal: "*",
            Action: "SNS:Publish",
            Resource: topic.arn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });

    const emails = TerraformIterator.fromList(this.vars.alarm_emails);
    new SnsTopicSubscription(this.scopeFor(SnsTopicSubscription), "email", {
      forEach: emails,
      topicArn: topic.arn,
      protocol: "email",
      endpoint: emails.value,
    });

    const locals = new TransparentScope(this, "locals");
    new TerraformLocal(locals, "target_groups", expr.any(inventoryLocals.target_groups));
    new TerraformLocal(locals, "replica_lag", expr.any(REPLICA_LAG_LOCAL));

    for (const def of ALARMS) this.alarm(def, topic.arn);
    // Plain addresses: a resource's fqn token is interpolated only once per expression.
    const address = (def: AlarmDefinition) => `${CloudwatchMetricAlarm.tfResourceType}.${def.id}`;

    new TerraformLocal(
      locals,
      "alarms",
      expr.any(`concat(${ALARMS.map((def) => `values(${address(def)})`).join(", ")})`),
    );
    new TerraformLocal(
      locals,
      "service_alarms",
      expr.any(
        `concat(${ALARMS.filter((def) => def.service !== undefined)
          .map(
            (def) =>
              `[for k, a in ${address(def)} : { service = ${def.service}, name = a.alarm_name }]`,
          )
          .join(", ")})`,
      ),
    );

    this.exportOutputs({
      topic_arn: topic.arn,
      kms_key_arn: key.arn,
      alarm_names: expr.list("sort(local.alarms[*].alarm_name)"),
      alarm_names_by_service: expr.map(
        "{ for svc in keys(var.ecs_services) : svc => sort([for a in local.service_alarms : a.name if a.service == svc]) }",
      ),
      alarm_arns: expr.map("{ for a in local.alarms : a.alarm_name => a.arn }"),
    });
  }

  private alarm(def: AlarmDefinition, topicArn: string): void {
    const alarm = new CloudwatchMetricAlarm(this.scopeFor(CloudwatchMetricAlarm), def.id, {
      forEach: TerraformIterator.fromMap(expr.map(def.over)),
      alarmName: `\${var.name}-${def.subject}-${def.severity}`,
      alarmDescription: `${def.severity.toUpperCase()}: ${def.description}`,
      comparisonOperator: def.comparison,
      threshold: expr.number(def.threshold),
      evaluationPeriods: expr.number(threshold("evaluation_periods")),
      datapointsToAlarm: expr.number(threshold("datapoints_to_alarm")),
      treatMissingData: def.missingData,
      actionsEnabled: this.vars.enabled,
      alarmActions: [topicArn],
      okActions: [topicArn],
      tags: expr.map(`merge(var.tags, { Severity = "${def.severity}" })`) as Record<string, string>,
      ...metricProps(def.source),
    });
    if (def.source.kind === "members") addMemberQueries(alarm, def.source.metric);
  }
}
