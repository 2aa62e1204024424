import { z } from "zod";
import { ARCHITECTURES } from "../constructs/core/instance-launch";
import { parseCidr } from "./cidr";
import { mergeLayers } from "./merge";
import type { CheckContext } from "./parsed";

/**
 * Compute beyond Fargate: ECS-on-EC2 capacity pools and what services say about where they
 * run and whom they reach, EC2 Docker Compose hosts (reference 000) and Auto Scaling group
 * application tiers (reference 004). The schemas are plugged into config/schema.ts; the
 * checks across fields run from config/resolve.ts like the other groups'.
 */

/** `fargate` runs a service on the cluster's Fargate providers; anything else names a pool. */
export const FARGATE = "fargate";

const name = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, {
  message: "must be 1–16 characters of a-z, 0-9 and -, starting with a letter",
});
const instanceType = z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, {
  message: "must be an EC2 instance type such as m7g.large",
});
const amiId = z.string().regex(/^ami-[0-9a-f]{8,17}$/, { message: "must be an AMI ID (ami-…)" });
const port = z.number().int().min(1).max(65535);
const absolutePath = z
  .string()
  .regex(/^\/[^\s]+$/, { message: "must be an absolute path other than /" });
const routePath = z.string().regex(/^\/([a-z0-9][a-z0-9\/_-]*)?$/, {
  message: "must be / or start with / followed by a-z, 0-9, -, _ or /, such as /app",
});

/** What EC2 instances of the platform share: type, architecture, AMI and root volume. */
const instanceFields = {
  /** CPU architecture of the instances (and the images). Default: x86_64. */
  architecture: z.enum(ARCHITECTURES).optional(),
  /** Pinned AMI ID. Default: the current Amazon Linux 2023 (ECS-optimized for pools) AMI, resolved by SSM at launch. */
  amiId: amiId.optional(),
  /** Encrypted gp3 root volume in GiB, at least 30. Default: 30. */
  rootVolumeSize: z.number().int().min(30).max(16384).optional(),
};

export const capacityPoolSchema = z.strictObject({
  /** Instance types, the first preferred; Spot may use any of them. Required. */
  instanceTypes: z.array(instanceType).min(1),
  architecture: instanceFields.architecture,
  amiId: instanceFields.amiId,
  /** Fewest instances. Default: 1 in dev and staging, 3 in prod (one per AZ). */
  minSize: z.number().int().min(0).max(1000),
  /** Most instances. Default: 1 in dev, 3 in staging, 6 in prod. */
  maxSize: z.number().int().min(1).max(1000),
  /** % of the pool's capacity ECS keeps in use (managed scaling); below 100 leaves headroom. Default: 100. */
  targetCapacity: z.number().int().min(1).max(100),
  /** Instances always On-Demand before the Spot share applies. Default: 0 in dev, 1 in staging, 3 in prod. */
  onDemandBase: z.number().int().min(0),
  /** % of the instances above the base on Spot. Default: 100 in dev, 50 in staging, 0 in prod. */
  spotPercentage: z.number().int().min(0).max(100),
});
export type CapacityPool = z.infer<typeof capacityPoolSchema>;

/** Sizing every pool gets unless it sets its own. */
export const capacityPoolDefaultsSchema = capacityPoolSchema
  .pick({
    minSize: true,
    maxSize: true,
    targetCapacity: true,
    onDemandBase: true,
    spotPercentage: true,
  })
  .partial();

const PLACEMENT_TYPES = ["spread", "binpack", "random"] as const;

