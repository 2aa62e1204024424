import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { DATA_STORE_NAME_LENGTH, nameValidation, validate } from "../core/validations";

/** Secret keys: also parts of secret names (`<name>/<key>`) and resource keys. */
const SECRET_KEY = "^[a-z][a-z0-9-]{0,31}$";
const ROLE_ARN = "^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$";

export const appSecretsSpec = defineModule({
  name: "app-secrets",
  description:
    "Application secrets created by name and left empty: one Secrets Manager secret per entry " +
    "(`<name>/<key>`), encrypted with a customer-managed KMS key of the module, and a resource " +
    "policy that denies reading the value to every principal but the given reader roles and " +
    "denies every request without TLS. Values are set outside Terraform, so they never reach " +
    "the state or the plan.",
  inputs: {
    name: required(
      tf.string,
      "Prefix of the secret names and of the key alias (`<name>-secrets`).",
      {
        validation: [nameValidation("name", DATA_STORE_NAME_LENGTH)],
      },
    ),
    account_id: required(tf.string, "AWS account ID (12 digits) whose root administers the key.", {
      validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")],
    }),
    secrets: required(
      tf.map(tf.object({ description: tf.string })),
      "Secrets by key (1–32 characters of a-z, 0-9 and -): each becomes `<name>/<key>` with its " +
        "description. Adding or removing a key never touches the others.",
      {
        validation: [
          {
            condition: `alltrue([for k, s in var.secrets : can(regex(${JSON.stringify(SECRET_KEY)}, k)) && length(s.description) > 0])`,
            errorMessage:
              "secrets keys must be 1–32 characters of a-z, 0-9 and -, starting with a letter, each with a description.",
            // "_" is not allowed in a key; "api-keys" stays for the example's readers.
            rejects: {
              value: {
                "api-keys": { description: "Stripe and OpenAI API keys" },
                stripe_webhooks: { description: "Stripe webhook signing secret" },
              },
            },
          },
        ],
      },
    ),
    readers: optional(
      tf.map(tf.list(tf.string)),
      {},
      "Per secret key: the IAM roles that may read its value (for ECS, the services' execution " +
        "roles, which inject it into the container). Everyone else is denied " +
        "`GetSecretValue` by the resource policy, administrators included. Default: none, " +
        "nobody reads.",
      {
        validation: [
          {
            condition: `alltrue(flatten([for k, roles in var.readers : [for r in roles : can(regex(${JSON.stringify(ROLE_ARN)}, r))]]))`,
            errorMessage: "readers must list IAM role ARNs (arn:aws:iam::<account>:role/<name>).",
            rejects: { value: { "api-keys": ["arn:aws:iam::123456789012:user/shop-prod-api"] } },
          },
          {
            condition: "alltrue([for k in keys(var.readers) : contains(keys(var.secrets), k)])",
            errorMessage: "readers keys must be keys of secrets.",
            // The example's secrets are "api-keys" and "webhooks".
            rejects: {
              value: { "api-key": ["arn:aws:iam::123456789012:role/shop-prod-api-execution"] },
            },
          },
        ],
      },
    ),
    recovery_window_days: optional(
      tf.number,
      30,
      "Days a deleted secret can be restored before Secrets Manager erases it, 7–30. Default " +
        "30 (the maximum): a removed entry stays recoverable for a month.",
      { validation: [validate.range("recovery_window_days", 7, 30)] },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    secret_arns: output(tf.map(tf.string), "ARN of each secret, by key."),
    secret_names: output(
      tf.map(tf.string),
      "Name of each secret (`<name>/<key>`), by key: what `put-secret-value --secret-id` takes.",
    ),
    kms_key_arn: output(
      tf.string,
      "ARN of the key encrypting the secrets (readers need kms:Decrypt).",
    ),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    secrets: {
      "api-keys": { description: "Stripe and OpenAI API keys (JSON: stripe, openai)" },
      webhooks: { description: "Webhook signing secrets" },
    },
    readers: {
      "api-keys": ["arn:aws:iam::123456789012:role/shop-prod-api-execution"],
    },
    recovery_window_days: 30,
    tags: { Component: "secrets" },
  },
  notes: `## Setting the values

Terraform creates each secret empty and never holds its value (no \`aws_secretsmanager_secret_version\`),
so no value appears in the state, the plan or the plan comment. Set or rotate a value with the
AWS CLI, as a principal allowed \`secretsmanager:PutSecretValue\` (the deploy or an operator role):

\`\`\`sh
aws secretsmanager put-secret-value \\
  --secret-id shop-prod/api-keys \\
  --secret-string file://api-keys.json    # e.g. {"stripe": "sk_live_…", "openai": "sk-…"}
\`\`\`

ECS reads the value when a task starts: set it before the first deployment of a service that
references it (a task whose secret has no value fails to start), and redeploy the service
(\`aws ecs update-service --force-new-deployment\`) after changing it.

## Design notes

- **One module for an environment's secrets**, not a secret per module call: the secrets share
  one customer-managed key (rotation on, 30-day deletion window, alias \`alias/<name>-secrets\`),
  and the addresses are keyed by secret name (\`aws_secretsmanager_secret.this["api-keys"]\`).
  Secrets belonging to a resource (database master credentials, cache AUTH tokens) stay with
  that resource's module.
- **Resource policy** (\`aws_secretsmanager_secret_policy.this["<key>"]\`, with
  \`block_public_policy\`): \`DenyReadingButReaders\` denies \`secretsmanager:GetSecretValue\` to
  every principal whose \`aws:PrincipalArn\` is not one of the secret's \`readers\` (with no
  reader, to everyone), so an IAM policy elsewhere in the account cannot widen who reads the
  value; \`DenyWithoutTls\` denies every request with \`aws:SecureTransport = false\`. Writing
  values stays with IAM, as does administering the secret.
- **Rotation**: these are third-party credentials (API keys, webhook secrets) that only their
  issuer can rotate, so no rotation Lambda is attached; rotate by putting a new value.
- **Deletion**: \`recovery_window_days\` (default 30) keeps a removed secret restorable
  (\`aws secretsmanager restore-secret\`).`,
});
