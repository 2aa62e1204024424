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

/** What a value of each zod type is, in the words of someone writing a config. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  record: "an object of names to values",
  array: "a list",
};

/** Unit of a size limit by the kind of value it applies to. */
const SIZE_UNITS: Readonly<Record<string, string>> = {
  string: "characters",
  array: "items",
  set: "items",
  file: "bytes",
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type": {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (input === undefined) return `is required: set it to ${expected}`;
      // "must be a whole number" says enough for 1.5; "not a string" helps for "1".
      const given = describeType(input);
      const sameKind = given === TYPE_WORDS[issue.expected === "int" ? "number" : issue.expected];
      return sameKind ? `must be ${expected}` : `must be ${expected}, not ${given}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map((v) => String(v)).join(", ")}`;
    case "too_small":
      return describeBound(issue.origin, Number(issue.minimum), issue.inclusive !== false, "least");
    case "too_big":
      return describeBound(issue.origin, Number(issue.maximum), issue.inclusive !== false, "most");
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "invalid_format":
      return describeFormat(issue);
    case "invalid_key":
      return `is not an allowed name: ${issue.issues.map((i) => describeIssue(i)).join("; ")}`;
    case "invalid_union":
      // A union with its own message says what its forms are; zod's generic one does not.
      return issue.message.startsWith("Invalid")
        ? "does not match any of the allowed forms (see config/schema.ts)"
        : issue.message;
    default:
      return issue.message;
  }
}

/** `too_small` / `too_big`: "must not be empty", "must list at least 1 item", "must be at most 3". */
function describeBound(
  origin: string,
  limit: number,
  inclusive: boolean,
  side: "least" | "most",
): string {
  const unit = SIZE_UNITS[origin];
  if (unit === undefined) {
    if (inclusive) return `must be at ${side} ${limit}`;
    return side === "least" ? `must be greater than ${limit}` : `must be less than ${limit}`;
  }
  const bound = inclusive ? limit : side === "least" ? limit + 1 : limit - 1;
  if (side === "least" && bound === 1)
    return origin === "string" ? "must not be empty" : "must list at least 1 item";
  const noun = bound === 1 ? unit.replace(/s$/, "") : unit;
  const verb = origin === "string" ? "be" : "list";
  return `must ${verb} at ${side} ${bound} ${noun}`;
}

/** Custom messages from the schema win; zod's generic ones are reworded. */
function describeFormat(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if (!issue.message.startsWith("Invalid")) return issue.message;
  const format = issue as z.core.$ZodIssueInvalidStringFormat & {
    prefix?: string;
    suffix?: string;
    includes?: string;
  };
  switch (issue.format) {
    case "starts_with":
      return `must start with ${JSON.stringify(format.prefix)}`;
    case "ends_with":
      return `must end with ${JSON.stringify(format.suffix)}`;
    case "includes":
      return `must contain ${JSON.stringify(format.includes)}`;
    case "url":
      return "must be a URL such as https://example.com/path";
    case "email":
      return "must be an email address";
    case "regex":
      return `must match the pattern ${issue.pattern}`;
    default:
      return `must be a valid ${issue.format}`;
  }
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return TYPE_WORDS[typeof value] ?? typeof value;
}
