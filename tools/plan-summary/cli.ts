/**
 * `npm run plan-summary -- --env dev=dev.plan.json[,text=dev.plan.txt] ...`: the PR plan comment.
 * `npm run plan-summary -- guard --plan prod.plan.json [--allow-destroy]`: the prod destroy guard.
 * Everything is read and checked before anything is written, so bad input leaves no partial file.
 */
import * as fs from "node:fs";
import {
  parseCliArgs,
  quote,
  UsageError,
  type CliArgs,
  type EnvSource,
  type FileArg,
} from "./cli-args";
import { checkDestroyGuard, formatGuardReport } from "./destroy-guard";
import { summarizeEnvironments, type EnvInput } from "./env-summary";
import { parsePlan, PlanFormatError } from "./plan-model";
import { printable } from "./markdown";
import { renderComment } from "./render-markdown";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Reads every file first, collecting each problem, so one run reports all of them. */
class Reader {
  readonly problems: string[] = [];

  text(file: FileArg): string | undefined {
    try {
      return fs.readFileSync(file.path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === "ENOENT"
          ? "no such file"
          : code === "EISDIR"
            ? "it is a directory"
            : String(code ?? e);
      this.problems.push(`${file.flag}: cannot read ${quote(file.path)}: ${why}`);
      return undefined;
    }
  }

  json(file: FileArg): { value: unknown; text: string } | undefined {
    const text = this.text(file);
    if (text === undefined) return undefined;
    try {
      return { value: JSON.parse(text) as unknown, text };
    } catch (e) {
      this.problems.push(
        `${file.flag}: ${quote(file.path)} is not valid JSON (${(e as Error).message.slice(0, 200)}); expected the output of \`terraform show -json PLANFILE\``,
      );
      return undefined;
    }
  }

  /** Throws the problems found so far, if any. */
  check(): void {
    if (this.problems.length > 0) throw new UsageError(this.problems);
  }
}

function envInput(env: EnvSource, read: Reader): EnvInput {
  const plan = env.planJson && read.json(env.planJson);
  return {
    name: env.name,
    planJson: plan?.value,
    planJsonText: plan?.text,
    planText: env.planText && read.text(env.planText),
    errorText: env.errorText && read.text(env.errorText),
  };
}

function runSummary(args: Extract<CliArgs, { command: "summary" }>, io: CliIo): number {
  const read = new Reader();
  const inputs = args.envs.map((env) => envInput(env, read));
  read.check();
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
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`--out ${quote(args.out)}: cannot write: ${String(code ?? e)}`);
    }
    io.stderr(`plan-summary: wrote ${comment.length} characters to ${printable(args.out)}\n`);
  }
  return 0;
}

function runGuard(args: Extract<CliArgs, { command: "guard" }>, io: CliIo): number {
  const read = new Reader();
  const plans = args.plans.flatMap((path) => {
    const flag = `--plan ${quote(path)}`;
    const json = read.json({ path, flag });
    if (json === undefined) return [];
    try {
      return [{ path, plan: parsePlan(json.value) }];
    } catch (e) {
      if (!(e instanceof PlanFormatError)) throw e;
      read.problems.push(`${flag}: ${e.message}`);
      return [];
    }
  });
  read.check();
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
    // Never a stack trace: a bug still gets one line, and a non-zero exit that blocks the job.
    const problems =
      e instanceof UsageError ? e.problems : [`unexpected error: ${printable(String(e))}`];
    io.stderr(problems.map((p) => `plan-summary: ${p}\n`).join(""));
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
