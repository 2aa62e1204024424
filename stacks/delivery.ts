import { Fn, Token } from "cdktf";
import { CodedeployModule } from "../constructs/codedeploy";
import { EcrModule } from "../constructs/ecr";
import type { EcsClusterModule } from "../constructs/ecs-cluster";
import type { EcsServiceModule } from "../constructs/ecs-service";
import { PipelineModule } from "../constructs/pipeline";
import {
  codeDeployConfig,
  CONTROLLERS,
  DEPLOY_PROVIDER,
  deploymentOf,
  imageOwnerOf,
  imageRepository,
  imageUri,
  isBlueGreen,
} from "../config/delivery";
import type { Pipeline } from "../config/delivery-fields";
import type { Service } from "../config/schema";
import type { EnvironmentContext } from "./context";
import type { EntryPart } from "./entry";
import type { ServiceGrants } from "./grants";

/**
 * What compute asks delivery about a service, before delivery exists (both are derived from
 * config alone): the image its task definition names, who owns it, the deployment controller,
 * and the ECS deployment alarms (a blue-green service gives its alarms to CodeDeploy instead).
 */
export function serviceDelivery(ctx: EnvironmentContext, service: Service, alarms: string[]) {
  const { settings } = ctx.environment;
  const deployment = deploymentOf(service);
  const ecsAlarms =
    deployment.strategy === "rolling" && deployment.circuitBreaker?.alarms !== false;
  return {
    image: imageUri(settings, service.image),
    image_owner: imageOwnerOf(service, settings),
    alarm_names: ecsAlarms ? alarms : [],
    // Only a blue-green service sets it, so ECS-deployed services keep their module inputs.
    ...(isBlueGreen(service) ? { deployment_controller: CONTROLLERS["blue-green"] } : {}),
  };
}

/** The environment's ECR repositories; services and pipelines are granted them by name. */
export class Registry {
  constructor(readonly call: EcrModule) {}

  arn(repository: string): string {
    return Token.asString(Fn.lookup(this.call.outputs.repository_arns, repository));
  }

  /** The service's execution role may pull from the repository (and only pull). */
  grantPull(grants: ServiceGrants, repository: string): void {
    grants.addPullRepository(this.arn(repository));
  }
}

