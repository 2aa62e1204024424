import type { EnvironmentInput, PlatformConfig } from "../config/schema";

/**
 * Reference architecture 004 (WedSync): Route 53 → CloudFront → WAF → a public ALB that admits
 * only CloudFront → an Auto Scaling group of application servers in private subnets, RDS
 * PostgreSQL Multi-AZ with two read replicas in other AZs, an ElastiCache Redis cluster,
 * encrypted S3 buckets, AWS Backup (daily 7 days, weekly 4 weeks, monthly 12 months, copied to
 * a second Region), NACLs, and daily and monthly budgets with anomaly detection. Build it with
 * `PLATFORM_CONFIG=examples/wedsync-cloudfront-asg.ts npx cdktf synth`.
 *
 * Where the write-up is followed differently, and why (docs/reference-architectures.md):
 * - Blue/green is CodeDeploy's in-place deployment of a revision from the deployments bucket
 *   to the tier, behind the ALB's health checks, not a hand-run `modify-listener` between two
 *   target groups: the listener never points at an unchecked fleet.
 * - The ALB serves HTTPS only to CloudFront (the origin-facing prefix list and a secret origin
 *   header); TLS 1.3 is offered by CloudFront and by the ALB's TLS 1.3 policy, not enforced on
 *   clients that cannot speak it.
 * - "Read replicas auto-scale on read load" has no RDS equivalent (only Aurora scales readers):
 *   the two replicas are fixed, with a 5-second lag alarm each.
 * - Reserved Instances are a purchase, not infrastructure; dev runs the same tier smaller
 *   rather than on Spot.
 */

const region = "us-east-1";
const hostedZone = { id: "Z0WEDSYNC0EXAMPLE00", name: "wedsync.example" };

/** What differs per environment besides its profile. */
function environment(accountId: string, cidr: string, name: string): EnvironmentInput {
  const prod = name === "prod";
  return {
    accountId,
    vpc: { cidr, azs: [`${region}a`, `${region}b`, `${region}c`], networkAcls: true },
    domain: { hostedZone, name: prod ? "app.wedsync.example" : `${name}.wedsync.example` },
    appTiers: {
      app: {
        instanceType: prod ? "m7i.large" : "t3.medium",
        port: 3000,
        path: "/",
        priority: 100,
        minSize: prod ? 2 : 1,
        maxSize: prod ? 10 : 3,
        // Round robin with sticky sessions; GET /api/health every 30 s, 2 up / 3 down.
        healthCheck: {
          path: "/api/health",
          interval: 30,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
        stickinessSeconds: 86400,
        // The write-up's policies: +2 above 75 % CPU, −1 below 25 %, 300 s cooldown.
        scaling: {
          mode: "step",
          scaleOutCpu: 75,
          scaleOutBy: 2,
          scaleInCpu: 25,
          scaleInBy: 1,
          cooldown: 300,
        },
        // Scheduled scaling: smaller overnight, the full range again in the morning (UTC).
        scheduledActions: {
          night: { recurrence: "0 23 * * *", minSize: 1, maxSize: prod ? 4 : 2 },
          morning: { recurrence: "0 6 * * *", minSize: prod ? 2 : 1, maxSize: prod ? 10 : 3 },
        },
        codeDeployBucket: `wedsync-${name}-deployments`,
        database: "main",
        cache: "sessions",
        // The application reads its keys and keeps uploads; nothing else may.
        secrets: ["api-keys", "webhooks"],
        buckets: [{ bucket: "uploads", access: "read-write" }],
      },
    },
  };
}

export const platform: PlatformConfig = {
  project: "wedsync",
  tags: { Owner: "wedsync-ops", CostCenter: "wedsync" },
  state: { bucket: "wedsync-terraform-state", region },
  defaults: {
    region,
    entry: "public-alb",
    cdn: {
      // CloudFront's origin-facing managed prefix list in us-east-1.
      originPrefixListId: "pl-3b927c52",
      // Static assets, images, CSS and JavaScript are cached at the edge.
      cachedPaths: ["/_next/static/*", "/static/*", "/images/*"],
    },
    // Managed rule groups (common, known bad inputs, SQL injection, IP reputation) and a
    // per-IP rate limit.
    waf: { rateLimit: 2000, rateLimitWindowSec: 300 },
    databases: {
      main: {
        engine: "postgres",
        databaseName: "wedsync",
        // Daily backups at 03:00 UTC kept 30 days; maintenance Sunday 04:00–05:00 UTC.
        backupRetentionDays: 30,
        backupWindow: "03:00-03:30",
        maintenanceWindow: "sun:04:00-sun:05:00",
      },
    },
    caches: { sessions: { engine: "redis", engineVersion: "7.1" } },
    buckets: {
      // Uploaded PDFs and form exports: versioned (the write-up's recovery of application data),
      // old versions expire, and cold files move to cheaper storage.
      uploads: {
        lifecycle: {
          transitions: [{ days: 90, storageClass: "STANDARD_IA" }],
          noncurrentExpirationDays: 90,
        },
      },
    },
    secrets: {
      "api-keys": { description: "Third-party API keys, rotated (JSON: stripe, supabase)" },
      webhooks: { description: "Stripe webhook signing secret" },
    },
    monitoring: {
      alarmEmails: ["ops@wedsync.example"],
      thresholds: { latency_warning_ms: 500, latency_critical_ms: 2000 },
      businessMetrics: {
        namespace: "WedSync/Business",
        metrics: [
          { name: "PdfProcessed", label: "PDFs processed" },
          { name: "FormsSubmitted", label: "Form submissions" },
          { name: "PaymentsSucceeded", label: "Payments" },
        ],
      },
    },
  },
  environments: {
    dev: environment("111111111111", "10.0.0.0/16", "dev"),
    staging: environment("222222222222", "10.1.0.0/16", "staging"),
    prod: {
      ...environment("333333333333", "10.2.0.0/16", "prod"),
      databases: {
        main: {
          instanceClass: "db.r5.xlarge",
          // 500 GB gp2, autoscaling up to 2 TB; Multi-AZ comes with the prod profile.
          storageType: "gp2",
          allocatedStorage: 500,
          maxAllocatedStorage: 2000,
          // Two replicas for reads, reporting and analytics, in AZs other than the primary's.
          readReplicas: {
            "replica-1": { availabilityZone: `${region}b` },
            reporting: { availabilityZone: `${region}c` },
          },
        },
      },
      caches: {
        sessions: { nodeType: "cache.r7g.large", nodes: 3 },
      },
      monitoring: {
        // P0 pages the on-call engineer.
        criticalEndpoints: {
          pagerduty: {
            protocol: "https",
            endpoint: "https://events.pagerduty.com/integration/0a1b2c3d4e5f/enqueue",
          },
        },
        slo: { availabilityPercent: 99.99 },
      },
      backup: {
        dailyRetentionDays: 7,
        weeklyRetentionWeeks: 4,
        monthlyRetentionMonths: 12,
        drVaultArn: "arn:aws:backup:us-west-2:333333333333:backup-vault:wedsync-dr",
      },
      budget: {
        monthlyLimitUsd: 8000,
        dailyLimitUsd: 300,
        anomalyThresholdUsd: 200,
        emails: ["finance@wedsync.example", "ops@wedsync.example"],
      },
    },
  },
};

export default platform;
