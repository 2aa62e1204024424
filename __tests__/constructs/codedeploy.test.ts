import { CodedeployModuleStack, DEFAULT_DEPLOYMENT_CONFIG } from "../../constructs/codedeploy";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { scenarioPlan } from "../support/module-scenarios";
import { after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([CodedeployModuleStack]).get("codedeploy")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;

describe("codedeploy module", () => {
  it("deploys ECS blue/green with traffic control between two target groups", () => {
    const group = r.aws_codedeploy_deployment_group.this;
    expect(r.aws_codedeploy_app.this.compute_platform).toBe("ECS");
    expect(group.deployment_style).toEqual({
      deployment_type: "BLUE_GREEN",
      deployment_option: "WITH_TRAFFIC_CONTROL",
    });
    expect(group.load_balancer_info.target_group_pair_info).toEqual({
      prod_traffic_route: { listener_arns: ["${var.prod_listener_arn}"] },
      test_traffic_route: { listener_arns: ["${var.test_listener_arn}"] },
      target_group: [
        { name: "${var.blue_target_group_name}" },
        { name: "${var.green_target_group_name}" },
      ],
    });
    expect(
      group.blue_green_deployment_config.terminate_blue_instances_on_deployment_success,
    ).toEqual({
      action: "TERMINATE",
      termination_wait_time_in_minutes: "${var.termination_wait_minutes}",
    });
  });

  it("always rolls back on failure, and on alarms when there are any", () => {
    const group = r.aws_codedeploy_deployment_group.this;
    expect(group.auto_rollback_configuration.enabled).toBe(true);
    expect(group.auto_rollback_configuration.events).toContain('"DEPLOYMENT_FAILURE"');
    expect(group.dynamic.alarm_configuration.content).toEqual({
      alarms: "${alarm_configuration.value}",
      enabled: true,
    });
  });

  it("gives the service role only the managed AWSCodeDeployRoleForECS policy", () => {
    expect(Object.keys(r.aws_iam_role_policy_attachment)).toEqual(["this"]);
    expect(r.aws_iam_role_policy_attachment.this.policy_arn).toMatch(
      /:iam::aws:policy\/AWSCodeDeployRoleForECS$/,
    );
    expect(r.aws_iam_role_policy).toBeUndefined();
    expect(JSON.parse(r.aws_iam_role.this.assume_role_policy).Statement[0].Principal).toEqual({
      Service: "codedeploy.amazonaws.com",
    });
  });

  it("documents the drift CodeDeploy causes and the provider limits", () => {
    const readme = files["README.md"]!;
    expect(readme).toContain("why the next apply does not undo it");
    expect(readme).toContain("6.4+");
    expect(readme).toContain("replaces it");
  });
});

describeTerraform("codedeploy module, planned with real Terraform", () => {
  it("uses the configured predefined or custom deployment configuration", () => {
    const plan = scenarioPlan("codedeploy", "codedeploy_predefined", "codedeploy_defaulted");
    const groups = Object.fromEntries(
      changes(plan, "aws_codedeploy_deployment_group").map((c) => [
        c.address.split(".")[1],
        after(c),
      ]),
    );
    expect(groups.codedeploy_predefined!.deployment_config_name).toBe(
      "CodeDeployDefault.ECSAllAtOnce",
    );
    expect(groups.codedeploy_defaulted!.deployment_config_name).toBe(DEFAULT_DEPLOYMENT_CONFIG);
    expect(groups.codedeploy_predefined!.auto_rollback_configuration[0].events.sort()).toEqual([
      "DEPLOYMENT_FAILURE",
      "DEPLOYMENT_STOP_ON_REQUEST",
    ]);
    expect(groups.codedeploy!.auto_rollback_configuration[0].events).toContain(
      "DEPLOYMENT_STOP_ON_ALARM",
    );
    expect(groups.codedeploy!.alarm_configuration[0]).toMatchObject({
      alarms: ["shop-prod-orders-5xx", "shop-prod-orders-unhealthy"],
      enabled: true,
    });
    const configs = changes(plan, "aws_codedeploy_deployment_config");
    expect(configs.map((c) => c.address)).toEqual([
      "module.codedeploy.aws_codedeploy_deployment_config.this[0]",
    ]);
    expect(after(configs[0]!)).toMatchObject({
      deployment_config_name: "shop-prod-orders-linear-25pct-2min",
      traffic_routing_config: [
        { type: "TimeBasedLinear", time_based_linear: [{ interval: 2, percentage: 25 }] },
      ],
    });
  });
});
