import type { EnvironmentInput, PlatformConfig } from "../config/schema";

/**
 * Reference architecture 000 (Wisling): one EC2 host running the application with Docker
 * Compose (frontend, backend, a queue worker under Supervisor, the Artisan scheduler), images
 * built by GitHub Actions and pushed to ECR, RDS MySQL in private subnets, CPU and memory alarms
 * to e-mail. Build it with `PLATFORM_CONFIG=examples/wisling-ec2-compose.ts npx cdktf synth`.
 *
 * Where the write-up is followed differently, and why (docs/reference-architectures.md):
 * - The host sits behind an internet-facing ALB that terminates TLS for the domain with a
 *   certificate created and DNS-validated here; the instance has no public IP and admits only
 *   the ALB (the write-up routes the internet to the instance itself).
 * - Two AZs, not one: an ALB and an RDS subnet group need subnets in two. The host is an Auto
 *   Scaling group of one, so a failed instance or AZ is replaced rather than repaired by hand.
 * - "Pulls latest images" becomes a deploy by SSM Run Command of a versioned Compose file that
 *   names immutable tags (the ECR repositories reject overwriting a tag).
 * - No SSH: Session Manager only, IMDSv2 with a hop limit of 1.
 */

const region = "eu-north-1";
const hostedZone = { id: "Z0WISLING0EXAMPLE00", name: "wisling.example" };

/** What differs per environment besides its profile. */
function environment(accountId: string, cidr: string, name: string): EnvironmentInput {
  const repository = (image: string) =>
    `arn:aws:ecr:${region}:${accountId}:repository/wisling/${image}`;
  return {
    accountId,
    vpc: { cidr, azs: [`${region}a`, `${region}b`] },
    domain: {
      hostedZone,
      name: name === "prod" ? "app.wisling.example" : `${name}.wisling.example`,
    },
    hosts: {
      app: {
        instanceType: name === "prod" ? "t3.large" : "t3.medium",
        port: 80,
        path: "/",
        priority: 100,
        healthCheckPath: "/up",
        // docker-compose.yml: frontend, backend, worker (Supervisor) and scheduler services,
        // each an image from the two repositories below.
        compose: { s3Bucket: `wisling-${name}-deploy`, s3Key: "compose/docker-compose.yml" },
        repositories: [repository("frontend"), repository("backend")],
        secrets: {
          FIREBASE_CREDENTIALS: `arn:aws:secretsmanager:${region}:${accountId}:secret:wisling-${name}/firebase-AbCdEf`,
          APP_KEY: `arn:aws:secretsmanager:${region}:${accountId}:secret:wisling-${name}/app-key-GhIjKl`,
        },
        database: "main",
      },
    },
  };
}

export const platform: PlatformConfig = {
  project: "wisling",
  tags: { Owner: "wisling-ops", CostCenter: "wisling" },
  state: { bucket: "wisling-terraform-state", region },
  defaults: {
    region,
    entry: "public-alb",
    // The public site: everyone may reach 443 (and 80, which only redirects).
    alb: { ingressCidrs: ["0.0.0.0/0"] },
    // GitHub Actions pushes here (OIDC role from terraform-modules/github-oidc, applied once
    // per account); the host's role may pull from exactly these.
    repositories: { "wisling/frontend": {}, "wisling/backend": {} },
    databases: {
      main: {
        engine: "mysql",
        engineVersion: "8.4",
        databaseName: "wisling",
        // The write-up: daily backups kept 15 days; deletion protection comes with the prod profile.
        backupRetentionDays: 15,
      },
    },
    monitoring: { alarmEmails: ["ops@wisling.example"] },
  },
  environments: {
    dev: environment("111111111111", "10.0.0.0/16", "dev"),
    staging: environment("222222222222", "10.1.0.0/16", "staging"),
    prod: environment("333333333333", "10.2.0.0/16", "prod"),
  },
};

export default platform;
