/** Turns each environment's inputs (plan JSON, plain-text plan, error output) into what the comment shows. */
import { countChanges, hasChanges, isDestructive, type ChangeCounts } from "./counts";
import { clip, plural } from "./markdown";
import { parsePlan, PlanFormatError, type PlanModel } from "./plan-model";
import { collectSensitiveStrings, isRedactable, redactFreeText, type FreeText } from "./sensitive";

export interface EnvInput {
  readonly name: string;
  /** Parsed `terraform show -json` output; absent when only the error is known. */
  readonly planJson?: unknown;
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
  readonly planText?: FreeText;
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
function firstErrorLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s│╷╵]+/, "").trim())
    .filter((l) => l !== "");
  return lines.find((l) => l.startsWith("Error:")) ?? lines[0] ?? "(the error output is empty)";
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

function summarize(input: EnvInput, secrets: ReadonlySet<string>): EnvSummary {
  let plan: PlanModel | undefined;
  let rejection: string | undefined;
  if (input.planJson !== undefined) {
    try {
      plan = parsePlan(input.planJson);
    } catch (e) {
      if (!(e instanceof PlanFormatError)) throw e;
      rejection = e.message;
    }
  }
  const errorOutput =
    input.errorText === undefined ? undefined : redactFreeText(input.errorText, secrets);
  const errorLine =
    errorOutput === undefined
      ? undefined
      : "text" in errorOutput
        ? firstErrorLine(errorOutput.text)
        : `error output ${errorOutput.withheld}`;
  const failure = failureOf(rejection, errorLine, plan);
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
    failure: failure === undefined ? undefined : clip(failure, MAX_FAILURE_LINE),
    errorOutput:
      errorOutput && "text" in errorOutput
        ? { text: clip(errorOutput.text, MAX_ERROR_OUTPUT) }
        : errorOutput,
    planText:
      input.planText === undefined
        ? undefined
        : redactFreeText(withoutProgressLines(input.planText), secrets),
    warnings,
  };
}

/**
 * Summarises every environment. Long sensitive strings from every plan are redacted from every
 * environment's text (environments often share secrets, and over-redaction costs nothing); short
 * ones, which withhold text rather than redact it, only count for their own environment.
 */
export function summarizeEnvironments(inputs: readonly EnvInput[]): EnvSummary[] {
  const own = inputs.map((i) => collectSensitiveStrings(i.planJson));
  const shared = own.flatMap((set) => [...set].filter(isRedactable));
  return inputs.map((input, i) => summarize(input, new Set([...(own[i] ?? []), ...shared])));
}
