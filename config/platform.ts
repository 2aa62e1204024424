import type { PlatformConfig, ServiceInput } from "./schema";

const registry = "444455556666.dkr.ecr.eu-north-1.amazonaws.com/healthcare";

/** Reference architecture 002's backend services; sizes and counts come from the profiles. */
const services: ServiceInput[] = [
  {
    name: "eshop",
    image: `${registry}/eshop:1.0.0`,
    port: 8080,
    path: "/eshop",
    priority: 100,
    imageOwner: "pipeline",
    database: "main",
  },
  {
    name: "pharmacy",
    image: `${registry}/pharmacy:1.0.0`,
    port: 8080,
    path: "/pharmacy",
    priority: 200,
    imageOwner: "pipeline",
    database: "main",
  },
  {
    name: "doctor",
    image: `${registry}/doctor:1.0.0`,
    port: 8080,
    path: "/doctor",
    priority: 300,
    imageOwner: "pipeline",
    database: "main",
  },
];

/**
 * The public hosted zone of staging's and prod's names. Their internal ALBs serve HTTPS with a
 * certificate for `internal.<domain.name>` validated in it (dev keeps plain HTTP by profile).
 */
const hostedZone = { id: "Z0HEALTHCARE0EXAMPLE", name: "healthcare.example" };

/**
 * The built-in platform: reference architecture 002 — a public HTTP API (API Gateway) → VPC
 * link in the private subnets → internal ALB with path-based routing → ECS Fargate services
 * `eshop`, `pharmacy` and `doctor` in private subnets, with an RDS PostgreSQL database whose
 * credentials live in Secrets Manager — for dev, staging and prod.
 * `npx cdktf synth` builds this when PLATFORM_CONFIG names no other config.
 *
 * Departures from the write-up, on purpose: every route requires a JWT (health data is not
 * public), and WAF cannot attach to an HTTP API, so the web ACL needs CloudFront in front of
 * the API (`cdn` with `waf`), which `examples/healthcare-apigw.ts` adds in staging and prod.
 */
export const defaultPlatform: PlatformConfig = {
  project: "healthcare",
  tags: { Owner: "platform-team", CostCenter: "healthcare-backend" },
  state: { bucket: "healthcare-terraform-state", region: "eu-north-1" },
  defaults: {
    region: "eu-north-1",
    services,
    // One PostgreSQL database shared by the three services, as in the write-up; sizes, Multi-AZ,
    // backups and deletion protection come from the profiles.
    databases: { main: { engine: "postgres", databaseName: "healthcare" } },
    // 002's SLOs: 99.9 % API availability, p95 under 500 ms.
    monitoring: {
      alarmEmails: ["oncall@healthcare.example"],
      slo: { availabilityPercent: 99.9, latencyP95Ms: 500 },
    },
    api: {
      jwtAuthorizers: {
        patients: {
          issuer: "https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_Healthcare",
          audiences: ["healthcare-web"],
        },
      },
      corsAllowOrigins: ["https://app.healthcare.example"],
      routes: services.map((s) => ({ service: s.name, authorizer: "patients" })),
    },
  },
  environments: {
    // Dev keeps the full alarm set with actions off (profile), subscribed to a dev list.
    dev: {
      accountId: "111111111111",
      vpc: { cidr: "10.10.0.0/16" },
      monitoring: { alarmEmails: ["dev-alerts@healthcare.example"] },
    },
    staging: {
      accountId: "222222222222",
      vpc: { cidr: "10.20.0.0/16" },
      domain: { hostedZone, name: "api.staging.healthcare.example" },
    },
    prod: {
      accountId: "333333333333",
      vpc: { cidr: "10.30.0.0/16" },
      domain: { hostedZone, name: "api.healthcare.example" },
      budget: {
        monthlyLimitUsd: 6000,
        // 004's cost alerts: a daily budget beside the monthly one, and anomaly detection.
        dailyLimitUsd: 300,
        anomalyThresholdUsd: 100,
        emails: ["oncall@healthcare.example", "finance@healthcare.example"],
      },
    },
  },
};
