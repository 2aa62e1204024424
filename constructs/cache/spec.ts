import { moduleKeyInputs } from "../core/module-key";
import { defineModule, optional, output, required } from "../core/module-spec";
import { vpcIdInput } from "../core/common-inputs";
import { tf } from "../core/tf-types";
import { DATA_STORE_NAME_LENGTH, nameValidation, validate } from "../core/validations";

export const CACHE_ENGINES = ["redis", "valkey"] as const;
export const CACHE_PORT = 6379;
/** Clusters (primary + replicas) a cluster-mode-disabled replication group may have. */
export const MAX_CACHE_CLUSTERS = 6;
export const AUTH_TOKEN_UPDATE_STRATEGIES = ["ROTATE", "SET"] as const;

export const cacheSpec = defineModule({
  name: "cache",
  description:
    "A Redis OSS or Valkey ElastiCache replication group (cluster mode disabled) in private " +
    "subnets: encrypted at rest with KMS and in transit (TLS required), an AUTH token generated " +
    "inside Terraform and stored in Secrets Manager, optional replicas with Multi-AZ automatic " +
    "failover, daily snapshots, slow and engine logs to CloudWatch Logs, and a security group " +
    "that admits port 6379 only from the security groups you name.",
  inputs: {
    name: required(
      tf.string,
      "Replication group ID and prefix of every other name (subnet group, log groups, secret).",
      {
        validation: [
          nameValidation("name", DATA_STORE_NAME_LENGTH),
          {
            condition: '!strcontains(var.name, "--") && !endswith(var.name, "-")',
            errorMessage:
              "name must not contain -- or end with - (ElastiCache replication group ID rules).",
            rejects: { value: "shop-prod--sessions" },
          },
        ],
      },
    ),
    ...moduleKeyInputs(
      "the cache data, snapshots, the AUTH token secret and the log groups",
      "An existing key's policy must let `logs.<region>.amazonaws.com` use it for this module's " +
        "log groups.",
    ),
    vpc_id: vpcIdInput("VPC the cache's security group is created in."),
    subnet_ids: required(
      tf.list(tf.string),
      "Subnets of the cache subnet group: the vpc module's `database_subnet_ids` (no internet " +
        "route) or `private_subnet_ids`, one per AZ the nodes may use.",
      {
        validation: [
          {
            condition:
              'length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])',
            errorMessage: "subnet_ids must list at least one subnet ID (subnet-…).",
            rejects: { value: [] },
          },
        ],
      },
    ),
    allowed_security_group_ids: optional(
      tf.map(tf.string),
      {},
      `Security groups allowed to connect on port ${CACHE_PORT}, keyed by a stable name (the ` +
        "service name), which names the rule. Default: none, so nothing can connect until the " +
        "env stack names its clients.",
      {
        validation: [
          {
            condition:
              'alltrue([for k, id in var.allowed_security_group_ids : can(regex("^[a-z0-9][a-z0-9_-]*$", k)) && can(regex("^sg-[0-9a-f]{8,17}$", id))])',
            errorMessage:
              "allowed_security_group_ids must map names (a-z, 0-9, _ and -) to security group IDs (sg-…).",
            // A security group name instead of its ID.
            rejects: { value: { api: "sg-0a1b2c3d4e5f60718", worker: "shop-prod-worker" } },
          },
        ],
      },
    ),
    engine: optional(
      tf.string,
      "valkey",
      "Cache engine. Default `valkey`: the open-source successor of Redis OSS, wire-compatible " +
        "and cheaper on ElastiCache.",
      { validation: [validate.oneOf("engine", CACHE_ENGINES)] },
    ),
    engine_version: optional(
      tf.string,
      "8.0",
      "Engine version as `<major>.<minor>`, 7.0 or later (TLS-required mode needs 7). Default " +
        '8.0 (Valkey). With `engine = "redis"` use 7.0 or 7.1. A new major version gets a new ' +
        "parameter group.",
      {
        validation: [
          validate.pattern(
            "engine_version",
            "^[7-9]\\.[0-9]+$",
            "<major>.<minor> with major version 7 or later, such as 7.1 or 8.0",
          ),
          {
            condition: 'var.engine != "redis" || startswith(var.engine_version, "7.")',
            errorMessage:
              "engine_version for redis must be 7.x (ElastiCache's last Redis OSS major).",
            rejects: { value: "8.0", alongside: { engine: "redis" } },
          },
        ],
      },
    ),
    node_type: required(
      tf.string,
      "Node instance type, such as cache.t4g.small or cache.r7g.large.",
      {
        validation: [
          validate.pattern(
            "node_type",
            "^cache\\.[a-z0-9]+\\.[a-z0-9]+$",
            "a node type (cache.<family>.<size>)",
          ),
        ],
      },
    ),
    num_cache_clusters: optional(
      tf.number,
      2,
      `Nodes in the group: 1 primary plus replicas, 1 to ${MAX_CACHE_CLUSTERS}. Default 2, so a ` +
        "replica in another AZ can take over; dev may use 1.",
      {
        validation: [
          validate.range("num_cache_clusters", 1, MAX_CACHE_CLUSTERS),
          {
            condition: "floor(var.num_cache_clusters) == var.num_cache_clusters",
            errorMessage: "num_cache_clusters must be a whole number.",
            rejects: { value: 2.5 },
          },
        ],
      },
    ),
    automatic_failover_enabled: optional(
      tf.bool,
      true,
      "Promote a replica when the primary fails. Default true; needs `num_cache_clusters` >= 2.",
      {
        validation: [
          {
            condition: "!var.automatic_failover_enabled || var.num_cache_clusters >= 2",
            errorMessage:
              "automatic_failover_enabled needs num_cache_clusters >= 2 (a replica to promote).",
            // Multi-AZ off, or its own rule (which needs failover) breaks too.
            rejects: { value: true, alongside: { num_cache_clusters: 1, multi_az_enabled: false } },
          },
        ],
      },
    ),
    multi_az_enabled: optional(
      tf.bool,
      true,
      "Keep the primary and its replicas in different AZs and fail over across them. Default " +
        "true; needs `automatic_failover_enabled` and `num_cache_clusters` >= 2.",
      {
        validation: [
          {
            condition:
              "!var.multi_az_enabled || (var.automatic_failover_enabled && var.num_cache_clusters >= 2)",
            errorMessage:
              "multi_az_enabled needs automatic_failover_enabled = true and num_cache_clusters >= 2.",
            rejects: { value: true, alongside: { automatic_failover_enabled: false } },
          },
        ],
      },
    ),
    parameters: optional(
      tf.map(tf.string),
      {},
      "Engine parameters for the module's parameter group (e.g. `{ maxmemory-policy = " +
        '"allkeys-lru" }`). Default: none, the engine family\'s defaults.',
    ),
    snapshot_retention_limit: optional(
      tf.number,
      7,
      "Days of daily snapshots to keep, 0 to 35. Default 7; 0 turns snapshots off (dev only).",
      { validation: [validate.range("snapshot_retention_limit", 0, 35)] },
    ),
    snapshot_window: optional(
      tf.string,
      "03:00-04:00",
      "Daily UTC window for snapshots, `hh:mm-hh:mm`, at least 60 minutes, not overlapping the " +
        "maintenance window. Default 03:00-04:00.",
      {
        validation: [
          validate.pattern(
            "snapshot_window",
            "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$",
            "a UTC window hh:mm-hh:mm",
          ),
        ],
      },
    ),
    maintenance_window: optional(
      tf.string,
      "sun:04:30-sun:05:30",
      "Weekly UTC maintenance window, `ddd:hh:mm-ddd:hh:mm`. Default sun:04:30-sun:05:30, " +
        "after the snapshot window.",
      {
        validation: [
          validate.pattern(
            "maintenance_window",
            "^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$",
            "a lower-case UTC window ddd:hh:mm-ddd:hh:mm",
          ),
        ],
      },
    ),
    auth_token_update_strategy: optional(
      tf.string,
      "ROTATE",
      "How a new AUTH token is applied: `ROTATE` (old and new token both valid while clients " +
        "move over; default) or `SET` (only the current token valid, which finishes a " +
        "rotation). See the rotation steps in the README.",
      { validation: [validate.oneOf("auth_token_update_strategy", AUTH_TOKEN_UPDATE_STRATEGIES)] },
    ),
    log_retention_days: optional(
      tf.number,
      30,
      "Retention of the slow-log and engine-log groups, in days. Default 30.",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    apply_immediately: optional(
      tf.bool,
      false,
      "Apply modifications now instead of in the maintenance window. Default false: changes " +
        "that restart nodes wait for the window.",
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    primary_endpoint: output(tf.string, "Primary endpoint address (reads and writes), TLS."),
    reader_endpoint: output(
      tf.string,
      "Reader endpoint address, spread over the replicas (the primary when there are none).",
    ),
    port: output(tf.number, `Port clients connect to (${CACHE_PORT}).`),
    auth_secret_arn: output(
      tf.string,
      "Secrets Manager secret holding the AUTH token as a plain string: pass it to ECS " +
        "`secrets[].valueFrom`; the execution role also needs kms:Decrypt on `kms_key_arn`.",
    ),
    security_group_id: output(
      tf.string,
      `Security group of the cache; clients need egress to it on ${CACHE_PORT}.`,
    ),
    replication_group_id: output(tf.string, "ID of the replication group."),
    member_clusters: output(
      tf.list(tf.string),
      "IDs of the node clusters (CacheClusterId dimension of per-node CloudWatch alarms), sorted.",
    ),
    kms_key_arn: output(
      tf.string,
      "KMS key encrypting the cache, its snapshots, the AUTH secret and the logs (created here, or `kms_key_arn`).",
    ),
  },
  example: {
    name: "shop-prod-sessions",
    account_id: "123456789012",
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids: [
      "subnet-0a1b2c3d4e5f60718",
      "subnet-0b2c3d4e5f6071829",
      "subnet-0c3d4e5f607182930",
    ],
    allowed_security_group_ids: {
      api: "sg-0a1b2c3d4e5f60718",
      worker: "sg-0b2c3d4e5f6071829",
    },
    engine: "valkey",
    engine_version: "8.0",
    node_type: "cache.r7g.large",
    num_cache_clusters: 3,
    automatic_failover_enabled: true,
    multi_az_enabled: true,
    parameters: { "maxmemory-policy": "volatile-lru" },
    snapshot_retention_limit: 14,
    log_retention_days: 90,
    tags: { Component: "sessions" },
  },
  notes: `## Design notes

- **Encryption**: at rest with a customer-managed KMS key (the module's own, rotation on, unless
  \`kms_key_arn\` is given), which also encrypts snapshots, the AUTH token secret and both log
  groups. In transit: TLS with \`transit_encryption_mode = "required"\`, so plaintext connections
  are refused (clients connect with TLS to \`primary_endpoint\`).
- **AUTH token, generated offline**: the token is two \`uuid()\` values with the hyphens removed
  (64 hex characters, 244 random bits from a cryptographic generator), written to a
  KMS-encrypted Secrets Manager secret. No \`random\` provider (not in the offline mirror) and no
  data source that calls AWS are needed. \`uuid()\` changes on every plan, so the secret version
  ignores changes to \`secret_string\`, and the replication group's \`auth_token\` reads the
  stored version, not \`uuid()\`: after the first apply both are stable and plans are empty.
  The token is in the Terraform state (as any \`auth_token\` is); keep state encrypted and
  access-controlled.
- **Rotation**, reviewable in a plan and without downtime:
  1. With \`auth_token_update_strategy = "ROTATE"\` (the default; set it back in the same
     apply if the last rotation left it at \`SET\`), run
     \`terraform apply -replace='module.<name>.aws_secretsmanager_secret_version.auth_token'\`:
     a new secret version becomes \`AWSCURRENT\` and the group accepts both the old and the
     new token.
  2. Restart or redeploy the clients so they read the new secret version.
  3. Set \`auth_token_update_strategy = "SET"\` and apply: only the new token is accepted.
  The replication group does not ignore \`auth_token\` on purpose: the secret is the source of
  truth and every token change goes through a plan. ElastiCache never returns the token, so a
  change made outside Terraform would not show up as drift: rotate only this way.
- **Availability**: \`num_cache_clusters\` is one primary plus replicas. Automatic failover needs
  at least 2 nodes and Multi-AZ needs automatic failover; both are checked at plan time, so the
  error names the variables instead of surfacing from the API. Defaults are the production
  shape (2 nodes, failover and Multi-AZ on, 7 days of snapshots); dev sets 1 node and turns them
  off.
- **Network**: the subnet group uses the subnets you pass (the vpc module's database tier has no
  internet route). The security group admits TCP ${CACHE_PORT} only from
  \`allowed_security_group_ids\`, one described rule per name
  (\`aws_vpc_security_group_ingress_rule.clients["api"]\`), and has no egress rules: the cache
  never opens connections. Clients need an egress rule to \`security_group_id\` on ${CACHE_PORT}
  (the env stack adds it on the service side). The group uses \`name_prefix\` and
  \`create_before_destroy\`, so it can be replaced while attached.
- **Parameter group**: always the module's own (\`<name>-<family>\`, e.g. \`shop-prod-sessions-valkey8\`),
  so \`parameters\` can change in place; a major version upgrade creates the new family's group
  before the old one is deleted.
- **Logs**: slow log and engine log are delivered as JSON to \`/aws/elasticache/<name>/slow-log\`
  and \`/aws/elasticache/<name>/engine-log\` with explicit retention. CloudWatch Logs delivery
  uses a log resource policy for \`delivery.logs.amazonaws.com\` that AWS creates on first use;
  the applying role needs \`logs:PutResourcePolicy\`.
- **Alarms**: \`member_clusters\` lists the node IDs for per-node CPU, memory and eviction alarms.
- **Not included**: cluster mode (sharding), RBAC users (AUTH token only), global datastores,
  data tiering, a final snapshot on destroy, SNS notifications.`,
});
