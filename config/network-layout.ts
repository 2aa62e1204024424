import { contains, Cidr, cidrSubnet, formatCidr, overlaps, parseCidr } from "./cidr";
import { ConfigError, failInto } from "./errors";
import type { EnvironmentSettings } from "./schema";

export interface SubnetCidrs {
  readonly public: string;
  readonly private: string;
  /** Absent when `vpc.databaseSubnets` is off. */
  readonly database?: string;
  readonly intra?: string;
}

/** What the network layout depends on. */
export type NetworkSettings = Pick<EnvironmentSettings, "region" | "vpc">;

const AZ_LETTERS = "abcdefghijklmnop";

/** AZ names of the environment: explicit `azs`, else the region's first `azCount` letters. */
export function resolveAzs(settings: NetworkSettings): string[] {
  return (
    settings.vpc.azs ??
    [...AZ_LETTERS.slice(0, settings.vpc.azCount)].map((l) => `${settings.region}${l}`)
  );
}

/**
 * Automatic layout, keyed by the AZ's letter rather than its position in the list, so adding
 * or removing an AZ never moves another AZ's subnets: private /+4 at slot `i`, public,
 * database and intra /+8 in blocks of 16 starting at 96, 112 and 128.
 */
export function autoLayout(
  vpcCidr: Cidr,
  az: string,
  tiers: { readonly intra: boolean; readonly database: boolean },
): SubnetCidrs {
  const i = AZ_LETTERS.indexOf(az.slice(-1));
  const at = (bits: number, n: number) => formatCidr(cidrSubnet(vpcCidr, bits, n));
  // Without the database tier its block stays free, so turning it on later moves nothing.
  return {
    private: at(4, i),
    public: at(8, 96 + i),
    ...(tiers.database ? { database: at(8, 112 + i) } : {}),
    ...(tiers.intra ? { intra: at(8, 128 + i) } : {}),
  };
}

/** Checks the network settings that need more than a field at a time; returns the layout. */
export function checkNetwork(
  env: string,
  settings: NetworkSettings,
  errors: ConfigError[],
): Record<string, SubnetCidrs> | undefined {
  const { vpc } = settings;
  const errorsBefore = errors.length;
  const fail = failInto(errors, env);
  const vpcCidr = parseCidr(vpc.cidr);
  if (!vpcCidr) {
    fail(
      "vpc.cidr",
      vpc.cidr,
      "must be an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16",
    );
    return undefined;
  }
  const auto = vpc.subnets === undefined;
  const maxPrefix = auto ? 20 : 24;
  if (vpcCidr.prefix < 16 || vpcCidr.prefix > maxPrefix) {
    fail(
      "vpc.cidr",
      vpc.cidr,
      `prefix must be between /16 and /${maxPrefix}${auto ? " when subnets are laid out automatically (set vpc.subnets for smaller VPCs)" : ""}`,
    );
    return undefined;
  }

  const azs = resolveAzs(settings);
  const azPath = vpc.azs ? "vpc.azs" : "vpc.azCount";
  const seen = new Set<string>();
  azs.forEach((az, i) => {
    if (seen.has(az))
      fail(`vpc.azs.${i}`, az, "duplicate Availability Zone; each AZ may appear once");
    seen.add(az);
    if (!new RegExp(`^${settings.region}[a-p]$`).test(az)) {
      fail(
        vpc.azs ? `vpc.azs.${i}` : azPath,
        az,
        `must be an Availability Zone of ${settings.region}, such as ${settings.region}a`,
      );
    }
  });
  const endpoints = vpc.interfaceEndpoints ?? [];
  endpoints.forEach((service, i) => {
    if (endpoints.indexOf(service) !== i)
      fail(`vpc.interfaceEndpoints.${i}`, service, "duplicate service; list each endpoint once");
  });
  if (errors.length > errorsBefore) return undefined;

  const database = vpc.databaseSubnets ?? true;
  const layout: Record<string, SubnetCidrs> = {};
  if (auto) {
    const tiers = { intra: vpc.intraSubnets ?? false, database };
    for (const az of azs) layout[az] = autoLayout(vpcCidr, az, tiers);
    return layout;
  }

  const explicit = vpc.subnets!;
  for (const az of azs) {
    if (!explicit[az])
      fail(
        `vpc.subnets.${az}`,
        undefined,
        `missing: every AZ in use (${azs.join(", ")}) needs its subnets`,
      );
  }
  for (const az of Object.keys(explicit)) {
    if (!azs.includes(az))
      fail(`vpc.subnets.${az}`, explicit[az], `is not one of the AZs in use: ${azs.join(", ")}`);
  }
  const placed: { path: string; text: string; cidr: Cidr }[] = [];
  for (const az of azs.filter((a) => explicit[a])) {
    const given = explicit[az]!.database;
    if (database && given === undefined)
      fail(
        `vpc.subnets.${az}.database`,
        undefined,
        "missing: the database tier (vpc.databaseSubnets, default true) needs a CIDR in every AZ",
      );
    if (!database && given !== undefined)
      fail(
        `vpc.subnets.${az}.database`,
        given,
        "must not be set while vpc.databaseSubnets is false (there is no database tier)",
      );
    for (const [tier, text] of Object.entries(explicit[az]!)) {
      if (text === undefined) continue;
      const path = `vpc.subnets.${az}.${tier}`;
      const cidr = parseCidr(text);
      if (!cidr) {
        fail(path, text, "must be an IPv4 CIDR block with no host bits set, such as 10.0.1.0/24");
        continue;
      }
      if (!contains(vpcCidr, cidr)) {
        fail(path, text, `must lie inside the VPC CIDR ${vpc.cidr}`);
        continue;
      }
      if (cidr.prefix > 28) fail(path, text, "must be /28 or larger (AWS minimum subnet size)");
      const clash = placed.find((p) => overlaps(p.cidr, cidr));
      if (clash)
        fail(path, text, `overlaps ${clash.path} (${clash.text}); subnets must not overlap`);
      placed.push({ path, text, cidr });
    }
    layout[az] = explicit[az]!;
  }
  return layout;
}
