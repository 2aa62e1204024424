import { Fn, Token } from "cdktf";
import { AppSecretsModule } from "../constructs/app-secrets";
import { CacheModule } from "../constructs/cache";
import { DatabaseModule } from "../constructs/database";
import { ENGINE_TRAITS } from "../constructs/database/engines";
import { EfsModule } from "../constructs/efs";
import { S3BucketModule } from "../constructs/s3-bucket";
import { DEFAULT_ENGINE_VERSION } from "../config/data-stores";
import type { Bucket, Cache, Database, FileSystem, Secret } from "../config/schema";
import { bucketVariable, NFS_PORT, STORE_BINDINGS } from "../config/store-bindings";
import { type Connectable, Connections } from "./connections";
import type { EnvironmentContext } from "./context";
import { deferred } from "./deferred";
import type { ServiceGrants, TaskStatement } from "./grants";
import type { NetworkPart } from "./network";

/** Tag the environment's AWS Backup plan selects resources by (see stacks/operations.ts). */
export const BACKUP_TAG = { Backup: "true" } as const;

/** The data part's contract: each store by config name. */
export interface DataPart {
  readonly databases: ReadonlyMap<string, DatabaseStore>;
  readonly caches: ReadonlyMap<string, CacheStore>;
  readonly fileSystems: ReadonlyMap<string, FileSystemStore>;
  readonly buckets: ReadonlyMap<string, BucketStore>;
  /** The application secrets; none when the config declares none. */
  readonly secrets?: SecretsStore;
}

/**
 * The environment's databases, caches and file systems, from its config. Each lives in the
 * database (RDS, ElastiCache) or private (EFS mount targets) subnets and admits only the
 * services that were granted access to it.
 */
export function addDataStores(ctx: EnvironmentContext, network: NetworkPart): DataPart {
  const { settings } = ctx.environment;
  const build = <C, S>(entries: Record<string, C> | undefined, make: (n: string, c: C) => S) =>
    new Map(Object.entries(entries ?? {}).map(([name, c]) => [name, make(name, c)]));
  return {
    databases: build(settings.databases, (n, c) => new DatabaseStore(ctx, network, n, c)),
    caches: build(settings.caches, (n, c) => new CacheStore(ctx, network, n, c)),
    fileSystems: build(settings.fileSystems, (n, c) => new FileSystemStore(ctx, network, n, c)),
    buckets: build(settings.buckets, (n, c) => new BucketStore(ctx, n, c)),
    ...(Object.keys(settings.secrets ?? {}).length > 0
      ? { secrets: new SecretsStore(ctx, settings.secrets!) }
      : {}),
  };
}

/** A database of the environment: its module call, who may reach it, and what it grants. */
export class DatabaseStore implements Connectable {
  readonly connections: Connections;
  readonly call: DatabaseModule;

  constructor(
    private readonly ctx: EnvironmentContext,
    network: NetworkPart,
    readonly name: string,
    readonly config: Database,
  ) {
    const { settings } = ctx.environment;
    const vpc = network.vpc.outputs;
    const db = config;
    const aurora = ENGINE_TRAITS[db.engine].aurora;
    const connections = new Connections(`database_${name}`, `database ${name}`);
    this.call = new DatabaseModule(ctx.scope, `database_${snake(name)}`, {
      source: ctx.moduleSource("database"),
      inputs: {
        name: `${ctx.namePrefix}-${name}`,
        account_id: settings.accountId,
        engine: db.engine,
        engine_version: db.engineVersion ?? DEFAULT_ENGINE_VERSION[db.engine]!,
        // With serverless_v2 set, the module makes every instance db.serverless itself.
        instance_class: db.instanceClass,
        serverless_v2: db.serverlessV2
          ? { min_capacity: db.serverlessV2.minCapacity, max_capacity: db.serverlessV2.maxCapacity }
          : null,
        vpc_id: vpc.vpc_id,
        db_subnet_group_name: vpc.database_subnet_group_name,
        availability_zones: [...ctx.environment.azs],
        allowed_security_group_ids: connections.ingressGroupIds(),
        database_name: db.databaseName ?? null,
        allocated_storage: db.allocatedStorage,
        max_allocated_storage: db.maxAllocatedStorage,
        storage_type: db.storageType ?? null,
        iops: db.iops ?? null,
        master_username: db.masterUsername ?? null,
        multi_az: db.multiAz,
        reader_count: aurora ? db.readers : null,
        ...readReplicaInputs(aurora ? 0 : db.readReplicas),
        backup_retention_period: db.backupRetentionDays,
        preferred_backup_window: db.backupWindow ?? null,
        preferred_maintenance_window: db.maintenanceWindow ?? null,
        deletion_protection: db.deletionProtection,
        performance_insights_enabled: db.performanceInsights,
        performance_insights_retention_period: db.performanceInsightsRetentionDays ?? null,
        monitoring_interval: db.monitoringInterval,
        log_retention_days: settings.logRetentionDays,
        tags: { ...BACKUP_TAG },
      },
    });
    this.connections = connections.bind(
      this.call.outputs.security_group_id,
      this.call.outputs.port,
    );
  }

