import { FARGATE_MEMORY_BY_CPU } from "../constructs/core/fargate";
import { ConfigError, failInto } from "./errors";
import { mergeLayers } from "./merge";
import type { EnvironmentSettings } from "./schema";

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
export function checkServices(
  env: string,
  project: string,
  settings: EnvironmentSettings,
  errors: ConfigError[],
): void {
  const fail = failInto(errors, env);
  const services = settings.services ?? [];
  const seen = new Map<string, number>();
  const paths = new Map<string, string>();
  const priorities = new Map<number, string>();

  for (const s of services) {
    const at = `services[${s.name}]`;
    if (seen.has(s.name))
      fail(`${at}.name`, s.name, "duplicate service name; each service must be declared once");
    seen.set(s.name, (seen.get(s.name) ?? 0) + 1);

    const memories = FARGATE_MEMORY_BY_CPU[s.cpu];
    if (!memories) {
      fail(
        `${at}.cpu`,
        s.cpu,
        `must be a Fargate CPU value: ${Object.keys(FARGATE_MEMORY_BY_CPU).join(", ")}`,
      );
    } else if (!memories.includes(s.memory)) {
      fail(
        `${at}.memory`,
        s.memory,
        `is not valid with cpu ${s.cpu}; allowed memory (MiB): ${memories.join(", ")}`,
      );
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

    const other = priorities.get(s.priority);
    if (other)
      fail(
        `${at}.priority`,
        s.priority,
        `already used by service ${other}; listener-rule priorities must be unique`,
      );
    priorities.set(s.priority, s.name);

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

    const tgName = `${project}-${env}-${s.name}`;
    if (tgName.length > MAX_LB_NAME) {
      fail(
        `${at}.name`,
        s.name,
        `gives the target group name "${tgName}" (${tgName.length} characters); AWS allows ${MAX_LB_NAME}: shorten the project, environment or service name`,
      );
    }
  }

  const { alb, api } = settings;
  if (!alb.internal && !alb.certificateArn) {
    fail(
      "alb.certificateArn",
      alb.certificateArn,
      "is required for an internet-facing ALB (internal: false): public traffic must be HTTPS",
    );
  }
  if (!alb.internal && (api.routes ?? []).length > 0) {
    fail(
      "api.routes",
      api.routes,
      "API routes reach services through a VPC link to an internal ALB: set alb.internal: true or remove the routes",
    );
  }
  if (alb.internal && (alb.ingressCidrs ?? []).includes("0.0.0.0/0")) {
    fail(
      "alb.ingressCidrs",
      alb.ingressCidrs,
      "an internal ALB must not admit 0.0.0.0/0; it is reached through the VPC link",
    );
  }

  const routeKeys = new Map<string, number>();
  (api.routes ?? []).forEach((route, i) => {
    const at = `api.routes.${i}`;
    const service = services.find((s) => s.name === route.service);
    if (!service) {
      fail(
        `${at}.service`,
        route.service,
        `no such service; declared: ${services.map((s) => s.name).join(", ") || "(none)"}`,
      );
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
    const key = `${route.method ?? "ANY"} ${(route.path ?? service.path).replace(/\/+$/, "")}`;
    const dup = routeKeys.get(key);
    if (dup !== undefined)
      fail(`${at}`, route, `duplicates the route key of api.routes.${dup} (${key}/{proxy+})`);
    routeKeys.set(key, i);
  });
}
