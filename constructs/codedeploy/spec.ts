import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { wholeNumberIn } from "../core/whole-number";
import { CODEDEPLOY_NOTES } from "./notes";

/** CodeDeploy's predefined deployment configurations for ECS. */
export const ECS_DEPLOYMENT_CONFIGS = [
  "CodeDeployDefault.ECSCanary10Percent5Minutes",
  "CodeDeployDefault.ECSCanary10Percent15Minutes",
  "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
  "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
  "CodeDeployDefault.ECSAllAtOnce",
] as const;
export const DEFAULT_DEPLOYMENT_CONFIG = ECS_DEPLOYMENT_CONFIGS[0];
/** Traffic shifting of a custom configuration (`aws_codedeploy_deployment_config`). */
export const TRAFFIC_ROUTING_TYPES = ["TimeBasedCanary", "TimeBasedLinear", "AllAtOnce"] as const;
export type TrafficRoutingType = (typeof TRAFFIC_ROUTING_TYPES)[number];

/** `name` names the application, the group and `<name>-codedeploy` (IAM: 64 characters). */
export const MAX_DEPLOYMENT_NAME = 40;

const customConfig = tf.object({
  type: tf.string,
  percentage: tf.optional(tf.number),
  interval_minutes: tf.optional(tf.number),
});
const ELB_ARN = "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/";
const TARGET_GROUP_NAME = "^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$";
const c = "var.custom_deployment_config";
/** The example's listeners. */
const PROD_LISTENER_ARN =
  "arn:aws:elasticloadbalancing:eu-north-1:123456789012:listener/app/shop-prod/0123456789abcdef/0123456789abcdef";
const TEST_LISTENER_ARN =
  "arn:aws:elasticloadbalancing:eu-north-1:123456789012:listener/app/shop-prod/0123456789abcdef/fedcba9876543210";

