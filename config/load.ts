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
  const loaded = readConfigFile(full, file);
  const config = full.endsWith(".json")
    ? loaded
    : ((loaded as ConfigModule).default ?? (loaded as ConfigModule).platform);
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

interface ConfigModule {
  readonly default?: unknown;
  readonly platform?: unknown;
}

/**
 * A `.json` file is parsed; a module (`.ts`, `.js`, ...) is loaded through tsx, so TypeScript and
 * its relative imports (`../config/...`) work the same from source and from the esbuild bundle
 * `cdktf synth` runs. A file that cannot be read becomes config errors, one per problem, with
 * the file, line and column.
 */
function readConfigFile(full: string, given: string): unknown {
  const fail = (messages: readonly string[]) =>
    new ConfigValidationError(
      messages.map((message) => ({
        environment: "platform",
        path: CONFIG_VAR,
        value: given,
        message,
      })),
    );
  if (full.endsWith(".json")) {
    const text = fs.readFileSync(full, "utf8");
    try {
      return JSON.parse(text);
    } catch (error) {
      throw fail([describeJsonError(error as Error, full, text)]);
    }
  }
  // Loaded lazily: only a module config pays for tsx's start-up. The package's own types need
  // `exports`-aware resolution, which this project's CommonJS settings do not use.
  const tsx = require("tsx/cjs/api") as { require: (id: string, fromFile: string) => unknown };
  try {
    return tsx.require(full, __filename);
  } catch (error) {
    if (error instanceof ConfigValidationError) throw error;
    throw fail(describeLoadError(error));
  }
}

/** A file as the user would type it: relative to the working directory when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** V8 names an offset (`at position N`, plus line and column on newer Node versions). */
function describeJsonError(error: Error, file: string, text: string): string {
  const match = /^(.*?) in JSON at position (\d+)/.exec(error.message);
  if (!match) return `invalid JSON in ${shown(file)}: ${error.message}`;
  const before = text.slice(0, Number(match[2])).split("\n");
  return `invalid JSON at ${shown(file)}:${before.length}:${before.at(-1)!.length + 1}: ${match[1]}`;
}

/**
 * esbuild (inside tsx) reports syntax errors as `<file>:<line>:<column>: ERROR: <text>` lines;
 * anything else was thrown while the module ran, located by its first stack frame in user code.
 */
function describeLoadError(error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  const syntax = [...message.matchAll(/^(.+):(\d+):(\d+): ERROR: (.+)$/gm)];
  if (syntax.length > 0) {
    return syntax.map(
      ([, file, line, column, text]) =>
        `syntax error at ${shown(file!)}:${line}:${column}: ${text}`,
    );
  }
  const summary = error instanceof Error ? `${error.name}: ${message.split("\n")[0]}` : message;
  const frame = error instanceof Error ? userFrame(error.stack ?? "") : undefined;
  return [`failed while loading${frame ? ` at ${frame}` : ""}: ${summary}`];
}

/** The first `at` frame outside node_modules and Node's internals, as `<file>:<line>:<column>`. */
function userFrame(stack: string): string | undefined {
  for (const [, file, line, column] of stack.matchAll(
    /^\s+at .*?\(?([^\s()]+?)(?:\?[^\s():]*)?:(\d+):(\d+)\)?$/gm,
  )) {
    if (file!.startsWith("node:") || file!.split(path.sep).includes("node_modules")) continue;
    return `${shown(file!)}:${line}:${column}`;
  }
  return undefined;
}
