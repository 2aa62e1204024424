import { AuditModuleStack } from "../../constructs/audit";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";

const files = generateModules([AuditModuleStack]).get("audit")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;
const trail = r.aws_cloudtrail.this;
const messages = (name: string): string[] =>
  tf.variable[name].validation.map((v: { error_message: string }) => v.error_message);
const statement = (policy: { Statement: { Sid: string }[] }, sid: string) =>
  policy.Statement.find((s) => s.Sid === sid) as Record<string, any>;

describe("audit module", () => {
  it("is a standalone module with readable addresses and no 6.x-only arguments", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(Object.keys(r).sort()).toEqual([
      "aws_cloudtrail",
      "aws_cloudwatch_log_group",
      "aws_iam_role",
      "aws_iam_role_policy",
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
    expect(Object.keys(r.aws_iam_role)).toEqual(["cloudtrail_logs"]);
    expect(JSON.stringify(r)).not.toMatch(/"region":/);
    // Only local data sources: nothing that calls AWS at plan time.
    expect(Object.keys(tf.data).sort()).toEqual(["aws_partition", "aws_region"]);
  });

  it("records every Region and global services, with log file validation", () => {
    expect(trail).toMatchObject({
      name: "${var.name}",
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      is_organization_trail: "${var.is_organization_trail}",
      kms_key_id: "${local.kms_key_arn}",
      s3_bucket_name: "${aws_s3_bucket.this.id}",
      cloud_watch_logs_group_arn: "${aws_cloudwatch_log_group.this.arn}:*",
      cloud_watch_logs_role_arn: "${aws_iam_role.cloudtrail_logs.arn}",
    });
    expect(trail.depends_on).toEqual(
      expect.arrayContaining(["aws_s3_bucket_policy.this", "aws_iam_role_policy.cloudtrail_logs"]),
    );
    expect(tf.variable.is_organization_trail.default).toBe(false);
  });

  it("lets CloudTrail use the key only for this account's trails and this trail", () => {
    expect(r.aws_kms_key.this).toMatchObject({
      count: "${var.kms_key_arn == null ? 1 : 0}",
      enable_key_rotation: true,
    });
    const policy = JSON.parse(r.aws_kms_key.this.policy);
    expect(JSON.stringify(policy)).not.toContain('"kms:*"');
    const encrypt = statement(policy, "CloudTrailEncryptsLogFiles");
    expect(encrypt.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
    expect(encrypt.Action).toEqual(["kms:GenerateDataKey*"]);
    expect(encrypt.Condition).toEqual({
      StringEquals: { "aws:SourceArn": "${local.trail_arn}" },
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn":
          "arn:${data.aws_partition.current.partition}:cloudtrail:*:${var.account_id}:trail/*",
      },
    });
    // DescribeKey has no encryption context, so it has its own statement.
    expect(statement(policy, "CloudTrailDescribesKey")).toMatchObject({
      Action: ["kms:DescribeKey"],
      Condition: { StringEquals: { "aws:SourceArn": "${local.trail_arn}" } },
    });
    expect(
      statement(policy, "CloudWatchLogsEncryptsTrailLogGroup").Condition.ArnEquals[
        "kms:EncryptionContext:aws:logs:arn"
      ],
    ).toMatch(/:log-group:\$\{local\.log_group_name\}$/);
    // The account decrypts and describes through IAM.
    expect(statement(policy, "AccountAdministersAndUsesKeyThroughIam").Action).toEqual(
      expect.arrayContaining(["kms:Decrypt", "kms:Describe*"]),
    );
    expect(tf.locals.trail_arn).toBe(
      "arn:${data.aws_partition.current.partition}:cloudtrail:${data.aws_region.current.id}:${var.account_id}:trail/${var.name}",
    );
  });

  it("delivers to a private, versioned bucket that only this trail writes to", () => {
    expect(r.aws_s3_bucket.this).toMatchObject({
      bucket: "${var.bucket_name}",
      force_destroy: "${false}",
    });
    expect(r.aws_s3_bucket_public_access_block.this).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(r.aws_s3_bucket_ownership_controls.this.rule.object_ownership).toBe(
      "BucketOwnerEnforced",
    );
    expect(r.aws_s3_bucket_versioning.this.versioning_configuration.status).toBe(
      '${true ? "Enabled" : "Suspended"}',
    );
    const policy = r.aws_s3_bucket_policy.this.policy as string;
    expect(policy).toContain('"aws:SecureTransport" = "false"');
    expect(policy).toContain('Action    = "s3:GetBucketAcl"');
    expect(policy).toContain('"s3:x-amz-acl"  = "bucket-owner-full-control"');
    expect(policy).toContain('"aws:SourceArn" = local.trail_arn');
    expect(policy).toContain('"${aws_s3_bucket.this.arn}/AWSLogs/${var.account_id}/*"');
    expect(r.aws_s3_bucket_logging.this.count).toBe("${var.access_logs_bucket == null ? 0 : 1}");
  });

  it("moves log files to STANDARD_IA after 90 days and expires them after retention_days", () => {
    expect(tf.locals.lifecycle_rules).toEqual([
      {
        id: "cloudtrail-log-files",
        transition_to_ia_days: "${var.retention_days >= 120 ? 90 : null}",
        expiration_days: "${var.retention_days}",
        noncurrent_expiration_days: 30,
        abort_incomplete_multipart_days: 7,
      },
    ]);
    expect(r.aws_s3_bucket_lifecycle_configuration.this.dynamic.rule.for_each).toBe(
      "${local.lifecycle_rules}",
    );
    expect(tf.variable.retention_days.default).toBe(365);
  });

  it("sends events to an encrypted log group through a role scoped to that group", () => {
    expect(r.aws_cloudwatch_log_group.this).toMatchObject({
      name: "${local.log_group_name}",
      retention_in_days: "${var.log_retention_days}",
      kms_key_id: "${local.kms_key_arn}",
    });
    expect(tf.locals.log_group_name).toBe("/aws/cloudtrail/${var.name}");
    expect(JSON.parse(r.aws_iam_role.cloudtrail_logs.assume_role_policy).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    const rolePolicy = r.aws_iam_role_policy.cloudtrail_logs.policy as string;
    expect(rolePolicy).toContain('Action = ["logs:CreateLogStream", "logs:PutLogEvents"]');
    expect(rolePolicy).toContain('Resource = "${aws_cloudwatch_log_group.this.arn}:log-stream:*"');
    expect(rolePolicy).not.toMatch(/"\*"/);
  });

  it("validates every constrained input", () => {
    expect(messages("name").join(" ")).toMatch(/1–24 characters.*at least 3 characters/);
    expect(messages("account_id")).toEqual(["account_id must be a 12-digit AWS account ID."]);
    expect(messages("bucket_name")[0]).toMatch(/3–63 characters/);
    expect(messages("retention_days")).toEqual([
      "retention_days must be a whole number of days from 1 to 36500.",
    ]);
    expect(messages("log_retention_days")[0]).toMatch(/CloudWatch Logs retention period/);
    expect(messages("kms_key_arn")[0]).toMatch(/ARN of kms/);
    expect(messages("access_logs_bucket")[0]).toMatch(/must be null or a bucket name/);
    expect(tf.variable.account_id.nullable).toBe(false);
    expect(tf.variable.kms_key_arn.default).toBeNull();
  });

  it("wires its outputs to the resources that make them", () => {
    expect(tf.output.trail_arn.value).toBe("${aws_cloudtrail.this.arn}");
    expect(tf.output.kms_key_arn.value).toBe("${local.kms_key_arn}");
  });
});
