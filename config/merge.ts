/**
 * Layers config objects: later layers win, objects merge key by key, arrays and scalars
 * replace, `undefined` never overrides.
 */
export function mergeLayers(...layers: readonly unknown[]): Record<string, unknown> {
  let result: Record<string, unknown> = {};
  for (const layer of layers) result = mergeTwo(result, layer) as Record<string, unknown>;
  return result;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function mergeTwo(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeTwo(base[k], v);
  return out;
}
