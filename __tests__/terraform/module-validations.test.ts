import { MODULES } from "../../constructs";
import type { InputSpecs } from "../../constructs/core/module-spec";
import { ModuleCallInput, ModuleRoot } from "../support/module-root";
import { refusalsByCall } from "../support/plan-errors";
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

describeTerraform("every module input validation, tried with a bad value", () => {
  it("has a bad value for every rule", () => {
    const without = rules.filter(({ rule }) => rule.rejects === undefined);
    expect(without.map(({ spec, input, index }) => `${spec.name}.${input}[${index}]`)).toEqual([]);
  });

  it("refuses each call with the message of the rule it breaks", () => {
    const root = new ModuleRoot([...new Set(cases.map((c) => c.module))]).keepOnlyVariables();
    const refused = refusalsByCall(root, cases);
    const missed = cases
      .filter((c) => !refused.get(c.name)?.includes(c.message))
      .map((c) => `${c.rule}: expected "${c.message}", got: ${refused.get(c.name) ?? "no error"}`);
    expect(missed).toEqual([]);
  });
});
