import { moduleKeyInputs } from "../core/module-key";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";

export const ecsClusterSpec = defineModule({
  name: "ecs-cluster",
  description:
    "An ECS cluster for Fargate: Container Insights on, ECS Exec sessions audited to a " +
    "KMS-encrypted CloudWatch log group (with a key the module creates, rotation on, or yours), " +
    "and the FARGATE and FARGATE_SPOT capacity providers with a default strategy that services " +
    "may override.",
  inputs: {
    name: required(tf.string, "Name of the cluster and prefix of the log group and key alias.", {
      validation: [nameValidation()],
    }),
    ...moduleKeyInputs(
      "the ECS Exec log group",
      "An existing key's policy must let `logs.<region>.amazonaws.com` use it for this log group.",
    ),
    log_retention_days: optional(
      tf.number,
      365,
      "Retention of the ECS Exec audit log group, in days. Default 365: interactive sessions " +
        "in containers are audit evidence.",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    default_fargate_weight: optional(
      tf.number,
      1,
      "Weight of FARGATE (on-demand) in the cluster's default capacity provider strategy. " +
        "Default 1 (with spot 0: everything on demand).",
      { validation: [validate.range("default_fargate_weight", 0, 1000)] },
    ),
    default_spot_weight: optional(
      tf.number,
      0,
      "Weight of FARGATE_SPOT in the default strategy. Default 0: Spot is opt-in (dev and " +
        "staging profiles raise it); services may set their own strategy.",
      {
        validation: [
          validate.range("default_spot_weight", 0, 1000),
          {
            condition: "var.default_fargate_weight + var.default_spot_weight > 0",
            errorMessage: "default_fargate_weight and default_spot_weight cannot both be 0.",
            rejects: { value: 0, alongside: { default_fargate_weight: 0 } },
          },
        ],
      },
    ),
    fargate_base: optional(
      tf.number,
      1,
      "Tasks of each service placed on FARGATE (on demand) before the weights apply. Default 1, " +
        "so a service keeps one task when Spot capacity is reclaimed.",
      { validation: [validate.range("fargate_base", 0, 100000)] },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),
    capacity_providers: optional(
      tf.list(tf.string),
      [],
      "EC2 capacity providers to attach besides FARGATE and FARGATE_SPOT (the ecs-capacity module's `capacity_provider_names`). A cluster has one capacity-provider association, owned here, so providers made elsewhere are attached through this list. Default: none.",
      {
        validation: [
          {
            condition:
              'alltrue([for p in var.capacity_providers : can(regex("^[A-Za-z0-9_-]{1,255}$", p)) && !contains(["FARGATE", "FARGATE_SPOT"], p)])',
            errorMessage:
              "capacity_providers must be capacity provider names (A-Z, a-z, 0-9, _ and -), not FARGATE or FARGATE_SPOT (always attached).",
            rejects: { value: ["ai-prod-general", "FARGATE_SPOT"] },
          },
        ],
      },
    ),
    default_capacity_provider_strategy: optional(
      tf.list(
        tf.object({
          capacity_provider: tf.string,
          base: tf.optional(tf.number, 0),
          weight: tf.optional(tf.number, 1),
        }),
      ),
      null,
      'The cluster\'s default strategy when it should differ from the Fargate mix, e.g. `[{ capacity_provider = "ai-prod-general", weight = 1 }]` to run services without a strategy on EC2. Every provider must be FARGATE, FARGATE_SPOT or in `capacity_providers`; only one may have a base. Default null: `fargate_base`, `default_fargate_weight` and `default_spot_weight`.',
      {
        validation: [
          {
            condition:
              'var.default_capacity_provider_strategy == null ? true : (length(var.default_capacity_provider_strategy) > 0 && alltrue([for s in var.default_capacity_provider_strategy : contains(concat(["FARGATE", "FARGATE_SPOT"], var.capacity_providers), s.capacity_provider) && s.base >= 0 && s.base <= 100000 && s.weight >= 0 && s.weight <= 1000]) && length([for s in var.default_capacity_provider_strategy : s if s.base > 0]) <= 1)',
            errorMessage:
              "default_capacity_provider_strategy: each capacity_provider must be FARGATE, FARGATE_SPOT or listed in capacity_providers, base 0–100000 (on at most one entry), weight 0–1000.",
            // A provider the cluster does not attach.
            rejects: {
              value: [{ capacity_provider: "ai-prod-general", weight: 1 }],
              alongside: { capacity_providers: [] },
            },
          },
        ],
      },
    ),
  },
  outputs: {
    cluster_id: output(tf.string, "ID of the cluster (the same as its ARN)."),
    cluster_arn: output(tf.string, "ARN of the cluster."),
    cluster_name: output(
      tf.string,
      "Name of the cluster, the `ClusterName` dimension of CloudWatch metrics.",
    ),
    exec_log_group_name: output(tf.string, "CloudWatch log group of the ECS Exec audit logs."),
    exec_log_group_arn: output(
      tf.string,
      "ARN of the ECS Exec log group, for the task-role statement that lets the ECS Exec agent " +
        "write to it.",
    ),
    kms_key_arn: output(
      tf.string,
      "KMS key encrypting the ECS Exec log group (created here, or `kms_key_arn`).",
    ),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    log_retention_days: 365,
    default_fargate_weight: 1,
    default_spot_weight: 0,
    fargate_base: 1,
  },
  notes: `## Design notes

- **ECS Exec is audited**: \`logging = "OVERRIDE"\` sends every session's commands and output to
  \`/aws/ecs/<name>/exec\`, encrypted with a customer-managed KMS key
  (\`cloud_watch_encryption_enabled = true\` makes ECS refuse an unencrypted group). Tasks that
  allow ECS Exec need, in their **task role**, \`logs:CreateLogStream\`, \`logs:PutLogEvents\` and
  \`logs:DescribeLogGroups\` on \`exec_log_group_arn\`, plus the \`ssmmessages:*Channel\` actions;
  they need no KMS permission, since CloudWatch Logs encrypts.
- **The key** (\`aws_kms_key.this\` and \`aws_kms_alias.this\`, only when \`kms_key_arn\` is
  null) comes from the shared module-key helper, like the other modules' keys: rotation on, a
  30-day deletion window, and a policy with two statements: the account root with the
  administration and use actions listed, not \`kms:*\` (so IAM policies in the account govern
  the key and it can never become unmanageable), and the CloudWatch Logs service principal of
  the current Region, limited by the \`kms:EncryptionContext:aws:logs:arn\` condition to this one
  log group. They were named \`exec_logs\` before; \`moved\` blocks carry an existing key over,
  because a new key would leave the audit logs written under the old one unreadable once it is
  deleted.
- **Capacity providers**: FARGATE and FARGATE_SPOT are both attached; the default strategy puts
  \`fargate_base\` tasks on FARGATE and spreads the rest by \`default_fargate_weight\` :
  \`default_spot_weight\`. Services that set their own strategy override it.
  \`capacity_providers\` attaches EC2 providers to the same association
  (\`aws_ecs_cluster_capacity_providers.this\`, a cluster has only one), and
  \`default_capacity_provider_strategy\` replaces the default strategy when set.
- **Container Insights** uses \`enabled\`, which both AWS provider 5.x and 6.x accept
  (\`enhanced\` needs a newer API and provider).
- **Not included**: encrypting the ECS Exec data channel with KMS (the session is already TLS;
  a KMS key would need grants in every task role), Fargate ephemeral-storage CMK, Service
  Connect namespace. EC2 capacity providers are made by the ecs-capacity module and attached
  here through \`capacity_providers\`.`,
});
