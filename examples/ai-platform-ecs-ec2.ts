import type { EnvironmentInput, PlatformConfig } from "../config/schema";

/**
 * Reference architecture 003 (AI platform): an internet-facing ALB → ECS on EC2 capacity
 * providers (an Auto Scaling group of 1–5 instances at 100 % target capacity) running five
 * services: `frontend` (/) and `backend` (/api) behind the ALB, and `ai-service`, `redis` and
 * `qdrant` internal only, found through the Cloud Map namespace `<project>-<env>.local`; Redis
 * on a host volume, Qdrant on EFS; no database tier (the data lives in MongoDB Atlas); VPC
 * endpoints for the AWS APIs. Build it with
 * `PLATFORM_CONFIG=examples/ai-platform-ecs-ec2.ts npx cdktf synth`.
 *
 * Where the write-up is followed differently, and why (docs/reference-architectures.md):
 * - Qdrant is not routed from the internet (`/qdrant/*` in the write-up): a vector database
 *   with no authentication in front stays internal; only `ai-service` reaches it.
 * - At most 4 tasks per public service, not 10: without ENI trunking each awsvpc task takes one
 *   of an m7i.xlarge's 3 spare network interfaces, so 5 instances hold 15 tasks, and the
 *   config check refuses a pool its services could outgrow.
 * - Every flow between services is declared (`reaches`), and egress beyond AWS APIs on 443 is an
 *   allow-list (MongoDB Atlas), instead of one shared "ECS-SG".
 */

const region = "us-east-1";

function environment(accountId: string, octet: number): EnvironmentInput {
  const net = (third: number) => `10.${octet}.${third}.0/24`;
  return {
    accountId,
    // The write-up's layout: public 10.x.1/2, private 10.x.3/4, no database tier.
    vpc: {
      cidr: `10.${octet}.0.0/16`,
      azs: [`${region}a`, `${region}b`],
      databaseSubnets: false,
      // Image pulls, logs and secrets stay off the NAT gateways.
      interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sts"],
      subnets: {
        [`${region}a`]: { public: net(1), private: net(3) },
        [`${region}b`]: { public: net(2), private: net(4) },
      },
    },
    alb: {
      certificateArn: `arn:aws:acm:${region}:${accountId}:certificate/3c4d5e6f-0000-4000-8000-000000000003`,
      // The public site: everyone may reach 443 (and 80, which only redirects).
      ingressCidrs: ["0.0.0.0/0"],
    },
  };
}

/** The shared registry account's repositories, pushed to by the build. */
const images = `444455556666.dkr.ecr.${region}.amazonaws.com/ai-platform`;
/** MongoDB Atlas's private endpoint range (the write-up's persistent data store). */
const atlas = { cidr: "192.0.2.0/24", port: 27017, description: "MongoDB Atlas" };

export const platform: PlatformConfig = {
  project: "ai-platform",
  tags: { Owner: "ai-platform-ops", CostCenter: "ai" },
  state: { bucket: "ai-platform-terraform-state", region },
  defaults: {
    region,
    entry: "public-alb",
    logRetentionDays: 7,
    capacityPools: {
      general: {
        instanceTypes: ["m7i.xlarge"],
        minSize: 1,
        maxSize: 5,
        targetCapacity: 100,
      },
    },
    defaultCapacity: "general",
    services: [
      {
        name: "frontend",
        image: `${images}/frontend:1.0.0`,
        port: 3000,
        path: "/",
        priority: 1000,
        cpu: 512,
        memory: 1024,
        desiredCount: 2,
        minCount: 1,
        maxCount: 4,
        reaches: [{ service: "backend" }],
      },
      {
        name: "backend",
        image: `${images}/backend:1.0.0`,
        port: 5001,
        path: "/api",
        priority: 100,
        cpu: 512,
        memory: 1024,
        desiredCount: 2,
        minCount: 1,
        maxCount: 4,
        discovery: true,
        reaches: [{ service: "redis" }, { service: "ai-service" }],
        egressAllow: [atlas],
        secretRefs: {
          MONGODB_URI: { secret: "backend", key: "mongodb_uri" },
          API_KEYS: { secret: "backend", key: "api_keys" },
        },
      },
      {
        name: "ai-service",
        image: `${images}/ai-service:1.0.0`,
        port: 8000,
        cpu: 1024,
        memory: 2048,
        desiredCount: 1,
        minCount: 1,
        maxCount: 2,
        discovery: true,
        // Results go back to the backend's webhook.
        reaches: [{ service: "qdrant" }, { service: "backend" }],
        secretRefs: { ML_API_KEYS: "ai-keys" },
      },
      {
        name: "redis",
        image: "public.ecr.aws/docker/library/redis:7.4",
        port: 6379,
        cpu: 256,
        memory: 512,
        desiredCount: 1,
        minCount: 1,
        maxCount: 1,
        discovery: true,
        ec2Volumes: { data: { containerPath: "/data", hostPath: "/var/lib/redis" } },
      },
      {
        name: "qdrant",
        image: "public.ecr.aws/qdrant/qdrant:v1.12.4",
        port: 6333,
        cpu: 512,
        memory: 1024,
        desiredCount: 1,
        minCount: 1,
        maxCount: 1,
        discovery: true,
        volumes: [
          { fileSystem: "vectors", accessPoint: "qdrant", containerPath: "/qdrant/storage" },
        ],
      },
    ],
    fileSystems: {
      vectors: { accessPoints: { qdrant: { path: "/qdrant", uid: 1000, gid: 1000 } } },
    },
    secrets: {
      backend: { description: "Backend: MongoDB URI, third-party API keys (JSON)" },
      "ai-keys": { description: "AI service: ML provider API keys and webhook secret (JSON)" },
    },
    monitoring: { alarmEmails: ["oncall@ai-platform.example"] },
  },
  environments: {
    dev: environment("111111111111", 10),
    staging: environment("222222222222", 20),
    prod: environment("333333333333", 30),
  },
};

export default platform;
