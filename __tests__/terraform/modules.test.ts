import * as fs from "node:fs";
import * as path from "node:path";
import { MODULES } from "../../constructs";
import { offlineOverride, OFFLINE_OVERRIDE_FILE } from "../../tools/terraform/offline";
import { TerraformWorkspace } from "../../tools/terraform/runner";
import { changes } from "../support/plan";
import { COMMITTED_MODULES, scratchDir } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

const names = MODULES.map((m) => m.spec.name);

describeTerraform("every generated module, with real Terraform", () => {
  it.each(names)("%s: init + validate on its own", (name) => {
    const dir = path.join(scratchDir(`module-${name}`), name);
    fs.cpSync(path.join(COMMITTED_MODULES, name), dir, { recursive: true });
    const ws = new TerraformWorkspace(dir);
    ws.init();
    ws.validate();
  });

  it.each(names)("%s: the README's example call plans offline, creating only", (name) => {
    const { example } = MODULES.find((m) => m.spec.name === name)!.spec;
    const root = scratchDir(`module-example-${name}`);
    fs.cpSync(path.join(COMMITTED_MODULES, name), path.join(root, "module"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "main.tf.json"),
      JSON.stringify({
        provider: { aws: { region: "eu-north-1" } },
        module: { example: { source: "./module", ...example } },
      }),
    );
    fs.writeFileSync(
      path.join(root, OFFLINE_OVERRIDE_FILE),
      JSON.stringify({ provider: offlineOverride.provider }),
    );
    const ws = new TerraformWorkspace(root);
    ws.init();
    const plan = ws.planJson();
    expect(changes(plan).length).toBeGreaterThan(0);
    expect(changes(plan).every((c) => c.change.actions.join() === "create")).toBe(true);
  });
});
