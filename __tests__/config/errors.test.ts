import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import { EnvironmentInput, PlatformConfig } from "../../config/schema";
import { errorsOf, expectError } from "../support/config-errors";

/** The built-in platform with the dev block changed (its account ID and CIDR kept). */
function devWith(dev: Record<string, unknown>, platform: Record<string, unknown> = {}): unknown {
  return {
    ...defaultPlatform,
    ...platform,
    environments: {
      ...defaultPlatform.environments,
      dev: { ...defaultPlatform.environments.dev, ...dev },
    },
  };
}

const base = defaultPlatform.defaults!;
const eshop = base.services![0]!;
const withEshop = (change: Record<string, unknown>) =>
  devWith({ services: base.services!.map((s) => (s.name === "eshop" ? { ...s, ...change } : s)) });

const where = (errors: { environment: string; path: string }[]) =>
  errors.map((e) => `${e.environment}:${e.path}`);

describe("every error at once", () => {
  it("reports platform-level errors and the environments' errors in one run", () => {
    const errors = errorsOf(
      devWith({ vpc: { cidr: "10.10.0.0/33" } }, { project: "Health Care!" }),
    );
    expect(where(errors)).toEqual(["platform:project", "dev:vpc.cidr"]);
  });

  it("adds no name-length errors on top of an invalid project name", () => {
    const errors = errorsOf({ ...defaultPlatform, project: "a-much-too-long-project-name" });
    expect(where(errors)).toEqual(["platform:project"]);
  });

  it("reports an environment block that is not an object, and still checks the others", () => {
    const errors = errorsOf({
      ...defaultPlatform,
      environments: {
        dev: "nope",
        prod: { vpc: { cidr: "10.30.0.0/16" }, domain: defaultPlatform.environments.prod!.domain },
      },
    });
    expect(where(errors)).toEqual(["platform:environments.dev", "prod:accountId"]);
  });

  it("runs the checks across fields of an environment that also has field errors", () => {
    const errors = errorsOf(
      devWith({
        vpc: { cidr: "10.10.0.0/16", natMode: "double" },
        services: [{ ...eshop, memory: 4096 }],
        api: { routes: [] },
      }),
    );
    expectError(errors, "dev", "vpc.natMode", "double", /one of: none, single, one-per-az/);
    expectError(errors, "dev", "services[eshop].memory", 4096, /not valid with cpu 256/);
    expect(errors).toHaveLength(2);
  });

  it("does not report a reference to a declared but invalid service or store as missing", () => {
    const errors = errorsOf(
      devWith({
        services: base.services!.map((s) => (s.name === "eshop" ? { ...s, image: "" } : s)),
        databases: { main: { engine: "oracle" } },
      }),
    );
    expect(where(errors)).toEqual(["dev:services[eshop].image", "dev:databases.main.engine"]);
  });

  it("still reports references to names that are not declared at all", () => {
    const errors = errorsOf(withEshop({ cache: "sessions" }), ["dev"]);
    expect(where(errors)).toEqual(["dev:services[eshop].cache"]);
  });

  it("reports nothing twice when `defaults` is not an object", () => {
    expect(where(errorsOf({ ...defaultPlatform, defaults: [] }))).toEqual(["platform:defaults"]);
  });

  it("refuses a second route to a service, which would replace the first", () => {
    const api = {
      ...base.api,
      routes: [...base.api!.routes!, { service: "eshop", method: "GET", public: true }],
    };
    const errors = errorsOf(devWith({ api }));
    expectError(
      errors,
      "dev",
      "api.routes.3.service",
      "eshop",
      /already has a route \(api.routes.0\)/,
    );
    expect(errors).toHaveLength(1);
  });

  it("names PLATFORM_ENVIRONMENTS when the selection names an unknown environment", () => {
    expectError(
      errorsOf(defaultPlatform, ["dev", "uat"]),
      "platform",
      "PLATFORM_ENVIRONMENTS",
      "uat",
      /does not define; defined: dev, staging, prod/,
    );
  });
});

