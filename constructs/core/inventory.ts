import { optional, VariableValidation } from "./module-spec";
import { tf } from "./tf-types";

/**
 * What an environment runs, as CloudWatch sees it: the inventory the `monitoring` module
 * derives alarms from and the `dashboard` module draws widgets from. Both take the same
 * variables, so an env root builds the maps once (from the alb, ecs-service, api-gateway,
 * database and cache modules' outputs) and passes them to both.
 *
 * Every map is keyed by a stable name (the service or resource name in the config); keys
 * become resource keys (`aws_cloudwatch_metric_alarm.ecs_cpu_critical["eshop"]`), so adding
 * an entry never moves another entry's alarms.
 */
export const DB_KINDS = ["instance", "cluster"] as const;
export type DbKind = (typeof DB_KINDS)[number];

/** ElastiCache member nodes one alarm can watch: metric math takes at most 10 metrics. */
export const MAX_CACHE_MEMBERS = 10;

/** Inventory keys: also CloudWatch alarm-name parts, and `/` joins flattened keys. */
const KEY_PATTERN = "^[a-z0-9][a-z0-9_-]{0,47}$";

const alb = tf.object({
  arn_suffix: tf.string,
  target_groups: tf.optional(tf.map(tf.string), {}),
});
const ecsService = tf.object({
  cluster_name: tf.string,
  service_name: tf.string,
  min_running: tf.number,
});
const api = tf.object({ api_id: tf.string, stage: tf.optional(tf.string, "$default") });
const database = tf.object({
  identifier: tf.string,
  kind: tf.string,
  max_connections: tf.number,
  has_replicas: tf.bool,
  allocated_storage_gb: tf.optional(tf.number),
  replica_identifiers: tf.optional(tf.list(tf.string), []),
});
const DB_EXAMPLE = {
  identifier: "shop",
  kind: "instance",
  max_connections: 100,
  has_replicas: false,
};
const cache = tf.object({ replication_group_id: tf.string, member_clusters: tf.list(tf.string) });

/** The map's keys are inventory keys; `entry` is a valid entry, for the key it refuses. */
const keysOf = (variable: string, entry: object): VariableValidation => ({
  condition: `alltrue([for k in keys(var.${variable}) : can(regex(${JSON.stringify(KEY_PATTERN)}, k))])`,
  errorMessage: `${variable} keys must be 1–48 characters of a-z, 0-9, _ and -, starting with a letter or digit.`,
  rejects: { value: { "Not a key!": entry } },
});

/** Every entry of the map passes `check`, an HCL expression over `v`; `bad` is one that fails. */
const everyEntry = (
  variable: string,
  check: string,
  errorMessage: string,
  bad: object,
): VariableValidation => ({
  condition: `alltrue([for v in values(var.${variable}) : ${check}])`,
  errorMessage,
  rejects: { value: { bad } },
});

const matches = (pattern: string, value: string) =>
  `can(regex(${JSON.stringify(pattern)}, ${value}))`;

