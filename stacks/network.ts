import { CACHE_PORT } from "../constructs/cache/spec";
import { ENGINE_TRAITS } from "../constructs/database/engines";
import { VpcModule } from "../constructs/vpc";
import type { EnvironmentSettings } from "../config/schema";
import type { EnvironmentContext } from "./context";

/** The network part's contract. */
export interface NetworkPart {
  readonly vpc: VpcModule;
  /** Root outputs this part contributes. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** The environment's VPC, from its resolved network settings. */
export function addNetwork(ctx: EnvironmentContext): NetworkPart {
  const { settings, subnets } = ctx.environment;
  const vpc = new VpcModule(ctx.scope, "vpc", {
    source: ctx.moduleSource("vpc"),
    inputs: {
      name: ctx.namePrefix,
      cidr_block: settings.vpc.cidr,
      subnets: Object.fromEntries(Object.entries(subnets).map(([az, s]) => [az, { ...s }])),
      nat_mode: settings.vpc.natMode,
      flow_log_retention_days: settings.vpc.flowLogRetentionDays,
      database_subnets: settings.vpc.databaseSubnets ?? true,
      interface_endpoints: [...(settings.vpc.interfaceEndpoints ?? [])],
      network_acls_enabled: settings.vpc.networkAcls ?? false,
      database_ports: databaseTierPorts(settings),
    },
  });
  return {
    vpc,
    outputs: {
      vpc_id: vpc.outputs.vpc_id,
      private_subnet_ids: vpc.outputs.private_subnet_ids,
      nat_public_ips: vpc.outputs.nat_public_ips,
    },
  };
}

/**
 * The ports the database tier's network ACL admits from the private subnets: every database
 * engine's and, with a cache, the cache port. Ascending, so the order of the config's stores
 * does not renumber the rules.
 */
export function databaseTierPorts(settings: EnvironmentSettings): number[] {
  const ports = new Set<number>();
  for (const db of Object.values(settings.databases ?? {}))
    ports.add(ENGINE_TRAITS[db.engine].port);
  if (Object.keys(settings.caches ?? {}).length > 0) ports.add(CACHE_PORT);
  return [...ports].sort((a, b) => a - b);
}
