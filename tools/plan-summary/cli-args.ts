/**
 * Command-line parsing for `npm run plan-summary`. Hand-rolled rather than util.parseArgs so every
 * error names the flag, the value given and what is allowed.
 */
import { isValidMarker, MAX_ENV_NAME, MAX_ENVIRONMENTS, MAX_TITLE } from "./render-markdown";

export class UsageError extends Error {
  override readonly name = "UsageError";
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
  --marker COMMENT  Hidden first line that identifies the sticky comment
                    (default "<!-- aws-platform-plan-summary -->").
  --out FILE        Write the comment to FILE instead of stdout.
  --help            Show this help.

NAME: letters, digits, '.', '_' or '-', at most ${MAX_ENV_NAME} characters; at most ${MAX_ENVIRONMENTS} environments.
Exit codes: 0 comment written (even when an environment failed), 2 bad arguments or files.
The destroy guard is a subcommand: npm run plan-summary -- guard --help`;

export const GUARD_USAGE = `Usage: npm run plan-summary -- guard --plan PLAN.json [--plan PLAN.json ...] [--allow-destroy]

Fails when a plan deletes, replaces or forgets a data-bearing resource (databases, caches,
file systems, buckets, tables, keys, secrets, backup vaults).

  --plan PLAN.json   \`terraform show -json PLANFILE\` output to check. Repeatable.
  --allow-destroy    Report the losses but pass: the reviewed, deliberate override.
  --help             Show this help.

Exit codes: 0 nothing data-bearing is lost (or --allow-destroy), 1 blocked, 2 bad arguments or files.`;

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

function quote(value: string): string {
  return JSON.stringify(value);
}

/** Splits argv into flag entries in order; undefined means --help was asked for. */
function readFlags(
  argv: readonly string[],
  flags: ReadonlyMap<string, FlagKind>,
): FlagEntry[] | undefined {
  const entries: FlagEntry[] = [];
  const allowed = [...flags.keys(), "--help"].join(", ");
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? "";
    if (token === "--help" || token === "-h") return undefined;
    if (!token.startsWith("--")) {
      throw new UsageError(`unexpected argument ${quote(token)}; allowed flags: ${allowed}`);
    }
    const eq = token.indexOf("=");
    const flag = eq < 0 ? token : token.slice(0, eq);
    const kind = flags.get(flag);
    if (kind === undefined) throw new UsageError(`unknown flag ${flag}; allowed: ${allowed}`);
    if (kind === "boolean") {
      if (eq >= 0)
        throw new UsageError(`${flag} takes no value, got ${quote(token.slice(eq + 1))}`);
      entries.push({ flag, value: "" });
      continue;
    }
    const value = eq >= 0 ? token.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
      throw new UsageError(`${flag} needs a value; see --help`);
    }
    if (kind === "single" && entries.some((e) => e.flag === flag)) {
      throw new UsageError(`${flag} was given twice (${quote(value)}); it takes one value`);
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

/** `NAME=PATH[,text=PATH]` (the text option only for --env). */
function parseEnvSpec({ flag, value }: FlagEntry): EnvSpec {
  const expected = flag === "--env" ? "NAME=PLAN.json[,text=PLAN.txt]" : "NAME=ERROR.txt";
  const fail = (problem: string): never => {
    throw new UsageError(`${flag} ${quote(value)}: ${problem}; expected ${expected}`);
  };
  const eq = value.indexOf("=");
  if (eq < 0) fail("missing NAME=");
  if (eq === 0) fail("no environment name before '='");
  const name = value.slice(0, eq);
  if (!ENV_NAME.test(name) || name.length > MAX_ENV_NAME) {
    fail(
      `environment name ${quote(name)} must be letters, digits, '.', '_' or '-' (at most ${MAX_ENV_NAME})`,
    );
  }
  const [path = "", ...options] = value.slice(eq + 1).split(",");
  if (path === "") fail("no file path");
  let text: string | undefined;
  for (const option of options) {
    const [key, optionValue = ""] = option.split(/=(.*)/s);
    if (flag !== "--env" || key !== "text" || optionValue === "" || text !== undefined) {
      fail(
        `option ${quote(option)} is not allowed${flag === "--env" ? " (allowed once: text=PLAN.txt)" : ""}`,
      );
    }
    text = optionValue;
  }
  return { name, path, text };
}

function parseSummary(argv: readonly string[]): CliArgs {
  const entries = readFlags(argv, SUMMARY_FLAGS);
  if (!entries) return { command: "help", usage: SUMMARY_USAGE };
  const envs = new Map<string, EnvSource>();
  for (const entry of entries.filter((e) => e.flag === "--env" || e.flag === "--env-error")) {
    const spec = parseEnvSpec(entry);
    const env = envs.get(spec.name) ?? { name: spec.name };
    const flag = `${entry.flag} ${quote(entry.value)}`;
    if ((entry.flag === "--env" ? env.planJson : env.errorText) !== undefined) {
      throw new UsageError(
        `${flag}: environment ${quote(spec.name)} was already given with ${entry.flag}; each name once per flag`,
      );
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
  if (envs.size === 0) {
    throw new UsageError(
      "give at least one --env NAME=PLAN.json or --env-error NAME=ERROR.txt; see --help",
    );
  }
  if (envs.size > MAX_ENVIRONMENTS) {
    throw new UsageError(
      `${envs.size} environments given; at most ${MAX_ENVIRONMENTS} fit in one comment`,
    );
  }
  const marker = single(entries, "--marker");
  if (marker !== undefined && !isValidMarker(marker)) {
    throw new UsageError(
      `--marker ${quote(marker)}: expected a one-line HTML comment such as "<!-- my-plan-summary -->"`,
    );
  }
  const title = single(entries, "--title");
  if (title !== undefined && (title.length > MAX_TITLE || /[\r\n]/.test(title))) {
    throw new UsageError(
      `--title ${quote(title)}: expected one line of at most ${MAX_TITLE} characters`,
    );
  }
  return {
    command: "summary",
    envs: [...envs.values()],
    title,
    marker,
    out: single(entries, "--out"),
  };
}

function parseGuard(argv: readonly string[]): CliArgs {
  const entries = readFlags(argv, GUARD_FLAGS);
  if (!entries) return { command: "help", usage: GUARD_USAGE };
  const plans = entries.filter((e) => e.flag === "--plan").map((e) => e.value);
  if (plans.length === 0)
    throw new UsageError("guard needs at least one --plan PLAN.json; see guard --help");
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
