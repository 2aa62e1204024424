/**
 * Finds every value a plan JSON flags as sensitive, so free text quoted in the comment (plain-text
 * plans, error output) can be searched for them. The structured part of the comment never prints
 * attribute values at all; free text is Terraform's own rendering, which hides values it knows are
 * sensitive but can still carry one: a provider may echo it in a diagnostic, or an attribute
 * derived from a sensitive input may not be marked (terraform_data's `output` echoes a sensitive
 * `input` in clear text). It fails closed: whatever sits under a sensitive mark counts (strings,
 * numbers by their literal digits, map keys, JSON documents inside strings), a mask that does not
 * fit its value marks the whole value, and a plan too malformed to walk yields a doubt, which
 * withholds the free text instead.
 */
import { lossyNumberLiterals, printsExactly, type LossyLiterals } from "./json-numbers";
import { isJsonObject } from "./plan-model";

export interface SensitiveValues {
  /** Strings, number literals and map keys flagged sensitive (blank ones carry nothing). */
  readonly values: ReadonlySet<string>;
  /** Why not every sensitive value could be known; any doubt withholds free text whole. */
  readonly doubts: readonly string[];
}

class Collector {
  readonly values = new Set<string>();
  readonly doubts = new Set<string>();

  constructor(private readonly literals: () => LossyLiterals | undefined) {}

  /** `value` under a sensitive mark: every scalar and key in it. */
  all(value: unknown): void {
    if (Array.isArray(value)) {
      for (const v of value) this.all(v);
    } else if (isJsonObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        this.text(key);
        this.all(v);
      }
    } else if (typeof value === "string") {
      this.text(value);
      this.document(value);
    } else if (typeof value === "number") {
      this.number(value, this.literals);
    }
    // Booleans are left out: one bit, and searching for "true" would mangle every boolean.
  }

  private text(value: string): void {
    if (value.trim() !== "") this.values.add(value);
  }

  private number(n: number, literals: () => LossyLiterals | undefined): void {
    const printed = String(n);
    this.values.add(printed);
    if (printsExactly(n)) return;
    const source = literals();
    if (source === undefined) {
      this.doubts.add(
        "a sensitive number has more digits than a JavaScript number keeps, and the plan's JSON text was not given to find them",
      );
    } else {
      for (const literal of source.get(printed) ?? []) this.values.add(literal);
    }
  }

  /** A sensitive string holding JSON (jsonencode) is shown by Terraform as its decoded parts. */
  private document(value: string): void {
    const trimmed = value.trim();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed) as unknown;
    } catch {
      return;
    }
    let literals: LossyLiterals | undefined;
    const inner = new Collector(() => (literals ??= lossyNumberLiterals(trimmed)));
    inner.all(parsed);
    for (const v of inner.values) this.values.add(v);
    for (const d of inner.doubts) this.doubts.add(d);
  }

  /** Walks `value` alongside Terraform's sensitivity mask (`true`, or an object/array of masks). */
  masked(value: unknown, mask: unknown): void {
    if (mask === true) {
      this.all(value);
    } else if (mask === false || mask === null || mask === undefined) {
      return;
    } else if (Array.isArray(mask) && Array.isArray(value)) {
      mask.forEach((m, i) => this.masked(value[i], m));
    } else if (isJsonObject(mask) && isJsonObject(value)) {
      for (const [key, m] of Object.entries(mask)) this.masked(value[key], m);
    } else if (value !== null && value !== undefined && marksAnything(mask)) {
      // A mask of another shape than its value: which part is sensitive is unknown, so all is.
      this.all(value);
    }
  }

  /** The field at `key` of `parent` (at JSON path `where`), if it has the expected shape. */
  section(parent: unknown, key: string, where: string, shape: "list" | "object"): unknown {
    const value = isJsonObject(parent) ? parent[key] : undefined;
    if (value === undefined || value === null) return undefined;
    const fits = shape === "list" ? Array.isArray(value) : isJsonObject(value);
    if (fits) return value;
    this.doubts.add(
      `the plan's ${where}${key} is not ${shape === "list" ? "a list" : "an object"}`,
    );
    return undefined;
  }

  list(parent: unknown, key: string, where = ""): readonly unknown[] {
    return (this.section(parent, key, where, "list") as unknown[] | undefined) ?? [];
  }

  object(parent: unknown, key: string, where = ""): Readonly<Record<string, unknown>> {
    return (this.section(parent, key, where, "object") as Record<string, unknown>) ?? {};
  }
}

