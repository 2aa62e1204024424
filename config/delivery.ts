import { ECS_DEPLOYMENT_CONFIGS, type TrafficRoutingType } from "../constructs/codedeploy/spec";
import type { DeploymentController } from "../constructs/ecs-service/deployment-controller";
import { type DeployProvider, MAX_PIPELINE_NAME } from "../constructs/pipeline/spec";
import { contains, parseCidr } from "./cidr";
import {
  type Deployment,
  type DeploymentStrategy,
  type Image,
  type Pipeline,
  TRAFFIC_SHIFTS,
} from "./delivery-fields";
import type { Fail } from "./errors";
import { mergeLayers } from "./merge";
import type { CheckContext, ParsedSettings } from "./parsed";
import type { Service } from "./schema";

/*
 * Delivery across fields: repository defaults, what each service's deployment strategy implies
 * (controller, CodeDeploy config, test listener), image references and pipelines, and their
 * checks, run from config/resolve.ts. The fields are in config/delivery-fields.ts.
 */

/** Config words for CodeDeploy's traffic-routing types. */
const TRAFFIC_ROUTING: Readonly<Record<(typeof TRAFFIC_SHIFTS)[number], TrafficRoutingType>> = {
  canary: "TimeBasedCanary",
  linear: "TimeBasedLinear",
  "all-at-once": "AllAtOnce",
};
/** Fills each repository from `repositoryDefaults` before the schema sees it. */
export function expandRepositories(merged: Record<string, unknown>): Record<string, unknown> {
  const repositories = merged.repositories;
  if (repositories === null || typeof repositories !== "object" || Array.isArray(repositories))
    return merged;
  return {
    ...merged,
    repositories: Object.fromEntries(
      Object.entries(repositories).map(([name, r]) => [
        name,
        mergeLayers(merged.repositoryDefaults, r),
      ]),
    ),
  };
}

// ---- What a service's settings mean for its deployment ----

/** The deployment of a service, with the defaults filled in. */
export const deploymentOf = (service: Pick<Service, "deployment">): Deployment =>
  service.deployment ?? { strategy: "rolling" };

export const isBlueGreen = (service: Pick<Service, "deployment">) =>
  deploymentOf(service).strategy === "blue-green";

/** What the ecs-service module's `deployment_controller` is for a strategy. */
export const CONTROLLERS: Readonly<Record<DeploymentStrategy, DeploymentController>> = {
  rolling: "ECS",
  "blue-green": "CODE_DEPLOY",
};
/** The pipeline's deploy stage for a strategy. */
export const DEPLOY_PROVIDER: Readonly<Record<DeploymentStrategy, DeployProvider>> = {
  rolling: "ECS",
  "blue-green": "CodeDeployToECS",
};

/**
 * Who deploys images: explicit `imageOwner`, else `pipeline` when CodeDeploy or a pipeline
 * deploys the service (Terraform must then never roll it back), else `terraform`.
 */
export function imageOwnerOf(
  service: Pick<Service, "name" | "imageOwner" | "deployment">,
  settings: Pick<ParsedSettings, "pipelines">,
): "terraform" | "pipeline" {
  if (service.imageOwner) return service.imageOwner;
  return isBlueGreen(service) || settings.pipelines?.[service.name] ? "pipeline" : "terraform";
}

/** The repository a service's image names, if it names one. */
export const imageRepository = (image: Image): string | undefined =>
  typeof image === "string" ? undefined : image.repository;

/** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`: a repository of the environment. */
export const repositoryUrl = (settings: { accountId: string; region: string }, name: string) =>
  `${settings.accountId}.dkr.ecr.${settings.region}.amazonaws.com/${name}`;

/** The image reference a task definition names. */
export function imageUri(settings: { accountId: string; region: string }, image: Image): string {
  if (typeof image === "string") return image;
  const url = repositoryUrl(settings, image.repository);
  return "digest" in image ? `${url}@${image.digest}` : `${url}:${image.tag}`;
}

/** The codedeploy module's deployment configuration inputs. */
export function codeDeployConfig(deployment: Deployment) {
  const config = deployment.config ?? ECS_DEPLOYMENT_CONFIGS[0];
  if (typeof config === "string")
    return { deployment_config_name: config, custom_deployment_config: null };
  if (config.type === "all-at-once")
    return {
      deployment_config_name: "CodeDeployDefault.ECSAllAtOnce",
      custom_deployment_config: null,
    };
  return {
    deployment_config_name: null,
    custom_deployment_config: {
      type: TRAFFIC_ROUTING[config.type],
      percentage: config.percent!,
      interval_minutes: config.minutes!,
    },
  };
}

/** The test listener sources of the environment's blue-green services. */
export const testCidrsOf = (deployment: Deployment, vpcCidr: string | undefined) =>
  deployment.testCidrs ?? (vpcCidr ? [vpcCidr] : []);

/**
 * The alb module's blue/green inputs: a test listener port per blue-green service and the
 * sources admitted to the test listeners. None without blue-green services, so the others'
 * module inputs stay as they were.
 */
