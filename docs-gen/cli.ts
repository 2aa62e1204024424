/**
 * `npm run docs`: the platform overviews of the config `npx cdktf synth` would build. The
 * built-in platform's go to `docs/platform/` (committed; a test fails when they are stale);
 * a config named by `PLATFORM_CONFIG` gets its own in `cdktf.out/docs/`. `--out <dir>` picks
 * another folder. Invalid config stops it before anything is written.
 */
import * as path from "node:path";
import { ConfigValidationError } from "../config/errors";
import { CONFIG_VAR, loadPlatformConfig } from "../config/load";
import { resolvePlatform } from "../config/resolve";
import { generateDocs, writeDocs } from "./index";

const PROJECT = path.resolve(__dirname, "..");
export const BUILT_IN_DOCS = path.join(PROJECT, "docs", "platform");

function main(argv: readonly string[]): void {
  const at = argv.indexOf("--out");
  if (at >= 0 && !argv[at + 1]) throw new Error("--out needs a directory");
  const { config, only } = loadPlatformConfig();
  const out =
    at >= 0
      ? path.resolve(argv[at + 1]!)
      : process.env[CONFIG_VAR]
        ? path.join(PROJECT, "cdktf.out", "docs")
        : BUILT_IN_DOCS;
  const environments = resolvePlatform(config, only);
  // A selection (PLATFORM_ENVIRONMENTS) leaves the other environments' documents alone.
  writeDocs(out, generateDocs(environments), only === undefined);
  console.log(
    `platform docs: ${environments.map((e) => e.name).join(", ")} → ${path.relative(process.cwd(), out) || "."}`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigValidationError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
