import { App, DefaultTokenResolver, StringConcat, TerraformHclModule, Tokenization } from "cdktf";
import * as path from "node:path";
import type { ResolvedEnvironment } from "../config/resolve";
import { CACHE_PORT } from "../constructs/cache/spec";
import { ENGINE_TRAITS } from "../constructs/database/engines";
import { type Connections, ConnectionsRegistry } from "../stacks/connections";
import { snake } from "../stacks/data-stores";
import { EnvironmentStack } from "../stacks/environment-stack";

/** Where a component sits in the network: the diagram's groups, in request order. */
export const TIERS = ["edge", "public", "private", "database", "other"] as const;
export type Tier = (typeof TIERS)[number];

/** A module call that owns a security group some flow reaches or leaves. */
export interface Component {
  /** The module call (`alb`, `service_eshop`, `database_main`): the owner of the security group. */
  readonly call: string;
  /** The generated module it calls (`alb`, `ecs-service`, `database`). */
  readonly module: string;
  /** The connection's own words: `service eshop`, `database main`. */
  readonly label: string;
  readonly tier: Tier;
}

/** One allowed flow between two security groups: an ingress rule and its egress twin. */
export interface SecurityFlow {
  readonly source: Component;
  readonly target: Component;
  readonly port: number;
}

/** What the documents are generated from: the resolved environment and its wiring. */
export interface EnvironmentModel {
  readonly environment: ResolvedEnvironment;
  /** Components with a security group, by module call, in the order their connections were made. */
  readonly components: ReadonlyMap<string, Component>;
  /** Every security-group flow, sorted by source, target and port. */
  readonly flows: readonly SecurityFlow[];
}

/**
 * Builds the environment's stack in memory (nothing is synthesized or written) and reads back
 * every connection its parts made, with the module call that owns each security group. The
 * stack is the one synth builds, so a flow is in the documents exactly when its rule is in the
 * Terraform.
 */
export function describeEnvironment(environment: ResolvedEnvironment): EnvironmentModel {
  const registry = new ConnectionsRegistry();
  const stack = registry.record(
    () =>
      // Module sources are only computed, never read: any directory will do.
      new EnvironmentStack(new App({ stackTraces: false }), {
        environment,
        modulesDir: path.resolve("terraform-modules"),
      }),
  );
  const components = new Map<string, Component>();
  const resolve = (value: unknown): unknown =>
    Tokenization.resolve(value, {
      scope: stack,
      preparing: false,
      resolver: new DefaultTokenResolver(new StringConcat()),
    });
  const component = (c: Connections): Component => {
    const call = ownerCall(c, resolve(c.securityGroupId));
    let found = components.get(call);
    if (!found) {
      const module = stack.node.tryFindChild(call);
      const name =
        module instanceof TerraformHclModule ? path.posix.basename(module.source) : "unknown";
      found = { call, module: name, label: c.label, tier: tierOf(name, environment) };
      components.set(call, found);
    }
    return found;
  };
  // Every connection names a component, also one no flow reaches yet (a worker service).
  for (const c of registry.all) component(c);
  const flows: SecurityFlow[] = [];
  for (const target of registry.all) {
    for (const flow of target.ingressFlows)
      flows.push({
        source: component(flow.peer),
        target: component(target),
        port: portNumber(environment, target, resolve(flow.port)),
      });
  }
  flows.sort(
    (a, b) =>
      compare(a.source.call, b.source.call) ||
      compare(a.target.call, b.target.call) ||
      a.port - b.port,
  );
  return { environment, components, flows };
}

export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The module call whose `security_group_id` output the connections were bound to. */
function ownerCall(c: Connections, resolved: unknown): string {
  const match = typeof resolved === "string" ? /^\$\{module\.([a-z0-9_]+)\./.exec(resolved) : null;
  if (!match)
    throw new Error(
      `connections ${c.key}: bound to ${String(resolved)}, not a module call's output`,
    );
  return match[1]!;
}

/**
 * A flow's port as a number. A store's default port is its module's `port` output, which the
 * module derives from the config: the same derivation here (engine port, cache port).
 */
function portNumber(environment: ResolvedEnvironment, target: Connections, port: unknown): number {
  if (typeof port === "number") return port;
  const output = typeof port === "string" ? /^\$\{module\.([a-z0-9_]+)\.port\}$/.exec(port) : null;
  const call = output?.[1] ?? "";
  const { databases, caches } = environment.settings;
  const database = Object.entries(databases ?? {}).find(
    ([name]) => call === `database_${snake(name)}`,
  );
  if (database) return ENGINE_TRAITS[database[1].engine].port;
  if (Object.keys(caches ?? {}).some((name) => call === `cache_${snake(name)}`)) return CACHE_PORT;
  throw new Error(`connections ${target.key}: cannot tell the number of port ${String(port)}`);
}

/** Which subnets a module's security group lives in (the modules place them; see their READMEs). */
function tierOf(module: string, environment: ResolvedEnvironment): Tier {
  switch (module) {
    case "alb":
      return environment.settings.entry === "public-alb" ? "public" : "private";
    case "vpc-link":
    case "ecs-service":
    case "efs":
      return "private";
    case "database":
    case "cache":
      return "database";
    default:
      return "other";
  }
}
