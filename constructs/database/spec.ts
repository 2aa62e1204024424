import {
  defineModule,
  optional,
  output,
  Rejected,
  required,
  VariableValidation,
} from "../core/module-spec";
import { vpcIdInput } from "../core/common-inputs";
import { tf } from "../core/tf-types";
import { DATA_STORE_NAME_LENGTH, nameValidation, validate } from "../core/validations";
import { AURORA_ENGINES, ENGINE_TRAITS, ENGINES, engineLiteral } from "./engines";
import { DATABASE_NOTES } from "./notes";

export { ENGINES } from "./engines";
export type { Engine } from "./engines";

export const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;
export const STORAGE_TYPES = ["gp3", "gp2", "io1", "io2"] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];
/**
 * Provisioned IOPS limits of RDS for MySQL and PostgreSQL: io1/io2 need 100 GiB or more and
 * 1000–256000 IOPS at most 50 (io1) or 500 (io2) per GiB; gp3 takes IOPS only from 400 GiB,
 * where its baseline is 12000 (below, a fixed 3000).
 */
export const IOPS_LIMITS = {
  provisioned: { min: 1000, max: 256000, minStorage: 100, perGib: { io1: 50, io2: 500 } },
  gp3: { min: 12000, max: 64000, minStorage: 400 },
} as const;
/** RDS for MySQL and PostgreSQL allow 15 read replicas; an Aurora cluster 15 readers. */
export const MAX_REPLICAS = 15;
/** gp2/gp3 limits for RDS for MySQL and PostgreSQL, GiB. */
export const MIN_STORAGE = 20;
export const MAX_STORAGE = 65536;

const IS_AURORA = 'startswith(var.engine, "aurora-")';
const KMS_KEY_ARN = "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$";
const HH_MM = "([01][0-9]|2[0-3]):[0-5][0-9]";
const DAY = "(mon|tue|wed|thu|fri|sat|sun)";

/** A rule that holds when the nullable `variable` is null (`||` does not short-circuit in Terraform). */
const unlessNull = (
  variable: string,
  condition: string,
  errorMessage: string,
  rejects: Rejected,
): VariableValidation => ({
  condition: `var.${variable} == null ? true : (${condition})`,
  errorMessage,
  rejects,
});

const optionalKeyArn = (variable: string): VariableValidation =>
  unlessNull(
    variable,
    `can(regex(${JSON.stringify(KMS_KEY_ARN)}, var.${variable}))`,
    `${variable} must be null or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>; not an alias).`,
    { value: "arn:aws:kms:eu-north-1:123456789012:alias/shop-prod" },
  );

/**
 * Refuses a fraction inside the range, so only this rule breaks; `alongside`: other inputs that
 * value needs to break no other rule.
 */
const wholeRange = (
  variable: string,
  min: number,
  max: number,
  alongside?: Rejected["alongside"],
): VariableValidation => ({
  condition: `var.${variable} >= ${min} && var.${variable} <= ${max} && floor(var.${variable}) == var.${variable}`,
  errorMessage: `${variable} must be a whole number between ${min} and ${max}.`,
  rejects: { value: min + 0.5, alongside },
});

const serverless = tf.object({ min_capacity: tf.number, max_capacity: tf.number });
const replica = tf.object({ availability_zone: tf.optional(tf.string) });
const AZ_NAME = "^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$";
const { provisioned: PIOPS, gp3: GP3 } = IOPS_LIMITS;
/** An Aurora call, for rules that only Aurora breaks: the example's read replicas are RDS-only. */
const AURORA_CALL = { engine: "aurora-postgresql", engine_version: "16.4", read_replicas: {} };

