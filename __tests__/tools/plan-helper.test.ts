import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO, scratchDir } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

/**
 * Runs `npx tsx tools/plan.ts` with everything it writes in a scratch directory: roots and plans
 * under `--out-dir`, and the modules synth regenerates under TERRAFORM_MODULES_DIR, so the test
 * neither relies on nor touches the working tree's cdktf.out/ and terraform-modules/.
 */
function runHelper(...args: string[]) {
  const scratch = scratchDir("plan-helper");
  const outDir = path.join(scratch, "cdktf.out");
  const result = spawnSync("npx", ["tsx", "tools/plan.ts", ...args, "--out-dir", outDir], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, TERRAFORM_MODULES_DIR: path.join(scratch, "terraform-modules") },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, outDir };
}

describe("npm run plan: bad arguments", () => {
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
  ])("%j exits 2 with a message and writes nothing", (args, message) => {
    const result = runHelper(...args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(fs.existsSync(result.outDir)).toBe(false);
  });
});

describeTerraform("npm run plan -- --env dev --offline", () => {
  let result: ReturnType<typeof runHelper>;
  const plans = () => path.join(result.outDir, "plans");

  beforeAll(() => {
    result = runHelper("--env", "dev", "--offline");
  });

  it("exits 0 and prints where the summary is", () => {
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`plan: dev: changes (${path.join(plans(), "dev")})`);
    expect(result.stdout).toContain(path.join(plans(), "summary.md"));
  });

  it("writes the plan file, its JSON and its text, and no error file", () => {
    const dir = path.join(plans(), "dev");
    expect(fs.readdirSync(dir).sort()).toEqual(["dev.plan.json", "dev.plan.txt", "dev.tfplan"]);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "dev.plan.json"), "utf8"));
    expect(json.resource_changes.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(dir, "dev.plan.txt"), "utf8")).toMatch(/Plan: \d+ to add/);
  });

  it("writes the plan comment with a dev row, and plans only dev", () => {
    const summary = fs.readFileSync(path.join(plans(), "summary.md"), "utf8");
    expect(summary).toMatch(/^<!-- aws-platform-plan-summary -->/);
    expect(summary).toMatch(/^\| `dev` +\| 📝 changes +\| +[1-9]\d* \|/m);
    expect(fs.readdirSync(plans()).sort()).toEqual(["dev", "summary.md"]);
  });

  it("runs the destroy guard only for prod-profile environments", () => {
    expect(result.stdout).not.toMatch(/destroy guard/);
  });
});
