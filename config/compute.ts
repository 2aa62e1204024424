import { parseCidr } from "./cidr";
import { FARGATE } from "./compute-fields";
import { mergeLayers } from "./merge";
import type { CheckContext } from "./parsed";

/**
 * Compute beyond Fargate, across fields: capacity pool defaults, instance sizes and ENI limits,
 * where each service runs and whom it reaches, hosts and app tiers. Run from config/resolve.ts
 * like the other groups' checks; the fields are in config/compute-fields.ts.
 */

/** Applies `capacityPoolDefaults` to each pool before the schema checks it. */
export function expandCompute(merged: Record<string, unknown>): Record<string, unknown> {
  const pools = merged.capacityPools;
  if (pools === null || typeof pools !== "object" || Array.isArray(pools)) return merged;
  return {
    ...merged,
    capacityPools: Object.fromEntries(
      Object.entries(pools).map(([n, p]) => [n, mergeLayers(merged.capacityPoolDefaults, p)]),
    ),
  };
}

/**
 * vCPUs, memory (MiB) and elastic network interfaces of common instance types; a type not
 * listed is accepted unchecked. Source: "Amazon EC2 instance types" and "Maximum IP addresses
 * per network interface" in the EC2 user guide.
 */
export const INSTANCE_TYPES: Readonly<
  Record<string, { readonly vcpu: number; readonly memory: number; readonly enis: number }>
> = {
  "t3.small": { vcpu: 2, memory: 2048, enis: 3 },
  "t3.medium": { vcpu: 2, memory: 4096, enis: 3 },
  "t3.large": { vcpu: 2, memory: 8192, enis: 3 },
  "t3.xlarge": { vcpu: 4, memory: 16384, enis: 4 },
  "t4g.medium": { vcpu: 2, memory: 4096, enis: 3 },
  "t4g.large": { vcpu: 2, memory: 8192, enis: 3 },
  "m6i.large": { vcpu: 2, memory: 8192, enis: 3 },
  "m6g.large": { vcpu: 2, memory: 8192, enis: 3 },
  "m7i.large": { vcpu: 2, memory: 8192, enis: 3 },
  "m7g.large": { vcpu: 2, memory: 8192, enis: 3 },
  "m7i.xlarge": { vcpu: 4, memory: 16384, enis: 4 },
  "m7g.xlarge": { vcpu: 4, memory: 16384, enis: 4 },
  "c7i.large": { vcpu: 2, memory: 4096, enis: 3 },
  "c7g.large": { vcpu: 2, memory: 4096, enis: 3 },
  "r7i.large": { vcpu: 2, memory: 16384, enis: 3 },
  "r7g.large": { vcpu: 2, memory: 16384, enis: 3 },
};
/** Memory the ECS agent and the OS keep on an ECS-optimized instance (MiB), roughly. */
const RESERVED_MEMORY = 512;

