import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../constructs/core/validations";
import { ACM_CERTIFICATE_ARN } from "../constructs/api-gateway/spec";
import { CACHE_ENGINES } from "../constructs/cache/spec";
import { ENGINES, MONITORING_INTERVALS, STORAGE_TYPES } from "../constructs/database/spec";
import { bucketUses } from "./app-storage-fields";
import { BACKUP_WINDOW, MAINTENANCE_WINDOW } from "./maintenance-windows";
import { INTERFACE_ENDPOINTS, NAT_MODES } from "../constructs/vpc/spec";
import { CRITICAL_ENDPOINT_PROTOCOLS } from "../constructs/monitoring/spec";
import { TRANSITION_MIN_DAYS, StorageClass } from "../constructs/s3-bucket/spec";
import { deliveryFields, deploymentSchema, imageSchema } from "./delivery-fields";
import {
  type CapacityPool,
  environmentComputeFields,
  serviceComputeFields,
} from "./compute-fields";
import { cdnSchema, domainSchema, wafSchema } from "./edge-fields";

/** How requests enter an environment; see `entry` below. */
export const ENTRY_KINDS = ["api-gateway", "public-alb", "none"] as const;

const retentionDays = z
  .number()
  .int()
  .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
    message: `must be a CloudWatch Logs retention period: ${LOG_RETENTION_DAYS.join(", ")}`,
  });

const acmCertificateArn = z.string().regex(new RegExp(ACM_CERTIFICATE_ARN), {
  message: "must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>",
});

const subnetLayout = z.strictObject({
  public: z.string(),
  private: z.string(),
  /** Required while `vpc.databaseSubnets` is on; not allowed when it is off. */
  database: z.string().optional(),
  intra: z.string().optional(),
});

export const vpcSchema = z.strictObject({
  /** IPv4 CIDR of the VPC, /16 to /24 (/16 to /20 when subnets are laid out automatically). Required. */
  cidr: z.string(),
  /** Number of Availability Zones (the region's `a`, `b`, `c`). Default: 2 in dev, 3 in staging and prod. */
  azCount: z.number().int().min(2).max(3),
  /** Explicit AZ names, instead of `azCount`. Default: the first `azCount` AZs of the region. */
  azs: z.array(z.string()).min(2).max(3).optional(),
  /** `none`, `single` or `one-per-az`. Default: single in dev and staging, one-per-az in prod. */
  natMode: z.enum(NAT_MODES),
  /** Flow log retention in days. Default: 7 in dev, 30 in staging, 365 in prod. */
  flowLogRetentionDays: retentionDays,
  /** Add an intra (no egress) subnet per AZ. Default: false. */
  intraSubnets: z.boolean().optional(),
  /**
   * The database tier (a subnet per AZ with no internet route, its route table and the DB
   * subnet group). Needed by `databases` and `caches`; turn it off for platforms without them
   * (reference 003). Default: true.
   */
  databaseSubnets: z.boolean().optional(),
  /**
   * A network ACL per tier (stateless, ephemeral return ports admitted explicitly): public
   * admits 80/443 from anywhere, private the VPC CIDR, database only the database and cache
   * ports from the private subnets. Default: false (security groups alone).
   */
  networkAcls: z.boolean().optional(),
  /**
   * Interface VPC endpoints in the private subnets (private DNS, HTTPS from the VPC only), so
   * tasks reach these AWS APIs without NAT: ecr.api, ecr.dkr, logs, secretsmanager, ssm, sts,
   * kms, … (`INTERFACE_ENDPOINTS` in constructs/vpc/spec.ts). Default: none.
   */
  interfaceEndpoints: z.array(z.enum(INTERFACE_ENDPOINTS)).optional(),
  /**
   * Explicit subnet CIDRs per AZ. Default: derived from `cidr` by AZ letter (private /+4 from
   * the start, public, database and intra /+8 above them), so adding an AZ never moves another.
   */
  subnets: z.record(z.string(), subnetLayout).optional(),
});

const port = z.number().int().min(1).max(65535);

