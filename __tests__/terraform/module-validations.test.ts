import { MODULES } from "../../constructs";
import type { InputSpecs } from "../../constructs/core/module-spec";
import { ModuleCallInput, ModuleRoot } from "../support/module-root";
import { rejectedPlan } from "../support/plan-errors";
import { describeTerraform } from "../support/terraform-suite";

/**
 * Every input validation of every module, tried with the bad value its spec names: each is one
 * module call (the README example with that one input, and whatever it is checked against,
 * replaced), all of them in one root so that a single init and plan cover them, and each call
 * must be refused with that rule's own message. The modules are cut down to their variables:
 * the rules live there, and the resources would only make every walk longer.
 */
interface RejectionCase extends ModuleCallInput {
  /** `<module>.<input>[<rule index>]`, as failures name it. */
  readonly rule: string;
  /** The rule's error message up to its first interpolation, whitespace collapsed. */
  readonly message: string;
}

/** `VALIDATION_MODULES=ecr,vpc` narrows the run to those modules while working on their rules. */
const only = process.env.VALIDATION_MODULES?.split(",");

const rules = MODULES.filter(({ spec }) => !only || only.includes(spec.name)).flatMap(({ spec }) =>
  Object.entries(spec.inputs as InputSpecs).flatMap(([input, declared]) =>
    (declared.validation ?? []).map((rule, index) => ({ spec, input, rule, index })),
  ),
);

const cases: RejectionCase[] = rules
  .filter(({ rule }) => rule.rejects !== undefined)
  .map(({ spec, input, rule, index }) => ({
    rule: `${spec.name}.${input}[${index}]`,
    name: `${spec.name.replace(/-/g, "_")}__${input}_${index}`,
    module: spec.name,
    inputs: { ...spec.example, ...rule.rejects.alongside, [input]: rule.rejects.value },
    message: rule.errorMessage.split("${")[0]!.replace(/\s+/g, " ").trim(),
  }));

/** Terraform's errors (whitespace collapsed) grouped by the module call each names. */
function errorsByCall(stderr: string): Map<string, string> {
  const byCall = new Map<string, string>();
  for (const error of stderr.split("Error: ").slice(1)) {
    const call = /in module\.([A-Za-z0-9_-]+)/.exec(error)?.[1] ?? "(no call)";
    byCall.set(call, `${byCall.get(call) ?? ""} ${error}`);
  }
  return byCall;
}

describeTerraform("every module input validation, tried with a bad value", () => {
  it("has a bad value for every rule", () => {
    const without = rules.filter(({ rule }) => rule.rejects === undefined);
    expect(without.map(({ spec, input, index }) => `${spec.name}.${input}[${index}]`)).toEqual([]);
  });

  // Terraform 1.11 reports no broken rule that reads a second variable once any call of the
  // plan breaks a rule on its own variable alone: calls it left without an error are planned
  // again, on their own, until every call has its answer.
  it("refuses each call with the message of the rule it breaks", () => {
    const root = new ModuleRoot([...new Set(cases.map((c) => c.module))]).keepOnlyVariables();
    root.writeCalls(cases).ws.init();
    const missed: string[] = [];
    let pending = cases;
    while (pending.length > 0) {
      root.writeCalls(pending);
      const byCall = errorsByCall(rejectedPlan(root.ws, "the calls with bad values"));
      const unanswered = pending.filter((c) => !byCall.has(c.name));
      for (const c of pending)
        if (byCall.has(c.name) && !byCall.get(c.name)!.includes(c.message))
          missed.push(`${c.rule}: expected "${c.message}", got: ${byCall.get(c.name)}`);
      if (unanswered.length === pending.length) {
        missed.push(...unanswered.map((c) => `${c.rule}: expected "${c.message}", got no error`));
        break;
      }
      pending = unanswered;
    }
    expect(missed).toEqual([]);
  });
});
