/**
 * `npm run bench [-- --runs N]`: wall time and peak memory, side by side as ratios, of a full
 * synth (every env root plus every module) run five ways (the app alone, cdktf.json's command,
 * `npm run synth`, `npx cdktf synth`, and a type-checked run as cdktf's stock template does),
 * the scale curve at 3, 50, 100 and 200 services per environment with its slope, and the
 * plan-comment tool at 50 environments × 20,000 changes.
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

/** A scratch output directory whose `terraform-modules/` starts as the committed one. */
function scratchOutput(): string {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  fs.cpSync(path.join(REPO, "terraform-modules"), path.join(scratch, "terraform-modules"), {
    recursive: true,
  });
  return scratch;
}

/** Runs a command under GNU time, writing into `scratch`. */
function measure(command: string[], env: NodeJS.ProcessEnv, scratch: string): Sample {
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
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed:\n${result.stderr}`);
  const [seconds, kb] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds: seconds!, peakMb: Math.round(kb! / 1024) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Row {
  readonly label: string;
  readonly seconds: number;
  readonly peakMb: number;
}

/**
 * The median of `runs` runs after one warm-up run. By default the runs share one output
 * directory, as repeated synths in a checkout do (the modules written by the warm-up are
 * current); `freshModules` gives each run a new one, so every run renders the modules.
 */
function measureRow(
  label: string,
  command: string[],
  runs: number,
  options: { readonly env?: NodeJS.ProcessEnv; readonly freshModules?: boolean } = {},
): Row {
  const env = options.env ?? {};
  const shared = scratchOutput();
  measure(command, env, shared);
  const samples = Array.from({ length: runs }, () => {
    const scratch = options.freshModules ? scratchOutput() : shared;
    const sample = measure(command, env, scratch);
    if (scratch !== shared) fs.rmSync(scratch, { recursive: true, force: true });
    return sample;
  });
  fs.rmSync(shared, { recursive: true, force: true });
  return {
    label,
    seconds: median(samples.map((s) => s.seconds)),
    peakMb: Math.max(...samples.map((s) => s.peakMb)),
  };
}

/** A Markdown table with each row's time as a ratio to the first row's. */
function table(title: string, rows: readonly Row[]): string {
  const base = rows[0]!.seconds;
  return [
    title,
    "",
    "| what | wall time (median) | × first row | peak RSS |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.seconds.toFixed(2)} s | ${(r.seconds / base).toFixed(2)} | ${r.peakMb} MB |`,
    ),
  ].join("\n");
}

function main(): void {
  const runs = parseRuns(process.argv.slice(2));
  // The exact command `cdktf synth` runs (cdktf.json "app"); the warm-up run of each row builds
  // the bundle if a source changed.
  const app = [
    "sh",
    "-c",
    (JSON.parse(fs.readFileSync(path.join(REPO, "cdktf.json"), "utf8")) as { app: string }).app,
  ];
  const tsx = path.join(REPO, "node_modules", ".bin", "tsx");
  const tsc = path.join(REPO, "node_modules", ".bin", "tsc");
  const ways = table(
    `Full synth of the built-in platform (every env root; modules reused when current), median of ${runs} runs, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "unknown CPU"}):`,
    [
      measureRow("the app: cdktf.json's `app` (`node tools/app.mjs`)", app, runs),
      measureRow(
        "the app, rendering every module (the first synth after a code change)",
        app,
        runs,
        {
          freshModules: true,
        },
      ),
      measureRow("`npm run synth` (the app, no CLI)", ["npm", "run", "-s", "synth"], runs),
      measureRow("`npx cdktf synth`", ["npx", "cdktf", "synth"], runs),
      // cdktf's template runs `ts-node main.ts`: a type check, then the app, on every synth.
      measureRow(
        "type-checked run, the stock template's way (`tsc --noEmit` + `tsx main.ts`)",
        ["sh", "-c", `${tsc} --noEmit && ${tsx} main.ts`],
        runs,
      ),
    ],
  );
  const counts = [3, 50, 100, 200];
  const scale = counts.map((n) =>
    measureRow(`app, ${n} services per env`, app, runs, {
      env: { PLATFORM_CONFIG: scaledPlatformFile(n) },
    }),
  );
  const slope = (scale[3]!.seconds - scale[0]!.seconds) / (counts[3]! - counts[0]!);
  const plans = spawnSync(tsx, [path.join(REPO, "tools", "bench-plan-summary.ts")], {
    cwd: REPO,
    encoding: "utf8",
  });
  console.log(
    [
      ways,
      "",
      table("Scale (the same app with more services per environment):", scale),
      "",
      `Slope: ${(slope * 1000).toFixed(1)} ms per added service per environment.`,
      "",
      plans.status === 0 ? plans.stdout.trim() : `plan-summary bench failed: ${plans.stderr}`,
    ].join("\n"),
  );
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