const percent = z.number().min(1).max(100);

export const serviceSchema = z.strictObject({
  /** Service name: 1–16 characters of a-z, 0-9 and -. Names the ECS service, target group and routes. Required. */
  name: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, {
    message: "must be 1–16 characters of a-z, 0-9 and -, starting with a letter",
  }),
  /**
   * Container image: a URI (`repo:tag` or `repo@sha256:…`), or `{ repository, tag }` /
   * `{ repository, digest }` naming one of `repositories`. Prod takes digests and release tags
   * only (see config/delivery.ts). Required.
   */
  image: imageSchema,
  /** How new task definitions roll out: ECS rolling updates or CodeDeploy blue/green. Default: rolling. */
  deployment: deploymentSchema.optional(),
  /** Container port the ALB forwards to. Required. */
  port,
  /** Fargate task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384). Default: 256 in dev, 512 otherwise. */
  cpu: z.number().int(),
  /** Fargate task memory in MiB; must match the CPU (see the Fargate table). Default: 512 in dev, 1024 otherwise. */
  memory: z.number().int(),
  /**
   * Path prefix routed to the service by the ALB and API Gateway, e.g. `/eshop`, or `/` for
   * the service that answers every request no other service's path matches (give it the
   * highest priority number). Default: none: the service has no load balancer (a worker or
   * an internal daemon).
   */
  path: z
    .string()
    .regex(/^\/([a-z0-9][a-z0-9\/_-]*)?$/, {
      message: "must be / or start with / followed by a-z, 0-9, -, _ or /, such as /shop",
    })
    .optional(),
  /**
   * ALB listener-rule priority, 1–50000. Explicit so that adding a service never renumbers the
   * rules of the others. Required.
   */
  priority: z.number().int().min(1).max(50000).optional(),
  /** Health-check path on the container port. Default: /health. */
  healthCheckPath: z.string().startsWith("/").optional(),
  /** Plain environment variables. Never put secrets here. Default: none. */
  environment: z.record(z.string(), z.string()).optional(),
  /** Secrets injected as environment variables: name → Secrets Manager or SSM Parameter ARN. Default: none. */
  secrets: z
    .record(
      z.string(),
      z.string().regex(/^arn:aws[a-z-]*:(secretsmanager|ssm):/, {
        message: "must be a Secrets Manager or SSM parameter ARN",
      }),
    )
    .optional(),
  /** Initial task count; the autoscaler owns it afterwards. Default: 1 in dev, 2 in staging and prod. */
  desiredCount: z.number().int().min(0),
  /** Autoscaling floor. Default: 1 in dev and staging, 2 in prod (one per AZ at least). */
  minCount: z.number().int().min(0),
  /** Autoscaling ceiling. Default: 2 in dev, 4 in staging, 10 in prod. */
  maxCount: z.number().int().min(1),
  /** Target average CPU % for autoscaling. Default: 70. */
  cpuTarget: percent,
  /** Target average memory % for autoscaling. Default: 80. */
  memoryTarget: percent,
  /** Target ALB requests per task for autoscaling; omit to scale on CPU and memory only. Default: none. */
  requestsPerTarget: z.number().int().min(1).optional(),
  /** Tasks always on FARGATE before the weights apply. Default: 0 in dev, 1 in staging, 2 in prod. */
  fargateBase: z.number().int().min(0),
  /** Relative share of FARGATE tasks. Default: 0 in dev (all Spot), 1 in staging, 3 in prod. */
  fargateWeight: z.number().int().min(0).max(1000),
  /** Relative share of FARGATE_SPOT tasks. Default: 1 in dev, 1 in staging, 1 in prod. */
  spotWeight: z.number().int().min(0).max(1000),
  /** Who sets the image: `terraform` (this config) or `pipeline` (CI deploys new task definitions). Default: terraform. */
  imageOwner: z.enum(["terraform", "pipeline"]).optional(),
  /** CPU architecture of the image. Default: X86_64. */
  architecture: z.enum(["X86_64", "ARM64"]).optional(),
  /** Name of a database in `databases` the service uses: it gets DB_* settings and secrets, and network access. Default: none. */
  database: z.string().optional(),
  /** Name of a cache in `caches` the service uses: it gets REDIS_* settings, the AUTH token, and network access. Default: none. */
  cache: z.string().optional(),
  /** EFS access points mounted into the container. Default: none. */
  volumes: z
    .array(
      z.strictObject({
        /** Name of a file system in `fileSystems`. */
        fileSystem: z.string(),
        /** Name of one of its access points. */
        accessPoint: z.string(),
        /** Absolute path in the container. */
        containerPath: z.string().startsWith("/"),
        /** Mount read-only. Default: false. */
        readOnly: z.boolean().optional(),
      }),
    )
    .optional(),
  /**
   * Buckets in `buckets` the service uses: `read` (get and list) or `read-write` (also put and
   * delete), on the bucket and its key only; the service gets `BUCKET_<NAME>`. Default: none.
   */
  buckets: bucketUses,
  /**
   * Secrets from `secrets` injected as environment variables: variable → secret name, or
   * `{ secret, key }` for one key of a JSON secret. Default: none.
   */
  secretRefs: z
    .record(
      z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
        message: "must be an environment variable name: A-Z, 0-9 and _",
      }),
      z.union([z.string(), z.strictObject({ secret: z.string(), key: z.string().min(1) })]),
    )
    .optional(),
  /** Where the service runs and whom it reaches: capacity, placement, ec2Volumes, reaches, discovery, egressAllow (config/compute-fields.ts). */
  ...serviceComputeFields,
});

