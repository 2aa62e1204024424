import type { PlatformConfig } from "../../config/schema";

/**
 * A few configs that together set every field of `config/schema.ts` away from its default at
 * least once, each planned with real Terraform in the environments it defines
 * (`__tests__/terraform/config-features.test.ts`); `__tests__/config/schema-coverage.test.ts`
 * fails when a schema field is set by none of them.
 */
export interface FeatureConfig {
  readonly name: string;
  readonly config: PlatformConfig;
}

const emails = ["oncall@features.example"];
/** A full image URI, for services not yet built into one of the config's repositories. */
const registry = "444455556666.dkr.ecr.eu-north-1.amazonaws.com/features";

/**
 * Internal ALB behind the API, in a prod environment: Aurora PostgreSQL (provisioned, readers)
 * and Aurora MySQL Serverless v2, a Valkey cache, EFS, services with every option, every API
 * feature, explicit AZs and subnets with an intra tier, and every operations setting.
 */
const privateApi: PlatformConfig = {
  project: "feat",
  tags: { Owner: "features", CostCenter: "tests" },
  state: { bucket: "feat-terraform-state", region: "eu-west-1", keyPrefix: "platform/feat" },
  defaults: {
    region: "eu-north-1",
    serviceDefaults: {
      cpu: 1024,
      memory: 2048,
      desiredCount: 3,
      minCount: 3,
      maxCount: 6,
      cpuTarget: 60,
      memoryTarget: 70,
      fargateBase: 1,
      fargateWeight: 2,
      spotWeight: 2,
    },
    databaseDefaults: { backupRetentionDays: 21 },
    repositoryDefaults: { keepTaggedImages: 60 },
    cacheDefaults: { engine: "valkey", snapshotRetentionDays: 3 },
  },
  environments: {
    prod: {
      accountId: "123456789012",
      vpc: {
        cidr: "10.60.0.0/20",
        azs: ["eu-north-1a", "eu-north-1c"],
        natMode: "single",
        flowLogRetentionDays: 400,
        networkAcls: true,
        interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sts", "kms"],
        subnets: {
          "eu-north-1a": {
            public: "10.60.0.0/24",
            private: "10.60.4.0/22",
            database: "10.60.1.0/24",
            intra: "10.60.2.0/25",
          },
          "eu-north-1c": {
            public: "10.60.3.0/24",
            private: "10.60.8.0/22",
            database: "10.60.12.0/24",
            intra: "10.60.2.128/25",
          },
        },
      },
      logRetentionDays: 60,
      services: [
        {
          name: "shop",
          // Reference 001's delivery chain: an ECR image by digest, CodeDeploy blue/green with
          // a 10 % / 5 minute canary, built and deployed by CodePipeline.
          image: { repository: "feat/shop", digest: `sha256:${"a".repeat(64)}` },
          deployment: {
            strategy: "blue-green",
            config: "CodeDeployDefault.ECSCanary10Percent5Minutes",
            terminationWaitMinutes: 15,
            testListenerPort: 9443,
            testCidrs: ["10.60.0.0/20", "192.168.10.0/24"],
          },
          port: 8443,
          cpu: 2048,
          memory: 4096,
          path: "/shop",
          priority: 10,
          healthCheckPath: "/shop/ready",
          environment: { LOG_LEVEL: "info" },
          secrets: {
            API_KEY: "arn:aws:secretsmanager:eu-north-1:123456789012:secret:feat/api-key-AbCdEf",
            FLAG: "arn:aws:ssm:eu-north-1:123456789012:parameter/feat/flag",
          },
          desiredCount: 4,
          minCount: 2,
          maxCount: 8,
          cpuTarget: 50,
          memoryTarget: 65,
          requestsPerTarget: 500,
          fargateBase: 2,
          fargateWeight: 1,
          spotWeight: 0,
          imageOwner: "pipeline",
          architecture: "ARM64",
          database: "orders",
          cache: "sessions",
          buckets: [
            { bucket: "uploads", access: "read-write" },
            { bucket: "exports", access: "read" },
          ],
          secretRefs: {
            STRIPE_KEY: { secret: "api-keys", key: "stripe" },
            WEBHOOK_SECRET: "webhooks",
          },
          volumes: [
            {
              fileSystem: "media",
              accessPoint: "uploads",
              containerPath: "/data/uploads",
              readOnly: true,
            },
          ],
        },
        {
          name: "search",
          image: { repository: "feat/search", tag: "2.1.0" },
          port: 8080,
          path: "/search",
          priority: 20,
          database: "catalog",
          deployment: {
            strategy: "blue-green",
            config: { type: "canary", percent: 25, minutes: 3 },
            testListenerPort: 9444,
            testCidrs: ["10.60.0.0/20", "192.168.10.0/24"],
          },
        },
        {
          // A worker deployed by its pipeline with ECS rolling updates, without alarm rollback.
          name: "jobs",
          image: { repository: "feat/jobs", tag: "0.9.1" },
          port: 9000,
          deployment: { strategy: "rolling", circuitBreaker: { alarms: false } },
        },
      ],
      repositories: {
        "feat/shop": { untaggedExpiryDays: 3, pullAccountIds: ["444455556666"] },
        "feat/search": { keepTaggedImages: 200 },
        "feat/jobs": {},
      },
      pipelines: {
        shop: {
          source: { github: "features/shop", branch: "release" },
          build: { computeType: "BUILD_GENERAL1_MEDIUM", buildspec: "ci/buildspec.yml" },
        },
        search: {
          source: {
            github: "features/search",
            connectionArn:
              "arn:aws:codestar-connections:eu-north-1:123456789012:connection/0a1b2c3d-0000-4000-8000-000000000001",
          },
        },
        jobs: { source: { s3Bucket: "feat-sources", s3Key: "jobs/source.zip" } },
      },
      serviceOverrides: { search: { desiredCount: 4, maxCount: 12 } },
      alb: {
        certificateArn:
          "arn:aws:acm:eu-north-1:123456789012:certificate/1a2b3c4d-0000-4000-8000-00000000000a",
        deletionProtection: false,
        accessLogRetentionDays: 400,
      },
      api: {
        throttlingRateLimit: 250,
        throttlingBurstLimit: 300,
        jwtAuthorizers: {
          customers: {
            issuer: "https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_Features",
            audiences: ["web", "mobile"],
          },
        },
        corsAllowOrigins: ["https://app.features.example"],
        customDomain: {
          domainName: "api.features.example",
          certificateArn:
            "arn:aws:acm:eu-north-1:123456789012:certificate/1a2b3c4d-0000-4000-8000-00000000000b",
        },
        routes: [
          { service: "shop", path: "/shop/v2", method: "POST", authorizer: "customers" },
          { service: "search", method: "GET", public: true },
        ],
      },
      databases: {
        orders: {
          engine: "aurora-postgresql",
          engineVersion: "16.6",
          instanceClass: "db.r7g.large",
          readers: 2,
          deletionProtection: false,
          monitoringInterval: 15,
          maxConnections: 1200,
          databaseName: "orders",
          masterUsername: "orders_owner",
          backupWindow: "01:00-01:45",
          maintenanceWindow: "sat:22:00-sat:23:00",
          performanceInsightsRetentionDays: 93,
        },
        catalog: {
          engine: "aurora-mysql",
          engineVersion: "8.0.mysql_aurora.3.08.0",
          serverlessV2: { minCapacity: 0.5, maxCapacity: 8 },
          readers: 1,
          // Reference 001's master user: RDS reserves rdsadmin, not admin.
          masterUsername: "admin",
        },
      },
      caches: { sessions: { nodeType: "cache.r7g.xlarge", nodes: 2, multiAz: true } },
      buckets: {
        uploads: {
          lifecycle: {
            transitions: [
              { days: 30, storageClass: "STANDARD_IA" },
              { days: 180, storageClass: "GLACIER_IR" },
            ],
            expirationDays: 730,
            noncurrentExpirationDays: 30,
          },
        },
        // Regenerated from the database every night: no versions to keep.
        exports: { versioning: false, lifecycle: { expirationDays: 7 } },
      },
      secrets: {
        "api-keys": { description: "Third-party API keys (JSON: stripe, openai)" },
        webhooks: { description: "Webhook signing secret" },
      },
      fileSystems: {
        media: { accessPoints: { uploads: { path: "/uploads", uid: 1001, gid: 1002 } } },
      },
      monitoring: {
        alarmEmails: emails,
        notificationsEnabled: false,
        thresholds: { ecs_cpu_warning_percent: 65, latency_warning_ms: 800 },
        criticalEndpoints: {
          pagerduty: {
            protocol: "https",
            endpoint: "https://events.pagerduty.com/integration/0123456789abcdef/enqueue",
          },
        },
        slo: { availabilityPercent: 99.5, latencyP95Ms: 400 },
        serviceThresholds: { search: { latency_warning_ms: 1500, ecs_cpu_critical_percent: 95 } },
        wafWebAcl: { metricName: "feat-edge", scope: "CLOUDFRONT" },
        businessMetrics: {
          namespace: "Features/Business",
          metrics: [
            { name: "OrdersPlaced", label: "Orders placed" },
            {
              name: "PaymentsFailed",
              label: "Failed payments",
              stat: "Maximum",
              dimensions: { Provider: "stripe" },
            },
          ],
        },
      },
      audit: { retentionDays: 731, logRetentionDays: 545 },
      budget: {
        monthlyLimitUsd: 1500,
        emails: ["finance@features.example"],
        dailyLimitUsd: 80,
        anomalyThresholdUsd: 50,
      },
      backup: {
        dailyRetentionDays: 14,
        weeklyRetentionWeeks: 8,
        monthlyRetentionMonths: 24,
        drVaultArn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:feat-dr",
      },
    },
  },
};

