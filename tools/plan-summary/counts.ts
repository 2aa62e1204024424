/**
 * Counts that match Terraform's own `Plan:` line. The rules mirror Terraform's human renderer
 * (internal/command/jsonformat/plan.go): only managed resources count; a replacement is one add
 * and one destroy; an import is any change with an `importing` block, whatever its action; moves,
 * reads and forgets are not in the line. Terraform 1.11 prints no forget count at all, so forgets
 * (and the other extras) only get columns of their own in the summary table.
 */
import type { PlanModel } from "./plan-model";

export interface ChangeCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Replacements, already included once in `add` and once in `destroy`. */
  readonly replace: number;
  readonly import: number;
  readonly move: number;
  /** `forget` and `create-then-forget`: dropped from state without being destroyed. */
  readonly forget: number;
  /** Entries in `resource_drift`: objects that changed outside Terraform. */
  readonly drift: number;
  /** Data sources read during apply. */
  readonly read: number;
  /** Resource instances whose action list this tool does not know. */
  readonly unrecognised: number;
  /** Output values that change (any action but no-op). */
  readonly outputs: number;
}

type Tally = { -readonly [K in keyof ChangeCounts]: number };

export function countChanges(plan: PlanModel): ChangeCounts {
  const tally: Tally = {
    add: 0,
    change: 0,
    destroy: 0,
    replace: 0,
    import: 0,
    move: 0,
    forget: 0,
    drift: plan.driftCount,
    read: 0,
    unrecognised: 0,
    outputs: plan.outputs.filter((o) => o.kind !== "no-op").length,
  };
  for (const c of plan.changes) {
    if (c.mode !== "managed") {
      if (c.kind === "read") tally.read++;
      continue;
    }
    if (c.importing) tally.import++;
    if (c.previousAddress !== undefined) tally.move++;
    switch (c.kind) {
      case "create":
        tally.add++;
        break;
      case "update":
        tally.change++;
        break;
      case "delete":
        tally.destroy++;
        break;
      case "replace":
        tally.add++;
        tally.destroy++;
        tally.replace++;
        break;
      case "forget":
      case "create-then-forget":
        tally.forget++;
        break;
      case "unrecognised":
        tally.unrecognised++;
        break;
      case "read":
      case "no-op":
        break;
    }
  }
  return tally;
}

/** Terraform's `Plan:` line for these counts, worded exactly as Terraform 1.11 prints it. */
export function terraformPlanLine(c: ChangeCounts): string {
  const imports = c.import > 0 ? `${c.import} to import, ` : "";
  return `Plan: ${imports}${c.add} to add, ${c.change} to change, ${c.destroy} to destroy.`;
}

/** Deletes, replaces or forgets something that exists today. */
export function isDestructive(c: ChangeCounts): boolean {
  return c.destroy > 0 || c.forget > 0;
}

export function hasChanges(c: ChangeCounts): boolean {
  return (
    c.add + c.change + c.destroy + c.import + c.move + c.forget + c.unrecognised + c.outputs > 0
  );
}
