import { App } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputSpecs, OutputSpecs } from "./module-spec";
import { ModuleStack } from "./module-stack";
import { ModuleFiles, renderModule } from "./module-renderer";

type ModuleStackClass = new (scope: App) => ModuleStack<InputSpecs, OutputSpecs>;

/** Renders every module in memory: name → files. Nothing is written. */
export function generateModules(classes: readonly ModuleStackClass[]): Map<string, ModuleFiles> {
  // The app is never synthesized; it only hosts the module stacks while they render.
  const app = new App({
    outdir: path.join(os.tmpdir(), "unused-module-outdir"),
    skipValidation: true,
  });
  const result = new Map<string, ModuleFiles>();
  for (const Stack of classes) {
    const stack = new Stack(app);
    result.set(stack.spec.name, renderModule(stack));
  }
  return result;
}

export interface ModuleDrift {
  readonly file: string;
  readonly problem: "missing" | "differs" | "unexpected";
}

/** Compares generated modules with a `terraform-modules/` directory on disk. */
export function diffModules(root: string, modules: Map<string, ModuleFiles>): ModuleDrift[] {
  const drift: ModuleDrift[] = [];
  const expected = new Set<string>();
  for (const [name, files] of modules) {
    for (const [file, content] of Object.entries(files)) {
      const rel = path.join(name, file);
      expected.add(rel);
      const full = path.join(root, rel);
      if (!fs.existsSync(full)) drift.push({ file: rel, problem: "missing" });
      else if (fs.readFileSync(full, "utf8") !== content)
        drift.push({ file: rel, problem: "differs" });
    }
  }
  if (fs.existsSync(root)) {
    for (const name of fs.readdirSync(root)) {
      const dir = path.join(root, name);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir)) {
        const rel = path.join(name, file);
        if (!expected.has(rel)) drift.push({ file: rel, problem: "unexpected" });
      }
    }
  }
  return drift.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Writes the modules, touching only files whose content changed (each through a temporary
 * file and a rename, so a reader never sees half a file) and removing files no module makes.
 */
export function writeModules(root: string, modules: Map<string, ModuleFiles>): string[] {
  const changed: string[] = [];
  for (const { file, problem } of diffModules(root, modules)) {
    const full = path.join(root, file);
    if (problem === "unexpected") {
      fs.rmSync(full);
    } else {
      const [name, base] = [path.dirname(file), path.basename(file)];
      fs.mkdirSync(path.dirname(full), { recursive: true });
      const tmp = `${full}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, modules.get(name)![base]!);
      fs.renameSync(tmp, full);
    }
    changed.push(file);
  }
  return changed;
}
