import { prepareOfflineRoot } from "../../tools/terraform/offline";
import { PlanJson, ResourceChange, TerraformWorkspace } from "../../tools/terraform/runner";
import { scratchDir, stackDir, SynthRun } from "./synth";

/** init, validate and plan one synthesized root offline; returns the plan JSON. */
export function planEnvironment(run: SynthRun, env: string): PlanJson {
  const root = prepareOfflineRoot({
    rootDir: stackDir(run, env),
    modulesDir: run.modulesDir,
    workDir: scratchDir(`plan-${env}`),
  });
  const ws = new TerraformWorkspace(root);
  ws.init();
  ws.validate();
  return ws.planJson();
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
