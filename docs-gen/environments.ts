import type { ResolvedEnvironment } from "../config/resolve";
import { GENERATED } from "./document";
import { code, table } from "./markdown";
import { natAzs } from "./network";

/**
 * Settings as `path → value` lines: objects by key, services by name (`services[eshop].cpu`),
 * lists of plain values joined. Paths are config paths, so a row names what to change.
 */
function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    const named = value.every((v) => typeof v === "object" && v !== null && "name" in v);
    if (named && value.length > 0) {
      for (const v of value) {
        const { name, ...rest } = v as { name: string };
        flatten(rest, `${path}[${name}]`, out);
      }
      return;
    }
    if (value.every((v) => typeof v !== "object" || v === null)) {
      out.set(path, value.length === 0 ? "(none)" : value.map(String).join(", "));
      return;
    }
    value.forEach((v, i) => flatten(v, `${path}.${i}`, out));
    return;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    for (const [key, v] of entries) flatten(v, path === "" ? key : `${path}.${key}`, out);
    return;
  }
  if (value !== undefined) out.set(path, String(value));
}

/** Blocks whose values the services and stores already carry. */
const APPLIED = new Set([
  "serviceDefaults",
  "databaseDefaults",
  "cacheDefaults",
  "serviceOverrides",
]);
/** Rows that are not config paths: what the settings imply. */
const DERIVED = ["Availability Zones", "NAT gateways"];

/** What an environment is, as the rows of the comparison: derived facts first, then settings. */
function facts(environment: ResolvedEnvironment): Map<string, string> {
  const out = new Map<string, string>([
    [DERIVED[0]!, environment.azs.join(", ")],
    [DERIVED[1]!, String(natAzs(environment).length)],
  ]);
  // The *Defaults blocks and the overrides are already applied to each service and store.
  const applied = Object.entries(environment.settings).filter(([key]) => !APPLIED.has(key));
  flatten(Object.fromEntries(applied), "", out);
  return out;
}

/** `docs/platform/environments.md`: the environments side by side, one row per difference. */
export function environmentsDocument(environments: readonly ResolvedEnvironment[]): string {
  const all = environments.map(facts);
  const paths: string[] = [];
  for (const f of all) for (const p of f.keys()) if (!paths.includes(p)) paths.push(p);
  const differing = paths.filter((p) => new Set(all.map((f) => f.get(p))).size > 1);
  const names = environments.map((e) => e.name);
  const rows = differing.map((p) => [
    DERIVED.includes(p) ? p : code(p),
    ...all.map((f) => f.get(p) ?? ""),
  ]);
  return (
    [
      GENERATED,
      `# ${environments[0]?.project ?? "platform"}: environments compared`,
      `${names.map((n) => `[${n}](${n}.md)`).join(", ")} side by side, after profiles: one row per setting whose effective value differs (a dash: not set in that environment). ${paths.length - differing.length} of ${paths.length} settings are the same everywhere and are not shown.`,
      table(["setting", ...names], rows),
    ].join("\n\n") + "\n"
  );
}
