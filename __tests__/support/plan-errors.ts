import { TerraformError, TerraformWorkspace } from "../../tools/terraform/runner";
import type { ModuleCallInput, ModuleRoot } from "./module-root";

/**
 * Plans a root that must be rejected and returns Terraform's errors with whitespace collapsed,
 * so one plan can check the messages of several bad module calls at once.
 */
export function rejectedPlan(ws: TerraformWorkspace, what = "the plan"): string {
  let error: unknown;
  try {
    ws.planJson();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof TerraformError)) throw new Error(`expected ${what} to be rejected`);
  return collapsed(error.result.stderr);
}

/** Terraform wraps long messages: compared on single spaces. */
function collapsed(stderr: string): string {
  return stderr.replace(/\s+/g, " ");
}

/** Terraform's errors (whitespace collapsed) by the module call each names. */
function errorsByCall(errors: string): Map<string, string> {
  const byCall = new Map<string, string>();
  for (const error of errors.split("Error: ").slice(1)) {
    const call = /in module\.([A-Za-z0-9_-]+)/.exec(error)?.[1] ?? "(no call)";
    byCall.set(call, `${byCall.get(call) ?? ""} ${error}`);
  }
  return byCall;
}

/**
 * Initializes the root with bad module calls, plans them and returns each refused call's errors
 * (whitespace collapsed) by call name; a call missing from the map was accepted. Terraform 1.11
 * reports no broken rule that reads a second variable once any call breaks a rule on its own
 * variable alone, and some such rules only once another's passed, so the calls left without an
 * error are planned again, on their own, until a plan answers none of them.
 */
export function refusalsByCall(
  root: ModuleRoot,
  calls: readonly ModuleCallInput[],
): Map<string, string> {
  // init installs the calls it sees, so it sees them all.
  root.writeCalls(calls).ws.init();
  const refused = new Map<string, string>();
  let pending = calls;
  while (pending.length > 0) {
    root.writeCalls(pending);
    const result = root.ws.run(["plan", "-input=false", "-no-color", "-lock=false"], {
      okCodes: [0, 1],
    });
    const byCall = errorsByCall(collapsed(result.stderr));
    for (const [call, errors] of byCall) refused.set(call, errors);
    const unanswered = pending.filter((c) => !byCall.has(c.name));
    if (unanswered.length === pending.length) break;
    pending = unanswered;
  }
  return refused;
}

/** A module call that Terraform must refuse, and the message (or its start) it must give. */
export interface BadCall extends ModuleCallInput {
  /** Compared with whitespace collapsed: Terraform wraps long messages. */
  readonly message: string;
  /** What the test is called; default: the call's name. */
  readonly label?: string;
}

/**
 * In the enclosing `describe`: plans every bad call in `root` once (`refusalsByCall`), and one
 * test per call that it was refused with its own message.
 */
export function itRefusesEachCall(root: () => ModuleRoot, calls: readonly BadCall[]): void {
  let refused: Map<string, string>;
  beforeAll(() => {
    refused = refusalsByCall(root(), calls);
  });
  it.each(calls.map((call) => [call.label ?? call.name, call] as const))(
    "refuses %s with its message",
    (_label, call) => expect(refused.get(call.name) ?? "no error").toContain(call.message),
  );
}