/** The delivery part's contract. */
export interface DeliveryPart {
  readonly registry?: Registry;
  /** CodeDeploy application and deployment group per blue-green service. */
  readonly deployments: ReadonlyMap<string, CodedeployModule>;
  /** CodePipeline per service that has one. */
  readonly pipelines: ReadonlyMap<string, PipelineModule>;
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface DeliveryNeeds {
  readonly entry: EntryPart;
  /** What the compute part built (declared here, so delivery does not import compute). */
  readonly compute: {
    readonly cluster?: EcsClusterModule;
    readonly services: ReadonlyMap<string, EcsServiceModule>;
    readonly grants: ReadonlyMap<string, ServiceGrants>;
  };
  /** A service's critical alarms, for CodeDeploy's rollback (read at synth time). */
  readonly rollbackAlarms: (service: string) => string[];
  /** The environment's critical alarm topic, told of failed pipeline executions (read at synth time). */
  readonly alarmTopicArn: () => string;
}

/** Terraform-safe ids of the delivery calls: `module.deploy_eshop`, `module.pipeline_eshop`. */
const callId = (kind: string, service: string) => `${kind}_${service.replace(/-/g, "_")}`;

/**
 * Images and how they reach the services: the ECR repositories the config declares (each
 * service granted pull on its own), a CodeDeploy blue/green deployment group per blue-green
 * service (rollback on failure and on the service's critical alarms), and the pipelines that
 * build a service's repository and deploy it (CodeDeployToECS or ECS, by its strategy).
 */
export function addDelivery(ctx: EnvironmentContext, needs: DeliveryNeeds): DeliveryPart {
  const { settings } = ctx.environment;
  const prefix = ctx.namePrefix;
  const services = settings.services ?? [];
  const repositories = settings.repositories ?? {};

  const registry =
    Object.keys(repositories).length > 0
      ? new Registry(
          new EcrModule(ctx.scope, "ecr", {
            source: ctx.moduleSource("ecr"),
            inputs: {
              name: prefix,
              account_id: settings.accountId,
              repositories: Object.fromEntries(
                Object.entries(repositories).map(([name, r]) => [
                  name,
                  {
                    pull_account_ids: r.pullAccountIds ?? [],
                    untagged_expiry_days: r.untaggedExpiryDays,
                    keep_tagged_images: r.keepTaggedImages,
                  },
                ]),
              ),
            },
          }),
        )
      : undefined;

  for (const service of services) {
    const repository = imageRepository(service.image);
    if (repository) registry!.grantPull(needs.compute.grants.get(service.name)!, repository);
  }

  const alb = needs.entry.loadBalancer?.call.outputs;
  const deployments = new Map<string, CodedeployModule>();
  for (const service of services.filter(isBlueGreen)) {
    const deployment = deploymentOf(service);
    const ecs = needs.compute.services.get(service.name)!.outputs;
    deployments.set(
      service.name,
      new CodedeployModule(ctx.scope, callId("deploy", service.name), {
        source: ctx.moduleSource("codedeploy"),
        inputs: {
          name: `${prefix}-${service.name}`,
          cluster_name: needs.compute.cluster!.outputs.cluster_name,
          // The output, not the name: the deployment group needs the service to exist.
          service_name: ecs.service_name,
          blue_target_group_name: lookup(alb!.target_group_names, service.name),
          green_target_group_name: lookup(alb!.green_target_group_names, service.name),
          prod_listener_arn: alb!.listener_arn,
          test_listener_arn: lookup(alb!.test_listener_arns, service.name),
          ...codeDeployConfig(deployment),
          termination_wait_minutes: deployment.terminationWaitMinutes ?? 5,
          alarm_names: needs.rollbackAlarms(service.name),
        },
      }),
    );
  }

  const pipelines = new Map<string, PipelineModule>();
  for (const [name, pipeline] of Object.entries(settings.pipelines ?? {})) {
    const service = services.find((s) => s.name === name)!;
    const ecs = needs.compute.services.get(name)!.outputs;
    const strategy = deploymentOf(service).strategy;
    const deploy = deployments.get(name)?.outputs;
    pipelines.set(
      name,
      new PipelineModule(ctx.scope, callId("pipeline", name), {
        source: ctx.moduleSource("pipeline"),
        inputs: {
          name: `${prefix}-${name}`,
          account_id: settings.accountId,
          ...pipelineSource(pipeline),
          // Validation makes every pipeline's service name one of the repositories.
          ecr_repository_arn: registry!.arn(imageRepository(service.image)!),
          build_compute_type: pipeline.build?.computeType ?? "BUILD_GENERAL1_SMALL",
          buildspec: pipeline.build?.buildspec ?? "buildspec.yml",
          log_retention_days: settings.logRetentionDays,
          deploy_provider: DEPLOY_PROVIDER[strategy],
          cluster_name: needs.compute.cluster!.outputs.cluster_name,
          service_name: ecs.service_name,
          codedeploy_application_name: deploy?.application_name ?? null,
          codedeploy_deployment_group_name: deploy?.deployment_group_name ?? null,
          // iam:PassRole for this service's own roles only.
          task_role_arn: ecs.task_role_arn,
          execution_role_arn: ecs.execution_role_arn,
          // Static from config: the rule's count cannot wait for the topic's ARN.
          notify_failures: settings.monitoring.notificationsEnabled,
          notification_topic_arn: needs.alarmTopicArn(),
        },
      }),
    );
  }

  return {
    registry,
    deployments,
    pipelines,
    outputs: registry ? deployRoleOutputs(registry, services, needs, deployments) : {},
  };
}

const lookup = (map: Record<string, string>, key: string) => Token.asString(Fn.lookup(map, key));

function pipelineSource(pipeline: Pipeline) {
  const source = pipeline.source;
  if ("github" in source)
    return {
      source_type: "github",
      github_repository: source.github,
      github_branch: source.branch ?? "main",
      codestar_connection_arn: source.connectionArn ?? null,
    };
  return { source_type: "s3", s3_source_bucket: source.s3Bucket, s3_source_key: source.s3Key };
}

/**
 * What the github-oidc deploy role of this environment may touch, derived from its services:
 * their repositories, services, task and execution roles and deployment groups, nothing wider.
 * A bootstrap root reads the root output `github_deploy_role` (terraform_remote_state) into
 * the module's inputs of the same names; see docs/workflows.md.
 */
function deployRoleOutputs(
  registry: Registry,
  services: readonly Service[],
  needs: DeliveryNeeds,
  deployments: ReadonlyMap<string, CodedeployModule>,
) {
  const deployed = services.filter((s) => imageRepository(s.image) !== undefined);
  const outputs = deployed.map((s) => needs.compute.services.get(s.name)!.outputs);
  return {
    github_deploy_role: {
      ecr_repository_arns: [...new Set(deployed.map((s) => imageRepository(s.image)!))].map((r) =>
        registry.arn(r),
      ),
      ecs_service_arns: outputs.map((o) => o.service_arn),
      task_role_arns: outputs.map((o) => o.task_role_arn),
      execution_role_arns: outputs.map((o) => o.execution_role_arn),
      codedeploy_deployment_group_arns: deployed.flatMap((s) => {
        const call = deployments.get(s.name);
        return call ? [call.outputs.deployment_group_arn] : [];
      }),
    },
  };
}
