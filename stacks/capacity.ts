import { Fn, Token } from "cdktf";
import { servicePool } from "../config/compute";
import type { Service } from "../config/schema";
import { EcsCapacityModule } from "../constructs/ecs-capacity";
import { DEFAULT_PLACEMENT } from "../constructs/ecs-service/placement";
import { ServiceDiscoveryModule } from "../constructs/service-discovery";
import type { EnvironmentContext } from "./context";
import type { NetworkPart } from "./network";

/** The capacity part's contract: ECS-on-EC2 pools and the Cloud Map namespace. */
export interface CapacityPart {
  /** Inputs of the ecs-cluster module: the pools' providers and the default strategy. */
  readonly clusterInputs: {
    readonly capacity_providers: string[];
    readonly default_capacity_provider_strategy: { capacity_provider: string }[] | null;
  };
  /** Inputs of a service's ecs-service module: where it runs and its Cloud Map registration. */
  serviceInputs(service: Service): {
    readonly ec2_capacity_provider: string | null;
    readonly placement_strategies: { type: string; field: string | null }[];
    readonly ec2_volumes: Record<
      string,
      { container_path: string; host_path: string | null; read_only: boolean }
    >;
    readonly service_discovery_arn: string | null;
  };
  readonly outputs: Readonly<Record<string, unknown>>;
}

/**
 * `capacityPools` as one ecs-capacity module call (an Auto Scaling group and a capacity
 * provider per pool, keyed by pool name so adding one touches no other), and the services
 * with `discovery` as one Cloud Map namespace. Neither exists without config asking for it.
 */
export function addCapacity(ctx: EnvironmentContext, network: NetworkPart): CapacityPart {
  const { settings } = ctx.environment;
  const prefix = ctx.namePrefix;
  const vpc = network.vpc.outputs;
  const pools = settings.capacityPools ?? {};

  const capacity =
    Object.keys(pools).length > 0
      ? new EcsCapacityModule(ctx.scope, "ecs_capacity", {
          source: ctx.moduleSource("ecs-capacity"),
          inputs: {
            name: prefix,
            // The cluster's name is the prefix (stacks/compute.ts); a string, so no cycle.
            cluster_name: prefix,
            vpc_id: vpc.vpc_id,
            subnet_ids: vpc.private_subnet_ids,
            pools: Object.fromEntries(
              Object.entries(pools).map(([name, p]) => [
                name,
                {
                  instance_types: p.instanceTypes,
                  architecture: p.architecture ?? "x86_64",
                  ami_id: p.amiId ?? null,
                  min_size: p.minSize,
                  max_size: p.maxSize,
                  target_capacity: p.targetCapacity,
                  on_demand_base_capacity: p.onDemandBase,
                  spot_percentage: p.spotPercentage,
                },
              ]),
            ),
          },
        })
      : undefined;
  const provider = (pool: string) =>
    Token.asString(Fn.lookup(capacity!.outputs.capacity_provider_names, pool));

  const discovered = (settings.services ?? []).filter((s) => s.discovery);
  const discovery =
    discovered.length > 0
      ? new ServiceDiscoveryModule(ctx.scope, "service_discovery", {
          source: ctx.moduleSource("service-discovery"),
          inputs: {
            name: settings.discoveryNamespace ?? `${prefix}.local`,
            vpc_id: vpc.vpc_id,
            services: Object.fromEntries(
              discovered.map((s) => [s.name, { description: `ECS service ${prefix}-${s.name}` }]),
            ),
          },
        })
      : undefined;

  const defaultPool = servicePool(undefined, settings.defaultCapacity);
  return {
    clusterInputs: {
      capacity_providers: Object.keys(pools).map(provider),
      default_capacity_provider_strategy:
        defaultPool !== undefined ? [{ capacity_provider: provider(defaultPool) }] : null,
    },
    serviceInputs: (service) => {
      const pool = servicePool(service.capacity, settings.defaultCapacity);
      return {
        ec2_capacity_provider: pool !== undefined ? provider(pool) : null,
        placement_strategies: (service.placement ?? DEFAULT_PLACEMENT).map((p) => ({
          type: p.type,
          field: p.field ?? null,
        })),
        ec2_volumes: Object.fromEntries(
          Object.entries(service.ec2Volumes ?? {}).map(([name, v]) => [
            name,
            {
              container_path: v.containerPath,
              host_path: v.hostPath ?? null,
              read_only: v.readOnly ?? false,
            },
          ]),
        ),
        service_discovery_arn: service.discovery
          ? Token.asString(Fn.lookup(discovery!.outputs.service_arns, service.name))
          : null,
      };
    },
    outputs: discovery ? { service_discovery_namespace: discovery.outputs.namespace_name } : {},
  };
}
