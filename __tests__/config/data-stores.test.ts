import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import { errorsOf, expectError } from "../support/config-errors";
import { EnvironmentInput, PlatformConfig } from "../../config/schema";

const base = defaultPlatform.defaults!;

/** The built-in platform with prod's block extended and `defaults` patched. */
function platformWith(defaults: EnvironmentInput, prod: EnvironmentInput = {}): PlatformConfig {
  return {
    ...defaultPlatform,
    defaults: { ...base, ...defaults },
    environments: {
      dev: defaultPlatform.environments.dev!,
      prod: { ...defaultPlatform.environments.prod, ...prod },
    },
  };
}

const withDb = (main: Record<string, unknown>) =>
  platformWith({ databases: { main: { ...base.databases!.main, ...main } } });

describe("data tier validation", () => {
  it("resolves the built-in database from the profiles", () => {
    const envs = Object.fromEntries(
      resolvePlatform(defaultPlatform).map((e) => [e.name, e.settings.databases!.main!]),
    );
    expect(envs.dev).toMatchObject({
      engine: "postgres",
      multiAz: false,
      deletionProtection: false,
      backupRetentionDays: 1,
    });
    expect(envs.prod).toMatchObject({
      engine: "postgres",
      multiAz: true,
      deletionProtection: true,
      backupRetentionDays: 14,
    });
  });

  it("rejects an unknown engine", () => {
    expectError(
      errorsOf(withDb({ engine: "oracle" })),
      "prod",
      "databases.main.engine",
      "oracle",
      /postgres, mysql, aurora-postgresql, aurora-mysql/,
    );
  });

  it("rejects an engine version of another family", () => {
    expectError(
      errorsOf(withDb({ engine: "mysql", engineVersion: "16.4" })),
      "prod",
      "databases.main.engineVersion",
      "16.4",
      /does not match engine mysql; allowed: 8\.0 or 8\.4/,
    );
  });

  it("rejects Serverless v2 with min ACU above max", () => {
    const errors = errorsOf(
      withDb({ engine: "aurora-postgresql", serverlessV2: { minCapacity: 8, maxCapacity: 2 } }),
    );
    expectError(
      errors,
      "prod",
      "databases.main.serverlessV2.minCapacity",
      8,
      /must not exceed maxCapacity \(2\)/,
    );
  });

  it("rejects storage below the engine minimum", () => {
    expectError(
      errorsOf(withDb({ allocatedStorage: 10 })),
      "prod",
      "databases.main.allocatedStorage",
      10,
      /below the postgres minimum of 20 GiB/,
    );
  });

  it("rejects backup retention outside 0–35, and under 7 days in prod", () => {
    expectError(
      errorsOf(withDb({ backupRetentionDays: 40 })),
      "prod",
      "databases.main.backupRetentionDays",
      40,
      /between 0 and 35/,
    );
    expectError(
      errorsOf(withDb({ backupRetentionDays: 0 })),
      "prod",
      "databases.main.backupRetentionDays",
      0,
      /at least 7 days in prod/,
    );
    expect(() => resolvePlatform(platformWith({}, {}), ["dev"])).not.toThrow();
  });

  it("rejects read replicas on an engine that cannot have them", () => {
    const errors = errorsOf(withDb({ engine: "aurora-postgresql", readReplicas: 2 }));
    expectError(
      errors,
      "prod",
      "databases.main.readReplicas",
      2,
      /aurora-postgresql cannot have RDS read replicas; use readers/,
    );
  });

  it("rejects services that reference an unknown database, cache or volume", () => {
    const services = base.services!.map((s, i) =>
      i === 0
        ? { ...s, database: "orders" }
        : i === 1
          ? { ...s, cache: "sessions" }
          : {
              ...s,
              volumes: [{ fileSystem: "media", accessPoint: "uploads", containerPath: "/data" }],
            },
    );
    const errors = errorsOf(platformWith({ services }));
    expectError(
      errors,
      "prod",
      "services[eshop].database",
      "orders",
      /no such database; declared: main/,
    );
    expectError(
      errors,
      "prod",
      "services[pharmacy].cache",
      "sessions",
      /no such cache; declared: \(none\)/,
    );
    expectError(
      errors,
      "prod",
      "services[doctor].volumes.0.fileSystem",
      "media",
      /no such file system/,
    );
  });

  it("rejects an unknown access point and Multi-AZ caches with one node", () => {
    const services = base.services!.map((s, i) =>
      i === 0
        ? {
            ...s,
            cache: "sessions",
            volumes: [{ fileSystem: "media", accessPoint: "nope", containerPath: "/data" }],
          }
        : s,
    );
    const errors = errorsOf(
      platformWith({
        services,
        caches: { sessions: { nodes: 1, multiAz: true } },
        fileSystems: {
          media: { accessPoints: { uploads: { path: "/uploads", uid: 1000, gid: 1000 } } },
        },
      }),
    );
    expectError(
      errors,
      "prod",
      "services[eshop].volumes.0.accessPoint",
      "nope",
      /no such access point of media; declared: uploads/,
    );
    expectError(errors, "prod", "caches.sessions.multiAz", true, /needs at least 2 nodes/);
  });

  it("refuses plain settings that would shadow the database wiring", () => {
    const services = base.services!.map((s, i) =>
      i === 0 ? { ...s, environment: { DB_HOST: "localhost" } } : s,
    );
    expectError(
      errorsOf(platformWith({ services })),
      "prod",
      "services[eshop].environment.DB_HOST",
      "DB_HOST",
      /set by the database wiring/,
    );
  });
});

