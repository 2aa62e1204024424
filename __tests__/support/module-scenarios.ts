import { MODULES } from "../../constructs";
import { albSpec } from "../../constructs/alb";
import { cdnSpec } from "../../constructs/cdn";
import { codedeploySpec } from "../../constructs/codedeploy";
import { databaseSpec } from "../../constructs/database";
import { ecsClusterSpec } from "../../constructs/ecs-cluster";
import { ecsServiceSpec } from "../../constructs/ecs-service";
import { githubOidcSpec } from "../../constructs/github-oidc";
import { pipelineSpec } from "../../constructs/pipeline";
import { vpcSpec } from "../../constructs/vpc";
import { PlanJson, ResourceChange } from "../../tools/terraform/runner";
import { ModuleCallInput, ModuleRoot } from "./module-root";
import { cachedPlan, treeHash } from "./plan-cache";

/**
 * The module-level plans of the whole suite, as one consumer root: every committed module
 * (`terraform-modules/`; modules-up-to-date.test.ts fails when it lags the constructs) called
 * with its README example (call `<module>` with dashes as underscores, e.g. `ecs_service`), and
 * the variants below that the construct suites assert on, each named `<module>_<what differs>`.
 * One `init`, `plan` and `show` for all of them instead of one of each per scenario: every
 * Terraform run starts the AWS provider and loads its schema, which is most of what a small plan
 * costs. Planned once per test run (`cachedPlan`, keyed by the root's content); a suite reads
 * its calls through `scenarioPlan(...calls)`.
 *
 * Scenarios that must fail the plan, or need state, keep roots of their own.
 */

/** The call of a module's README example in the shared root. */
export const exampleCall = (module: string) => module.replace(/-/g, "_");

/** cdn.test: an internal ALB reached through a CloudFront VPC origin, no WAF, no zone. */
export const CDN_INTERNAL = {
  ...cdnSpec.example,
  name: "shop-dev",
  vpc_origin: true,
  vpc_origin_alb_arn:
    "arn:aws:elasticloadbalancing:eu-north-1:123456789012:loadbalancer/app/shop-dev/0123456789abcdef",
  web_acl_id: null,
  zone_id: null,
  static_path_patterns: [],
  custom_error_responses: {},
};

/** alb-cloudfront.test: the origin secret CloudFront sends and the ALB requires. */
export const ORIGIN_VERIFY_SECRET = "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9";

/** alb.test: a second certificate for the public listener. */
export const EXTRA_CERTIFICATE_ARN =
  "arn:aws:acm:eu-north-1:123456789012:certificate/1a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

/** compute.test: an EC2-placed worker with host and Docker volumes, registered in Cloud Map. */
export const ECS_SERVICE_EC2_WORKER = {
  ...ecsServiceSpec.example,
  name: "ai-prod-redis",
  ec2_capacity_provider: "ai-prod-general",
  cpu: 300,
  memory: 700,
  load_balanced: false,
  alb_security_group_id: null,
  target_group_arn: null,
  requests_per_target: null,
  alb_resource_label: null,
  efs_volumes: {},
  ec2_volumes: {
    data: { container_path: "/data", host_path: "/var/lib/redis" },
    cache: { container_path: "/cache" },
  },
  ingress_security_group_rules: {
    backend: { security_group_id: "sg-0a1b2c3d4e5f60718", description: "Redis from backend" },
  },
  service_discovery_arn:
    "arn:aws:servicediscovery:eu-north-1:123456789012:service/srv-0123456789abcdef",
};

/** github-oidc.test: an OIDC provider that already exists in the account. */
export const EXISTING_OIDC_PROVIDER_ARN =
  "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

/** The example's subnets without database CIDRs. */
export const SUBNETS_WITHOUT_DATABASE = Object.fromEntries(
  Object.entries(vpcSpec.example.subnets).map(([az, { public: pub, private: priv }]) => [
    az,
    { public: pub, private: priv },
  ]),
);

