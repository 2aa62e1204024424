/**
 * Keeps sensitive values out of the free text (plain-text plans, error output) that the comment
 * quotes. The structured part of the comment never prints attribute values at all; free text is
 * Terraform's own rendering, which hides values it knows are sensitive but can still carry one:
 * a provider may echo it in a diagnostic, or an attribute derived from a sensitive input may not
 * be marked (terraform_data's `output` echoes a sensitive `input` in clear text). So every string
 * the plan JSON flags as sensitive anywhere is searched for and replaced.
 */
import { isJsonObject } from "./plan-model";

export const REDACTED = "(sensitive)";
/**
 * Shorter sensitive strings cannot be replaced without mangling unrelated text, so free text from
 * a plan holding one is withheld instead of shown.
 */
export const MIN_REDACTABLE_LENGTH = 4;

const TERRAFORM_SENSITIVE_MARK = "(sensitive value)";
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;

export type FreeText = { readonly text: string } | { readonly withheld: string };

type Found = Set<string>;

function addScalar(value: unknown, found: Found): void {
  if (typeof value === "string") {
    if (value.trim() !== "") found.add(value);
    const nested = parseJsonDocument(value);
    if (nested !== undefined) collectAll(nested, found);
  } else if (typeof value === "number" && String(value).length >= MIN_REDACTABLE_LENGTH) {
    // Short numbers and booleans carry too little to be worth mangling text over.
    found.add(String(value));
  }
}

/** A sensitive string holding JSON (jsonencode) is shown by Terraform as its decoded parts. */
function parseJsonDocument(value: string): unknown {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function collectAll(value: unknown, found: Found): void {
  if (Array.isArray(value)) value.forEach((v) => collectAll(v, found));
  else if (isJsonObject(value)) Object.values(value).forEach((v) => collectAll(v, found));
  else addScalar(value, found);
}

/** Walks `value` alongside Terraform's sensitivity mask (`true`, or an object/array of masks). */
function collectMasked(value: unknown, mask: unknown, found: Found): void {
  if (mask === true) {
    collectAll(value, found);
  } else if (Array.isArray(mask) && Array.isArray(value)) {
    mask.forEach((m, i) => collectMasked(value[i], m, found));
  } else if (isJsonObject(mask) && isJsonObject(value)) {
    for (const [key, m] of Object.entries(mask)) collectMasked(value[key], m, found);
  }
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, key: string): unknown {
  return isJsonObject(value) ? value[key] : undefined;
}

function collectChange(change: unknown, found: Found): void {
  collectMasked(field(change, "before"), field(change, "before_sensitive"), found);
  collectMasked(field(change, "after"), field(change, "after_sensitive"), found);
}

/** `planned_values` and `prior_state.values`: outputs flagged sensitive, resources' sensitive_values. */
function collectValues(values: unknown, found: Found): void {
  const outputs = field(values, "outputs");
  for (const output of Object.values(isJsonObject(outputs) ? outputs : {})) {
    if (field(output, "sensitive") === true) collectAll(field(output, "value"), found);
  }
  const walkModule = (module: unknown): void => {
    for (const r of list(field(module, "resources"))) {
      collectMasked(field(r, "values"), field(r, "sensitive_values"), found);
    }
    list(field(module, "child_modules")).forEach(walkModule);
  };
  walkModule(field(values, "root_module"));
}

/** Root variables declared `sensitive = true`: their values sit unflagged in `variables`. */
function collectVariables(plan: unknown, found: Found): void {
  const declared = field(field(field(plan, "configuration"), "root_module"), "variables");
  const values = field(plan, "variables");
  for (const [name, declaration] of Object.entries(isJsonObject(declared) ? declared : {})) {
    if (field(declaration, "sensitive") !== true) continue;
    collectAll(field(field(values, name), "value"), found);
    collectAll(field(declaration, "default"), found);
  }
}

/** Every string (and long number) that the plan JSON flags as sensitive, anywhere. */
export function collectSensitiveStrings(plan: unknown): Set<string> {
  const found: Found = new Set();
  const resourceChanges = [
    ...list(field(plan, "resource_changes")),
    ...list(field(plan, "resource_drift")),
    ...list(field(plan, "deferred_changes")).map((d) => field(d, "resource_change")),
  ];
  for (const rc of resourceChanges) collectChange(field(rc, "change"), found);
  const outputChanges = field(plan, "output_changes");
  for (const change of Object.values(isJsonObject(outputChanges) ? outputChanges : {})) {
    collectChange(change, found);
  }
  collectValues(field(plan, "planned_values"), found);
  collectValues(field(field(plan, "prior_state"), "values"), found);
  collectVariables(plan, found);
  return found;
}

/**
 * The forms a secret can take in Terraform's text: as is, JSON-escaped inside a quoted string,
 * and (for multi-line values, which Terraform prints as heredocs) line by line.
 */
function needlesFor(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  const lines = secret
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= MIN_REDACTABLE_LENGTH);
  return [secret, escaped, ...(lines.length > 1 ? lines : [])];
}

/** Terraform already hid the value on these lines; keep only the attribute name to be sure. */
function maskMarkedLine(line: string): string {
  if (!line.includes(TERRAFORM_SENSITIVE_MARK)) return line;
  const assignment = line.indexOf(" = ");
  return assignment >= 0
    ? `${line.slice(0, assignment + 3)}${TERRAFORM_SENSITIVE_MARK}`
    : `${/^\s*/.exec(line)?.[0] ?? ""}${TERRAFORM_SENSITIVE_MARK}`;
}

export function isRedactable(secret: string): boolean {
  return secret.trim().length >= MIN_REDACTABLE_LENGTH;
}

/** Removes colour codes and every known sensitive string from Terraform's free text. */
export function redactFreeText(text: string, secrets: ReadonlySet<string>): FreeText {
  const plain = text.replace(ANSI_ESCAPE, "");
  if (![...secrets].every(isRedactable)) {
    return {
      withheld: `withheld: the plan has a sensitive value shorter than ${MIN_REDACTABLE_LENGTH} characters, too short to redact reliably`,
    };
  }
  const needles = [...new Set([...secrets].flatMap(needlesFor))].sort(
    (a, b) => b.length - a.length,
  );
  let redacted = plain.split("\n").map(maskMarkedLine).join("\n");
  for (const needle of needles) redacted = redacted.split(needle).join(REDACTED);
  return { text: redacted };
}
