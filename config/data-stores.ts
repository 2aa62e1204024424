import { AURORA_ENGINES, ENGINE_TRAITS } from "../constructs/database/engines";
import { MIN_STORAGE } from "../constructs/database/spec";
import { DATA_STORE_NAME_LENGTH } from "../constructs/core/validations";
import { ConfigError, failInto } from "./errors";
import { mergeLayers } from "./merge";
import type { EnvironmentSettings } from "./schema";

/** The version a database gets when it names none: the newest this project's module tests cover. */
export const DEFAULT_ENGINE_VERSION: Readonly<Record<string, string>> = {
  postgres: "16.4",
  "aurora-postgresql": "16.4",
  mysql: "8.0",
  "aurora-mysql": "8.0",
};

/** Fills each database and cache from its `…Defaults` block before the schema sees it. */
export function expandDataStores(merged: Record<string, unknown>): Record<string, unknown> {
  const fill = (key: string, defaultsKey: string) => {
    const stores = merged[key];
    if (stores === null || typeof stores !== "object" || Array.isArray(stores)) return stores;
    return Object.fromEntries(
      Object.entries(stores).map(([name, store]) => [
        name,
        mergeLayers(merged[defaultsKey], store),
      ]),
    );
  };
  return {
    ...merged,
    databases: fill("databases", "databaseDefaults"),
    caches: fill("caches", "cacheDefaults"),
  };
}

/** Checks on databases, caches and file systems, and on what services reference. */
export function checkDataStores(
  env: string,
  project: string,
  settings: EnvironmentSettings,
  errors: ConfigError[],
): void {
  const fail = failInto(errors, env);
  const prod = settings.profile === "prod";

  for (const [name, db] of Object.entries(settings.databases ?? {})) {
    const at = `databases.${name}`;
    const traits = ENGINE_TRAITS[db.engine];
    const version = db.engineVersion ?? DEFAULT_ENGINE_VERSION[db.engine]!;
    if (!new RegExp(traits.versionPattern).test(version)) {
      fail(
        `${at}.engineVersion`,
        db.engineVersion,
        `does not match engine ${db.engine}; allowed: ${traits.versionHint}`,
      );
    }
    if (db.serverlessV2) {
      if (!traits.aurora)
        fail(
          `${at}.serverlessV2`,
          db.serverlessV2,
          `needs an Aurora engine (${AURORA_ENGINES.join(", ")})`,
        );
      if (db.serverlessV2.minCapacity > db.serverlessV2.maxCapacity) {
        fail(
          `${at}.serverlessV2.minCapacity`,
          db.serverlessV2.minCapacity,
          `must not exceed maxCapacity (${db.serverlessV2.maxCapacity})`,
        );
      }
    }
    if (!traits.aurora) {
      if (db.allocatedStorage < MIN_STORAGE)
        fail(
          `${at}.allocatedStorage`,
          db.allocatedStorage,
          `is below the ${db.engine} minimum of ${MIN_STORAGE} GiB`,
        );
      if (db.maxAllocatedStorage !== 0 && db.maxAllocatedStorage <= db.allocatedStorage) {
        fail(
          `${at}.maxAllocatedStorage`,
          db.maxAllocatedStorage,
          `must be 0 (no autoscaling) or above allocatedStorage (${db.allocatedStorage})`,
        );
      }
    } else if (db.readReplicas > 0) {
      fail(
        `${at}.readReplicas`,
        db.readReplicas,
        `${db.engine} cannot have RDS read replicas; use readers (Aurora replicas) instead`,
      );
    }
    if (db.backupRetentionDays < 0 || db.backupRetentionDays > 35) {
      fail(`${at}.backupRetentionDays`, db.backupRetentionDays, "must be between 0 and 35 days");
    } else if (prod && db.backupRetentionDays < 7) {
      fail(
        `${at}.backupRetentionDays`,
        db.backupRetentionDays,
        "must be at least 7 days in prod (0 turns backups off)",
      );
    } else if (traits.aurora && db.backupRetentionDays < 1) {
      fail(
        `${at}.backupRetentionDays`,
        db.backupRetentionDays,
        "Aurora keeps at least 1 day of backups",
      );
    }
    if (db.readReplicas > 0 && db.backupRetentionDays === 0) {
      fail(
        `${at}.readReplicas`,
        db.readReplicas,
        "read replicas need automated backups (backupRetentionDays ≥ 1)",
      );
    }
  }

  for (const [name, cache] of Object.entries(settings.caches ?? {})) {
    if (cache.multiAz && cache.nodes < 2) {
      fail(
        `caches.${name}.multiAz`,
        cache.multiAz,
        `needs at least 2 nodes for failover (nodes = ${cache.nodes})`,
      );
    }
  }

  const stores = [
    ...Object.keys(settings.databases ?? {}).map((n) => `databases.${n}`),
    ...Object.keys(settings.caches ?? {}).map((n) => `caches.${n}`),
    ...Object.keys(settings.fileSystems ?? {}).map((n) => `fileSystems.${n}`),
  ];
  for (const path of stores) {
    const store = path.split(".")[1]!;
    const name = `${project}-${env}-${store}`;
    if (name.length > DATA_STORE_NAME_LENGTH) {
      fail(
        path,
        store,
        `gives the resource name "${name}" (${name.length} characters); at most ${DATA_STORE_NAME_LENGTH}: shorten the project, environment or store name`,
      );
    }
  }

  const known = (kind: string, names: string[]) =>
    `no such ${kind}; declared: ${names.join(", ") || "(none)"}`;
  const databases = Object.keys(settings.databases ?? {});
  const caches = Object.keys(settings.caches ?? {});
  const fileSystems = settings.fileSystems ?? {};
  for (const service of settings.services ?? []) {
    const at = `services[${service.name}]`;
    if (service.database !== undefined && !databases.includes(service.database))
      fail(`${at}.database`, service.database, known("database", databases));
    if (service.cache !== undefined && !caches.includes(service.cache))
      fail(`${at}.cache`, service.cache, known("cache", caches));
    (service.volumes ?? []).forEach((v, i) => {
      const fs = fileSystems[v.fileSystem];
      if (!fs)
        fail(
          `${at}.volumes.${i}.fileSystem`,
          v.fileSystem,
          known("file system", Object.keys(fileSystems)),
        );
      else if (!fs.accessPoints[v.accessPoint]) {
        fail(
          `${at}.volumes.${i}.accessPoint`,
          v.accessPoint,
          known(`access point of ${v.fileSystem}`, Object.keys(fs.accessPoints)),
        );
      }
    });
    const reserved = [
      ...(service.database ? DATABASE_ENV : []),
      ...(service.cache ? CACHE_ENV : []),
    ];
    for (const key of Object.keys({ ...service.environment, ...service.secrets })) {
      if (reserved.includes(key)) {
        const owner = DATABASE_ENV.includes(key) ? "database" : "cache";
        fail(
          `${at}.environment.${key}`,
          key,
          `is set by the ${owner} wiring; remove it or rename it`,
        );
      }
    }
  }
}

/** Variables the wiring gives a service that uses a database or a cache. */
export const DATABASE_ENV = ["DB_HOST", "DB_PORT", "DB_NAME", "DB_USERNAME", "DB_PASSWORD"];
export const CACHE_ENV = ["REDIS_HOST", "REDIS_PORT", "REDIS_AUTH_TOKEN"];
