/** Turns each environment's inputs (plan JSON, plain-text plan, error output) into what the comment shows. */
import { countChanges, hasChanges, isDestructive, type ChangeCounts } from "./counts";
import { plural } from "./markdown";
import { parsePlan, PlanFormatError, type PlanModel } from "./plan-model";
import {
  asPlainText,
  SecretIndex,
  type FreeText,
  type PendingText,
  type QuoteRequest,
} from "./redact";
import { collectSensitiveValues, type SensitiveValues } from "./sensitive";

export interface EnvInput {
  readonly name: string;
  /** Parsed `terraform show -json` output; absent when only the error is known. */
  readonly planJson?: unknown;
  /**
   * The text `planJson` was parsed from. Lets sensitive numbers beyond a JavaScript number's
   * precision be found by their digits; without it, free text of a plan holding one is withheld.
   */
  readonly planJsonText?: string;
  /** `terraform plan -no-color` output. */
  readonly planText?: string;
  /** What `terraform plan` wrote to stderr when it failed. */
  readonly errorText?: string;
}

export type EnvStatus = "failed" | "destructive" | "review" | "changes" | "no-changes";

export interface EnvSummary {
  readonly name: string;
  readonly status: EnvStatus;
  /** Absent when there is no plan JSON or it was rejected. */
  readonly plan?: PlanModel;
  readonly counts?: ChangeCounts;
  /** One line saying why the plan failed (redacted). */
  readonly failure?: string;
  readonly errorOutput?: FreeText;
  /** Quoted (and so searched for secrets) only if the comment has room for it. */
  readonly planText?: PendingText;
  /** Why this environment needs a reviewer's attention, for the warning banner. */
  readonly warnings: readonly string[];
}

const MAX_FAILURE_LINE = 200;
const MAX_ERROR_OUTPUT = 3_000;
const MAX_CHECKS_NAMED = 3;

/** One line per resource refreshed or read: noise in a comment, and a large share of big plans. */
function withoutProgressLines(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\S.*: (?:Refreshing state\.\.\.|Reading\.\.\.|Read complete after )/.test(l))
    .join("\n");
}

/** Terraform's diagnostics start with box-drawing characters unless -no-color was given. */
function firstErrorLine(text: string): string | undefined {
  const lines = asPlainText(text)
    .split("\n")
    .map((l) => l.replace(/^[\s│╷╵]+/, "").trim())
    .filter((l) => l !== "");
  return lines.find((l) => l.startsWith("Error:")) ?? lines[0];
}

function failedChecksNote(plan: PlanModel): string {
  const named = plan.failedChecks.slice(0, MAX_CHECKS_NAMED).join(", ");
  const more = plan.failedChecks.length - MAX_CHECKS_NAMED;
  if (named === "") return "Terraform reported errored: true; see the workflow log";
  return `failed checks: ${named}${more > 0 ? ` and ${more} more` : ""}`;
}

function failureOf(
  rejection: string | undefined,
  errorLine: string | undefined,
  plan: PlanModel | undefined,
): string | undefined {
  if (rejection !== undefined) return rejection;
  if (errorLine !== undefined) return errorLine;
  if (plan === undefined) return "no plan JSON was given";
  return plan.errored ? failedChecksNote(plan) : undefined;
}

