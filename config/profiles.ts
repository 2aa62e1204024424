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
  },
  staging: {
    vpc: { azCount: 3, natMode: "single", flowLogRetentionDays: 30 },
    logRetentionDays: 30,
  },
  prod: {
    vpc: { azCount: 3, natMode: "one-per-az", flowLogRetentionDays: 365 },
    logRetentionDays: 90,
  },
};
