import * as fs from "node:fs";
import * as path from "node:path";
import { OFFLINE_OVERRIDE_FILE, offlineOverrideFor } from "../../tools/terraform/offline";
import { TerraformWorkspace } from "../../tools/terraform/runner";
import { CommandRun, COMMITTED_MODULES, projectCopy, runInProject } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

/** A project copy laid out as a checkout: committed terraform-modules/, no cdktf.out/ yet. */
function checkout(label: string): string {
  const project = projectCopy(label);
  fs.cpSync(COMMITTED_MODULES, path.join(project, "terraform-modules"), { recursive: true });
  return project;
}

/** Terraform's own `Plan: N to add, N to change, N to destroy.` line. */
const PLAN_LINE = /^Plan: (\d+) to add, (\d+) to change, (\d+) to destroy\.$/m;

describe("npm run plan: bad arguments", () => {
  let project: string;
  beforeAll(() => {
    project = checkout("plan-usage");
  });
  it.each([
    [
      ["--bogus"],
      /plan: Unknown option '--bogus'\. Allowed: --env NAME, --offline, --allow-destroy/,
    ],
    [["--offline=yes"], /Option '--offline' does not take an argument\. Allowed: --env NAME/],
    [
      ["--env", "nope"],
      /--env "nope": unknown environment; the config defines: dev, staging, prod/,
    ],
  ])("npm run plan -- %j exits 2 with a message and writes nothing", (args, message) => {
    const result = runInProject(project, "npm", ["run", "plan", "--", ...args]);
    expect(result.output).toMatch(message);
    expect(result.code).toBe(2);
    expect(fs.existsSync(path.join(project, "cdktf.out"))).toBe(false);
  });
});

// Each test plans a different root: dev through the plan helper, staging with plain terraform.
describeTerraform("the README's plan commands, verbatim, in a project copy", () => {
  describe("npm run plan -- --env dev --offline", () => {
    let project: string;
    let plans: string;
    let dir: string;
    let plan: CommandRun;
    beforeAll(() => {
      project = checkout("plan");
      plans = path.join(project, "cdktf.out", "plans");
      dir = path.join(plans, "dev");
      plan = runInProject(project, "npm", ["run", "plan", "--", "--env", "dev", "--offline"]);
    });

    it("exits 0 and prints where the summary is", () => {
      expect(plan.output).not.toMatch(/synth failed|plan failed|Error/);
      expect(plan.code).toBe(0);
      expect(plan.output).toContain(`plan: dev: changes (${dir})`);
      expect(plan.output).toContain(path.join(plans, "summary.md"));
    });

    it("writes the plan file, its JSON and its text, and no error file", () => {
      expect(fs.readdirSync(dir).sort()).toEqual(["dev.plan.json", "dev.plan.txt", "dev.tfplan"]);
      const json = JSON.parse(fs.readFileSync(path.join(dir, "dev.plan.json"), "utf8"));
      expect(json.resource_changes.length).toBeGreaterThan(0);
    });

    it("writes the plan comment with a dev row, plans only dev, and runs no destroy guard for dev", () => {
      const summary = fs.readFileSync(path.join(plans, "summary.md"), "utf8");
      expect(summary).toMatch(/^<!-- aws-platform-plan-summary -->/);
      expect(summary).toMatch(/^\| `dev` +\| 📝 changes +\| +[1-9]\d* \|/m);
      expect(fs.readdirSync(plans).sort()).toEqual(["dev", "summary.md"]);
      // The guard runs only for prod-profile environments.
      expect(plan.output).not.toMatch(/destroy guard/);
    });

    it("then npm run plan-summary (comment and guard) on the plan it wrote", () => {
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
