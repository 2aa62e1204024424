import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeCliConfig } from "../../tools/terraform/runner";

export const REPO = path.resolve(__dirname, "..", "..");
export const COMMITTED_MODULES = path.join(REPO, "terraform-modules");

export interface SynthRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outdir: string;
  readonly modulesDir: string;
}

export function scratchDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `platform-${label}-`));
}

/** What `cdktf synth` runs: cdktf.json's `app` (bundle main.ts with esbuild, then run it). */
export const APP_COMMAND = (
  JSON.parse(fs.readFileSync(path.join(REPO, "cdktf.json"), "utf8")) as { app: string }
).app;

/** Installed or generated at the top of the project; a copy leaves them out. */
const NOT_COPIED = new Set([
  "node_modules",
  ".git",
  ".build",
  ".tmp",
  ".gen",
  "cdktf.out",
  "terraform-modules",
  "bench-results",
]);

/**
 * A copy of the project in a scratch directory, with `node_modules` linked to this one's unless
 * a clean install is wanted, so commands that write into the project (the app bundle in
 * `.build/`, `cdktf.out/`) never touch the working tree or race another test's run.
 */
export function projectCopy(label: string, options: { readonly install?: boolean } = {}): string {
  const dir = path.join(scratchDir(label), "project");
  fs.cpSync(REPO, dir, {
    recursive: true,
    filter: (src) => !NOT_COPIED.has(path.relative(REPO, src).split(path.sep)[0]!),
  });
  if (!options.install)
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

let appProject: string | undefined;

/**
 * Runs the app as `cdktf synth` does (cdktf.json's `app`, in a project copy shared by this test
 * file) into scratch directories: roots in `outdir`, modules in `modulesDir` (seeded from the
 * committed ones unless told otherwise), so tests never touch the working tree.
 */
export function synthPlatform(
  options: {
    readonly outdir?: string;
    readonly modulesDir?: string;
    readonly env?: NodeJS.ProcessEnv;
  } = {},
): SynthRun {
  const outdir = options.outdir ?? path.join(scratchDir("synth"), "cdktf.out");
  const modulesDir = options.modulesDir ?? path.join(path.dirname(outdir), "terraform-modules");
  if (!fs.existsSync(modulesDir)) fs.cpSync(COMMITTED_MODULES, modulesDir, { recursive: true });
  appProject ??= projectCopy("app");
  const result = spawnSync("sh", ["-c", APP_COMMAND], {
    cwd: appProject,
    encoding: "utf8",
    env: {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      TERRAFORM_MODULES_DIR: modulesDir,
      CHECKPOINT_DISABLE: "1",
      ...options.env,
    },
  });
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    outdir,
    modulesDir,
  };
}

export function stackDir(run: SynthRun, env: string): string {
  return path.join(run.outdir, "stacks", env);
}

export function readRoot(run: SynthRun, env: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(stackDir(run, env), "cdk.tf.json"), "utf8"));
}

/** Every file under a directory with its bytes, for before/after comparisons. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, "base64");
    }
  };
  walk(dir);
  return out;
}

export interface CommandRun {
  readonly code: number;
  /** stdout and stderr, colours stripped. */
  readonly output: string;
}

/**
 * Runs a command in a project directory as a user would in a shell (`npx cdktf synth`, `npm run
 * plan -- ...`), with Terraform's CLI config pointed at the tests' own and the version checks off.
 */
export function runInProject(
  project: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): CommandRun {
  const result = spawnSync(command, args, {
    cwd: project,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: commandEnv(env),
  });
  return commandRun(
    result.status,
    `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}`,
  );
}

/** `runInProject` without blocking, so slow commands (a clean `npm ci`) can run side by side. */
export function runInProjectAsync(
  project: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CommandRun> {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(command, args, { cwd: project, env: commandEnv(env) });
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => (output += String(error)));
    child.on("close", (code) => resolve(commandRun(code, output)));
  });
}

function commandEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: writeCliConfig(scratchDir("tfrc")),
    ...env,
  };
}

function commandRun(code: number | null, output: string): CommandRun {
  return { code: code ?? -1, output: output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "") };
}

/** The `cdk.tf.json` of every stack under an output directory, by stack name. */
export function rootsOf(outdir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(snapshotTree(path.join(outdir, "stacks"))).filter(([file]) =>
      file.endsWith("cdk.tf.json"),
    ),
  );
}
