import { Fn, Lazy, Token } from "cdktf";
import { AlbModule } from "../constructs/alb";
import { ApiGatewayModule } from "../constructs/api-gateway";
import { EcsClusterModule } from "../constructs/ecs-cluster";
import { EcsServiceModule } from "../constructs/ecs-service";
import { VpcLinkModule } from "../constructs/vpc-link";
import type { Service } from "../config/schema";
import type { EnvironmentStack } from "./environment-stack";
import type { DataStores } from "./data-stores";
import type { Network } from "./network";

export type PrivateApi = NonNullable<ReturnType<typeof addPrivateApi>>;

/** Terraform-safe id for a service's module call: `module.service_eshop`. */
export const serviceCallId = (service: string) => `service_${service.replace(/-/g, "_")}`;

/**
 * Reference architecture 002's request path: API Gateway (HTTP API) → VPC link in the private
 * subnets → internal ALB with a rule per service → one ECS Fargate service per config entry.
 * Security groups are wired here, from the config: the link may reach only the ALB, the ALB
 * admits only the link and reaches only the services, each service admits only the ALB.
 */
export function addPrivateApi(
  stack: EnvironmentStack,
  network: Network,
  data: DataStores,
  rollbackAlarms: (service: string) => string[],
) {
  const { settings } = stack.environment;
  const services = settings.services ?? [];
  if (services.length === 0) return undefined;
  const prefix = stack.namePrefix;
  const privateSubnets = network.vpc.outputs.private_subnet_ids;
  const vpcId = network.vpc.outputs.vpc_id;
  const listenerPort = settings.alb.certificateArn ? 443 : 80;

  const cluster = new EcsClusterModule(stack, "ecs_cluster", {
    source: stack.moduleSource("ecs-cluster"),
    inputs: {
      name: prefix,
      account_id: settings.accountId,
      log_retention_days: settings.logRetentionDays,
    },
  });

  // The ALB and its neighbours reference each other's security groups; Lazy defers the
  // references until every call exists (Terraform sees no cycle: rules depend on groups).
  const serviceCalls = new Map<string, EcsServiceModule>();
  let link: VpcLinkModule | undefined;
  const alb = new AlbModule(stack, "alb", {
    source: stack.moduleSource("alb"),
    inputs: {
      name: prefix,
      account_id: settings.accountId,
      vpc_id: vpcId,
      subnet_ids: settings.alb.internal ? privateSubnets : network.vpc.outputs.public_subnet_ids,
      internal: settings.alb.internal,
      certificate_arns: settings.alb.certificateArn ? [settings.alb.certificateArn] : [],
      services: Object.fromEntries(services.map((s) => [s.name, albTarget(s)])),
      ingress_security_group_ids: settings.alb.internal
        ? { vpc_link: Lazy.stringValue({ produce: () => link!.outputs.security_group_id }) }
        : {},
      ingress_cidr_blocks: settings.alb.ingressCidrs ?? [],
      service_security_group_ids: Lazy.anyValue({
        produce: () =>
          Object.fromEntries(
            [...serviceCalls].map(([name, call]) => [name, call.outputs.security_group_id]),
          ),
      }) as unknown as Record<string, string>,
      enable_deletion_protection: settings.alb.deletionProtection,
      access_logs_retention_days: settings.alb.accessLogRetentionDays,
    },
  });

  for (const service of services) {
    const uses = dataStoreWiring(service, data);
    const call = new EcsServiceModule(stack, serviceCallId(service.name), {
      source: stack.moduleSource("ecs-service"),
      inputs: {
        name: `${prefix}-${service.name}`,
        account_id: settings.accountId,
        cluster_arn: cluster.outputs.cluster_arn,
        cluster_name: cluster.outputs.cluster_name,
        vpc_id: vpcId,
        subnet_ids: privateSubnets,
        alb_security_group_id: alb.outputs.security_group_id,
        target_group_arn: Token.asString(Fn.lookup(alb.outputs.target_group_arns, service.name)),
        alb_resource_label: `${alb.outputs.arn_suffix}/${Fn.lookup(alb.outputs.target_group_arn_suffixes, service.name)}`,
        image: service.image,
        image_owner: service.imageOwner ?? "terraform",
        container_port: service.port,
        cpu: service.cpu,
        memory: service.memory,
        cpu_architecture: service.architecture ?? "X86_64",
        environment: { ...service.environment, ...uses.environment },
        secrets: { ...service.secrets, ...uses.secrets },
        secrets_kms_key_arns: uses.kmsKeyArns,
        egress_security_group_rules: uses.egress,
        efs_volumes: uses.efsVolumes,
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
        alarm_names: rollbackAlarms(service.name),
      },
    });
    serviceCalls.set(service.name, call);
    for (const store of uses.stores)
      data.allow(store, service.name, call.outputs.security_group_id, call.outputs.task_role_arn);
  }

  // The API is the front door of an internal ALB only; a public ALB is reached directly.
  const front = settings.alb.internal ? addApiFront(stack, network, alb, listenerPort) : undefined;
  link = front?.link;

  return {
    alb,
    cluster,
    api: front?.api,
    services: serviceCalls,
    outputs: {
      ...(front ? { api_endpoint: front.api.outputs.api_endpoint } : {}),
      alb_dns_name: alb.outputs.dns_name,
      ecs_cluster_name: cluster.outputs.cluster_name,
    },
  };
}

