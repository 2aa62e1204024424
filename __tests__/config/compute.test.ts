import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import type { EnvironmentInput, PlatformConfig } from "../../config/schema";
import { errorsOf, expectError } from "../support/config-errors";

const [eshop, ...others] = defaultPlatform.defaults!.services!;

function envWith(
  env: "dev" | "prod",
  extra: EnvironmentInput,
  service: Record<string, unknown> = {},
): PlatformConfig {
  return {
    ...defaultPlatform,
    defaults: { ...defaultPlatform.defaults, services: [{ ...eshop!, ...service }, ...others] },
    environments: { [env]: { ...defaultPlatform.environments[env], ...extra } },
  };
}

const pools: EnvironmentInput = {
  capacityPools: { general: { instanceTypes: ["m7g.large"], architecture: "arm64" } },
};

const settingsOf = (config: PlatformConfig) => resolvePlatform(config)[0]!.settings;

describe("capacity pools", () => {
  it("fills pools from the profile: dev one Spot instance, prod an On-Demand base per AZ", () => {
    expect(settingsOf(envWith("dev", pools)).capacityPools?.general).toMatchObject({
      minSize: 1,
      maxSize: 1,
      onDemandBase: 0,
      spotPercentage: 100,
      targetCapacity: 100,
    });
    expect(settingsOf(envWith("prod", pools)).capacityPools?.general).toMatchObject({
      minSize: 3,
      maxSize: 6,
      onDemandBase: 3,
      spotPercentage: 0,
    });
  });

  it("rejects unknown pools, inverted sizes and a base above the maximum", () => {
    const errors = errorsOf(
      envWith(
        "prod",
        {
          capacityPools: {
            general: { instanceTypes: ["m7g.large"], minSize: 4, maxSize: 2, onDemandBase: 3 },
          },
          defaultCapacity: "gpu",
        },
        { capacity: "memory" },
      ),
    );
    expectError(
      errors,
      "prod",
      "capacityPools.general.minSize",
      4,
      /must not exceed maxSize \(2\)/,
    );
    expectError(errors, "prod", "capacityPools.general.onDemandBase", 3, /must not exceed maxSize/);
    expectError(errors, "prod", "defaultCapacity", "gpu", /no such pool; declared: general/);
    expectError(errors, "prod", "services[eshop].capacity", "memory", /must be fargate or a pool/);
  });
});

describe("services on EC2 capacity", () => {
  it("accepts a task size Fargate does not offer on an EC2 pool", () => {
    const s = settingsOf(envWith("prod", pools, { capacity: "general", cpu: 1536, memory: 3000 }));
    expect(s.services?.[0]).toMatchObject({ capacity: "general", cpu: 1536 });
  });

  it("checks cpu and memory against the pool's instance type, not the Fargate table", () => {
    const errors = errorsOf(
      envWith("prod", pools, { capacity: "general", cpu: 4096, memory: 8192 }),
    );
    expectError(
      errors,
      "prod",
      "services[eshop].cpu",
      4096,
      /exceeds the 2048 CPU units .*\(m7g\.large\)/,
    );
    expectError(errors, "prod", "services[eshop].memory", 8192, /exceeds the 7680 MiB/);
    expect(errors.find((e) => e.message.includes("Fargate"))).toBeUndefined();
  });

  it("checks the awsvpc task count against the ENIs of the pool", () => {
    const errors = errorsOf(
      envWith(
        "dev",
        { capacityPools: { general: { instanceTypes: ["t3.medium"] } } },
        { capacity: "general", maxCount: 3, desiredCount: 1 },
      ),
    );
    expectError(
      errors,
      "dev",
      "services[eshop].maxCount",
      3,
      /at most 2 awsvpc tasks \(2 ENIs per instance × maxSize 1\)/,
    );
  });

  it("rejects host volumes and placement on Fargate", () => {
    const errors = errorsOf(
      envWith(
        "prod",
        {},
        {
          ec2Volumes: { data: { containerPath: "/data", hostPath: "/var/lib/data" } },
          placement: [{ type: "binpack", field: "memory" }],
        },
      ),
    );
    expectError(
      errors,
      "prod",
      "services[eshop].ec2Volumes",
      expect.anything(),
      /host volumes need an EC2 pool/,
    );
    expectError(errors, "prod", "services[eshop].placement", expect.anything(), /EC2 pool only/);
  });

  it("rejects placement strategies with the wrong field", () => {
    const errors = errorsOf(
      envWith("prod", pools, {
        capacity: "general",
        placement: [{ type: "binpack", field: "instanceId" }],
      }),
    );
    expectError(
      errors,
      "prod",
      "services[eshop].placement.0",
      expect.anything(),
      /binpack the field memory or cpu/,
    );
  });
});

