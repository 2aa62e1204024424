import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigValidationError } from "./errors";
import { defaultPlatform } from "./platform";

/** Path of a config module (`.ts`, `.js` or `.json`) to build instead of the built-in platform. */
export const CONFIG_VAR = "PLATFORM_CONFIG";
/** Comma-separated environment names to build (default: all). */
export const ENVIRONMENTS_VAR = "PLATFORM_ENVIRONMENTS";

export interface LoadedConfig {
  readonly config: unknown;
  /** Where it came from, for messages. */
  readonly source: string;
  readonly only?: readonly string[];
}

/**
 * Reads the platform config named by `PLATFORM_CONFIG` (its default export, or an export
 * named `platform`), or the built-in one. Problems with the variables themselves are
 * reported like config errors: named, with the value and what is allowed.
 */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const selection = env[ENVIRONMENTS_VAR];
  let only: string[] | undefined;
  if (selection !== undefined) {
    only = selection.split(",").map((s) => s.trim());
    if (only.length === 0 || only.some((s) => s === "")) {
      throw new ConfigValidationError([
        {
          environment: "platform",
          path: ENVIRONMENTS_VAR,
          value: selection,
          message: "must be a comma-separated list of environment names, e.g. dev,prod",
        },
      ]);
    }
  }
  const file = env[CONFIG_VAR];
  if (!file)
    return {
      config: defaultPlatform,
      source: "built-in config/platform.ts",
      ...(only ? { only } : {}),
    };
  const full = path.resolve(file);
  if (!fs.existsSync(full)) {
    throw new ConfigValidationError([
      {
        environment: "platform",
        path: CONFIG_VAR,
        value: file,
        message:
          "file not found; point it at a .ts, .js or .json module exporting the platform config",
      },
    ]);
  }
  const loaded = require(full) as { default?: unknown; platform?: unknown };
  const config = full.endsWith(".json") ? loaded : (loaded.default ?? loaded.platform);
  if (config === undefined) {
    throw new ConfigValidationError([
      {
        environment: "platform",
        path: CONFIG_VAR,
        value: file,
        message: "the module has no default export and no export named `platform`",
      },
    ]);
  }
  return { config, source: full, ...(only ? { only } : {}) };
}
