import { Fn, Token } from "cdktf";
import { AlbModule } from "../constructs/alb";
import { ApiGatewayModule } from "../constructs/api-gateway";
import { VpcLinkModule } from "../constructs/vpc-link";
import { blueGreenAlbInputs } from "../config/delivery";
import { edgePlan } from "../config/edge";
import type { Service } from "../config/schema";
import { albConditions } from "../config/compute";
import { type Connectable, Connections } from "./connections";
import { deferred } from "./deferred";
import type { EnvironmentContext } from "./context";
import type { NetworkPart } from "./network";

/** How requests enter the environment: the config's `entry`. */
export type EntryKind = "api-gateway" | "public-alb" | "none";

/** The entry part's contract. */
export interface EntryPart {
  readonly kind: EntryKind;
  /** The ALB in front of the services that have a path; none with `entry: none`. */
  readonly loadBalancer?: LoadBalancer;
  /** The HTTP API in front of the internal ALB (`entry: api-gateway`). */
  readonly api?: ApiGatewayModule;
  readonly outputs: Readonly<Record<string, unknown>>;
}

/**
 * The environment's request path, chosen by config:
 * - `api-gateway` (reference 002): HTTP API → VPC link in the private subnets → internal ALB;
 * - `public-alb`: an internet-facing ALB with HTTPS;
 * - `none`: no load balancer; services are workers or reached only inside the VPC.
 */
export function addEntry(ctx: EnvironmentContext, network: NetworkPart): EntryPart {
  const kind = ctx.environment.settings.entry;
  if (kind === "none") return { kind, outputs: {} };
  const loadBalancer = new LoadBalancer(
    ctx,
    network,
    edgePlan(ctx.environment.settings).internalAlb,
  );
  if (kind === "public-alb") return { kind, loadBalancer, outputs: loadBalancer.outputs };
  const api = addApiFront(ctx, network, loadBalancer);
  return {
    kind,
    loadBalancer,
    api,
    outputs: { api_endpoint: api.outputs.api_endpoint, ...loadBalancer.outputs },
  };
}

/** A target group made elsewhere that the ALB forwards to (the alb module's `forward_targets`). */
export interface ForwardTarget {
  readonly target_group_arn: string;
  readonly port: number;
  readonly priority: number;
  readonly path_patterns: string[];
  readonly host_headers: string[];
}

/** The ALB with a target group and rule per service that has a path and per EC2 host. */
export class LoadBalancer implements Connectable {
  readonly connections = new Connections("alb", "load balancer");
  private readonly forwarded = new Map<string, ForwardTarget>();
  readonly call: AlbModule;
  /** The port the VPC link or clients reach the listener on. */
  readonly listenerPort: number;
  /** Certificates the edge part adds by name (their ARNs are known only after apply). */
  private readonly edgeCertificates: Record<string, string> = {};

  constructor(ctx: EnvironmentContext, network: NetworkPart, internal: boolean) {
    const { settings } = ctx.environment;
    const vpc = network.vpc.outputs;
    // HTTPS from a given certificate, or one the edge part issues: for the public ALB's names
    // or for the API's internal name.
    const edge = edgePlan(settings);
    const https = settings.alb.certificateArn || edge.internalHostName || edge.albHostNames;
    this.listenerPort = https ? 443 : 80;
    const routed = (settings.services ?? []).filter((s) => s.path !== undefined);
    this.call = new AlbModule(ctx.scope, "alb", {
      source: ctx.moduleSource("alb"),
      inputs: {
        name: ctx.namePrefix,
        account_id: settings.accountId,
        vpc_id: vpc.vpc_id,
        subnet_ids: internal ? vpc.private_subnet_ids : vpc.public_subnet_ids,
        internal,
        certificate_arns: settings.alb.certificateArn ? [settings.alb.certificateArn] : [],
        named_certificate_arns: deferred.value(() => this.edgeCertificates),
        services: {
          ...Object.fromEntries(routed.map((s) => [s.name, albTarget(s)])),
          // EC2 hosts register their instance in a target group of the ALB's.
          ...Object.fromEntries(
            Object.entries(settings.hosts ?? {}).map(([name, h]) => [
              name,
              {
                port: h.port,
                priority: h.priority,
                ...albConditions(h),
                health_check: { path: h.healthCheckPath ?? "/health" },
                target_type: "instance",
              },
            ]),
          ),
        },
        forward_targets: deferred.value(() =>
          Object.fromEntries(
            [...this.forwarded].map(([key, target]) => [
              key,
              { ...target, security_group_id: this.egressGroupId(key) },
            ]),
          ),
        ),
        ingress_security_group_ids: this.connections.ingressGroupIds(),
        ingress_cidr_blocks: settings.alb.ingressCidrs ?? [],
        // Forwarded targets get their egress with their rule.
        service_security_group_ids: deferred.value(() =>
          Object.fromEntries(
            this.connections.egressFlows
              .filter((f) => !this.forwarded.has(f.peer.key))
              .map((f) => [f.peer.key, f.peer.securityGroupId]),
          ),
        ),
        enable_deletion_protection: settings.alb.deletionProtection,
        access_logs_retention_days: settings.alb.accessLogRetentionDays,
        ...blueGreenAlbInputs(settings),
      },
    });
    this.connections.bind(this.call.outputs.security_group_id, this.listenerPort);
  }

