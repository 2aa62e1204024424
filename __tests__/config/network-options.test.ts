import { resolvePlatform } from "../../config/resolve";
import type { EnvironmentInput, PlatformConfig } from "../../config/schema";
import { errorsOf, expectError } from "../support/config-errors";

/** A one-environment platform with no data stores unless `env` adds them. */
function platform(env: EnvironmentInput): PlatformConfig {
  return {
    project: "net",
    state: { bucket: "net-terraform-state" },
    environments: {
      dev: {
        region: "eu-north-1",
        accountId: "123456789012",
        entry: "none",
        services: [{ name: "worker", image: "worker:1", port: 8080 }],
        ...env,
        vpc: { cidr: "10.40.0.0/16", ...env.vpc },
      },
    },
  };
}

describe("vpc options", () => {
  it("lays out no database subnets when the tier is off, and keeps the others where they were", () => {
    const [on] = resolvePlatform(platform({}));
    const [off] = resolvePlatform(platform({ vpc: { databaseSubnets: false, networkAcls: true } }));
    expect(on!.subnets["eu-north-1a"]!.database).toBe("10.40.112.0/24");
    expect(off!.subnets["eu-north-1a"]).toEqual({
      private: on!.subnets["eu-north-1a"]!.private,
      public: on!.subnets["eu-north-1a"]!.public,
    });
  });

  it("rejects databases and caches without the database tier, naming them", () => {
    expectError(
      errorsOf(
        platform({
          vpc: { databaseSubnets: false },
          databases: { main: { engine: "postgres" } },
          caches: { sessions: {} },
        }),
      ),
      "dev",
      "vpc.databaseSubnets",
      false,
      /live in the database subnets; turn the tier on or remove databases\.main, caches\.sessions/,
    );
  });

  it("needs a database CIDR per AZ while the tier is on, and refuses one while it is off", () => {
    const subnets = (database?: string) => ({
      "eu-north-1a": { public: "10.40.0.0/24", private: "10.40.16.0/20", database },
      "eu-north-1b": { public: "10.40.1.0/24", private: "10.40.32.0/20", database },
    });
    expectError(
      errorsOf(platform({ vpc: { subnets: subnets() } })),
      "dev",
      "vpc.subnets.eu-north-1a.database",
      undefined,
      /missing: the database tier \(vpc\.databaseSubnets, default true\) needs a CIDR/,
    );
    expectError(
      errorsOf(platform({ vpc: { databaseSubnets: false, subnets: subnets("10.40.2.0/24") } })),
      "dev",
      "vpc.subnets.eu-north-1b.database",
      "10.40.2.0/24",
      /must not be set while vpc\.databaseSubnets is false/,
    );
  });

  it("rejects unknown and repeated interface endpoints", () => {
    const errors = errorsOf(
      platform({ vpc: { interfaceEndpoints: ["logs", "s3express" as never, "logs"] } }),
    );
    expectError(errors, "dev", "vpc.interfaceEndpoints.1", "s3express", /must be one of: ecr\.api/);
    const again = errorsOf(platform({ vpc: { interfaceEndpoints: ["logs", "sts", "logs"] } }));
    expectError(again, "dev", "vpc.interfaceEndpoints.2", "logs", /duplicate service/);
  });

  it("rejects a network ACL switch that is not a boolean", () => {
    expectError(
      errorsOf(platform({ vpc: { networkAcls: "yes" as never } })),
      "dev",
      "vpc.networkAcls",
      "yes",
      /must be true or false/,
    );
  });
});