/** Per-service settings every service gets unless it sets its own. */
export const serviceDefaultsSchema = serviceSchema
  .pick({
    cpu: true,
    memory: true,
    desiredCount: true,
    minCount: true,
    maxCount: true,
    cpuTarget: true,
    memoryTarget: true,
    fargateBase: true,
    fargateWeight: true,
    spotWeight: true,
  })
  .partial();

export const albSchema = z.strictObject({
  /** ACM certificate ARN for the HTTPS listener. Required when internet-facing unless `domain` is set (a certificate is then issued for it); optional when internal (plain HTTP inside the VPC without it). */
  certificateArn: acmCertificateArn.optional(),
  /** Deletion protection. Default: on in prod, off elsewhere. */
  deletionProtection: z.boolean(),
  /** Days to keep ALB access logs. Default: 30 in dev, 90 in staging and prod. */
  accessLogRetentionDays: z.number().int().min(1).max(3650),
  /** CIDRs allowed to reach an internet-facing ALB. Default: none (internal ALBs admit only the VPC link). */
  ingressCidrs: z.array(z.string()).optional(),
  /**
   * The internal ALB of `entry: api-gateway` serves HTTPS (a certificate for
   * `internal.<domain.name>`, or `alb.certificateArn`) and API Gateway verifies it. Default:
   * false in dev (plain HTTP inside the VPC), true in staging and prod.
   */
  internalHttps: z.boolean().optional(),
});