/**
 * Internet-facing ALB (no API in front), in an environment named `qa` on the staging profile:
 * RDS MySQL on io1 with read replicas named and placed by AZ, a Redis cache, automatic subnets
 * with an intra tier, and the audit trail and backups switched on outside prod; and `lab` (dev
 * profile) without a database tier, with network ACLs.
 */
const publicAlb: PlatformConfig = {
  project: "pub",
  state: { bucket: "pub-terraform-state" },
  environments: {
    qa: {
      profile: "staging",
      region: "eu-west-1",
      accountId: "210987654321",
      vpc: {
        cidr: "10.70.0.0/16",
        azCount: 2,
        natMode: "one-per-az",
        intraSubnets: true,
        flowLogRetentionDays: 14,
      },
      logRetentionDays: 14,
      services: [
        {
          name: "web",
          // 000/002's path: built elsewhere (GitHub Actions or this pipeline), deployed by ECS.
          image: { repository: "pub/web", tag: "1.27.0" },
          port: 80,
          // The catch-all service: the ALB's last rule matches every path.
          path: "/",
          priority: 1,
          architecture: "X86_64",
          imageOwner: "pipeline",
          database: "legacy",
          cache: "jobs",
        },
      ],
      repositories: { "pub/web": {} },
      // Failure notifications go to the alarm topic created in the same apply (staging notifies).
      pipelines: { web: { source: { github: "pub-org/web" } } },
      entry: "public-alb",
      alb: {
        certificateArn:
          "arn:aws:acm:eu-west-1:210987654321:certificate/1a2b3c4d-0000-4000-8000-00000000000c",
        deletionProtection: true,
        ingressCidrs: ["203.0.113.0/24"],
      },
      databases: {
        legacy: {
          engine: "mysql",
          engineVersion: "8.4",
          instanceClass: "db.m7g.large",
          allocatedStorage: 100,
          maxAllocatedStorage: 0,
          storageType: "io1",
          iops: 3000,
          multiAz: true,
          // Reference 004: replicas across different AZs, by name.
          readReplicas: {
            "replica-1": { availabilityZone: "eu-west-1b" },
            reporting: { availabilityZone: "eu-west-1a" },
          },
          backupRetentionDays: 10,
          performanceInsights: false,
        },
      },
      caches: {
        jobs: {
          engine: "redis",
          engineVersion: "7.1",
          nodeType: "cache.t4g.medium",
          nodes: 3,
          multiAz: false,
          snapshotRetentionDays: 5,
        },
      },
      monitoring: {
        alarmEmails: emails,
        criticalEndpoints: { "duty-phone": { protocol: "sms", endpoint: "+46701234567" } },
        slo: { availabilityPercent: 99.9 },
      },
      audit: { enabled: true, retentionDays: 400, logRetentionDays: 180 },
      backup: { enabled: true },
      // A Compose host and an Auto Scaling tier that reach the same database and cache as ECS.
      hosts: {
        reports: {
          port: 8080,
          path: "/reports",
          priority: 50,
          compose: { s3Bucket: "pub-qa-deploy", s3Key: "reports/compose.yaml" },
          database: "legacy",
          cache: "jobs",
        },
      },
      appTiers: {
        admin: {
          instanceType: "t3.small",
          port: 8081,
          path: "/admin",
          priority: 60,
          minSize: 1,
          maxSize: 2,
          database: "legacy",
          cache: "jobs",
          secrets: ["admin-token"],
          buckets: [{ bucket: "reports", access: "read" }],
        },
      },
      buckets: { reports: {} },
      secrets: { "admin-token": { description: "Token of the admin tier's upstream" } },
    },
    // Reference 003's network: no database tier (no RDS, no ElastiCache), NACLs per tier.
    lab: {
      profile: "dev",
      region: "eu-west-1",
      accountId: "210987654321",
      vpc: { cidr: "10.71.0.0/16", databaseSubnets: false, networkAcls: true },
      services: [
        { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", port: 80, path: "/", priority: 1 },
      ],
      entry: "public-alb",
      alb: {
        certificateArn:
          "arn:aws:acm:eu-west-1:210987654321:certificate/1a2b3c4d-0000-4000-8000-00000000000d",
      },
    },
  },
};

/**
 * Compute beyond Fargate in a prod environment behind a public ALB: reference 003's ECS on EC2
 * (two capacity pools, the cluster's default on one, internal services found through Cloud
 * Map, Redis on a host volume, declared service-to-service access and egress allow-lists, a
 * Fargate worker), 000's Docker Compose host and 004's Auto Scaling tier.
 */
const compute: PlatformConfig = {
  project: "cmp",
  state: { bucket: "cmp-terraform-state" },
  environments: {
    prod: {
      region: "eu-north-1",
      accountId: "123456789012",
      vpc: { cidr: "10.80.0.0/16", azCount: 2, databaseSubnets: false },
      entry: "public-alb",
      alb: {
        certificateArn:
          "arn:aws:acm:eu-north-1:123456789012:certificate/1a2b3c4d-0000-4000-8000-00000000000e",
      },
      capacityPoolDefaults: {
        minSize: 2,
        maxSize: 5,
        targetCapacity: 90,
        onDemandBase: 1,
        spotPercentage: 25,
      },
      capacityPools: {
        general: {
          instanceTypes: ["m7g.large", "m6g.large"],
          architecture: "arm64",
        },
        memory: {
          instanceTypes: ["r7i.large"],
          amiId: "ami-0123456789abcdef0",
          minSize: 1,
          maxSize: 3,
          targetCapacity: 100,
          onDemandBase: 0,
          spotPercentage: 50,
        },
      },
      defaultCapacity: "general",
      discoveryNamespace: "cmp.internal",
      // Each awsvpc task takes an ENI: two per m7g.large without trunking, ten in the pool.
      serviceOverrides: { backend: { maxCount: 4 }, "ai-service": { maxCount: 4 } },
      services: [
        {
          name: "backend",
          image: `${registry}/backend:1.0.0`,
          port: 8080,
          path: "/api",
          priority: 10,
          architecture: "ARM64",
          cpu: 1536,
          memory: 3072,
          placement: [
            { type: "spread", field: "attribute:ecs.availability-zone" },
            { type: "binpack", field: "cpu" },
          ],
          reaches: [{ service: "ai-service", port: 8000 }, { service: "redis" }],
          egressAllow: [
            { cidr: "203.0.113.0/24", port: 443, description: "SaaS database" },
            { prefixList: "pl-0123456789abcdef0", port: 5432, description: "Partner PostgreSQL" },
          ],
        },
        {
          name: "ai-service",
          image: `${registry}/ai:2.1.0`,
          port: 8000,
          architecture: "ARM64",
          capacity: "general",
          discovery: true,
        },
        {
          name: "redis",
          image: "public.ecr.aws/docker/library/redis:7.4",
          port: 6379,
          capacity: "memory",
          cpu: 512,
          memory: 2048,
          desiredCount: 1,
          minCount: 1,
          maxCount: 1,
          discovery: true,
          ec2Volumes: {
            data: { containerPath: "/data", hostPath: "/var/lib/redis" },
            config: { containerPath: "/usr/local/etc/redis", readOnly: true },
          },
        },
        { name: "jobs", image: `${registry}/jobs:1.0.0`, port: 9000, capacity: "fargate" },
      ],
      hosts: {
        site: {
          instanceType: "t3.large",
          architecture: "x86_64",
          amiId: "ami-0fedcba9876543210",
          rootVolumeSize: 40,
          port: 80,
          hostHeaders: ["www.compute.example"],
          path: "/",
          priority: 100,
          healthCheckPath: "/up",
          compose: { s3Bucket: "cmp-prod-deploy", s3Key: "site/compose.yaml" },
          repositories: ["arn:aws:ecr:eu-north-1:123456789012:repository/cmp/site"],
          secrets: {
            DB_PASSWORD: "arn:aws:secretsmanager:eu-north-1:123456789012:secret:cmp-prod/db-AbCdEf",
          },
        },
      },
      appTiers: {
        app: {
          instanceType: "m7i.large",
          architecture: "x86_64",
          amiId: "ami-0a1b2c3d4e5f60718",
          rootVolumeSize: 50,
          port: 3000,
          path: "/app",
          priority: 200,
          minSize: 2,
          maxSize: 10,
          healthCheck: {
            path: "/api/health",
            matcher: "200-299",
            interval: 20,
            timeout: 4,
            healthyThreshold: 3,
            unhealthyThreshold: 4,
          },
          stickinessSeconds: 3600,
          scaling: {
            mode: "step",
            scaleOutCpu: 70,
            scaleOutBy: 3,
            scaleInCpu: 20,
            scaleInBy: 2,
            cooldown: 240,
          },
          scheduledActions: {
            night: {
              recurrence: "0 22 * * *",
              minSize: 2,
              maxSize: 4,
              timeZone: "Europe/Stockholm",
            },
          },
          userData: "systemctl enable --now app",
          codeDeployBucket: "cmp-prod-revisions",
        },
        admin: {
          instanceType: "t3.medium",
          port: 8081,
          path: "/admin",
          hostHeaders: ["admin.compute.example"],
          priority: 300,
          minSize: 1,
          maxSize: 2,
          scaling: { mode: "target-tracking", cpuTarget: 55 },
        },
      },
    },
  },
};

/** A public hosted zone and CloudFront's origin-facing prefix list in eu-west-1. */
const zone = { id: "Z0EDGE0FEATURES0ZONE", name: "edge.example" };
const cloudFrontPrefixList = "pl-4fa04526";
const web = {
  name: "web",
  image: "public.ecr.aws/nginx/nginx:1.27",
  port: 8080,
  path: "/",
  priority: 1,
};
const albCertificate = (n: string) => ({
  certificateArn: `arn:aws:acm:eu-west-1:345678901234:certificate/1a2b3c4d-0000-4000-8000-00000000e00${n}`,
});

/**
 * The edge: `prod` is reference 001/004 (Route 53 → CloudFront → WAF → a public ALB that admits
 * only CloudFront), with certificates created in the Region and in us-east-1; `qa` puts
 * CloudFront in front of an internal ALB through a VPC origin, with an existing us-east-1
 * certificate and its WAF in count mode; `dev` is reference 000's domain with SSL on a public
 * ALB behind a REGIONAL WAF (count mode by profile); `api` serves HTTPS on the internal ALB
 * behind API Gateway in a dev environment.
 */
const edge: PlatformConfig = {
  project: "edge",
  state: { bucket: "edge-terraform-state" },
  defaults: {
    region: "eu-west-1",
    accountId: "345678901234",
    services: [web],
    entry: "public-alb",
    cdn: {
      originPrefixListId: cloudFrontPrefixList,
      cachedPaths: ["/static/*", "/assets/*"],
      priceClass: "PriceClass_200",
    },
    waf: {
      managedGroups: { sqli: false, anonymousIp: true },
      countOverrides: { AWSManagedRulesCommonRuleSet: ["SizeRestrictions_BODY"] },
      rateLimit: 1000,
      rateLimitWindowSec: 120,
      ipSets: {
        office: { action: "allow", addresses: ["203.0.113.0/24"] },
        abusers: { action: "block", addresses: ["198.51.100.7/32"] },
      },
    },
  },
  environments: {
    prod: {
      vpc: { cidr: "10.80.0.0/16" },
      alb: albCertificate("1"),
      domain: { hostedZone: zone, name: "shop.edge.example" },
    },
    qa: {
      profile: "staging",
      vpc: { cidr: "10.81.0.0/16" },
      alb: albCertificate("2"),
      domain: { hostedZone: zone, name: "qa.shop.edge.example" },
      cdn: {
        enabled: true,
        origin: "vpc-origin",
        certificateArn:
          "arn:aws:acm:us-east-1:345678901234:certificate/1a2b3c4d-0000-4000-8000-00000000e0f1",
      },
      waf: { countMode: true },
    },
    dev: {
      vpc: { cidr: "10.82.0.0/16" },
      alb: albCertificate("3"),
      domain: { hostedZone: zone, name: "dev.shop.edge.example" },
      cdn: { enabled: false },
    },
    api: {
      profile: "dev",
      vpc: { cidr: "10.83.0.0/16" },
      entry: "api-gateway",
      alb: { internalHttps: true },
      domain: { hostedZone: zone, name: "api.dev.edge.example" },
      cdn: { enabled: false },
      waf: { enabled: false },
      api: { routes: [{ service: "web", public: true }] },
    },
  },
};

export const FEATURE_CONFIGS: readonly FeatureConfig[] = [
  { name: "private-api", config: privateApi },
  { name: "public-alb", config: publicAlb },
  { name: "compute", config: compute },
  { name: "edge", config: edge },
];
