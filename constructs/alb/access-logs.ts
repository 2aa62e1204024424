import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { ITerraformDependable, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ReadableStack } from "../core/readable-stack";

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

/** The SSE-S3 bucket ALB access logs go to (ALB log delivery cannot write to SSE-KMS). */
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

  const bucket = new S3Bucket(stack.scopeFor(S3Bucket), "access_logs", {
    bucket: "${var.name}-alb-logs-${var.account_id}",
    forceDestroy: expr.any("var.force_destroy"),
    tags: tagsWithName("${var.name}-alb-logs"),
  });
  const publicAccess = new S3BucketPublicAccessBlock(
    stack.scopeFor(S3BucketPublicAccessBlock),
    "access_logs",
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
  );
  const ownership = new S3BucketOwnershipControls(
    stack.scopeFor(S3BucketOwnershipControls),
    "access_logs",
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
  );
  const encryption = new S3BucketServerSideEncryptionConfigurationA(
    stack.scopeFor(S3BucketServerSideEncryptionConfigurationA),
    "access_logs",
    {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    },
  );
  new S3BucketVersioningA(stack.scopeFor(S3BucketVersioningA), "access_logs", {
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
  });
  new S3BucketLifecycleConfiguration(
    stack.scopeFor(S3BucketLifecycleConfiguration),
    "access_logs",
    {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: expr.number("var.access_logs_retention_days") }],
          noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    },
  );

  const arn = "aws_s3_bucket.access_logs.arn";
  const logObjects = `"\${${arn}}/AWSLogs/\${var.account_id}/*"`;
  const policy = new S3BucketPolicy(stack.scopeFor(S3BucketPolicy), "access_logs", {
    bucket: bucket.id,
    policy: expr.string(`jsonencode({
  Version = "2012-10-17"
  Statement = concat([
    {
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [${arn}, "\${${arn}}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    },
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
  ])
})`),
    // Applying a bucket policy while the public-access block is still being set races in S3.
    dependsOn: [publicAccess],
  });

  return { bucketName: bucket.bucket, readyFor: [policy, ownership, encryption] };
}