export const codedeploySpec = defineModule({
  name: "codedeploy",
  description:
    "Blue/green deployments of one ECS service with CodeDeploy: the application, a " +
    "`BLUE_GREEN` deployment group with traffic control between two target groups behind a " +
    "production and a test listener, a predefined or custom (canary, linear, all-at-once) " +
    "deployment configuration, automatic rollback on failure, on a stop and on alarms, and a " +
    "service role with only the AWS-managed `AWSCodeDeployRoleForECS` policy.",
  inputs: {
    name: required(
      tf.string,
      "Name of the CodeDeploy application and deployment group, and prefix of the service role " +
        "`<name>-codedeploy`; usually the service's name (`shop-prod-orders`).",
      { validation: [nameValidation("name", MAX_DEPLOYMENT_NAME)] },
    ),
    cluster_name: required(tf.string, "Name of the ECS cluster running the service.", {
      validation: [
        validate.pattern("cluster_name", "^[A-Za-z0-9_-]{1,255}$", "an ECS cluster name"),
      ],
    }),
    service_name: required(
      tf.string,
      "Name of the ECS service; it must use the `CODE_DEPLOY` deployment controller (the " +
        'ecs-service module with `deployment_controller = "CODE_DEPLOY"`).',
      {
        validation: [
          validate.pattern("service_name", "^[A-Za-z0-9_-]{1,255}$", "an ECS service name"),
        ],
      },
    ),
    blue_target_group_name: required(
      tf.string,
      "Target group the service starts in (the alb module's `target_group_names[<service>]`). " +
        "CodeDeploy alternates between the two groups: after a deployment the other one serves.",
      {
        validation: [
          validate.pattern("blue_target_group_name", TARGET_GROUP_NAME, "a target group name"),
        ],
      },
    ),
    green_target_group_name: required(
      tf.string,
      "The second target group (the alb module's `green_target_group_names[<service>]`).",
      {
        validation: [
          validate.pattern("green_target_group_name", TARGET_GROUP_NAME, "a target group name"),
          {
            condition: "var.green_target_group_name != var.blue_target_group_name",
            errorMessage: "green_target_group_name must differ from blue_target_group_name.",
            // The example's blue group.
            rejects: { value: "shop-prod-orders" },
          },
        ],
      },
    ),
    prod_listener_arn: required(
      tf.string,
      "Listener carrying production traffic (the alb module's `listener_arn`); CodeDeploy " +
        "rewrites the action of its rule that forwards to the service.",
      {
        validation: [
          validate.pattern(
            "prod_listener_arn",
            ELB_ARN,
            "an Application Load Balancer listener ARN",
          ),
        ],
      },
    ),
    test_listener_arn: required(
      tf.string,
      "Test listener (the alb module's `test_listener_arns[<service>]`): it reaches the " +
        "replacement tasks before production traffic does, for `AfterAllowTestTraffic` hooks " +
        "and manual checks.",
      {
        validation: [
          validate.pattern(
            "test_listener_arn",
            ELB_ARN,
            "an Application Load Balancer listener ARN",
          ),
          {
            condition: "var.test_listener_arn != var.prod_listener_arn",
            errorMessage: "test_listener_arn must differ from prod_listener_arn.",
            rejects: { value: PROD_LISTENER_ARN },
          },
        ],
      },
    ),
    deployment_config_name: optional(
      tf.string,
      null,
      "A predefined ECS deployment configuration: " +
        ECS_DEPLOYMENT_CONFIGS.map((n) => `\`${n}\``).join(", ") +
        ". Default null: `" +
        DEFAULT_DEPLOYMENT_CONFIG +
        "` (10% of traffic for 5 minutes, then the rest), unless `custom_deployment_config` is set.",
      {
        validation: [
          {
            condition: `var.deployment_config_name == null ? true : contains(${JSON.stringify(ECS_DEPLOYMENT_CONFIGS)}, var.deployment_config_name)`,
            errorMessage: `deployment_config_name must be null or one of: ${ECS_DEPLOYMENT_CONFIGS.join(", ")}.`,
            // A configuration for EC2 deployments, not ECS ones.
            rejects: {
              value: "CodeDeployDefault.AllAtOnce",
              alongside: { custom_deployment_config: null },
            },
          },
          {
            condition: `var.deployment_config_name == null || ${c} == null`,
            errorMessage:
              "set deployment_config_name or custom_deployment_config, not both: the custom configuration is the deployment group's configuration.",
            // The example sets custom_deployment_config.
            rejects: { value: "CodeDeployDefault.ECSAllAtOnce" },
          },
        ],
      },
    ),
    custom_deployment_config: optional(
      customConfig,
      null,
      "A deployment configuration of its own (`aws_codedeploy_deployment_config.this[0]`): " +
        "`type` `TimeBasedCanary` (`percentage` first, the rest after `interval_minutes`), " +
        "`TimeBasedLinear` (`percentage` more every `interval_minutes`) or `AllAtOnce` (no " +
        "percentage or interval). Default null: use `deployment_config_name`.",
      {
        validation: [
          {
            condition: `${c} == null ? true : contains(${JSON.stringify(TRAFFIC_ROUTING_TYPES)}, ${c}.type)`,
            errorMessage: `custom_deployment_config.type must be one of: ${TRAFFIC_ROUTING_TYPES.join(", ")}.`,
            rejects: { value: { type: "Linear", percentage: 25, interval_minutes: 2 } },
          },
          {
            condition: `${c} == null ? true : (${c}.type == "AllAtOnce" ? ${c}.percentage == null && ${c}.interval_minutes == null : (${c}.percentage != null && ${c}.interval_minutes != null ? floor(${c}.percentage) == ${c}.percentage && ${c}.percentage >= 1 && ${c}.percentage <= 99 && floor(${c}.interval_minutes) == ${c}.interval_minutes && ${c}.interval_minutes >= 1 && ${c}.interval_minutes <= 2880 : false))`,
            errorMessage:
              "custom_deployment_config: TimeBasedCanary and TimeBasedLinear need a whole percentage of 1–99 and a whole interval_minutes of 1–2880; AllAtOnce takes neither.",
            rejects: { value: { type: "TimeBasedCanary", percentage: 10 } },
          },
        ],
      },
    ),
    termination_wait_minutes: optional(
      tf.number,
      5,
      "Minutes the original (blue) tasks keep running after traffic has moved, the window in " +
        "which a rollback is instant. Default 5.",
      { validation: [wholeNumberIn("termination_wait_minutes", 0, 2880, "minutes")] },
    ),
    ready_wait_minutes: optional(
      tf.number,
      0,
      "Minutes CodeDeploy waits, with the replacement tasks behind the test listener only, for " +
        "someone to continue the deployment (`aws deploy continue-deployment`); it stops and " +
        "rolls back when nobody does. Default 0: shift traffic as soon as the replacement is healthy.",
      { validation: [wholeNumberIn("ready_wait_minutes", 0, 2880, "minutes")] },
    ),
    alarm_names: optional(
      tf.list(tf.string),
      [],
      "CloudWatch alarms (the service's critical ones: 5xx, unhealthy hosts, latency) that stop " +
        "and roll back a deployment while in alarm. Default: none, rollback on failure and on a " +
        "manual stop only.",
      {
        validation: [
          {
            condition:
              "length(var.alarm_names) <= 10 && alltrue([for a in var.alarm_names : length(a) >= 1 && length(a) <= 255])",
            errorMessage:
              "alarm_names may list at most 10 alarms (a CodeDeploy limit), each 1–255 characters.",
            rejects: {
              value: Array.from({ length: 11 }, (_, i) => `shop-prod-orders-alarm-${i + 1}`),
            },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),
  },
  outputs: {
    application_name: output(
      tf.string,
      "CodeDeploy application name (`aws deploy create-deployment --application-name`).",
    ),
    deployment_group_name: output(tf.string, "Deployment group name."),
    deployment_group_arn: output(
      tf.string,
      "Deployment group ARN, what a deploy role's `codedeploy:CreateDeployment` names.",
    ),
    application_arn: output(
      tf.string,
      "Application ARN, for `codedeploy:GetApplicationRevision` / `RegisterApplicationRevision`.",
    ),
    deployment_config_name: output(tf.string, "The deployment configuration in use."),
    service_role_arn: output(tf.string, "The role CodeDeploy acts with."),
  },
  example: {
    name: "shop-prod-orders",
    cluster_name: "shop-prod",
    service_name: "shop-prod-orders",
    blue_target_group_name: "shop-prod-orders",
    green_target_group_name: "shop-prod-orders-green",
    prod_listener_arn: PROD_LISTENER_ARN,
    test_listener_arn: TEST_LISTENER_ARN,
    custom_deployment_config: { type: "TimeBasedLinear", percentage: 25, interval_minutes: 2 },
    termination_wait_minutes: 15,
    alarm_names: ["shop-prod-orders-5xx", "shop-prod-orders-unhealthy"],
    tags: { Service: "orders" },
  },
  notes: CODEDEPLOY_NOTES,
});
