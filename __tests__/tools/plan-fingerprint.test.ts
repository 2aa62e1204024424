import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fingerprintLines, main, planFingerprint } from "../../tools/plan-fingerprint";
import { parsePlan } from "../../tools/plan-summary/plan-model";

type Change = Record<string, unknown>;

function rc(address: string, actions: string[], extra: Change = {}, change: Change = {}): Change {
  return {
    address,
    mode: "managed",
    type: "aws_s3_bucket",
    change: { actions, ...change },
    ...extra,
  };
}

function plan(...changes: Change[]): Record<string, unknown> {
  return { format_version: "1.2", resource_changes: changes };
}

const fingerprint = (raw: unknown) => planFingerprint(parsePlan(raw));

const BASE = [
  rc("aws_s3_bucket.logs", ["create"]),
  rc("module.vpc.aws_vpc.this", ["update"]),
  rc("aws_kms_key.main", ["delete", "create"]),
];

describe("planFingerprint", () => {
  it("is the SHA-256 of the sorted lines, and of nothing for an empty plan", () => {
    expect(fingerprint(plan())).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(fingerprintLines(parsePlan(plan(...BASE)))).toEqual([
      "aws_kms_key.main delete,create",
      "aws_s3_bucket.logs create",
      "module.vpc.aws_vpc.this update",
    ]);
    expect(fingerprint(plan(...BASE))).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on the order of resource_changes", () => {
    expect(fingerprint(plan(...[...BASE].reverse()))).toBe(fingerprint(plan(...BASE)));
  });

  it("ignores no-op changes and attribute values", () => {
    const withValues = BASE.map((c) => ({
      ...c,
      change: { ...(c.change as Change), before: { a: 1 }, after: { a: "secret" } },
    }));
    expect(fingerprint(plan(...withValues, rc("aws_vpc.untouched", ["no-op"])))).toBe(
      fingerprint(plan(...BASE)),
    );
  });

  it("changes when an address, an action or the replacement order changes", () => {
    const base = fingerprint(plan(...BASE));
    const variants = [
      plan(...BASE.slice(1)),
      plan(...BASE, rc("aws_s3_bucket.extra", ["create"])),
      plan(rc("aws_s3_bucket.logs", ["update"]), ...BASE.slice(1)),
      plan(...BASE.slice(0, 2), rc("aws_kms_key.main", ["create", "delete"])),
      plan(...BASE.slice(0, 2), rc("aws_kms_key.main", ["delete"])),
    ].map(fingerprint);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it("counts moves and imports even when their actions are no-op", () => {
    const moved = rc("aws_s3_bucket.new", ["no-op"], { previous_address: "aws_s3_bucket.old" });
    const imported = rc("aws_s3_bucket.adopted", ["no-op"], {}, { importing: { id: "b" } });
    expect(fingerprintLines(parsePlan(plan(moved, imported)))).toEqual([
      "aws_s3_bucket.adopted no-op import",
      "aws_s3_bucket.new no-op from=aws_s3_bucket.old",
    ]);
  });

  it("keeps a deposed object apart from the current one", () => {
    const current = rc("aws_s3_bucket.a", ["delete"]);
    const deposed = rc("aws_s3_bucket.a", ["delete"], { deposed: "00000001" });
    expect(fingerprint(plan(current))).not.toBe(fingerprint(plan(deposed)));
  });
});

describe("plan-fingerprint CLI", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-fingerprint-"));
  const write = (name: string, body: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof body === "string" ? body : JSON.stringify(body));
    return file;
  };
  const run = (...argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = main(
      argv,
      (t) => (stdout += t),
      (t) => (stderr += t),
    );
    return { code, stdout, stderr };
  };

  it("prints the fingerprint, or the hashed lines with --list", () => {
    const file = write("plan.json", plan(...BASE));
    expect(run(file)).toEqual({ code: 0, stdout: `${fingerprint(plan(...BASE))}\n`, stderr: "" });
    expect(run(file, "--list").stdout).toBe(
      "aws_kms_key.main delete,create\naws_s3_bucket.logs create\nmodule.vpc.aws_vpc.this update\n",
    );
  });

  it("refuses an errored plan with exit 1", () => {
    const result = run(write("errored.json", { ...plan(...BASE), errored: true }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/the plan errored/);
  });

  it.each([
    [[], /expected exactly one PLAN.json, got \[\]/],
    [["a.json", "b.json"], /expected exactly one PLAN.json, got \["a.json","b.json"\]/],
    [["--lsit", "x.json"], /unknown flag "--lsit"; allowed: PLAN.json, --list, --help/],
    [["/nonexistent/plan.json"], /cannot read "\/nonexistent\/plan.json" as JSON/],
  ])("exits 2 for %j", (argv, message) => {
    const result = run(...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  it("exits 2 for JSON that is not a plan", () => {
    const result = run(write("not-a-plan.json", { hello: "world" }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not-a-plan.json.*format_version is missing/);
  });
});