  /**
   * Lets a service use the database: network access on its port, the connection settings,
   * the master credentials as secrets (one JSON key each) and, since the module turns IAM
   * authentication on, `rds-db:connect` as the database user named after the service.
   */
  grantConnect(service: ServiceGrants): void {
    const db = this.call.outputs;
    const { environment, secrets } = STORE_BINDINGS.database;
    const { region, accountId } = this.ctx.environment.settings;
    this.connections.allowFrom(service);
    service.addEnvironment({
      [environment.host]: db.endpoint,
      [environment.port]: Token.asString(db.port),
      [environment.name]: db.database_name,
    });
    // ECS reads one JSON key of the RDS-managed secret: <arn>:<key>:<stage>:<version>.
    for (const [variable, key] of Object.entries(secrets))
      service.addSecret(variable, `${db.master_secret_arn}:${key}::`, db.kms_key_arn);
    service.addTaskStatement({
      sid: `RdsConnect${pascal(this.name)}`,
      actions: ["rds-db:connect"],
      resources: [
        `arn:aws:rds-db:${region}:${accountId}:dbuser:${db.resource_id}/${databaseUser(service.name)}`,
      ],
    });
  }
}

/** A cache of the environment. */
export class CacheStore implements Connectable {
  readonly connections: Connections;
  readonly call: CacheModule;

  constructor(
    ctx: EnvironmentContext,
    network: NetworkPart,
    readonly name: string,
    cache: Cache,
  ) {
    const { settings } = ctx.environment;
    const vpc = network.vpc.outputs;
    const connections = new Connections(`cache_${name}`, `cache ${name}`);
    this.call = new CacheModule(ctx.scope, `cache_${snake(name)}`, {
      source: ctx.moduleSource("cache"),
      inputs: {
        name: `${ctx.namePrefix}-${name}`,
        account_id: settings.accountId,
        vpc_id: vpc.vpc_id,
        subnet_ids: vpc.database_subnet_ids,
        allowed_security_group_ids: connections.ingressGroupIds(),
        engine: cache.engine,
        ...(cache.engineVersion ? { engine_version: cache.engineVersion } : {}),
        node_type: cache.nodeType,
        num_cache_clusters: cache.nodes,
        automatic_failover_enabled: cache.multiAz,
        multi_az_enabled: cache.multiAz,
        snapshot_retention_limit: cache.snapshotRetentionDays,
        log_retention_days: settings.logRetentionDays,
      },
    });
    this.connections = connections.bind(
      this.call.outputs.security_group_id,
      this.call.outputs.port,
    );
  }

  /** Network access on the cache port, its endpoint settings and the AUTH token as a secret. */
  grantConnect(service: ServiceGrants): void {
    const cache = this.call.outputs;
    const { environment, secrets } = STORE_BINDINGS.cache;
    this.connections.allowFrom(service);
    service.addEnvironment({
      [environment.host]: cache.primary_endpoint,
      [environment.port]: Token.asString(cache.port),
    });
    for (const variable of Object.keys(secrets))
      service.addSecret(variable, cache.auth_secret_arn, cache.kms_key_arn);
  }
}

/** An EFS file system of the environment. */
export class FileSystemStore implements Connectable {
  readonly connections: Connections;
  readonly call: EfsModule;
  private readonly clients = new Map<string, ServiceGrants>();