describe("database storage, windows, users, replicas and Performance Insights", () => {
  it("accepts the reference settings: io1 with IOPS, 004's windows, admin on MySQL, replicas by AZ", () => {
    const [prod] = resolvePlatform(
      withDb({
        engine: "mysql",
        engineVersion: "8.0",
        allocatedStorage: 500,
        maxAllocatedStorage: 2000,
        storageType: "io1",
        iops: 12000,
        backupWindow: "03:00-03:30",
        maintenanceWindow: "sun:04:00-sun:05:00",
        masterUsername: "admin",
        readReplicas: { "replica-1": { availabilityZone: "eu-north-1b" }, reporting: {} },
        performanceInsightsRetentionDays: 731,
      }),
      ["prod"],
    );
    expect(prod!.settings.databases!.main).toMatchObject({ storageType: "io1", iops: 12000 });
  });

  it("needs IOPS within the limits of io1/io2, none on gp2, gp3 IOPS only from 400 GiB", () => {
    expectError(
      errorsOf(withDb({ storageType: "io2", allocatedStorage: 200 })),
      "prod",
      "databases.main.iops",
      undefined,
      /is required with storageType io2 \(1000–256000\)/,
    );
    expectError(
      errorsOf(withDb({ storageType: "io1", allocatedStorage: 100, iops: 6000 })),
      "prod",
      "databases.main.iops",
      6000,
      /exceeds 50 IOPS per GiB of io1 \(allocatedStorage 100: at most 5000\)/,
    );
    expectError(
      errorsOf(withDb({ storageType: "io1", allocatedStorage: 50, iops: 500 })),
      "prod",
      "databases.main.iops",
      500,
      /must be between 1000 and 256000 for io1/,
    );
    expectError(
      errorsOf(withDb({ storageType: "io1", allocatedStorage: 50, iops: 1000 })),
      "prod",
      "databases.main.allocatedStorage",
      50,
      /at least 100 GiB with storageType io1/,
    );
    expectError(
      errorsOf(withDb({ storageType: "gp2", iops: 3000 })),
      "prod",
      "databases.main.iops",
      3000,
      /gp2 has no provisioned IOPS/,
    );
    expectError(
      errorsOf(withDb({ iops: 12000 })),
      "prod",
      "databases.main.iops",
      12000,
      /gp3 takes IOPS only from 400 GiB \(allocatedStorage is 50/,
    );
    expectError(
      errorsOf(withDb({ storageType: "st1" })),
      "prod",
      "databases.main.storageType",
      "st1",
      /must be one of: gp3, gp2, io1, io2/,
    );
    expectError(
      errorsOf(withDb({ engine: "aurora-postgresql", storageType: "gp3" })),
      "prod",
      "databases.main.storageType",
      "gp3",
      /aurora-postgresql manages its own storage/,
    );
  });

  it("checks window formats, lengths and that they do not overlap", () => {
    expectError(
      errorsOf(withDb({ backupWindow: "3:00-4:00" })),
      "prod",
      "databases.main.backupWindow",
      "3:00-4:00",
      /must be hh24:mi-hh24:mi in UTC/,
    );
    expectError(
      errorsOf(withDb({ maintenanceWindow: "sunday:04:00-sunday:05:00" })),
      "prod",
      "databases.main.maintenanceWindow",
      "sunday:04:00-sunday:05:00",
      /must be ddd:hh24:mi-ddd:hh24:mi/,
    );
    expectError(
      errorsOf(withDb({ backupWindow: "03:00-03:20" })),
      "prod",
      "databases.main.backupWindow",
      "03:00-03:20",
      /lasts 20 minutes; RDS needs at least 30/,
    );
    expectError(
      errorsOf(withDb({ backupWindow: "23:30-00:30", maintenanceWindow: "mon:00:00-mon:01:00" })),
      "prod",
      "databases.main.maintenanceWindow",
      "mon:00:00-mon:01:00",
      /overlaps the backup window 23:30-00:30 \(the backup window recurs daily\)/,
    );
    expectError(
      errorsOf(withDb({ backupWindow: "03:00-04:00" })),
      "prod",
      "databases.main.backupWindow",
      "03:00-04:00",
      /overlaps the maintenance window sun:03:30-sun:04:30/,
    );
  });

  it("rejects master user names the engine reserves, listing them", () => {
    expectError(
      errorsOf(withDb({ masterUsername: "rdsadmin" })),
      "prod",
      "databases.main.masterUsername",
      "rdsadmin",
      /is reserved on postgres; reserved names: rdsadmin, rdsrepladmin, rds_superuser/,
    );
    expectError(
      errorsOf(withDb({ engine: "mysql", engineVersion: "8.0", masterUsername: "RdsRepladmin" })),
      "prod",
      "databases.main.masterUsername",
      "RdsRepladmin",
      /is reserved on mysql; reserved names: rdsadmin, rdsrepladmin/,
    );
    expectError(
      errorsOf(withDb({ masterUsername: "1admin" })),
      "prod",
      "databases.main.masterUsername",
      "1admin",
      /1–16 letters, digits and _, starting with a letter/,
    );
  });

  it("rejects replicas in another AZ, malformed replica maps and named replicas on Aurora", () => {
    expectError(
      errorsOf(withDb({ readReplicas: { reporting: { availabilityZone: "eu-west-1a" } } })),
      "prod",
      "databases.main.readReplicas.reporting.availabilityZone",
      "eu-west-1a",
      /is not one of the environment's AZs: eu-north-1a, eu-north-1b, eu-north-1c/,
    );
    expectError(
      errorsOf(withDb({ readReplicas: { Reporting: {} } })),
      "prod",
      "databases.main.readReplicas",
      { Reporting: {} },
      /must be a count from 0 to 15, or replica names/,
    );
    expectError(
      errorsOf(withDb({ engine: "aurora-mysql", engineVersion: "8.0", readReplicas: { r: {} } })),
      "prod",
      "databases.main.readReplicas",
      { r: {} },
      /cannot have RDS read replicas; use readers/,
    );
  });

  it("accepts Performance Insights retention of 7, months × 31 or 731, only with Insights on", () => {
    expectError(
      errorsOf(withDb({ performanceInsightsRetentionDays: 30 })),
      "prod",
      "databases.main.performanceInsightsRetentionDays",
      30,
      /must be 7, 731 or a multiple of 31 from 31 to 713/,
    );
    expectError(
      errorsOf(withDb({ performanceInsightsRetentionDays: 744 })),
      "prod",
      "databases.main.performanceInsightsRetentionDays",
      744,
      /must be 7, 731 or a multiple of 31/,
    );
    expectError(
      errorsOf(withDb({ performanceInsights: false, performanceInsightsRetentionDays: 62 })),
      "prod",
      "databases.main.performanceInsightsRetentionDays",
      62,
      /needs performanceInsights: true/,
    );
  });
});

describe("data store names", () => {
  it("rejects a store name that would overflow the modules' 32-character names", () => {
    const errors = errorsOf({
      ...platformWith({ caches: { "session-storage1": {} } }),
      project: "healthcareab",
    });
    expectError(
      errors,
      "prod",
      "caches.session-storage1",
      "session-storage1",
      /"healthcareab-prod-session-storage1" \(34 characters\); at most 32/,
    );
  });
});
