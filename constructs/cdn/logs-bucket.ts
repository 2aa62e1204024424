import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ReadableStack } from "../core/readable-stack";
import { SecureBucket, secureBucket } from "../core/secure-bucket";

/** Deleted or expired log objects stay recoverable this long (versioning is on). */
const NONCURRENT_DAYS = 30;

/**
 * The bucket CloudFront standard logs go to: the platform's hardened bucket (public access
 * blocked, TLS-only policy, SSE-S3, versioning, expiry), except that ACLs are enabled with
 * `BucketOwnerPreferred`: standard logging grants its log-delivery account write access
 * through the bucket ACL and fails on a bucket with ACLs disabled. SSE-S3, because log
 * delivery cannot use a customer key without a key policy for it.
 */
export function logsBucket(stack: ReadableStack, locals: Construct): SecureBucket {
  new TerraformLocal(locals, "logs_lifecycle_rules", [
    {
      id: "expire-standard-logs",
      expiration_days: expr.number("var.log_retention_days"),
      noncurrent_expiration_days: NONCURRENT_DAYS,
      abort_incomplete_multipart_days: 7,
    },
  ]);
  return secureBucket(stack, {
    name: "logs",
    bucket: "${var.name}-cdn-logs-${var.account_id}",
    tags: tagsWithName("${var.name}-cdn-logs"),
    forceDestroy: "var.force_destroy",
    versioning: "true",
    lifecycleRules: "local.logs_lifecycle_rules",
    objectOwnership: "BucketOwnerPreferred",
  });
}
