import { z } from "zod";
import type { Fail } from "./errors";
import { EnvironmentSettings, environmentSchema } from "./schema";

/**
 * What passed the schema of one environment: a top-level field only when it is valid as a
 * whole, and of the lists and maps of named things (services, databases, …) the entries that
 * are. The checks across fields run on this even when other fields have errors, so one run
 * reports everything.
 */
export type ParsedSettings = Partial<EnvironmentSettings>;

/** Names declared in an environment's config, whether or not their entry is valid. */
export interface Declared {
  readonly services: ReadonlySet<string>;
  readonly databases: ReadonlySet<string>;
  readonly caches: ReadonlySet<string>;
  readonly fileSystems: ReadonlySet<string>;
  readonly buckets: ReadonlySet<string>;
  readonly secrets: ReadonlySet<string>;
}

/** What each check across fields of one environment gets. */
export interface CheckContext {
  readonly env: string;
  /**
   * `<project>-<env>`, which prefixes resource names. Undefined when the project or the
   * environment name is invalid: that has its own error, and names built from it would only
   * add follow-on errors about their length.
   */
  readonly namePrefix?: string;
  readonly settings: ParsedSettings;
  /** A reference to a declared but invalid entry is not reported again as "no such …". */
  readonly declared: Declared;
  readonly fail: Fail;
}

/** Keeps what is valid of one merged environment block (see `ParsedSettings`). */
export function parseSettings(merged: Record<string, unknown>): ParsedSettings {
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(environmentSchema.shape)) {
    const value = lenient(schema, merged[key]);
    if (value !== INVALID) settings[key] = value;
  }
  return settings as ParsedSettings;
}

/** The names declared under `services`, `databases`, `caches`, `fileSystems`, `buckets` and `secrets`. */
export function declaredNames(merged: Record<string, unknown>): Declared {
  const keys = (v: unknown) => new Set(isMap(v) ? Object.keys(v) : []);
  const services = Array.isArray(merged.services) ? merged.services : [];
  return {
    services: new Set(
      services
        .map((s) => (s as { name?: unknown } | null)?.name)
        .filter((n): n is string => typeof n === "string"),
    ),
    databases: keys(merged.databases),
    caches: keys(merged.caches),
    fileSystems: keys(merged.fileSystems),
    buckets: keys(merged.buckets),
    secrets: keys(merged.secrets),
  };
}

const INVALID = Symbol("invalid");

/** The value if valid; for a list or map, the valid entries; otherwise `INVALID`. */
function lenient(schema: z.ZodType, value: unknown): unknown {
  const whole = schema.safeParse(value);
  if (whole.success) return whole.data;
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item) => {
      const parsed = (inner.element as z.ZodType).safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }
  if (inner instanceof z.ZodRecord && isMap(value)) {
    const entries = Object.entries(value).flatMap(([k, v]) => {
      const key = (inner.keyType as z.ZodType).safeParse(k);
      const item = (inner.valueType as z.ZodType).safeParse(v);
      return key.success && item.success ? [[k, item.data] as const] : [];
    });
    return Object.fromEntries(entries);
  }
  return INVALID;
}

/** A plain object (not null, not a list). */
export function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
