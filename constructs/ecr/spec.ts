import { moduleKeyInputs } from "../core/module-key";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation } from "../core/validations";
import { wholeNumberIn } from "../core/whole-number";
import { ECR_NOTES } from "./notes";

/** What ECR accepts as a repository name (namespaces separated by `/`), at most 256 characters. */
export const REPOSITORY_NAME_PATTERN =
  "^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$";
const ACCOUNT_ID = "^[0-9]{12}$";

const repository = tf.object({
  pull_account_ids: tf.optional(tf.list(tf.string), []),
  untagged_expiry_days: tf.optional(tf.number),
  keep_tagged_images: tf.optional(tf.number),
});

export const ecrSpec = defineModule({
  name: "ecr",
  description:
    "Private ECR repositories keyed by repository name: immutable tags, scan on push, " +
    "encryption with a customer-managed KMS key, a lifecycle policy that expires untagged " +
    "images and keeps the last N tagged ones, and a repository policy letting only named " +
    "AWS accounts pull.",
  inputs: {
    name: required(
      tf.string,
      "Name of this set of repositories (the environment or project, e.g. `shop-prod`): names " +
        "the KMS key alias `alias/<name>-ecr`.",
      { validation: [nameValidation()] },
    ),
    ...moduleKeyInputs(
      "the images of every repository",
      "Changing the key of an existing repository replaces it (and deletes its images).",
    ),
    repositories: required(
      tf.map(repository),
      "Repositories keyed by their full name (`shop/orders`; stable: the name is in every " +
        "address). Each may name `pull_account_ids`, other AWS accounts allowed to pull from it " +
        "besides `pull_account_ids` below, and its own `untagged_expiry_days` and " +
        "`keep_tagged_images` (default: the inputs of those names). Principals in this account pull through their own IAM " +
        "policies (the ecs-service execution role) and need no repository policy.",
      {
        validation: [
          {
            condition: `length(var.repositories) > 0 && alltrue([for k in keys(var.repositories) : length(k) >= 2 && length(k) <= 256 && can(regex(${JSON.stringify(REPOSITORY_NAME_PATTERN)}, k))])`,
            errorMessage:
              "repositories keys must be ECR repository names: 2–256 characters, lower-case a-z and 0-9 separated by single ., _, - or / (e.g. shop/orders), and there must be at least one.",
            rejects: { value: { "Shop/Orders": {} } },
          },
          {
            condition:
              "alltrue([for r in values(var.repositories) : (r.untagged_expiry_days == null ? true : floor(r.untagged_expiry_days) == r.untagged_expiry_days && r.untagged_expiry_days >= 1 && r.untagged_expiry_days <= 3650) && (r.keep_tagged_images == null ? true : floor(r.keep_tagged_images) == r.keep_tagged_images && r.keep_tagged_images >= 1 && r.keep_tagged_images <= 10000)])",
            errorMessage:
              "repositories untagged_expiry_days must be whole days 1–3650 and keep_tagged_images whole numbers 1–10000.",
            rejects: { value: { "shop/orders": { untagged_expiry_days: 0 } } },
          },
          {
            condition: `alltrue(flatten([for r in values(var.repositories) : [for a in r.pull_account_ids : can(regex("${ACCOUNT_ID}", a))]]))`,
            errorMessage:
              "repositories pull_account_ids must be 12-digit AWS account IDs (never *: pulling is granted to named accounts only).",
            rejects: { value: { "shop/web": { pull_account_ids: ["*"] } } },
          },
        ],
      },
    ),
    pull_account_ids: optional(
      tf.list(tf.string),
      [],
      "AWS accounts (12-digit IDs) allowed to pull from every repository, e.g. the staging and " +
        "prod accounts pulling what a shared build account pushes. Default: none, no repository " +
        "policy is written.",
      {
        validation: [
          {
            condition: `alltrue([for a in var.pull_account_ids : can(regex("${ACCOUNT_ID}", a))])`,
            errorMessage:
              "pull_account_ids must be 12-digit AWS account IDs (never *: pulling is granted to named accounts only).",
            rejects: { value: ["*"] },
          },
        ],
      },
    ),
    untagged_expiry_days: optional(
      tf.number,
      7,
      "Days after which untagged images (left behind by re-pushed builds or multi-arch manifests " +
        "being replaced) expire. Default 7.",
      { validation: [wholeNumberIn("untagged_expiry_days", 1, 3650, "days")] },
    ),
    keep_tagged_images: optional(
      tf.number,
      50,
      "Tagged images kept per repository; older ones expire, so this is also how far back a " +
        "rollback can go. Default 50.",
      { validation: [wholeNumberIn("keep_tagged_images", 1, 10000, "images")] },
    ),
    force_delete: optional(
      tf.bool,
      false,
      "Lets Terraform delete a repository that still holds images. Default false, so an " +
        "accidental destroy fails instead of deleting every image; true only for throw-away " +
        "environments.",
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),
  },
  outputs: {
    repository_arns: output(
      tf.map(tf.string),
      "ARN per repository name: for the ecs-service `ecr_repository_arns`, the pipeline's " +
        "push permission and the github-oidc deploy role.",
    ),
    repository_urls: output(
      tf.map(tf.string),
      "Repository URL per name (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`), what " +
        "`docker push` and the task definition's image use.",
    ),
    registry_id: output(tf.string, "The registry (account) ID holding the repositories."),
    kms_key_arn: output(tf.string, "The KMS key encrypting the images (created or given)."),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    repositories: {
      "shop/orders": {},
      "shop/web": { pull_account_ids: ["210987654321"], keep_tagged_images: 100 },
    },
    pull_account_ids: ["111122223333"],
    untagged_expiry_days: 7,
    keep_tagged_images: 30,
    tags: { Component: "delivery" },
  },
  notes: ECR_NOTES,
});
