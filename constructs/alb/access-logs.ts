import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { ITerraformDependable, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ReadableStack } from "../core/readable-stack";
import { secureBucket } from "../core/secure-bucket";

/**
 * Elastic Load Balancing's log-delivery account per Region opened before August 2022; AWS
 * documents the account-based bucket policy for these, and the service principal for later ones.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-south-1": "718504428378",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-southeast-3": "589379963580",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-north-1": "897822967062",
  "eu-south-1": "635631232127",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-west-3": "009996457667",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
};

/** Deleted or expired log objects stay recoverable this long (versioning is on). */
const NONCURRENT_DAYS = 30;

export interface AccessLogsBucket {
  readonly bucketName: string;
  /** What the load balancer must wait for: AWS test-writes when access logging is enabled. */
  readonly readyFor: ITerraformDependable[];
}

/**
 * The bucket ALB access logs go to: the platform's hardened bucket with SSE-S3 (ALB log
 * delivery cannot write to SSE-KMS), versioning, expiry after `access_logs_retention_days`,
 * and a policy that lets Elastic Load Balancing deliver under `AWSLogs/<account>/`.
 */
export function accessLogsBucket(
  stack: ReadableStack,
  locals: Construct,
  region: DataAwsRegion,
  partition: DataAwsPartition,
): AccessLogsBucket {
  new TerraformLocal(locals, "elb_log_delivery_accounts", ELB_LOG_DELIVERY_ACCOUNTS);
  new TerraformLocal(
    locals,
    "elb_log_delivery_account",
    expr.any(`lookup(local.elb_log_delivery_accounts, ${region.fqn}.id, null)`),
  );

  new TerraformLocal(locals, "access_logs_lifecycle_rules", [
    {
      id: "expire-access-logs",
      expiration_days: expr.number("var.access_logs_retention_days"),
      noncurrent_expiration_days: NONCURRENT_DAYS,
      abort_incomplete_multipart_days: 7,
    },
  ]);

  const logObjects = '"${aws_s3_bucket.access_logs.arn}/AWSLogs/${var.account_id}/*"';
  const { bucket, readyFor } = secureBucket(stack, {
    name: "access_logs",
    bucket: "${var.name}-alb-logs-${var.account_id}",
    tags: tagsWithName("${var.name}-alb-logs"),
    forceDestroy: "var.force_destroy",
    versioning: "true",
    lifecycleRules: "local.access_logs_lifecycle_rules",
    extraPolicyStatements: `concat([
    {
      Sid       = "AllowElbLogDelivery"
      Effect    = "Allow"
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = ${logObjects}
    },
  ], local.elb_log_delivery_account == null ? [] : [
    {
      Sid       = "AllowRegionalElbAccountLogDelivery"
      Effect    = "Allow"
      Principal = { AWS = "arn:\${${partition.fqn}.partition}:iam::\${local.elb_log_delivery_account}:root" }
      Action    = "s3:PutObject"
      Resource  = ${logObjects}
    },
  ])`,
  });
  return { bucketName: bucket.bucket, readyFor };
}
