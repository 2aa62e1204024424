import { VariableValidation } from "./module-spec";

/**
 * A count (days, weeks, months, minutes) that must be a whole number within AWS's limits.
 * With `nullable`, null passes too: Terraform does not short-circuit `||`, so the guard is a
 * conditional, which only evaluates the branch it takes.
 */
export function wholeNumberIn(
  variable: string,
  min: number,
  max: number,
  unit: string,
  nullable = false,
): VariableValidation {
  const v = `var.${variable}`;
  const check = `floor(${v}) == ${v} && ${v} >= ${min} && ${v} <= ${max}`;
  return {
    condition: nullable ? `${v} == null ? true : (${check})` : check,
    errorMessage: `${variable} must be ${nullable ? "null or " : ""}a whole number of ${unit} from ${min} to ${max}.`,
    rejects: { value: min + 0.5 },
  };
}