  constructor(
    ctx: EnvironmentContext,
    network: NetworkPart,
    readonly name: string,
    fs: FileSystem,
  ) {
    const vpc = network.vpc.outputs;
    const connections = new Connections(`efs_${name}`, `file system ${name} (NFS)`);
    this.call = new EfsModule(ctx.scope, `file_system_${snake(name)}`, {
      source: ctx.moduleSource("efs"),
      inputs: {
        name: `${ctx.namePrefix}-${name}`,
        account_id: ctx.environment.settings.accountId,
        vpc_id: vpc.vpc_id,
        subnet_ids_by_az: vpc.private_subnets_by_az as unknown as Record<string, string>,
        allowed_security_group_ids: connections.ingressGroupIds(),
        access_points: fs.accessPoints,
        // The file system policy lets exactly the granted services' task roles mount it.
        client_role_arns: deferred.list(() => [...this.clients.values()].map((s) => s.taskRoleArn)),
        tags: { ...BACKUP_TAG },
      },
    });
    this.connections = connections.bind(this.call.outputs.security_group_id, NFS_PORT);
  }

  /** Mounts one access point into a service: NFS access, the volume, and the client role on the file system policy. */
  grantMount(
    service: ServiceGrants,
    mount: { accessPoint: string; containerPath: string; readOnly?: boolean | undefined },
  ): void {
    const fs = this.call.outputs;
    this.connections.allowFrom(service);
    this.clients.set(service.name, service);
    service.addVolume(`${this.name}-${mount.accessPoint}`, {
      file_system_id: fs.file_system_id,
      file_system_arn: fs.file_system_arn,
      access_point_id: Token.asString(Fn.lookup(fs.access_point_ids, mount.accessPoint)),
      access_point_arn: Token.asString(Fn.lookup(fs.access_point_arns, mount.accessPoint)),
      container_path: mount.containerPath,
      read_only: mount.readOnly ?? false,
    });
  }
}

/** A count stays `read_replica_count`; replicas by name become `read_replicas`. */
function readReplicaInputs(replicas: Database["readReplicas"]) {
  if (typeof replicas === "number") return { read_replica_count: replicas };
  return {
    read_replicas: Object.fromEntries(
      Object.entries(replicas).map(([name, r]) => [
        name,
        { availability_zone: r.availabilityZone ?? null },
      ]),
    ),
  };
}

/** What each access level of a bucket allows on its objects. */
const OBJECT_ACTIONS = {
  read: ["s3:GetObject", "s3:GetObjectVersion"],
  "read-write": [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:AbortMultipartUpload",
  ],
} as const;
/** What each access level needs of the bucket's key: decrypt to read, data keys to write. */
const KEY_ACTIONS = {
  read: ["kms:Decrypt"],
  "read-write": ["kms:Decrypt", "kms:GenerateDataKey"],
} as const;
type BucketAccess = keyof typeof OBJECT_ACTIONS;

/** An application bucket: private, versioned, encrypted with a key of its own. */
export class BucketStore {
  readonly call: S3BucketModule;

  constructor(
    ctx: EnvironmentContext,
    readonly name: string,
    config: Bucket,
  ) {
    const { accountId } = ctx.environment.settings;
    const lifecycle = config.lifecycle;
    this.call = new S3BucketModule(ctx.scope, `bucket_${snake(name)}`, {
      source: ctx.moduleSource("s3-bucket"),
      inputs: {
        // Bucket names are global: the account ID keeps them unique.
        bucket_name: `${ctx.namePrefix}-${name}-${accountId}`,
        account_id: accountId,
        create_kms_key: true,
        versioning: config.versioning ?? true,
        lifecycle_rules: [
          {
            id: lifecycle ? "objects" : "abort-incomplete-multipart-uploads",
            transitions: (lifecycle?.transitions ?? []).map((t) => ({
              days: t.days,
              storage_class: t.storageClass,
            })),
            expiration_days: lifecycle?.expirationDays ?? null,
            noncurrent_expiration_days: lifecycle?.noncurrentExpirationDays ?? null,
          },
        ],
      },
    });
  }

  /** Lets a service list the bucket and get its objects, decrypting with its key. */
  grantRead(service: ServiceGrants): void {
    this.grant(service, "read");
  }