export const apiRouteSchema = z.strictObject({
  /** The service the route forwards to. Required. */
  service: z.string(),
  /** Path prefix; the route key is `<methods> <path>/{proxy+}`. Default: the service's path. */
  path: z.string().optional(),
  /** HTTP method or ANY. Default: ANY. */
  method: z.enum(["ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]).optional(),
  /** Name of a JWT authorizer from `api.jwtAuthorizers`. Required unless `public` is true. */
  authorizer: z.string().optional(),
  /** Serve the route without authorization, on purpose. Default: false (a route needs an authorizer). */
  public: z.boolean().optional(),
});

export const apiSchema = z.strictObject({
  /** Steady-state requests per second across the stage. Default: 50 in dev, 500 in prod. */
  throttlingRateLimit: z.number().min(1).max(10000),
  /** Burst bucket size. Default: 100 in dev, 1000 in prod. */
  throttlingBurstLimit: z.number().int().min(1).max(5000),
  /** JWT authorizers by name (Cognito or any OIDC issuer). Default: none. */
  jwtAuthorizers: z
    .record(
      z.string(),
      z.strictObject({ issuer: z.string().url(), audiences: z.array(z.string()).min(1) }),
    )
    .optional(),
  /** CORS origins allowed to call the API from a browser. Default: none (CORS off). */
  corsAllowOrigins: z.array(z.string()).optional(),
  /** Custom domain with an ACM certificate in the same region; disables the default endpoint. Default: none. */
  customDomain: z
    .strictObject({
      domainName: z.string(),
      certificateArn: acmCertificateArn,
    })
    .optional(),
  /** Routes from the API to services, through the VPC link and the internal ALB. Default: none. */
  routes: z.array(apiRouteSchema).optional(),
});

export const databaseSchema = z.strictObject({
  /** `postgres`, `mysql`, `aurora-postgresql` or `aurora-mysql`. Default: postgres. */
  engine: z.enum(ENGINES),
  /** Engine version, matching the engine family. Default: 16.4 for PostgreSQL engines, 8.0 for MySQL ones. */
  engineVersion: z.string().optional(),
  /** Instance class (`db.serverless` is set for you with serverlessV2). Default: db.t4g.micro / db.t4g.medium / db.r6g.large. */
  instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, {
    message: "must be an RDS instance class such as db.t4g.medium",
  }),
  /** Storage in GiB (RDS engines). Default: 20 / 20 / 50. */
  allocatedStorage: z.number().int(),
  /** Storage autoscaling ceiling in GiB (RDS engines); 0 turns autoscaling off. Default: 50 / 100 / 500. */
  maxAllocatedStorage: z.number().int(),
  /**
   * Storage type (RDS engines): `gp3`, `gp2` (reference 004), or provisioned IOPS `io1` /
   * `io2`, which need `iops`. Default: gp3.
   */
  storageType: z.enum(STORAGE_TYPES).optional(),
  /** Provisioned IOPS: required for io1/io2, optional for gp3 from 400 GiB, not for gp2. Default: none. */
  iops: z.number().int().optional(),
  /** Daily backup window, UTC `hh24:mi-hh24:mi`, at least 30 minutes. Default: 02:00-03:00. */
  backupWindow: z
    .string()
    .regex(BACKUP_WINDOW, { message: "must be hh24:mi-hh24:mi in UTC, such as 03:00-04:00" })
    .optional(),
  /**
   * Weekly maintenance window, UTC `ddd:hh24:mi-ddd:hh24:mi`, at least 30 minutes, not
   * overlapping the backup window. Default: sun:03:30-sun:04:30.
   */
  maintenanceWindow: z
    .string()
    .regex(MAINTENANCE_WINDOW, {
      message: "must be ddd:hh24:mi-ddd:hh24:mi in UTC (days mon–sun), such as sun:04:00-sun:05:00",
    })
    .optional(),
  /**
   * Master user name (its password lives in Secrets Manager, managed by RDS): 1–16 letters,
   * digits and _, starting with a letter, not a name the engine reserves. Default: dbadmin.
   */
  masterUsername: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, {
      message: "must be 1–16 letters, digits and _, starting with a letter",
    })
    .optional(),
  /** Standby in a second AZ (RDS engines). Default: off in dev and staging, on in prod. */
  multiAz: z.boolean(),
  /**
   * RDS read replicas (not for Aurora: use `readers`): a count (`replica-1` … `replica-N`,
   * spread over the AZs in order), or replicas by name, each in the AZ it names
   * (`{ "replica-1": { availabilityZone: "eu-north-1b" }, reporting: {} }`). Default: 0.
   */
  readReplicas: z.union(
    [
      z.number().int().min(0).max(15),
      z.record(
        z.string().regex(/^[a-z][a-z0-9-]{0,15}$/),
        z.strictObject({
          /** AZ of the replica, one of the environment's. Default: RDS chooses. */
          availabilityZone: z.string().optional(),
        }),
      ),
    ],
    {
      error:
        "must be a count from 0 to 15, or replica names (1–16 of a-z, 0-9 and -) mapped to { availabilityZone? }",
    },
  ),
  /** Aurora readers in other AZs (ignored by RDS engines). Default: 0 in dev, 1 in staging and prod. */
  readers: z.number().int().min(0).max(15),
  /** Aurora Serverless v2 capacity in ACU instead of provisioned instances. Default: none. */
  serverlessV2: z
    .strictObject({
      minCapacity: z.number().min(0).max(256),
      maxCapacity: z.number().min(1).max(256),
    })
    .optional(),
  /** Days of automated backups, 0–35 (at least 1 for Aurora, at least 7 in prod). Default: 1 / 7 / 14. */
  backupRetentionDays: z.number().int(),
  /** API-level deletion protection. Default: on in prod. */
  deletionProtection: z.boolean(),
  /** Performance Insights. Default: off in dev. */
  performanceInsights: z.boolean(),
  /** Performance Insights retention in days: 7 (free), 31 × 1–23 months, or 731. Default: 7. */
  performanceInsightsRetentionDays: z
    .number()
    .int()
    .refine((d) => d === 7 || d === 731 || (d % 31 === 0 && d >= 31 && d <= 713), {
      message: "must be 7, 731 or a multiple of 31 from 31 to 713 (months × 31)",
    })
    .optional(),
  /** Enhanced monitoring interval in seconds (0 = off). Default: 0 / 60 / 30. */
  monitoringInterval: z
    .number()
    .refine((n) => (MONITORING_INTERVALS as readonly number[]).includes(n), {
      message: `must be one of: ${MONITORING_INTERVALS.join(", ")}`,
    }),
  /** The engine's `max_connections`, for the connections alarm. Default: the engine default for the instance class's memory. */
  maxConnections: z.number().int().min(1).optional(),
  /** Initial database name. Default: none. */
  databaseName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, {
      message: "must start with a letter; letters, digits and _ only",
    })
    .optional(),
});

