import type { EnvironmentInput, PlatformConfig } from "../config/schema";

/**
 * Reference architecture 001 (Shangwellness): Route 53 → CloudFront → an internet-facing ALB
 * → ECS Fargate, deployed blue/green by CodeDeploy with a 10 % canary for 5 minutes (two
 * target groups, automatic rollback) from a CodePipeline (source → CodeBuild → CodeDeploy),
 * images in ECR, Aurora MySQL Serverless v2 with its password in Secrets Manager, autoscaling
 * 1–10 tasks on CPU 70 % and memory 80 %. Build it with
 * `PLATFORM_CONFIG=examples/shangwellness-fargate-bluegreen.ts npx cdktf synth`.
 *
 * Where the write-up is followed differently, and why (docs/reference-architectures.md):
 * - The ALB admits only CloudFront's origin-facing prefix list and a secret origin header,
 *   over HTTPS; the write-up's port-80 container stays port 80 inside the VPC only.
 * - Images by immutable tag or digest, never `:latest`: prod refuses mutable tags, and the
 *   repository rejects overwriting one.
 * - The database master user is `admin` as in the write-up; its password is generated and
 *   rotated by RDS in Secrets Manager, never in the task definition or Terraform state.
 */

const region = "ap-south-1";
const hostedZone = { id: "Z0SHANGWELLNESS0001", name: "shangwellness.example" };
/** `com.amazonaws.global.cloudfront.origin-facing` in ap-south-1 (aws ec2 describe-managed-prefix-lists). */
const cloudFrontOriginFacing = "pl-9aa247f3";

function environment(accountId: string, cidr: string, name: string): EnvironmentInput {
  return {
    accountId,
    vpc: { cidr, azs: [`${region}a`, `${region}b`] },
    domain: {
      hostedZone,
      name: name === "prod" ? "app.shangwellness.example" : `${name}.shangwellness.example`,
    },
  };
}

export const platform: PlatformConfig = {
  project: "shangwell",
  tags: { Owner: "shangwellness-ops", CostCenter: "wellness" },
  state: { bucket: "shangwellness-terraform-state", region },
  defaults: {
    region,
    entry: "public-alb",
    cdn: { originPrefixListId: cloudFrontOriginFacing, cachedPaths: ["/static/*"] },
    repositories: { shangwellness: {} },
    services: [
      {
        name: "web",
        // The pipeline builds and deploys every later image; Terraform only sets the first.
        image: { repository: "shangwellness", tag: "1.0.0" },
        imageOwner: "pipeline",
        port: 80,
        path: "/",
        priority: 100,
        healthCheckPath: "/healthcheck",
        cpu: 512,
        memory: 1024,
        desiredCount: 2,
        minCount: 1,
        maxCount: 10,
        cpuTarget: 70,
        memoryTarget: 80,
        database: "main",
        deployment: {
          strategy: "blue-green",
          config: "CodeDeployDefault.ECSCanary10Percent5Minutes",
          testListenerPort: 8443,
        },
      },
    ],
    pipelines: {
      // The write-up's source stage is an S3 placeholder, "configurable for Git".
      web: { source: { s3Bucket: "shangwellness-sources", s3Key: "web/source.zip" } },
    },
    databases: {
      main: {
        engine: "aurora-mysql",
        engineVersion: "8.0.mysql_aurora.3.08.0",
        serverlessV2: { minCapacity: 0.5, maxCapacity: 8 },
        masterUsername: "admin",
        databaseName: "shangwellness",
      },
    },
    monitoring: { alarmEmails: ["ops@shangwellness.example"] },
  },
  environments: {
    dev: environment("111111111111", "10.0.0.0/16", "dev"),
    staging: environment("222222222222", "10.1.0.0/16", "staging"),
    prod: environment("333333333333", "10.2.0.0/16", "prod"),
  },
};

export default platform;
