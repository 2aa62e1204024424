/**
 * `npx tsx tools/bench-plan-summary.ts [--envs N] [--changes N] [--secret-every N] [--no-text]`:
 * wall time and peak memory of `npm run plan-summary` on synthetic plans (default 50 environments
 * of 20,000 resource changes each, every 10th change with a sensitive attribute, and a plain-text
 * plan that echoes some of those secrets). A measurement, not a test: it asserts nothing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..");

interface BenchOptions {
  readonly envs: number;
  readonly changes: number;
  readonly secretEvery: number;
  readonly text: boolean;
  /** The CLI to measure; another checkout's, to compare before and after a change. */
  readonly cli: string;
}

function parseOptions(argv: readonly string[]): BenchOptions {
  const options = {
    envs: 50,
    changes: 20_000,
    secretEvery: 10,
    text: true,
    cli: path.join(REPO, "tools", "plan-summary", "cli.ts"),
  };
  const numeric = new Map<string, "envs" | "changes" | "secretEvery">([
    ["--envs", "envs"],
    ["--changes", "changes"],
    ["--secret-every", "secretEvery"],
  ]);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    const key = numeric.get(flag);
    if (flag === "--no-text") options.text = false;
    else if (flag === "--cli" && argv[i + 1] !== undefined) options.cli = path.resolve(argv[++i]!);
    else if (key !== undefined && /^[1-9]\d{0,6}$/.test(argv[i + 1] ?? "")) {
      options[key] = Number(argv[++i]);
    } else {
      throw new Error(
        `bench-plan-summary: bad argument ${JSON.stringify(flag)}; allowed: --envs N, --changes N, --secret-every N, --no-text, --cli PATH`,
      );
    }
  }
  return options;
}

const TYPES = ["aws_iam_role", "aws_s3_bucket", "aws_lambda_function", "aws_security_group"];
const ACTIONS: readonly (readonly string[])[] = [
  ["create"],
  ["create"],
  ["update"],
  ["create"],
  ["delete", "create"],
  ["create"],
  ["update"],
  ["delete"],
];

/** One environment's `terraform show -json` and `terraform plan -no-color` output. */
function syntheticPlan(env: number, options: BenchOptions): { json: string; text: string } {
  const changes: object[] = [];
  const text: string[] = ["Terraform will perform the following actions:", ""];
  for (let i = 0; i < options.changes; i++) {
    const type = TYPES[i % TYPES.length]!;
    const address = `module.service["svc-${i % 97}"].${type}.r${i}`;
    const actions = ACTIONS[i % ACTIONS.length]!;
    const secret = i % options.secretEvery === 0 ? `s3cr3t-env${env}-${i}-Zq8x` : undefined;
    changes.push({
      address,
      mode: "managed",
      type,
      name: `r${i}`,
      change: {
        actions,
        before: actions[0] === "create" ? null : { name: `r${i}`, password: secret ?? null },
        after:
          actions[0] === "delete" && actions.length === 1
            ? null
            : { name: `r${i}`, password: secret ?? null },
        after_sensitive: secret ? { password: true } : {},
        before_sensitive: secret ? { password: true } : {},
      },
    });
    if (options.text) {
      text.push(`  # ${address} will be ${actions.join("/")}`);
      text.push(`  + resource "${type}" "r${i}" {`);
      text.push(`      + name     = "r${i}"`);
      // Every 100th secret is echoed unmarked, as a provider that does not flag it would.
      text.push(
        `      + password = ${secret && i % (options.secretEvery * 100) === 0 ? `"${secret}"` : "(sensitive value)"}`,
      );
      text.push("    }", "");
    }
  }
  text.push(`Plan: ${options.changes} to add, 0 to change, 0 to destroy.`);
  const json = JSON.stringify({
    format_version: "1.2",
    terraform_version: "1.11.4",
    resource_changes: changes,
  });
  return { json, text: text.join("\n") };
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-summary-"));
  try {
    const args: string[] = [];
    let bytes = 0;
    for (let env = 0; env < options.envs; env++) {
      const { json, text } = syntheticPlan(env, options);
      const jsonPath = path.join(dir, `env${env}.json`);
      const textPath = path.join(dir, `env${env}.txt`);
      fs.writeFileSync(jsonPath, json);
      if (options.text) fs.writeFileSync(textPath, text);
      bytes += json.length + (options.text ? text.length : 0);
      args.push("--env", `env${env}=${jsonPath}${options.text ? `,text=${textPath}` : ""}`);
    }
    const out = path.join(dir, "comment.md");
    const tsx = path.join(REPO, "node_modules", ".bin", "tsx");
    const result = spawnSync(
      "/usr/bin/time",
      ["-f", "%e %M", tsx, options.cli, ...args, "--out", out],
      {
        cwd: REPO,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (result.status !== 0) throw new Error(`plan-summary failed:\n${result.stderr}`);
    const [seconds, kb] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
    console.log(
      [
        `plan-summary CLI: ${options.envs} environments × ${options.changes.toLocaleString("en-US")} changes, a secret every ${options.secretEvery} changes, ${options.text ? "with" : "without"} plain-text plans (${Math.round(bytes / 1e6)} MB of input)`,
        "",
        "| what | wall time | peak RSS | comment |",
        "| --- | ---: | ---: | ---: |",
        `| \`${path.relative(REPO, options.cli)}\` | ${seconds!.toFixed(2)} s | ${Math.round(kb! / 1024)} MB | ${fs.statSync(out).size} bytes |`,
      ].join("\n"),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
