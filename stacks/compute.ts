import { EcsClusterModule } from "../constructs/ecs-cluster";
import { EcsServiceModule } from "../constructs/ecs-service";
import type { Service } from "../config/schema";
import type { CapacityPart } from "./capacity";
import { Connections } from "./connections";
import type { EnvironmentContext } from "./context";
import type { DataPart } from "./data-stores";
import { serviceDelivery } from "./delivery";
import type { EntryPart } from "./entry";
import { ServiceGrants } from "./grants";
import type { NetworkPart } from "./network";

/** Terraform-safe id for a service's module call: `module.service_eshop`. */
export const serviceCallId = (service: string) => `service_${service.replace(/-/g, "_")}`;

/** The compute part's contract. */
export interface ComputePart {
  readonly cluster?: EcsClusterModule;
  readonly services: ReadonlyMap<string, EcsServiceModule>;
  /** What each service is granted; delivery adds its repository's pull. */
  readonly grants: ReadonlyMap<string, ServiceGrants>;
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface ComputeNeeds {
  readonly network: NetworkPart;
  readonly data: DataPart;
  readonly entry: EntryPart;
  readonly capacity: CapacityPart;
  /** A service's critical alarms, for its deployment's automatic rollback (read at synth time). */
  readonly rollbackAlarms: (service: string) => string[];
}

/**
 * One ECS Fargate service per config entry, in the private subnets. Network access and IAM
 * come from declarations: the load balancer reaches the services it routes to, and each store
 * a service names grants it what it needs (`grantConnect`, `grantMount`).
 */
export function addCompute(ctx: EnvironmentContext, needs: ComputeNeeds): ComputePart {
  const { settings } = ctx.environment;
  const services = settings.services ?? [];
  if (services.length === 0) return { services: new Map(), grants: new Map(), outputs: {} };
  const { network, data, entry } = needs;
  const prefix = ctx.namePrefix;

  const cluster = new EcsClusterModule(ctx.scope, "ecs_cluster", {
    source: ctx.moduleSource("ecs-cluster"),
    inputs: {
      name: prefix,
      account_id: settings.accountId,
      // The ECS Exec session log is an audit trail: it keeps the audit retention.
      log_retention_days: settings.audit.logRetentionDays,
      ...needs.capacity.clusterInputs,
    },
  });

  const calls = new Map<string, EcsServiceModule>();
  const granted = new Map<string, ServiceGrants>();
  for (const service of services) {
    const grants = new ServiceGrants(
      service.name,
      new Connections(service.name, `service ${service.name}`),
      service,
    );
    const alb = service.path !== undefined ? entry.loadBalancer : undefined;
    alb?.connections.allowTo(grants, service.port);
    grantStores(service, grants, data);

    const call = new EcsServiceModule(ctx.scope, serviceCallId(service.name), {
      source: ctx.moduleSource("ecs-service"),
      inputs: {
        name: `${prefix}-${service.name}`,
        account_id: settings.accountId,
        cluster_arn: cluster.outputs.cluster_arn,
        cluster_name: cluster.outputs.cluster_name,
        vpc_id: network.vpc.outputs.vpc_id,
        subnet_ids: network.vpc.outputs.private_subnet_ids,
        load_balanced: alb !== undefined,
        alb_security_group_id: alb ? grants.connections.ingressGroupIdOf(alb) : null,
        target_group_arn: alb?.targetGroupArn(service.name) ?? null,
        alb_resource_label: alb?.resourceLabel(service.name) ?? null,
        ...serviceDelivery(ctx, service, needs.rollbackAlarms(service.name)),
        container_port: service.port,
        cpu: service.cpu,
        memory: service.memory,
        cpu_architecture: service.architecture ?? "X86_64",
        ...grants.inputs(),
        egress_security_group_rules: grants.connections.egressRules(),
        ingress_security_group_rules: grants.connections.ingressRules(alb),
        egress_external_rules: externalEgress(service),
        ...needs.capacity.serviceInputs(service),
        log_retention_days: settings.logRetentionDays,
        desired_count: service.desiredCount,
        min_count: service.minCount,
        max_count: service.maxCount,
        cpu_target: service.cpuTarget,
        memory_target: service.memoryTarget,
        requests_per_target: service.requestsPerTarget ?? null,
        fargate_base: service.fargateBase,
        fargate_weight: service.fargateWeight,
        spot_weight: service.spotWeight,
      },
    });
    grants.connections.bind(call.outputs.security_group_id, service.port);
    grants.bindTaskRole(call.outputs.task_role_arn);
    grants.bindExecutionRole(call.outputs.execution_role_arn);
    calls.set(service.name, call);
    granted.set(service.name, grants);
  }
  // Declared service-to-service access, on the target's port: ingress there, egress here.
  for (const service of services)
    for (const { service: target } of service.reaches ?? [])
      granted.get(target)!.connections.allowFrom(granted.get(service.name)!);

  return {
    cluster,
    services: calls,
    grants: granted,
    outputs: { ecs_cluster_name: cluster.outputs.cluster_name },
  };
}

/** `egressAllow`: the external dependencies the tasks may reach. */
function externalEgress(service: Service) {
  return Object.fromEntries(
    // Keyed by destination and port, so removing one never renames another.
    (service.egressAllow ?? []).map((e) => [
      `${e.cidr ? `cidr-${e.cidr.replace(/[./]/g, "-")}` : e.prefixList}-${e.port}`,
      {
        cidr_ipv4: e.cidr ?? null,
        prefix_list_id: e.prefixList ?? null,
        port: e.port,
        description: e.description,
      },
    ]),
  );
}

/** Each store the service declares grants it access. */
function grantStores(service: Service, grants: ServiceGrants, data: DataPart): void {
  if (service.database) data.databases.get(service.database)!.grantConnect(grants);
  if (service.cache) data.caches.get(service.cache)!.grantConnect(grants);
  for (const volume of service.volumes ?? [])
    data.fileSystems.get(volume.fileSystem)!.grantMount(grants, volume);
  for (const { bucket, access } of service.buckets ?? []) {
    const store = data.buckets.get(bucket)!;
    if (access === "read") store.grantRead(grants);
    else store.grantReadWrite(grants);
  }
  for (const [variable, ref] of Object.entries(service.secretRefs ?? {})) {
    const { secret, key } = typeof ref === "string" ? { secret: ref, key: undefined } : ref;
    data.secrets!.grantRead(grants, variable, secret, key);
  }
}
