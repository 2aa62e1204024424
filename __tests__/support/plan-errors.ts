import { TerraformError, TerraformWorkspace } from "../../tools/terraform/runner";
import { ModuleRoot } from "./module-root";

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
  return error.result.stderr.replace(/\s+/g, " ");
}

/**
 * Writes `calls` of one module into a fresh root, initialises it and returns the errors of its
 * rejected plan (see `rejectedPlan`).
 */
export function rejectedCalls(
  module: string,
  calls: Record<string, Record<string, unknown>>,
): string {
  const root = new ModuleRoot(module).write(calls);
  root.ws.init();
  return rejectedPlan(root.ws);
}
