#!/usr/bin/env node
/**
 * `npm run synth`: the same app `npx cdktf synth` runs (cdktf.json's "app"), without the cdktf
 * CLI in front of it: identical output in `cdktf.out/`, about 3 s sooner, and each config error
 * printed once (the CLI repeats a failing app's output). Use `npx cdktf synth` where the CLI
 * itself is wanted; both write the same bytes.
 *
 * An app that is `node <script>` runs in this process (one Node start, not two); any other
 * command runs through the shell, as the CLI runs it.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const project = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { app, output } = JSON.parse(readFileSync(join(project, "cdktf.json"), "utf8"));
process.env.CDKTF_OUTDIR ??= join(project, output);
const script = /^node\s+(\S+)$/.exec(app.trim())?.[1];
if (script) {
  process.chdir(project);
  await import(pathToFileURL(resolve(project, script)).href);
} else {
  const result = spawnSync("sh", ["-c", app], { cwd: project, stdio: "inherit" });
  process.exit(result.status ?? 1);
}
