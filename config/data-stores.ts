import { boundVariables } from "./store-bindings";
import { AURORA_ENGINES, ENGINE_TRAITS } from "../constructs/database/engines";
import { databaseSpec, IOPS_LIMITS, MIN_STORAGE } from "../constructs/database/spec";
import { DATA_STORE_NAME_LENGTH } from "../constructs/core/validations";
import {
  backupWindow,
  maintenanceWindow,
  MIN_WINDOW_MINUTES,
  spanMinutes,
  windowsOverlap,
} from "./maintenance-windows";
import { mergeLayers } from "./merge";
import { resolveAzs } from "./network-layout";
import type { Fail } from "./errors";
import type { CheckContext, ParsedSettings } from "./parsed";
import type { Database } from "./schema";

/** The version a database gets when it names none: the newest this project's module tests cover. */
export const DEFAULT_ENGINE_VERSION: Readonly<Record<string, string>> = {
  postgres: "16.4",
  "aurora-postgresql": "16.4",
  mysql: "8.0",
  "aurora-mysql": "8.0",
};

/** The RDS read replicas of a database by name, whether the config counts or names them. */
export function replicaNames(db: Pick<Database, "readReplicas">): string[] {
  const replicas = db.readReplicas;
  if (typeof replicas !== "number") return Object.keys(replicas);
  return Array.from({ length: replicas }, (_, i) => `replica-${i + 1}`);
}

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
export function checkDataStores({ settings, namePrefix, declared, fail }: CheckContext): void {
  const prod = settings.profile === "prod";
  const tierUsers = [
    ...[...declared.databases].map((n) => `databases.${n}`),
    ...[...declared.caches].map((n) => `caches.${n}`),
  ];
  if (settings.vpc?.databaseSubnets === false && tierUsers.length > 0) {
    fail(
      "vpc.databaseSubnets",
      false,
      `databases and caches live in the database subnets; turn the tier on or remove ${tierUsers.join(", ")}`,
    );
  }

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
    } else if (replicaNames(db).length > 0) {
      fail(
        `${at}.readReplicas`,
        db.readReplicas,
        `${db.engine} cannot have RDS read replicas; use readers (Aurora replicas) instead`,
      );
    }
    checkStorage(at, db, fail);
    checkWindows(at, db, fail);
    checkReplicaZones(at, db, settings, fail);
    const reserved = traits.reservedUsernames;
    if (db.masterUsername !== undefined && reserved.includes(db.masterUsername.toLowerCase())) {
      fail(
        `${at}.masterUsername`,
        db.masterUsername,
        `is reserved on ${db.engine}; reserved names: ${reserved.join(", ")}`,
      );
    }
    if (db.performanceInsightsRetentionDays !== undefined && !db.performanceInsights) {
      fail(
        `${at}.performanceInsightsRetentionDays`,
        db.performanceInsightsRetentionDays,
        "needs performanceInsights: true (Performance Insights is off for this database)",
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
    if (replicaNames(db).length > 0 && db.backupRetentionDays === 0) {
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
  for (const path of namePrefix === undefined ? [] : stores) {
    const store = path.split(".")[1]!;
    const name = `${namePrefix}-${store}`;
    if (name.length > DATA_STORE_NAME_LENGTH) {
      fail(
        path,
        store,
        `gives the resource name "${name}" (${name.length} characters); at most ${DATA_STORE_NAME_LENGTH}: shorten the project, environment or store name`,
      );
    }
  }

  // References are checked against what is declared: a declared store with errors of its own
  // is not reported again as missing.
  const known = (kind: string, names: ReadonlySet<string>) =>
    `no such ${kind}; declared: ${[...names].join(", ") || "(none)"}`;
  const fileSystems = settings.fileSystems ?? {};
  for (const service of settings.services ?? []) {
    const at = `services[${service.name}]`;
    if (service.database !== undefined && !declared.databases.has(service.database))
      fail(`${at}.database`, service.database, known("database", declared.databases));
    if (service.cache !== undefined && !declared.caches.has(service.cache))
      fail(`${at}.cache`, service.cache, known("cache", declared.caches));
    (service.volumes ?? []).forEach((v, i) => {
      const fs = fileSystems[v.fileSystem];
      if (!declared.fileSystems.has(v.fileSystem))
        fail(
          `${at}.volumes.${i}.fileSystem`,
          v.fileSystem,
          known("file system", declared.fileSystems),
        );
      else if (fs && !fs.accessPoints[v.accessPoint]) {
        fail(
          `${at}.volumes.${i}.accessPoint`,
          v.accessPoint,
          known(`access point of ${v.fileSystem}`, new Set(Object.keys(fs.accessPoints))),
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

/** Storage type and IOPS, against the limits the module checks (one table: `IOPS_LIMITS`). */
function checkStorage(at: string, db: Database, fail: Fail): void {
  const type = db.storageType ?? "gp3";
  if (ENGINE_TRAITS[db.engine].aurora) {
    for (const field of ["storageType", "iops"] as const)
      if (db[field] !== undefined)
        fail(`${at}.${field}`, db[field], `${db.engine} manages its own storage; remove it`);
    return;
  }
  const { provisioned, gp3 } = IOPS_LIMITS;
  if (type === "io1" || type === "io2") {
    const perGib = provisioned.perGib[type];
    if (db.iops === undefined)
      fail(
        `${at}.iops`,
        undefined,
        `is required with storageType ${type} (${provisioned.min}–${provisioned.max})`,
      );
    else if (db.iops < provisioned.min || db.iops > provisioned.max)
      fail(
        `${at}.iops`,
        db.iops,
        `must be between ${provisioned.min} and ${provisioned.max} for ${type}`,
      );
    else if (db.iops > db.allocatedStorage * perGib)
      fail(
        `${at}.iops`,
        db.iops,
        `exceeds ${perGib} IOPS per GiB of ${type} (allocatedStorage ${db.allocatedStorage}: at most ${db.allocatedStorage * perGib})`,
      );
    if (db.allocatedStorage < provisioned.minStorage)
      fail(
        `${at}.allocatedStorage`,
        db.allocatedStorage,
        `must be at least ${provisioned.minStorage} GiB with storageType ${type}`,
      );
  } else if (db.iops !== undefined && type === "gp2") {
    fail(`${at}.iops`, db.iops, "gp2 has no provisioned IOPS; use gp3, io1 or io2, or remove iops");
  } else if (db.iops !== undefined) {
    if (db.allocatedStorage < gp3.minStorage)
      fail(
        `${at}.iops`,
        db.iops,
        `gp3 takes IOPS only from ${gp3.minStorage} GiB (allocatedStorage is ${db.allocatedStorage}; below it gp3 has a fixed 3000)`,
      );
    else if (db.iops < gp3.min || db.iops > gp3.max)
      fail(`${at}.iops`, db.iops, `must be between ${gp3.min} and ${gp3.max} for gp3`);
  }
}

/** The backup and maintenance windows: at least 30 minutes each, never overlapping. */
function checkWindows(at: string, db: Database, fail: Fail): void {
  // The module's defaults, when the config leaves a window out.
  const { preferred_backup_window, preferred_maintenance_window } = databaseSpec.inputs;
  const backupText = db.backupWindow ?? preferred_backup_window.default!;
  const maintenanceText = db.maintenanceWindow ?? preferred_maintenance_window.default!;
  const backup = backupWindow(backupText);
  const maintenance = maintenanceWindow(maintenanceText);
  if (!backup || !maintenance) return; // the format has its own error
  const short = (field: string, text: string, minutes: number) =>
    fail(
      `${at}.${field}`,
      text,
      `lasts ${minutes} minutes; RDS needs at least ${MIN_WINDOW_MINUTES}`,
    );
  if (spanMinutes(backup) < MIN_WINDOW_MINUTES)
    short("backupWindow", backupText, spanMinutes(backup));
  if (spanMinutes(maintenance) < MIN_WINDOW_MINUTES)
    short("maintenanceWindow", maintenanceText, spanMinutes(maintenance));
  if (windowsOverlap(backup, maintenance)) {
    const field = db.maintenanceWindow !== undefined ? "maintenanceWindow" : "backupWindow";
    fail(
      `${at}.${field}`,
      field === "maintenanceWindow" ? maintenanceText : backupText,
      `overlaps the ${field === "maintenanceWindow" ? `backup window ${backupText}` : `maintenance window ${maintenanceText}`} (the backup window recurs daily); move one of them`,
    );
  }
}

/** Named replicas may name only the environment's own AZs. */
function checkReplicaZones(at: string, db: Database, settings: ParsedSettings, fail: Fail): void {
  if (typeof db.readReplicas === "number" || !settings.vpc || !settings.region) return;
  const azs = resolveAzs({ vpc: settings.vpc, region: settings.region });
  for (const [name, replica] of Object.entries(db.readReplicas)) {
    const az = replica.availabilityZone;
    if (az !== undefined && !azs.includes(az))
      fail(
        `${at}.readReplicas.${name}.availabilityZone`,
        az,
        `is not one of the environment's AZs: ${azs.join(", ")}`,
      );
  }
}

/** Variables the wiring gives a service that uses a database or a cache. */
export const DATABASE_ENV = boundVariables("database");
export const CACHE_ENV = boundVariables("cache");
