import { defineModule, optional, output, required, VariableValidation } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { validate } from "../core/validations";

/** S3's rules for general purpose bucket names, one validation per rule so errors say which. */
function bucketNameValidations(variable: string, nullable = false): VariableValidation[] {
  const v = `var.${variable}`;
  const rule = (condition: string, errorMessage: string, bad: string): VariableValidation => ({
    condition: nullable ? `${v} == null ? true : (${condition})` : condition,
    errorMessage: `${variable} ${errorMessage}`,
    rejects: { value: bad },
  });
  return [
    rule(
      `can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ${v}))`,
      "must be 3–63 characters of a-z, 0-9, . and -, starting and ending with a letter or digit.",
      "shop_prod_uploads",
    ),
    rule(
      `!can(regex("\\\\.\\\\.|\\\\.-|-\\\\.", ${v})) && !can(regex("^[0-9]+(\\\\.[0-9]+){3}$", ${v}))`,
      "must not contain '..', '.-' or '-.', and must not look like an IP address.",
      "shop-prod..uploads",
    ),
    rule(
      `!can(regex("^(xn--|sthree-|amzn-s3-demo-)|(-s3alias|--ol-s3|\\\\.mrap|--x-s3|--table-s3)$", ${v}))`,
      "must not use a prefix or suffix S3 reserves (xn--, sthree-, amzn-s3-demo-, -s3alias, --ol-s3, .mrap, --x-s3, --table-s3).",
      "shop-prod-uploads-s3alias",
    ),
  ];
}

const lifecycleRule = tf.object({
  id: tf.string,
  prefix: tf.optional(tf.string),
  expiration_days: tf.optional(tf.number),
  noncurrent_expiration_days: tf.optional(tf.number),
  transition_to_ia_days: tf.optional(tf.number),
  transitions: tf.optional(tf.list(tf.object({ days: tf.number, storage_class: tf.string })), []),
  abort_incomplete_multipart_days: tf.optional(tf.number, 7),
});

/** Storage classes a lifecycle rule may move objects to, with the fewest days S3 accepts. */
export const TRANSITION_MIN_DAYS = {
  STANDARD_IA: 30,
  ONEZONE_IA: 30,
  INTELLIGENT_TIERING: 0,
  GLACIER_IR: 0,
  GLACIER: 0,
  DEEP_ARCHIVE: 0,
} as const;
export type StorageClass = keyof typeof TRANSITION_MIN_DAYS;

const DAY_FIELDS = [
  "expiration_days",
  "noncurrent_expiration_days",
  "transition_to_ia_days",
  "abort_incomplete_multipart_days",
] as const;
/** An HCL object literal of a flat record of numbers. */
const hclMap = (values: Readonly<Record<string, number>>) =>
  `{ ${Object.entries(values)
    .map(([k, v]) => `${k} = ${v}`)
    .join(", ")} }`;
const ruleDays = (r: string) => `[${DAY_FIELDS.map((f) => `${r}.${f}`).join(", ")}]`;

/** The example's extra bucket policy statement. */
const appReadsUploads = {
  Sid: "AppReadsUploads",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:role/shop-prod-api-task" },
  Action: ["s3:GetObject", "s3:PutObject"],
  Resource: "arn:aws:s3:::shop-prod-uploads-123456789012/uploads/*",
};

