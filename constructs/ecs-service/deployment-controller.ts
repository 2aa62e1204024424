import { EcsService, EcsServiceConfig } from "@cdktf/provider-aws/lib/ecs-service";
import { expr } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { optional } from "../core/module-spec";
import { tf } from "../core/tf-types";

/**
 * Blue/green through CodeDeploy for the ecs-service module: the `deployment_controller` input
 * and the service resource CodeDeploy owns. ECS-controlled services keep their resources and
 * addresses (`aws_ecs_service.this` / `pipeline_owned`); a CODE_DEPLOY service is
 * `aws_ecs_service.code_deploy[0]`.
 */
export const DEPLOYMENT_CONTROLLERS = ["ECS", "CODE_DEPLOY"] as const;
export type DeploymentController = (typeof DEPLOYMENT_CONTROLLERS)[number];

/** What CodeDeploy changes on every deployment, so Terraform must never set it back. */
export const CODE_DEPLOY_OWNED = ["task_definition", "load_balancer", "desired_count"] as const;

/** Every service resource of the module; exactly one has count 1. */
export const SERVICE_RESOURCES = ["this", "pipeline_owned", "code_deploy"] as const;

export const deploymentControllerInput = optional(
  tf.string,
  "ECS",
  "`ECS` (default): ECS rolls deployments, with the circuit breaker and `alarm_names` " +
    "rollback. `CODE_DEPLOY`: blue/green through the codedeploy module, which then owns the task " +
    "definition, the load balancer target group and the task count (ignored by Terraform after " +
    'creation); requires `image_owner = "pipeline"` and no `alarm_names` (give them to the ' +
    'codedeploy module). Switching a running service replaces it: see "Deployment controller" below.',
  {
    validation: [
      {
        condition: `contains(${JSON.stringify(DEPLOYMENT_CONTROLLERS)}, var.deployment_controller)`,
        errorMessage: `deployment_controller must be one of: ${DEPLOYMENT_CONTROLLERS.join(", ")}.`,
        // A controller ECS has but the module does not support.
        rejects: { value: "EXTERNAL" },
      },
      {
        condition: 'var.deployment_controller != "CODE_DEPLOY" || length(var.alarm_names) == 0',
        errorMessage:
          "alarm_names are ECS deployment alarms, which the CODE_DEPLOY controller does not support: pass them to the codedeploy module's alarm_names.",
        rejects: { value: "CODE_DEPLOY", alongside: { alarm_names: ["shop-prod-orders-5xx"] } },
      },
      {
        condition: 'var.deployment_controller != "CODE_DEPLOY" || var.image_owner == "pipeline"',
        errorMessage:
          'deployment_controller CODE_DEPLOY needs image_owner = "pipeline": CodeDeploy deploys the task definitions, Terraform cannot.',
        rejects: { value: "CODE_DEPLOY", alongside: { image_owner: "terraform", alarm_names: [] } },
      },
    ],
  },
);

/** HCL count of the ECS-controlled variant for one image owner. */
export function ecsControlledCount(owner: string): number {
  return expr.number(`var.deployment_controller == "ECS" && var.image_owner == "${owner}" ? 1 : 0`);
}

/**
 * `aws_ecs_service.code_deploy`: the service with the CODE_DEPLOY controller. No circuit
 * breaker and no deployment alarms (ECS rejects both with this controller; CodeDeploy rolls
 * back instead), and `ignore_changes` on what CodeDeploy owns.
 */
export function codeDeployService(
  stack: ModuleStack<any, any>,
  service: EcsServiceConfig,
  /** The same launch, load-balancer and registration blocks as the ECS-controlled variants. */
  dynamicBlocks: Record<string, unknown>,
): EcsService {
  const { deploymentCircuitBreaker: _circuitBreaker, ...rest } = service;
  const resource = new EcsService(stack.scopeFor(EcsService), "code_deploy", {
    ...rest,
    count: expr.number('var.deployment_controller == "CODE_DEPLOY" ? 1 : 0'),
    deploymentController: { type: "CODE_DEPLOY" },
    lifecycle: { ignoreChanges: [...CODE_DEPLOY_OWNED] },
  });
  resource.addOverride("dynamic", dynamicBlocks);
  return resource;
}

/** The README section on the controller; the codedeploy module's notes explain the drift. */
export const DEPLOYMENT_CONTROLLER_NOTES = `### Deployment controller (\`deployment_controller\`)
With \`CODE_DEPLOY\` the service is \`aws_ecs_service.code_deploy[0]\` with
\`deployment_controller { type = "CODE_DEPLOY" }\`, created with the task definition Terraform
registers and the blue target group, and from then on ignoring \`task_definition\`,
\`load_balancer\` and \`desired_count\`: CodeDeploy swaps the first two on every deployment, and
without \`ignore_changes\` the next apply would point the service back at the old revision and the
target group whose tasks were just stopped. It has no circuit breaker and no \`alarms\` block (the
ECS deployment features, rejected by ECS with this controller); the codedeploy module rolls back
on failure and on the alarms given to it. Validation rejects \`alarm_names\` and
\`image_owner = "terraform"\` with this controller. ECS-controlled services keep their resources
and addresses (\`this[0]\`, \`pipeline_owned[0]\`).

With CodeDeploy, ECS accepts Terraform updates of the desired count, health-check grace period,
tags and placement only; the network configuration, platform version, capacity provider strategy
and load balancer change through a CodeDeploy deployment (appspec), so a Terraform change to
\`subnet_ids\` or the capacity weights of such a service fails at apply.

**Switching a running service between the controllers replaces it** on provider 5.x
(\`deployment_controller\` forces a new service; 6.x can update some cases in place but the
platform supports 5.100). Plan it as a short outage, or create the blue/green service under a new
name and move traffic. To switch in place: \`terraform state mv
'module.orders.aws_ecs_service.pipeline_owned[0]' 'module.orders.aws_ecs_service.code_deploy[0]'\`,
then set \`deployment_controller = "CODE_DEPLOY"\` (with the alb module's \`blue_green_services\`
entry and the codedeploy module) and apply: the plan shows the service replaced because an argument
that forces replacement changed (without the move it would show a delete and a create racing for
the same name). ECS's own blue/green (2025) needs provider 6.4+/6.21+ and is not used while the
platform supports 5.100.`;