  /** Serves a certificate the edge part created (SNI beside the configured one, or the default). */
  addCertificate(name: string, arn: string): void {
    this.edgeCertificates[name] = arn;
  }

  /** Forwards a path or host to `target`'s own target group and lets the ALB reach it. */
  forwardTo(target: Connectable, route: ForwardTarget): void {
    this.connections.allowTo(target, route.port);
    this.forwarded.set(target.connections.key, route);
  }

  private egressGroupId(key: string): string {
    return this.connections.egressFlows.find((f) => f.peer.key === key)!.peer.securityGroupId;
  }

  /** The target group a routed service (or EC2 host) registers its tasks (or instance) in. */
  targetGroupArn(service: string): string {
    return Token.asString(Fn.lookup(this.call.outputs.target_group_arns, service));
  }

  /** `app/<alb>/<id>/targetgroup/<tg>/<id>`: the label request-count scaling needs. */
  resourceLabel(service: string): string {
    const out = this.call.outputs;
    return `${out.arn_suffix}/${Fn.lookup(out.target_group_arn_suffixes, service)}`;
  }

  get outputs() {
    return { alb_dns_name: this.call.outputs.dns_name };
  }
}

/** API Gateway (HTTP API) → VPC link in the private subnets → the internal ALB's listener. */
function addApiFront(
  ctx: EnvironmentContext,
  network: NetworkPart,
  alb: LoadBalancer,
): ApiGatewayModule {
  const { settings } = ctx.environment;
  const { api } = settings;
  const services = settings.services ?? [];
  const vpc = network.vpc.outputs;
  const link = new Connections("vpc_link", "VPC link");
  alb.connections.allowFrom(link, alb.listenerPort);
  const linkTarget = link.singleEgress();
  const linkCall = new VpcLinkModule(ctx.scope, "vpc_link", {
    source: ctx.moduleSource("vpc-link"),
    inputs: {
      name: ctx.namePrefix,
      vpc_id: vpc.vpc_id,
      subnet_ids: vpc.private_subnet_ids,
      alb_security_group_id: linkTarget.securityGroupId,
      alb_port: linkTarget.port,
    },
  });
  link.bind(linkCall.outputs.security_group_id);

  return new ApiGatewayModule(ctx.scope, "api", {
    source: ctx.moduleSource("api-gateway"),
    inputs: {
      name: ctx.namePrefix,
      vpc_link_id: linkCall.outputs.vpc_link_id,
      alb_listener_arn: alb.call.outputs.listener_arn,
      alb_tls_server_name: edgePlan(settings).internalHostName ?? null,
      routes: Object.fromEntries(
        (api.routes ?? []).map((route) => {
          const service = services.find((s) => s.name === route.service)!;
          return [
            route.service,
            {
              route_key: routeKey(route.method ?? "ANY", route.path ?? service.path!),
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
}

/** The service at `/` catches every request no other rule or route matches. */
const isRoot = (path: string) => path.replace(/\/+$/, "") === "";

function routeKey(method: string, path: string): string {
  return isRoot(path) ? "$default" : `${method} ${path.replace(/\/+$/, "")}/{proxy+}`;
}

function albTarget(service: Service) {
  const path = service.path!;
  return {
    port: service.port,
    priority: service.priority!,
    path_patterns: isRoot(path) ? ["/*"] : [path, `${path}/*`],
    health_check: { path: service.healthCheckPath ?? "/health" },
  };
}