describe("messages in words a user can act on", () => {
  const cases: [string, Record<string, unknown>, string, unknown, string][] = [
    [
      "an empty string",
      withEshopObj({ image: "" }),
      "services[eshop].image",
      "",
      "must not be empty",
    ],
    [
      "too few list items",
      { vpc: { cidr: "10.10.0.0/16", azs: ["eu-north-1a"] } },
      "vpc.azs",
      ["eu-north-1a"],
      "must list at least 2 items",
    ],
    [
      "too many list items",
      { vpc: { cidr: "10.10.0.0/16", azs: ["a", "b", "c", "d"].map((l) => `eu-north-1${l}`) } },
      "vpc.azs",
      ["a", "b", "c", "d"].map((l) => `eu-north-1${l}`),
      "must list at most 3 items",
    ],
    [
      "a number below its minimum",
      { alb: { accessLogRetentionDays: 0 } },
      "alb.accessLogRetentionDays",
      0,
      "must be at least 1",
    ],
    [
      "a fraction where a whole number is needed",
      { api: { ...base.api, throttlingBurstLimit: 1.5 } },
      "api.throttlingBurstLimit",
      1.5,
      "must be a whole number",
    ],
    [
      "a string where a number is needed",
      { logRetentionDays: "7" },
      "logRetentionDays",
      "7",
      "must be a number, not a string",
    ],
    [
      "a list where an object is needed",
      { monitoring: [] },
      "monitoring",
      [],
      "must be an object, not a list",
    ],
    [
      "a path without its leading slash",
      withEshopObj({ healthCheckPath: "health" }),
      "services[eshop].healthCheckPath",
      "health",
      'must start with "/"',
    ],
    [
      "a malformed URL",
      {
        api: {
          ...base.api,
          jwtAuthorizers: { patients: { issuer: "cognito", audiences: ["web"] } },
        },
      },
      "api.jwtAuthorizers.patients.issuer",
      "cognito",
      "must be a URL such as https://example.com/path",
    ],
    [
      "an invalid store name",
      { databases: { Main: { engine: "postgres" } } },
      "databases.Main",
      "Main",
      "is not an allowed name: must be 1–16 characters of a-z, 0-9 and -, starting with a letter",
    ],
    ["a missing field", { vpc: {} }, "vpc.cidr", undefined, "is required: set it to a string"],
  ];

  it.each(cases)("%s", (_, dev, path, value, message) => {
    const errors = errorsOf(devWith(dev));
    expect(errors).toContainEqual({ environment: "dev", path, value, message });
  });
});

function withEshopObj(change: Record<string, unknown>): Record<string, unknown> {
  return { services: base.services!.map((s) => (s.name === "eshop" ? { ...s, ...change } : s)) };
}

describe("audit retention", () => {
  const prodWith = (prod: EnvironmentInput): PlatformConfig => ({
    ...defaultPlatform,
    environments: { prod: { ...defaultPlatform.environments.prod, ...prod } },
  });

  it("defaults to 30 / 90 / 365 days, apart from the application logs", () => {
    const days = Object.fromEntries(
      resolvePlatform(defaultPlatform).map((e) => [
        e.name,
        [e.settings.logRetentionDays, e.settings.audit.logRetentionDays],
      ]),
    );
    expect(days).toEqual({ dev: [7, 30], staging: [30, 90], prod: [90, 365] });
  });

  it("keeps a year of audit logs in prod when application logs are kept a week", () => {
    const [prod] = resolvePlatform(prodWith({ logRetentionDays: 7 }));
    expect(prod!.settings.audit.logRetentionDays).toBe(365);
  });

  it("refuses less than a year of audit logs or trail files in prod", () => {
    const errors = errorsOf(prodWith({ audit: { logRetentionDays: 90, retentionDays: 100 } }));
    expectError(errors, "prod", "audit.logRetentionDays", 90, /at least 365 days in prod/);
    expectError(errors, "prod", "audit.retentionDays", 100, /at least 365 days in prod/);
  });

  it("lets other environments keep audit logs shorter", () => {
    const config = devWith({ audit: { enabled: true, logRetentionDays: 14 } });
    expect(() => resolvePlatform(config, ["dev"])).not.toThrow();
  });
});
