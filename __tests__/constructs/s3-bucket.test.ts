import { Testing } from "cdktf";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { ReadableStack } from "../../constructs/core/readable-stack";
import { secureBucket } from "../../constructs/core/secure-bucket";
import { S3BucketModuleStack } from "../../constructs/s3-bucket";

const files = generateModules([S3BucketModuleStack]).get("s3-bucket")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;

describe("s3-bucket module", () => {
  it("is a standalone module with one readable address per bucket resource", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(Object.keys(r).sort()).toEqual([
      "aws_kms_alias",
      "aws_kms_key",
      "aws_s3_bucket",
      "aws_s3_bucket_lifecycle_configuration",
      "aws_s3_bucket_logging",
      "aws_s3_bucket_ownership_controls",
      "aws_s3_bucket_policy",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_versioning",
    ]);
    for (const byName of Object.values(r) as object[])
      expect(Object.keys(byName)).toEqual(["this"]);
    // The 6.x-only per-resource region argument would break AWS provider 5.100.
    expect(JSON.stringify(r)).not.toMatch(/"region":/);
  });

  it("blocks public access, enforces bucket ownership and never deletes data by default", () => {
    expect(r.aws_s3_bucket_public_access_block.this).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(r.aws_s3_bucket_ownership_controls.this.rule.object_ownership).toBe(
      "BucketOwnerEnforced",
    );
    expect(r.aws_s3_bucket.this.force_destroy).toBe("${var.force_destroy}");
    expect(tf.variable.force_destroy.default).toBe(false);
    expect(tf.variable.versioning.default).toBe(true);
  });

  it("encrypts with SSE-KMS and a bucket key with its own or a given key, else SSE-S3", () => {
    const rule = r.aws_s3_bucket_server_side_encryption_configuration.this.rule[0];
    const key = "(var.create_kms_key ? one(aws_kms_key.this[*].arn) : var.kms_key_arn)";
    expect(rule.apply_server_side_encryption_by_default).toEqual({
      kms_master_key_id: `\${${key}}`,
      sse_algorithm: `\${${key} == null ? "AES256" : "aws:kms"}`,
    });
    expect(rule.bucket_key_enabled).toBe(`\${${key} != null}`);
    expect(r.aws_kms_key.this).toMatchObject({
      count: "${var.create_kms_key ? 1 : 0}",
      enable_key_rotation: true,
    });
    expect(tf.output.kms_key_arn.value).toBe(`\${${key}}`);
  });

  it("moves objects between storage classes by the rules' transitions", () => {
    const rule = r.aws_s3_bucket_lifecycle_configuration.this.dynamic.rule.content;
    expect(rule.dynamic.transition.for_each).toContain('lookup(rule.value, "transitions", null)');
    expect(rule.dynamic.transition.content).toEqual({
      days: "${transition.value.days}",
      storage_class: "${transition.value.storage_class}",
    });
    expect(
      tf.variable.lifecycle_rules.validation.map((v: any) => v.error_message).join(" "),
    ).toContain("transitions must name a storage class");
  });

  it("denies requests without TLS before the caller's statements", () => {
    const policy = r.aws_s3_bucket_policy.this.policy as string;
    expect(policy).toContain('"aws:SecureTransport" = "false"');
    expect(policy).toContain('Effect    = "Deny"');
    expect(policy).toContain("[for s in var.extra_policy_statements : jsondecode(s)]");
    expect(r.aws_s3_bucket_policy.this.depends_on).toEqual([
      "aws_s3_bucket_public_access_block.this",
    ]);
  });

  it("renders each lifecycle action only when the rule sets it", () => {
    const lifecycle = r.aws_s3_bucket_lifecycle_configuration.this;
    expect(lifecycle.count).toBe("${length(var.lifecycle_rules) > 0 ? 1 : 0}");
    expect(lifecycle.dynamic.rule.for_each).toBe("${var.lifecycle_rules}");
    expect(Object.keys(lifecycle.dynamic.rule.content.dynamic).sort()).toEqual([
      "abort_incomplete_multipart_upload",
      "expiration",
      "noncurrent_version_expiration",
      "transition",
    ]);
    expect(lifecycle.dynamic.rule.content.dynamic.expiration.for_each).toContain(
      'lookup(rule.value, "expiration_days", null) == null ? []',
    );
    expect(tf.variable.lifecycle_rules.type).toContain(
      "abort_incomplete_multipart_days = optional(number, 7)",
    );
    expect(r.aws_s3_bucket_logging.this.count).toBe("${var.access_logs_bucket == null ? 0 : 1}");
  });

  it("validates names, lifecycle rules and policy statements", () => {
    const messages = (name: string) =>
      tf.variable[name].validation.map((v: { error_message: string }) => v.error_message);
    expect(messages("bucket_name").join(" ")).toMatch(/3–63 characters.*IP address.*reserves/);
    expect(messages("access_logs_bucket")).toHaveLength(3);
    expect(tf.variable.access_logs_bucket.validation[0].condition).toMatch(
      /^\$\{var\.access_logs_bucket == null \? true : /,
    );
    expect(messages("lifecycle_rules")).toEqual(
      expect.arrayContaining([
        "lifecycle_rules ids must be unique.",
        "transition_to_ia_days must be at least 30 (an S3 rule for STANDARD_IA).",
      ]),
    );
    expect(messages("extra_policy_statements").join(" ")).toContain('not "*" or "s3:*"');
    expect(messages("kms_key_arn")[0]).toMatch(/ARN of kms/);
  });
});

describe("secureBucket for buckets AWS services deliver to", () => {
  const stack = new ReadableStack(Testing.app(), "alb");
  const { readyFor } = secureBucket(stack, {
    name: "access_logs",
    bucket: "alb-logs",
    tags: { Name: "alb-logs" },
    forceDestroy: "false",
    versioning: "true",
    extraPolicyStatements: '[{ Sid = "AllowElbLogDelivery" }]',
  });
  const res = JSON.parse(Testing.synth(stack)).resource;

  it("uses SSE-S3 with no KMS expression at all", () => {
    expect(
      res.aws_s3_bucket_server_side_encryption_configuration.access_logs.rule[0]
        .apply_server_side_encryption_by_default,
    ).toEqual({ sse_algorithm: "AES256" });
  });

  it("creates no lifecycle or logging resources unless asked, and keeps the caller's statements", () => {
    expect(res.aws_s3_bucket_lifecycle_configuration).toBeUndefined();
    expect(res.aws_s3_bucket_logging).toBeUndefined();
    expect(res.aws_s3_bucket_policy.access_logs.policy).toContain(
      '[{ Sid = "AllowElbLogDelivery" }]',
    );
    expect(readyFor).toHaveLength(3);
  });
});