/** API Gateway (HTTP API) → VPC link in the private subnets → the internal ALB's listener. */
function addApiFront(
  stack: EnvironmentStack,
  network: Network,
  alb: AlbModule,
  listenerPort: number,
) {
  const { settings } = stack.environment;
  const { api } = settings;
  const services = settings.services ?? [];
  const prefix = stack.namePrefix;
  const privateSubnets = network.vpc.outputs.private_subnet_ids;
  const vpcId = network.vpc.outputs.vpc_id;
  const link = new VpcLinkModule(stack, "vpc_link", {
    source: stack.moduleSource("vpc-link"),
    inputs: {
      name: prefix,
      vpc_id: vpcId,
      subnet_ids: privateSubnets,
      alb_security_group_id: alb.outputs.security_group_id,
      alb_port: listenerPort,
    },
  });

  const apiCall = new ApiGatewayModule(stack, "api", {
    source: stack.moduleSource("api-gateway"),
    inputs: {
      name: prefix,
      vpc_link_id: link.outputs.vpc_link_id,
      alb_listener_arn: alb.outputs.listener_arn,
      routes: Object.fromEntries(
        (api.routes ?? []).map((route) => {
          const service = services.find((s) => s.name === route.service)!;
          const path = (route.path ?? service.path).replace(/\/+$/, "");
          return [
            route.service,
            {
              route_key: `${route.method ?? "ANY"} ${path}/{proxy+}`,
              authorizer: route.authorizer ?? null,
            },
          ];
        }),
      ),
      jwt_authorizers: Object.fromEntries(
        Object.entries(api.jwtAuthorizers ?? {}).map(([name, a]) => [
          name,
          { issuer: a.issuer, audiences: a.audiences },
        ]),
      ),
      cors: api.corsAllowOrigins
        ? {
            allow_origins: api.corsAllowOrigins,
            allow_methods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            allow_headers: ["authorization", "content-type"],
            max_age: 3600,
          }
        : null,
      custom_domain: api.customDomain
        ? {
            domain_name: api.customDomain.domainName,
            certificate_arn: api.customDomain.certificateArn,
          }
        : null,
      throttling_burst_limit: api.throttlingBurstLimit,
      throttling_rate_limit: api.throttlingRateLimit,
      log_retention_days: settings.logRetentionDays,
    },
  });

  return { link, api: apiCall };
}

function albTarget(service: Service) {
  return {
    port: service.port,
    priority: service.priority,
    path_patterns: [service.path, `${service.path}/*`],
    health_check: { path: service.healthCheckPath ?? "/health" },
  };
}

/**
 * What a service gets from the stores it declares: connection settings as environment
 * variables, credentials as secrets (by ARN, read by the execution role, never in plain
 * environment), the keys those secrets are encrypted with, and an egress rule per store.
 */
function dataStoreWiring(service: Service, data: DataStores) {
  const environment: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const kmsKeyArns: string[] = [];
  const egress: Record<string, { security_group_id: string; port: number; description: string }> =
    {};
  const stores: `${"database" | "cache" | "efs"}:${string}`[] = [];

  if (service.database) {
    const db = data.databases.get(service.database)!.outputs;
    Object.assign(environment, {
      DB_HOST: db.endpoint,
      DB_PORT: Token.asString(db.port),
      DB_NAME: db.database_name,
    });
    // ECS reads one JSON key of the RDS-managed secret: <arn>:<key>:<stage>:<version>.
    Object.assign(secrets, {
      DB_USERNAME: `${db.master_secret_arn}:username::`,
      DB_PASSWORD: `${db.master_secret_arn}:password::`,
    });
    kmsKeyArns.push(db.kms_key_arn);
    egress[`database_${service.database}`] = {
      security_group_id: db.security_group_id,
      port: db.port,
      description: `to database ${service.database}`,
    };
    stores.push(`database:${service.database}`);
  }
  if (service.cache) {
    const cache = data.caches.get(service.cache)!.outputs;
    Object.assign(environment, {
      REDIS_HOST: cache.primary_endpoint,
      REDIS_PORT: Token.asString(cache.port),
    });
    secrets.REDIS_AUTH_TOKEN = cache.auth_secret_arn;
    kmsKeyArns.push(cache.kms_key_arn);
    egress[`cache_${service.cache}`] = {
      security_group_id: cache.security_group_id,
      port: cache.port,
      description: `to cache ${service.cache}`,
    };
    stores.push(`cache:${service.cache}`);
  }
  const efsVolumes: Record<
    string,
    {
      file_system_id: string;
      file_system_arn: string;
      access_point_id: string;
      access_point_arn: string;
      container_path: string;
      read_only: boolean;
    }
  > = {};
  for (const v of service.volumes ?? []) {
    const fs = data.fileSystems.get(v.fileSystem)!.outputs;
    efsVolumes[`${v.fileSystem}-${v.accessPoint}`] = {
      file_system_id: fs.file_system_id,
      file_system_arn: fs.file_system_arn,
      access_point_id: Token.asString(Fn.lookup(fs.access_point_ids, v.accessPoint)),
      access_point_arn: Token.asString(Fn.lookup(fs.access_point_arns, v.accessPoint)),
      container_path: v.containerPath,
      read_only: v.readOnly ?? false,
    };
  }
  for (const fsName of new Set((service.volumes ?? []).map((v) => v.fileSystem))) {
    const fs = data.fileSystems.get(fsName)!.outputs;
    egress[`efs_${fsName}`] = {
      security_group_id: fs.security_group_id,
      port: 2049,
      description: `to file system ${fsName} (NFS)`,
    };
    stores.push(`efs:${fsName}`);
  }
  return { environment, secrets, kmsKeyArns, egress, efsVolumes, stores };
}
