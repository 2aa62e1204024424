import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../../config/errors";
import { errorsOf } from "../support/config-errors";
import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import { PlatformConfig } from "../../config/schema";
import { scratchDir, snapshotTree, synthPlatform } from "../support/synth";

/** The built-in platform with one environment's block replaced (its account ID kept). */
function withEnv(env: string, block: Record<string, unknown>): PlatformConfig {
  const accountId = defaultPlatform.environments[env]?.accountId ?? "999999999999";
  return {
    ...defaultPlatform,
    environments: { ...defaultPlatform.environments, [env]: { accountId, ...block } },
  };
}

const expectError = (
  errors: ConfigError[],
  expected: Omit<Partial<ConfigError>, "message"> & { message: RegExp },
) => {
  const { message, ...rest } = expected;
  expect(errors).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ ...rest, message: expect.stringMatching(message) }),
    ]),
  );
};

describe("config validation", () => {
  it("accepts the built-in platform", () => {
    expect(resolvePlatform(defaultPlatform).map((e) => e.name)).toEqual(["dev", "staging", "prod"]);
  });

  it("rejects an invalid VPC CIDR", () => {
    const errors = errorsOf(withEnv("prod", { vpc: { cidr: "10.300.0.0/16" } }));
    expectError(errors, {
      environment: "prod",
      path: "vpc.cidr",
      value: "10.300.0.0/16",
      message: /IPv4 CIDR/,
    });
  });

  it("rejects a CIDR with host bits set or a prefix out of range", () => {
    expectError(errorsOf(withEnv("dev", { vpc: { cidr: "10.0.0.1/16" } })), {
      environment: "dev",
      path: "vpc.cidr",
      message: /no host bits/,
    });
    expectError(errorsOf(withEnv("dev", { vpc: { cidr: "10.0.0.0/8" } })), {
      environment: "dev",
      path: "vpc.cidr",
      value: "10.0.0.0/8",
      message: /between \/16 and \/20/,
    });
  });

  const explicit = (over: Record<string, unknown> = {}) => ({
    vpc: {
      cidr: "10.40.0.0/16",
      azs: ["eu-north-1a", "eu-north-1b"],
      subnets: {
        "eu-north-1a": {
          public: "10.40.0.0/24",
          private: "10.40.16.0/20",
          database: "10.40.1.0/24",
        },
        "eu-north-1b": {
          public: "10.40.2.0/24",
          private: "10.40.32.0/20",
          database: "10.40.3.0/24",
        },
        ...over,
      },
    },
  });

  it("accepts an explicit subnet layout", () => {
    const [env] = resolvePlatform(withEnv("dev", explicit()), ["dev"]);
    expect(env!.subnets["eu-north-1b"]!.private).toBe("10.40.32.0/20");
  });

  it("rejects a subnet outside the VPC CIDR", () => {
    const errors = errorsOf(
      withEnv(
        "dev",
        explicit({
          "eu-north-1b": {
            public: "10.41.2.0/24",
            private: "10.40.32.0/20",
            database: "10.40.3.0/24",
          },
        }),
      ),
    );
    expectError(errors, {
      environment: "dev",
      path: "vpc.subnets.eu-north-1b.public",
      value: "10.41.2.0/24",
      message: /inside the VPC CIDR 10\.40\.0\.0\/16/,
    });
  });

  it("rejects overlapping subnets", () => {
    const errors = errorsOf(
      withEnv(
        "dev",
        explicit({
          "eu-north-1b": {
            public: "10.40.0.128/25",
            private: "10.40.32.0/20",
            database: "10.40.3.0/24",
          },
        }),
      ),
    );
    expectError(errors, {
      environment: "dev",
      path: "vpc.subnets.eu-north-1b.public",
      value: "10.40.0.128/25",
      message: /overlaps vpc\.subnets\.eu-north-1a\.public/,
    });
  });

  it("rejects an AZ count out of range", () => {
    expectError(errorsOf(withEnv("prod", { vpc: { cidr: "10.30.0.0/16", azCount: 4 } })), {
      environment: "prod",
      path: "vpc.azCount",
      value: 4,
      message: /at most 3/,
    });
    expectError(errorsOf(withEnv("prod", { vpc: { cidr: "10.30.0.0/16", azCount: 1 } })), {
      environment: "prod",
      path: "vpc.azCount",
      value: 1,
      message: /at least 2/,
    });
  });

  it("rejects duplicate AZs and AZs of another region", () => {
    const errors = errorsOf(
      withEnv("staging", {
        vpc: { cidr: "10.20.0.0/16", azs: ["eu-north-1a", "eu-north-1a", "us-east-1c"] },
      }),
    );
    expectError(errors, {
      environment: "staging",
      path: "vpc.azs.1",
      value: "eu-north-1a",
      message: /duplicate/,
    });
    expectError(errors, {
      environment: "staging",
      path: "vpc.azs.2",
      value: "us-east-1c",
      message: /Availability Zone of eu-north-1/,
    });
  });

  it("rejects an unknown NAT mode and lists the allowed ones", () => {
    const errors = errorsOf(withEnv("prod", { vpc: { cidr: "10.30.0.0/16", natMode: "double" } }));
    expectError(errors, {
      environment: "prod",
      path: "vpc.natMode",
      value: "double",
      message: /none, single, one-per-az/,
    });
  });

  it("rejects an environment with no profile", () => {
    const errors = errorsOf(withEnv("qa", { vpc: { cidr: "10.50.0.0/16" } }));
    expectError(errors, { environment: "qa", path: "profile", message: /dev, staging, prod/ });
  });

  it("accepts an extra environment that names its profile", () => {
    const envs = resolvePlatform(
      withEnv("qa", {
        profile: "staging",
        vpc: { cidr: "10.50.0.0/16" },
        // The staging profile serves HTTPS on the internal ALB, so the certificate needs a domain.
        domain: {
          ...defaultPlatform.environments.staging!.domain!,
          name: "api.qa.healthcare.example",
        },
      }),
      ["qa"],
    );
    expect(envs[0]!.settings.vpc.natMode).toBe("single");
  });

  it("rejects selecting an environment that does not exist", () => {
    expectError(errorsOf(defaultPlatform, ["dev", "uat"]), {
      environment: "platform",
      path: "PLATFORM_ENVIRONMENTS",
      value: "uat",
      message: /does not define; defined: dev, staging, prod/,
    });
  });

  it("rejects a missing required field", () => {
    const errors = errorsOf(withEnv("dev", { vpc: {} }));
    expectError(errors, {
      environment: "dev",
      path: "vpc.cidr",
      value: undefined,
      message: /required/,
    });
  });

  it("rejects unknown fields instead of ignoring a typo", () => {
    expectError(errorsOf(withEnv("dev", { vpc: { cidr: "10.10.0.0/16", natMod: "single" } })), {
      environment: "dev",
      path: "vpc.natMod",
      message: /unknown field/,
    });
  });

  it("reports every error at once, across environments", () => {
    const config: PlatformConfig = {
      ...defaultPlatform,
      environments: {
        dev: { accountId: "111111111111", vpc: { cidr: "nope" } },
        staging: {
          accountId: "222222222222",
          vpc: { cidr: "10.20.0.0/16", natMode: "double" as never },
          domain: defaultPlatform.environments.staging!.domain,
        },
        prod: {
          accountId: "333333333333",
          vpc: { cidr: "10.30.0.0/16", azCount: 9 },
          domain: defaultPlatform.environments.prod!.domain,
        },
      },
    };
    const errors = errorsOf(config);
    expect(errors.map((e) => `${e.environment}:${e.path}`)).toEqual([
      "dev:vpc.cidr",
      "staging:vpc.natMode",
      "prod:vpc.azCount",
    ]);
  });

  it("rejects platform-level problems with the platform named", () => {
    const errors = errorsOf({ ...defaultPlatform, project: "Health Care!", state: {} });
    expectError(errors, {
      environment: "platform",
      path: "project",
      value: "Health Care!",
      message: /a-z/,
    });
    expectError(errors, { environment: "platform", path: "state.bucket", message: /required/ });
  });
});

