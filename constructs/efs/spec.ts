import { moduleKeyInputs } from "../core/module-key";
import { defineModule, optional, output, required } from "../core/module-spec";
import { vpcIdInput } from "../core/common-inputs";
import { tf } from "../core/tf-types";
import { DATA_STORE_NAME_LENGTH, nameValidation, validate } from "../core/validations";

export const EFS_PORT = 2049;
export const PERFORMANCE_MODES = ["generalPurpose", "maxIO"] as const;
export const THROUGHPUT_MODES = ["bursting", "elastic", "provisioned"] as const;
export const TRANSITION_TO_IA = [
  "AFTER_1_DAY",
  "AFTER_7_DAYS",
  "AFTER_14_DAYS",
  "AFTER_30_DAYS",
  "AFTER_60_DAYS",
  "AFTER_90_DAYS",
  "AFTER_180_DAYS",
  "AFTER_270_DAYS",
  "AFTER_365_DAYS",
] as const;
/** Largest POSIX ID EFS accepts. */
const MAX_POSIX_ID = 4294967295;

const accessPoint = tf.object({
  path: tf.string,
  uid: tf.number,
  gid: tf.number,
  permissions: tf.optional(tf.string, "0750"),
});

const posixId = (field: "uid" | "gid") =>
  `alltrue([for ap in values(var.access_points) : ap.${field} >= 1 && ap.${field} <= ${MAX_POSIX_ID} && floor(ap.${field}) == ap.${field}])`;

