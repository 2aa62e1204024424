import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { EcsServiceModuleStack } from "../../constructs/ecs-service";
import { CODE_DEPLOY_OWNED } from "../../constructs/ecs-service/deployment-controller";
import { scenarioPlan } from "../support/module-scenarios";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([EcsServiceModuleStack]).get("ecs-service")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const services = tf.resource.aws_ecs_service;

describe("ecs-service deployment controller", () => {
  it("defaults to ECS, keeping the existing service resources", () => {
    expect(tf.variable.deployment_controller.default).toBe("ECS");
    expect(services.this.deployment_controller).toEqual({ type: "ECS" });
    expect(services.pipeline_owned.deployment_controller).toEqual({ type: "ECS" });
  });

  it("gives CODE_DEPLOY its own resource: no circuit breaker, no alarms, ignoring what CodeDeploy owns", () => {
    const cd = services.code_deploy;
    expect(cd.count).toBe('${var.deployment_controller == "CODE_DEPLOY" ? 1 : 0}');
    expect(cd.deployment_controller).toEqual({ type: "CODE_DEPLOY" });
    expect(cd.deployment_circuit_breaker).toBeUndefined();
    expect(cd.dynamic?.alarms).toBeUndefined();
    expect(cd.lifecycle.ignore_changes).toEqual([...CODE_DEPLOY_OWNED]);
    expect(CODE_DEPLOY_OWNED).toEqual(["task_definition", "load_balancer", "desired_count"]);
    // Everything else is the same service.
    const strip = ({
      count,
      lifecycle,
      deployment_controller,
      deployment_circuit_breaker,
      dynamic,
      ...rest
    }: any) => rest;
    expect(strip(cd)).toEqual(strip(services.pipeline_owned));
  });

  it("rejects ECS deployment alarms and Terraform-owned images with CODE_DEPLOY", () => {
    const messages = tf.variable.deployment_controller.validation.map((v: any) => v.error_message);
    expect(messages).toEqual([
      expect.stringContaining("must be one of: ECS, CODE_DEPLOY"),
      expect.stringContaining("pass them to the codedeploy module's alarm_names"),
      expect.stringContaining('needs image_owner = "pipeline"'),
    ]);
  });

  it("documents the drift, the replacement on switching and the provider limits", () => {
    const readme = files["README.md"]!;
    expect(readme).toContain("### Deployment controller");
    expect(readme).toContain("replaces it");
    expect(readme).toContain("6.4+/6.21+");
  });
});

describeTerraform("ecs-service deployment controller, planned with real Terraform", () => {
  it("plans one CODE_DEPLOY service, and the ECS example at its old address", () => {
    const plan = scenarioPlan("ecs_service", "ecs_service_blue_green");
    expect(addresses(plan, "aws_ecs_service")).toEqual([
      "module.ecs_service.aws_ecs_service.pipeline_owned[0]",
      "module.ecs_service_blue_green.aws_ecs_service.code_deploy[0]",
    ]);
    const bg = after(
      changes(plan, "aws_ecs_service").find((c) =>
        c.address.startsWith("module.ecs_service_blue_green."),
      )!,
    );
    expect(bg.deployment_controller).toEqual([{ type: "CODE_DEPLOY" }]);
    expect(bg.deployment_circuit_breaker).toEqual([]);
    expect(bg.alarms).toEqual([]);
    expect(bg.load_balancer).toHaveLength(1);
    // Same resources otherwise: only the service address differs between the two calls.
    const strip = (m: string) =>
      addresses(plan)
        .filter((a) => a.startsWith(`module.${m}.`) && !a.includes("aws_ecs_service."))
        .map((a) => a.slice(`module.${m}.`.length));
    expect(strip("ecs_service_blue_green")).toEqual(strip("ecs_service"));
  });
});
