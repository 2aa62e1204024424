import * as fs from "node:fs";
import * as path from "node:path";
import { OFFLINE_OVERRIDE_FILE, offlineOverrideFor } from "../../tools/terraform/offline";
import { TerraformWorkspace } from "../../tools/terraform/runner";
import { COMMITTED_MODULES, projectCopy, runInProject } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

/** A project copy laid out as a checkout: committed terraform-modules/, no cdktf.out/ yet. */
function checkout(label: string): string {
  const project = projectCopy(label);
  fs.cpSync(COMMITTED_MODULES, path.join(project, "terraform-modules"), { recursive: true });
  return project;
}

/** Terraform's own `Plan: N to add, N to change, N to destroy.` line. */
const PLAN_LINE = /^Plan: (\d+) to add, (\d+) to change, (\d+) to destroy\.$/m;

// Each test plans a different root: dev through the plan helper, staging with plain terraform.
describeTerraform("the README's plan commands, verbatim, in a project copy", () => {
  it("npm run plan -- --env dev --offline, then npm run plan-summary (comment and guard) on the plan it wrote", () => {
    const project = checkout("plan");
    const plan = runInProject(project, "npm", ["run", "plan", "--", "--env", "dev", "--offline"]);
    expect(plan.output).not.toMatch(/synth failed|plan failed/);
    expect(plan.code).toBe(0);
    const dir = path.join(project, "cdktf.out", "plans", "dev");
    const [, add] = PLAN_LINE.exec(fs.readFileSync(path.join(dir, "dev.plan.txt"), "utf8"))!;
    expect(Number(add)).toBeGreaterThan(0);

    const summary = runInProject(project, "npm", [
      "run",
      "--silent",
      "plan-summary",
      "--",
      "--env",
      `dev=${path.join(dir, "dev.plan.json")},text=${path.join(dir, "dev.plan.txt")}`,
    ]);
    expect(summary.code).toBe(0);
    expect(summary.output).toContain(`${add} to add, 0 to change, 0 to destroy`);
    // The README's destroy guard, on a plan that only creates.
    const guard = runInProject(project, "npm", [
      "run",
      "plan-summary",
      "--",
      "guard",
      "--plan",
      path.join(dir, "dev.plan.json"),
    ]);
    expect(guard.code).toBe(0);
  });

  it("PLATFORM_ENVIRONMENTS=staging npx cdktf synth, then terraform -chdir=cdktf.out/stacks/staging init and plan", () => {
    const project = checkout("chdir");
    const synth = runInProject(project, "npx", ["cdktf", "synth"], {
      PLATFORM_ENVIRONMENTS: "staging",
    });
    expect(synth.code).toBe(0);
    const root = path.join(project, "cdktf.out", "stacks", "staging");
    expect(fs.readdirSync(path.dirname(root))).toEqual(["staging"]);
    // No AWS account here: local backend and fake credentials, merged over the root as is.
    const cdk = JSON.parse(fs.readFileSync(path.join(root, "cdk.tf.json"), "utf8"));
    fs.writeFileSync(
      path.join(root, OFFLINE_OVERRIDE_FILE),
      JSON.stringify(offlineOverrideFor([cdk])),
    );
    const terraform = new TerraformWorkspace(root);
    terraform.run(["init", "-input=false", "-no-color"]);
    const plan = terraform.run(["plan", "-input=false", "-no-color", "-out=staging.tfplan"]);
    expect(plan.stdout).toMatch(PLAN_LINE);
    expect(PLAN_LINE.exec(plan.stdout)!.slice(2)).toEqual(["0", "0"]);
  });
});
