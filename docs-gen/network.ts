import { GATEWAY_ENDPOINTS } from "../constructs/vpc/spec";
import type { ResolvedEnvironment } from "../config/resolve";
import { databaseTierPorts } from "../stacks/network";
import { code, listing, section, table } from "./markdown";

/** The AZs that get a NAT gateway: the module puts a single one in the first AZ by name. */
export function natAzs(environment: ResolvedEnvironment): string[] {
  const azs = Object.keys(environment.subnets).sort();
  const mode = environment.settings.vpc.natMode;
  return mode === "one-per-az" ? azs : mode === "single" ? azs.slice(0, 1) : [];
}

const TIER_ROWS = [
  ["public", "public", "internet gateway"],
  ["private", "private", "NAT gateway"],
  ["database", "database", "none (VPC only)"],
  ["intra", "intra", "none (VPC only)"],
] as const;

/** The VPC: CIDRs per tier and AZ, NAT, endpoints, network ACLs, flow logs. */
export function networkSection(environment: ResolvedEnvironment): string {
  const { settings, azs, subnets } = environment;
  const { vpc } = settings;
  const nat = natAzs(environment);
  const tiers = TIER_ROWS.filter(([key]) => azs.some((az) => subnets[az]![key] !== undefined));
  const cidrs = table(
    ["tier", ...azs, "route out"],
    tiers.map(([key, name, out]) => [
      name,
      ...azs.map((az) => code(subnets[az]![key] ?? "")),
      key === "private" && nat.length === 0 ? "none (nat mode none)" : out,
    ]),
  );
  const natText =
    nat.length === 0
      ? "none: the private subnets have no route to the internet"
      : vpc.natMode === "single"
        ? `one NAT gateway in ${nat[0]} for every AZ (an AZ outage in ${nat[0]} cuts the others' internet egress)`
        : `one NAT gateway per AZ (${listing(nat)}), each AZ egresses through its own`;
  const interfaces = vpc.interfaceEndpoints ?? [];
  const ports = databaseTierPorts(settings);
  const databaseTier = subnets[azs[0]!]!.database !== undefined;
  const acls = vpc.networkAcls
    ? "on, one per tier (stateless, ephemeral return ports admitted explicitly): public admits " +
      "80/443 from anywhere, private admits the VPC CIDR" +
      (databaseTier && ports.length > 0
        ? `, database admits only ${listing(ports.map(String))} from the private subnets`
        : "")
    : "off: security groups alone";
  return section(
    "Network",
    `VPC ${code(vpc.cidr)} in ${settings.region}, ${azs.length} Availability Zones.`,
    cidrs,
    table(
      ["setting", "value"],
      [
        ["NAT", natText],
        [
          "gateway endpoints",
          `${listing(GATEWAY_ENDPOINTS.map((e) => code(e)))}, routed from the private and intra subnets`,
        ],
        [
          "interface endpoints",
          interfaces.length === 0
            ? "none (AWS APIs are reached through NAT)"
            : `${listing(interfaces.map((e) => code(e)))} in the private subnets, private DNS, HTTPS from the VPC only`,
        ],
        ["network ACLs", acls],
        ["flow logs", `all traffic, kept ${vpc.flowLogRetentionDays} days`],
      ],
    ),
  );
}
