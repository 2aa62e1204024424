import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Set by the jest global setup: one cache per test run, removed when the run ends. */
export const PLAN_CACHE_VAR = "PLATFORM_PLAN_CACHE";

/** Content hash of every file below the given directories (names and bytes). */
export function treeHash(dirs: readonly string[]): string {
  const hash = createHash("sha256");
  const walk = (dir: string, rel: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".terraform")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${rel}/${entry.name}`);
      else if (entry.isFile()) hash.update(`${rel}/${entry.name}\0`).update(fs.readFileSync(full));
    }
  };
  dirs.forEach((dir, i) => walk(dir, String(i)));
  return hash.digest("hex");
}

/**
 * Runs `produce` once per distinct input within a test run: suites that plan the same root
 * (the built-in prod root is asserted by several) share one real `terraform plan`. Keyed by
 * content, so a cached result is the result the same plan would give; without the global
 * setup (a single file run directly) nothing is cached.
 */
export function cachedPlan<T>(key: string, produce: () => T): T {
  const dir = process.env[PLAN_CACHE_VAR];
  if (!dir) return produce();
  const file = path.join(dir, `${key}.json`);
  const lock = path.join(dir, `${key}.lock`);
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker is planning the same root: wait for its result.
      if (Date.now() > deadline) return produce();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    const value = produce();
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(value));
    fs.renameSync(`${file}.tmp`, file);
    return value;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
