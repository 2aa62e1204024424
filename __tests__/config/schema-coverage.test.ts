import { z } from "zod";
import { PROFILES, ProfileName } from "../../config/profiles";
import { resolvePlatform } from "../../config/resolve";
import {
  cacheSchema,
  databaseSchema,
  environmentSchema,
  platformSchema,
  serviceSchema,
} from "../../config/schema";
import { repositorySchema } from "../../config/delivery-fields";
import { FEATURE_CONFIGS } from "../support/feature-matrix";

/**
 * Blocks whose fields are the fields of another schema, applied to every entry: their fields
 * count where they land (`services[].cpu`); the block itself must be used once.
 */
const ALIASES: Readonly<Record<string, { readonly at: string; readonly schema: z.ZodType }>> = {
  serviceDefaults: { at: "services[]", schema: serviceSchema },
  serviceOverrides: { at: "services[]", schema: serviceSchema },
  databaseDefaults: { at: "databases.*", schema: databaseSchema },
  cacheDefaults: { at: "caches.*", schema: cacheSchema },
  repositoryDefaults: { at: "repositories.*", schema: repositorySchema },
};
/** Where each aliased field's profile default lives. */
const PROFILE_DEFAULTS: Readonly<Record<string, string>> = {
  "services[]": "serviceDefaults",
  "databases.*": "databaseDefaults",
  "caches.*": "cacheDefaults",
  "repositories.*": "repositoryDefaults",
};
/** Platform fields that hold environment blocks: walked with the environment schema. */
const ENVIRONMENT_BLOCKS = ["defaults", "environments"];

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap() as z.ZodType) : schema;
}

/** What a walk goes into next: an object's fields, a list's items, a map's values, or a leaf. */
function children(schema: z.ZodType): { key: string; schema: z.ZodType }[] | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject)
    return Object.entries(s.shape).map(([key, child]) => ({ key, schema: child as z.ZodType }));
  const inner = s instanceof z.ZodArray ? s.element : s instanceof z.ZodRecord ? s.valueType : null;
  if (inner && unwrap(inner as z.ZodType) instanceof z.ZodObject)
    return [{ key: s instanceof z.ZodArray ? "[]" : "*", schema: inner as z.ZodType }];
  return undefined;
}

const join = (path: string, key: string) =>
  path === "" ? key : key === "[]" ? `${path}[]` : `${path}.${key}`;

/** Every field of a schema, as `a.b`, `list[].c` and `map.*.d`; aliased blocks by their own name. */
function schemaFields(schema: z.ZodType, path = ""): string[] {
  const kids = children(schema);
  if (!kids) return [path];
  return kids.flatMap(({ key, schema: child }) =>
    path === "" && ALIASES[key] ? [key] : schemaFields(child, join(path, key)),
  );
}

/** The fields a config value sets to something other than `base` (the profile's value). */
function setFields(
  schema: z.ZodType,
  value: unknown,
  base: unknown,
  path: string,
  out: Set<string>,
): void {
  if (value === undefined) return;
  const kids = children(schema);
  if (!kids) {
    if (JSON.stringify(value) !== JSON.stringify(base)) out.add(path);
    return;
  }
  for (const { key, schema: child } of kids) {
    const items =
      key === "[]" ? (value as unknown[]) : key === "*" ? Object.values(value as object) : null;
    if (items) {
      for (const item of items) setFields(child, item, base, join(path, key), out);
    } else {
      const sub = (value as Record<string, unknown>)[key];
      setFields(
        child,
        sub,
        (base as Record<string, unknown> | undefined)?.[key],
        join(path, key),
        out,
      );
    }
  }
}

/** An environment block: aliased blocks and named entries compare with the profile's defaults. */
function environmentFields(block: Record<string, unknown>, profile: ProfileName, out: Set<string>) {
  const defaults = PROFILES[profile] as Record<string, unknown>;
  for (const [key, value] of Object.entries(block)) {
    const alias = ALIASES[key];
    if (alias) {
      out.add(key);
      const entries = key === "serviceOverrides" ? Object.values(value as object) : [value];
      for (const entry of entries)
        setFields(alias.schema, entry, defaults[PROFILE_DEFAULTS[alias.at]!], alias.at, out);
      continue;
    }
    const at =
      key === "services" ? "services[]" : ["databases", "caches"].includes(key) ? `${key}.*` : null;
    if (at) {
      const items = Array.isArray(value) ? value : Object.values(value as object);
      const schema = children(environmentSchema.shape[key as "services"])![0]!.schema;
      for (const item of items) setFields(schema, item, defaults[PROFILE_DEFAULTS[at]!], at, out);
      continue;
    }
    const schema = environmentSchema.shape[key as keyof typeof environmentSchema.shape];
    setFields(schema, value, defaults[key], key, out);
  }
}

function matrixFields(): Set<string> {
  const out = new Set<string>();
  for (const { config } of FEATURE_CONFIGS) {
    for (const [key, schema] of Object.entries(platformSchema.shape)) {
      if (!ENVIRONMENT_BLOCKS.includes(key))
        setFields(
          schema as z.ZodType,
          (config as unknown as Record<string, unknown>)[key],
          undefined,
          key,
          out,
        );
    }
    for (const env of resolvePlatform(config)) {
      const profile = env.settings.profile;
      environmentFields({ ...config.defaults }, profile, out);
      const own: Record<string, unknown> = { ...config.environments[env.name] };
      // An environment named after its profile needs no `profile`; one that sets it uses it.
      if (own.profile !== undefined) out.add("profile");
      delete own.profile;
      environmentFields(own, profile, out);
    }
  }
  return out;
}

describe("the feature matrix (__tests__/support/feature-matrix.ts)", () => {
  const platformFields = Object.entries(platformSchema.shape)
    .filter(([key]) => !ENVIRONMENT_BLOCKS.includes(key))
    .flatMap(([key, schema]) => schemaFields(schema as z.ZodType, key));
  const fields = [...platformFields, ...schemaFields(environmentSchema)];

  it("walks the schema into nested fields", () => {
    expect(fields).toEqual(
      expect.arrayContaining([
        "state.keyPrefix",
        "vpc.subnets.*.intra",
        "services[].volumes[].readOnly",
        "databases.*.serverlessV2.minCapacity",
        "api.jwtAuthorizers.*.audiences",
        "serviceDefaults",
        "audit.logRetentionDays",
      ]),
    );
  });

  it("sets every field of config/schema.ts to a non-default value in a planned config", () => {
    const set = matrixFields();
    expect(fields.filter((f) => !set.has(f))).toEqual([]);
  });
});
