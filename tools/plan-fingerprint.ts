/**
 * `npx tsx tools/plan-fingerprint.ts PLAN.json [--list]`: a stable SHA-256 of what a plan does.
 *
 * The apply workflow re-plans after merge and applies only when this fingerprint equals the one
 * recorded from the plan reviewed on the pull request, so nothing unreviewed (a change merged in
 * between, drift, a different resource set) is applied silently. It covers which resource
 * instances change and how (address + actions, plus moves and imports), deliberately not
 * attribute values: those hold unknowns, timestamps and secrets that would differ run to run.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { UsageError } from "./plan-summary/cli-args";
import {
  parsePlan,
  PlanFormatError,
  type PlanModel,
  type PlannedChange,
} from "./plan-summary/plan-model";

const USAGE = `Usage: npx tsx tools/plan-fingerprint.ts PLAN.json [--list]

Prints a SHA-256 over the sorted "address actions" lines of the plan's resource changes that are
not no-ops (moves and imports count even when nothing else changes).

  PLAN.json   \`terraform show -json PLANFILE\` output.
  --list      Print the lines that are hashed instead of the hash (to see why two plans differ).
  --help      Show this help.

Exit codes: 0 printed, 1 the plan errored (a partial plan is never fingerprinted), 2 bad arguments or file.`;

/** A moved or imported instance changes state even when its actions are a no-op. */
function matters(change: PlannedChange): boolean {
  return change.kind !== "no-op" || change.previousAddress !== undefined || change.importing;
}

function line(change: PlannedChange): string {
  const deposed = change.deposed === undefined ? "" : ` deposed=${change.deposed}`;
  const moved = change.previousAddress === undefined ? "" : ` from=${change.previousAddress}`;
  const imported = change.importing ? " import" : "";
  // Actions keep Terraform's order: delete,create and create,delete are different replacements.
  return `${change.address}${deposed} ${change.actions.join(",")}${moved}${imported}`;
}

/** The canonical lines the fingerprint hashes, sorted so resource order in the JSON is irrelevant. */
export function fingerprintLines(plan: PlanModel): string[] {
  return plan.changes
    .filter(matters)
    .map(line)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function planFingerprint(plan: PlanModel): string {
  const hash = createHash("sha256");
  for (const entry of fingerprintLines(plan)) hash.update(`${entry}\n`);
  return hash.digest("hex");
}

function readPlan(file: string): PlanModel {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read ${JSON.stringify(file)} as JSON: ${(e as Error).message}`);
  }
  try {
    return parsePlan(raw);
  } catch (e) {
    if (e instanceof PlanFormatError) throw new UsageError(`${JSON.stringify(file)}: ${e.message}`);
    throw e;
  }
}

/** undefined means --help. */
function parseFingerprintArgs(
  argv: readonly string[],
): { file: string; list: boolean } | undefined {
  const files: string[] = [];
  let list = false;
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") return undefined;
    if (arg === "--list") list = true;
    else if (arg.startsWith("-")) {
      throw new UsageError(
        `unknown flag ${JSON.stringify(arg)}; allowed: PLAN.json, --list, --help`,
      );
    } else files.push(arg);
  }
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0) {
    throw new UsageError(
      `expected exactly one PLAN.json, got ${JSON.stringify(files)}; see --help`,
    );
  }
  return { file, list };
}

export function main(
  argv: readonly string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
  err: (text: string) => void = (t) => process.stderr.write(t),
): number {
  try {
    const args = parseFingerprintArgs(argv);
    if (args === undefined) {
      out(`${USAGE}\n`);
      return 0;
    }
    const plan = readPlan(args.file);
    if (plan.errored) {
      err(`plan-fingerprint: ${args.file}: the plan errored; a partial plan has no fingerprint\n`);
      return 1;
    }
    const lines = args.list ? fingerprintLines(plan) : [planFingerprint(plan)];
    out(lines.map((l) => `${l}\n`).join(""));
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`plan-fingerprint: ${e.message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
