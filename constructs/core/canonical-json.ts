/**
 * Byte-stable JSON: object keys sorted, cdktf's `//` metadata (paths, versions) dropped,
 * two-space indent, trailing newline. Terraform gives key order in JSON objects no meaning,
 * so sorting changes nothing but makes re-synths and diffs stable.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key === "//") continue;
    sorted[key] = canonicalize((value as Record<string, unknown>)[key]);
  }
  return sorted;
}
