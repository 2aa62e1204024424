import { MODULES } from "../../constructs";
import { ModuleRoot } from "../support/module-root";
import { type PlanJson } from "../../tools/terraform/runner";
import { changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const names = MODULES.map((m) => m.spec.name);
const callName = (module: string) => module.replace(/-/g, "_");

describeTerraform("every generated module, with real Terraform", () => {
  // Every module, called with its README example from one consumer root: one init, validate
  // (which checks every module's configuration as a consumer calls it, including modules with
  // `configuration_aliases`, which Terraform cannot validate on their own) and plan, instead of
  // one of each per module (each Terraform run loads the AWS provider's schema, which is most of
  // its time).
  let plan: PlanJson;
  beforeAll(() => {
    const { ws } = new ModuleRoot(names).writeCalls(
      MODULES.map(({ spec }) => ({
        name: callName(spec.name),
        module: spec.name,
        inputs: spec.example,
      })),
    );
    ws.init();
    ws.validate();
    plan = ws.planJson();
  });

  it.each(names)(
    "%s: validates, and the README's example call plans offline, creating only",
    (name) => {
      const own = changes(plan).filter((c) => c.address.startsWith(`module.${callName(name)}.`));
      expect(own.length).toBeGreaterThan(0);
      expect(own.filter((c) => c.change.actions.join() !== "create")).toEqual([]);
    },
  );
});