  /** Lets a service also put and delete objects, with data keys from the bucket's key. */
  grantReadWrite(service: ServiceGrants): void {
    this.grant(service, "read-write");
  }

  /** Task-role statements on this bucket and its key only, and `BUCKET_<NAME>`. */
  private grant(service: ServiceGrants, access: BucketAccess): void {
    service.addEnvironment({ [bucketVariable(this.name)]: this.call.outputs.bucket_id });
    for (const statement of this.statements(access)) service.addTaskStatement(statement);
  }

  /** What `access` needs, on this bucket and its key only: for a task role or an instance role. */
  statements(access: BucketAccess): TaskStatement[] {
    const bucket = this.call.outputs;
    const id = pascal(this.name);
    return [
      { sid: `Bucket${id}List`, actions: ["s3:ListBucket"], resources: [bucket.bucket_arn] },
      {
        sid: `Bucket${id}Objects`,
        actions: [...OBJECT_ACTIONS[access]],
        resources: [`${bucket.bucket_arn}/*`],
      },
      { sid: `Bucket${id}Key`, actions: [...KEY_ACTIONS[access]], resources: [bucket.kms_key_arn] },
    ];
  }
}

/**
 * The application secrets of the environment, created empty by the app-secrets module; the
 * services that reference a secret are its only readers (the module's resource policy denies
 * everyone else).
 */
export class SecretsStore {
  readonly call: AppSecretsModule;
  /** Secret → reader name → the reader's role ARN (read at synth time). */
  private readonly readers = new Map<string, Map<string, () => string>>();

  constructor(ctx: EnvironmentContext, secrets: Readonly<Record<string, Secret>>) {
    this.call = new AppSecretsModule(ctx.scope, "app_secrets", {
      source: ctx.moduleSource("app-secrets"),
      inputs: {
        name: ctx.namePrefix,
        account_id: ctx.environment.settings.accountId,
        secrets: Object.fromEntries(
          Object.entries(secrets).map(([name, s]) => [name, { description: s.description }]),
        ),
        // The execution role injects the value when a task starts: it is the reader.
        readers: deferred.value(() =>
          Object.fromEntries(
            [...this.readers].map(([secret, roles]) => [
              secret,
              [...roles.values()].map((r) => r()),
            ]),
          ),
        ),
      },
    });
  }

  /** Injects a secret (or one `key` of a JSON secret) into a service as `variable`. */
  grantRead(service: ServiceGrants, variable: string, secret: string, key?: string): void {
    const out = this.call.outputs;
    const arn = Token.asString(Fn.lookup(out.secret_arns, secret));
    // ECS reads one JSON key of a secret as <arn>:<key>:<stage>:<version>.
    service.addSecret(variable, key === undefined ? arn : `${arn}:${key}::`, out.kms_key_arn);
    this.addReader(secret, service.name, () => service.executionRoleArn);
  }

  /**
   * Lets the application on instances read `secrets` itself (an app tier's instance role):
   * returns the role's statements (each secret, and the key once), and names the role in each
   * secret's resource policy.
   */
  grantReadToRole(
    reader: string,
    roleArn: () => string,
    secrets: readonly string[],
  ): TaskStatement[] {
    if (secrets.length === 0) return [];
    const out = this.call.outputs;
    for (const secret of secrets) this.addReader(secret, reader, roleArn);
    return [
      ...secrets.map((secret) => ({
        sid: `Secret${pascal(secret)}Read`,
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        resources: [Token.asString(Fn.lookup(out.secret_arns, secret))],
      })),
      { sid: "AppSecretsKey", actions: ["kms:Decrypt"], resources: [out.kms_key_arn] },
    ];
  }

  private addReader(secret: string, reader: string, roleArn: () => string): void {
    if (!this.readers.has(secret)) this.readers.set(secret, new Map());
    this.readers.get(secret)!.set(reader, roleArn);
  }
}

export const snake = (name: string) => name.replace(/-/g, "_");
const pascal = (name: string) =>
  name
    .split(/[-_]/)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");

/** The database user a service connects as with IAM authentication: its name in snake case. */
export const databaseUser = (service: string) => snake(service);
