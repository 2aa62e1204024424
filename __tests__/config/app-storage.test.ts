import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import { EnvironmentInput, PlatformConfig } from "../../config/schema";
import { errorsOf, expectError } from "../support/config-errors";

const [eshop, ...others] = defaultPlatform.defaults!.services!;

function prodWith(prod: EnvironmentInput, service: Record<string, unknown> = {}): PlatformConfig {
  return {
    ...defaultPlatform,
    defaults: { ...defaultPlatform.defaults, services: [{ ...eshop!, ...service }, ...others] },
    environments: { prod: { ...defaultPlatform.environments.prod, ...prod } },
  };
}

const storage: EnvironmentInput = {
  buckets: { uploads: { lifecycle: { transitions: [{ days: 30, storageClass: "STANDARD_IA" }] } } },
  secrets: { "api-keys": { description: "Third-party API keys" } },
};

describe("buckets and application secrets", () => {
  it("resolves buckets, secrets and the services' references to them", () => {
    const prod = resolvePlatform(
      prodWith(storage, {
        buckets: [{ bucket: "uploads", access: "read-write" }],
        secretRefs: { STRIPE_KEY: { secret: "api-keys", key: "stripe" }, API_KEYS: "api-keys" },
      }),
    ).find((e) => e.name === "prod")!.settings;
    expect(prod.buckets?.uploads?.lifecycle?.transitions).toEqual([
      { days: 30, storageClass: "STANDARD_IA" },
    ]);
    expect(prod.services?.[0]?.secretRefs?.API_KEYS).toBe("api-keys");
  });

  it("rejects references to undeclared buckets and secrets, naming what is declared", () => {
    const errors = errorsOf(
      prodWith(storage, {
        buckets: [{ bucket: "media", access: "read" }],
        secretRefs: { KEY: "webhooks" },
      }),
    );
    expectError(
      errors,
      "prod",
      "services[eshop].buckets.0.bucket",
      "media",
      /no such bucket; declared: uploads/,
    );
    expectError(
      errors,
      "prod",
      "services[eshop].secretRefs.KEY",
      "webhooks",
      /no such secret; declared: api-keys/,
    );
  });

  it("rejects an app tier's undeclared secrets and buckets, and a bucket it lists twice", () => {
    const tier = {
      instanceType: "t3.small",
      port: 8081,
      path: "/admin",
      priority: 60,
      minSize: 1,
      maxSize: 2,
      secrets: ["api-keys", "webhooks"],
      buckets: [
        { bucket: "uploads", access: "read" },
        { bucket: "uploads", access: "read-write" },
        { bucket: "media", access: "read" },
      ],
    };
    const errors = errorsOf(prodWith({ ...storage, appTiers: { admin: tier } } as never));
    expectError(
      errors,
      "prod",
      "appTiers.admin.secrets.1",
      "webhooks",
      /no such secret; declared: api-keys/,
    );
    expectError(errors, "prod", "appTiers.admin.buckets.1.bucket", "uploads", /listed twice/);
    expectError(
      errors,
      "prod",
      "appTiers.admin.buckets.2.bucket",
      "media",
      /no such bucket; declared: uploads/,
    );
  });

  it("rejects a bucket listed twice and variables the wiring sets", () => {
    const errors = errorsOf(
      prodWith(storage, {
        buckets: [
          { bucket: "uploads", access: "read" },
          { bucket: "uploads", access: "read-write" },
        ],
        environment: { BUCKET_UPLOADS: "mine" },
        secretRefs: { API_KEY: "api-keys" },
        secrets: { API_KEY: "arn:aws:secretsmanager:eu-north-1:333333333333:secret:x-AbCdEf" },
      }),
    );
    expectError(errors, "prod", "services[eshop].buckets.1.bucket", "uploads", /listed twice/);
    expectError(
      errors,
      "prod",
      "services[eshop].environment.BUCKET_UPLOADS",
      "BUCKET_UPLOADS",
      /set by the bucket uploads grant/,
    );
    expectError(errors, "prod", "services[eshop].secrets.API_KEY", "API_KEY", /set by secretRefs/);
  });

  it("rejects lifecycle transitions S3 refuses", () => {
    const errors = errorsOf(
      prodWith({
        buckets: {
          uploads: {
            lifecycle: {
              transitions: [
                { days: 10, storageClass: "STANDARD_IA" },
                { days: 400, storageClass: "GLACIER" },
              ],
              expirationDays: 365,
            },
          },
        },
      }),
    );
    expectError(
      errors,
      "prod",
      "buckets.uploads.lifecycle.transitions.0.days",
      10,
      /after 30 days at the earliest/,
    );
    expectError(
      errors,
      "prod",
      "buckets.uploads.lifecycle.transitions.1.days",
      400,
      /before expirationDays \(365\)/,
    );
  });

  it("rejects bad names, access levels, storage classes and empty descriptions", () => {
    const errors = errorsOf(
      prodWith(
        {
          buckets: {
            Uploads: {},
            media: { lifecycle: { transitions: [{ days: 1, storageClass: "COLD" as never }] } },
          },
          secrets: { "api-keys": { description: "" } },
        },
        {
          buckets: [{ bucket: "media", access: "write" }],
          secretRefs: { "lower-case": "api-keys" },
        },
      ),
    );
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "buckets.Uploads",
        "buckets.media.lifecycle.transitions.0.storageClass",
        "secrets.api-keys.description",
        "services[eshop].buckets.0.access",
        "services[eshop].secretRefs.lower-case",
      ]),
    );
  });
});