/** Checks across compute fields: pools, what services say about capacity and reachability, hosts and tiers. */
export function checkCompute({ settings, declared, namePrefix, fail }: CheckContext): void {
  const pools = settings.capacityPools ?? {};
  const poolNames = Object.keys(pools);
  const known = (kind: string, names: readonly string[]) =>
    `no such ${kind}; declared: ${names.join(", ") || "(none)"}`;
  const poolRef = (at: string, value: string | undefined) => {
    if (value !== undefined && value !== FARGATE && !poolNames.includes(value))
      fail(at, value, `must be ${FARGATE} or a pool in capacityPools; ${known("pool", poolNames)}`);
  };

  for (const [n, pool] of Object.entries(pools)) {
    const at = `capacityPools.${n}`;
    if (pool.minSize > pool.maxSize)
      fail(`${at}.minSize`, pool.minSize, `must not exceed maxSize (${pool.maxSize})`);
    if (pool.onDemandBase > pool.maxSize)
      fail(`${at}.onDemandBase`, pool.onDemandBase, `must not exceed maxSize (${pool.maxSize})`);
    if (namePrefix && `${namePrefix}-${n}`.length > 32)
      fail(`${at}`, n, `gives the pool name "${namePrefix}-${n}", longer than 32 characters`);
  }
  poolRef("defaultCapacity", settings.defaultCapacity);

  const services = settings.services ?? [];
  const tasksPerPool = new Map<string, number>();
  for (const s of services) {
    const at = `services[${s.name}]`;
    poolRef(`${at}.capacity`, s.capacity);
    const poolName = servicePool(s.capacity, settings.defaultCapacity);
    const pool = poolName === undefined ? undefined : pools[poolName];
    if (pool === undefined) {
      if (s.ec2Volumes && Object.keys(s.ec2Volumes).length > 0)
        fail(
          `${at}.ec2Volumes`,
          s.ec2Volumes,
          "host volumes need an EC2 pool: set capacity to a pool in capacityPools, or use EFS volumes on Fargate",
        );
      if (s.placement)
        fail(
          `${at}.placement`,
          s.placement,
          "placement strategies apply on an EC2 pool only: set capacity to a pool",
        );
    } else if (poolName !== undefined) {
      const sizes = pool.instanceTypes.map((t) => INSTANCE_TYPES[t]);
      if (sizes.every((x) => x !== undefined)) {
        const cpu = Math.min(...sizes.map((x) => x!.vcpu * 1024));
        const memory = Math.min(...sizes.map((x) => x!.memory - RESERVED_MEMORY));
        if (s.cpu > cpu)
          fail(
            `${at}.cpu`,
            s.cpu,
            `exceeds the ${cpu} CPU units of the smallest instance type of pool ${poolName} (${pool.instanceTypes.join(", ")})`,
          );
        if (s.memory > memory)
          fail(
            `${at}.memory`,
            s.memory,
            `exceeds the ${memory} MiB an instance of pool ${poolName} offers tasks (${pool.instanceTypes.join(", ")}, less ${RESERVED_MEMORY} MiB for the agent)`,
          );
        // Each awsvpc task takes an ENI; the instance keeps its primary one.
        const perInstance = Math.min(...sizes.map((x) => x!.enis - 1));
        const tasks = (tasksPerPool.get(poolName) ?? 0) + s.maxCount;
        tasksPerPool.set(poolName, tasks);
        if (tasks > perInstance * pool.maxSize)
          fail(
            `${at}.maxCount`,
            s.maxCount,
            `pool ${poolName} holds at most ${perInstance * pool.maxSize} awsvpc tasks (${perInstance} ENIs per instance × maxSize ${pool.maxSize}) and its services may run ${tasks}: raise maxSize or choose a larger instance type`,
          );
      }
    }
    (s.placement ?? []).forEach((p, i) => {
      const ok =
        p.type === "random"
          ? p.field === undefined
          : p.type === "binpack"
            ? p.field === "memory" || p.field === "cpu"
            : p.field !== undefined;
      if (!ok)
        fail(
          `${at}.placement.${i}`,
          p,
          "spread needs a field (attribute:ecs.availability-zone, instanceId), binpack the field memory or cpu, random no field",
        );
    });
    (s.reaches ?? []).forEach((r, i) => {
      if (r.service === s.name)
        fail(`${at}.reaches.${i}.service`, r.service, "a service reaches itself without a rule");
      else if (!declared.services.has(r.service))
        fail(`${at}.reaches.${i}.service`, r.service, known("service", [...declared.services]));
      else {
        // A service admits callers on its container port, the one port it listens on.
        const target = services.find((t) => t.name === r.service);
        if (target && r.port !== undefined && r.port !== target.port)
          fail(
            `${at}.reaches.${i}.port`,
            r.port,
            `service ${r.service} listens on ${target.port} only; remove port or set it to ${target.port}`,
          );
      }
    });
    if (s.path === undefined && s.requestsPerTarget !== undefined)
      fail(
        `${at}.requestsPerTarget`,
        s.requestsPerTarget,
        "scales on the ALB's requests per target, and a service without a path has no target group: remove it",
      );
    (s.egressAllow ?? []).forEach((e, i) => {
      if ((e.cidr === undefined) === (e.prefixList === undefined))
        fail(`${at}.egressAllow.${i}`, e, "set exactly one of cidr and prefixList");
      else if (e.cidr !== undefined && !parseCidr(e.cidr))
        fail(
          `${at}.egressAllow.${i}.cidr`,
          e.cidr,
          "must be an IPv4 CIDR block such as 203.0.113.0/24",
        );
      else if (e.cidr === "0.0.0.0/0")
        fail(
          `${at}.egressAllow.${i}.cidr`,
          e.cidr,
          "must name the dependency's addresses, not the whole internet",
        );
    });
  }

  const routed = [
    ...services
      .filter((s) => s.priority !== undefined)
      .map((s) => ({ kind: "services", key: s.name, priority: s.priority! })),
    ...Object.entries(settings.hosts ?? {}).map(([k, h]) => ({
      kind: "hosts",
      key: k,
      priority: h.priority,
    })),
    ...Object.entries(settings.appTiers ?? {}).map(([k, t]) => ({
      kind: "appTiers",
      key: k,
      priority: t.priority,
    })),
  ];
  const names = new Map<string, string>();
  const priorities = new Map<number, string>();
  for (const r of routed) {
    const other = names.get(r.key);
    if (other && r.kind !== "services")
      fail(
        `${r.kind}.${r.key}`,
        r.key,
        `is also the name of ${other}; services, hosts and app tiers share the ALB's target-group names`,
      );
    names.set(r.key, `${r.kind}.${r.key}`);
    const clash = priorities.get(r.priority);
    if (clash && r.kind !== "services")
      fail(
        `${r.kind}.${r.key}.priority`,
        r.priority,
        `already used by ${clash}; listener-rule priorities must be unique`,
      );
    priorities.set(r.priority, `${r.kind}.${r.key}`);
  }
  for (const [kind, group] of [
    ["hosts", settings.hosts],
    ["appTiers", settings.appTiers],
  ] as const) {
    for (const [k, h] of Object.entries(group ?? {})) {
      const at = `${kind}.${k}`;
      if (settings.entry === "none")
        fail(
          at,
          k,
          'entry: "none" has no load balancer to put it behind: choose entry "public-alb" or "api-gateway"',
        );
      if (h.path === undefined && (h.hostHeaders ?? []).length === 0)
        fail(
          `${at}.path`,
          h.path,
          "give it a path or hostHeaders, so the ALB has a rule to route to it",
        );
      if (h.database !== undefined && !declared.databases.has(h.database))
        fail(`${at}.database`, h.database, known("database", [...declared.databases]));
      if (h.cache !== undefined && !declared.caches.has(h.cache))
        fail(`${at}.cache`, h.cache, known("cache", [...declared.caches]));
      if (namePrefix && `${namePrefix}-${k}`.length > (kind === "hosts" ? 32 : 28))
        fail(
          at,
          k,
          `gives the name "${namePrefix}-${k}", longer than ${kind === "hosts" ? 32 : 28} characters`,
        );
    }
  }
  for (const [k, t] of Object.entries(settings.appTiers ?? {})) {
    const at = `appTiers.${k}`;
    if (t.minSize > t.maxSize)
      fail(`${at}.minSize`, t.minSize, `must not exceed maxSize (${t.maxSize})`);
    const hc = t.healthCheck;
    if (hc && (hc.timeout ?? 5) >= (hc.interval ?? 30))
      fail(
        `${at}.healthCheck.timeout`,
        hc.timeout,
        `must be shorter than the interval (${hc.interval ?? 30} s)`,
      );
    const sc = t.scaling;
    if (sc && (sc.scaleInCpu ?? 25) >= (sc.scaleOutCpu ?? 75))
      fail(
        `${at}.scaling.scaleInCpu`,
        sc.scaleInCpu ?? 25,
        `must be below scaleOutCpu (${sc.scaleOutCpu ?? 75})`,
      );
    for (const [a, action] of Object.entries(t.scheduledActions ?? {}))
      if (action.minSize > action.maxSize)
        fail(
          `${at}.scheduledActions.${a}.minSize`,
          action.minSize,
          `must not exceed maxSize (${action.maxSize})`,
        );
  }
}

/** The pool a service runs on, or undefined on Fargate. */
export function servicePool(
  capacity: string | undefined,
  defaultCapacity: string | undefined,
): string | undefined {
  const chosen = capacity ?? defaultCapacity ?? FARGATE;
  return chosen === FARGATE ? undefined : chosen;
}

/** The path and host conditions of the ALB rule of a host or tier. */
export function albConditions(route: { path?: string; hostHeaders?: readonly string[] }) {
  const path = route.path?.replace(/\/+$/, "");
  return {
    path_patterns: path === undefined ? [] : path === "" ? ["/*"] : [path, `${path}/*`],
    host_headers: [...(route.hostHeaders ?? [])],
  };
}
