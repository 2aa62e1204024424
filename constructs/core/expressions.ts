import { Token } from "cdktf";

/**
 * Raw Terraform expressions. Module logic that must stay generic (for expressions over
 * `var.subnets`, conditionals on `var.nat_mode`) is Terraform's, not TypeScript's, so it is
 * written as HCL expressions and wrapped here into tokens of the type the binding expects.
 */
export const expr = {
  string: (hcl: string): string => Token.asString(`\${${hcl}}`),
  number: (hcl: string): number => Token.asNumber(`\${${hcl}}`),
  list: (hcl: string): string[] => Token.asList(`\${${hcl}}`),
  map: (hcl: string): { [key: string]: unknown } => Token.asAnyMap(`\${${hcl}}`),
  any: (hcl: string) => Token.asAny(`\${${hcl}}`),
  /** A boolean expression; cdktf has no boolean token type, so it travels as an opaque one. */
  bool: (hcl: string): boolean => Token.asAny(`\${${hcl}}`) as unknown as boolean,
};

/** `merge(var.tags, { Name = … })` with the Name rendered from an HCL template string. */
export function tagsWithName(nameTemplate: string, extra: Record<string, string> = {}) {
  const pairs = Object.entries({ Name: nameTemplate, ...extra })
    .map(([k, v]) => `${k} = "${v}"`)
    .join(", ");
  return expr.map(`merge(var.tags, { ${pairs} })`) as Record<string, string>;
}
