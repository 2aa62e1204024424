/**
 * Command-line parsing for `npm run plan-summary`. Hand-rolled rather than util.parseArgs so every
 * error names the flag, the value given and what is allowed.
 */
import { printable } from "./markdown";
import {
  isValidMarker,
  MAX_ENV_NAME,
  MAX_ENVIRONMENTS,
  MAX_MARKER,
  MAX_TITLE,
} from "./render-markdown";

/** Bad arguments or files: every problem found, each one line, shown without a stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("\n"));
    this.problems = list;
  }
}

export const SUMMARY_USAGE = `Usage: npm run plan-summary -- [summary] --env NAME=PLAN.json[,text=PLAN.txt] ... [options]

Writes one Markdown PR comment summarising the Terraform plans of one or more environments.

  --env NAME=PLAN.json[,text=PLAN.txt]
        An environment's \`terraform show -json PLANFILE\` output, and optionally its
        \`terraform plan -no-color\` output to quote (redacted) in the comment. Repeatable.
  --env-error NAME=ERROR.txt
        What \`terraform plan\` wrote to stderr for an environment whose plan failed. May be
        combined with --env for the same NAME (an errored plan file). Repeatable.
  --title TEXT      Heading of the comment (default "Terraform plan").
  --marker COMMENT  Hidden first line that identifies the sticky comment: "<!--", letters,
                    digits, spaces and . _ : / # = @ + , - (no "--"), then "-->"; at most
                    ${MAX_MARKER} characters (default "<!-- aws-platform-plan-summary -->").
  --out FILE        Write the comment to FILE instead of stdout.
  --help            Show this help.

NAME: letters, digits, '.', '_' or '-', at most ${MAX_ENV_NAME} characters; at most ${MAX_ENVIRONMENTS} environments.
Exit codes: 0 comment written (even when an environment failed), 2 bad arguments or files.
The destroy guard is a subcommand: npm run plan-summary -- guard --help`;

export const GUARD_USAGE = `Usage: npm run plan-summary -- guard --plan PLAN.json [--plan PLAN.json ...] [--allow-destroy]

Fails when a plan deletes, replaces or forgets a data-bearing resource (databases, clusters,
caches, search domains, volumes and snapshots, file systems, buckets, tables, streams, queues,
repositories, keys, secrets, backup vaults), and when it cannot read a change (an unknown
action, a change without address or type, a malformed section) whatever the resource.

  --plan PLAN.json   \`terraform show -json PLANFILE\` output to check. Repeatable.
  --allow-destroy    Report the losses but pass: the reviewed, deliberate override. It does
                     not cover changes the guard cannot read.
  --help             Show this help.

Exit codes: 0 nothing data-bearing is lost (or --allow-destroy), 1 blocked, 2 bad arguments or
files (unreadable, not JSON, not a plan).`;

/** A file named on the command line, with the flag that named it for error messages. */
export interface FileArg {
  readonly path: string;
  /** e.g. `--env "dev=dev.json,text=dev.txt"`. */
  readonly flag: string;
}

export interface EnvSource {
  readonly name: string;
  readonly planJson?: FileArg;
  readonly planText?: FileArg;
  readonly errorText?: FileArg;
}

export type CliArgs =
  | {
      readonly command: "summary";
      readonly envs: readonly EnvSource[];
      readonly title?: string;
      readonly marker?: string;
      readonly out?: string;
    }
  | { readonly command: "guard"; readonly plans: readonly string[]; readonly allowDestroy: boolean }
  | { readonly command: "help"; readonly usage: string };

type FlagKind = "single" | "repeat" | "boolean";

interface FlagEntry {
  readonly flag: string;
  readonly value: string;
}

const SUMMARY_FLAGS: ReadonlyMap<string, FlagKind> = new Map([
  ["--env", "repeat"],
  ["--env-error", "repeat"],
  ["--title", "single"],
  ["--marker", "single"],
  ["--out", "single"],
]);

const GUARD_FLAGS: ReadonlyMap<string, FlagKind> = new Map([
  ["--plan", "repeat"],
  ["--allow-destroy", "boolean"],
]);

const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Values quoted in messages are cut to this, so a huge argument still gets a one-line message. */
const MAX_QUOTED = 80;

/** A value for a message: JSON-quoted, invisible characters shown, long ones cut (with the length). */
export function quote(value: string): string {
  if (value.length <= MAX_QUOTED) return printable(JSON.stringify(value));
  return `${printable(JSON.stringify(value.slice(0, MAX_QUOTED)))}… (${value.length.toLocaleString("en-US")} characters)`;
}

/**
 * Splits argv into flag entries in order, recording each problem in `problems` and going on, so
 * every problem is reported at once; undefined means --help was asked for.
 */
function readFlags(
  argv: readonly string[],
  flags: ReadonlyMap<string, FlagKind>,
  problems: string[],
): FlagEntry[] | undefined {
  const entries: FlagEntry[] = [];
  const allowed = [...flags.keys(), "--help"].join(", ");
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? "";
    if (token === "--help" || token === "-h") return undefined;
    if (!token.startsWith("--")) {
      problems.push(`unexpected argument ${quote(token)}; allowed flags: ${allowed}`);
      continue;
    }
    const eq = token.indexOf("=");
    const flag = eq < 0 ? token : token.slice(0, eq);
    const kind = flags.get(flag);
    if (kind === undefined) {
      problems.push(`unknown flag ${quote(flag).slice(1, -1)}; allowed: ${allowed}`);
      continue;
    }
    if (kind === "boolean") {
      if (eq >= 0) problems.push(`${flag} takes no value, got ${quote(token.slice(eq + 1))}`);
      else entries.push({ flag, value: "" });
      continue;
    }
    const next = argv[i + 1];
    const value =
      eq >= 0
        ? token.slice(eq + 1)
        : next !== undefined && !next.startsWith("--")
          ? argv[++i]
          : undefined;
    if (value === undefined || value === "") {
      problems.push(`${flag} needs a value; see --help`);
      continue;
    }
    if (kind === "single" && entries.some((e) => e.flag === flag)) {
      problems.push(`${flag} was given twice (${quote(value)}); it takes one value`);
      continue;
    }
    entries.push({ flag, value });
  }
  return entries;
}

