import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { ITerraformDependable } from "cdktf";
import { expr } from "./expressions";
import { ReadableStack } from "./readable-stack";

/**
 * A private bucket with the settings every bucket of the platform needs, created in a module
 * stack. Every option is an HCL expression (`"var.versioning"`, `"true"`), so the module decides
 * at plan time from its variables, and every resource gets the same Terraform name
 * (`aws_s3_bucket.<name>`, `aws_s3_bucket_policy.<name>`, …).
 */
export interface SecureBucketOptions {
  /** Terraform name of each of the bucket's resources, lower snake_case. */
  readonly name: string;
  /** The bucket name: a literal, a template (`"${var.name}-logs"`) or a token. */
  readonly bucket: string;
  readonly tags: Record<string, string>;
  /** HCL bool: delete the objects with the bucket on destroy. */
  readonly forceDestroy: string;
  /** HCL bool: versioning Enabled, or Suspended. */
  readonly versioning: string;
  /**
   * HCL string or null: SSE-KMS with this key and an S3 bucket key when not null, else SSE-S3.
   * Leave out for buckets AWS services deliver to that cannot use SSE-KMS (ALB access logs,
   * S3 server access logs): they get SSE-S3 with no expression at all.
   */
  readonly kmsKeyArn?: string;
  /**
   * HCL list of rules, each an object with `id` and optionally `prefix`, `expiration_days`,
   * `noncurrent_expiration_days`, `transition_to_ia_days`, `transitions` (a list of `days` and
   * `storage_class`), `abort_incomplete_multipart_days` (missing or null: no such action). An empty list creates no lifecycle configuration.
   */
  readonly lifecycleRules?: string;
  /** Server access logging: HCL target bucket (null disables it) and HCL key prefix. */
  readonly accessLogs?: { readonly bucket: string; readonly prefix: string };
  /** HCL list of IAM statement objects appended to the TLS-only statement of the bucket policy. */
  readonly extraPolicyStatements?: string;
  /**
   * Default `BucketOwnerEnforced` (ACLs off). `BucketOwnerPreferred` only for writers that still
   * need ACLs, such as CloudFront standard logging, which grants its log-delivery account
   * access through the bucket ACL; the public-access block still rejects any public ACL.
   */
  readonly objectOwnership?: "BucketOwnerEnforced" | "BucketOwnerPreferred";
}

export interface SecureBucket {
  readonly bucket: S3Bucket;
  /**
   * What writers must wait for: ownership, encryption and policy in place. ALB access logging,
   * for one, test-writes when it is enabled.
   */
  readonly readyFor: ITerraformDependable[];
}

export function secureBucket(stack: ReadableStack, options: SecureBucketOptions): SecureBucket {
  const { name } = options;
  const bucket = new S3Bucket(stack.scopeFor(S3Bucket), name, {
    bucket: options.bucket,
    forceDestroy: expr.any(options.forceDestroy),
    tags: options.tags,
  });
  const publicAccess = new S3BucketPublicAccessBlock(
    stack.scopeFor(S3BucketPublicAccessBlock),
    name,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
  );
  // ACLs off unless a writer needs them: the bucket owner owns every object, whoever wrote it.
  const ownership = new S3BucketOwnershipControls(stack.scopeFor(S3BucketOwnershipControls), name, {
    bucket: bucket.id,
    rule: { objectOwnership: options.objectOwnership ?? "BucketOwnerEnforced" },
  });

  const kms = options.kmsKeyArn;
  const encryption = new S3BucketServerSideEncryptionConfigurationA(
    stack.scopeFor(S3BucketServerSideEncryptionConfigurationA),
    name,
    {
      bucket: bucket.id,
      rule: [
        kms === undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
          : {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: expr.string(`${kms} == null ? "AES256" : "aws:kms"`),
                kmsMasterKeyId: expr.string(kms),
              },
              // One data key per bucket instead of a KMS call per object: cheaper, fewer throttles.
              bucketKeyEnabled: expr.any(`${kms} != null`),
            },
      ],
    },
  );

  const versioning = new S3BucketVersioningA(stack.scopeFor(S3BucketVersioningA), name, {
    bucket: bucket.id,
    // Suspended, not Disabled: a bucket can always move between Enabled and Suspended.
    versioningConfiguration: {
      status: expr.string(`${options.versioning} ? "Enabled" : "Suspended"`),
    },
  });

  if (options.lifecycleRules !== undefined) {
    lifecycleConfiguration(stack, name, bucket, versioning, options.lifecycleRules);
  }

  if (options.accessLogs !== undefined) {
    new S3BucketLoggingA(stack.scopeFor(S3BucketLoggingA), name, {
      count: expr.number(`${options.accessLogs.bucket} == null ? 0 : 1`),
      bucket: bucket.id,
      targetBucket: expr.string(options.accessLogs.bucket),
      targetPrefix: expr.string(options.accessLogs.prefix),
    });
  }

  const arn = `aws_s3_bucket.${name}.arn`;
  const policy = new S3BucketPolicy(stack.scopeFor(S3BucketPolicy), name, {
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
  ], ${options.extraPolicyStatements ?? "[]"})
})`),
    // Applying a bucket policy while the public-access block is still being set races in S3.
    dependsOn: [publicAccess],
  });

  return { bucket, readyFor: [policy, ownership, encryption] };
}

/** `lookup` rather than `.attr`, so a caller's rule object may leave out what it does not use. */
function lifecycleConfiguration(
  stack: ReadableStack,
  name: string,
  bucket: S3Bucket,
  versioning: S3BucketVersioningA,
  rules: string,
): void {
  const field = (key: string) => `lookup(rule.value, "${key}", null)`;
  const optionalBlock = (key: string, content: Record<string, unknown>) => ({
    for_each: `\${${field(key)} == null ? [] : [${field(key)}]}`,
    content,
  });
  const lifecycle = new S3BucketLifecycleConfiguration(
    stack.scopeFor(S3BucketLifecycleConfiguration),
    name,
    {
      count: expr.number(`length(${rules}) > 0 ? 1 : 0`),
      bucket: bucket.id,
      // Noncurrent-version rules act on what versioning keeps, so versioning is set first.
      dependsOn: [versioning],
    },
  );
  // Written as an override: cdktf's dynamic blocks cannot nest optional blocks in a rule.
  lifecycle.addOverride("dynamic.rule", {
    for_each: `\${${rules}}`,
    content: {
      id: "${rule.value.id}",
      status: "Enabled",
      // A null prefix leaves the filter empty: the rule applies to the whole bucket.
      filter: [{ prefix: `\${${field("prefix")}}` }],
      dynamic: {
        expiration: optionalBlock("expiration_days", { days: "${expiration.value}" }),
        noncurrent_version_expiration: optionalBlock("noncurrent_expiration_days", {
          noncurrent_days: "${noncurrent_version_expiration.value}",
        }),
        // `transition_to_ia_days` is shorthand for one STANDARD_IA transition; `transitions` lists any.
        transition: {
          for_each: `\${concat(${field("transition_to_ia_days")} == null ? [] : [{ days = ${field("transition_to_ia_days")}, storage_class = "STANDARD_IA" }], ${field("transitions")} == null ? [] : ${field("transitions")})}`,
          content: {
            days: "${transition.value.days}",
            storage_class: "${transition.value.storage_class}",
          },
        },
        abort_incomplete_multipart_upload: optionalBlock("abort_incomplete_multipart_days", {
          days_after_initiation: "${abort_incomplete_multipart_upload.value}",
        }),
      },
    },
  });
}