/** The five inventory variables, with their validations; every map defaults to empty. */
export const inventoryInputs = {
  albs: optional(
    tf.map(alb),
    {},
    "Application Load Balancers keyed by a stable name: `arn_suffix` is the ALB's ARN suffix " +
      "(`app/<name>/<id>`, the alb module's `arn_suffix` output) and `target_groups` maps a " +
      "target group name (the service key, as in the alb module's `target_group_arn_suffixes` " +
      "output) to its ARN suffix (`targetgroup/<name>/<id>`). Default: none.",
    {
      validation: [
        keysOf("albs", { arn_suffix: "app/shop/0123abcd", target_groups: {} }),
        everyEntry(
          "albs",
          `${matches("^app/[^/]+/[0-9a-f]+$", "v.arn_suffix")} && alltrue([for k, s in v.target_groups : ${matches(KEY_PATTERN, "k")} && ${matches("^targetgroup/[^/]+/[0-9a-f]+$", "s")}])`,
          "albs: arn_suffix must read app/<name>/<id>, target_groups keys must be names like the inventory keys and their values must read targetgroup/<name>/<id>.",
          { arn_suffix: "shop", target_groups: {} },
        ),
      ],
    },
  ),
  ecs_services: optional(
    tf.map(ecsService),
    {},
    "ECS services keyed by the service key of the config: cluster name, service name, and " +
      "`min_running`, the fewest running tasks that is still healthy (0 turns the running-task " +
      "alarm off, e.g. for a dev service scaled to zero at night). Default: none.",
    {
      validation: [
        keysOf("ecs_services", { cluster_name: "shop", service_name: "api", min_running: 1 }),
        everyEntry(
          "ecs_services",
          "v.min_running >= 0 && floor(v.min_running) == v.min_running && length(v.cluster_name) > 0 && length(v.service_name) > 0",
          "ecs_services: cluster_name and service_name must be set and min_running must be a whole number >= 0.",
          { cluster_name: "shop", service_name: "api", min_running: -1 },
        ),
      ],
    },
  ),
  apis: optional(
    tf.map(api),
    {},
    'API Gateway HTTP APIs keyed by a stable name: `api_id` and `stage` (default `"$default"`). Default: none.',
    {
      validation: [
        keysOf("apis", { api_id: "a1b2c3d4e5", stage: "$default" }),
        everyEntry(
          "apis",
          `${matches("^[a-z0-9]{10}$", "v.api_id")} && length(v.stage) > 0`,
          "apis: api_id must be an API Gateway ID (10 characters of a-z and 0-9) and stage must not be empty.",
          { api_id: "short", stage: "$default" },
        ),
      ],
    },
  ),
  databases: optional(
    tf.map(database),
    {},
    "RDS instances and Aurora clusters keyed by a stable name: `identifier` (DB instance " +
      'identifier, or cluster identifier when `kind = "cluster"`), `kind` (`instance` or ' +
      "`cluster`), `max_connections` (the engine's limit, for the connections alarm in %), " +
      "`has_replicas`, `allocated_storage_gb` (instances: the free-storage alarm is then a % of " +
      "it, else an absolute size) and `replica_identifiers` (instances with read replicas: the " +
      "replicas report the lag; clusters report it themselves). Default: none.",
    {
      validation: [
        keysOf("databases", DB_EXAMPLE),
        everyEntry(
          "databases",
          `contains(${JSON.stringify(DB_KINDS)}, v.kind)`,
          `databases: kind must be one of ${DB_KINDS.join(", ")}.`,
          { ...DB_EXAMPLE, kind: "aurora" },
        ),
        everyEntry(
          "databases",
          `${matches("^[a-zA-Z][a-zA-Z0-9-]{0,62}$", "v.identifier")} && v.max_connections > 0 && (v.allocated_storage_gb == null ? true : v.allocated_storage_gb > 0)`,
          "databases: identifier must be an RDS identifier (a letter, then up to 62 letters, digits and -), max_connections > 0, and allocated_storage_gb null or > 0.",
          { ...DB_EXAMPLE, max_connections: 0 },
        ),
        everyEntry(
          "databases",
          'v.kind == "cluster" || !v.has_replicas || length(v.replica_identifiers) > 0',
          "databases: an instance with has_replicas = true must list its replica_identifiers (the replicas, not the primary, report ReplicaLag).",
          { ...DB_EXAMPLE, has_replicas: true },
        ),
      ],
    },
  ),
  caches: optional(
    tf.map(cache),
    {},
    "ElastiCache replication groups keyed by a stable name: the replication group ID and its " +
      "member cluster IDs (the cache module's `member_clusters` output; at most " +
      `${MAX_CACHE_MEMBERS}). Default: none.`,
    {
      validation: [
        keysOf("caches", { replication_group_id: "shop", member_clusters: ["shop-001"] }),
        everyEntry(
          "caches",
          `length(v.member_clusters) >= 1 && length(v.member_clusters) <= ${MAX_CACHE_MEMBERS}`,
          `caches: member_clusters must list between 1 and ${MAX_CACHE_MEMBERS} member clusters.`,
          { replication_group_id: "shop", member_clusters: [] },
        ),
      ],
    },
  ),
};

/** A realistic inventory (reference architecture 002 plus an Aurora cluster and a cache), for module examples. */
export const inventoryExample = {
  albs: {
    internal: {
      arn_suffix: "app/shop-prod-internal/0123456789abcdef",
      target_groups: {
        eshop: "targetgroup/shop-prod-eshop/0123456789abcdef",
        pharmacy: "targetgroup/shop-prod-pharmacy/1123456789abcdef",
        doctor: "targetgroup/shop-prod-doctor/2123456789abcdef",
      },
    },
  },
  ecs_services: {
    eshop: { cluster_name: "shop-prod", service_name: "shop-prod-eshop", min_running: 2 },
    pharmacy: { cluster_name: "shop-prod", service_name: "shop-prod-pharmacy", min_running: 2 },
    doctor: { cluster_name: "shop-prod", service_name: "shop-prod-doctor", min_running: 2 },
  },
  apis: { public: { api_id: "a1b2c3d4e5" } },
  databases: {
    main: {
      identifier: "shop-prod-main",
      kind: "instance",
      max_connections: 400,
      has_replicas: true,
      allocated_storage_gb: 100,
      replica_identifiers: ["shop-prod-main-replica-1"],
    },
    reporting: {
      identifier: "shop-prod-reporting",
      kind: "cluster",
      max_connections: 1000,
      has_replicas: true,
    },
  },
  caches: {
    sessions: {
      replication_group_id: "shop-prod-sessions",
      member_clusters: ["shop-prod-sessions-001", "shop-prod-sessions-002"],
    },
  },
};

/**
 * Locals both modules derive from the inventory (HCL expressions): every target group of every
 * ALB keyed `<alb>/<target group>`, so per-target-group resources stay keyed by stable names.
 */
export const inventoryLocals = {
  target_groups:
    '{ for tg in flatten([for alb_key, alb in var.albs : [for tg_key, tg_suffix in alb.target_groups : { key = format("%s/%s", alb_key, tg_key), alb = alb_key, name = tg_key, load_balancer = alb.arn_suffix, target_group = tg_suffix }]]) : tg.key => tg }',
};

/** The CloudWatch dimension naming a database of the inventory (HCL over a `databases` entry). */
export const dbDimensionName = (entry: string) =>
  `(${entry}.kind == "cluster" ? "DBClusterIdentifier" : "DBInstanceIdentifier")`;
