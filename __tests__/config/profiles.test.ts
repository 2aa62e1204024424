import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import { PlatformConfig } from "../../config/schema";

const byName = (config: PlatformConfig) =>
  Object.fromEntries(resolvePlatform(config).map((e) => [e.name, e]));

describe("environment profiles", () => {
  const envs = byName(defaultPlatform);

  it("dev: 2 AZs, one NAT, short retention; prod: 3 AZs, NAT per AZ, long retention", () => {
    expect(envs.dev!.azs).toEqual(["eu-north-1a", "eu-north-1b"]);
    expect(envs.dev!.settings.vpc).toMatchObject({ natMode: "single", flowLogRetentionDays: 7 });
    expect(envs.prod!.azs).toEqual(["eu-north-1a", "eu-north-1b", "eu-north-1c"]);
    expect(envs.prod!.settings.vpc).toMatchObject({
      natMode: "one-per-az",
      flowLogRetentionDays: 365,
    });
  });

  it("explicit values win over the profile, the environment's own over the shared defaults", () => {
    const config: PlatformConfig = {
      ...defaultPlatform,
      defaults: { region: "eu-north-1", vpc: { flowLogRetentionDays: 90 } },
      environments: {
        ...defaultPlatform.environments,
        prod: {
          ...defaultPlatform.environments.prod,
          vpc: { cidr: "10.30.0.0/16", natMode: "single", flowLogRetentionDays: 400 },
        },
      },
    };
    const envs2 = byName(config);
    expect(envs2.prod!.settings.vpc).toMatchObject({
      natMode: "single",
      flowLogRetentionDays: 400,
      azCount: 3,
    });
    expect(envs2.dev!.settings.vpc.flowLogRetentionDays).toBe(90);
  });

  it("lays subnets out by AZ letter, so adding an AZ never moves another AZ's subnets", () => {
    const two = byName({
      ...defaultPlatform,
      environments: {
        prod: { ...defaultPlatform.environments.prod, vpc: { cidr: "10.30.0.0/16", azCount: 2 } },
      },
    }).prod!;
    const three = envs.prod!;
    expect(three.subnets["eu-north-1a"]).toEqual(two.subnets["eu-north-1a"]);
    expect(three.subnets["eu-north-1b"]).toEqual(two.subnets["eu-north-1b"]);
    expect(three.subnets["eu-north-1c"]).toEqual({
      private: "10.30.32.0/20",
      public: "10.30.98.0/24",
      database: "10.30.114.0/24",
    });
    const skipB = byName({
      ...defaultPlatform,
      environments: {
        prod: {
          ...defaultPlatform.environments.prod,
          vpc: { cidr: "10.30.0.0/16", azs: ["eu-north-1a", "eu-north-1c"] },
        },
      },
    }).prod!;
    expect(skipB.subnets["eu-north-1c"]).toEqual(three.subnets["eu-north-1c"]);
  });

  it("keys state per environment", () => {
    expect(envs.staging!.state).toEqual({
      bucket: "healthcare-terraform-state",
      key: "healthcare/staging/terraform.tfstate",
      region: "eu-north-1",
    });
  });
});
