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
