import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import {
  GITHUB_OIDC_URL,
  GITHUB_THUMBPRINTS,
  POLICY_LOCALS,
  ROLE_POLICIES,
  ROLE_TRUST,
  RoleKind,
  STS_AUDIENCE,
} from "./policies";
import { renderPolicy } from "../core/policy-document";
import { githubOidcSpec } from "./spec";

interface RoleDefinition {
  readonly description: string;
  /** HCL count for an optional role; the role always exists when absent. */
  readonly count?: string;
}

const REPOSITORY = "${var.github_owner}/${var.github_repository}";

const ROLES: Readonly<Record<RoleKind, RoleDefinition>> = {
  plan: {
    description: `GitHub Actions: read-only terraform plan for ${REPOSITORY} pull requests`,
  },
  apply: {
    description: `GitHub Actions: terraform apply for ${REPOSITORY} (main branch or protected environments)`,
  },
  deploy: {
    description: "GitHub Actions: application image push and ECS service deployment",
    count: "length(var.deploy_subjects) > 0 ? 1 : 0",
  },
};

/** Generates `terraform-modules/github-oidc`; see `spec.ts` for its interface. */
export class GithubOidcModuleStack extends ModuleStack<
  typeof githubOidcSpec.inputs,
  typeof githubOidcSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, githubOidcSpec);

    new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    const locals = new TransparentScope(this, "locals");
    for (const [name, value] of Object.entries(POLICY_LOCALS)) {
      new TerraformLocal(locals, name, value);
    }

    new IamOpenidConnectProvider(this.scopeFor(IamOpenidConnectProvider), "github", {
      count: expr.number("var.existing_provider_arn == null ? 1 : 0"),
      url: GITHUB_OIDC_URL,
      clientIdList: [STS_AUDIENCE],
      thumbprintList: GITHUB_THUMBPRINTS,
      tags: tagsWithName("${var.name}-github-actions"),
    });

    for (const [kind, role] of Object.entries(ROLES) as [RoleKind, RoleDefinition][]) {
      const name = `\${var.name}-github-${kind}`;
      const count = role.count === undefined ? {} : { count: expr.number(role.count) };
      const first = role.count === undefined ? "" : "[0]";
      new IamRole(this.scopeFor(IamRole), kind, {
        ...count,
        name,
        description: role.description,
        assumeRolePolicy: expr.string(renderPolicy(ROLE_TRUST[kind])),
        maxSessionDuration: this.vars.max_session_duration,
        permissionsBoundary: this.vars.permissions_boundary_arn,
        tags: tagsWithName(name),
      });
      for (const [suffix, document] of Object.entries(ROLE_POLICIES[kind])) {
        const id = `${kind}_${suffix}`;
        new IamPolicy(this.scopeFor(IamPolicy), id, {
          ...count,
          name: `${name}-${suffix}`,
          description: `${role.description} (${suffix})`,
          policy: expr.string(renderPolicy(document)),
          tags: tagsWithName(`${name}-${suffix}`),
        });
        new IamRolePolicyAttachment(this.scopeFor(IamRolePolicyAttachment), id, {
          ...count,
          role: expr.string(`aws_iam_role.${kind}${first}.name`),
          policyArn: expr.string(`aws_iam_policy.${id}${first}.arn`),
        });
      }
    }

    const attr = (kind: RoleKind, attribute: "arn" | "name") =>
      expr.string(
        ROLES[kind].count === undefined
          ? `aws_iam_role.${kind}.${attribute}`
          : `one(aws_iam_role.${kind}[*].${attribute})`,
      );
    this.exportOutputs({
      provider_arn: expr.string("local.provider_arn"),
      plan_role_arn: attr("plan", "arn"),
      plan_role_name: attr("plan", "name"),
      apply_role_arn: attr("apply", "arn"),
      apply_role_name: attr("apply", "name"),
      deploy_role_arn: attr("deploy", "arn"),
      deploy_role_name: attr("deploy", "name"),
    });
  }
}
