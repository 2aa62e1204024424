/**
 * Normalises `terraform show -json <planfile>` into the few facts the summary and the destroy
 * guard need. Every field except `format_version` is optional: the format gained fields release by
 * release (action_reason in 1.1, importing in 1.5, errored in 1.6, forget in 1.7, complete in 1.8),
 * and even `resource_changes` is omitted when empty. Attribute values are deliberately not carried
 * over, so nothing downstream can print one by accident.
 */

const SUPPORTED_FORMAT_VERSIONS = "0.1 up to 1.x";

export class PlanFormatError extends Error {
  override readonly name = "PlanFormatError";
}

/** What Terraform will do to one resource instance, from its `change.actions` list. */
export type ChangeKind =
  | "create"
  | "update"
  | "replace"
  | "delete"
  | "read"
  | "no-op"
  | "forget"
  | "create-then-forget"
  | "unrecognised";

const KIND_BY_ACTIONS = new Map<string, ChangeKind>([
  ["create", "create"],
  ["update", "update"],
  ["delete", "delete"],
  ["read", "read"],
  ["no-op", "no-op"],
  ["forget", "forget"],
  ["delete,create", "replace"],
  ["create,delete", "replace"],
  ["create,forget", "create-then-forget"],
]);

export interface PlannedChange {
  readonly address: string;
  /** Set only when the instance moved (a `moved` block or a refactoring), i.e. differs from address. */
  readonly previousAddress?: string;
  /** `managed` or `data`; Terraform never wrote anything else, an older plan without it is managed. */
  readonly mode: string;
  readonly type: string;
  /** The raw action list, kept for reporting lists this tool does not recognise. */
  readonly actions: readonly string[];
  readonly kind: ChangeKind;
  readonly actionReason?: string;
  /**
   * The top-level arguments whose change forces the replacement (`replace_paths`, first
   * step of each path only: deeper steps can be map keys, which may be sensitive).
   */
  readonly replaceArguments: readonly string[];
  readonly importing: boolean;
  /** Key of a deposed object (left over from an interrupted create_before_destroy). */
  readonly deposed?: string;
}

export interface OutputChange {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly actions: readonly string[];
}

export interface DeferredChange {
  readonly address: string;
  readonly reason?: string;
}

export interface PlanModel {
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly changes: readonly PlannedChange[];
  readonly driftCount: number;
  readonly outputs: readonly OutputChange[];
  readonly deferred: readonly DeferredChange[];
  readonly errored: boolean;
  /** False when Terraform says another plan/apply round is needed (e.g. deferred changes). */
  readonly complete: boolean;
  /** Addresses of checks, preconditions and postconditions that failed or errored. */
  readonly failedChecks: readonly string[];
}

type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function actionList(change: unknown): readonly string[] {
  const actions = isJsonObject(change) ? change.actions : undefined;
  return arrayOf(actions).map((a) => (typeof a === "string" ? a : JSON.stringify(a)));
}

function classifyActions(actions: readonly string[]): ChangeKind {
  return KIND_BY_ACTIONS.get(actions.join(",")) ?? "unrecognised";
}

/** Throws unless the version is one this reader understands (the terraform-json constraint). */
function checkFormatVersion(value: unknown): string {
  if (typeof value !== "string") {
    throw new PlanFormatError(
      "not a Terraform plan: format_version is missing (expected the output of `terraform show -json PLANFILE`)",
    );
  }
  const match = /^(\d+)\.(\d+)$/.exec(value);
  const major = match ? Number(match[1]) : NaN;
  const minor = match ? Number(match[2]) : NaN;
  if (!match || major >= 2 || (major === 0 && minor < 1)) {
    throw new PlanFormatError(
      `plan format_version ${JSON.stringify(value)} is not supported (this tool reads ${SUPPORTED_FORMAT_VERSIONS})`,
    );
  }
  return value;
}

const MODES: ReadonlySet<string> = new Set(["managed", "data"]);
const PROBLEMS_NAMED = 5;

/**
 * Terraform never writes a section of the wrong type, or a change without address or type, so such
 * a plan is rejected whole, naming every JSON path, rather than read as "nothing there": the
 * destroy guard would pass it and the summary would say "no changes".
 */
