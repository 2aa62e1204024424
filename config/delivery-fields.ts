import { z } from "zod";
import { ECS_DEPLOYMENT_CONFIGS } from "../constructs/codedeploy/spec";
import { REPOSITORY_NAME_PATTERN } from "../constructs/ecr/spec";

/*
 * The config fields of delivery: ECR repositories, how each service is deployed (ECS rolling
 * updates or CodeDeploy blue/green) and the optional CodePipelines that build and deploy
 * services. Plugged into config/schema.ts; the checks across fields and the derived settings are
 * in config/delivery.ts, apart so the schema imports nothing that reads it back.
 */

const wholeDays = z.number().int().min(1).max(3650);
const accountId = z.string().regex(/^\d{12}$/, { message: "must be a 12-digit AWS account ID" });

export const repositorySchema = z.strictObject({
  /** Days after which untagged images expire. Default: 1 in dev, 7 in staging, 14 in prod. */
  untaggedExpiryDays: wholeDays,
  /**
   * Tagged images kept; older ones expire, so this is how far back a rollback can go. Default:
   * 10 in dev, 30 in staging, 100 in prod.
   */
  keepTaggedImages: z.number().int().min(1).max(10000),
  /** Other AWS accounts allowed to pull (a shared registry read by other environments). Default: none. */
  pullAccountIds: z.array(accountId).optional(),
});
export type Repository = z.infer<typeof repositorySchema>;

/** ECR repository names (`shop/orders`), what `repositories` is keyed by. */
export const repositoryName = z
  .string()
  .min(2)
  .max(256)
  .regex(new RegExp(REPOSITORY_NAME_PATTERN), {
    message:
      "must be an ECR repository name: lower-case a-z and 0-9 separated by single ., _, - or / (e.g. shop/orders)",
  });

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export const imageSchema = z.union(
  [
    z.string().min(1),
    z.strictObject({ repository: z.string(), tag: z.string().regex(TAG) }),
    z.strictObject({ repository: z.string(), digest: z.string().regex(DIGEST) }),
  ],
  {
    // A string fails only by being empty; anything else is not one of the three shapes.
    error: (issue) =>
      typeof issue.input === "string"
        ? "must not be empty"
        : 'must be an image URI ("repo:tag" or "repo@sha256:…"), { repository, tag } or { repository, digest: "sha256:<64 hex>" } naming one of `repositories`',
  },
);
export type Image = z.infer<typeof imageSchema>;
export type ImageRef = Exclude<Image, string>;

/** How a service rolls out a new task definition. */
export const DEPLOYMENT_STRATEGIES = ["rolling", "blue-green"] as const;
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];
/** A custom CodeDeploy traffic shift, in config words (config/delivery.ts maps them to CodeDeploy's). */
export const TRAFFIC_SHIFTS = ["canary", "linear", "all-at-once"] as const;

export const deploymentSchema = z.strictObject({
  /**
   * `rolling`: ECS replaces tasks, with the circuit breaker and rollback on the service's
   * critical alarms. `blue-green`: CodeDeploy starts a replacement task set behind a second
   * target group, tests it on a test listener and shifts traffic (reference 001). Default: rolling.
   */
  strategy: z.enum(DEPLOYMENT_STRATEGIES),
  /**
   * Rolling only. ECS's deployment circuit breaker with rollback is always on; `alarms` also
   * rolls a deployment back while one of the service's critical alarms fires. Default: `{ alarms: true }`.
   */
  circuitBreaker: z.strictObject({ alarms: z.boolean().optional() }).optional(),
  /**
   * Blue-green only. A predefined configuration (`CodeDeployDefault.ECSCanary10Percent5Minutes`,
   * …) or a custom shift: `{ type: "canary", percent: 10, minutes: 5 }` (percent first, the rest
   * after minutes), `{ type: "linear", percent, minutes }` (percent more every minutes) or
   * `{ type: "all-at-once" }`. Default: CodeDeployDefault.ECSCanary10Percent5Minutes.
   */
  config: z
    .union(
      [
        z.enum(ECS_DEPLOYMENT_CONFIGS),
        z.strictObject({
          type: z.enum(TRAFFIC_SHIFTS),
          percent: z.number().int().min(1).max(99).optional(),
          minutes: z.number().int().min(1).max(2880).optional(),
        }),
      ],
      {
        error: `must be one of ${ECS_DEPLOYMENT_CONFIGS.join(", ")} or { type: ${TRAFFIC_SHIFTS.join(" | ")}, percent?, minutes? }`,
      },
    )
    .optional(),
  /** Blue-green only. Minutes the old tasks keep running after the shift (instant rollback). Default: 5. */
  terminationWaitMinutes: z.number().int().min(0).max(2880).optional(),
  /** Blue-green only. Port of the service's test listener on the ALB, not 80 or 443. Required for blue-green. */
  testListenerPort: z.number().int().min(1).max(65535).optional(),
  /**
   * Blue-green only. Private CIDRs allowed to reach the test listeners; one list per
   * environment (the ALB has one), so every blue-green service sets the same. Default: the VPC CIDR.
   */
  testCidrs: z.array(z.string()).optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

const githubSource = z.strictObject({
  /** `owner/repository` of the application. */
  github: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, {
    message: "must be owner/repository",
  }),
  /** Branch whose pushes start the pipeline. Default: main. */
  branch: z.string().optional(),
  /** An existing, confirmed CodeStar connection. Default: one is created (PENDING until confirmed in the console). */
  connectionArn: z.string().optional(),
});
const s3Source = z.strictObject({
  /** Versioned bucket holding the source zip. */
  s3Bucket: z.string(),
  /** Key of the zip, e.g. `orders/source.zip`. */
  s3Key: z.string().min(1),
});

export const pipelineSchema = z.strictObject({
  /**
   * `{ github: "owner/repo", branch?, connectionArn? }` (a CodeStar connection) or
   * `{ s3Bucket, s3Key }` (a zip in a versioned bucket). Required.
   */
  source: z.union([githubSource, s3Source], {
    error: 'must be { github: "owner/repository", branch?, connectionArn? } or { s3Bucket, s3Key }',
  }),
  /** The CodeBuild project. Default: BUILD_GENERAL1_SMALL, `buildspec.yml` from the application repository. */
  build: z
    .strictObject({
      /** CodeBuild compute type. Default: BUILD_GENERAL1_SMALL. */
      computeType: z.string().regex(/^BUILD_GENERAL1_[A-Z0-9_]+$/, {
        message: "must be a CodeBuild compute type such as BUILD_GENERAL1_MEDIUM",
      }),
      /** Buildspec path in the application repository. Default: buildspec.yml. */
      buildspec: z.string().optional(),
    })
    .optional(),
});
export type Pipeline = z.infer<typeof pipelineSchema>;

/** The environment-level delivery fields, spread into `environmentSchema`. */
export const deliveryFields = {
  /** Settings every repository gets unless it sets its own. Default: from the profile. */
  repositoryDefaults: repositorySchema.partial(),
  /**
   * ECR repositories by name (immutable tags, scan on push, KMS, lifecycle policy); services
   * name them in `image: { repository, tag | digest }`. Default: none.
   */
  repositories: z.record(repositoryName, repositorySchema).optional(),
  /**
   * CodePipelines by service name: source → CodeBuild (pushes to the service's repository) →
   * deploy (CodeDeployToECS for a blue-green service, ECS for a rolling one). Default: none.
   */
  pipelines: z.record(z.string(), pipelineSchema).optional(),
};