export const s3BucketSpec = defineModule({
  name: "s3-bucket",
  description:
    "A private S3 bucket: all four public access blocks, ACLs disabled (BucketOwnerEnforced), " +
    "default encryption (SSE-KMS with a bucket key, or SSE-S3), versioning, a bucket policy " +
    "that denies requests without TLS plus your own statements, lifecycle rules and optional " +
    "server access logging.",
  inputs: {
    bucket_name: required(
      tf.string,
      "Globally unique bucket name. Prefer names without dots: a dot breaks TLS for " +
        "virtual-hosted-style requests.",
      { validation: bucketNameValidations("bucket_name") },
    ),
    kms_key_arn: optional(
      tf.string,
      null,
      "KMS key for default encryption (SSE-KMS with an S3 bucket key). Default null: SSE-S3 " +
        "(AES256), which every AWS service can write to. Readers and writers need kms:Decrypt / " +
        "kms:GenerateDataKey on the key.",
      { validation: [validate.optionalArn("kms_key_arn", "kms")] },
    ),
    account_id: optional(
      tf.string,
      null,
      "AWS account ID (12 digits) whose root administers the key `create_kms_key` creates; " +
        "required with it. Default null.",
      {
        validation: [
          {
            condition:
              'var.account_id == null ? !var.create_kms_key : can(regex("^[0-9]{12}$", var.account_id))',
            errorMessage:
              "account_id must be a 12-digit AWS account ID, and is required with create_kms_key.",
            rejects: { value: "12345678901" },
          },
        ],
      },
    ),
    create_kms_key: optional(
      tf.bool,
      false,
      "Create a customer-managed KMS key for this bucket (`aws_kms_key.this[0]`, rotation on, " +
        "alias `alias/<bucket_name>`) and encrypt with it, instead of `kms_key_arn`. Default " +
        "false. Readers and writers need kms:Decrypt / kms:GenerateDataKey on it (the " +
        "`kms_key_arn` output).",
      {
        validation: [
          {
            condition: "!(var.create_kms_key && var.kms_key_arn != null)",
            errorMessage: "create_kms_key and kms_key_arn are exclusive: create a key or give one.",
            // The example gives kms_key_arn; account_id keeps the account_id rule satisfied.
            rejects: { value: true, alongside: { account_id: "123456789012" } },
          },
        ],
      },
    ),
    versioning: optional(
      tf.bool,
      true,
      "Keep every version of every object. Default true: overwritten and deleted objects stay " +
        "recoverable (expire them with `noncurrent_expiration_days`). false suspends versioning.",
    ),
    lifecycle_rules: optional(
      tf.list(lifecycleRule),
      [{ id: "abort-incomplete-multipart-uploads" }],
      "Lifecycle rules, each with a unique `id`, an optional key `prefix` (null: whole bucket) " +
        "and the actions it takes: `expiration_days` (current versions), " +
        "`noncurrent_expiration_days`, `transition_to_ia_days` (to STANDARD_IA, at least 30), " +
        "`transitions` (a list of `days` and `storage_class`: " +
        `${Object.keys(TRANSITION_MIN_DAYS).join(", ")}; IA classes from day 30) and ` +
        "`abort_incomplete_multipart_days` (default 7; null also means 7). Default: one rule " +
        "that only cleans up incomplete multipart uploads, which are billed but invisible.",
      {
        validation: [
          {
            condition:
              "length(distinct([for r in var.lifecycle_rules : r.id])) == length(var.lifecycle_rules)",
            errorMessage: "lifecycle_rules ids must be unique.",
            rejects: {
              value: [
                { id: "expire-tmp", prefix: "tmp/", expiration_days: 7 },
                { id: "expire-tmp", prefix: "cache/", expiration_days: 1 },
              ],
            },
          },
          {
            condition:
              "alltrue([for r in var.lifecycle_rules : length(r.id) >= 1 && length(r.id) <= 255])",
            errorMessage: "lifecycle_rules ids must be 1–255 characters.",
            rejects: { value: [{ id: "", prefix: "tmp/", expiration_days: 7 }] },
          },
          {
            condition: `alltrue(flatten([for r in var.lifecycle_rules : [for d in ${ruleDays("r")} : d == null ? true : (d >= 1 && floor(d) == d)]]))`,
            errorMessage: "lifecycle rule day counts must be whole numbers of at least 1.",
            rejects: { value: [{ id: "expire-tmp", prefix: "tmp/", expiration_days: 0 }] },
          },
          {
            condition:
              "alltrue([for r in var.lifecycle_rules : r.transition_to_ia_days == null ? true : r.transition_to_ia_days >= 30])",
            errorMessage: "transition_to_ia_days must be at least 30 (an S3 rule for STANDARD_IA).",
            rejects: {
              value: [{ id: "uploads-to-ia", prefix: "uploads/", transition_to_ia_days: 14 }],
            },
          },
          {
            condition: `alltrue(flatten([for r in var.lifecycle_rules : [for t in r.transitions : contains(${JSON.stringify(Object.keys(TRANSITION_MIN_DAYS))}, t.storage_class) && t.days >= lookup(${hclMap(TRANSITION_MIN_DAYS)}, t.storage_class, 0) && floor(t.days) == t.days && (r.expiration_days == null ? true : r.expiration_days > t.days)]]))`,
            errorMessage: `lifecycle rule transitions must name a storage class (${Object.keys(TRANSITION_MIN_DAYS).join(", ")}), use whole days (at least 30 for STANDARD_IA and ONEZONE_IA) and come before expiration_days.`,
            rejects: {
              value: [
                {
                  id: "uploads-to-ia",
                  prefix: "uploads/",
                  transitions: [{ days: 7, storage_class: "STANDARD_IA" }],
                },
              ],
            },
          },
          {
            condition:
              "alltrue([for r in var.lifecycle_rules : r.expiration_days == null || r.transition_to_ia_days == null ? true : r.expiration_days > r.transition_to_ia_days])",
            errorMessage:
              "expiration_days must be greater than transition_to_ia_days in the same rule.",
            rejects: {
              value: [
                {
                  id: "uploads-to-ia",
                  prefix: "uploads/",
                  transition_to_ia_days: 90,
                  expiration_days: 60,
                },
              ],
            },
          },
        ],
      },
    ),
    access_logs_bucket: optional(
      tf.string,
      null,
      "Bucket that receives S3 server access logs of this bucket. Default null: no access " +
        "logging. The target must be in the same account and Region, use SSE-S3, and allow " +
        "`logging.s3.amazonaws.com` to write in its bucket policy.",
      { validation: bucketNameValidations("access_logs_bucket", true) },
    ),
    access_logs_prefix: optional(
      tf.string,
      null,
      "Key prefix of the access logs in the target bucket. Default null: `<bucket_name>/`.",
    ),
    force_destroy: optional(
      tf.bool,
      false,
      "Delete all objects (and versions) when the bucket is destroyed. Default false, so a " +
        "destroy cannot silently take data with it; only throwaway environments set true.",
    ),
    extra_policy_statements: optional(
      tf.list(tf.string),
      [],
      "Extra bucket policy statements, each a JSON object string (`jsonencode({ … })`), added " +
        "after the statement denying requests without TLS. Default: none. Allow statements may " +
        'not grant `"*"` or `"s3:*"`; the public access block rejects public grants.',
      {
        validation: [
          {
            condition:
              'alltrue([for s in var.extra_policy_statements : can(jsondecode(s).Effect) && contains(["Allow", "Deny"], try(jsondecode(s).Effect, ""))])',
            errorMessage: "extra_policy_statements must be JSON objects with Effect Allow or Deny.",
            rejects: { value: [JSON.stringify({ ...appReadsUploads, Effect: "allow" })] },
          },
          {
            condition:
              'alltrue([for s in var.extra_policy_statements : try(jsondecode(s).Effect, "") != "Allow" || alltrue([for a in flatten([try(jsondecode(s).Action, [])]) : !contains(["*", "s3:*"], a)])])',
            errorMessage:
              'extra_policy_statements Allow statements must list actions, not "*" or "s3:*".',
            rejects: { value: [JSON.stringify({ ...appReadsUploads, Action: "s3:*" })] },
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
    bucket_id: output(tf.string, "Name (ID) of the bucket."),
    bucket_arn: output(tf.string, "ARN of the bucket, for IAM policies."),
    kms_key_arn: output(
      tf.string,
      "ARN of the key encrypting the bucket: the created one, `kms_key_arn`, or null (SSE-S3).",
    ),
    bucket_regional_domain_name: output(
      tf.string,
      "Regional domain name of the bucket (`<name>.s3.<region>.amazonaws.com`), for CloudFront origins.",
    ),
  },
  example: {
    bucket_name: "shop-prod-uploads-123456789012",
    kms_key_arn: "arn:aws:kms:eu-north-1:123456789012:key/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
    versioning: true,
    lifecycle_rules: [
      {
        id: "uploads-to-ia",
        prefix: "uploads/",
        transition_to_ia_days: 30,
        transitions: [{ days: 180, storage_class: "GLACIER_IR" }],
        expiration_days: 730,
      },
      { id: "expire-tmp", prefix: "tmp/", expiration_days: 7, noncurrent_expiration_days: 1 },
      { id: "expire-old-versions", noncurrent_expiration_days: 90 },
    ],
    access_logs_bucket: "shop-prod-s3-access-logs-123456789012",
    access_logs_prefix: "uploads/",
    extra_policy_statements: [JSON.stringify(appReadsUploads)],
    tags: { Component: "uploads" },
  },
  notes: `## Design notes

- **Private by construction**: all four public access block settings are on, so neither ACLs nor
  a bucket policy can make the bucket public; object ownership is \`BucketOwnerEnforced\`, which
  turns ACLs off altogether (access is by IAM and the bucket policy only).
- **TLS only**: the bucket policy's first statement (\`DenyInsecureTransport\`) denies every
  request with \`aws:SecureTransport = false\`. Your \`extra_policy_statements\` follow it; a Deny
  always wins, so no statement can re-open plain HTTP. Statements are JSON strings (not
  \`list(any)\`) because statements have different shapes and Terraform lists need one type.
- **Encryption**: with \`kms_key_arn\`, SSE-KMS with an S3 bucket key (one data key per bucket
  rather than a KMS request per object, which is cheaper and avoids KMS throttling). Without it,
  SSE-S3. Buckets that AWS services deliver logs to (ALB access logs, S3 server access logs)
  must stay on SSE-S3.
- **Keys**: \`create_kms_key\` gives the bucket a key of its own (its policy lets the account's
  IAM policies decide who uses it), so granting one service a bucket grants it that bucket's
  key and no other data.
- **Versioning** is on by default; false sets it to \`Suspended\` (not \`Disabled\`, which S3
  cannot go back to once a bucket has been versioned).
- **Lifecycle**: rules are a list in the order given; their \`id\` is the rule's identity in
  S3. Each action is optional and only rendered when set; the default rule only aborts
  incomplete multipart uploads after 7 days. An empty list removes the lifecycle configuration.
- **Access logging** is off unless \`access_logs_bucket\` is set; central log buckets are shared
  across buckets, so this module does not create one. The target bucket's policy must allow the
  \`logging.s3.amazonaws.com\` service principal (a bucket made with this module can do that
  through \`extra_policy_statements\`) and must use SSE-S3.
- **Deletion**: \`force_destroy\` is false by default; env roots never set it true in prod.
- **Shared mechanics**: the resources come from \`constructs/core/secure-bucket.ts\`, which other
  modules (the ALB access-log bucket) use with their own policy statements and SSE-S3.`,
});