function malformed(problems: readonly string[]): string {
  const more = problems.length - PROBLEMS_NAMED;
  return `malformed plan JSON: ${problems.slice(0, PROBLEMS_NAMED).join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A section that may be absent; present, it must be a list (else a problem, and empty). */
function listSection(raw: JsonObject, key: string, problems: string[]): readonly unknown[] {
  const value = raw[key];
  if (value === undefined || Array.isArray(value)) return value ?? [];
  problems.push(`${key} is ${describe(value)}, not a list`);
  return [];
}

function objectSection(raw: JsonObject, key: string, problems: string[]): JsonObject {
  const value = raw[key];
  if (value === undefined || isJsonObject(value)) return value ?? {};
  problems.push(`${key} is ${describe(value)}, not an object`);
  return {};
}

/** The change at `where`, or undefined (and a problem) when it cannot be one. */
function resourceChange(
  raw: unknown,
  where: string,
  problems: string[],
): PlannedChange | undefined {
  if (!isJsonObject(raw)) {
    problems.push(`${where} is ${describe(raw)}, not an object`);
    return undefined;
  }
  if (typeof raw.address !== "string" || raw.address === "") {
    problems.push(`${where} has no address`);
    return undefined;
  }
  const mode = raw.mode === undefined ? "managed" : raw.mode;
  if (typeof mode !== "string" || !MODES.has(mode)) {
    problems.push(
      `${where} (${raw.address}) has mode ${JSON.stringify(mode)}, not managed or data`,
    );
  }
  if (typeof raw.type !== "string" || raw.type === "") {
    problems.push(`${where} (${raw.address}) has no type`);
  }
  const actions = actionList(raw.change);
  const previous = optionalString(raw.previous_address);
  const importing = isJsonObject(raw.change) && isJsonObject(raw.change.importing);
  return {
    address: raw.address,
    previousAddress: previous !== raw.address ? previous : undefined,
    mode: mode === "data" ? "data" : "managed",
    type: optionalString(raw.type) ?? "",
    actions,
    kind: classifyActions(actions),
    actionReason: optionalString(raw.action_reason),
    replaceArguments: replaceArguments(raw.replace_paths),
    importing,
    deposed: optionalString(raw.deposed),
  };
}

function replaceArguments(paths: unknown): string[] {
  if (!Array.isArray(paths)) return [];
  const first = paths.map((p) => (Array.isArray(p) ? p[0] : undefined));
  return [...new Set(first.filter((a): a is string => typeof a === "string"))].sort();
}

function failedCheckAddresses(checks: readonly unknown[]): string[] {
  return checks.flatMap((check) => {
    if (!isJsonObject(check) || (check.status !== "fail" && check.status !== "error")) return [];
    const display = isJsonObject(check.address)
      ? optionalString(check.address.to_display)
      : undefined;
    return display ? [display] : [];
  });
}

export function parsePlan(raw: unknown): PlanModel {
  if (!isJsonObject(raw)) {
    throw new PlanFormatError("not a Terraform plan: the JSON is not an object");
  }
  const formatVersion = checkFormatVersion(raw.format_version);
  const problems: string[] = [];
  const changes = listSection(raw, "resource_changes", problems).flatMap((rc, i) => {
    const change = resourceChange(rc, `resource_changes[${i}]`, problems);
    return change ? [change] : [];
  });
  const outputs = Object.entries(objectSection(raw, "output_changes", problems)).map(
    ([name, change]): OutputChange => {
      const actions = actionList(change);
      return { name, actions, kind: classifyActions(actions) };
    },
  );
  const drift = listSection(raw, "resource_drift", problems);
  const checks = listSection(raw, "checks", problems);
  const deferred = listSection(raw, "deferred_changes", problems).flatMap((d): DeferredChange[] => {
    const rc = isJsonObject(d) && isJsonObject(d.resource_change) ? d.resource_change : undefined;
    const address = rc ? optionalString(rc.address) : undefined;
    return address && isJsonObject(d) ? [{ address, reason: optionalString(d.reason) }] : [];
  });
  if (problems.length > 0) throw new PlanFormatError(malformed(problems));
  return {
    formatVersion,
    terraformVersion: optionalString(raw.terraform_version),
    changes,
    driftCount: drift.length,
    outputs,
    deferred,
    errored: raw.errored === true,
    complete: raw.complete !== false,
    failedChecks: failedCheckAddresses(checks),
  };
}