/** Fields a service gets from this file (spread into `serviceSchema`). */
export const serviceComputeFields = {
  /** `fargate` or the name of a pool in `capacityPools` (ECS on EC2). Default: fargate. */
  capacity: z.string().optional(),
  /**
   * Task placement on an EC2 pool, in order (at most 5): `spread` by `attribute:ecs.availability-zone`
   * or `instanceId`, `binpack` by `memory` or `cpu`, `random`. Default: spread across AZs, then
   * binpack on memory.
   */
  placement: z
    .array(z.strictObject({ type: z.enum(PLACEMENT_TYPES), field: z.string().optional() }))
    .max(5)
    .optional(),
  /**
   * Volumes on the container instance (EC2 pools only), by name: `containerPath`, `hostPath`
   * (a directory of the instance; none: a Docker volume kept on the instance) and `readOnly`.
   * Default: none.
   */
  ec2Volumes: z
    .record(
      z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,31}$/, { message: "must be 1–32 characters of a-z, 0-9 and -" }),
      z.strictObject({
        containerPath: absolutePath,
        hostPath: absolutePath.optional(),
        readOnly: z.boolean().optional(),
      }),
    )
    .optional(),
  /**
   * Services this one calls directly (not through the ALB): `service` and `port` (default: its
   * port). Writes the egress here and the ingress there. Default: none.
   */
  reaches: z.array(z.strictObject({ service: z.string(), port: port.optional() })).optional(),
  /** Register the tasks in the environment's Cloud Map namespace as `<name>.<namespace>`. Default: false. */
  discovery: z.boolean().optional(),
  /**
   * External dependencies the tasks may reach besides AWS APIs on 443: a `cidr` or a managed
   * `prefixList` (pl-…), a TCP `port` and a `description`. Default: none.
   */
  egressAllow: z
    .array(
      z.strictObject({
        cidr: z.string().optional(),
        prefixList: z
          .string()
          .regex(/^pl-[0-9a-f]{8,17}$/, { message: "must be a prefix list ID (pl-…)" })
          .optional(),
        port,
        description: z.string().min(1).max(200),
      }),
    )
    .optional(),
};

/** How a host or tier is reached through the ALB. */
const routing = {
  /** Port the application listens on. Required. */
  port,
  /** Path prefix the ALB routes here. Default: none (then `hostHeaders` must be set). */
  path: routePath.optional(),
  /** Host names the ALB routes here (the HTTPS domain). Default: none. */
  hostHeaders: z.array(z.string().min(1)).max(5).optional(),
  /** Listener-rule priority, unique across services, hosts and tiers. Required. */
  priority: z.number().int().min(1).max(50000),
};

/**
 * The environment's data stores the instances connect to: network access on the store's port
 * only (the ingress on the store and the egress here, written through Connections).
 */
const storeAccess = {
  /** A database in `databases` the instances connect to. Default: none. */
  database: z.string().optional(),
  /** A cache in `caches` the instances connect to. Default: none. */
  cache: z.string().optional(),
};

export const hostSchema = z.strictObject({
  /** EC2 instance type. Default: t3.medium. */
  instanceType: instanceType.optional(),
  ...instanceFields,
  ...routing,
  ...storeAccess,
  /** Health-check path of the instance target group. Default: /health. */
  healthCheckPath: z.string().startsWith("/").optional(),
  /** Where the Compose file lives: `{ s3Bucket, s3Key }` (a versioned bucket) or `{ ssmParameterArn }`. Required. */
  compose: z.union([
    z.strictObject({ s3Bucket: z.string().min(3), s3Key: z.string().min(1) }),
    z.strictObject({
      ssmParameterArn: z.string().regex(/^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/.+$/, {
        message: "must be an SSM parameter ARN",
      }),
    }),
  ]),
  /** ECR repository ARNs the host may pull from. Default: none. */
  repositories: z
    .array(
      z.string().regex(/^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/[a-z0-9._/-]+$/, {
        message: "must be an ECR repository ARN",
      }),
    )
    .optional(),
  /** Secrets Manager secrets written to the Compose env file: variable → secret ARN. Default: none. */
  secrets: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
      z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, {
        message: "must be a Secrets Manager secret ARN",
      }),
    )
    .optional(),
});
export type Host = z.infer<typeof hostSchema>;

