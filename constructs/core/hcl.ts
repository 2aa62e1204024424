/** Renders plain JSON-like values as HCL, for README usage examples. */
export function toHcl(value: unknown, indent = 0): string {
  const pad = "  ".repeat(indent + 1);
  const close = "  ".repeat(indent);
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => typeof v !== "object" || v === null)) {
      return `[${value.map((v) => toHcl(v)).join(", ")}]`;
    }
    return `[\n${value.map((v) => `${pad}${toHcl(v, indent + 1)},`).join("\n")}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  if (entries.length === 0) return "{}";
  const width = Math.max(...entries.map(([k]) => hclKey(k).length));
  return `{\n${entries
    .map(([k, v]) => `${pad}${hclKey(k).padEnd(width)} = ${toHcl(v, indent + 1)}`)
    .join("\n")}\n${close}}`;
}

function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

/** The body of a `module "name" { … }` block: one `key = value` line per input. */
export function hclModuleBlock(
  name: string,
  source: string,
  inputs: Record<string, unknown>,
): string {
  const body = toHcl({ source, ...inputs }, 0);
  return `module "${name}" ${body}`;
}
