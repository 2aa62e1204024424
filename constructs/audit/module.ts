import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { moduleKey } from "../core/module-key";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { secureBucket } from "../core/secure-bucket";
import { auditSpec, IA_MIN_STORAGE_DAYS, IA_TRANSITION_DAYS, NONCURRENT_DAYS } from "./spec";

const CLOUDTRAIL = "cloudtrail.amazonaws.com";
/** Incomplete multipart uploads are billed but invisible; CloudTrail's files are small anyway. */
const ABORT_MULTIPART_DAYS = 7;

/** Generates `terraform-modules/audit`; see `spec.ts` for its interface. */
export class AuditModuleStack extends ModuleStack<
  typeof auditSpec.inputs,
  typeof auditSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, auditSpec);
    const locals = new TransparentScope(this, "locals");
    const region = new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    const arnPrefix = (service: string, inRegion: string) =>
      `arn:\${${partition.fqn}.partition}:${service}:${inRegion}:\${var.account_id}`;

    // Built from its parts, not read from the trail: the key and bucket policies must exist
    // before CloudTrail accepts the trail.
    new TerraformLocal(
      locals,
      "trail_arn",
      `${arnPrefix("cloudtrail", `\${${region.fqn}.id}`)}:trail/\${var.name}`,
    );
    new TerraformLocal(locals, "log_group_name", "/aws/cloudtrail/${var.name}");
    const forThisTrail = { StringEquals: { "aws:SourceArn": "${local.trail_arn}" } };

    const kmsKeyArn = moduleKey(
      this,
      locals,
      [
        {
          sid: "CloudTrailEncryptsLogFiles",
          service: CLOUDTRAIL,
          actions: ["kms:GenerateDataKey*"],
          condition: {
            ...forThisTrail,
            StringLike: {
              "kms:EncryptionContext:aws:cloudtrail:arn": `${arnPrefix("cloudtrail", "*")}:trail/*`,
            },
          },
        },
        // DescribeKey carries no encryption context, so it cannot share the statement above.
        {
          sid: "CloudTrailDescribesKey",
          service: CLOUDTRAIL,
          actions: ["kms:DescribeKey"],
          condition: forThisTrail,
        },
        {
          sid: "CloudWatchLogsEncryptsTrailLogGroup",
          service: `logs.\${${region.fqn}.id}.\${${partition.fqn}.dns_suffix}`,
          condition: {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn": `${arnPrefix("logs", `\${${region.fqn}.id}`)}:log-group:\${local.log_group_name}`,
            },
          },
        },
      ],
      {
        description: "Encrypts CloudTrail ${var.name}: log files and log group",
        alias: "${var.name}-cloudtrail",
        tags: tagsWithName("${var.name}-cloudtrail"),
      },
    );

    new TerraformLocal(locals, "lifecycle_rules", [
      {
        id: "cloudtrail-log-files",
        transition_to_ia_days: expr.number(
          `var.retention_days >= ${IA_TRANSITION_DAYS + IA_MIN_STORAGE_DAYS} ? ${IA_TRANSITION_DAYS} : null`,
        ),
        expiration_days: this.vars.retention_days,
        noncurrent_expiration_days: NONCURRENT_DAYS,
        abort_incomplete_multipart_days: ABORT_MULTIPART_DAYS,
      },
    ]);
    const arn = "aws_s3_bucket.this.arn";
    const { bucket, readyFor } = secureBucket(this, {
      name: "this",
      bucket: this.vars.bucket_name,
      tags: tagsWithName("${var.bucket_name}"),
      forceDestroy: "false",
      versioning: "true",
      // No kmsKeyArn: CloudTrail encrypts log files with the trail's key itself and always
      // writes digest files with SSE-S3, so the bucket default stays SSE-S3.
      lifecycleRules: "local.lifecycle_rules",
      accessLogs: { bucket: "var.access_logs_bucket", prefix: '"${var.bucket_name}/"' },
      extraPolicyStatements: `[
  {
    Sid       = "CloudTrailChecksBucketAcl"
    Effect    = "Allow"
    Principal = { Service = "${CLOUDTRAIL}" }
    Action    = "s3:GetBucketAcl"
    Resource  = ${arn}
    Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
  },
  {
    Sid       = "CloudTrailWritesLogFiles"
    Effect    = "Allow"
    Principal = { Service = "${CLOUDTRAIL}" }
    Action    = "s3:PutObject"
    Resource  = var.is_organization_trail ? "\${${arn}}/AWSLogs/*" : "\${${arn}}/AWSLogs/\${var.account_id}/*"
    Condition = {
      StringEquals = {
        "s3:x-amz-acl"  = "bucket-owner-full-control"
        "aws:SourceArn" = local.trail_arn
      }
    }
  },
]`,
    });

    const logGroup = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "this", {
      name: "${local.log_group_name}",
      retentionInDays: this.vars.log_retention_days,
      kmsKeyId: kmsKeyArn,
      tags: tagsWithName("${local.log_group_name}"),
    });
    const role = new IamRole(this.scopeFor(IamRole), "cloudtrail_logs", {
      name: "${var.name}-cloudtrail-logs",
      description: "CloudTrail ${var.name} delivers events to its CloudWatch Logs log group",
      assumeRolePolicy: assumeRolePolicy(CLOUDTRAIL),
      tags: tagsWithName("${var.name}-cloudtrail-logs"),
    });
    const rolePolicy = new IamRolePolicy(this.scopeFor(IamRolePolicy), "cloudtrail_logs", {
      name: "write-trail-log-group",
      role: role.id,
      policy: expr.string(
        `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "\${${logGroup.fqn}.arn}:log-stream:*" }] })`,
      ),
    });

    const trail = new Cloudtrail(this.scopeFor(Cloudtrail), "this", {
      name: this.vars.name,
      s3BucketName: bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      isOrganizationTrail: expr.any("var.is_organization_trail"),
      kmsKeyId: kmsKeyArn,
      cloudWatchLogsGroupArn: `${logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      tags: tagsWithName("${var.name}"),
      // CloudTrail test-writes to the bucket and the log group when the trail is created.
      dependsOn: [...readyFor, rolePolicy],
    });

    this.exportOutputs({
      trail_arn: trail.arn,
      bucket_name: bucket.id,
      log_group_name: logGroup.name,
      kms_key_arn: kmsKeyArn,
    });
  }
}