const variants: Record<string, { module: string; inputs: Record<string, unknown> }> = {
  cdn_internal: { module: "cdn", inputs: CDN_INTERNAL },
  /** waf.test: a regional web ACL in count mode, associated with an ALB. */
  waf_regional: {
    module: "waf",
    inputs: {
      providers: { aws: "aws" },
      name: "shop-dev",
      scope: "REGIONAL",
      count_mode: true,
      enable_anonymous_ip_list: true,
      association_resource_arns: {
        public:
          "arn:aws:elasticloadbalancing:eu-north-1:123456789012:loadbalancer/app/shop-dev/0123456789abcdef",
      },
    },
  },
  /** alb.test: internal without a certificate (plain HTTP to the VPC link). */
  alb_internal_http: { module: "alb", inputs: { ...albSpec.example, certificate_arns: [] } },
  /** alb.test: internet-facing with two certificates, open to the internet. */
  alb_public: {
    module: "alb",
    inputs: {
      ...albSpec.example,
      internal: false,
      certificate_arns: [...albSpec.example.certificate_arns!, EXTRA_CERTIFICATE_ARN],
      ingress_cidr_blocks: ["0.0.0.0/0"],
      ingress_security_group_ids: {},
    },
  },
  /** alb-cloudfront.test: internet-facing, reachable only from CloudFront's prefix list. */
  alb_cloudfront: {
    module: "alb",
    inputs: {
      ...albSpec.example,
      internal: false,
      ingress_security_group_ids: {},
      cloudfront_origin_prefix_list_id: "pl-3b927c52",
      cloudfront_origin_verify_secret: ORIGIN_VERIFY_SECRET,
    },
  },
  /** alb-cloudfront.test: internal behind API Gateway, CloudFront in front of both. */
  alb_api_cloudfront: {
    module: "alb",
    inputs: {
      ...albSpec.example,
      cloudfront_origin_verify_required: true,
      cloudfront_origin_verify_secret: ORIGIN_VERIFY_SECRET,
    },
  },
  /** alb-blue-green.test: pharmacy deployed blue/green with a restricted test listener. */
  alb_blue_green: {
    module: "alb",
    inputs: {
      ...albSpec.example,
      blue_green_services: { pharmacy: { test_listener_port: 8443 } },
      test_listener_security_group_ids: { ci: "sg-0a1b2c3d4e5f607aa" },
      test_listener_cidr_blocks: ["10.20.0.0/16"],
    },
  },
  /** codedeploy.test: a predefined deployment configuration, no alarms. */
  codedeploy_predefined: {
    module: "codedeploy",
    inputs: {
      ...codedeploySpec.example,
      custom_deployment_config: null,
      deployment_config_name: "CodeDeployDefault.ECSAllAtOnce",
      alarm_names: [],
    },
  },
  /** codedeploy.test: neither a custom nor a named configuration. */
  codedeploy_defaulted: {
    module: "codedeploy",
    inputs: { ...codedeploySpec.example, custom_deployment_config: null },
  },
  /** compute.test: EC2 capacity providers and an EC2 default strategy. */
  ecs_cluster_ec2: {
    module: "ecs-cluster",
    inputs: {
      ...ecsClusterSpec.example,
      capacity_providers: ["ai-prod-general"],
      default_capacity_provider_strategy: [{ capacity_provider: "ai-prod-general", base: 1 }],
    },
  },
  ecs_service_ec2_worker: { module: "ecs-service", inputs: ECS_SERVICE_EC2_WORKER },
  /** ecs-service-blue-green.test: the CODE_DEPLOY deployment controller. */
  ecs_service_blue_green: {
    module: "ecs-service",
    inputs: { ...ecsServiceSpec.example, deployment_controller: "CODE_DEPLOY", alarm_names: [] },
  },
  /** ecs-service.test: Terraform-owned images, autoscaling off. */
  ecs_service_pinned: {
    module: "ecs-service",
    inputs: {
      ...ecsServiceSpec.example,
      image_owner: "terraform",
      autoscaling_enabled: false,
      desired_count: 3,
      requests_per_target: null,
    },
  },
  /** ecs-service.test: every optional container feature off. */
  ecs_service_bare: {
    module: "ecs-service",
    inputs: {
      ...ecsServiceSpec.example,
      secrets: {},
      user: null,
      health_check: null,
      scratch_volume_path: null,
      task_role_statements: [],
      enable_execute_command: false,
      efs_volumes: {},
    },
  },
  /** pipeline.test: an S3 source deployed by ECS itself, with build secrets. */
  pipeline_s3_ecs: {
    module: "pipeline",
    inputs: {
      ...pipelineSpec.example,
      name: "shop-prod-web",
      source_type: "s3",
      github_repository: null,
      s3_source_bucket: "acme-sources",
      s3_source_key: "web/source.zip",
      deploy_provider: "ECS",
      codedeploy_application_name: null,
      codedeploy_deployment_group_name: null,
      notification_topic_arn: null,
      notify_failures: false,
      build_secrets: {
        NPM_TOKEN: "arn:aws:ssm:eu-north-1:123456789012:parameter/shop/ci/npm-token",
      },
    },
  },
  /** github-oidc.test: the account's existing OIDC provider. */
  github_oidc_existing: {
    module: "github-oidc",
    inputs: { ...githubOidcSpec.example, existing_provider_arn: EXISTING_OIDC_PROVIDER_ARN },
  },
  /** github-oidc.test: apply trusted by branch, no deploy role. */
  github_oidc_branch: {
    module: "github-oidc",
    inputs: {
      ...githubOidcSpec.example,
      existing_provider_arn: EXISTING_OIDC_PROVIDER_ARN,
      apply_environments: [],
      deploy_subjects: [],
    },
  },
  /** network-data-inputs.test: no database tier. */
  vpc_no_db_tier: {
    module: "vpc",
    inputs: {
      ...vpcSpec.example,
      subnets: SUBNETS_WITHOUT_DATABASE,
      database_subnets: false,
      database_ports: [5432],
    },
  },
  /** network-data-inputs.test: io2 storage with IOPS, replicas placed by name. */
  database_io2: {
    module: "database",
    inputs: {
      ...databaseSpec.example,
      storage_type: "io2",
      iops: 20000,
      master_username: "owner",
      preferred_backup_window: "03:00-03:30",
      preferred_maintenance_window: "sun:04:00-sun:05:00",
      read_replicas: { "replica-1": { availability_zone: "eu-north-1b" }, reporting: {} },
    },
  },
};