export const cacheSchema = z.strictObject({
  /** `valkey` or `redis`. Default: valkey. */
  engine: z.enum(CACHE_ENGINES),
  /** Engine version (7.x for redis). Default: the module's. */
  engineVersion: z.string().optional(),
  /** Node type. Default: cache.t4g.micro / cache.t4g.small / cache.r7g.large. */
  nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, {
    message: "must be an ElastiCache node type such as cache.t4g.small",
  }),
  /** Primary plus replicas, 1–6. Default: 1 in dev, 2 in staging, 3 in prod. */
  nodes: z.number().int().min(1).max(6),
  /** Multi-AZ with automatic failover (needs 2+ nodes). Default: off in dev, on otherwise. */
  multiAz: z.boolean(),
  /** Days of snapshots, 0–35. Default: 0 in dev, 7 otherwise. */
  snapshotRetentionDays: z.number().int().min(0).max(35),
});

export const fileSystemSchema = z.strictObject({
  /** Access points by name: a non-root directory and the POSIX user that owns it. Required. */
  accessPoints: z.record(
    z.string(),
    z.strictObject({
      path: z
        .string()
        .regex(/^\/[A-Za-z0-9._/-]+$/, { message: "must be an absolute path other than /" }),
      uid: z.number().int().min(1).max(4294967294),
      gid: z.number().int().min(1).max(4294967294),
    }),
  ),
});

const email = z
  .string()
  .regex(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i, { message: "must be an email address" });

