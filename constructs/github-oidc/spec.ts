import { defineModule, optional, output, required, VariableValidation } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { GITHUB_OIDC_NOTES } from "./notes";

export const MIN_SESSION_SECONDS = 3600;
export const MAX_SESSION_SECONDS = 43200;

/**
 * Name patterns. None admits `*` or `?`, so a subject built from them matches exactly one
 * repository, branch or environment even under StringLike.
 */
export const GITHUB_OWNER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{0,38}$";
export const GITHUB_REPOSITORY_PATTERN = "^[A-Za-z0-9._-]{1,100}$";
export const GITHUB_ENVIRONMENT_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$";
export const BRANCH_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$";
/** A full `sub`: literal owner and repository, then a context that does not start with a wildcard. */
export const DEPLOY_SUBJECT_PATTERN =
  "^repo:[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}:[^*?]";

const ARN = "^arn:aws[a-z-]*:";
const ROLE_ARN = `${ARN}iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$`;

/** Every element of a list variable matches a regex; `bad` is an element it refuses. */
function each(variable: string, regex: string, what: string, bad: string): VariableValidation {
  return {
    condition: `alltrue([for v in var.${variable} : can(regex(${JSON.stringify(regex)}, v))])`,
    errorMessage: `every element of ${variable} must be ${what}.`,
    rejects: { value: [bad] },
  };
}

const environments = (variable: string) =>
  each(
    variable,
    GITHUB_ENVIRONMENT_PATTERN,
    "a GitHub environment name: up to 255 characters of A-Z, a-z, 0-9, ., _ and -, no wildcards",
    "prod-*",
  );

