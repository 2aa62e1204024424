import { ENGINE_TRAITS } from "../constructs/database/engines";
import { databaseSpec } from "../constructs/database/spec";
import { DEFAULT_ENGINE_VERSION, replicaNames } from "../config/data-stores";
import type { ResolvedEnvironment } from "../config/resolve";
import type { Database } from "../config/schema";
import { code, listing, plural, section, table, yesNo } from "./markdown";

/** The module's windows when the config names none. */
const DEFAULT_BACKUP_WINDOW = databaseSpec.inputs.preferred_backup_window.default!;
const DEFAULT_MAINTENANCE_WINDOW = databaseSpec.inputs.preferred_maintenance_window.default!;

/** `db.r6g.large` or `Serverless v2, 0.5–4 ACU`. */
export function databaseClass(db: Database): string {
  return db.serverlessV2
    ? `Serverless v2, ${db.serverlessV2.minCapacity}–${db.serverlessV2.maxCapacity} ACU`
    : code(db.instanceClass);
}

/** Copies beside the writer: a Multi-AZ standby, RDS replicas or Aurora readers. */
export function databaseCopies(db: Database): string {
  if (ENGINE_TRAITS[db.engine].aurora) return plural(db.readers, "reader");
  const replicas = replicaNames(db);
  const placed =
    typeof db.readReplicas === "number"
      ? replicas
      : replicas.map((r) => {
          const az = (db.readReplicas as Record<string, { availabilityZone?: string }>)[r]!
            .availabilityZone;
          return az ? `${r} in ${az}` : r;
        });
  return replicas.length === 0
    ? "none"
    : `${plural(replicas.length, "read replica")}: ${listing(placed)}`;
}

/** Databases, caches, file systems, buckets and application secrets, with effective settings. */
export function dataStoresSection(environment: ResolvedEnvironment): string {
  const { settings } = environment;
  const blocks: string[] = [];
  const databases = Object.entries(settings.databases ?? {});
  const consumers = (field: "database" | "cache", name: string) =>
    listing((settings.services ?? []).filter((s) => s[field] === name).map((s) => s.name));
  if (databases.length > 0)
    blocks.push(
      "Databases (in the database subnets; KMS-encrypted storage, TLS forced, IAM authentication, master password managed by RDS in Secrets Manager, final snapshot on delete):",
      table(
        [
          "database",
          "engine",
          "class",
          "storage",
          "Multi-AZ",
          "copies",
          "backups",
          "windows (UTC)",
          "deletion protection",
          "insights / monitoring",
          "used by",
        ],
        databases.map(([name, db]) => {
          const aurora = ENGINE_TRAITS[db.engine].aurora;
          return [
            name,
            `${db.engine} ${db.engineVersion ?? DEFAULT_ENGINE_VERSION[db.engine]}`,
            databaseClass(db),
            aurora
              ? "Aurora cluster volume"
              : `${db.storageType ?? "gp3"}, ${db.allocatedStorage} GiB${db.maxAllocatedStorage > 0 ? `, autoscaling to ${db.maxAllocatedStorage} GiB` : ""}${db.iops ? `, ${db.iops} IOPS` : ""}`,
            aurora ? "readers in other AZs" : yesNo(db.multiAz),
            databaseCopies(db),
            `${plural(db.backupRetentionDays, "day")} automated`,
            `backup ${db.backupWindow ?? DEFAULT_BACKUP_WINDOW}, maintenance ${db.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW}`,
            yesNo(db.deletionProtection),
            `${db.performanceInsights ? `Performance Insights ${db.performanceInsightsRetentionDays ?? 7} days` : "no Performance Insights"}, ${db.monitoringInterval === 0 ? "no enhanced monitoring" : `enhanced monitoring every ${db.monitoringInterval} s`}`,
            consumers("database", name),
          ];
        }),
      ),
    );
  const caches = Object.entries(settings.caches ?? {});
  if (caches.length > 0)
    blocks.push(
      "Caches (in the database subnets; encrypted at rest, TLS required, AUTH token in Secrets Manager):",
      table(
        ["cache", "engine", "node type", "nodes", "Multi-AZ failover", "snapshots", "used by"],
        caches.map(([name, c]) => [
          name,
          `${c.engine}${c.engineVersion ? ` ${c.engineVersion}` : ""}`,
          code(c.nodeType),
          `${c.nodes} (primary${c.nodes > 1 ? ` + ${plural(c.nodes - 1, "replica")}` : ""})`,
          yesNo(c.multiAz),
          c.snapshotRetentionDays === 0 ? "none" : `${plural(c.snapshotRetentionDays, "day")}`,
          consumers("cache", name),
        ]),
      ),
    );
  const fileSystems = Object.entries(settings.fileSystems ?? {});
  if (fileSystems.length > 0)
    blocks.push(
      "File systems (EFS, KMS-encrypted, mount targets in the private subnets, mounted only by the task roles granted below):",
      table(
        ["file system", "access point", "path", "owner uid:gid", "mounted by"],
        fileSystems.flatMap(([name, fs]) =>
          Object.entries(fs.accessPoints).map(([ap, a]) => [
            name,
            ap,
            code(a.path),
            `${a.uid}:${a.gid}`,
            listing(
              (settings.services ?? [])
                .filter((s) =>
                  (s.volumes ?? []).some((v) => v.fileSystem === name && v.accessPoint === ap),
                )
                .map((s) => s.name),
            ),
          ]),
        ),
      ),
    );
  const buckets = Object.entries(settings.buckets ?? {});
  if (buckets.length > 0)
    blocks.push(
      "Buckets (private, KMS key of their own, TLS only):",
      table(
        ["bucket", "versioning", "lifecycle", "used by"],
        buckets.map(([name, b]) => {
          const l = b.lifecycle;
          return [
            name,
            yesNo(b.versioning ?? true),
            l
              ? listing([
                  ...(l.transitions ?? []).map((t) => `${t.storageClass} after ${t.days} days`),
                  ...(l.expirationDays ? [`expire after ${l.expirationDays} days`] : []),
                  ...(l.noncurrentExpirationDays
                    ? [`old versions removed after ${l.noncurrentExpirationDays} days`]
                    : []),
                ])
              : "incomplete uploads cleaned up after 7 days",
            listing(
              (settings.services ?? []).flatMap((s) =>
                (s.buckets ?? [])
                  .filter((x) => x.bucket === name)
                  .map((x) => `${s.name} (${x.access})`),
              ),
            ),
          ];
        }),
      ),
    );
  const secrets = Object.entries(settings.secrets ?? {});
  if (secrets.length > 0)
    blocks.push(
      "Application secrets (created empty, a CMK of their own, readable only by the services that reference them):",
      table(
        ["secret", "holds", "read by"],
        secrets.map(([name, s]) => [
          name,
          s.description,
          listing(
            (settings.services ?? [])
              .filter((svc) =>
                Object.values(svc.secretRefs ?? {}).some(
                  (r) => (typeof r === "string" ? r : r.secret) === name,
                ),
              )
              .map((svc) => svc.name),
          ),
        ]),
      ),
    );
  return section("Data stores", ...(blocks.length > 0 ? blocks : ["None."]));
}
