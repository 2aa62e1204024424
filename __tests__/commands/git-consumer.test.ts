import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { MODULES } from "../../constructs";
import { hclModuleBlock } from "../../constructs/core/hcl";
import { EXAMPLE_MODULE_REF, MODULE_GIT_SOURCE } from "../../constructs/core/versions";
import { offlineProviders, OFFLINE_OVERRIDE_FILE } from "../../tools/terraform/offline";
import { TerraformWorkspace } from "../../tools/terraform/runner";
import { addresses } from "../support/plan";
import { COMMITTED_MODULES, REPO, scratchDir } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

/**
 * Another repository's Terraform, written in plain HCL, consuming the committed modules by git
 * source as the README shows ("Use a module from another repository"): the README's own `vpc`
 * block, then a cluster, an ALB and a service composed from each other's outputs. The modules
 * come from a git repository holding this checkout's `terraform-modules/`, tagged like a
 * release, so `terraform init` clones them exactly as it would from GitHub.
 */
const TAG = EXAMPLE_MODULE_REF;

function readmeVpcBlock(): string {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Use a module from another repository"));
  const block = /```hcl\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error("README: no HCL block under 'Use a module from another repository'");
  return block[1]!;
}

/** A release-like git repository holding the committed modules; returns its file:// URL. */
function moduleRepository(): string {
  const repo = path.join(scratchDir("module-repo"), "aws-platform-cdktf");
  fs.cpSync(COMMITTED_MODULES, path.join(repo, "terraform-modules"), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: repo,
      stdio: "pipe",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.com",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.com",
      },
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "modules");
  git("tag", TAG);
  return `git::file://${repo}`;
}

/** Marks a string input as an HCL expression (the block renderer quotes strings). */
const ref = (expression: string) => `@@${expression}@@`;
const unquoteRefs = (hcl: string) =>
  hcl.replace(/"@@((?:[^"\\]|\\.)*?)@@"/g, (_, e: string) => JSON.parse(`"${e}"`) as string);

function composedBlocks(source: (module: string) => string): string {
  const example = (name: string) => MODULES.find((m) => m.spec.name === name)!.spec.example;
  const alb = example("alb");
  const service = example("ecs-service");
  return [
    hclModuleBlock("cluster", source("ecs-cluster"), example("ecs-cluster")),
    hclModuleBlock("alb", source("alb"), {
      ...alb,
      vpc_id: ref("module.vpc.vpc_id"),
      subnet_ids: ref("module.vpc.private_subnet_ids"),
      services: { orders: { port: 8080, priority: 100, path_patterns: ["/orders/*"] } },
      service_security_group_ids: { orders: ref("module.orders.security_group_id") },
      ingress_security_group_ids: {},
      ingress_cidr_blocks: ["10.20.0.0/16"],
    }),
    hclModuleBlock("orders", source("ecs-service"), {
      ...service,
      cluster_arn: ref("module.cluster.cluster_arn"),
      cluster_name: ref("module.cluster.cluster_name"),
      vpc_id: ref("module.vpc.vpc_id"),
      subnet_ids: ref("module.vpc.private_subnet_ids"),
      alb_security_group_id: ref("module.alb.security_group_id"),
      target_group_arn: ref('module.alb.target_group_arns["orders"]'),
      alb_resource_label: ref(
        'format("%s/%s", module.alb.arn_suffix, module.alb.target_group_arn_suffixes["orders"])',
      ),
      efs_volumes: {},
      egress_security_group_rules: {},
    }),
  ]
    .map(unquoteRefs)
    .join("\n\n");
}

describeTerraform("a plain-HCL consumer calling the modules by git source", () => {
  it("inits from a tagged git repository, validates and plans the README's block composed with others", () => {
    const url = moduleRepository();
    const source = (module: string) => `${url}//terraform-modules/${module}?ref=${TAG}`;
    const vpc = readmeVpcBlock().split(MODULE_GIT_SOURCE).join(url);
    expect(vpc).toContain(`?ref=${TAG}`);

    const dir = scratchDir("git-consumer");
    fs.writeFileSync(
      path.join(dir, "main.tf"),
      [
        'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = ">= 5.100.0, < 7.0.0" }\n  }\n}',
        'provider "aws" {\n  region = "eu-north-1"\n}',
        composedBlocks(source),
      ].join("\n\n") + "\n",
    );
    // The README's block as a user pastes it, in a file of its own so `fmt -check` judges it.
    fs.writeFileSync(path.join(dir, "vpc.tf"), vpc);
    fs.writeFileSync(
      path.join(dir, OFFLINE_OVERRIDE_FILE),
      JSON.stringify({ provider: offlineProviders() }),
    );
    const ws = new TerraformWorkspace(dir);
    ws.init();
    // Terraform cloned the modules from git, not from a local path.
    const manifest = JSON.parse(
      fs.readFileSync(path.join(dir, ".terraform", "modules", "modules.json"), "utf8"),
    ) as { Modules: { Key: string; Source: string }[] };
    expect(manifest.Modules.filter((m) => m.Key).map((m) => m.Source)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^git::file://.*\\?ref=${TAG}$`))]),
    );
    ws.run(["fmt", "-check", "-diff", "vpc.tf"]);
    ws.validate();
    const plan = ws.planJson();
    const all = addresses(plan);
    for (const call of ["vpc", "cluster", "alb", "orders"])
      expect(all.some((a) => a.startsWith(`module.${call}.`))).toBe(true);
    expect(all).toContain("module.orders.aws_vpc_security_group_ingress_rule.from_alb[0]");
    expect(all.filter((a) => a.startsWith("module.orders.aws_ecs_service."))).toHaveLength(1);
  });
});