function destructiveWarning(c: ChangeCounts): string {
  return [
    c.destroy - c.replace > 0 ? `${c.destroy - c.replace} to delete` : "",
    c.replace > 0 ? `${c.replace} to replace` : "",
    c.forget > 0 ? `${c.forget} to forget` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

function statusOf(
  failure: string | undefined,
  counts: ChangeCounts | undefined,
  needsReview: boolean,
): EnvStatus {
  if (failure !== undefined || counts === undefined) return "failed";
  if (isDestructive(counts)) return "destructive";
  if (needsReview) return "review";
  return hasChanges(counts) ? "changes" : "no-changes";
}

interface Parsed {
  readonly plan?: PlanModel;
  readonly rejection?: string;
  readonly sensitive: SensitiveValues;
}

function parse(input: EnvInput): Parsed {
  if (input.planJson === undefined) return { sensitive: { values: new Set(), doubts: [] } };
  const sensitive = collectSensitiveValues(input.planJson, input.planJsonText);
  try {
    return { plan: parsePlan(input.planJson), sensitive };
  } catch (e) {
    if (!(e instanceof PlanFormatError)) throw e;
    const doubts = [
      ...sensitive.doubts,
      "the plan JSON could not be read, so its secrets are unknown",
    ];
    return { rejection: e.message, sensitive: { ...sensitive, doubts } };
  }
}

/** What the free text of an error shows: its output block and its first error line. */
interface ErrorQuotes {
  readonly output?: FreeText;
  readonly line?: FreeText;
}

function summarize(
  input: EnvInput,
  { plan, rejection }: Parsed,
  error: ErrorQuotes,
  planText: PendingText | undefined,
): EnvSummary {
  const errorLine =
    error.line === undefined
      ? error.output && "withheld" in error.output
        ? `error output ${error.output.withheld}`
        : undefined
      : "text" in error.line
        ? error.line.text
        : `error output ${error.line.withheld}`;
  const emptyError = input.errorText !== undefined && errorLine === undefined;
  const failure = failureOf(
    rejection,
    emptyError ? "(the error output is empty)" : errorLine,
    plan,
  );
  const counts = plan && countChanges(plan);

  const warnings: string[] = [];
  if (failure !== undefined) warnings.push("plan failed");
  if (counts && isDestructive(counts)) warnings.push(destructiveWarning(counts));
  // A failed plan is always incomplete; saying so again would only suggest applying it.
  if (plan && !plan.complete && failure === undefined) {
    warnings.push(
      `plan is incomplete (complete: false${plan.deferred.length > 0 ? `, ${plural(plan.deferred.length, "deferred change")}` : ""}): apply, then plan again`,
    );
  }
  if (counts && counts.unrecognised > 0) {
    warnings.push(
      `${plural(counts.unrecognised, "resource")} with actions this tool does not recognise: read the plain-text plan`,
    );
  }
  const needsReview = plan !== undefined && (!plan.complete || (counts?.unrecognised ?? 0) > 0);

  return {
    name: input.name,
    status: statusOf(failure, counts, needsReview),
    plan,
    counts,
    failure,
    errorOutput: error.output,
    planText,
    warnings,
  };
}

/**
 * Summarises every environment. Long sensitive strings from every plan are redacted from every
 * environment's text (environments often share secrets, and over-redaction costs nothing); short
 * ones, which withhold lines rather than redact them, only count for their own environment. Error
 * output and its first line are quoted here, in one search; plain-text plans are quoted by the
 * renderer, and only if the comment has room for them.
 */
export function summarizeEnvironments(inputs: readonly EnvInput[]): EnvSummary[] {
  const parsed = inputs.map(parse);
  const index = new SecretIndex(parsed.map((p) => p.sensitive));
  // Each environment's error output and its first error line, all quoted in one search.
  const firstLines = inputs.map((i) => i.errorText && firstErrorLine(i.errorText));
  const failed = inputs.flatMap((i, env) => (i.errorText === undefined ? [] : [env]));
  const quoted = index.quote(
    failed.flatMap((env): QuoteRequest[] => [
      { env, text: inputs[env]!.errorText!, limit: MAX_ERROR_OUTPUT, overflow: "clip" },
      { env, text: firstLines[env] ?? "", limit: MAX_FAILURE_LINE, overflow: "clip" },
    ]),
  );
  return inputs.map((input, env) => {
    const at = failed.indexOf(env) * 2;
    const error: ErrorQuotes =
      at < 0
        ? {}
        : { output: quoted[at], line: firstLines[env] === undefined ? undefined : quoted[at + 1] };
    const planText =
      input.planText === undefined
        ? undefined
        : { index, env, text: withoutProgressLines(input.planText) };
    return summarize(input, parsed[env]!, error, planText);
  });
}
