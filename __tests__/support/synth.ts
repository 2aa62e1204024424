import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

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

/**
 * Runs the real app (`main.ts`, as `cdktf synth` does) into scratch directories: roots in
 * `outdir`, modules in `modulesDir` (seeded from the committed ones unless told otherwise),
 * so tests never touch the working tree.
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
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(REPO, "main.ts")], {
    cwd: REPO,
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
