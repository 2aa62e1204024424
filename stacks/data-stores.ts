import { Lazy } from "cdktf";
import { CacheModule } from "../constructs/cache";
import { DatabaseModule } from "../constructs/database";
import { ENGINE_TRAITS } from "../constructs/database/engines";
import { EfsModule } from "../constructs/efs";
import { DEFAULT_ENGINE_VERSION } from "../config/data-stores";
import type { EnvironmentStack } from "./environment-stack";
import type { Network } from "./network";

/** Tag the environment's AWS Backup plan selects resources by (see stacks/operations.ts). */
export const BACKUP_TAG = { Backup: "true" } as const;

/**
 * Who may reach a data store. Services register here as they are wired; the store's module
 * call reads the final list lazily, at synth time, so declaration order does not matter.
 */
class Clients {
  private readonly byStore = new Map<string, Map<string, string>>();

  add(store: string, client: string, value: string): void {
    if (!this.byStore.has(store)) this.byStore.set(store, new Map());
    this.byStore.get(store)!.set(client, value);
  }

  map(store: string): Record<string, string> {
    return Lazy.anyValue({
      produce: () => Object.fromEntries(this.byStore.get(store) ?? []),
    }) as unknown as Record<string, string>;
  }

  list(store: string): string[] {
    return Lazy.listValue({ produce: () => [...(this.byStore.get(store)?.values() ?? [])] });
  }
}

export type DataStores = ReturnType<typeof addDataStores>;

/**
 * The environment's databases, caches and file systems, from its config. Each lives in the
 * database (RDS, ElastiCache) or private (EFS mount targets) subnets, and admits only the
 * security groups of the services that declared it.
 */
export function addDataStores(stack: EnvironmentStack, network: Network) {
  const { settings } = stack.environment;
  const prefix = stack.namePrefix;
  const vpc = network.vpc.outputs;
  const securityGroups = new Clients();
  const fileSystemRoles = new Clients();

  const databases = new Map<string, DatabaseModule>();
  for (const [name, db] of Object.entries(settings.databases ?? {})) {
    const aurora = ENGINE_TRAITS[db.engine].aurora;
    databases.set(
      name,
      new DatabaseModule(stack, `database_${snake(name)}`, {
        source: stack.moduleSource("database"),
        inputs: {
          name: `${prefix}-${name}`,
          account_id: settings.accountId,
          engine: db.engine,
          engine_version: db.engineVersion ?? DEFAULT_ENGINE_VERSION[db.engine]!,
          instance_class: db.serverlessV2 ? "db.serverless" : db.instanceClass,
          serverless_v2: db.serverlessV2
            ? {
                min_capacity: db.serverlessV2.minCapacity,
                max_capacity: db.serverlessV2.maxCapacity,
              }
            : null,
          vpc_id: vpc.vpc_id,
          db_subnet_group_name: vpc.database_subnet_group_name,
          availability_zones: [...stack.environment.azs],
          allowed_security_group_ids: securityGroups.map(`database:${name}`),
          database_name: db.databaseName ?? null,
          allocated_storage: db.allocatedStorage,
          max_allocated_storage: db.maxAllocatedStorage,
          multi_az: db.multiAz,
          reader_count: aurora ? db.readers : null,
          read_replica_count: aurora ? 0 : db.readReplicas,
          backup_retention_period: db.backupRetentionDays,
          deletion_protection: db.deletionProtection,
          performance_insights_enabled: db.performanceInsights,
          monitoring_interval: db.monitoringInterval,
          log_retention_days: settings.logRetentionDays,
          tags: { ...BACKUP_TAG },
        },
      }),
    );
  }

  const caches = new Map<string, CacheModule>();
  for (const [name, cache] of Object.entries(settings.caches ?? {})) {
    caches.set(
      name,
      new CacheModule(stack, `cache_${snake(name)}`, {
        source: stack.moduleSource("cache"),
        inputs: {
          name: `${prefix}-${name}`,
          account_id: settings.accountId,
          vpc_id: vpc.vpc_id,
          subnet_ids: vpc.database_subnet_ids,
          allowed_security_group_ids: securityGroups.map(`cache:${name}`),
          engine: cache.engine,
          ...(cache.engineVersion ? { engine_version: cache.engineVersion } : {}),
          node_type: cache.nodeType,
          num_cache_clusters: cache.nodes,
          automatic_failover_enabled: cache.multiAz,
          multi_az_enabled: cache.multiAz,
          snapshot_retention_limit: cache.snapshotRetentionDays,
          log_retention_days: settings.logRetentionDays,
        },
      }),
    );
  }

  const fileSystems = new Map<string, EfsModule>();
  for (const [name, fs] of Object.entries(settings.fileSystems ?? {})) {
    fileSystems.set(
      name,
      new EfsModule(stack, `file_system_${snake(name)}`, {
        source: stack.moduleSource("efs"),
        inputs: {
          name: `${prefix}-${name}`,
          account_id: settings.accountId,
          vpc_id: vpc.vpc_id,
          subnet_ids_by_az: vpc.private_subnets_by_az as unknown as Record<string, string>,
          allowed_security_group_ids: securityGroups.map(`efs:${name}`),
          access_points: fs.accessPoints,
          client_role_arns: fileSystemRoles.list(`efs:${name}`),
          tags: { ...BACKUP_TAG },
        },
      }),
    );
  }

  return {
    databases,
    caches,
    fileSystems,
    /** Lets `client` (a service) reach a store: its SG is admitted, and for EFS its role may mount. */
    allow(
      store: `${"database" | "cache" | "efs"}:${string}`,
      client: string,
      securityGroupId: string,
      roleArn?: string,
    ) {
      securityGroups.add(store, client, securityGroupId);
      if (roleArn) fileSystemRoles.add(store, client, roleArn);
    },
  };
}

export const snake = (name: string) => name.replace(/-/g, "_");