export const appTierSchema = z.strictObject({
  /** EC2 instance type. Required. */
  instanceType,
  ...instanceFields,
  ...routing,
  ...storeAccess,
  /** Fewest instances. Required. */
  minSize: z.number().int().min(0).max(1000),
  /** Most instances. Required. */
  maxSize: z.number().int().min(1).max(1000),
  /** Target group health check. Default: /health every 30 s, 5 s timeout, 2 healthy / 3 unhealthy, 200. */
  healthCheck: z
    .strictObject({
      path: z.string().startsWith("/"),
      matcher: z
        .string()
        .regex(/^\d{3}([-,]\d{3})*$/)
        .optional(),
      interval: z.number().int().min(5).max(300).optional(),
      timeout: z.number().int().min(2).max(120).optional(),
      healthyThreshold: z.number().int().min(2).max(10).optional(),
      unhealthyThreshold: z.number().int().min(2).max(10).optional(),
    })
    .optional(),
  /** Load-balancer cookie stickiness in seconds. Default: none. */
  stickinessSeconds: z.number().int().min(1).max(604800).optional(),
  /**
   * CPU scaling: `{ mode: "target-tracking", cpuTarget }` or `{ mode: "step", scaleOutCpu,
   * scaleOutBy, scaleInCpu, scaleInBy, cooldown }`. Default: target tracking at 60 %.
   */
  scaling: z
    .strictObject({
      mode: z.enum(["target-tracking", "step"]),
      cpuTarget: z.number().int().min(1).max(100).optional(),
      scaleOutCpu: z.number().int().min(1).max(100).optional(),
      scaleOutBy: z.number().int().min(1).optional(),
      scaleInCpu: z.number().int().min(0).max(99).optional(),
      scaleInBy: z.number().int().min(1).optional(),
      cooldown: z.number().int().min(0).max(3600).optional(),
    })
    .optional(),
  /** Scheduled capacity by name: cron `recurrence`, `minSize`, `maxSize`, `timeZone`. Default: none. */
  scheduledActions: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]*$/),
      z.strictObject({
        recurrence: z
          .string()
          .regex(/^\S+( \S+){4}$/, { message: "must be a 5-field cron expression" }),
        minSize: z.number().int().min(0),
        maxSize: z.number().int().min(0),
        timeZone: z.string().optional(),
      }),
    )
    .optional(),
  /** The application's boot script (bash), run after the CloudWatch agent. Default: none. */
  userData: z.string().optional(),
  /** CodeDeploy in-place deployments from this bucket of revisions. Default: none. */
  codeDeployBucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: "must be an S3 bucket name" })
    .optional(),
});
export type AppTier = z.infer<typeof appTierSchema>;

/** Environment fields this file owns (spread into `environmentSchema`). */
export const environmentComputeFields = {
  /** Sizing every capacity pool gets unless it sets its own. Default: from the profile. */
  capacityPoolDefaults: capacityPoolDefaultsSchema,
  /** ECS-on-EC2 capacity pools by name; services run on one with `capacity`. Default: none. */
  capacityPools: z.record(name, capacityPoolSchema).optional(),
  /** Where services without a strategy of their own run: `fargate` or a pool name. Default: fargate. */
  defaultCapacity: z.string().optional(),
  /** Cloud Map private DNS namespace of services with `discovery`. Default: `<project>-<env>.local`. */
  discoveryNamespace: z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
      message: "must be a lower-case DNS name of at least two labels, such as shop-prod.local",
    })
    .optional(),
  /** EC2 Docker Compose hosts behind the ALB, by name (reference 000). Default: none. */
  hosts: z.record(name, hostSchema).optional(),
  /** Auto Scaling group application tiers behind the ALB, by name (reference 004). Default: none. */
  appTiers: z.record(name, appTierSchema).optional(),
};

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
