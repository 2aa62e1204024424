import { edgePlan } from "../../config/edge";
import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import type { EnvironmentInput, PlatformConfig } from "../../config/schema";
import { errorsOf, expectError } from "../support/config-errors";

/** The built-in platform (entry api-gateway, a domain in prod) with `extra` in prod. */
function prodWith(extra: EnvironmentInput): PlatformConfig {
  return {
    ...defaultPlatform,
    environments: { prod: { ...defaultPlatform.environments.prod, ...extra } },
  };
}

const planOf = (config: PlatformConfig) => edgePlan(resolvePlatform(config)[0]!.settings);
const zone = defaultPlatform.environments.prod!.domain!.hostedZone;

describe("the edge of an environment (domain, cdn, waf)", () => {
  it("puts CloudFront in front of an HTTP API by default, its web ACL CLOUDFRONT-scoped", () => {
    const plan = planOf(prodWith({ cdn: {}, waf: {} }));
    expect(plan.cdn?.origin).toBe("api-gateway");
    expect(plan.waf).toMatchObject({ scope: "CLOUDFRONT", countMode: false });
    // No ALB origin name: CloudFront calls the API's own endpoint.
    expect(plan.originHostName).toBeUndefined();
    expect(plan.internalHostName).toBe("internal.api.healthcare.example");
  });

  it("rejects WAF on an HTTP API without CloudFront, and says what to do", () => {
    expectError(
      errorsOf(prodWith({ waf: {} })),
      "prod",
      "waf",
      {},
      /WAF cannot attach to an API Gateway HTTP API: put cdn in front/,
    );
  });

  it("rejects what CloudFront in front of the API cannot use, all at once", () => {
    const errors = errorsOf(
      prodWith({
        cdn: { originPrefixListId: "pl-3b927c52" },
        api: {
          ...defaultPlatform.defaults!.api,
          customDomain: {
            domainName: "api.healthcare.example",
            certificateArn: "arn:aws:acm:eu-north-1:333333333333:certificate/abc",
          },
        },
      }),
    );
    expectError(
      errors,
      "prod",
      "cdn.originPrefixListId",
      "pl-3b927c52",
      /is not used with origin api-gateway/,
    );
    expectError(errors, "prod", "api.customDomain", expect.anything(), /must not be set with cdn/);
  });

  it("rejects an ALB origin without a public ALB or without the prefix list", () => {
    const errors = errorsOf(prodWith({ cdn: { origin: "public-alb" } }));
    expectError(
      errors,
      "prod",
      "cdn",
      { origin: "public-alb" },
      /needs entry: "public-alb".*leave cdn.origin unset/,
    );
    expectError(
      errors,
      "prod",
      "cdn.originPrefixListId",
      undefined,
      /is required with origin "public-alb"/,
    );
  });

  it("rejects the API origin on another entry, and a domain outside its zone", () => {
    const errors = errorsOf(
      prodWith({
        entry: "public-alb",
        alb: { certificateArn: "arn:aws:acm:eu-north-1:333333333333:certificate/abc" },
        cdn: { origin: "api-gateway" },
        domain: { hostedZone: zone, name: "api.elsewhere.example" },
      }),
    );
    expectError(errors, "prod", "cdn.origin", "api-gateway", /needs entry: "api-gateway"/);
    expectError(
      errors,
      "prod",
      "domain.name",
      "api.elsewhere.example",
      /must be healthcare.example or a name under it/,
    );
  });

  it("rejects a rate limit out of range and a CIDR with host bits", () => {
    const errors = errorsOf(
      prodWith({
        cdn: {},
        waf: {
          rateLimit: 5,
          ipSets: { office: { action: "allow", addresses: ["203.0.113.7/24"] } },
        },
      }),
    );
    expectError(errors, "prod", "waf.rateLimit", 5, /./);
    expectError(errors, "prod", "waf.ipSets.office.addresses.0", "203.0.113.7/24", /no host bits/);
  });
});
