import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmConfig,
  CloudwatchMetricAlarmMetricQueryMetric,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { TerraformIterator, TerraformLocal, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { inventoryLocals } from "../core/inventory";
import { customerManagedKey } from "../core/kms";
import { ModuleStack } from "../core/module-stack";
import { PROVIDER_ALIASES } from "../core/provider-aliases";
import { TransparentScope } from "../core/readable-stack";
import {
  ALARMS,
  AlarmDefinition,
  AlarmSource,
  MetricRef,
  REPLICA_LAG_LOCAL,
  Severity,
} from "./alarms";
import { SLO_COMPOSITES, SLO_LATENCY_ALARMS, SLO_LOCALS, SLO_WINDOW_ALARMS } from "./slo";
import { monitoringSpec } from "./spec";
import { threshold } from "./thresholds";

const isPercentile = (stat: string) => /^p\d+(\.\d+)?$/.test(stat);

function queryMetric(m: MetricRef, period: number): CloudwatchMetricAlarmMetricQueryMetric {
  return {
    namespace: m.namespace,
    metricName: m.metric,
    stat: m.stat,
    period,
    dimensions: expr.map(m.dimensions) as Record<string, string>,
  };
}

/** The metric part of an alarm: one metric, or metric math whose `value` series is compared. */
function metricProps(source: AlarmSource, period: number): Partial<CloudwatchMetricAlarmConfig> {
  switch (source.kind) {
    case "metric": {
      const m = source.metric;
      return {
        namespace: m.namespace,
        metricName: m.metric,
        period,
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
            metric: queryMetric(m, period),
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

    const locals = new TransparentScope(this, "locals");
    const accountRoot = `arn:${partition.partition}:iam::\${var.account_id}:root`;
    const alarmsOf = (regionName: string) =>
      `arn:${partition.partition}:cloudwatch:${regionName}:\${var.account_id}:alarm:*`;

    const key = alarmKey(this, "alarms", "${var.name}-alarms");
    const here = { keyArn: key.arn, accountRoot, alarmSource: alarmsOf(region.id) };
    // `alarms` (its address and name predate severity routing) carries the critical alarms, so
    // the subscriptions confirmed on it keep paging; warnings get a topic of their own.
    this.topics = {
      critical: alarmTopic(this, "alarms", "${var.name}-alarms", here),
      warning: alarmTopic(this, "warning", "${var.name}-alarms-warning", here),
    };

    // CLOUDFRONT web ACLs alarm in us-east-1, which needs a topic (and its key) there.
    new TerraformLocal(
      locals,
      "edge_alarms",
      expr.any('anytrue([for w in values(var.web_acls) : w.scope == "CLOUDFRONT"])'),
    );
    const edge = { createIf: "local.edge_alarms", provider: this.providerFor("us_east_1") };
    const edgeKey = alarmKey(this, "alarms_edge", "${var.name}-alarms-edge", edge);
    this.edgeTopicArn = alarmTopic(this, "edge", "${var.name}-alarms-edge", {
      ...edge,
      keyArn: edgeKey.arn,
      accountRoot,
      alarmSource: alarmsOf(PROVIDER_ALIASES.us_east_1.region),
    });

    const subscribe = (id: string, topicArn: string, list: string[], on?: typeof edge) => {
      const emails = TerraformIterator.fromList(list);
      new SnsTopicSubscription(this.scopeFor(SnsTopicSubscription), id, {
        forEach: emails,
        topicArn,
        protocol: "email",
        endpoint: emails.value,
        provider: on?.provider,
      });
    };
    subscribe("email", this.topics.critical, this.vars.alarm_emails);
    subscribe("warning_email", this.topics.warning, this.vars.alarm_emails);
    // A local, so the iterator's toset() reads a reference rather than a nested template.
    const edgeEmails = new TerraformLocal(
      locals,
      "edge_alarm_emails",
      expr.any("local.edge_alarms ? var.alarm_emails : []"),
    );
    subscribe("edge_email", this.edgeTopicArn, edgeEmails.asList, edge);
    const endpoints = TerraformIterator.fromMap(this.vars.critical_endpoints);
    new SnsTopicSubscription(this.scopeFor(SnsTopicSubscription), "critical_endpoint", {
      forEach: endpoints,
      topicArn: this.topics.critical,
      protocol: endpoints.getString("protocol"),
      endpoint: endpoints.getString("endpoint"),
      // Paging services (PagerDuty, Opsgenie) confirm HTTPS subscriptions themselves.
      endpointAutoConfirms: expr.any('each.value.protocol == "https"'),
    });

    new TerraformLocal(locals, "target_groups", expr.any(inventoryLocals.target_groups));
    new TerraformLocal(locals, "replica_lag", expr.any(REPLICA_LAG_LOCAL));
    for (const [name, hcl] of Object.entries(SLO_LOCALS))
      new TerraformLocal(locals, name, expr.any(hcl));

    const metricAlarms = [...ALARMS, ...SLO_WINDOW_ALARMS, ...SLO_LATENCY_ALARMS];
    for (const def of metricAlarms) this.alarm(def);
    for (const composite of SLO_COMPOSITES) this.compositeAlarm(composite);
    // Plain addresses: a resource's fqn token is interpolated only once per expression.
    const address = (def: AlarmDefinition) => `${CloudwatchMetricAlarm.tfResourceType}.${def.id}`;
    const notifying = [
      ...metricAlarms.filter((def) => def.notify !== false).map(address),
      ...SLO_COMPOSITES.map((c) => `${CloudwatchCompositeAlarm.tfResourceType}.${c.id}`),
    ];

    new TerraformLocal(
      locals,
      "alarms",
      expr.any(
        `concat(${notifying.map((a) => `[for a in values(${a}) : { alarm_name = a.alarm_name, arn = a.arn }]`).join(", ")})`,
      ),
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
      topic_arn: this.topics.critical,
      warning_topic_arn: this.topics.warning,
      kms_key_arn: key.arn,
      alarm_names: expr.list(
        `sort(concat(local.alarms[*].alarm_name, ${SLO_WINDOW_ALARMS.map((def) => `values(${address(def)})[*].alarm_name`).join(", ")}))`,
      ),
      alarm_names_by_service: expr.map(
        "{ for svc in keys(var.ecs_services) : svc => sort([for a in local.service_alarms : a.name if a.service == svc]) }",
      ),
      alarm_arns: expr.map("{ for a in local.alarms : a.alarm_name => a.arn }"),
    });
  }

  /** The ARNs of the topics of each severity. */
  private readonly topics: Record<Severity, string>;
  /** The us-east-1 topic of the CLOUDFRONT web ACLs' alarms (null without any). */
  private readonly edgeTopicArn: string;

  /** The actions of an alarm of a severity (at the edge: the edge topic) on ALARM and OK. */
  private actions(severity: Severity, edge = false) {
    const topic = [edge ? this.edgeTopicArn : this.topics[severity]];
    return { actionsEnabled: this.vars.enabled, alarmActions: topic, okActions: topic };
  }

  private alarm(def: AlarmDefinition): void {
    const period = expr.number(def.period ?? threshold("period_seconds"));
    const alarm = new CloudwatchMetricAlarm(this.scopeFor(CloudwatchMetricAlarm), def.id, {
      forEach: TerraformIterator.fromMap(expr.map(def.over)),
      alarmName: `\${var.name}-${def.subject}-${def.severity}`,
      alarmDescription: `${def.severity.toUpperCase()}: ${def.description}`,
      comparisonOperator: def.comparison,
      threshold: expr.number(def.threshold),
      evaluationPeriods: expr.number(def.evaluationPeriods ?? threshold("evaluation_periods")),
      datapointsToAlarm: expr.number(def.datapointsToAlarm ?? threshold("datapoints_to_alarm")),
      treatMissingData: def.missingData,
      ...(def.notify === false ? { actionsEnabled: false } : this.actions(def.severity, def.edge)),
      ...(def.edge ? { provider: this.providerFor("us_east_1") } : {}),
      tags: expr.map(`merge(var.tags, { Severity = "${def.severity}" })`) as Record<string, string>,
      ...metricProps(def.source, period),
    });
    if (def.source.kind === "members") addMemberQueries(alarm, def.source.metric);
  }

  /** Fires while every one of its window alarms (same key) is in ALARM. */
  private compositeAlarm(def: (typeof SLO_COMPOSITES)[number]): void {
    const rule = def.windows
      .map(
        (id) => `ALARM(\"\${${CloudwatchMetricAlarm.tfResourceType}.${id}[each.key].alarm_name}\")`,
      )
      .join(" AND ");
    new CloudwatchCompositeAlarm(this.scopeFor(CloudwatchCompositeAlarm), def.id, {
      forEach: TerraformIterator.fromMap(expr.map(def.over)),
      alarmName: `\${var.name}-${def.subject}-${def.severity}`,
      alarmDescription: `${def.severity.toUpperCase()}: ${def.description}`,
      alarmRule: rule,
      ...this.actions(def.severity),
      tags: expr.map(`merge(var.tags, { Severity = "${def.severity}" })`) as Record<string, string>,
    });
  }
}

interface AlarmTopicOptions {
  readonly keyArn: string;
  readonly accountRoot: string;
  /** ARN pattern of the alarms that may publish (this account, the topic's Region). */
  readonly alarmSource: string;
  /** HCL condition under which the topic exists. Default: always. */
  readonly createIf?: string;
  /** The configuration of another Region. Default: the module's. */
  readonly provider?: TerraformProvider;
}

/** The key of alarm topics; CloudWatch publishes to them as itself, so it needs the key directly. */
function alarmKey(
  stack: ModuleStack<any, any>,
  id: string,
  alias: string,
  where: Pick<AlarmTopicOptions, "createIf" | "provider"> = {},
) {
  return customerManagedKey(
    stack,
    id,
    [{ sid: "CloudWatchPublishesEncryptedAlarms", service: "cloudwatch.amazonaws.com" }],
    {
      description: "Encrypts the alarm notifications of ${var.name}",
      accountId: "${var.account_id}",
      alias,
      tags: tagsWithName(alias),
      ...where,
    },
  );
}

/**
 * An alarm topic encrypted with its key. The policy replaces SNS's default (any
 * principal of the account): the account manages it, CloudWatch alarms of this account and
 * region publish (no confused deputy), nothing is published without TLS.
 */
function alarmTopic(
  stack: ModuleStack<any, any>,
  id: string,
  name: string,
  { keyArn, accountRoot, alarmSource, createIf, provider }: AlarmTopicOptions,
): string {
  const count = createIf ? expr.number(`${createIf} ? 1 : 0`) : undefined;
  const topic = new SnsTopic(stack.scopeFor(SnsTopic), id, {
    count,
    provider,
    name,
    kmsMasterKeyId: keyArn,
    tags: tagsWithName(name),
  });
  const arn = count === undefined ? topic.arn : expr.string(`${topic.fqn}[0].arn`);
  new SnsTopicPolicy(stack.scopeFor(SnsTopicPolicy), id, {
    count,
    provider,
    arn,
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
          Resource: arn,
        },
        {
          // The service principal alone would let any account's alarms publish here.
          Sid: "CloudWatchAlarmsOfThisAccountPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "SNS:Publish",
          Resource: arn,
          Condition: {
            ArnLike: {
              "aws:SourceArn": alarmSource,
            },
            StringEquals: { "aws:SourceAccount": "${var.account_id}" },
          },
        },
        {
          Sid: "DenyPublishWithoutTls",
          Effect: "Deny",
          Principal: "*",
          Action: "SNS:Publish",
          Resource: arn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    }),
  });

  return count === undefined ? topic.arn : expr.string(`one(${topic.fqn}[*].arn)`);
}
