/**
 * `npm run modules`: writes `terraform-modules/` from the constructs.
 * `npm run modules -- --check`: writes nothing; exits 1 listing what differs.
 */
import * as path from "node:path";
import { MODULE_STACKS } from "../constructs";
import { diffModules, generateModules, writeModules } from "../constructs/core/generate";

export const MODULES_DIR = path.resolve(__dirname, "..", "terraform-modules");

function main(argv: readonly string[]): number {
  const unknown = argv.filter((a) => a !== "--check");
  if (unknown.length > 0) {
    console.error(
      `generate-modules: unknown argument ${unknown.map((a) => `"${a}"`).join(", ")}; allowed: --check`,
    );
    return 2;
  }
  const modules = generateModules(MODULE_STACKS);
  if (argv.includes("--check")) {
    const drift = diffModules(MODULES_DIR, modules);
    if (drift.length === 0) {
      console.log(`terraform-modules/ is up to date (${modules.size} modules).`);
      return 0;
    }
    console.error(
      "terraform-modules/ differs from what the constructs generate; run `npm run modules`:",
    );
    for (const d of drift) console.error(`  ${d.problem.padEnd(10)} terraform-modules/${d.file}`);
    return 1;
  }
  const changed = writeModules(MODULES_DIR, modules);
  console.log(
    changed.length === 0
      ? `terraform-modules/ already up to date (${modules.size} modules).`
      : `wrote ${changed.map((f) => `terraform-modules/${f}`).join(", ")}`,
  );
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
