import type { EnvironmentInput } from "./schema";

export const PROFILE_NAMES = ["dev", "staging", "prod"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The defaults that differ by environment, in one table. Anything set in the platform's
 * `defaults` or in an environment's own block wins over these.
 */
export const PROFILES: Readonly<Record<ProfileName, EnvironmentInput>> = {
  dev: {
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
    alb: { internal: true, deletionProtection: false, accessLogRetentionDays: 30 },
    api: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
  },
  staging: {
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
    alb: { internal: true, deletionProtection: false, accessLogRetentionDays: 90 },
    api: { throttlingRateLimit: 200, throttlingBurstLimit: 400 },
  },
  prod: {
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
    alb: { internal: true, deletionProtection: true, accessLogRetentionDays: 90 },
    api: { throttlingRateLimit: 500, throttlingBurstLimit: 1000 },
  },
};