export const databaseSpec = defineModule({
  name: "database",
  description:
    "A relational database: RDS for PostgreSQL or MySQL (`aws_db_instance`, Multi-AZ, read " +
    "replicas) or Aurora PostgreSQL or MySQL (`aws_rds_cluster` with a writer and readers, " +
    "provisioned or Serverless v2), chosen by `engine`. Encrypted with a customer-managed KMS " +
    "key (created, or yours), master password managed in Secrets Manager, IAM authentication, " +
    "a parameter group that refuses unencrypted connections, log exports to log groups with " +
    "retention, Performance Insights, enhanced monitoring, and a security group admitting the " +
    "database port only from declared security groups.",
  inputs: {
    name: required(
      tf.string,
      "Identifier of the DB instance or Aurora cluster and prefix of every other name " +
        "(`<name>-replica-1`, `<name>-writer`, `<name>-final` snapshot, `alias/<name>-database`).",
      { validation: [nameValidation("name", DATA_STORE_NAME_LENGTH)] },
    ),
    account_id: required(
      tf.string,
      "AWS account ID the database lives in: the key policy of the KMS key the module creates " +
        "names its root, and CloudWatch Logs may use the key only for this account's RDS log groups.",
      { validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")] },
    ),
    engine: required(
      tf.string,
      "`postgres` or `mysql` (RDS instance) or `aurora-postgresql` or `aurora-mysql` (Aurora " +
        "cluster). Changing between an RDS and an Aurora engine replaces the database.",
      { validation: [validate.oneOf("engine", ENGINES)] },
    ),
    engine_version: required(
      tf.string,
      `Engine version: ${ENGINES.map((e) => `${e} ${ENGINE_TRAITS[e].versionHint}`).join("; ")}. ` +
        "A major-only version lets automatic minor upgrades happen without drift.",
      {
        validation: [
          {
            condition: `can(regex(lookup(${engineLiteral((t) => t.versionPattern)}, var.engine, "^$"), var.engine_version))`,
            errorMessage: `engine_version must match the engine: ${ENGINES.map((e) => `${e} ${ENGINE_TRAITS[e].versionHint}`).join("; ")}.`,
            // A MySQL version on PostgreSQL.
            rejects: { value: "8.0", alongside: { engine: "postgres" } },
          },
        ],
      },
    ),
    instance_class: optional(
      tf.string,
      "db.t4g.medium",
      "Instance class of the RDS instance and replicas, or of the Aurora writer and readers when " +
        "`serverless_v2` is null. Default `db.t4g.medium`: the smallest Graviton class all four engines " +
        "offer; size it per environment.",
      {
        validation: [
          validate.pattern(
            "instance_class",
            "^db\\.[a-z0-9-]+\\.[a-z0-9]+$",
            "a DB instance class such as db.r7g.large",
          ),
          {
            condition: 'var.instance_class != "db.serverless"',
            errorMessage:
              "instance_class must not be db.serverless: set serverless_v2 (Aurora) and the instances become db.serverless.",
            rejects: { value: "db.serverless" },
          },
        ],
      },
    ),
    serverless_v2: optional(
      serverless,
      null,
      "Aurora Serverless v2 capacity in ACUs (0.5 steps): every instance becomes `db.serverless` " +
        "and scales between `min_capacity` and `max_capacity`. Default null: provisioned instances " +
        "of `instance_class`. `min_capacity = 0` (auto-pause) needs a recent engine version.",
      {
        validation: [
          unlessNull(
            "serverless_v2",
            IS_AURORA,
            "serverless_v2 is for Aurora engines only (aurora-postgresql, aurora-mysql).",
            { value: { min_capacity: 0.5, max_capacity: 8 }, alongside: { engine: "postgres" } },
          ),
          unlessNull(
            "serverless_v2",
            "var.serverless_v2.min_capacity >= 0 && var.serverless_v2.max_capacity >= 1 && var.serverless_v2.max_capacity <= 256 && var.serverless_v2.min_capacity <= var.serverless_v2.max_capacity && floor(var.serverless_v2.min_capacity * 2) == var.serverless_v2.min_capacity * 2 && floor(var.serverless_v2.max_capacity * 2) == var.serverless_v2.max_capacity * 2",
            "serverless_v2 capacities must be multiples of 0.5 ACU with 0 <= min_capacity <= max_capacity, 1 <= max_capacity <= 256.",
            // min_capacity above max_capacity.
            { value: { min_capacity: 8, max_capacity: 4 }, alongside: AURORA_CALL },
          ),
        ],
      },
    ),
    vpc_id: vpcIdInput("VPC of the database security group (the vpc module's `vpc_id`)."),
    db_subnet_group_name: required(
      tf.string,
      "DB subnet group over the database tier (the vpc module's `database_subnet_group_name`); " +
        "it decides the Availability Zones the database can use.",
      {
        validation: [
          validate.pattern(
            "db_subnet_group_name",
            "^[a-z0-9][a-z0-9._ -]{0,254}$",
            "a DB subnet group name (lowercase letters, digits, . _ - and spaces, at most 255)",
          ),
        ],
      },
    ),
    allowed_security_group_ids: optional(
      tf.map(tf.string),
      {},
      "Security groups allowed to connect on the database port, keyed by a stable name (the " +
        'service name): one ingress rule each, `aws_vpc_security_group_ingress_rule.client["<name>"]`. ' +
        "Default {}: nothing can connect until the env stack wires its services in.",
      {
        validation: [
          {
            condition:
              'alltrue([for k, v in var.allowed_security_group_ids : can(regex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$", k)) && can(regex("^sg-[0-9a-f]{8,17}$", v))])',
            errorMessage:
              "allowed_security_group_ids must map names (letters, digits, _ . -, at most 64) to security group IDs (sg-…).",
            // A security group name instead of its ID.
            rejects: { value: { orders: "sg-0a1b2c3d4e5f60718", catalog: "shop-prod-catalog" } },
          },
        ],
      },
    ),
    availability_zones: optional(
      tf.list(tf.string),
      [],
      "Availability Zones to spread instances over (the vpc module's `azs`): the Aurora writer " +
        "in the first, reader N and RDS replica N in zone N modulo the list, so one reader lands " +
        "in a second AZ. Default []: RDS chooses, which does not guarantee different AZs. " +
        "Changing it re-creates the instances it moves. A Multi-AZ RDS primary is never pinned.",
      {
        validation: [
          {
            condition:
              'alltrue([for az in var.availability_zones : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$", az))])',
            errorMessage: "availability_zones must be Availability Zone names such as eu-north-1a.",
            // An AZ ID (eun1-az2) instead of a name.
            rejects: { value: ["eu-north-1a", "eun1-az2"] },
          },
        ],
      },
    ),
    port: optional(
      tf.number,
      null,
      "Database port. Default null: the engine's (5432 PostgreSQL, 3306 MySQL).",
      {
        validation: [
          unlessNull(
            "port",
            "var.port >= 1150 && var.port <= 65535 && floor(var.port) == var.port",
            "port must be null or a whole number between 1150 and 65535 (the range RDS accepts).",
            { value: 1024 },
          ),
        ],
      },
    ),
    database_name: optional(
      tf.string,
      null,
      "Database created with the instance or cluster. Default null: none (PostgreSQL still has " +
        "`postgres`); the application can create its own.",
      {
        validation: [
          unlessNull(
            "database_name",
            'can(regex("^[A-Za-z][A-Za-z0-9_]{0,62}$", var.database_name))',
            "database_name must be null or 1–63 letters, digits and _, starting with a letter.",
            { value: "shop-db" },
          ),
        ],
      },
    ),
    master_username: optional(
      tf.string,
      "dbadmin",
      "Master user name; its password is generated and rotated by RDS in Secrets Manager " +
        "(`master_secret_arn`), never in Terraform state. Default `dbadmin`; `admin` is fine on " +
        "MySQL, the names each engine reserves are refused.",
      {
        validation: [
          validate.pattern(
            "master_username",
            "^[A-Za-z][A-Za-z0-9_]{0,15}$",
            "1–16 letters, digits and _, starting with a letter",
          ),
          {
            condition: `!contains(lookup(${engineLiteral((t) => t.reservedUsernames)}, var.engine, []), lower(var.master_username))`,
            errorMessage: `master_username must not be a name the engine reserves: ${ENGINES.map((e) => `${e} ${ENGINE_TRAITS[e].reservedUsernames.join(", ")}`).join("; ")}.`,
            rejects: { value: "rdsadmin" },
          },
        ],
      },
    ),
    allocated_storage: optional(
      tf.number,
      MIN_STORAGE,
      `RDS only: initial storage in GiB. Default ${MIN_STORAGE}, the gp2/gp3 minimum; autoscaling grows it.`,
      { validation: [wholeRange("allocated_storage", MIN_STORAGE, MAX_STORAGE)] },
    ),
    max_allocated_storage: optional(
      tf.number,
      100,
      "RDS only: storage autoscaling ceiling in GiB, above `allocated_storage`; 0 turns " +
        "autoscaling off. Default 100, so a full disk grows instead of stopping writes.",
      {
        validation: [
          {
            condition: `var.max_allocated_storage == 0 || (var.max_allocated_storage > var.allocated_storage && var.max_allocated_storage <= ${MAX_STORAGE} && floor(var.max_allocated_storage) == var.max_allocated_storage)`,
            errorMessage: `max_allocated_storage must be 0 (no autoscaling) or a whole number above allocated_storage and at most ${MAX_STORAGE}.`,
            rejects: { value: 50, alongside: { allocated_storage: 100 } },
          },
        ],
      },
    ),
    storage_type: optional(
      tf.string,
      "gp3",
      "RDS only: `gp3` (default: baseline 3000 IOPS, cheaper than gp2), `gp2`, or provisioned " +
        "IOPS `io1` / `io2` (set `iops`). Aurora manages its own storage.",
      { validation: [validate.oneOf("storage_type", STORAGE_TYPES)] },
    ),
    iops: optional(
      tf.number,
      null,
      `RDS only: provisioned IOPS. Required for io1/io2 (${PIOPS.min}–${PIOPS.max}, at most ` +
        `${PIOPS.perGib.io1} (io1) or ${PIOPS.perGib.io2} (io2) per GiB, from ${PIOPS.minStorage} GiB); ` +
        `optional for gp3 from ${GP3.minStorage} GiB (${GP3.min}–${GP3.max}); not for gp2. Default null.`,
      {
        validation: [
          {
            condition: `contains(["io1", "io2"], var.storage_type) ? (var.iops == null ? false : (var.iops >= ${PIOPS.min} && var.iops <= ${PIOPS.max} && floor(var.iops) == var.iops && var.allocated_storage >= ${PIOPS.minStorage} && var.iops <= var.allocated_storage * (var.storage_type == "io1" ? ${PIOPS.perGib.io1} : ${PIOPS.perGib.io2}))) : true`,
            errorMessage: `iops must be set for io1/io2: ${PIOPS.min}–${PIOPS.max}, at most ${PIOPS.perGib.io1} (io1) or ${PIOPS.perGib.io2} (io2) per GiB of allocated_storage, which must be at least ${PIOPS.minStorage}.`,
            // More than 50 IOPS per GiB of io1.
            rejects: { value: 10000, alongside: { storage_type: "io1", allocated_storage: 100 } },
          },
          {
            condition: `var.storage_type == "gp3" && var.iops != null ? (var.iops >= ${GP3.min} && var.iops <= ${GP3.max} && floor(var.iops) == var.iops && var.allocated_storage >= ${GP3.minStorage}) : true`,
            errorMessage: `iops on gp3 needs allocated_storage of at least ${GP3.minStorage} GiB and must be ${GP3.min}–${GP3.max}.`,
            rejects: { value: GP3.min, alongside: { storage_type: "gp3", allocated_storage: 100 } },
          },
          {
            condition: `var.iops == null || (var.storage_type != "gp2" && !${IS_AURORA})`,
            errorMessage: "iops must be null for gp2 storage and for Aurora engines.",
            rejects: { value: 3000, alongside: { storage_type: "gp2" } },
          },
        ],
      },
    ),
    multi_az: optional(
      tf.bool,
      true,
      "RDS only: a synchronous standby in a second AZ with automatic failover (read replicas " +
        "are single-AZ). Default true (the safe choice; dev may turn it off). Aurora's standby is " +
        "a reader (`reader_count`).",
    ),
    reader_count: optional(
      tf.number,
      null,
      `Aurora only: reader instances \`aws_rds_cluster_instance.reader["reader-N"]\` (failover ` +
        `targets and the reader endpoint), 0–${MAX_REPLICAS}. Default null: 1 on Aurora, so the ` +
        "writer has a failover target in another AZ; must stay null or 0 on RDS engines " +
        "(use `multi_az` and `read_replica_count`). Adding one never changes another's address.",
      {
        validation: [
          unlessNull(
            "reader_count",
            `var.reader_count >= 0 && var.reader_count <= ${MAX_REPLICAS} && floor(var.reader_count) == var.reader_count && (${IS_AURORA} || var.reader_count == 0)`,
            `reader_count must be null or 0–${MAX_REPLICAS}, and is for Aurora engines only: RDS engines use multi_az and read_replica_count.`,
            { value: 1, alongside: { engine: "postgres" } },
          ),
        ],
      },
    ),
    read_replica_count: optional(
      tf.number,
      0,
      `RDS only: read replicas \`aws_db_instance.replica["replica-N"]\` (\`<name>-replica-N\`), ` +
        `0–${MAX_REPLICAS}, replica N in \`availability_zones\` N modulo the list. Default 0. ` +
        "Adding one never changes another's address. Use `read_replicas` to name them instead.",
      {
        validation: [
          // Any replica count conflicts with the example's read_replicas.
          wholeRange("read_replica_count", 0, MAX_REPLICAS, { read_replicas: {} }),
          {
            condition: `var.read_replica_count == 0 || !${IS_AURORA}`,
            errorMessage: `read_replica_count must be 0 for ${AURORA_ENGINES.join(" and ")}: Aurora scales reads with readers (reader_count), not replicas.`,
            rejects: { value: 1, alongside: AURORA_CALL },
          },
          {
            condition: "var.read_replica_count == 0 || var.backup_retention_period > 0",
            errorMessage:
              "read replicas need automated backups on the source: backup_retention_period must be at least 1.",
            rejects: { value: 1, alongside: { backup_retention_period: 0, read_replicas: {} } },
          },
        ],
      },
    ),
    read_replicas: optional(
      tf.map(replica),
      {},
      'RDS only: read replicas by name, `aws_db_instance.replica["<name>"]` (`<name>-<key>`), ' +
        "each in the Availability Zone it names (null: RDS chooses), so replicas spread across " +
        "AZs deliberately. Instead of `read_replica_count` (which must then be 0); naming them " +
        "`replica-1`, `replica-2`, … keeps the addresses the count gave. Default {}.",
      {
        validation: [
          {
            condition: `length(var.read_replicas) <= ${MAX_REPLICAS} && alltrue([for k, r in var.read_replicas : can(regex("^[a-z][a-z0-9-]{0,15}$", k)) && (r.availability_zone == null ? true : can(regex(${JSON.stringify(AZ_NAME)}, r.availability_zone)))])`,
            errorMessage: `read_replicas must map at most ${MAX_REPLICAS} names (1–16 of a-z, 0-9 and -, starting with a letter) to { availability_zone = null or an AZ name such as eu-north-1b }.`,
            // A Region instead of an Availability Zone.
            rejects: { value: { "replica-1": { availability_zone: "eu-north-1" } } },
          },
          {
            condition: `length(var.read_replicas) == 0 || (var.read_replica_count == 0 && !${IS_AURORA} && var.backup_retention_period > 0)`,
            errorMessage:
              "read_replicas needs read_replica_count = 0, an RDS engine (Aurora uses reader_count) and backup_retention_period of at least 1.",
            // Replicas both counted and named.
            rejects: {
              value: { "replica-1": { availability_zone: "eu-north-1b" } },
              alongside: { read_replica_count: 1 },
            },
          },
        ],
      },
    ),
    kms_key_arn: optional(
      tf.string,
      null,
      "KMS key for storage, the master secret, Performance Insights and replicas. Default null: " +
        "the module creates one (rotation on, 30-day deletion window, `alias/<name>-database`).",
      { validation: [optionalKeyArn("kms_key_arn")] },
    ),
    iam_database_authentication_enabled: optional(
      tf.bool,
      true,
      "Lets IAM principals connect with short-lived tokens (`rds-db:connect` on `resource_id`) " +
        "instead of passwords. Default true.",
    ),
    parameter_group_family: optional(
      tf.string,
      null,
      "Parameter group family. Default null: derived from engine and version (`postgres16`, " +
        "`mysql8.0`, `aurora-postgresql16`, `aurora-mysql8.0`).",
      {
        validation: [
          unlessNull(
            "parameter_group_family",
            "startswith(var.parameter_group_family, var.engine)",
            "parameter_group_family must be null or a family of the engine (e.g. postgres16 for postgres).",
            { value: "mysql8.0", alongside: { engine: "postgres" } },
          ),
        ],
      },
    ),
    parameters: optional(
      tf.map(tf.string),
      {},
      "Extra engine parameters (cluster parameters on Aurora), applied at the next reboot. " +
        "Default {}. The TLS parameter (`rds.force_ssl = 1` or `require_secure_transport = ON`) " +
        "always wins; the MySQL slow-log settings the log exports need may be overridden.",
    ),
    backup_retention_period: optional(
      tf.number,
      7,
      "Days of automated backups (point-in-time recovery), 0–35 on RDS and 1–35 on Aurora. " +
        "Default 7: a week to notice and undo a bad change; keep 7 or more in every environment.",
      {
        validation: [
          wholeRange("backup_retention_period", 0, 35),
          {
            condition: `var.backup_retention_period >= (${IS_AURORA} ? 1 : 0)`,
            errorMessage:
              "backup_retention_period must be at least 1 on Aurora (backups cannot be turned off).",
            rejects: { value: 0, alongside: AURORA_CALL },
          },
        ],
      },
    ),
    preferred_backup_window: optional(
      tf.string,
      "02:00-03:00",
      "Daily backup window, UTC `hh24:mi-hh24:mi`, at least 30 minutes, not overlapping the " +
        "maintenance window. Default 02:00-03:00 (night in Europe).",
      {
        validation: [
          validate.pattern(
            "preferred_backup_window",
            `^${HH_MM}-${HH_MM}$`,
            "hh24:mi-hh24:mi in UTC",
          ),
        ],
      },
    ),
    preferred_maintenance_window: optional(
      tf.string,
      "sun:03:30-sun:04:30",
      "Weekly maintenance window, UTC `ddd:hh24:mi-ddd:hh24:mi`, at least 30 minutes. Default " +
        "sun:03:30-sun:04:30, after the backup window.",
      {
        validation: [
          validate.pattern(
            "preferred_maintenance_window",
            `^${DAY}:${HH_MM}-${DAY}:${HH_MM}$`,
            "ddd:hh24:mi-ddd:hh24:mi in UTC, e.g. sun:03:30-sun:04:30",
          ),
        ],
      },
    ),
    enabled_cloudwatch_logs_exports: optional(
      tf.list(tf.string),
      null,
      `Logs exported to CloudWatch Logs. Default null: the engine's useful set (${ENGINES.map((e) => `${e} ${ENGINE_TRAITS[e].logExports.default.join("+")}`).join("; ")}). ` +
        "The module creates each log group first, with retention and encryption.",
      {
        validation: [
          unlessNull(
            "enabled_cloudwatch_logs_exports",
            `length(setsubtract(var.enabled_cloudwatch_logs_exports, lookup(${engineLiteral((t) => t.logExports.allowed)}, var.engine, []))) == 0`,
            `enabled_cloudwatch_logs_exports must be null or a subset of the engine's logs: ${ENGINES.map((e) => `${e} ${ENGINE_TRAITS[e].logExports.allowed.join(", ")}`).join("; ")}.`,
            // slowquery is a MySQL log.
            { value: ["postgresql", "slowquery"], alongside: { engine: "postgres" } },
          ),
        ],
      },
    ),
    log_retention_days: optional(
      tf.number,
      30,
      "Retention of the exported-log groups, in days. Default 30; production usually keeps longer.",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    log_kms_key_arn: optional(
      tf.string,
      null,
      "KMS key for the exported-log groups. Default null: the key the module creates; with your " +
        "own `kms_key_arn` and no `log_kms_key_arn`, CloudWatch Logs' own encryption. The key " +
        "policy must let `logs.<region>.amazonaws.com` use it.",
      { validation: [optionalKeyArn("log_kms_key_arn")] },
    ),
    deletion_protection: optional(
      tf.bool,
      true,
      "Refuse to delete the database (and its replicas) until this is turned off in a separate " +
        "apply. Default true; a final snapshot `<name>-final` is taken on deletion either way.",
    ),
    performance_insights_enabled: optional(
      tf.bool,
      true,
      "Performance Insights on every instance, encrypted with the module's key. Default true " +
        "(7 days are free); not available on micro and small classes.",
    ),
    performance_insights_retention_period: optional(
      tf.number,
      7,
      "Performance Insights retention in days: 7 (free tier, default), a multiple of 31 up to 713, or 731.",
      {
        validation: [
          {
            condition:
              "contains([7, 731], var.performance_insights_retention_period) || (var.performance_insights_retention_period % 31 == 0 && var.performance_insights_retention_period >= 31 && var.performance_insights_retention_period <= 713)",
            errorMessage:
              "performance_insights_retention_period must be 7, 731 or a multiple of 31 between 31 and 713.",
            // A month, but not a multiple of 31 days.
            rejects: { value: 30 },
          },
        ],
      },
    ),
    monitoring_interval: optional(
      tf.number,
      60,
      "Enhanced monitoring (OS metrics) interval in seconds; > 0 creates the monitoring role " +
        "`aws_iam_role.monitoring[0]`. Default 60; 0 turns it off.",
      { validation: [validate.oneOf("monitoring_interval", MONITORING_INTERVALS)] },
    ),
    allow_major_version_upgrade: optional(
      tf.bool,
      false,
      "Allow a major `engine_version` change (the parameter group is replaced with the new family " +
        "first). Default false, so a major upgrade is a deliberate two-line change.",
    ),
    apply_immediately: optional(
      tf.bool,
      false,
      "Apply modifications now instead of in the maintenance window. Default false: class and " +
        "storage changes can restart the database.",
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too); copied to snapshots.",
    ),
  },
  outputs: {
    endpoint: output(
      tf.string,
      "Writer hostname (no port): the Aurora cluster endpoint or the RDS instance address.",
    ),
    reader_endpoint: output(
      tf.string,
      "Read-only hostname: the Aurora reader endpoint, or the first RDS replica's address; null without replicas.",
    ),
    port: output(tf.number, "Database port."),
    master_secret_arn: output(
      tf.string,
      "Secrets Manager secret holding the master user's credentials (managed and rotated by RDS).",
    ),
    security_group_id: output(
      tf.string,
      "Security group of the database; allow egress to it on `port` from its clients.",
    ),
    identifier: output(
      tf.string,
      "DB instance identifier (RDS) or cluster identifier (Aurora), for alarms and dashboards.",
    ),
    resource_id: output(
      tf.string,
      "DbiResourceId (RDS) or cluster resource ID (Aurora): the `rds-db:connect` ARN of IAM authentication names it.",
    ),
    instance_identifiers: output(
      tf.list(tf.string),
      "Every DB instance: the RDS primary and replicas, or the Aurora writer and readers (for per-instance alarms).",
    ),
    replica_identifiers: output(
      tf.list(tf.string),
      "Instances that replicate: RDS read replicas or Aurora readers (for replica-lag alarms).",
    ),
    kms_key_arn: output(
      tf.string,
      "KMS key encrypting storage, the master secret and Performance Insights (grant `kms:Decrypt` to secret readers).",
    ),
    engine: output(tf.string, "The engine, as passed in."),
    database_name: output(tf.string, "The database created with the instance or cluster, or null."),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    engine: "postgres",
    engine_version: "16",
    instance_class: "db.r7g.large",
    vpc_id: "vpc-0123456789abcdef0",
    db_subnet_group_name: "shop-prod",
    availability_zones: ["eu-north-1a", "eu-north-1b", "eu-north-1c"],
    allowed_security_group_ids: {
      orders: "sg-0a1b2c3d4e5f60718",
      catalog: "sg-0b1c2d3e4f5a60719",
    },
    database_name: "shop",
    allocated_storage: 100,
    max_allocated_storage: 500,
    multi_az: true,
    read_replicas: { "replica-1": { availability_zone: "eu-north-1b" } },
    backup_retention_period: 14,
    log_retention_days: 365,
    deletion_protection: true,
    performance_insights_enabled: true,
    monitoring_interval: 30,
    tags: { DataClassification: "confidential" },
  },
  notes: DATABASE_NOTES,
});