export function blueGreenAlbInputs(settings: Pick<ParsedSettings, "services" | "vpc">) {
  const blueGreen = (settings.services ?? []).filter(isBlueGreen);
  if (blueGreen.length === 0) return {};
  return {
    blue_green_services: Object.fromEntries(
      blueGreen.map((s) => [s.name, { test_listener_port: s.deployment!.testListenerPort! }]),
    ),
    // Validation makes every blue-green service name the same sources.
    test_listener_cidr_blocks: testCidrsOf(blueGreen[0]!.deployment!, settings.vpc?.cidr),
  };
}

// ---- Checks across fields (rules as data) ----

type DeploymentField = Exclude<keyof Deployment, "strategy">;

/**
 * Which strategy each deployment setting belongs to, and why the other rejects it (the rules
 * AWS applies by deployment controller: ECS's circuit breaker and deployment alarms only with
 * the ECS controller; traffic shifting and test listeners are CodeDeploy's).
 */
export const STRATEGY_FIELDS: Readonly<
  Record<DeploymentField, { readonly only: DeploymentStrategy; readonly why: string }>
> = {
  circuitBreaker: {
    only: "rolling",
    why: "the circuit breaker and ECS deployment alarms work only with the ECS deployment controller; CodeDeploy rolls a blue-green service back on failure and on its critical alarms",
  },
  config: {
    only: "blue-green",
    why: "canary, linear and all-at-once shift traffic between two target groups, which only CodeDeploy does; a rolling service replaces tasks behind one target group",
  },
  terminationWaitMinutes: {
    only: "blue-green",
    why: "only a blue-green deployment keeps the old tasks running after the shift",
  },
  testListenerPort: {
    only: "blue-green",
    why: "only a blue-green service has a test listener",
  },
  testCidrs: { only: "blue-green", why: "only a blue-green service has a test listener" },
};

/** What a blue-green service needs besides its own fields. */
const BLUE_GREEN_NEEDS: readonly {
  readonly field: string;
  readonly holds: (s: Service) => boolean;
  readonly message: string;
}[] = [
  {
    field: "path",
    holds: (s) => s.path !== undefined,
    message:
      "a blue-green service must be behind the ALB (CodeDeploy shifts traffic between its two target groups): give it a path and a priority, or deploy it rolling",
  },
  {
    field: "imageOwner",
    holds: (s) => s.imageOwner !== "terraform",
    message:
      'CodeDeploy deploys the task definitions of a blue-green service, so Terraform cannot own its image: remove imageOwner or set it to "pipeline"',
  },
  {
    field: "deployment.testListenerPort",
    holds: (s) => s.deployment?.testListenerPort !== undefined,
    message: "a blue-green service needs the port of its test listener (not 80 or 443)",
  },
];

/** Shapes of a custom traffic shift: which of percent and minutes it needs. */
const SHIFT_NEEDS: Readonly<Record<(typeof TRAFFIC_SHIFTS)[number], boolean>> = {
  canary: true,
  linear: true,
  "all-at-once": false,
};

/** Ports of the serving listeners; a test listener needs another. */
const SERVING_PORTS = [80, 443];

/** A release tag: a version (`1.4.2`, `v2.1.0-rc.1`) or a commit SHA, never a moving name. */
const RELEASE_TAG = /^(v?\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?|[0-9a-f]{7,40})$/;

/** Checks on repositories, deployments, pipelines and what services reference. */
export function checkDelivery({ settings, namePrefix, declared, fail }: CheckContext): void {
  const services = settings.services ?? [];
  const repositories = settings.repositories ?? {};
  const repositoryNames = Object.keys(repositories);
  const prod = settings.profile === "prod";
  const testSources = new Map<string, string>();
  const testPorts = new Map<number, string>();

  for (const s of services) {
    const at = `services[${s.name}]`;
    checkImage(s, at, repositoryNames, prod, fail);

    const deployment = deploymentOf(s);
    for (const [field, rule] of Object.entries(STRATEGY_FIELDS)) {
      const value = deployment[field as DeploymentField];
      if (value !== undefined && deployment.strategy !== rule.only)
        fail(`${at}.deployment.${field}`, value, `is for ${rule.only} services only: ${rule.why}`);
    }
    if (deployment.strategy !== "blue-green") continue;
    for (const need of BLUE_GREEN_NEEDS)
      if (!need.holds(s)) fail(`${at}.${need.field}`, fieldOf(s, need.field), need.message);

    const config = deployment.config;
    if (config !== undefined && typeof config !== "string") {
      const needs = SHIFT_NEEDS[config.type];
      const has = config.percent !== undefined && config.minutes !== undefined;
      const none = config.percent === undefined && config.minutes === undefined;
      if (needs ? !has : !none)
        fail(
          `${at}.deployment.config`,
          config,
          needs
            ? `a ${config.type} shift needs percent (1–99) and minutes (1–2880)`
            : "all-at-once shifts every request at once: remove percent and minutes",
        );
    }

    const port = deployment.testListenerPort;
    if (port !== undefined) {
      const other = testPorts.get(port);
      if (SERVING_PORTS.includes(port))
        fail(
          `${at}.deployment.testListenerPort`,
          port,
          `must differ from the serving listeners' ports (${SERVING_PORTS.join(", ")})`,
        );
      else if (other)
        fail(
          `${at}.deployment.testListenerPort`,
          port,
          `already the test listener of service ${other}; each blue-green service needs its own port`,
        );
      testPorts.set(port, s.name);
    }

    const cidrs = testCidrsOf(deployment, settings.vpc?.cidr);
    for (const cidr of cidrs) {
      if (!isPrivateCidr(cidr))
        fail(
          `${at}.deployment.testCidrs`,
          cidr,
          "must be a private CIDR inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16: a test listener serves the untested release",
        );
    }
    const key = JSON.stringify([...new Set(cidrs)].sort());
    const first = [...testSources.entries()].find(([, k]) => k !== key);
    if (first)
      fail(
        `${at}.deployment.testCidrs`,
        deployment.testCidrs,
        `differs from service ${first[0]}'s: the ALB has one list of test listener sources, so every blue-green service of an environment sets the same testCidrs`,
      );
    testSources.set(s.name, key);
  }

  for (const [service, pipeline] of Object.entries(settings.pipelines ?? {}))
    checkPipeline(service, pipeline, settings, namePrefix, declared.services, fail);
}