describe("bad input on the command line", () => {
  it("exits non-zero, names every error, and leaves cdktf.out and terraform-modules untouched", () => {
    const dir = scratchDir("bad-input");
    const outdir = path.join(dir, "cdktf.out");
    const good = synthPlatform({ outdir });
    expect(good.stderr).toBe("");
    expect(good.code).toBe(0);
    const before = { out: snapshotTree(outdir), modules: snapshotTree(good.modulesDir) };

    const badConfig = path.join(dir, "bad.json");
    fs.writeFileSync(
      badConfig,
      JSON.stringify({
        ...defaultPlatform,
        environments: {
          dev: { accountId: "111111111111", vpc: { cidr: "10.10.0.0/33" } },
          prod: { accountId: "333333333333", vpc: { cidr: "10.30.0.0/16", natMode: "double" } },
        },
      }),
    );
    // A module file changed on disk must also survive: the failed run writes nothing.
    fs.appendFileSync(path.join(good.modulesDir, "vpc", "README.md"), "\nlocal edit\n");
    const touched = snapshotTree(good.modulesDir);
    const bad = synthPlatform({
      outdir,
      modulesDir: good.modulesDir,
      env: { PLATFORM_CONFIG: badConfig },
    });
    expect(bad.code).toBe(1);
    // Each error once, on stderr only, and no stack trace.
    expect(bad.stdout).toBe("");
    expect(bad.stderr.split('[dev] vpc.cidr = "10.10.0.0/33"')).toHaveLength(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(bad.stderr).toContain(
      '[prod] vpc.natMode = "double": must be one of: none, single, one-per-az',
    );
    expect(snapshotTree(outdir)).toEqual(before.out);
    expect(snapshotTree(good.modulesDir)).toEqual(touched);
  });

  it("rejects an unknown environment selection and a missing config file", () => {
    const sel = synthPlatform({ env: { PLATFORM_ENVIRONMENTS: "dev,qa" } });
    expect(sel.code).toBe(1);
    expect(sel.stderr).toContain(
      '[platform] PLATFORM_ENVIRONMENTS = "qa": names an environment the config does not define; defined: dev, staging, prod',
    );
    const missing = synthPlatform({ env: { PLATFORM_CONFIG: "/nonexistent/platform.ts" } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("[platform] PLATFORM_CONFIG");
  });
});
