import { toHcl } from "./hcl";

/**
 * IAM policies kept as data: tests read the statements directly, and the module renders them
 * as `jsonencode({ … })`. String values may hold Terraform templates (`"arn:${var.x}"`); a
 * string that is exactly one interpolation (`"${local.subjects}"`) yields the referenced value
 * itself, so a list-valued local becomes a JSON array.
 */
export interface Statement {
  /** Alphanumeric statement id; tests and policy reviewers find statements by it. */
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: Readonly<Record<string, string>>;
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/** A statement present only while an HCL condition holds (a resource list that may be empty). */
export interface OptionalStatement {
  readonly when: string;
  readonly statement: Statement;
}

export type PolicyEntry = Statement | OptionalStatement;

export function isOptional(entry: PolicyEntry): entry is OptionalStatement {
  return "when" in entry;
}

/** Every statement of a policy, optional ones included, for assertions. */
export function statementsOf(entries: readonly PolicyEntry[]): Statement[] {
  return entries.map((e) => (isOptional(e) ? e.statement : e));
}

/** The HCL expression (without `${}`) that renders the policy as a JSON string. */
export function renderPolicy(entries: readonly PolicyEntry[]): string {
  // Consecutive fixed statements share one list; each optional one is `cond ? [s] : []`.
  const parts: string[] = [];
  let fixed: Statement[] = [];
  const flush = () => {
    if (fixed.length > 0) parts.push(toHcl(fixed, 1, "object"));
    fixed = [];
  };
  for (const entry of entries) {
    if (!isOptional(entry)) {
      fixed.push(entry);
      continue;
    }
    flush();
    parts.push(`${entry.when} ? ${toHcl([entry.statement], 1, "object")} : []`);
  }
  flush();
  const statements = parts.length === 1 ? parts[0]! : `concat(${parts.join(", ")})`;
  return `jsonencode({\n  Version   = "2012-10-17"\n  Statement = ${statements}\n})`;
}