function checkImage(
  s: Service,
  at: string,
  repositoryNames: readonly string[],
  prod: boolean,
  fail: Fail,
): void {
  const image = s.image;
  if (typeof image !== "string") {
    if (!repositoryNames.includes(image.repository))
      fail(
        `${at}.image.repository`,
        image.repository,
        `no such repository; declared in repositories: ${repositoryNames.join(", ") || "(none)"}`,
      );
    // The repositories are IMMUTABLE, so any other tag names one image forever.
    if (prod && "tag" in image && image.tag === "latest")
      fail(
        `${at}.image.tag`,
        image.tag,
        "prod deploys digests or immutable release tags: `latest` names whatever was pushed last (use the commit SHA or version tag, or a digest)",
      );
    return;
  }
  if (!prod || image.includes("@sha256:")) return;
  // The registry's tag mutability is not visible from here, so prod accepts a tag only when it
  // names a release (a version or a commit SHA); an image without a tag is `latest`.
  const name = image.slice(image.lastIndexOf("/") + 1);
  const tag = name.includes(":") ? name.slice(name.lastIndexOf(":") + 1) : "latest";
  if (!RELEASE_TAG.test(tag))
    fail(
      `${at}.image`,
      image,
      `prod deploys digests or immutable release tags: "${tag}" can move to another image (use repo@sha256:…, a version such as 1.4.2 or a commit SHA)`,
    );
}

function checkPipeline(
  service: string,
  pipeline: Pipeline,
  settings: ParsedSettings,
  namePrefix: string | undefined,
  declared: ReadonlySet<string>,
  fail: Fail,
): void {
  const at = `pipelines.${service}`;
  const s = settings.services?.find((x) => x.name === service);
  if (!s) {
    if (!declared.has(service))
      fail(at, pipeline, `names no service; declared: ${[...declared].join(", ") || "(none)"}`);
    return;
  }
  if (typeof s.image === "string")
    fail(
      `services[${service}].image`,
      s.image,
      "a service with a pipeline runs what the build pushes to its repository: set image to { repository, tag } or { repository, digest } naming one of `repositories`",
    );
  if (s.imageOwner === "terraform")
    fail(
      `services[${service}].imageOwner`,
      s.imageOwner,
      'the pipeline deploys this service\'s images, and with imageOwner "terraform" the next apply would roll them back: remove imageOwner or set it to "pipeline"',
    );
  const name = `${namePrefix}-${service}`;
  if (namePrefix !== undefined && name.length > MAX_PIPELINE_NAME)
    fail(
      at,
      service,
      `gives the pipeline name "${name}" (${name.length} characters); at most ${MAX_PIPELINE_NAME} fit its artifact bucket: shorten the project, environment or service name`,
    );
  const source = pipeline.source;
  if ("connectionArn" in source && source.connectionArn !== undefined) {
    if (
      !/^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\//.test(
        source.connectionArn,
      )
    )
      fail(`${at}.source.connectionArn`, source.connectionArn, "must be a CodeStar connection ARN");
  }
  if ("s3Bucket" in source && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(source.s3Bucket))
    fail(`${at}.source.s3Bucket`, source.s3Bucket, "must be an S3 bucket name");
}

/** The value at a dotted field path of a service, for error messages. */
function fieldOf(s: Service, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], s);
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseCidr(c)!);

/** Inside an RFC 1918 range (what the alb module's test listener accepts). */
export function isPrivateCidr(text: string): boolean {
  const cidr = parseCidr(text);
  return cidr !== undefined && PRIVATE_RANGES.some((range) => contains(range, cidr));
}
