import * as fs from "node:fs";
import * as path from "node:path";
import { MODULES } from "../../constructs";
import { ModuleRoot } from "../support/module-root";
import { type PlanJson, TerraformWorkspace } from "../../tools/terraform/runner";
import { changes } from "../support/plan";
import { COMMITTED_MODULES, scratchDir } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

const names = MODULES.map((m) => m.spec.name);
const callName = (module: string) => module.replace(/-/g, "_");

describeTerraform("every generated module, with real Terraform", () => {
  // Terraform cannot validate a module with `configuration_aliases` on its own (it has no
  // configuration to bind the alias to); those are validated through the example's root below.
  const standalone = MODULES.filter((m) => !m.spec.providerAliases?.length).map((m) => m.spec.name);
  it.each(standalone)("%s: init + validate on its own", (name) => {
    const dir = path.join(scratchDir(`module-${name}`), name);
    fs.cpSync(path.join(COMMITTED_MODULES, name), dir, { recursive: true });
    const ws = new TerraformWorkspace(dir);
    ws.init();
    ws.validate();
  });

  // Every README example in one consumer root: one init, validate and plan instead of one per
  // module (each Terraform run loads the AWS provider's schema, which is most of its time).
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

  it.each(names)("%s: the README's example call plans offline, creating only", (name) => {
    const own = changes(plan).filter((c) => c.address.startsWith(`module.${callName(name)}.`));
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((c) => c.change.actions.join() !== "create")).toEqual([]);
  });
});
