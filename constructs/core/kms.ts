import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformProvider } from "cdktf";
import { expr } from "./expressions";
import { ReadableStack } from "./readable-stack";

/**
 * What the account root may do with the key: the administration and use actions, so that IAM
 * policies in the account (the deploy role, RDS and Secrets Manager acting through grants made
 * on the caller's behalf) decide who uses it. Listed instead of `kms:*` so no statement grants
 * every action; `kms:Put*` keeps the key policy itself editable (no lockout).
 */
export const KMS_ACCOUNT_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:RetireGrant",
] as const;

/** What a service principal may do: envelope encryption, nothing administrative. */
export const KMS_SERVICE_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:DescribeKey",
] as const;

type IamCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** A service that uses the key directly (not through a caller's grant), e.g. CloudWatch Logs. */
export interface KmsServicePrincipal {
  /** Statement id, e.g. `CloudWatchLogsEncryptsRdsLogGroups`. */
  readonly sid: string;
  /** Service principal; HCL interpolations allowed (`logs.${data.aws_region.current.id}.amazonaws.com`). */
  readonly service: string;
  /** Narrows the grant (operator → context key → value), e.g. to this account's log groups. */
  readonly condition?: IamCondition;
  /**
   * The actions granted; default `KMS_SERVICE_ACTIONS`. Narrower lists let a service that uses
   * the key in different ways get one statement per condition (CloudTrail encrypts under an
   * encryption-context condition but describes the key, with no context, in another statement).
   */
  readonly actions?: readonly string[];
}

export interface CustomerManagedKeyOptions {
  readonly description: string;
  /** The account whose root principal administers the key, e.g. `${var.account_id}`. */
  readonly accountId: string;
  /** Alias without the `alias/` prefix; HCL interpolations allowed. */
  readonly alias: string;
  /** HCL condition under which the key exists, e.g. `var.kms_key_arn == null`. Default: always. */
  readonly createIf?: string;
  readonly tags?: Record<string, string>;
  /** The configuration the key lives in (a Region of its own). Default: the module's `aws`. */
  readonly provider?: TerraformProvider;
}

export interface CustomerManagedKey {
  readonly key: KmsKey;
  /** The key's ARN as a token; null in Terraform when `createIf` is false. */
  readonly arn: string;
  /** The same without `${}`, to compose into `expr.*` (`var.x != null ? var.x : <this>`). */
  readonly arnExpression: string;
}

/**
 * A customer-managed symmetric KMS key (`aws_kms_key.<name>` + `aws_kms_alias.<name>`) with
 * yearly rotation, the 30-day maximum deletion window, and a key policy granting the account
 * root (so IAM policies govern use) plus the given service principals.
 */
export function customerManagedKey(
  stack: ReadableStack,
  name: string,
  principals: readonly KmsServicePrincipal[],
  options: CustomerManagedKeyOptions,
): CustomerManagedKey {
  const partition = currentPartition(stack);
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersAndUsesKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:\${${partition.fqn}.partition}:iam::${options.accountId}:root` },
        Action: KMS_ACCOUNT_ACTIONS,
        Resource: "*",
      },
      ...principals.map((p) => ({
        Sid: p.sid,
        Effect: "Allow",
        Principal: { Service: p.service },
        Action: p.actions ?? KMS_SERVICE_ACTIONS,
        Resource: "*",
        ...(p.condition ? { Condition: p.condition } : {}),
      })),
    ],
  };
  const count = options.createIf ? expr.number(`${options.createIf} ? 1 : 0`) : undefined;
  const { provider } = options;
  const key = new KmsKey(stack.scopeFor(KmsKey), name, {
    count,
    provider,
    description: options.description,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify(policy),
    tags: options.tags,
  });
  new KmsAlias(stack.scopeFor(KmsAlias), name, {
    count,
    provider,
    name: `alias/${options.alias}`,
    targetKeyId: count === undefined ? key.keyId : expr.string(`${key.fqn}[0].key_id`),
  });
  const arnExpression = count === undefined ? `${key.fqn}.arn` : `one(${key.fqn}[*].arn)`;
  return { key, arn: expr.string(arnExpression), arnExpression };
}

/** `data.aws_partition.current`, shared with the module if it declared one already. */
function currentPartition(stack: ReadableStack): DataAwsPartition {
  const scope = stack.scopeFor(DataAwsPartition);
  const existing = scope.node.tryFindChild("current");
  return existing instanceof DataAwsPartition
    ? existing
    : new DataAwsPartition(scope, "current", {});
}