export const efsSpec = defineModule({
  name: "efs",
  description:
    "An encrypted EFS file system with automatic backups, a mount target per AZ, access points " +
    "that pin each client to its own directory and non-root POSIX user, a file system policy " +
    "that refuses connections without TLS and grants mount/write only through those access " +
    "points, and a security group admitting NFS (2049) only from the security groups you name.",
  inputs: {
    name: required(
      tf.string,
      "Name of the file system (creation token, Name tag) and prefix of the other names.",
      {
        validation: [nameValidation("name", DATA_STORE_NAME_LENGTH)],
      },
    ),
    ...moduleKeyInputs(
      "the file system",
      "Changing it later replaces the file system (and its data).",
    ),
    vpc_id: vpcIdInput("VPC the file system's security group is created in."),
    subnet_ids_by_az: required(
      tf.map(tf.string),
      "One subnet per AZ for the mount targets, keyed by AZ name: the vpc module's " +
        "`private_subnets_by_az`. Keyed by AZ so adding an AZ never re-creates another's mount target.",
      {
        validation: [
          {
            condition: "length(var.subnet_ids_by_az) > 0",
            errorMessage: "subnet_ids_by_az must name at least one AZ.",
            rejects: { value: {} },
          },
          {
            condition:
              'alltrue([for az, s in var.subnet_ids_by_az : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$", az)) && can(regex("^subnet-[0-9a-f]{8,17}$", s))])',
            errorMessage:
              "subnet_ids_by_az must map AZ names (eu-north-1a) to subnet IDs (subnet-…).",
            // Keyed by an AZ ID (eun1-az2) instead of the AZ name.
            rejects: {
              value: {
                "eu-north-1a": "subnet-0a1b2c3d4e5f60718",
                "eun1-az2": "subnet-0b2c3d4e5f6071829",
              },
            },
          },
        ],
      },
    ),
    allowed_security_group_ids: optional(
      tf.map(tf.string),
      {},
      `Security groups allowed to connect on NFS port ${EFS_PORT}, keyed by a stable name (the ` +
        "service name), which names the rule. Default: none, so nothing can mount until the env " +
        "stack names its clients.",
      {
        validation: [
          {
            condition:
              'alltrue([for k, id in var.allowed_security_group_ids : can(regex("^[a-z0-9][a-z0-9_-]*$", k)) && can(regex("^sg-[0-9a-f]{8,17}$", id))])',
            errorMessage:
              "allowed_security_group_ids must map names (a-z, 0-9, _ and -) to security group IDs (sg-…).",
            // A security group name instead of its ID.
            rejects: { value: { cms: "shop-prod-cms" } },
          },
        ],
      },
    ),
    performance_mode: optional(
      tf.string,
      "generalPurpose",
      "`generalPurpose` (lowest latency; default) or `maxIO` (legacy, for thousands of " +
        "clients; not with elastic throughput). Changing it replaces the file system.",
      {
        validation: [
          validate.oneOf("performance_mode", PERFORMANCE_MODES),
          {
            condition: '!(var.performance_mode == "maxIO" && var.throughput_mode == "elastic")',
            errorMessage: "performance_mode maxIO cannot be used with throughput_mode elastic.",
            rejects: { value: "maxIO", alongside: { throughput_mode: "elastic" } },
          },
        ],
      },
    ),
    throughput_mode: optional(
      tf.string,
      "elastic",
      "`elastic` (scales with the workload, pay per use; default), `bursting` (credits grow " +
        "with stored size) or `provisioned` (set `provisioned_throughput_in_mibps`).",
      { validation: [validate.oneOf("throughput_mode", THROUGHPUT_MODES)] },
    ),
    provisioned_throughput_in_mibps: optional(
      tf.number,
      null,
      'Throughput in MiB/s when `throughput_mode = "provisioned"`; must be null otherwise. ' +
        "Default null.",
      {
        validation: [
          {
            condition:
              '(var.throughput_mode == "provisioned") == (var.provisioned_throughput_in_mibps != null)',
            errorMessage:
              "provisioned_throughput_in_mibps must be set when (and only when) throughput_mode is provisioned.",
            rejects: { value: 128, alongside: { throughput_mode: "elastic" } },
          },
          {
            condition:
              "var.provisioned_throughput_in_mibps == null ? true : var.provisioned_throughput_in_mibps >= 1",
            errorMessage: "provisioned_throughput_in_mibps must be at least 1.",
            rejects: { value: 0.5, alongside: { throughput_mode: "provisioned" } },
          },
        ],
      },
    ),
    transition_to_ia: optional(
      tf.string,
      "AFTER_30_DAYS",
      "Move files not read for this long to Infrequent Access; a file read again returns to " +
        "Standard on first access. Default AFTER_30_DAYS; null keeps everything in Standard.",
      {
        validation: [
          {
            condition: `var.transition_to_ia == null ? true : contains(${JSON.stringify(TRANSITION_TO_IA)}, var.transition_to_ia)`,
            errorMessage: `transition_to_ia must be null or one of: ${TRANSITION_TO_IA.join(", ")}.`,
            rejects: { value: "AFTER_45_DAYS" },
          },
        ],
      },
    ),
    access_points: optional(
      tf.map(accessPoint),
      {},
      "Access points keyed by name (the service using it): `path` is the directory the client " +
        "sees as `/` (created on first use, owned by `uid`:`gid` with `permissions`, default " +
        "0750), and every file operation runs as `uid`:`gid`. Root (0) and `/` are rejected. " +
        "Default: none.",
      {
        validation: [
          {
            condition:
              'alltrue([for k in keys(var.access_points) : can(regex("^[a-z0-9][a-z0-9_-]*$", k))])',
            errorMessage: "access_points keys must be names of a-z, 0-9, _ and -.",
            rejects: { value: { CMS: { path: "/cms/media", uid: 1000, gid: 1000 } } },
          },
          {
            condition:
              'alltrue([for ap in values(var.access_points) : ap.path != "/" && can(regex("^(/[A-Za-z0-9._-]+)+$", ap.path))])',
            errorMessage:
              "access_points paths must be absolute directories below / (such as /media), without a trailing slash.",
            rejects: { value: { cms: { path: "/cms/media/", uid: 1000, gid: 1000 } } },
          },
          {
            condition: posixId("uid"),
            errorMessage: `access_points uid must be a whole number from 1 to ${MAX_POSIX_ID} (never root).`,
            rejects: { value: { cms: { path: "/cms/media", uid: 0, gid: 1000 } } },
          },
          {
            condition: posixId("gid"),
            errorMessage: `access_points gid must be a whole number from 1 to ${MAX_POSIX_ID} (never root).`,
            rejects: { value: { cms: { path: "/cms/media", uid: 1000, gid: 0 } } },
          },
          {
            condition:
              'alltrue([for ap in values(var.access_points) : can(regex("^0?[0-7]{3}$", ap.permissions))])',
            errorMessage: "access_points permissions must be octal, such as 0750.",
            rejects: {
              value: {
                cms: { path: "/cms/media", uid: 1000, gid: 1000, permissions: "rwxr-x---" },
              },
            },
          },
        ],
      },
    ),
    client_role_arns: optional(
      tf.list(tf.string),
      [],
      "IAM roles (ECS task roles) the file system policy lets mount and write, through this " +
        "module's access points only (so the grant needs at least one access point). Default: " +
        "none; then only identity policies in this account can grant access (still TLS only).",
      {
        validation: [
          {
            condition:
              'alltrue([for arn in var.client_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", arn))])',
            errorMessage: "client_role_arns must be IAM role ARNs (arn:aws:iam::<account>:role/…).",
            // The role's name instead of its ARN.
            rejects: { value: ["shop-prod-cms-task"] },
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
    file_system_id: output(
      tf.string,
      "ID of the file system (ECS `efs_volume_configuration.file_system_id`).",
    ),
    file_system_arn: output(tf.string, "ARN of the file system, for task role policies."),
    access_point_ids: output(tf.map(tf.string), "Access point IDs keyed by access point name."),
    access_point_arns: output(tf.map(tf.string), "Access point ARNs keyed by access point name."),
    security_group_id: output(
      tf.string,
      `Security group of the mount targets; clients need egress to it on ${EFS_PORT}.`,
    ),
    dns_name: output(tf.string, "DNS name of the file system, for NFS mounts outside ECS."),
  },
  example: {
    name: "shop-prod-media",
    account_id: "123456789012",
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids_by_az: {
      "eu-north-1a": "subnet-0a1b2c3d4e5f60718",
      "eu-north-1b": "subnet-0b2c3d4e5f6071829",
      "eu-north-1c": "subnet-0c3d4e5f607182930",
    },
    allowed_security_group_ids: { cms: "sg-0a1b2c3d4e5f60718" },
    throughput_mode: "elastic",
    transition_to_ia: "AFTER_30_DAYS",
    access_points: {
      cms: { path: "/cms/media", uid: 1000, gid: 1000 },
      thumbnails: { path: "/thumbnails", uid: 1001, gid: 1000, permissions: "0755" },
    },
    client_role_arns: ["arn:aws:iam::123456789012:role/shop-prod-cms-task"],
    tags: { Component: "media" },
  },
  notes: `## Design notes

- **Encrypted**: at rest with a customer-managed KMS key (the module's own, rotation on, unless
  \`kms_key_arn\` is given); in transit because the file system policy denies every client
  request with \`aws:SecureTransport = false\`.
- **Access only through access points**: the policy's Allow statement lets the roles in
  \`client_role_arns\` mount and write (\`elasticfilesystem:ClientMount\`, \`ClientWrite\`, never
  \`ClientRootAccess\`) only when they come through a mount target **and** one of this module's
  access points. With a policy in place, a client that mounts without IAM authorization is
  anonymous and gets nothing. Each access point pins its client to \`path\` (never \`/\`) and runs
  every operation as a non-root \`uid\`:\`gid\`, so services sharing the file system cannot read
  each other's files.
- **Backups**: \`aws_efs_backup_policy\` is ENABLED (AWS Backup's daily default plan, 35 days).
- **Network**: one mount target per AZ, keyed by AZ (\`aws_efs_mount_target.this["eu-north-1a"]\`);
  pass the vpc module's \`private_subnets_by_az\`. The security group admits TCP ${EFS_PORT} only from
  \`allowed_security_group_ids\` (one described rule per name) and has no egress rules. Clients
  need egress to \`security_group_id\` on ${EFS_PORT}.
- **Lifecycle**: files move to Infrequent Access after \`transition_to_ia\` and back to Standard
  on their first read.
- **Mounting from ecs-service** (the module will take a \`volumes\` input): the task definition
  gets a volume

  \`\`\`hcl
  volume {
    name = "media"
    efs_volume_configuration {
      file_system_id     = module.efs.file_system_id
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = module.efs.access_point_ids["cms"]
        iam             = "ENABLED"
      }
    }
  }
  \`\`\`

  and a container \`mountPoints\` entry for it (\`readOnly\` where possible; the root file system
  stays read-only). The task role must be in \`client_role_arns\` (or have an identity policy
  with \`elasticfilesystem:ClientMount\`/\`ClientWrite\` on \`file_system_arn\` with the
  \`elasticfilesystem:AccessPointArn\` condition), and the service's security group must be in
  \`allowed_security_group_ids\`.
- **Caveats**: changing \`kms_key_arn\` or \`performance_mode\` replaces the file system (and its
  data). \`client_role_arns\` must exist when the policy is applied: EFS rejects unknown
  principals.
- **Not included**: replication to another Region, archive storage class, one-zone file systems.`,
});
