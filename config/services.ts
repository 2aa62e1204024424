import { FARGATE_MEMORY_BY_CPU } from "../constructs/core/fargate";
import { servicePool } from "./compute";
import type { ConfigError, Fail } from "./errors";
import { mergeLayers } from "./merge";
import type { CheckContext, Declared } from "./parsed";
import type { EnvironmentSettings, Service } from "./schema";

type Alb = EnvironmentSettings["alb"];
type Api = EnvironmentSettings["api"];
type Entry = EnvironmentSettings["entry"];

/** Target-group and ALB names are limited to 32 characters by AWS. */
export const MAX_LB_NAME = 32;

/**
 * Applies `serviceDefaults` and `serviceOverrides` to each declared service, before the schema
 * checks the result. Overrides naming an unknown service are errors.
 */
export function expandServices(
  env: string,
  merged: Record<string, unknown>,
  errors: ConfigError[],
): Record<string, unknown> {
  const services = merged.services;
  if (!Array.isArray(services)) return merged;
  const overrides = (merged.serviceOverrides ?? {}) as Record<string, unknown>;
  const names = services.map((s) => (s as { name?: unknown })?.name);
  for (const name of Object.keys(overrides)) {
    if (!names.includes(name)) {
      errors.push({
        environment: env,
        path: `serviceOverrides.${name}`,
        value: overrides[name],
        message: `no such service; declared: ${names.join(", ") || "(none)"}`,
      });
    }
  }
  return {
    ...merged,
    services: services.map((s) =>
      mergeLayers(merged.serviceDefaults, s, overrides[(s as { name?: string }).name ?? ""]),
    ),
  };
}

/** Rewrites `services.<index>` in an error path to `services[<name>]`, which is what users write. */
export function namedServicePath(path: string, services: unknown): string {
  const m = /^services\.(\d+)(.*)$/.exec(path);
  if (!m || !Array.isArray(services)) return path;
  const name = (services[Number(m[1])] as { name?: unknown } | undefined)?.name;
  return typeof name === "string" ? `services[${name}]${m[2]}` : path;
}

/** Checks across services, the ALB and the API that no single field can express. */
export function checkServices({ settings, namePrefix, declared, fail }: CheckContext): void {
  const services = settings.services ?? [];
  const seen = new Map<string, number>();
  const paths = new Map<string, string>();
  const priorities = new Map<number, string>();

  for (const s of services) {
    const at = `services[${s.name}]`;
    if (seen.has(s.name))
      fail(`${at}.name`, s.name, "duplicate service name; each service must be declared once");
    seen.set(s.name, (seen.get(s.name) ?? 0) + 1);

    // The Fargate table binds Fargate tasks only; config/compute.ts checks EC2 tasks against the instance.
    const onFargate = servicePool(s.capacity, settings.defaultCapacity) === undefined;
    const memories = FARGATE_MEMORY_BY_CPU[s.cpu];
    if (onFargate && !memories) {
      fail(
        `${at}.cpu`,
        s.cpu,
        `must be a Fargate CPU value: ${Object.keys(FARGATE_MEMORY_BY_CPU).join(", ")}`,
      );
    } else if (onFargate && !memories!.includes(s.memory)) {
      fail(
        `${at}.memory`,
        s.memory,
        `is not valid with cpu ${s.cpu}; allowed memory (MiB): ${memories!.join(", ")}`,
      );
    }

    checkRouting(s, settings.entry, fail, paths, priorities);

    if (s.minCount > s.maxCount)
      fail(`${at}.minCount`, s.minCount, `must not exceed maxCount (${s.maxCount})`);
    if (s.desiredCount < s.minCount || s.desiredCount > s.maxCount) {
      fail(
        `${at}.desiredCount`,
        s.desiredCount,
        `must be within [minCount, maxCount] = [${s.minCount}, ${s.maxCount}]`,
      );
    }
    if (s.fargateWeight + s.spotWeight === 0)
      fail(`${at}.fargateWeight`, s.fargateWeight, "fargateWeight and spotWeight cannot both be 0");

    const tgName = `${namePrefix}-${s.name}`;
    if (namePrefix !== undefined && tgName.length > MAX_LB_NAME) {
      fail(
        `${at}.name`,
        s.name,
        `gives the target group name "${tgName}" (${tgName.length} characters); AWS allows ${MAX_LB_NAME}: shorten the project, environment or service name`,
      );
    }
  }

  const { alb, api, entry } = settings;
  if (alb) checkAlb(alb, entry, settings.domain !== undefined, fail);
  if (api && entry !== undefined && entry !== "api-gateway" && (api.routes ?? []).length > 0) {
    fail(
      "api.routes",
      api.routes,
      `API routes reach services through a VPC link to an internal ALB, which entry: "${entry}" has none of: set entry: "api-gateway" or remove the routes`,
    );
  }
  const root = services.find((s) => s.path !== undefined && isRootPath(s.path));
  const highest = Math.max(...services.map((s) => (s.path !== undefined ? (s.priority ?? 0) : 0)));
  if (root?.priority !== undefined && root.priority < highest) {
    fail(
      `services[${root.name}].priority`,
      root.priority,
      `the service at / matches every request, so its rule must be evaluated last: give it the highest priority number (above ${highest})`,
    );
  }
  if (api) checkRoutes(api, services, declared, fail);
}

