import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import {
  GITHUB_OIDC_HOST,
  GithubOidcModuleStack,
  githubOidcSpec,
  ROLE_KINDS,
  ROLE_POLICIES,
  ROLE_TRUST,
  RoleKind,
  STS_AUDIENCE,
} from "../../constructs/github-oidc";
import { POLICY_LOCALS } from "../../constructs/github-oidc/policies";
import { renderPolicy, Statement, statementsOf } from "../../constructs/core/policy-document";
import { PlanJson } from "../../tools/terraform/runner";
import { ModuleRoot } from "../support/module-root";
import { EXISTING_OIDC_PROVIDER_ARN, scenarioPlan } from "../support/module-scenarios";
import { after, changes } from "../support/plan";
import { rejectedPlan } from "../support/plan-errors";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([GithubOidcModuleStack]).get("github-oidc")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);

const AUD = `${GITHUB_OIDC_HOST}:aud`;
const SUB = `${GITHUB_OIDC_HOST}:sub`;

const actionsOf = (s: Statement): string[] => [s.Action].flat();
const allPolicies = (): [string, Statement[]][] =>
  ROLE_KINDS.flatMap((kind) =>
    Object.entries(ROLE_POLICIES[kind]).map(
      ([suffix, doc]) => [`${kind}_${suffix}`, statementsOf(doc)] as [string, Statement[]],
    ),
  );

/** `*`, `<service>:*`, `iam:*`: the actions no statement may grant or name. */
const isWildcardAction = (action: string) => action === "*" || /^[a-z0-9-]+:\*$/.test(action);

/** Verbs that change something; `apigateway:` write actions are HTTP methods. */
const WRITE_VERB =
  /^(Create|Delete|Put|Update|Modify|Attach|Detach|Set|Tag|Untag|Register|Deregister|Associate|Disassociate|Authorize|Revoke|Pass|Upload|Initiate|Complete|Start|Stop|Reboot|Request|Change|Enable|Disable|Schedule|Cancel|Replace|Release|Allocate|Add|Remove|Increase|Decrease|Subscribe|Unsubscribe|Mount|Invoke|Run|Execute|Restore|Copy|Import|Promote|Failover|POST|PUT|PATCH|DELETE)/;

/** Plan-role write actions allowed: the lock file only. */
const isLockFileWrite = (s: Statement) =>
  [s.Resource].flat().every((r) => String(r).endsWith("*.tflock")) &&
  actionsOf(s).every((a) => a === "s3:PutObject" || a === "s3:DeleteObject");

function assertNoWildcardActions(statements: Statement[]) {
  for (const s of statements) {
    for (const a of actionsOf(s))
      expect([s.Sid, a, isWildcardAction(a)]).toEqual([s.Sid, a, false]);
  }
}

function assertReadOnly(statements: Statement[]) {
  for (const s of statements.filter((st) => st.Effect === "Allow" && !isLockFileWrite(st))) {
    for (const a of actionsOf(s)) {
      const verb = a.split(":")[1]!;
      expect([s.Sid, a, WRITE_VERB.test(verb)]).toEqual([s.Sid, a, false]);
    }
  }
}

