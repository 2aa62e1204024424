import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import { errorsOf, expectError } from "../support/config-errors";
import { EnvironmentInput, PlatformConfig, ServiceInput } from "../../config/schema";

const baseServices = defaultPlatform.defaults!.services!;

/** The built-in platform with prod's block extended; `defaults` may be patched too. */
function platformWith(prod: EnvironmentInput, defaults: EnvironmentInput = {}): PlatformConfig {
  return {
    ...defaultPlatform,
    defaults: { ...defaultPlatform.defaults, ...defaults },
    environments: { prod: { ...defaultPlatform.environments.prod, ...prod } },
  };
}

const withServices = (services: ServiceInput[]) =>
  platformWith({}, { services, api: { ...defaultPlatform.defaults!.api, routes: [] } });

describe("service, ALB and API validation", () => {
  it("resolves the default platform's services with profile sizes", () => {
    const [dev, , prod] = resolvePlatform(defaultPlatform);
    expect(
      dev!.settings.services!.map((s) => [s.name, s.desiredCount, s.spotWeight, s.fargateWeight]),
    ).toEqual([
      ["eshop", 1, 1, 0],
      ["pharmacy", 1, 1, 0],
      ["doctor", 1, 1, 0],
    ]);
    expect(
      prod!.settings.services!.every(
        (s) => s.minCount >= 2 && s.cpuTarget === 70 && s.memoryTarget === 80,
      ),
    ).toBe(true);
    expect(prod!.settings.alb.deletionProtection).toBe(true);
  });

  it("rejects an invalid cpu/memory combination and lists the valid memory for that cpu", () => {
    const errors = errorsOf(
      platformWith({ serviceOverrides: { eshop: { cpu: 256, memory: 4096 } } }),
    );
    expectError(
      errors,
      "prod",
      "services[eshop].memory",
      4096,
      /not valid with cpu 256; allowed memory \(MiB\): 512, 1024, 2048/,
    );
  });

  it("rejects a cpu Fargate does not offer", () => {
    expectError(
      errorsOf(platformWith({ serviceOverrides: { eshop: { cpu: 300 } } })),
      "prod",
      "services[eshop].cpu",
      300,
      /256, 512, 1024/,
    );
  });

  it("rejects duplicate service names", () => {
    const errors = errorsOf(
      withServices([baseServices[0]!, { ...baseServices[1]!, name: "eshop" }]),
    );
    expectError(errors, "prod", "services[eshop].name", "eshop", /duplicate service name/);
  });

  it("rejects duplicate or conflicting paths", () => {
    const errors = errorsOf(
      withServices([baseServices[0]!, { ...baseServices[1]!, path: "/eshop/" }]),
    );
    expectError(
      errors,
      "prod",
      "services[pharmacy].path",
      "/eshop/",
      /conflicts with the path of service eshop/,
    );
  });

  it("rejects a listener-rule priority used twice", () => {
    const errors = errorsOf(
      withServices([baseServices[0]!, { ...baseServices[1]!, priority: 100 }]),
    );
    expectError(
      errors,
      "prod",
      "services[pharmacy].priority",
      100,
      /already used by service eshop/,
    );
  });

  it("rejects a port out of range", () => {
    expectError(
      errorsOf(platformWith({ serviceOverrides: { doctor: { port: 70000 } } })),
      "prod",
      "services[doctor].port",
      70000,
      /at most 65535/,
    );
  });

  it("rejects min tasks above max tasks", () => {
    const errors = errorsOf(
      platformWith({ serviceOverrides: { eshop: { minCount: 5, maxCount: 3, desiredCount: 3 } } }),
    );
    expectError(errors, "prod", "services[eshop].minCount", 5, /must not exceed maxCount \(3\)/);
  });

  it("rejects a desired count outside [min, max]", () => {
    const errors = errorsOf(platformWith({ serviceOverrides: { eshop: { desiredCount: 20 } } }));
    expectError(
      errors,
      "prod",
      "services[eshop].desiredCount",
      20,
      /within \[minCount, maxCount\] = \[2, 10\]/,
    );
  });

  it("rejects a route to an unknown service", () => {
    const api = { ...defaultPlatform.defaults!.api, routes: [{ service: "billing" }] };
    expectError(
      errorsOf(platformWith({ api })),
      "prod",
      "api.routes.0.service",
      "billing",
      /no such service; declared: eshop, pharmacy, doctor/,
    );
  });

  it("rejects a route naming an unknown authorizer", () => {
    const api = {
      ...defaultPlatform.defaults!.api,
      routes: [{ service: "eshop", authorizer: "staff" }],
    };
    expectError(
      errorsOf(platformWith({ api })),
      "prod",
      "api.routes.0.authorizer",
      "staff",
      /no such JWT authorizer; declared: patients/,
    );
  });

  it("rejects an override of an unknown service", () => {
    expectError(
      errorsOf(platformWith({ serviceOverrides: { billing: { cpu: 512 } } })),
      "prod",
      "serviceOverrides.billing",
      { cpu: 512 },
      /no such service/,
    );
  });

  it("rejects a public ALB with neither a certificate nor a domain to issue one for", () => {
    const errors = errorsOf(platformWith({ entry: "public-alb", api: {}, domain: undefined }));
    expectError(
      errors,
      "prod",
      "alb.certificateArn",
      undefined,
      /required with entry: "public-alb" unless domain is set/,
    );
  });

  it("accepts a public ALB whose certificate is issued for the domain", () => {
    const noRoutes = { api: { ...defaultPlatform.defaults!.api, routes: [] } };
    const envs = resolvePlatform(platformWith({ entry: "public-alb" }, noRoutes), ["prod"]);
    expect(envs[0]!.settings.alb.certificateArn).toBeUndefined();
  });

  it("rejects names that would overflow the 32-character target-group limit", () => {
    const errors = errorsOf({
      ...withServices([{ ...baseServices[0]!, name: "prescription-hub" }]),
      project: "healthcarepl",
    });
    expectError(
      errors,
      "prod",
      "services[prescription-hub].name",
      "prescription-hub",
      /"healthcarepl-prod-prescription-hub" \(34 characters\); AWS allows 32/,
    );
  });

  it("rejects secrets that are not Secrets Manager or SSM ARNs", () => {
    const errors = errorsOf(
      platformWith({ serviceOverrides: { eshop: { secrets: { DB_PASSWORD: "hunter2" } } } }),
    );
    expectError(
      errors,
      "prod",
      "services[eshop].secrets.DB_PASSWORD",
      "hunter2",
      /Secrets Manager or SSM parameter ARN/,
    );
  });

  it("refuses a route without an authorizer unless it is marked public", () => {
    const api = { ...defaultPlatform.defaults!.api, routes: [{ service: "eshop" }] };
    expectError(
      errorsOf(platformWith({ api })),
      "prod",
      "api.routes.0.authorizer",
      undefined,
      /needs a JWT authorizer; set public: true/,
    );
    const open = { ...defaultPlatform.defaults!.api, routes: [{ service: "eshop", public: true }] };
    expect(() => resolvePlatform(platformWith({ api: open }))).not.toThrow();
  });

  it("refuses API routes in front of a public ALB", () => {
    const alb = { certificateArn: "arn:aws:acm:eu-north-1:333333333333:certificate/abc" };
    expectError(
      errorsOf(platformWith({ entry: "public-alb", alb })),
      "prod",
      "api.routes",
      expect.anything(),
      /set entry: "api-gateway" or remove the routes/,
    );
  });

  it("refuses a path when there is no load balancer, and a priority without a path", () => {
    const [eshop, , doctor] = baseServices;
    const { path: _path, ...worker } = doctor!;
    const errors = errorsOf({
      ...withServices([eshop!, worker]),
      environments: { prod: { ...defaultPlatform.environments.prod, entry: "none" } },
    });
    expectError(
      errors,
      "prod",
      "services[eshop].path",
      "/eshop",
      /entry: "none" has no load balancer/,
    );
    expectError(errors, "prod", "services[doctor].priority", 300, /only a service with a path/);
  });

  it("puts the service at / last and maps it to the API's $default route", () => {
    const errors = errorsOf(platformWith({ serviceOverrides: { eshop: { path: "/" } } }));
    expectError(
      errors,
      "prod",
      "services[eshop].priority",
      expect.anything(),
      /give it the highest priority number/,
    );
  });
});
