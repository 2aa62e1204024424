import { moduleKeyInputs } from "../core/module-key";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { wholeNumberIn } from "../core/whole-number";

/** Log files move to STANDARD_IA after this many days when they are kept long enough to pay off. */
export const IA_TRANSITION_DAYS = 90;
/** STANDARD_IA bills at least 30 days, so a transition needs that long before expiry. */
export const IA_MIN_STORAGE_DAYS = 30;
/** Deleted or overwritten log files stay recoverable this long (versioning is on). */
export const NONCURRENT_DAYS = 30;

const BUCKET_NAME_PATTERN = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";
const BUCKET_NAME_RULE =
  "3–63 characters of a-z, 0-9, . and -, starting and ending with a letter or digit";

const { kms_key_arn } = moduleKeyInputs(
  "the CloudTrail log files and the CloudWatch Logs log group",
  "An existing key's policy must let `cloudtrail.amazonaws.com` call kms:GenerateDataKey* " +
    "(encryption context `aws:cloudtrail:arn` of this account's trails) and kms:DescribeKey, " +
    "and let `logs.<region>.amazonaws.com` use it for `/aws/cloudtrail/<name>`.",
);

export const auditSpec = defineModule({
  name: "audit",
  description:
    "An account's CloudTrail audit trail: multi-Region, global service events, log file " +
    "integrity validation, encrypted with a customer-managed KMS key, delivered to a private " +
    "S3 bucket (public access blocked, TLS only, versioned, lifecycle to STANDARD_IA and " +
    "expiry) and to a KMS-encrypted CloudWatch Logs log group for queries and metric filters.",
  inputs: {
    name: required(
      tf.string,
      "Trail name and prefix of the other names (`/aws/cloudtrail/<name>`, `<name>-cloudtrail-logs` role, KMS alias).",
      {
        validation: [
          nameValidation(),
          {
            condition:
              'length(var.name) >= 3 && !strcontains(var.name, "--") && !endswith(var.name, "-")',
            errorMessage:
              "name must be at least 3 characters, without -- and not ending with - (CloudTrail trail name rules).",
            rejects: { value: "shop--prod" },
          },
        ],
      },
    ),
    account_id: required(
      tf.string,
      "AWS account ID the trail runs in: the key policy, the bucket policy and the log-file " +
        "prefix `AWSLogs/<account_id>/` name it (no data source calls AWS for it).",
      { validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")] },
    ),
    bucket_name: required(
      tf.string,
      "Globally unique name of the bucket the module creates for the log files, such as " +
        "`<name>-cloudtrail-<account_id>`.",
      { validation: [validate.pattern("bucket_name", BUCKET_NAME_PATTERN, BUCKET_NAME_RULE)] },
    ),
    retention_days: optional(
      tf.number,
      365,
      "Days the log files are kept in S3 before they expire. Default 365, a year of history " +
        `for investigations; log files move to STANDARD_IA after ${IA_TRANSITION_DAYS} days ` +
        `when kept at least ${IA_TRANSITION_DAYS + IA_MIN_STORAGE_DAYS} days. Compliance regimes ` +
        "often ask for more (e.g. 2557, 7 years).",
      { validation: [wholeNumberIn("retention_days", 1, 36500, "days")] },
    ),
    log_retention_days: optional(
      tf.number,
      90,
      "Retention of the CloudWatch Logs copy, in days. Default 90: recent events for queries " +
        "and metric-filter alarms; the S3 copy is the long-term record.",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    kms_key_arn,
    is_organization_trail: optional(
      tf.bool,
      false,
      "Log every account of the AWS Organization. Default false: this account only. true " +
        "needs the organization's management account (or a delegated administrator) and " +
        "trusted access for CloudTrail; log files then land under `AWSLogs/<org-id>/`.",
    ),
    access_logs_bucket: optional(
      tf.string,
      null,
      "Bucket that receives S3 server access logs of the trail bucket (who read the audit " +
        "log). Default null: no access logging. Same account and Region, SSE-S3, and a policy " +
        "allowing `logging.s3.amazonaws.com`.",
      {
        validation: [
          {
            condition: `var.access_logs_bucket == null ? true : can(regex(${JSON.stringify(BUCKET_NAME_PATTERN)}, var.access_logs_bucket))`,
            errorMessage: `access_logs_bucket must be null or a bucket name: ${BUCKET_NAME_RULE}.`,
            rejects: { value: "shop_prod_s3_access_logs" },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    trail_arn: output(tf.string, "ARN of the trail."),
    bucket_name: output(tf.string, "Name of the bucket holding the log files and digest files."),
    log_group_name: output(
      tf.string,
      "CloudWatch Logs log group receiving the events, for metric filters and alarms (CIS).",
    ),
    kms_key_arn: output(
      tf.string,
      "KMS key encrypting the log files and the log group (created here, or `kms_key_arn`); " +
        "readers need kms:Decrypt on it.",
    ),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    bucket_name: "shop-prod-cloudtrail-123456789012",
    retention_days: 2557,
    log_retention_days: 365,
    is_organization_trail: false,
    access_logs_bucket: "shop-prod-s3-access-logs-123456789012",
    tags: { Component: "audit" },
  },
  notes: `## Design notes

- **What is recorded**: management events (read and write) of every Region, plus global
  service events (IAM, STS, CloudFront), in one multi-Region trail. Data events (S3 object
  access, Lambda invokes) and CloudTrail Insights are billed extra and not enabled.
- **Integrity**: log file validation is on; CloudTrail writes signed hourly digest files
  (\`AWSLogs/<account>/CloudTrail-Digest/\`), and \`aws cloudtrail validate-logs\` proves that no
  log file was changed or deleted.
- **Encryption**: log files are SSE-KMS with the module's customer-managed key (rotation on)
  unless \`kms_key_arn\` is given. The key policy lets \`cloudtrail.amazonaws.com\` generate data
  keys only with the encryption context \`aws:cloudtrail:arn\` of this account's trails and only
  for this trail (\`aws:SourceArn\`), describe the key for this trail, and CloudWatch Logs use it
  for this trail's log group only. The account root statement lets IAM policies in the account
  decide who decrypts (grant kms:Decrypt to your auditors). The bucket's default encryption is
  SSE-S3: CloudTrail encrypts each log file with the key itself, and it always writes the
  digest files with SSE-S3.
- **Bucket**: built with the shared hardened bucket (\`constructs/core/secure-bucket.ts\`): all
  public access blocked, ACLs off (BucketOwnerEnforced), TLS-only policy, versioning on,
  \`force_destroy\` off, so \`terraform destroy\` cannot delete the audit record. Its policy lets
  CloudTrail read the bucket ACL and write \`AWSLogs/<account_id>/*\` (\`AWSLogs/*\` for an
  organization trail) only with \`s3:x-amz-acl = bucket-owner-full-control\` and only for this
  trail (\`aws:SourceArn\`, built from the name so the policy exists before the trail).
- **Lifecycle**: log files move to STANDARD_IA after ${IA_TRANSITION_DAYS} days (when
  \`retention_days\` is at least ${IA_TRANSITION_DAYS + IA_MIN_STORAGE_DAYS}, so IA's 30-day minimum is
  paid for) and expire after \`retention_days\`; deleted or overwritten versions stay
  recoverable ${NONCURRENT_DAYS} days. For write-once retention, add S3 Object Lock (not included:
  it can only be enabled on new buckets and cannot be turned off).
- **CloudWatch Logs**: events also go to \`/aws/cloudtrail/<name>\` (KMS, retention
  \`log_retention_days\`) through the role \`<name>-cloudtrail-logs\`, which may only create
  streams and put events in that log group. Put CIS metric filters and alarms on
  \`log_group_name\`.
- **One per account**: an account needs one such trail (more trails of management events are
  billed); an organization trail in the management account covers every member account.
- **Not included**: data events, Insights, SNS notifications per log file, S3 Object Lock,
  CloudTrail Lake.`,
});
