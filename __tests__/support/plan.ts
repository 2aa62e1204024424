import { prepareOfflineRoot } from "../../tools/terraform/offline";
import { PlanJson, ResourceChange, TerraformWorkspace } from "../../tools/terraform/runner";
import { cachedPlan, treeHash } from "./plan-cache";
import { scratchDir, stackDir, SynthRun } from "./synth";

/**
 * init and plan one synthesized root offline: the plan JSON and the root's working directory.
 * No separate `terraform validate`: `plan` runs the same validation first and stops on any
 * error, and each Terraform run loads the AWS provider's schema (seconds, not milliseconds).
 */
function planRoot(run: SynthRun, env: string): { key: string; json: PlanJson; workDir: string } {
  const rootDir = stackDir(run, env);
  const key = treeHash([rootDir, run.modulesDir]);
  const planned = cachedPlan(key, () => {
    const root = prepareOfflineRoot({
      rootDir,
      modulesDir: run.modulesDir,
      workDir: scratchDir(`plan-${env}`),
    });
    const ws = new TerraformWorkspace(root);
    ws.init();
    return { json: ws.planJson(), workDir: root };
  });
  return { key, ...planned };
}

/** The plan JSON and Terraform's own text of the plan (`terraform show`), for the few who read it. */
export function planEnvironmentWithText(
  run: SynthRun,
  env: string,
): { json: PlanJson; text: string } {
  const { key, json, workDir } = planRoot(run, env);
  const text = cachedPlan(
    `${key}-text`,
    () => new TerraformWorkspace(workDir).run(["show", "-no-color", "plan.tfplan"]).stdout,
  );
  return { json, text };
}

export function planEnvironment(run: SynthRun, env: string): PlanJson {
  return planRoot(run, env).json;
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
