import { TerraformError, TerraformWorkspace } from "../../tools/terraform/runner";

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
