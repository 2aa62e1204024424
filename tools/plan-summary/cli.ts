/**
 * `npm run plan-summary -- --env dev=dev.plan.json[,text=dev.plan.txt] ...`: the PR plan comment.
 * `npm run plan-summary -- guard --plan prod.plan.json [--allow-destroy]`: the prod destroy guard.
 * Everything is read and checked before anything is written, so bad input leaves no partial file.
 */
import * as fs from "node:fs";
import { parseCliArgs, UsageError, type CliArgs, type EnvSource, type FileArg } from "./cli-args";
import { checkDestroyGuard, formatGuardReport } from "./destroy-guard";
import { summarizeEnvironments, type EnvInput } from "./env-summary";
import { parsePlan, PlanFormatError } from "./plan-model";
import { renderComment } from "./render-markdown";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function readText(file: FileArg): string {
  try {
    return fs.readFileSync(file.path, "utf8");
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(e);
    throw new UsageError(`${file.flag}: cannot read ${JSON.stringify(file.path)}: ${why}`);
  }
}

function readJson(file: FileArg): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(
      `${file.flag}: ${JSON.stringify(file.path)} is not valid JSON (${(e as Error).message}); expected the output of \`terraform show -json PLANFILE\``,
    );
  }
}

function envInput(env: EnvSource): EnvInput {
  return {
    name: env.name,
    planJson: env.planJson && readJson(env.planJson),
    planText: env.planText && readText(env.planText),
    errorText: env.errorText && readText(env.errorText),
  };
}

function runSummary(args: Extract<CliArgs, { command: "summary" }>, io: CliIo): number {
  const inputs = args.envs.map(envInput);
  const comment = renderComment(summarizeEnvironments(inputs), {
    title: args.title,
    marker: args.marker,
  });
  if (args.out === undefined) {
    io.stdout(comment);
  } else {
    try {
      fs.writeFileSync(args.out, comment);
    } catch (e) {
      throw new UsageError(`--out ${JSON.stringify(args.out)}: cannot write: ${String(e)}`);
    }
    io.stderr(`plan-summary: wrote ${comment.length} characters to ${args.out}\n`);
  }
  return 0;
}

function runGuard(args: Extract<CliArgs, { command: "guard" }>, io: CliIo): number {
  const plans = args.plans.map((path) => {
    const file = { path, flag: `--plan ${JSON.stringify(path)}` };
    try {
      return { path, plan: parsePlan(readJson(file)) };
    } catch (e) {
      if (e instanceof PlanFormatError) throw new UsageError(`${file.flag}: ${e.message}`);
      throw e;
    }
  });
  let blocked = false;
  for (const { path, plan } of plans) {
    const result = checkDestroyGuard(plan, { allowDestroy: args.allowDestroy });
    blocked ||= result.blocked;
    io.stdout(`${formatGuardReport(result, path)}\n`);
  }
  return blocked ? 1 : 0;
}

export function main(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case "help":
        io.stdout(`${args.usage}\n`);
        return 0;
      case "summary":
        return runSummary(args, io);
      case "guard":
        return runGuard(args, io);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`plan-summary: ${e.message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
