import { MODULES } from "../../constructs";
import { exampleCall, scenarioPlan } from "../support/module-scenarios";
import { changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const names = MODULES.map((m) => m.spec.name);

describeTerraform("every generated module, with real Terraform", () => {
  // Every module, called with its README example from the suite's one consumer root (see
  // module-scenarios.ts): its `terraform plan` validates every module's configuration as a
  // consumer calls it, including modules with `configuration_aliases`, which Terraform cannot
  // validate on their own.
  it.each(names)(
    "%s: validates, and the README's example call plans offline, creating only",
    (name) => {
      const own = changes(scenarioPlan(exampleCall(name)));
      expect(own.length).toBeGreaterThan(0);
      expect(own.filter((c) => c.change.actions.join() !== "create")).toEqual([]);
    },
  );
});