describe("internal services", () => {
  it("accepts a worker without a path, reaches, discovery and egress allow-lists", () => {
    const s = settingsOf(
      envWith(
        "prod",
        {},
        {
          reaches: [{ service: "pharmacy", port: 8080 }],
          discovery: true,
          egressAllow: [{ cidr: "203.0.113.0/24", port: 443, description: "SaaS database" }],
        },
      ),
    );
    expect(s.services?.[0]?.reaches).toEqual([{ service: "pharmacy", port: 8080 }]);
  });

  it("rejects reaching an unknown service or itself, and bad egress entries", () => {
    const errors = errorsOf(
      envWith(
        "prod",
        {},
        {
          reaches: [{ service: "billing" }, { service: "eshop" }],
          egressAllow: [
            { cidr: "0.0.0.0/0", port: 443, description: "anything" },
            {
              cidr: "203.0.113.0/24",
              prefixList: "pl-0123456789abcdef0",
              port: 443,
              description: "both",
            },
            { cidr: "10.0.0.1/16", port: 5432, description: "host bits" },
          ],
        },
      ),
    );
    expectError(
      errors,
      "prod",
      "services[eshop].reaches.0.service",
      "billing",
      /no such service; declared: eshop, pharmacy, doctor/,
    );
    expectError(errors, "prod", "services[eshop].reaches.1.service", "eshop", /reaches itself/);
    expectError(
      errors,
      "prod",
      "services[eshop].egressAllow.0.cidr",
      "0.0.0.0/0",
      /not the whole internet/,
    );
    expectError(
      errors,
      "prod",
      "services[eshop].egressAllow.1",
      expect.anything(),
      /exactly one of cidr and prefixList/,
    );
    expectError(errors, "prod", "services[eshop].egressAllow.2.cidr", "10.0.0.1/16", /IPv4 CIDR/);
  });
});

const host = {
  port: 80,
  hostHeaders: ["app.example.com"],
  priority: 400,
  compose: { s3Bucket: "hc-deploy", s3Key: "compose.yaml" },
};
const tier = {
  instanceType: "m7i.large",
  port: 3000,
  path: "/app",
  priority: 500,
  minSize: 2,
  maxSize: 10,
};

describe("hosts and app tiers", () => {
  it("accepts a Compose host and an Auto Scaling tier behind the ALB", () => {
    const s = settingsOf(envWith("prod", { hosts: { web: host }, appTiers: { app: tier } }));
    expect(Object.keys(s.hosts ?? {})).toEqual(["web"]);
    expect(s.appTiers?.app?.minSize).toBe(2);
  });

  it("rejects names and priorities shared with services, and hosts without a route", () => {
    const errors = errorsOf(
      envWith("prod", {
        hosts: { eshop: { ...host, hostHeaders: [] } },
        appTiers: { app: { ...tier, priority: 400, minSize: 12 } },
      }),
    );
    expectError(errors, "prod", "hosts.eshop", "eshop", /is also the name of services\.eshop/);
    expectError(errors, "prod", "hosts.eshop.path", undefined, /give it a path or hostHeaders/);
    expectError(errors, "prod", "appTiers.app.priority", 400, /already used by hosts\.eshop/);
    expectError(errors, "prod", "appTiers.app.minSize", 12, /must not exceed maxSize \(10\)/);
  });

  it("rejects a timeout not below the interval and inverted step thresholds", () => {
    const errors = errorsOf(
      envWith("prod", {
        appTiers: {
          app: {
            ...tier,
            healthCheck: { path: "/api/health", interval: 10, timeout: 10 },
            scaling: { mode: "step", scaleOutCpu: 50, scaleInCpu: 60 },
          },
        },
      }),
    );
    expectError(
      errors,
      "prod",
      "appTiers.app.healthCheck.timeout",
      10,
      /shorter than the interval \(10 s\)/,
    );
    expectError(errors, "prod", "appTiers.app.scaling.scaleInCpu", 60, /below scaleOutCpu \(50\)/);
  });

  it("rejects hosts with entry none", () => {
    const errors = errorsOf(
      envWith(
        "prod",
        {
          entry: "none",
          hosts: { web: host },
          api: { throttlingRateLimit: 1, throttlingBurstLimit: 1, routes: [] },
        },
        {
          path: undefined,
          priority: undefined,
        },
      ),
    );
    expectError(errors, "prod", "hosts.web", "web", /entry: "none" has no load balancer/);
  });
});