/** `/` (or `//`): the catch-all path. */
export const isRootPath = (path: string) => path.replace(/\/+$/, "") === "";

/**
 * A service with a path is routed by the ALB: it needs an entry with a load balancer, a
 * priority, and a path of its own. One without a path has no load balancer at all.
 */
function checkRouting(
  s: Service,
  entry: Entry | undefined,
  fail: Fail,
  paths: Map<string, string>,
  priorities: Map<number, string>,
): void {
  const at = `services[${s.name}]`;
  if (s.path === undefined) {
    if (s.priority !== undefined)
      fail(
        `${at}.priority`,
        s.priority,
        "only a service with a path has a listener rule; remove priority or add a path",
      );
    return;
  }
  if (entry === "none") {
    fail(
      `${at}.path`,
      s.path,
      'entry: "none" has no load balancer to route a path: remove the path (a worker) or choose entry "api-gateway" or "public-alb"',
    );
  }
  if (s.priority === undefined) {
    fail(
      `${at}.priority`,
      s.priority,
      "a service with a path needs an explicit listener-rule priority (1–50000), so adding a service never renumbers the others",
    );
  } else {
    const other = priorities.get(s.priority);
    if (other)
      fail(
        `${at}.priority`,
        s.priority,
        `already used by service ${other}; listener-rule priorities must be unique`,
      );
    priorities.set(s.priority, s.name);
  }
  const normalized = s.path.replace(/\/+$/, "").toLowerCase();
  const clash = paths.get(normalized);
  if (clash)
    fail(
      `${at}.path`,
      s.path,
      `conflicts with the path of service ${clash}; each service needs its own path`,
    );
  paths.set(normalized, s.name);
}

function checkAlb(alb: Alb, entry: Entry | undefined, hasDomain: boolean, fail: Fail): void {
  // With a domain, the edge part issues the ALB's certificate (DNS-validated in its zone).
  if (entry === "public-alb" && !alb.certificateArn && !hasDomain) {
    fail(
      "alb.certificateArn",
      alb.certificateArn,
      'is required with entry: "public-alb" unless domain is set (a certificate is then created for domain.name): public traffic must be HTTPS',
    );
  }
  if (entry === "api-gateway" && (alb.ingressCidrs ?? []).includes("0.0.0.0/0")) {
    fail(
      "alb.ingressCidrs",
      alb.ingressCidrs,
      'the internal ALB of entry: "api-gateway" must not admit 0.0.0.0/0; it is reached through the VPC link',
    );
  }
}

function checkRoutes(api: Api, services: readonly Service[], declared: Declared, fail: Fail): void {
  const routeKeys = new Map<string, number>();
  const routedServices = new Map<string, number>();
  (api.routes ?? []).forEach((route, i) => {
    const at = `api.routes.${i}`;
    const service = services.find((s) => s.name === route.service);
    if (!service) {
      // A service that is declared but invalid has its own errors; the route is not one more.
      if (!declared.services.has(route.service)) {
        fail(
          `${at}.service`,
          route.service,
          `no such service; declared: ${[...declared.services].join(", ") || "(none)"}`,
        );
      }
      return;
    }
    if (route.authorizer === undefined && route.public !== true) {
      fail(
        `${at}.authorizer`,
        route.authorizer,
        "a route needs a JWT authorizer; set public: true to serve it unauthenticated on purpose",
      );
    }
    if (route.authorizer !== undefined && route.public === true) {
      fail(`${at}.public`, route.public, "a public route cannot also name an authorizer");
    }
    if (route.authorizer !== undefined && !(api.jwtAuthorizers ?? {})[route.authorizer]) {
      fail(
        `${at}.authorizer`,
        route.authorizer,
        `no such JWT authorizer; declared: ${Object.keys(api.jwtAuthorizers ?? {}).join(", ") || "(none)"}`,
      );
    }
    // The API's routes are keyed by service name, so a second route would replace the first.
    const first = routedServices.get(route.service);
    if (first !== undefined) {
      fail(
        `${at}.service`,
        route.service,
        `already has a route (api.routes.${first}); a service has one route: use method ANY or a shorter path to cover both`,
      );
      return;
    }
    routedServices.set(route.service, i);
    const path = route.path ?? service.path;
    if (path === undefined) {
      fail(
        `${at}.service`,
        route.service,
        "the service has no path, so nothing routes to it; give the service a path or the route one",
      );
      return;
    }
    if (isRootPath(path) && route.method !== undefined) {
      fail(
        `${at}.method`,
        route.method,
        "the route at / is the API's $default route, which takes every method; remove method",
      );
    }
    const key = `${route.method ?? "ANY"} ${path.replace(/\/+$/, "")}`;
    const dup = routeKeys.get(key);
    if (dup !== undefined)
      fail(`${at}`, route, `duplicates the route key of api.routes.${dup} (${key}/{proxy+})`);
    routeKeys.set(key, i);
  });
}