describe("github-oidc module", () => {
  it("is a standalone module: required_providers range, no provider, no backend", () => {
    expect(tf.terraform).toEqual({
      required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" } },
      required_version: ">= 1.9.0",
    });
    expect(tf.provider).toBeUndefined();
    expect(JSON.stringify(tf)).not.toContain('"//"');
  });

  it("has readable addresses: one role, managed policies and attachments per kind", () => {
    const r = tf.resource;
    expect(Object.keys(r.aws_iam_role).sort()).toEqual(["apply", "deploy", "plan"]);
    const policies = [
      "apply_iam",
      "apply_network",
      "apply_read",
      "apply_workload",
      "deploy_push",
      "plan_read",
    ];
    expect(Object.keys(r.aws_iam_policy).sort()).toEqual(policies);
    expect(Object.keys(r.aws_iam_role_policy_attachment).sort()).toEqual(policies);
    expect(r.aws_iam_role_policy_attachment.apply_iam).toEqual({
      role: "${aws_iam_role.apply.name}",
      policy_arn: "${aws_iam_policy.apply_iam.arn}",
    });
    expect(r.aws_iam_role_policy_attachment.deploy_push.policy_arn).toBe(
      "${aws_iam_policy.deploy_push[0].arn}",
    );
    expect(r.aws_iam_role_policy).toBeUndefined();
  });

  it("creates the GitHub OIDC provider only when no existing one is passed", () => {
    expect(tf.resource.aws_iam_openid_connect_provider.github).toMatchObject({
      count: "${var.existing_provider_arn == null ? 1 : 0}",
      url: "https://token.actions.githubusercontent.com",
      client_id_list: ["sts.amazonaws.com"],
      thumbprint_list: [
        "6938fd4d98bab03faadb97b34396831e3780aea1",
        "1c58a3a8518e8759bf075b76b750d4f2df264fcd",
      ],
    });
    expect(tf.locals.provider_arn).toBe(
      "${var.existing_provider_arn != null ? var.existing_provider_arn : aws_iam_openid_connect_provider.github[0].arn}",
    );
    expect(tf.variable.existing_provider_arn).toMatchObject({ default: null, nullable: true });
  });

  it("creates the deploy role and its policy only when deploy_subjects is non-empty", () => {
    const count = "${length(var.deploy_subjects) > 0 ? 1 : 0}";
    expect(tf.resource.aws_iam_role.deploy.count).toBe(count);
    expect(tf.resource.aws_iam_policy.deploy_push.count).toBe(count);
    expect(tf.resource.aws_iam_role_policy_attachment.deploy_push.count).toBe(count);
    expect(tf.resource.aws_iam_role.plan.count).toBeUndefined();
    expect(tf.output.deploy_role_arn.value).toBe("${one(aws_iam_role.deploy[*].arn)}");
  });

  it("names every role <name>-github-<kind> with the session limit and the boundary", () => {
    for (const kind of ROLE_KINDS) {
      expect(tf.resource.aws_iam_role[kind]).toMatchObject({
        name: `\${var.name}-github-${kind}`,
        max_session_duration: "${var.max_session_duration}",
        permissions_boundary: "${var.permissions_boundary_arn}",
      });
    }
    expect(tf.variable.max_session_duration.default).toBe(3600);
    expect(tf.variable.max_session_duration.validation[0].condition).toBe(
      "${var.max_session_duration >= 3600 && var.max_session_duration <= 43200}",
    );
  });

  it("renders each policy and trust document from its typed definition", () => {
    for (const kind of ROLE_KINDS) {
      expect(tf.resource.aws_iam_role[kind].assume_role_policy).toBe(
        `\${${renderPolicy(ROLE_TRUST[kind])}}`,
      );
      for (const [suffix, doc] of Object.entries(ROLE_POLICIES[kind])) {
        expect(tf.resource.aws_iam_policy[`${kind}_${suffix}`].policy).toBe(
          `\${${renderPolicy(doc)}}`,
        );
      }
    }
  });

  describe("trust policies", () => {
    it.each(ROLE_KINDS)(
      "%s: web identity from the provider, aud checked with StringEquals",
      (kind) => {
        const [statement, ...rest] = statementsOf(ROLE_TRUST[kind]);
        expect(rest).toEqual([]);
        expect(statement).toMatchObject({
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: "${local.provider_arn}" },
        });
        expect(statement!.Condition!.StringEquals![AUD]).toBe(STS_AUDIENCE);
      },
    );

    const subjectOf = (kind: RoleKind) => {
      const c = statementsOf(ROLE_TRUST[kind])[0]!.Condition!;
      return c.StringLike?.[SUB] ?? c.StringEquals?.[SUB];
    };

    it("pins plan and apply subjects to repo:<owner>/<repo>:… built from validated names", () => {
      expect(POLICY_LOCALS.repository_subject).toBe(
        "repo:${var.github_owner}/${var.github_repository}",
      );
      expect(subjectOf("plan")).toBe("${local.plan_subjects}");
      expect(subjectOf("apply")).toBe("${local.apply_subjects}");
      // Every subject string in the locals starts from the pinned repository subject.
      for (const local of ["plan_subjects", "apply_subjects"]) {
        const templates = tf.locals[local].match(/"[^"]*"/g) as string[];
        expect(templates.length).toBeGreaterThan(0);
        for (const t of templates) expect(t).toMatch(/^"\$\{local\.repository_subject\}:/);
      }
      expect(tf.locals.plan_subjects).toContain(":pull_request");
      expect(tf.locals.apply_subjects).toContain(":ref:refs/heads/${var.apply_branch}");
      expect(tf.locals.apply_subjects).toContain(":environment:${e}");
      // Apply never matches patterns.
      expect(statementsOf(ROLE_TRUST.apply)[0]!.Condition!.StringLike).toBeUndefined();
    });

    it("pins deploy subjects to validated repo:<owner>/<repo>: prefixes", () => {
      expect(subjectOf("deploy")).toBe("${var.deploy_subjects}");
      const [rule] = tf.variable.deploy_subjects.validation;
      expect(rule.condition).toContain("alltrue([for v in var.deploy_subjects");
      const regex = new RegExp(
        rule.condition.match(/regex\("(.*?)", v\)/)[1].replace(/\\\\/g, "\\"),
      );
      for (const ok of [
        "repo:acme/shop-api:ref:refs/heads/main",
        "repo:acme/shop-api:environment:prod",
        "repo:acme/shop-api:ref:refs/tags/v*",
      ])
        expect([ok, regex.test(ok)]).toEqual([ok, true]);
      for (const bad of [
        "*",
        "repo:*",
        "repo:*/shop-api:ref:refs/heads/main",
        "repo:acme/*:ref:refs/heads/main",
        "repo:acme/shop-api:*",
        "repo:acme/shop-api",
        "acme/shop-api:ref:refs/heads/main",
      ])
        expect([bad, regex.test(bad)]).toEqual([bad, false]);
    });

    it("rejects wildcards in owner, repository, branch and environment names", () => {
      const valid: Record<string, string> = {
        github_owner: "acme",
        github_repository: "shop-platform",
        apply_branch: "release/2024.1",
        plan_environments: "prod-plan",
        apply_environments: "prod",
      };
      for (const [name, sample] of Object.entries(valid)) {
        const condition: string = tf.variable[name].validation[0].condition;
        const regex = new RegExp(condition.match(/regex\("(.*?)", (var\.|v\))/)![1]!);
        expect([name, regex.test(sample)]).toEqual([name, true]);
        for (const bad of ["*", `${sample}*`, `${sample}?`, `*${sample}`])
          expect([name, bad, regex.test(bad)]).toEqual([name, bad, false]);
      }
    });
  });

  describe("permission policies", () => {
    it("never grant or name `*`, `<service>:*` or `iam:*`", () => {
      for (const [, statements] of allPolicies()) assertNoWildcardActions(statements);
      // The same in the generated file, whatever the TS objects say.
      const text = files[MODULE_MAIN_FILE]!;
      expect(text).not.toMatch(/Action\s*=\s*\\"\*\\"/);
      expect(text).not.toMatch(/\\"[a-z0-9-]+:\*\\"/);
    });

    it("plan role is read-only but for the state lock file", () => {
      const statements = statementsOf(ROLE_POLICIES.plan.read!);
      assertReadOnly(statements);
      const lock = statements.find((s) => s.Sid === "StateLockFile")!;
      expect(lock).toEqual({
        Sid: "StateLockFile",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:DeleteObject"],
        Resource: "${local.state_bucket_arn}/${var.state_key_prefix}/*.tflock",
      });
      const actions = statements.flatMap(actionsOf);
      for (const forbidden of [
        "secretsmanager:GetSecretValue",
        "ssm:GetParameter",
        "ecr:GetDownloadUrlForLayer",
        "s3:Get*",
      ])
        expect(actions).not.toContain(forbidden);
      expect(actions.filter((a) => a === "s3:GetObject")).toHaveLength(1);
      expect(statements.find((s) => s.Sid === "StateRead")!.Resource).toBe(
        "${local.state_objects_arn}",
      );
    });

    it("apply role: IAM only under the project prefix, PassRole conditioned, CI roles denied", () => {
      const statements = Object.values(ROLE_POLICIES.apply).flatMap(statementsOf);
      const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      const iamAllows = statements.filter(
        (s) => s.Effect === "Allow" && actionsOf(s).some((a) => a.startsWith("iam:")),
      );
      for (const s of iamAllows) {
        if (s.Sid === "ReadPlatformResources") {
          expect(actionsOf(s).filter((a) => a.startsWith("iam:"))).toEqual([
            "iam:Get*",
            "iam:List*",
          ]);
        } else {
          expect([s.Resource].flat().every((r) => /role\/|policy\//.test(String(r)))).toBe(true);
        }
      }
      expect(bySid.ManageProjectRoles!.Resource).toBe(
        "${local.iam_arn_prefix}:role/${var.resource_prefix}-*",
      );
      expect(bySid.PassProjectRoles!.Condition!.StringEquals!["iam:PassedToService"]).toContain(
        "ecs-tasks.amazonaws.com",
      );
      const attachable = bySid.AttachProjectOrServicePolicies!.Condition!.ArnLike!["iam:PolicyARN"];
      expect(attachable).not.toContain(
        "arn:${local.partition}:iam::aws:policy/AdministratorAccess",
      );
      expect(bySid.DenyChangingCiRoles).toMatchObject({
        Effect: "Deny",
        Resource: [
          "${local.iam_arn_prefix}:role/${var.name}-github-*",
          "${local.iam_arn_prefix}:policy/${var.name}-github-*",
        ],
      });
      expect(bySid.DenyChangingCiRoles!.Action).toEqual(
        expect.arrayContaining([
          "iam:PutRolePolicy",
          "iam:AttachRolePolicy",
          "iam:CreatePolicyVersion",
        ]),
      );
      expect(bySid.StateReadWrite!.Resource).toBe("${local.state_objects_arn}");
    });

    it("deploy role: ECR push and ECS on the listed ARNs, PassRole only to ECS tasks", () => {
      const doc = ROLE_POLICIES.deploy.push!;
      const bySid = Object.fromEntries(statementsOf(doc).map((s) => [s.Sid, s]));
      expect(bySid.EcrLogin).toMatchObject({ Action: "ecr:GetAuthorizationToken", Resource: "*" });
      expect(bySid.EcrPush!.Resource).toBe("${var.ecr_repository_arns}");
      expect(bySid.EcsTaskDefinitions!.Resource).toBe("*");
      expect(bySid.EcsDeployServices!.Resource).toBe("${var.ecs_service_arns}");
      expect(bySid.PassTaskRoles).toMatchObject({
        Action: "iam:PassRole",
        Resource: "${local.deploy_pass_role_arns}",
        Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      });
      // Statements over possibly empty lists are left out rather than rendered invalid.
      expect(renderPolicy(doc)).toContain("length(var.ecr_repository_arns) > 0 ? [");
      expect(renderPolicy(doc)).toContain("length(var.ecs_service_arns) > 0 ? [");
    });
  });

  it("validates its variables", () => {
    for (const name of [
      "name",
      "account_id",
      "github_owner",
      "github_repository",
      "existing_provider_arn",
      "plan_environments",
      "apply_branch",
      "apply_environments",
      "state_bucket",
      "state_key_prefix",
      "resource_prefix",
      "deploy_subjects",
      "ecr_repository_arns",
      "ecs_service_arns",
      "task_role_arns",
      "execution_role_arns",
      "permissions_boundary_arn",
      "max_session_duration",
    ])
      expect([name, tf.variable[name].validation?.length > 0]).toEqual([name, true]);
  });

  it("documents the trust pinning and the security caveats in the README", () => {
    const readme = files["README.md"]!;
    expect(readme).toContain("## Design notes");
    expect(readme).toContain("| `deploy_subjects` |");
    expect(readme).toContain("| `deploy_role_arn` |");
    expect(readme).toContain("pull_request_target");
    expect(readme).toContain("Apply is broad by nature");
  });
});

/** The example call with extra inputs, against the module's variables: Terraform's refusal. */
function refusedExample(inputs: Record<string, unknown>): string {
  const root = new ModuleRoot("github-oidc", files)
    .keepOnlyVariables()
    .write({ ci: { ...githubOidcSpec.example, ...inputs } });
  root.ws.init();
  return rejectedPlan(root.ws);
}

describeTerraform("github-oidc module, rendered by real Terraform", () => {
  let plan: PlanJson;
  let byAddress: Record<string, Record<string, any>>;
  beforeAll(() => {
    plan = scenarioPlan("github_oidc_existing");
    byAddress = Object.fromEntries(changes(plan).map((c) => [c.address, after(c)]));
  });
  const policyOf = (address: string) =>
    JSON.parse(byAddress[`module.github_oidc_existing.${address}`]!.policy);
  const trustOf = (kind: RoleKind) =>
    JSON.parse(
      byAddress[
        `module.github_oidc_existing.aws_iam_role.${kind}${kind === "deploy" ? "[0]" : ""}`
      ]!.assume_role_policy,
    );

  it("reuses the existing provider and creates everything else", () => {
    expect(Object.keys(byAddress).some((a) => a.includes("openid_connect_provider"))).toBe(false);
    expect(changes(plan).every((c) => c.change.actions.join() === "create")).toBe(true);
  });

  it.each(ROLE_KINDS)("%s trust: aud StringEquals, sub pinned to repo:<owner>/<repo>:", (kind) => {
    const [statement] = trustOf(kind).Statement;
    expect(statement.Principal).toEqual({ Federated: EXISTING_OIDC_PROVIDER_ARN });
    expect(statement.Condition.StringEquals[AUD]).toBe(STS_AUDIENCE);
    const subjects: string[] = (statement.Condition.StringLike ?? statement.Condition.StringEquals)[
      SUB
    ];
    expect(subjects.length).toBeGreaterThan(0);
    const repo =
      kind === "deploy" ? /^repo:acme\/shop-(api|web):[^*?]/ : /^repo:acme\/shop-platform:/;
    for (const s of subjects) expect(s).toMatch(repo);
    const expected = {
      plan: [
        "repo:acme/shop-platform:pull_request",
        "repo:acme/shop-platform:environment:prod-plan",
      ],
      apply: ["repo:acme/shop-platform:environment:prod"],
      deploy: githubOidcSpec.example.deploy_subjects,
    };
    expect(subjects).toEqual(expected[kind]);
  });

  it("renders policies with no wildcard action, a read-only plan role, each within 6,144 characters", () => {
    for (const [id] of allPolicies()) {
      const address = `aws_iam_policy.${id}${id.startsWith("deploy") ? "[0]" : ""}`;
      const raw: string = byAddress[`module.github_oidc_existing.${address}`]!.policy;
      expect([id, raw.replace(/\s/g, "").length <= 6144]).toEqual([id, true]);
      assertNoWildcardActions(JSON.parse(raw).Statement);
    }
    assertReadOnly(policyOf("aws_iam_policy.plan_read").Statement);
    const lock = policyOf("aws_iam_policy.plan_read").Statement.find(
      (s: Statement) => s.Sid === "StateLockFile",
    );
    expect(lock.Resource).toBe("arn:aws:s3:::acme-terraform-state/shop/prod/*.tflock");
  });

  it("apply trusts the branch when no environment is given; no deploy role without subjects", () => {
    const roles = changes(scenarioPlan("github_oidc_branch"), "aws_iam_role");
    expect(roles.map((r) => r.address).sort()).toEqual([
      "module.github_oidc_branch.aws_iam_role.apply",
      "module.github_oidc_branch.aws_iam_role.plan",
    ]);
    const apply = JSON.parse(after(roles.find((r) => r.name === "apply")!).assume_role_policy);
    expect(apply.Statement[0].Condition.StringEquals[SUB]).toEqual([
      "repo:acme/shop-platform:ref:refs/heads/main",
    ]);
  });

  it("rejects unpinned subjects, wildcard names and malformed ARNs at plan time", () => {
    const stderr = refusedExample({
      github_owner: "*",
      apply_branch: "*",
      deploy_subjects: ["repo:acme/shop-api:*"],
      ecs_service_arns: ["arn:aws:ecs:eu-north-1:123456789012:service/*"],
      max_session_duration: 60,
    });
    for (const message of [
      "github_owner must be",
      "apply_branch must be",
      "every element of deploy_subjects must be",
      "every element of ecs_service_arns must be",
      "max_session_duration must be between 3600 and 43200",
    ])
      expect(stderr).toContain(message);
  });
});
