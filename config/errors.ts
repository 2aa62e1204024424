import type { z } from "zod";

/** One problem in the config: where it is, what was there, and what is allowed instead. */
export interface ConfigError {
  /** Environment name, or `platform` for settings outside any environment. */
  readonly environment: string;
  /** Dotted field path, e.g. `vpc.natMode`. */
  readonly path: string;
  readonly value: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** Records one problem of one environment. */
export type Fail = (path: string, value: unknown, message: string) => void;

/** A `Fail` that appends to `errors` under `environment`. */
export function failInto(errors: ConfigError[], environment: string): Fail {
  return (path, value, message) => errors.push({ environment, path, value, message });
}

export class ConfigValidationError extends Error {
  constructor(readonly errors: readonly ConfigError[]) {
    super(formatConfigErrors(errors));
    this.name = "ConfigValidationError";
  }
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatConfigErrors(errors: readonly ConfigError[]): string {
  const lines = errors.map(
    (e) => `  - [${e.environment}] ${e.path || "(root)"} = ${formatValue(e.value)}: ${e.message}`,
  );
  return `Invalid platform config (${errors.length} error${errors.length === 1 ? "" : "s"}); nothing was written:\n${lines.join("\n")}`;
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Rewrites zod's issues into messages that say what is allowed. */
export function fromZodIssues(
  environment: string,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const input = (issue as { input?: unknown }).input;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({
          environment,
          path: joinPath([...path, key]),
          value: (input as Record<string, unknown> | undefined)?.[key],
          message: "unknown field; check the spelling against config/schema.ts",
        });
      }
      continue;
    }
    errors.push({ environment, path: joinPath(path), value: input, message: describeIssue(issue) });
  }
  return errors;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type":
      return input === undefined
        ? `required field is missing; expected ${issue.expected}`
        : `must be ${article(issue.expected)}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map((v) => String(v)).join(", ")}`;
    case "too_small":
      return issue.origin === "array"
        ? `must have at least ${issue.minimum} items`
        : `must be at least ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array"
        ? `must have at most ${issue.maximum} items`
        : `must be at most ${issue.maximum}`;
    case "invalid_format":
      return issue.message;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