function marksAnything(mask: unknown): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(marksAnything);
  if (isJsonObject(mask)) return Object.values(mask).some(marksAnything);
  // Terraform writes only booleans, lists and objects; anything else is read as "sensitive".
  return mask !== false && mask !== null && mask !== undefined;
}

function collectChange(c: Collector, change: unknown, where: string): void {
  if (change === undefined) return;
  if (!isJsonObject(change)) {
    c.doubts.add(`the plan's ${where} is not an object`);
    return;
  }
  c.masked(change.before, change.before_sensitive);
  c.masked(change.after, change.after_sensitive);
}

function collectResourceChanges(c: Collector, changes: readonly unknown[], key: string): void {
  changes.forEach((rc, i) => {
    if (!isJsonObject(rc)) c.doubts.add(`the plan's ${key}[${i}] is not an object`);
    else collectChange(c, rc.change, `${key}[${i}].change`);
  });
}

/** `planned_values` and `prior_state.values`: outputs flagged sensitive, resources' sensitive_values. */
function collectValues(c: Collector, values: unknown, where: string): void {
  for (const output of Object.values(c.object(values, "outputs", where))) {
    if (isJsonObject(output) && output.sensitive === true) c.all(output.value);
    else if (!isJsonObject(output))
      c.doubts.add(`an output in the plan's ${where}outputs is not an object`);
  }
  const walkModule = (module: unknown, path: string): void => {
    c.list(module, "resources", path).forEach((r) => {
      if (isJsonObject(r)) c.masked(r.values, r.sensitive_values);
    });
    c.list(module, "child_modules", path).forEach((m, i) =>
      walkModule(m, `${path}child_modules[${i}].`),
    );
  };
  if (isJsonObject(values) && values.root_module !== undefined) {
    walkModule(values.root_module, `${where}root_module.`);
  }
}

/** Root variables declared `sensitive = true`: their values sit unflagged in `variables`. */
function collectVariables(c: Collector, plan: unknown): void {
  const configuration = isJsonObject(plan) ? plan.configuration : undefined;
  const root = isJsonObject(configuration) ? configuration.root_module : undefined;
  const declared = c.object(root, "variables", "configuration.root_module.");
  const values = c.object(plan, "variables");
  for (const [name, declaration] of Object.entries(declared)) {
    if (!isJsonObject(declaration) || declaration.sensitive !== true) continue;
    const given = values[name];
    if (isJsonObject(given)) c.all(given.value);
    c.all(declaration.default);
  }
}

/**
 * Every value that `plan` (parsed JSON) flags as sensitive, anywhere. `source`, the JSON text it
 * was parsed from, lets numbers beyond JavaScript's precision be found by their literal digits;
 * without it such a number is a doubt.
 */
export function collectSensitiveValues(plan: unknown, source?: string): SensitiveValues {
  let literals: LossyLiterals | undefined;
  const c = new Collector(() =>
    source === undefined ? undefined : (literals ??= lossyNumberLiterals(source)),
  );
  if (!isJsonObject(plan)) {
    return { values: new Set(), doubts: ["the plan JSON is not an object"] };
  }
  collectResourceChanges(c, c.list(plan, "resource_changes"), "resource_changes");
  collectResourceChanges(c, c.list(plan, "resource_drift"), "resource_drift");
  c.list(plan, "deferred_changes").forEach((d, i) => {
    const rc = isJsonObject(d) ? d.resource_change : undefined;
    if (isJsonObject(rc))
      collectChange(c, rc.change, `deferred_changes[${i}].resource_change.change`);
    else if (rc !== undefined) c.doubts.add(`the plan's deferred_changes[${i}] is malformed`);
  });
  for (const change of Object.values(c.object(plan, "output_changes"))) {
    collectChange(c, change, "output_changes entry");
  }
  collectValues(c, c.section(plan, "planned_values", "", "object"), "planned_values.");
  const prior = c.section(plan, "prior_state", "", "object");
  collectValues(c, c.section(prior, "values", "prior_state.", "object"), "prior_state.values.");
  collectVariables(c, plan);
  return { values: c.values, doubts: [...c.doubts] };
}