export const githubOidcSpec = defineModule({
  name: "github-oidc",
  description:
    "GitHub Actions OIDC federation for the platform's CI/CD: the account's GitHub OIDC provider " +
    "(or an existing one), a read-only **plan** role for pull requests, an **apply** role pinned " +
    "to the main branch or protected GitHub environments, and an optional **deploy** role that " +
    "application pipelines use to push images to ECR and roll ECS services. Every trust policy " +
    "checks the audience and pins the subject to named repositories.",
  inputs: {
    name: required(tf.string, "Name prefix of the roles: `<name>-github-plan|apply|deploy`.", {
      validation: [nameValidation()],
    }),
    account_id: required(
      tf.string,
      "AWS account ID (12 digits) the roles and the platform live in; scopes IAM, KMS and ECS ARNs.",
      { validation: [validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID")] },
    ),
    github_owner: required(
      tf.string,
      "GitHub organization or user owning the infrastructure repository, exactly as GitHub spells " +
        "it (IAM compares the subject case-sensitively).",
      {
        validation: [
          validate.pattern(
            "github_owner",
            GITHUB_OWNER_PATTERN,
            "a GitHub owner name: 1–39 characters of A-Z, a-z, 0-9 and -, not starting with -",
          ),
        ],
      },
    ),
    github_repository: required(
      tf.string,
      "Name (without the owner) of the infrastructure repository whose workflows run plan and apply.",
      {
        validation: [
          {
            condition: `can(regex(${JSON.stringify(GITHUB_REPOSITORY_PATTERN)}, var.github_repository)) && !contains([".", ".."], var.github_repository)`,
            errorMessage:
              "github_repository must be a GitHub repository name: 1–100 characters of A-Z, a-z, 0-9, ., _ and -.",
            // With the owner, which github_owner names.
            rejects: { value: "acme/shop-platform" },
          },
        ],
      },
    ),
    existing_provider_arn: optional(
      tf.string,
      null,
      "ARN of the account's existing GitHub OIDC provider. An account holds at most one provider " +
        "per URL, so every instance of this module after the first passes the first one's " +
        "`provider_arn`. Null (default) creates the provider.",
      {
        validation: [
          {
            condition:
              'var.existing_provider_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\\\.actions\\\\.githubusercontent\\\\.com$", var.existing_provider_arn))',
            errorMessage:
              "existing_provider_arn must be null or the ARN of a token.actions.githubusercontent.com OIDC provider (arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com).",
            rejects: { value: "arn:aws:iam::123456789012:oidc-provider/gitlab.com" },
          },
        ],
      },
    ),
    plan_environments: optional(
      tf.list(tf.string),
      [],
      "GitHub environments (full names, e.g. `prod-plan`) whose jobs may also assume the plan " +
        "role; a job that names an environment presents `environment:<name>` instead of " +
        "`pull_request`. Default: none, pull requests only.",
      { validation: [environments("plan_environments")] },
    ),
    apply_branch: optional(
      tf.string,
      "main",
      "Branch whose push workflows may assume the apply role when `apply_environments` is empty. " +
        "Default `main`.",
      {
        validation: [
          {
            condition: `can(regex(${JSON.stringify(BRANCH_PATTERN)}, var.apply_branch)) && !strcontains(var.apply_branch, "..")`,
            errorMessage:
              "apply_branch must be a branch name of A-Z, a-z, 0-9, ., _, / and - (no wildcards, no ..).",
            rejects: { value: "release/*" },
          },
        ],
      },
    ),
    apply_environments: optional(
      tf.list(tf.string),
      [],
      "GitHub environments whose jobs may assume the apply role. When set they replace " +
        "`apply_branch`: protect them with required reviewers and a main-only deployment branch " +
        "policy. Default: none (the branch is trusted).",
      { validation: [environments("apply_environments")] },
    ),
    state_bucket: required(tf.string, "S3 bucket holding the Terraform state.", {
      validation: [
        validate.pattern(
          "state_bucket",
          "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
          "an S3 bucket name (3–63 characters of a-z, 0-9, . and -)",
        ),
      ],
    }),
    state_key_prefix: required(
      tf.string,
      "Key prefix of the states the roles may use, without slashes at either end (e.g. `shop` " +
        "for `shop/<env>/terraform.tfstate`, or `shop/prod` for one environment). Required, so " +
        "the roles never get the whole bucket.",
      {
        validation: [
          validate.pattern(
            "state_key_prefix",
            "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$",
            "S3 key segments of A-Z, a-z, 0-9, _, . and - joined by /, with no leading or trailing /",
          ),
        ],
      },
    ),
    resource_prefix: required(
      tf.string,
      "Name prefix of the IAM roles and policies (`<prefix>-*`) and S3 buckets the apply role " +
        "may create and change: the `name` of the environments it deploys.",
      { validation: [nameValidation("resource_prefix")] },
    ),
    deploy_subjects: optional(
      tf.list(tf.string),
      [],
      "Full OIDC subjects allowed to assume the deploy role, e.g. " +
        "`repo:acme/eshop:ref:refs/heads/main` or `repo:acme/eshop:environment:prod`. Wildcards " +
        "may appear only after the repository. Default: none, and then no deploy role is created.",
      {
        validation: [
          each(
            "deploy_subjects",
            DEPLOY_SUBJECT_PATTERN,
            "a GitHub OIDC subject repo:<owner>/<repository>:<context> with a literal owner and repository and a context that does not start with a wildcard",
            "repo:acme/*:ref:refs/heads/main",
          ),
        ],
      },
    ),
    ecr_repository_arns: optional(
      tf.list(tf.string),
      [],
      "ECR repositories the deploy role may push to. Default: none.",
      {
        validation: [
          each(
            "ecr_repository_arns",
            `${ARN}ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$`,
            "an ECR repository ARN (arn:aws:ecr:<region>:<account>:repository/<name>)",
            // The repository's URL, not its ARN.
            "123456789012.dkr.ecr.eu-north-1.amazonaws.com/shop/api",
          ),
        ],
      },
    ),
    ecs_service_arns: optional(
      tf.list(tf.string),
      [],
      "ECS services (long ARN format, with the cluster) the deploy role may update. Default: none.",
      {
        validation: [
          each(
            "ecs_service_arns",
            `${ARN}ecs:[a-z0-9-]+:[0-9]{12}:service/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$`,
            "an ECS service ARN (arn:aws:ecs:<region>:<account>:service/<cluster>/<service>)",
            // The short ARN format, without the cluster.
            "arn:aws:ecs:eu-north-1:123456789012:service/api",
          ),
        ],
      },
    ),
    task_role_arns: optional(
      tf.list(tf.string),
      [],
      "Task roles of those services, which the deploy role may pass to ECS in new task " +
        "definitions. Default: none.",
      {
        validation: [each("task_role_arns", ROLE_ARN, "an IAM role ARN", "shop-prod-api-task")],
      },
    ),
    execution_role_arns: optional(
      tf.list(tf.string),
      [],
      "Execution roles of those services, passed to ECS like the task roles. Default: none.",
      {
        validation: [
          // An instance profile, not a role.
          each(
            "execution_role_arns",
            ROLE_ARN,
            "an IAM role ARN",
            "arn:aws:iam::123456789012:instance-profile/shop-prod-api-execution",
          ),
        ],
      },
    ),
    permissions_boundary_arn: optional(
      tf.string,
      null,
      "Managed policy set as the permissions boundary of every role this module creates, to cap " +
        "them below what their policies grant (e.g. the apply role to the workload Regions). " +
        "Default: null, no boundary.",
      {
        validation: [
          {
            condition:
              'var.permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+$", var.permissions_boundary_arn))',
            errorMessage:
              "permissions_boundary_arn must be null or an IAM managed policy ARN (arn:aws:iam::<account>:policy/<name>).",
            // A role, not a policy.
            rejects: { value: "arn:aws:iam::123456789012:role/shop-prod-boundary" },
          },
        ],
      },
    ),
    max_session_duration: optional(
      tf.number,
      MIN_SESSION_SECONDS,
      "Longest session, in seconds, the roles allow (3600–43200). Default 3600: one hour covers " +
        "a plan or an apply, and a leaked token expires soon.",
      {
        validation: [
          validate.range("max_session_duration", MIN_SESSION_SECONDS, MAX_SESSION_SECONDS),
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),

    codedeploy_deployment_group_arns: optional(
      tf.list(tf.string),
      [],
      "CodeDeploy deployment groups (the codedeploy module's `deployment_group_arn`) the deploy " +
        "role may start blue/green deployments in; their applications' revisions may be " +
        "registered and read. Default: none.",
      {
        validation: [
          each(
            "codedeploy_deployment_group_arns",
            `${ARN}codedeploy:[a-z0-9-]+:[0-9]{12}:deploymentgroup:[A-Za-z0-9_.+=,@-]+/[A-Za-z0-9_.+=,@-]+$`,
            "a CodeDeploy deployment group ARN (arn:aws:codedeploy:<region>:<account>:deploymentgroup:<application>/<group>)",
            // The application, not one of its deployment groups.
            "arn:aws:codedeploy:eu-north-1:123456789012:application:shop-prod-api",
          ),
        ],
      },
    ),
  },
  outputs: {
    provider_arn: output(
      tf.string,
      "ARN of the GitHub OIDC provider the roles trust (created here or the existing one); pass " +
        "it as `existing_provider_arn` to other instances in the same account.",
    ),
    plan_role_arn: output(
      tf.string,
      "ARN of the read-only plan role (`role-to-assume` in PR workflows).",
    ),
    plan_role_name: output(tf.string, "Name of the plan role."),
    apply_role_arn: output(
      tf.string,
      "ARN of the apply role (`role-to-assume` in apply workflows).",
    ),
    apply_role_name: output(tf.string, "Name of the apply role."),
    deploy_role_arn: output(
      tf.string,
      "ARN of the deploy role for application pipelines; null when `deploy_subjects` is empty.",
    ),
    deploy_role_name: output(tf.string, "Name of the deploy role; null when it is not created."),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    github_owner: "acme",
    github_repository: "shop-platform",
    plan_environments: ["prod-plan"],
    apply_environments: ["prod"],
    state_bucket: "acme-terraform-state",
    state_key_prefix: "shop/prod",
    resource_prefix: "shop-prod",
    deploy_subjects: [
      "repo:acme/shop-api:environment:prod",
      "repo:acme/shop-web:ref:refs/heads/main",
    ],
    ecr_repository_arns: [
      "arn:aws:ecr:eu-north-1:123456789012:repository/shop/api",
      "arn:aws:ecr:eu-north-1:123456789012:repository/shop/web",
    ],
    ecs_service_arns: [
      "arn:aws:ecs:eu-north-1:123456789012:service/shop-prod/api",
      "arn:aws:ecs:eu-north-1:123456789012:service/shop-prod/web",
    ],
    task_role_arns: [
      "arn:aws:iam::123456789012:role/shop-prod-api-task",
      "arn:aws:iam::123456789012:role/shop-prod-web-task",
    ],
    execution_role_arns: [
      "arn:aws:iam::123456789012:role/shop-prod-api-execution",
      "arn:aws:iam::123456789012:role/shop-prod-web-execution",
    ],
    max_session_duration: 3600,
    tags: { Team: "platform" },
    codedeploy_deployment_group_arns: [
      "arn:aws:codedeploy:eu-north-1:123456789012:deploymentgroup:shop-prod-api/shop-prod-api",
    ],
  },
  notes: GITHUB_OIDC_NOTES,
});
