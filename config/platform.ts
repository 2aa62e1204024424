import type { PlatformConfig } from "./schema";

/**
 * The built-in platform: reference architecture 002 (API Gateway → VPC link → internal ALB →
 * ECS Fargate services, RDS, alarms) for dev, staging and prod. `npx cdktf synth` builds this
 * when no other config is named (see README: PLATFORM_CONFIG).
 */
export const defaultPlatform: PlatformConfig = {
  project: "healthcare",
  tags: { Owner: "platform-team", CostCenter: "healthcare-backend" },
  state: { bucket: "healthcare-terraform-state", region: "eu-north-1" },
  defaults: { region: "eu-north-1" },
  environments: {
    dev: { vpc: { cidr: "10.10.0.0/16" } },
    staging: { vpc: { cidr: "10.20.0.0/16" } },
    prod: { vpc: { cidr: "10.30.0.0/16" } },
  },
};