export const monitoringSchema = z.strictObject({
  /** Who gets alarm and OK notifications, of critical and warning alarms alike. Default: none. */
  alarmEmails: z.array(email),
  /**
   * Endpoints paged by critical alarms only, by name: `{ protocol: "https", endpoint:
   * "https://events.pagerduty.com/…" }` (a paging service's SNS webhook) or `{ protocol: "sms",
   * endpoint: "+46701234567" }`. Default: none.
   */
  criticalEndpoints: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, {
        message: "must be 1–32 characters of a-z, 0-9 and -, starting with a letter",
      }),
      z.strictObject({ protocol: z.enum(CRITICAL_ENDPOINT_PROTOCOLS), endpoint: z.string() }),
    )
    .optional(),
  /**
   * Service level objective where users arrive (the API, else the ALB): `availabilityPercent`
   * (002: 99.9) alarms on multi-window 5xx burn rates, `latencyP95Ms` (002: 500) on p95
   * latency. Default: none, no SLO alarms.
   */
  slo: z
    .strictObject({
      availabilityPercent: z.number().min(90).lt(100),
      latencyP95Ms: z.number().positive().optional(),
    })
    .optional(),
  /** Threshold overrides per service name, e.g. `{ search: { latency_warning_ms: 1500 } }`. Default: none. */
  serviceThresholds: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  /**
   * A WAFv2 web ACL managed elsewhere (its name, the `WebACL` metric dimension, and scope): the
   * security dashboard shows its blocks and a warning alarm watches them. Default: the
   * environment's own web ACL (`waf`), if any.
   */
  wafWebAcl: z
    .strictObject({
      metricName: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, {
        message: "must be a web ACL name: 1–128 characters of A-Z, a-z, 0-9, _ and -",
      }),
      /** `REGIONAL` or `CLOUDFRONT` (metrics in us-east-1). Default: REGIONAL. */
      scope: z.enum(["REGIONAL", "CLOUDFRONT"]).optional(),
    })
    .optional(),
  /** Metrics the application publishes to its own namespace, drawn on a business dashboard. Default: none. */
  businessMetrics: z
    .strictObject({
      namespace: z.string().regex(/^(?!AWS\/)[^:]{1,255}$/, {
        message: "must be a CloudWatch namespace of your own (not AWS/…)",
      }),
      metrics: z
        .array(
          z.strictObject({
            name: z.string().min(1),
            label: z.string().min(1),
            /** Statistic. Default: Sum. */
            stat: z.string().optional(),
            /** Dimensions the metric is published with. Default: none. */
            dimensions: z.record(z.string(), z.string()).optional(),
          }),
        )
        .min(1),
    })
    .optional(),
  /** Alarm actions on; dev keeps its alarms but pages nobody. Default: off in dev, on otherwise. */
  notificationsEnabled: z.boolean(),
  /** Threshold overrides by name (see terraform-modules/monitoring/README.md). Default: the module's. */
  thresholds: z.record(z.string(), z.number()).optional(),
});

export const auditSchema = z.strictObject({
  /** CloudTrail (multi-region, validated, KMS) to a private bucket and CloudWatch Logs. Default: on in prod only. */
  enabled: z.boolean(),
  /** Days the trail's bucket keeps log files; at least 365 in prod. Default: 365. */
  retentionDays: z.number().int().min(1).max(3650),
  /**
   * Retention of the audit log groups: CloudTrail's CloudWatch Logs copy and the ECS Exec
   * session log. Separate from `logRetentionDays` (application logs), so shortening those never
   * shortens the audit trail; at least 365 in prod. Default: 30 in dev, 90 in staging, 365 in prod.
   */
  logRetentionDays: retentionDays,
});

export const budgetSchema = z.strictObject({
  /** Monthly cost budget in USD; no budget when unset. Default: none. */
  monthlyLimitUsd: z.number().optional(),
  /** Who is told at 80/90/100 % (forecast and actual). Default: monitoring.alarmEmails. */
  emails: z.array(email).optional(),
  /** Daily cost budget in USD beside the monthly one (actual cost at 80 and 100 %). Default: none. */
  dailyLimitUsd: z.number().optional(),
  /** Cost Anomaly Detection: a daily e-mail of anomalies with at least this impact in USD. Default: none. */
  anomalyThresholdUsd: z.number().optional(),
});

export const backupSchema = z.strictObject({
  /** AWS Backup plan for everything tagged Backup=true (databases, file systems). Default: on in prod only. */
  enabled: z.boolean(),
  /** Days to keep daily recovery points (004: 7). */
  dailyRetentionDays: z.number().int(),
  /** Weeks to keep weekly recovery points (004: 4). */
  weeklyRetentionWeeks: z.number().int(),
  /** Months to keep monthly recovery points (004: 12). */
  monthlyRetentionMonths: z.number().int(),
  /** Vault in another region that receives copies. Default: none. */
  drVaultArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:.+$/, {
      message: "must be an AWS Backup vault ARN",
    })
    .optional(),
});

