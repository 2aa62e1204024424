import type { EnvironmentInput, PlatformConfig } from "../config/schema";

/**
 * Aurora MySQL Serverless v2 in every profile (reference 001's database): one service behind
 * an internet-facing ALB uses it; dev, staging and prod differ only by their profiles (dev: no
 * reader, 1 day of backups; prod: a reader, deletion protection, 14 days). Build it with
 * `PLATFORM_CONFIG=examples/aurora-serverless.ts npx cdktf synth`.
 */
/** What differs per environment besides its profile: the account, the VPC and the ALB certificate. */
function environment(accountId: string, cidr: string): EnvironmentInput {
  return {
    accountId,
    vpc: { cidr },
    alb: {
      certificateArn: `arn:aws:acm:eu-north-1:${accountId}:certificate/0b1c2d3e-0000-4000-8000-000000000001`,
    },
  };
}

export const platform: PlatformConfig = {
  project: "wellness",
  state: { bucket: "wellness-terraform-state" },
  defaults: {
    region: "eu-north-1",
    entry: "public-alb",
    services: [
      {
        name: "bookings",
        image: "123456789012.dkr.ecr.eu-north-1.amazonaws.com/bookings:1.4.2",
        port: 8080,
        path: "/bookings",
        priority: 10,
        database: "app",
      },
    ],
    databases: {
      app: {
        engine: "aurora-mysql",
        engineVersion: "8.0.mysql_aurora.3.08.0",
        serverlessV2: { minCapacity: 0.5, maxCapacity: 4 },
        // RDS reserves rdsadmin, not admin.
        masterUsername: "admin",
        backupWindow: "03:00-03:30",
        maintenanceWindow: "sun:04:00-sun:05:00",
        databaseName: "wellness",
      },
    },
  },
  environments: {
    dev: environment("111111111111", "10.81.0.0/16"),
    staging: environment("222222222222", "10.82.0.0/16"),
    prod: environment("333333333333", "10.83.0.0/16"),
  },
};

export default platform;
