/**
 * What differs between the four engines, in one table. The module renders it into
 * `local.engines` and the variable validations into literal maps (a validation cannot read a
 * local), so a fact about an engine is written once.
 */
export const ENGINES = ["postgres", "mysql", "aurora-postgresql", "aurora-mysql"] as const;
export type Engine = (typeof ENGINES)[number];

export interface EngineTraits {
  /** Aurora cluster (`aws_rds_cluster`) rather than an RDS instance (`aws_db_instance`). */
  readonly aurora: boolean;
  readonly port: number;
  /** `engine_version` regex (RE2, no `\d`: the pattern is embedded in HCL strings). */
  readonly versionPattern: string;
  readonly versionHint: string;
  /** How many leading version components name the parameter group family (`postgres16`, `mysql8.0`). */
  readonly familyParts: number;
  readonly logExports: { readonly allowed: readonly string[]; readonly default: readonly string[] };
  /** Parameters that make the default log exports carry data; callers may override them. */
  readonly logParameters: Readonly<Record<string, string>>;
  /** Parameters that refuse unencrypted connections; applied last, so never overridden. */
  readonly tlsParameters: Readonly<Record<string, string>>;
  /**
   * Master user names RDS refuses or that collide with the engine's own roles (lower case).
   * `admin` is not among them: RDS for MySQL accepts it (it is the console's default).
   */
  readonly reservedUsernames: readonly string[];
}

// RDS's own accounts on every engine.
const RDS_USERS = ["rdsadmin", "rdsrepladmin"];
// PostgreSQL: RDS's roles, the PUBLIC pseudo-role, and names that are reserved SQL keywords.
const POSTGRES_USERS = [
  ...RDS_USERS,
  "rds_superuser",
  "rds_replication",
  "rds_password",
  "rds_iam",
  "rdstopmgr",
  "public",
  "user",
  "all",
  "select",
  "table",
];
// MySQL: RDS's accounts and reserved keywords that look like user names.
const MYSQL_USERS = [...RDS_USERS, "all", "select", "table"];

const POSTGRES_TLS = { "rds.force_ssl": "1" };
const MYSQL_TLS = { require_secure_transport: "ON" };
// The slow query log is off by default and RDS exports only log files, not log tables.
const MYSQL_LOGS = { slow_query_log: "1", log_output: "FILE" };

export const ENGINE_TRAITS: Readonly<Record<Engine, EngineTraits>> = {
  postgres: {
    aurora: false,
    port: 5432,
    versionPattern: "^1[3-7](\\.[0-9]+)?$",
    versionHint: "13–17, as a major (`16`, minor upgrades follow) or major.minor (`16.4`)",
    familyParts: 1,
    logExports: { allowed: ["postgresql", "upgrade"], default: ["postgresql", "upgrade"] },
    logParameters: {},
    tlsParameters: POSTGRES_TLS,
    reservedUsernames: POSTGRES_USERS,
  },
  mysql: {
    aurora: false,
    port: 3306,
    versionPattern: "^8\\.[04](\\.[0-9]+)?$",
    versionHint: "8.0 or 8.4, optionally with the patch (`8.0.40`)",
    familyParts: 2,
    logExports: { allowed: ["error", "general", "slowquery"], default: ["error", "slowquery"] },
    logParameters: MYSQL_LOGS,
    tlsParameters: MYSQL_TLS,
    reservedUsernames: MYSQL_USERS,
  },
  "aurora-postgresql": {
    aurora: true,
    port: 5432,
    versionPattern: "^1[3-7]\\.[0-9]+$",
    versionHint: "13–17 as major.minor (`16.4`)",
    familyParts: 1,
    logExports: { allowed: ["postgresql"], default: ["postgresql"] },
    logParameters: {},
    tlsParameters: POSTGRES_TLS,
    reservedUsernames: POSTGRES_USERS,
  },
  "aurora-mysql": {
    aurora: true,
    port: 3306,
    versionPattern: "^8\\.0(\\.mysql_aurora\\.3\\.[0-9]{2}\\.[0-9]+)?$",
    versionHint: "Aurora MySQL 3, as `8.0` (AWS's default 3.x) or `8.0.mysql_aurora.3.08.0`",
    familyParts: 2,
    logExports: { allowed: ["error", "general", "slowquery"], default: ["error", "slowquery"] },
    logParameters: MYSQL_LOGS,
    tlsParameters: MYSQL_TLS,
    reservedUsernames: MYSQL_USERS,
  },
};

export const AURORA_ENGINES = ENGINES.filter((e) => ENGINE_TRAITS[e].aurora);

/** `{ "postgres": <pick(traits)>, … }` as an HCL/JSON literal for validations. */
export function engineLiteral<T>(pick: (traits: EngineTraits) => T): string {
  return JSON.stringify(Object.fromEntries(ENGINES.map((e) => [e, pick(ENGINE_TRAITS[e])])));
}

/** The table as `local.engines` holds it (snake_case keys, what the module's expressions read). */
export function enginesLocal() {
  return Object.fromEntries(
    ENGINES.map((e) => {
      const t = ENGINE_TRAITS[e];
      return [
        e,
        {
          aurora: t.aurora,
          port: t.port,
          family_parts: t.familyParts,
          log_exports: t.logExports.default,
          log_parameters: t.logParameters,
          tls_parameters: t.tlsParameters,
        },
      ];
    }),
  );
}