function single(entries: readonly FlagEntry[], flag: string): string | undefined {
  return entries.find((e) => e.flag === flag)?.value;
}

interface EnvSpec {
  readonly name: string;
  readonly path: string;
  readonly text?: string;
}

/** `NAME=PATH[,text=PATH]` (the text option only for --env); undefined after a problem. */
function parseEnvSpec({ flag, value }: FlagEntry, problems: string[]): EnvSpec | undefined {
  const expected = flag === "--env" ? "NAME=PLAN.json[,text=PLAN.txt]" : "NAME=ERROR.txt";
  const fail = (problem: string): undefined => {
    problems.push(`${flag} ${quote(value)}: ${problem}; expected ${expected}`);
    return undefined;
  };
  const eq = value.indexOf("=");
  if (eq < 0) return fail("missing NAME=");
  if (eq === 0) return fail("no environment name before '='");
  const name = value.slice(0, eq);
  if (!ENV_NAME.test(name) || name.length > MAX_ENV_NAME) {
    return fail(
      `environment name ${quote(name)} must be letters, digits, '.', '_' or '-' (at most ${MAX_ENV_NAME})`,
    );
  }
  const [path = "", ...options] = value.slice(eq + 1).split(",");
  if (path === "") return fail("no file path");
  let text: string | undefined;
  for (const option of options) {
    const [key, optionValue = ""] = option.split(/=(.*)/s);
    if (flag !== "--env" || key !== "text" || optionValue === "" || text !== undefined) {
      return fail(
        `option ${quote(option)} is not allowed${flag === "--env" ? " (allowed once: text=PLAN.txt)" : ""}`,
      );
    }
    text = optionValue;
  }
  return { name, path, text };
}

function parseSummary(argv: readonly string[]): CliArgs {
  const problems: string[] = [];
  const entries = readFlags(argv, SUMMARY_FLAGS, problems);
  if (!entries) return { command: "help", usage: SUMMARY_USAGE };
  const envs = new Map<string, EnvSource>();
  for (const entry of entries.filter((e) => e.flag === "--env" || e.flag === "--env-error")) {
    const spec = parseEnvSpec(entry, problems);
    if (spec === undefined) continue;
    const env = envs.get(spec.name) ?? { name: spec.name };
    const flag = `${entry.flag} ${quote(entry.value)}`;
    if ((entry.flag === "--env" ? env.planJson : env.errorText) !== undefined) {
      problems.push(
        `${flag}: environment ${quote(spec.name)} was already given with ${entry.flag}; each name once per flag`,
      );
      continue;
    }
    envs.set(
      spec.name,
      entry.flag === "--env"
        ? {
            ...env,
            planJson: { path: spec.path, flag },
            planText: spec.text === undefined ? undefined : { path: spec.text, flag },
          }
        : { ...env, errorText: { path: spec.path, flag } },
    );
  }
  if (envs.size === 0 && !problems.some((p) => p.startsWith("--env"))) {
    problems.push(
      "give at least one --env NAME=PLAN.json or --env-error NAME=ERROR.txt; see --help",
    );
  }
  if (envs.size > MAX_ENVIRONMENTS) {
    problems.push(
      `${envs.size} environments given; at most ${MAX_ENVIRONMENTS} fit in one comment`,
    );
  }
  const marker = single(entries, "--marker");
  if (marker !== undefined && !isValidMarker(marker)) {
    problems.push(
      `--marker ${quote(marker)}: expected a one-line HTML comment of at most ${MAX_MARKER} characters such as "<!-- my-plan-summary -->" (letters, digits, spaces and . _ : / # = @ + , - inside, no "--")`,
    );
  }
  const title = single(entries, "--title");
  if (title !== undefined && (title.length > MAX_TITLE || /[\p{Cc}\p{Zl}\p{Zp}]/u.test(title))) {
    problems.push(
      `--title ${quote(title)}: expected one line of at most ${MAX_TITLE} characters, without control characters`,
    );
  }
  if (problems.length > 0) throw new UsageError(problems);
  return {
    command: "summary",
    envs: [...envs.values()],
    title,
    marker,
    out: single(entries, "--out"),
  };
}

function parseGuard(argv: readonly string[]): CliArgs {
  const problems: string[] = [];
  const entries = readFlags(argv, GUARD_FLAGS, problems);
  if (!entries) return { command: "help", usage: GUARD_USAGE };
  const plans = entries.filter((e) => e.flag === "--plan").map((e) => e.value);
  if (plans.length === 0 && !problems.some((p) => p.startsWith("--plan"))) {
    problems.push("guard needs at least one --plan PLAN.json; see guard --help");
  }
  if (problems.length > 0) throw new UsageError(problems);
  return {
    command: "guard",
    plans,
    allowDestroy: entries.some((e) => e.flag === "--allow-destroy"),
  };
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [first, ...rest] = argv;
  if (first === "guard") return parseGuard(rest);
  if (first === "summary") return parseSummary(rest);
  return parseSummary(argv);
}