const storageClasses = Object.keys(TRANSITION_MIN_DAYS) as [StorageClass, ...StorageClass[]];

export const bucketSchema = z.strictObject({
  /** Keep every object version. Default: true. */
  versioning: z.boolean().optional(),
  /** What happens to objects as they age. Default: only incomplete multipart uploads are cleaned up (after 7 days). */
  lifecycle: z
    .strictObject({
      /** Moves to cheaper storage classes, e.g. `[{ days: 30, storageClass: "STANDARD_IA" }]`. Default: none. */
      transitions: z
        .array(
          z.strictObject({
            days: z.number().int().min(0),
            storageClass: z.enum(storageClasses),
          }),
        )
        .optional(),
      /** Days after which current objects expire. Default: never. */
      expirationDays: z.number().int().min(1).optional(),
      /** Days after which overwritten or deleted versions are removed. Default: never. */
      noncurrentExpirationDays: z.number().int().min(1).optional(),
    })
    .optional(),
});

export const secretSchema = z.strictObject({
  /** What the secret holds, e.g. "Stripe and OpenAI API keys (JSON)". Required. */
  description: z.string().min(1),
});

const DATA_STORE_NAME = /^[a-z][a-z0-9-]{0,15}$/;
const storeName = { message: "must be 1–16 characters of a-z, 0-9 and -, starting with a letter" };

export const environmentSchema = z.strictObject({
  /** Which profile supplies the defaults. Default: the environment's name when it is dev, staging or prod. */
  profile: z.enum(["dev", "staging", "prod"]),
  /** AWS region. Default: the platform's `defaults.region`. Required. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { message: "must be an AWS region such as eu-north-1" }),
  /** AWS account the environment lives in (12 digits): used in key policies and role trust. Required. */
  accountId: z.string().regex(/^\d{12}$/, { message: "must be a 12-digit AWS account ID" }),
  vpc: vpcSchema,
  /** Retention of application and access log groups, in days. Default: 7 / 30 / 90. */
  logRetentionDays: retentionDays,
  /** Sizing and scaling every service gets unless it sets its own. Default: from the profile. */
  serviceDefaults: serviceDefaultsSchema,
  /** The services (ECS Fargate behind the ALB). Default: none. */
  services: z.array(serviceSchema).optional(),
  /** Per-environment changes to services declared in `defaults`, by service name. Default: none. */
  serviceOverrides: z.record(z.string(), serviceSchema.omit({ name: true }).partial()).optional(),
  /**
   * How requests reach the services: `api-gateway` (HTTP API → VPC link → internal ALB,
   * reference 002), `public-alb` (an internet-facing ALB with HTTPS) or `none` (no load
   * balancer: services without a path only). Default: api-gateway.
   */
  entry: z.enum(ENTRY_KINDS),
  alb: albSchema,
  api: apiSchema,
  /** The environment's hosted zone and domain name (see config/edge-fields.ts). Default: none. */
  domain: domainSchema.optional(),
  /** CloudFront in front of the ALB (see config/edge-fields.ts). Default: none. */
  cdn: cdnSchema.optional(),
  /** A WAFv2 web ACL on CloudFront or the public ALB (see config/edge-fields.ts). Default: none. */
  waf: wafSchema.optional(),
  /** Settings every database gets unless it sets its own. Default: from the profile. */
  databaseDefaults: databaseSchema.partial(),
  /** Relational databases by name; services reference them with `database`. Default: none. */
  databases: z.record(z.string().regex(DATA_STORE_NAME, storeName), databaseSchema).optional(),
  /** Settings every cache gets unless it sets its own. Default: from the profile. */
  cacheDefaults: cacheSchema.partial(),
  /** Redis/Valkey caches by name; services reference them with `cache`. Default: none. */
  caches: z.record(z.string().regex(DATA_STORE_NAME, storeName), cacheSchema).optional(),
  /** EFS file systems by name; services mount their access points with `volumes`. Default: none. */
  fileSystems: z.record(z.string().regex(DATA_STORE_NAME, storeName), fileSystemSchema).optional(),
  /** S3 buckets by name (KMS-encrypted, private); services use them with `buckets`. Default: none. */
  buckets: z.record(z.string().regex(DATA_STORE_NAME, storeName), bucketSchema).optional(),
  /**
   * Application secrets by name, created empty (values are put with the AWS CLI, see
   * terraform-modules/app-secrets/README.md); services use them with `secretRefs`. Default: none.
   */
  secrets: z.record(z.string().regex(DATA_STORE_NAME, storeName), secretSchema).optional(),
  ...deliveryFields,
  monitoring: monitoringSchema,
  audit: auditSchema,
  budget: budgetSchema,
  backup: backupSchema,
  /** ECS-on-EC2 pools, Cloud Map, EC2 hosts and Auto Scaling tiers (config/compute-fields.ts). */
  ...environmentComputeFields,
});

