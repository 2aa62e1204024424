/**
 * `npm run plan -- [--env NAME ...] [--offline] [--allow-destroy] [--out-dir DIR]`: what the
 * pull-request workflow does, on your machine: synth, then per environment `terraform init`,
 * `plan -out`, `show -json` and `show -no-color` into `<out-dir>/plans/<env>/`, then the plan
 * comment for all of them (`<out-dir>/plans/summary.md`) and the destroy guard for prod.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigValidationError } from "../config/errors";
import { ENVIRONMENTS_VAR, loadPlatformConfig } from "../config/load";
import { resolvePlatform, type ResolvedEnvironment } from "../config/resolve";
import { UsageError } from "./plan-summary/cli-args";
import { checkDestroyGuard, formatGuardReport } from "./plan-summary/destroy-guard";
import { summarizeEnvironments, type EnvInput } from "./plan-summary/env-summary";
import { parsePlan } from "./plan-summary/plan-model";
import { renderComment } from "./plan-summary/render-markdown";
import { prepareOfflineRoot } from "./terraform/offline";
import { TerraformError, TerraformWorkspace } from "./terraform/runner";

const REPO = path.resolve(__dirname, "..");
/** Where main.ts writes the modules the roots call (same variable, same default). */
const MODULES_DIR = path.resolve(
  process.env.TERRAFORM_MODULES_DIR ?? path.join(REPO, "terraform-modules"),
);

const ALLOWED = "--env NAME, --offline, --allow-destroy, --out-dir DIR, --help";

const USAGE = `Usage: npm run plan -- [--env NAME ...] [--offline] [--allow-destroy] [--out-dir DIR]

Synthesizes the chosen environments, plans each with Terraform and writes, per environment,
<out-dir>/plans/<env>/<env>.tfplan, .plan.json, .plan.txt (and .plan.err when planning failed),
then the pull-request plan comment for all of them to <out-dir>/plans/summary.md. Environments
whose profile is prod then go through the destroy guard.

  --env NAME       Environment to plan; repeatable. Default: every environment in the config.
  --offline        Plan without AWS access: local backend and fake credentials (a copy of each
                   root with tools/terraform/offline.ts's override). Shows what would be created.
  --allow-destroy  Let the prod destroy guard pass (it still lists what would be lost).
  --out-dir DIR    Synth and write plans under DIR instead of cdktf.out/.
  --help           Show this help.

Exit codes: 0 every plan succeeded and the guard passed, 1 a synth or plan failed or the guard
blocked, 2 bad arguments (nothing is written).`;

interface PlanOptions {
  /** undefined: every environment in the config. */
  readonly envs?: readonly string[];
  readonly offline: boolean;
  readonly allowDestroy: boolean;
  readonly outDir: string;
}

interface EnvResult {
  readonly env: ResolvedEnvironment;
  readonly input: EnvInput;
}

const print = (text: string) => process.stdout.write(`${text}\n`);

/** undefined means --help. */
function parsePlanArgs(argv: readonly string[]): PlanOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        env: { type: "string", multiple: true },
        offline: { type: "boolean" },
        "allow-destroy": { type: "boolean" },
        "out-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    // Node's advice on passing values that start with a dash only confuses here.
    const why = (e as Error).message.replace(/\s+To specify .*$/s, "").replace(/\s+/g, " ");
    throw new UsageError(`${/[.?]$/.test(why) ? why : `${why}.`} Allowed: ${ALLOWED}.`);
  }
  const { values } = parsed;
  if (values.help) return undefined;
  if (values["out-dir"] === "") throw new UsageError(`--out-dir "": expected a directory path`);
  return {
    envs: values.env && [...new Set(values.env)],
    offline: values.offline === true,
    allowDestroy: values["allow-destroy"] === true,
    outDir: path.resolve(values["out-dir"] ?? path.join(REPO, "cdktf.out")),
  };
}

/** The chosen environments, resolved, in config order; an unknown --env is a usage error. */
function selectEnvironments(requested: readonly string[] | undefined): ResolvedEnvironment[] {
  // --env is the selection here; a PLATFORM_ENVIRONMENTS left in the shell must not narrow it.
  const { config } = loadPlatformConfig({ ...process.env, [ENVIRONMENTS_VAR]: undefined });
  const all = resolvePlatform(config);
  const names = all.map((e) => e.name);
  for (const name of requested ?? []) {
    if (!names.includes(name)) {
      throw new UsageError(
        `--env ${JSON.stringify(name)}: unknown environment; the config defines: ${names.join(", ")}`,
      );
    }
  }
  return requested ? all.filter((e) => requested.includes(e.name)) : all;
}

