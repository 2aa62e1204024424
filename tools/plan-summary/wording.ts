/** Plain-English wording for Terraform's action lists and `action_reason` codes. */
import type { ChangeKind, PlannedChange } from "./plan-model";

/** The `action_reason` values Terraform documents (internal/command/jsonplan), in words. */
const REASONS = new Map<string, string>([
  ["replace_because_cannot_update", "an argument that forces replacement changed"],
  ["replace_because_tainted", "it is tainted"],
  ["replace_by_request", "replacement was requested (-replace)"],
  ["replace_by_triggers", "replace_triggered_by changed"],
  ["delete_because_no_resource_config", "its resource block is no longer in the configuration"],
  ["delete_because_no_module", "its module is no longer in the configuration"],
  ["delete_because_wrong_repetition", "it switched between count, for_each and a single instance"],
  ["delete_because_count_index", "its index is out of range for count"],
  ["delete_because_each_key", "its key is no longer in for_each"],
  ["delete_because_no_move_target", "it was moved to an address that is not in the configuration"],
  ["read_because_config_unknown", "its configuration refers to values not yet known"],
  ["read_because_dependency_pending", "it depends on a resource or module with changes pending"],
  ["read_because_check_nested", "a check block reads it again"],
]);

/** Words for a known reason; undefined for a reason this tool has not met (show it raw). */
export function reasonInWords(reason: string): string | undefined {
  return REASONS.get(reason);
}

const KIND_WORDS: Readonly<Record<Exclude<ChangeKind, "replace" | "unrecognised">, string>> = {
  create: "create",
  update: "update in place",
  delete: "delete",
  read: "read",
  "no-op": "no change",
  forget: "forget (drop from state, keep the object)",
  "create-then-forget": "replace, forgetting the old object instead of destroying it",
};

/**
 * What will happen to the instance, e.g. "replace (create the new one, then delete the old)".
 * An action list this tool does not know comes from the plan as is, so `quote` (the Markdown or
 * terminal escaping of the caller) shows it, as a JSON list.
 */
export function actionInWords(
  change: Pick<PlannedChange, "kind" | "actions">,
  quote: (text: string) => string,
): string {
  switch (change.kind) {
    case "replace":
      return change.actions[0] === "create"
        ? "replace (create the new one, then delete the old)"
        : "replace (delete, then create)";
    case "unrecognised":
      return `unrecognised actions ${quote(JSON.stringify(change.actions))}`;
    default:
      return KIND_WORDS[change.kind];
  }
}
