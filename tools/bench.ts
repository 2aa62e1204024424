/**
 * `npm run bench [-- --runs N]`: wall time and peak memory of a full synth (every env root
 * plus every module), for the app alone and through the cdktf CLI, and of the app as the
 * number of services grows.
 * A measurement, not a test: it asserts nothing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { scaledPlatformFile } from "./bench-platform";

const REPO = path.resolve(__dirname, "..");

interface Sample {
  readonly seconds: number;
  readonly peakMb: number;
}

function parseRuns(argv: readonly string[]): number {
  const rest = [...argv];
  let runs = 3;
  while (rest.length > 0) {
    const flag = rest.shift()!;
    const value = rest.shift();
    if (flag !== "--runs" || value === undefined || !/^[1-9]\d?$/.test(value)) {
      throw new Error(
        `bench: bad argument ${JSON.stringify(flag)}${value === undefined ? "" : ` ${JSON.stringify(value)}`}; allowed: --runs N (1–99)`,
      );
    }
    runs = Number(value);
  }
  return runs;
}

/** Runs a command under GNU time, in a scratch output directory. */
function measure(command: string[], env: NodeJS.ProcessEnv): Sample {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  fs.cpSync(path.join(REPO, "terraform-modules"), path.join(scratch, "terraform-modules"), {
    recursive: true,
  });
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", ...command], {
    cwd: REPO,
    encoding: "utf8",
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      CDKTF_OUTDIR: path.join(scratch, "cdktf.out"),
      TERRAFORM_MODULES_DIR: path.join(scratch, "terraform-modules"),
      ...env,
    },
  });
  fs.rmSync(scratch, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed:\n${result.stderr}`);
  const [seconds, kb] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds: seconds!, peakMb: Math.round(kb! / 1024) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function row(label: string, command: string[], runs: number, env: NodeJS.ProcessEnv = {}): string {
  const samples = Array.from({ length: runs }, () => measure(command, env));
  const seconds = median(samples.map((s) => s.seconds)).toFixed(2);
  const peak = Math.max(...samples.map((s) => s.peakMb));
  return `| ${label} | ${seconds} s | ${peak} MB |`;
}

function main(): void {
  const runs = parseRuns(process.argv.slice(2));
  // The exact command `cdktf synth` runs (cdktf.json "app"): bundle, then run without type checks.
  const appCommand = (
    JSON.parse(fs.readFileSync(path.join(REPO, "cdktf.json"), "utf8")) as { app: string }
  ).app;
  const app = ["sh", "-c", appCommand];
  const lines = [
    `Full synth (all env roots + all modules), median of ${runs} runs, ${os.cpus().length} CPUs:`,
    "",
    "| what | wall time | peak RSS |",
    "| --- | ---: | ---: |",
    row("app (cdktf.json `app`: esbuild bundle + node), built-in platform", app, runs),
    row("`npx cdktf synth`, built-in platform", ["npx", "cdktf", "synth"], runs),
    ...[10, 30, 60].map((n) =>
      row(`app, ${n} services per env`, app, runs, { PLATFORM_CONFIG: scaledPlatformFile(n) }),
    ),
  ];
  console.log(lines.join("\n"));
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