/** Runs the app exactly as `npx cdktf synth` does (cdktf.json "app"), without the CLI's start-up. */
function synthesize(outDir: string, environments: readonly ResolvedEnvironment[]): boolean {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(REPO, "main.ts")], {
    cwd: REPO,
    stdio: "inherit",
    env: {
      ...process.env,
      CDKTF_OUTDIR: outDir,
      [ENVIRONMENTS_VAR]: environments.map((e) => e.name).join(","),
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) process.stderr.write(`plan: synth failed (exit ${result.status})\n`);
  return result.status === 0;
}

function planEnvironment(env: ResolvedEnvironment, options: PlanOptions): EnvResult {
  const dir = path.join(options.outDir, "plans", env.name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = (suffix: string) => path.join(dir, `${env.name}.${suffix}`);
  const stack = path.join(options.outDir, "stacks", env.name);
  const root = options.offline
    ? prepareOfflineRoot({
        rootDir: stack,
        modulesDir: MODULES_DIR,
        // Kept between runs so `init` reuses the installed provider.
        workDir: path.join(options.outDir, "offline", env.name),
      })
    : stack;
  const ws = new TerraformWorkspace(root);
  let planJson: unknown;
  // The raw JSON too: sensitive numbers beyond a JS number are matched by their digits.
  let planJsonText: string | undefined;
  let planText: string | undefined;
  let errorText: string | undefined;
  let outcome: string;
  try {
    ws.init();
    // -detailed-exitcode: 0 no changes, 2 changes (both fine), 1 failed.
    const plan = ws.run(
      ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${file("tfplan")}`],
      { okCodes: [0, 1, 2] },
    );
    if (plan.code === 1) errorText = plan.stderr;
    outcome = ["no changes", "failed", "changes"][plan.code]!;
    // A plan that fails part-way still writes its file, holding what was planned before the error.
    if (fs.existsSync(file("tfplan"))) {
      const json = ws.run(["show", "-json", file("tfplan")]).stdout;
      planText = ws.run(["show", "-no-color", file("tfplan")]).stdout;
      fs.writeFileSync(file("plan.json"), json);
      fs.writeFileSync(file("plan.txt"), planText);
      planJson = JSON.parse(json);
      planJsonText = json;
    }
  } catch (e) {
    if (!(e instanceof TerraformError)) throw e;
    errorText = e.result.stderr || e.result.stdout;
    outcome = `failed: terraform ${e.args[0]}`;
  }
  if (errorText !== undefined) fs.writeFileSync(file("plan.err"), errorText);
  print(`plan: ${env.name}: ${outcome} (${dir})`);
  return { env, input: { name: env.name, planJson, planJsonText, planText, errorText } };
}

/** True when every prod-profile plan passes the destroy guard (a missing plan does not). */
function destroyGuard(results: readonly EnvResult[], allowDestroy: boolean): boolean {
  let passed = true;
  for (const { env, input } of results.filter((r) => r.env.settings.profile === "prod")) {
    if (input.planJson === undefined) {
      print(`destroy guard: ${env.name}: BLOCKED, there is no plan to check (planning failed)`);
      passed = false;
      continue;
    }
    const result = checkDestroyGuard(parsePlan(input.planJson), { allowDestroy });
    print(formatGuardReport(result, env.name));
    passed &&= !result.blocked;
  }
  return passed;
}

function main(argv: readonly string[]): number {
  let options: PlanOptions | undefined;
  let environments: ResolvedEnvironment[];
  try {
    options = parsePlanArgs(argv);
    if (options === undefined) {
      print(USAGE);
      return 0;
    }
    environments = selectEnvironments(options.envs);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`plan: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (!synthesize(options.outDir, environments)) return 1;
  const results = environments.map((env) => planEnvironment(env, options));
  const summary = path.join(options.outDir, "plans", "summary.md");
  fs.writeFileSync(summary, renderComment(summarizeEnvironments(results.map((r) => r.input))));
  print(`plan: summary of ${results.length} environment(s): ${summary}`);
  const planned = results.every((r) => r.input.errorText === undefined);
  const guarded = destroyGuard(results, options.allowDestroy);
  return planned && guarded ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
