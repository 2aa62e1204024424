import { z } from "zod";
import { ARCHITECTURES } from "../constructs/core/instance-launch";
import { bucketUses } from "./app-storage-fields";

/**
 * The config fields of compute beyond Fargate: ECS-on-EC2 capacity pools, what services say
 * about where they run and whom they reach, EC2 Docker Compose hosts (reference 000) and Auto
 * Scaling group application tiers (reference 004). Plugged into config/schema.ts; the checks
 * across fields are in config/compute.ts, apart so the schema imports nothing that reads it back.
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

/** What the application on an app tier's instances may call: its secrets and buckets. */
const tierGrants = {
  /** Secrets in `secrets` the instances may read (GetSecretValue and decrypt). Default: none. */
  secrets: z.array(z.string()).optional(),
  buckets: bucketUses,
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
  ...tierGrants,
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