/** Module outputs the suites read from the plan, per module; exposed for every call of it. */
const OUTPUTS: Record<string, readonly string[]> = {
  alb: ["listener_port", "https_listener_arn"],
  waf: ["blocked_requests_metric"],
};

const CALLS: readonly ModuleCallInput[] = [
  ...MODULES.map(({ spec }) => ({
    name: exampleCall(spec.name),
    module: spec.name,
    inputs: spec.example as Record<string, unknown>,
  })),
  ...Object.entries(variants).map(([name, { module, inputs }]) => ({ name, module, inputs })),
];

/** A root output per (call, module output) listed in OUTPUTS: `<call>__<output>`. */
const outputName = (call: string, output: string) => `${call}__${output}`;

let planned: PlanJson | undefined;

/** The whole shared plan: the root is written on a test file's first use, planned once per run. */
function sharedPlan(): PlanJson {
  if (planned) return planned;
  const outputs: Record<string, string> = {};
  for (const { name, module } of CALLS)
    for (const output of OUTPUTS[module] ?? [])
      outputs[outputName(name, output)] = `\${module.${name}.${output}}`;
  const root = new ModuleRoot([...new Set(CALLS.map((c) => c.module))]).writeCalls(CALLS, outputs);
  planned = cachedPlan(`module-scenarios-${treeHash([root.ws.dir])}`, () => {
    root.ws.init();
    return root.ws.planJson();
  });
  return planned;
}

function callNamed(name: string): ModuleCallInput {
  const call = CALLS.find((c) => c.name === name);
  if (!call) throw new Error(`no scenario call named ${name}`);
  return call;
}

/** The shared plan with only the resource changes of the given calls. */
export function scenarioPlan(...calls: readonly string[]): PlanJson {
  calls.forEach(callNamed);
  const plan = sharedPlan();
  const own = (r: ResourceChange) => calls.some((call) => r.address.startsWith(`module.${call}.`));
  return { ...plan, resource_changes: (plan.resource_changes ?? []).filter(own) };
}

/** The planned values of one call's module outputs (those OUTPUTS lists for its module). */
export function scenarioOutputs(call: string): Record<string, any> {
  const { module } = callNamed(call);
  const outputs = (sharedPlan().planned_values as any).outputs;
  return Object.fromEntries(
    (OUTPUTS[module] ?? []).map((output) => [output, outputs[outputName(call, output)]?.value]),
  );
}
