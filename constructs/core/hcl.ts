/** How `=` signs line up: as `terraform fmt` writes them, or every key of an object at once. */
export type HclAlignment = "fmt" | "object";

/**
 * Renders plain JSON-like values as HCL: README usage examples (`fmt`, so users can paste
 * them) and policy expressions inside generated modules (`object`, which their committed text
 * uses; the alignment inside an expression has no effect on what Terraform evaluates).
 */
export function toHcl(value: unknown, indent = 0, align: HclAlignment = "fmt"): string {
  const pad = "  ".repeat(indent + 1);
  const close = "  ".repeat(indent);
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => typeof v !== "object" || v === null)) {
      return `[${value.map((v) => toHcl(v, 0, align)).join(", ")}]`;
    }
    return `[\n${value.map((v) => `${pad}${toHcl(v, indent + 1, align)},`).join("\n")}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  if (entries.length === 0) return "{}";
  const rendered = entries.map(([k, v]) => ({
    key: hclKey(k),
    value: toHcl(v, indent + 1, align),
  }));
  // `terraform fmt` aligns the `=` of consecutive one-line attributes only: a value spanning
  // lines ends the run (its own `=` stays unaligned), and the next run aligns on its own.
  const widths = rendered.map(() => 0);
  let start = 0;
  rendered.forEach((entry, i) => {
    const multiLine = align === "fmt" && entry.value.includes("\n");
    if (multiLine || i === rendered.length - 1) {
      const end = multiLine ? i : i + 1;
      const width = Math.max(0, ...rendered.slice(start, end).map((e) => e.key.length));
      for (let j = start; j < end; j++) widths[j] = width;
      start = i + 1;
    }
  });
  return `{\n${rendered
    .map((e, i) => `${pad}${e.key.padEnd(widths[i]!)} = ${e.value}`)
    .join("\n")}\n${close}}`;
}

function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * The body of a `module "name" { … }` block: one `key = value` line per input, after the
 * `providers` map when the module takes aliased configurations (`aws.us_east_1`) or runs in
 * one (`defaultAddress`: `aws = aws.us_east_1`).
 */
export function hclModuleBlock(
  name: string,
  source: string,
  inputs: Record<string, unknown>,
  providerAddresses: readonly string[] = [],
  defaultAddress = "aws",
): string {
  const body = toHcl({ source, ...inputs }, 0);
  if (providerAddresses.length === 0 && defaultAddress === "aws") return `module "${name}" ${body}`;
  const map = [`aws = ${defaultAddress}`, ...providerAddresses.map((p) => `${p} = ${p}`)].join(
    ", ",
  );
  return `module "${name}" ${body.replace(/^\{\n/, `{\n  providers = { ${map} }\n\n`)}`;
}
