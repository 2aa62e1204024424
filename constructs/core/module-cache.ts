import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ModuleFiles } from "./module-renderer";

/**
 * The generated modules depend on the code alone, never on the platform config, so a build
 * that already wrote them need not render them again: rendering is most of a synth. A stamp
 * records which build wrote which bytes; the modules are reused only when the build is the
 * same one and every file on disk still has the bytes it wrote (a hand edit or a checkout is
 * regenerated as before). Without a build id (the app run from source) they are always rendered.
 */
interface Stamp {
  readonly build: string;
  /** `<module>/<file>` → sha256 of the bytes written. */
  readonly files: Record<string, string>;
}

const sha256 = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex");

function stampPath(stampDir: string, modulesDir: string): string {
  return path.join(stampDir, `modules-${sha256(path.resolve(modulesDir)).slice(0, 16)}.json`);
}

function filesOnDisk(modulesDir: string): string[] {
  if (!fs.existsSync(modulesDir)) return [];
  return fs
    .readdirSync(modulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(modulesDir, d.name)).map((f) => `${d.name}/${f}`))
    .sort();
}

/** True when the build `build` wrote `modulesDir` and nothing there changed since. */
export function modulesAreCurrent(stampDir: string, modulesDir: string, build?: string): boolean {
  if (!build) return false;
  const file = stampPath(stampDir, modulesDir);
  if (!fs.existsSync(file)) return false;
  const stamp = JSON.parse(fs.readFileSync(file, "utf8")) as Stamp;
  if (stamp.build !== build) return false;
  const onDisk = filesOnDisk(modulesDir);
  const recorded = Object.keys(stamp.files).sort();
  if (onDisk.join("\n") !== recorded.join("\n")) return false;
  return onDisk.every(
    (rel) => sha256(fs.readFileSync(path.join(modulesDir, rel))) === stamp.files[rel],
  );
}

/** Records that the build `build` wrote these modules to `modulesDir`. */
export function stampModules(
  stampDir: string,
  modulesDir: string,
  build: string | undefined,
  modules: ReadonlyMap<string, ModuleFiles>,
): void {
  if (!build) return;
  const files: Record<string, string> = {};
  for (const [name, rendered] of modules)
    for (const [file, content] of Object.entries(rendered))
      files[`${name}/${file}`] = sha256(content);
  fs.mkdirSync(stampDir, { recursive: true });
  fs.writeFileSync(
    stampPath(stampDir, modulesDir),
    JSON.stringify({ build, files } satisfies Stamp),
  );
}
