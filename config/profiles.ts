import type { EnvironmentInput } from "./schema";

export const PROFILE_NAMES = ["dev", "staging", "prod"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The defaults that differ by environment, in one table. Anything set in the platform's
 * `defaults` or in an environment's own block wins over these.
 */
export const PROFILES: Readonly<Record<ProfileName, EnvironmentInput>> = {
  dev: {
    monitoring: { alarmEmails: [], notificationsEnabled: false },
    audit: { enabled: false, retentionDays: 365, logRetentionDays: 30 },
    budget: {},
    backup: {
      enabled: false,
      dailyRetentionDays: 7,
      weeklyRetentionWeeks: 4,
      monthlyRetentionMonths: 12,
    },
    vpc: { azCount: 2, natMode: "single", flowLogRetentionDays: 7 },
    logRetentionDays: 7,
    serviceDefaults: {
      cpu: 256,
      memory: 512,
      desiredCount: 1,
      minCount: 1,
      maxCount: 2,
      cpuTarget: 70,
      memoryTarget: 80,
      // Dev runs entirely on Spot: interruptions are acceptable and it costs ~70% less.
      fargateBase: 0,
      fargateWeight: 0,
      spotWeight: 1,
    },
    entry: "api-gateway",
    alb: { deletionProtection: false, accessLogRetentionDays: 30, internalHttps: false },
    api: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    databaseDefaults: {
      engine: "postgres",
      instanceClass: "db.t4g.micro",
      allocatedStorage: 20,
      maxAllocatedStorage: 50,
      multiAz: false,
      readReplicas: 0,
      readers: 0,
      backupRetentionDays: 1,
      deletionProtection: false,
      performanceInsights: false,
      monitoringInterval: 0,
    },
    cacheDefaults: {
      engine: "valkey",
      nodeType: "cache.t4g.micro",
      nodes: 1,
      multiAz: false,
      snapshotRetentionDays: 0,
    },
    // Dev images are throw-away; prod keeps a long rollback window.
    repositoryDefaults: { untaggedExpiryDays: 1, keepTaggedImages: 10 },
    // One Spot instance per pool: dev tolerates interruptions for the price.
    capacityPoolDefaults: {
      minSize: 1,
      maxSize: 1,
      targetCapacity: 100,
      onDemandBase: 0,
      spotPercentage: 100,
    },
  },
  staging: {
    monitoring: { alarmEmails: [], notificationsEnabled: true },
    audit: { enabled: false, retentionDays: 365, logRetentionDays: 90 },
    budget: {},
    backup: {
      enabled: false,
      dailyRetentionDays: 7,
      weeklyRetentionWeeks: 4,
      monthlyRetentionMonths: 12,
    },
    vpc: { azCount: 3, natMode: "single", flowLogRetentionDays: 30 },
    logRetentionDays: 30,
    serviceDefaults: {
      cpu: 512,
      memory: 1024,
      desiredCount: 2,
      minCount: 1,
      maxCount: 4,
      cpuTarget: 70,
      memoryTarget: 80,
      fargateBase: 1,
      fargateWeight: 1,
      spotWeight: 1,
    },
    entry: "api-gateway",
    alb: { deletionProtection: false, accessLogRetentionDays: 90, internalHttps: true },
    api: { throttlingRateLimit: 200, throttlingBurstLimit: 400 },
    databaseDefaults: {
      engine: "postgres",
      instanceClass: "db.t4g.medium",
      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      multiAz: false,
      readReplicas: 0,
      readers: 1,
      backupRetentionDays: 7,
      deletionProtection: false,
      performanceInsights: true,
      monitoringInterval: 60,
    },
    cacheDefaults: {
      engine: "valkey",
      nodeType: "cache.t4g.small",
      nodes: 2,
      multiAz: true,
      snapshotRetentionDays: 7,
    },
    repositoryDefaults: { untaggedExpiryDays: 7, keepTaggedImages: 30 },
    capacityPoolDefaults: {
      minSize: 1,
      maxSize: 3,
      targetCapacity: 100,
      onDemandBase: 1,
      spotPercentage: 50,
    },
  },
  prod: {
    monitoring: { alarmEmails: [], notificationsEnabled: true },
    audit: { enabled: true, retentionDays: 365, logRetentionDays: 365 },
    budget: {},
    // Reference 004's retention: 7 daily, 4 weekly, 12 monthly recovery points.
    backup: {
      enabled: true,
      dailyRetentionDays: 7,
      weeklyRetentionWeeks: 4,
      monthlyRetentionMonths: 12,
    },
    vpc: { azCount: 3, natMode: "one-per-az", flowLogRetentionDays: 365 },
    logRetentionDays: 90,
    serviceDefaults: {
      cpu: 512,
      memory: 1024,
      // At least two tasks, spread by ECS across the AZs of the private subnets.
      desiredCount: 2,
      minCount: 2,
      maxCount: 10,
      cpuTarget: 70,
      memoryTarget: 80,
      // The floor of two runs on regular Fargate; growth above it is 3:1 Fargate:Spot.
      fargateBase: 2,
      fargateWeight: 3,
      spotWeight: 1,
    },
    entry: "api-gateway",
    alb: { deletionProtection: true, accessLogRetentionDays: 90, internalHttps: true },
    api: { throttlingRateLimit: 500, throttlingBurstLimit: 1000 },
    databaseDefaults: {
      engine: "postgres",
      instanceClass: "db.r6g.large",
      allocatedStorage: 50,
      maxAllocatedStorage: 500,
      multiAz: true,
      readReplicas: 0,
      readers: 1,
      backupRetentionDays: 14,
      deletionProtection: true,
      performanceInsights: true,
      monitoringInterval: 30,
    },
    cacheDefaults: {
      engine: "valkey",
      nodeType: "cache.r7g.large",
      nodes: 3,
      multiAz: true,
      snapshotRetentionDays: 7,
    },
    repositoryDefaults: { untaggedExpiryDays: 14, keepTaggedImages: 100 },
    // An On-Demand instance per AZ (the group balances over the private subnets), growth On-Demand too.
    capacityPoolDefaults: {
      minSize: 3,
      maxSize: 6,
      targetCapacity: 100,
      onDemandBase: 3,
      spotPercentage: 0,
    },
  },
};

/**
 * Edge defaults by profile that apply only where the config has the block (`waf`): a profile
 * value in `PROFILES` would create the block in every environment.
 */
export const EDGE_PROFILES: Readonly<Record<ProfileName, { readonly wafCountMode: boolean }>> = {
  // Dev sees what the rules would block without blocking it.
  dev: { wafCountMode: true },
  staging: { wafCountMode: false },
  prod: { wafCountMode: false },
};