export type EnvironmentSettings = z.infer<typeof environmentSchema>;

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type Service = z.infer<typeof serviceSchema>;
type DefaultedServiceField = keyof z.infer<typeof serviceDefaultsSchema>;
/** A service as written in config: sizing and scaling fields fall back to `serviceDefaults`. */
export type ServiceInput = Omit<Service, DefaultedServiceField> &
  Partial<Pick<Service, DefaultedServiceField>>;

/** What a platform config says about one environment; the profile and `defaults` fill the rest. */
export type Database = z.infer<typeof databaseSchema>;
export type Cache = z.infer<typeof cacheSchema>;
export type FileSystem = z.infer<typeof fileSystemSchema>;
export type Bucket = z.infer<typeof bucketSchema>;
export type Secret = z.infer<typeof secretSchema>;

export type EnvironmentInput = DeepPartial<
  Omit<EnvironmentSettings, "services" | "databases" | "caches" | "capacityPools">
> & {
  /** Capacity pools: any sizing field left out comes from `capacityPoolDefaults`. */
  readonly capacityPools?: Readonly<
    Record<string, DeepPartial<CapacityPool> & Pick<CapacityPool, "instanceTypes">>
  >;
  readonly services?: readonly ServiceInput[];
  /** Databases: any field left out comes from `databaseDefaults`. */
  readonly databases?: Readonly<Record<string, Partial<Database>>>;
  /** Caches: any field left out comes from `cacheDefaults`. */
  readonly caches?: Readonly<Record<string, Partial<Cache>>>;
};

export const platformSchema = z.strictObject({
  /** Short project name: prefixes resource names and the `Project` tag. Required. */
  project: z.string().regex(/^[a-z][a-z0-9-]{1,11}$/, {
    message: "must be 2–12 characters of a-z, 0-9 and -, starting with a letter",
  }),
  /** Extra tags on every resource (e.g. Owner, CostCenter). Default: none. */
  tags: z.record(z.string(), z.string()).optional(),
  /** Remote state: one S3 bucket, one key per environment, native S3 locking. Required. */
  state: z.strictObject({
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: "must be a valid S3 bucket name" }),
    /** Default: the environment's region. */
    region: z.string().optional(),
    /** Key prefix; the key is `<prefix>/<env>/terraform.tfstate`. Default: the project name. */
    keyPrefix: z.string().optional(),
  }),
  /** Settings shared by every environment; an environment's own block wins. Default: none. */
  defaults: z.record(z.string(), z.unknown()).optional(),
  /** The environments, by name (lower case, up to 10 characters). Required. */
  environments: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export interface PlatformConfig {
  readonly project: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly state: {
    readonly bucket: string;
    readonly region?: string;
    readonly keyPrefix?: string;
  };
  readonly defaults?: EnvironmentInput;
  readonly environments: Readonly<Record<string, EnvironmentInput>>;
}
