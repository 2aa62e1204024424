/**
 * `npx cdktf synth`: validates the platform config, regenerates `terraform-modules/`, and
 * writes one Terraform root per environment to `cdktf.out/stacks/<env>/`. Invalid config
 * stops it before anything is written.
 */
import { App } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadPlatformConfig } from "./config/load";
import { ConfigValidationError } from "./config/errors";
import { resolvePlatform } from "./config/resolve";
import { MODULE_STACKS } from "./constructs";
import { skipTokenCreationStacks } from "./constructs/core/creation-stacks";
import { generateModules, writeModules } from "./constructs/core/generate";
import { modulesAreCurrent, stampModules } from "./constructs/core/module-cache";
import { EnvironmentStack } from "./stacks/environment-stack";

/** The project directory: where cdktf.json is, whether this runs from source or from the bundle. */
function projectDir(from = __dirname): string {
  return fs.existsSync(path.join(from, "cdktf.json")) ? from : projectDir(path.dirname(from));
}

/** Where the app's bundle and its caches live (see tools/app.mjs). */
const BUILD_DIR = path.join(projectDir(), ".build");

/** Where modules are written and called from; tests point it at a scratch copy. */
const MODULES_DIR = path.resolve(
  process.env.TERRAFORM_MODULES_DIR ?? path.join(projectDir(), "terraform-modules"),
);

function main(): void {
  skipTokenCreationStacks();
  const { config, only } = loadPlatformConfig();
  const environments = resolvePlatform(config, only);
  // Everything is built in memory first, so a construct error also leaves the disk untouched.
  const build = process.env.PLATFORM_BUILD_ID;
  const modules = modulesAreCurrent(BUILD_DIR, MODULES_DIR, build)
    ? undefined
    : generateModules(MODULE_STACKS);
  const app = new App({ stackTraces: false });
  for (const environment of environments) {
    new EnvironmentStack(app, { environment, modulesDir: MODULES_DIR });
  }
  if (modules) {
    writeModules(MODULES_DIR, modules);
    stampModules(BUILD_DIR, MODULES_DIR, build, modules);
  }
  app.synth();
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigValidationError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
