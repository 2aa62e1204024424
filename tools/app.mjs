#!/usr/bin/env node
/**
 * The app `npx cdktf synth` and `npm run synth` run (cdktf.json's "app"): bundles main.ts with
 * its dependencies into `.build/main.js` when a source changed since the last bundle, then runs
 * the bundle in this process.
 *
 * - One bundle, dependencies included: no module resolution at start-up, and the bundle's hash
 *   names everything that shapes the output, so the app can skip regenerating
 *   `terraform-modules/` when neither the bundle nor the files on disk changed.
 * - Rebuilt only when an input of the last bundle changed size or is newer than it (esbuild's
 *   metafile lists the inputs); a config passed by `PLATFORM_CONFIG` is read at run time, so it
 *   never needs a rebuild.
 * - Node's compile cache (Node 22.1+) keeps V8's compiled bundle between runs.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as nodeModule from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const project = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = join(project, ".build");
const bundle = join(buildDir, "main.js");
const metafile = join(buildDir, "main.meta.json");
const buildIdFile = join(buildDir, "main.id");

function isStale() {
  if (!fs.existsSync(bundle) || !fs.existsSync(metafile)) return true;
  const built = fs.statSync(bundle).mtimeMs;
  const { inputs } = JSON.parse(fs.readFileSync(metafile, "utf8"));
  return Object.entries(inputs).some(([file, { bytes }]) => {
    const stat = fs.statSync(join(project, file), { throwIfNoEntry: false });
    return !stat || stat.size !== bytes || stat.mtimeMs > built;
  });
}

async function build() {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: project,
    entryPoints: ["main.ts"],
    bundle: true,
    platform: "node",
    target: "node20",
    // Loaded only to read a `.ts`/`.js` PLATFORM_CONFIG, and esbuild resolves its own binary.
    external: ["esbuild", "tsx", "tsx/*"],
    outfile: bundle,
    metafile: true,
    // Less to read and parse at every start; names are kept (cdktf reads some class names).
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "warning",
  });
  fs.writeFileSync(metafile, JSON.stringify({ inputs: result.metafile.inputs }));
  const id = createHash("sha256").update(fs.readFileSync(bundle)).digest("hex");
  fs.writeFileSync(buildIdFile, id);
}

if (isStale() || !fs.existsSync(buildIdFile)) await build();
process.env.PLATFORM_BUILD_ID = fs.readFileSync(buildIdFile, "utf8");
nodeModule.enableCompileCache?.(join(buildDir, "compile-cache"));
createRequire(import.meta.url)(bundle);
