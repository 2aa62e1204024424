import { prepareOfflineRoot } from "../../tools/terraform/offline";
import { PlanJson, ResourceChange, TerraformWorkspace } from "../../tools/terraform/runner";
import { cachedPlan, treeHash } from "./plan-cache";
import { scratchDir, stackDir, SynthRun } from "./synth";

/** init, validate and plan one synthesized root offline; the plan JSON and Terraform's own text. */
export function planEnvironmentWithText(
  run: SynthRun,
  env: string,
): { json: PlanJson; text: string } {
  const rootDir = stackDir(run, env);
  return cachedPlan(treeHash([rootDir, run.modulesDir]), () => {
    const root = prepareOfflineRoot({
      rootDir,
      modulesDir: run.modulesDir,
      workDir: scratchDir(`plan-${env}`),
    });
    const ws = new TerraformWorkspace(root);
    ws.init();
    ws.validate();
    const json = ws.planJson();
    return { json, text: ws.run(["show", "-no-color", "plan.tfplan"]).stdout };
  });
}

export function planEnvironment(run: SynthRun, env: string): PlanJson {
  return planEnvironmentWithText(run, env).json;
}

export function changes(plan: PlanJson, type?: string): ResourceChange[] {
  return (plan.resource_changes ?? []).filter(
    (r) => r.mode !== "data" && (type === undefined || r.type === type),
  );
}

export function addresses(plan: PlanJson, type?: string): string[] {
  return changes(plan, type)
    .map((r) => r.address)
    .sort();
}

export function after(change: ResourceChange): Record<string, any> {
  return (change.change.after ?? {}) as Record<string, any>;
}

/** The module's configuration block from the plan, to check what expressions reference. */
export function moduleConfig(plan: PlanJson, call: string): { resources: any[] } {
  const root = (plan.configuration as any).root_module;
  return root.module_calls[call].module;
}
