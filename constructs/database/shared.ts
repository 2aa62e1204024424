import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformResource } from "cdktf";
import { expr } from "../core/expressions";
import { VarRefs } from "../core/module-stack";
import { ReadableStack } from "../core/readable-stack";
import type { databaseSpec } from "./spec";

/** What the RDS and Aurora halves of the module share, built once by the module stack. */
export interface DatabaseParts {
  readonly stack: ReadableStack;
  readonly vars: VarRefs<typeof databaseSpec.inputs>;
  /** Settings every DB instance takes, RDS or Aurora, primary or not. */
  readonly instanceSettings: ReturnType<typeof instanceSettings>;
  readonly securityGroupId: string;
  readonly logGroups: {
    readonly primary: CloudwatchLogGroup;
    readonly replica: CloudwatchLogGroup;
  };
  /** The enhanced-monitoring role's policy attachment: RDS checks the role when it is set. */
  readonly monitoring: readonly IamRolePolicyAttachment[];
}

export function instanceSettings(vars: VarRefs<typeof databaseSpec.inputs>) {
  return {
    publiclyAccessible: false,
    autoMinorVersionUpgrade: true,
    applyImmediately: vars.apply_immediately,
    copyTagsToSnapshot: true,
    performanceInsightsEnabled: vars.performance_insights_enabled,
    performanceInsightsKmsKeyId: expr.string(
      "var.performance_insights_enabled ? local.kms_key_arn : null",
    ),
    performanceInsightsRetentionPeriod: expr.number(
      "var.performance_insights_enabled ? var.performance_insights_retention_period : null",
    ),
    monitoringInterval: vars.monitoring_interval,
    monitoringRoleArn: expr.string("one(aws_iam_role.monitoring[*].arn)"),
  };
}

/**
 * One `parameter` block per entry of `local.parameters`. `pending-reboot` is accepted for
 * static and dynamic parameters alike; a new instance starts with every value in effect.
 */
export function parameterBlocks(group: TerraformResource): void {
  group.addOverride("dynamic.parameter", {
    for_each: "${local.parameters}",
    content: {
      name: "${parameter.key}",
      value: "${parameter.value}",
      apply_method: "pending-reboot",
    },
  });
}
