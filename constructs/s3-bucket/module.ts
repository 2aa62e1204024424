import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { customerManagedKey } from "../core/kms";
import { ModuleStack } from "../core/module-stack";
import { secureBucket } from "../core/secure-bucket";
import { s3BucketSpec } from "./spec";

/** Generates `terraform-modules/s3-bucket`; see `spec.ts` for its interface. */
export class S3BucketModuleStack extends ModuleStack<
  typeof s3BucketSpec.inputs,
  typeof s3BucketSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, s3BucketSpec);
    const key = customerManagedKey(this, "this", [], {
      description: "Encrypts the objects of bucket ${var.bucket_name}",
      accountId: "${var.account_id}",
      alias: "${var.bucket_name}",
      createIf: "var.create_kms_key",
      tags: tagsWithName("${var.bucket_name}"),
    });
    const kmsKeyArn = `(var.create_kms_key ? ${key.arnExpression} : var.kms_key_arn)`;
    const { bucket } = secureBucket(this, {
      name: "this",
      bucket: this.vars.bucket_name,
      tags: tagsWithName("${var.bucket_name}"),
      forceDestroy: "var.force_destroy",
      versioning: "var.versioning",
      kmsKeyArn,
      lifecycleRules: "var.lifecycle_rules",
      accessLogs: {
        bucket: "var.access_logs_bucket",
        prefix: 'var.access_logs_prefix != null ? var.access_logs_prefix : "${var.bucket_name}/"',
      },
      extraPolicyStatements: "[for s in var.extra_policy_statements : jsondecode(s)]",
    });
    this.exportOutputs({
      bucket_id: bucket.id,
      bucket_arn: bucket.arn,
      kms_key_arn: expr.string(kmsKeyArn),
      bucket_regional_domain_name: bucket.bucketRegionalDomainName,
    });
  }
}
