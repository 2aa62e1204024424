/** `npm run plan-summary`: arguments, files, exit codes and output. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../tools/plan-summary/cli";
import { summarizeEnvironments } from "../../tools/plan-summary/env-summary";
import { renderComment } from "../../tools/plan-summary/render-markdown";

const DEV_PLAN = {
  format_version: "1.2",
  resource_changes: [
    {
      address: "aws_s3_bucket.logs",
      mode: "managed",
      type: "aws_s3_bucket",
      change: { actions: ["create"] },
    },
  ],
};
const PROD_PLAN = {
  format_version: "1.2",
  resource_changes: [
    {
      address: "aws_db_instance.main",
      mode: "managed",
      type: "aws_db_instance",
      change: { actions: ["delete", "create"] },
      action_reason: "replace_because_cannot_update",
    },
  ],
};

let dir = "";
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-cli-"));
  fs.writeFileSync(file("dev.json"), JSON.stringify(DEV_PLAN));
  fs.writeFileSync(file("prod.json"), JSON.stringify(PROD_PLAN));
  fs.writeFileSync(file("future.json"), JSON.stringify({ format_version: "2.0" }));
  fs.writeFileSync(file("dev.txt"), "Plan: 1 to add, 0 to change, 0 to destroy.\n");
  fs.writeFileSync(file("broken.json"), '{"format_version": "1.2",');
  fs.writeFileSync(file("error.txt"), "Error: boom\n");
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("summary", () => {
  test("writes the comment to stdout", () => {
    const result = run(["--env", `dev=${file("dev.json")},text=${file("dev.txt")}`]);
    const expected = renderComment(
      summarizeEnvironments([
        { name: "dev", planJson: DEV_PLAN, planText: fs.readFileSync(file("dev.txt"), "utf8") },
      ]),
    );
    expect(result).toEqual({ code: 0, stdout: expected, stderr: "" });
  });

  test("writes the comment to --out, combining --env and --env-error for one environment", () => {
    const out = file("comment.md");
    const result = run([
      `--env=prod=${file("prod.json")}`,
      "--env-error",
      `prod=${file("error.txt")}`,
      "--marker",
      "<!-- prod-plan -->",
      "--out",
      out,
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: "",
      stderr: expect.stringMatching(/^plan-summary: wrote \d+ characters/),
    });
    const comment = fs.readFileSync(out, "utf8");
    expect(comment.startsWith("<!-- prod-plan -->\n")).toBe(true);
    expect(comment).toContain("| `prod` | ❌ failed: `Error: boom` |");
    expect(comment).toContain("- `aws_db_instance.main` — replace (delete, then create)");
  });

  test.each([
    [
      ["--bogus"],
      "unknown flag --bogus; allowed: --env, --env-error, --title, --marker, --out, --help",
    ],
    [[], "give at least one --env NAME=PLAN.json or --env-error NAME=ERROR.txt"],
    [["--env"], "--env needs a value"],
    [["--env", "dev"], '--env "dev": missing NAME=; expected NAME=PLAN.json[,text=PLAN.txt]'],
    [["--env", "=x.json"], `--env "=x.json": no environment name before '='`],
    [
      ["--env", "bad name=x.json"],
      `--env "bad name=x.json": environment name "bad name" must be letters`,
    ],
    [
      ["--env", "dev=x.json,txt=y.txt"],
      'option "txt=y.txt" is not allowed (allowed once: text=PLAN.txt)',
    ],
    [
      ["--env-error", "dev=e.txt,text=y.txt"],
      '--env-error "dev=e.txt,text=y.txt": option "text=y.txt" is not allowed; expected NAME=ERROR.txt',
    ],
    [
      ["--env", "dev=a.json", "--env", "dev=b.json"],
      'environment "dev" was already given with --env',
    ],
    [
      ["--env", "dev=missing.json"],
      '--env "dev=missing.json": cannot read "missing.json": no such file',
    ],
    [["--env", "dev=BROKEN"], "is not valid JSON"],
    [["--env", "dev=DEV", "--marker", "plan"], '--marker "plan": expected a one-line HTML comment'],
    [["--env", "dev=DEV", "--title", "a", "--title", "b"], '--title was given twice ("b")'],
    [["--env", "dev=DEV", "stray"], 'unexpected argument "stray"'],
  ])("%j fails with a message naming the flag, and writes nothing", (argv, message) => {
    const out = file("never-written.md");
    const args = argv.map((a) =>
      a.replace("BROKEN", file("broken.json")).replace(/=DEV$/, `=${file("dev.json")}`),
    );
    const result = run([...args, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a plan format it cannot read is a failed row, not a crash", () => {
    const result = run(["--env", `future=${file("future.json")}`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '| `future` | ❌ failed: `plan format_version "2.0" is not supported',
    );
  });
});

describe("guard", () => {
  test("blocks a database replacement, and --allow-destroy lets it pass", () => {
    const blocked = run(["guard", "--plan", file("prod.json"), "--plan", file("dev.json")]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain("BLOCKED");
    expect(blocked.stdout).toContain("  - aws_db_instance.main: replace (delete, then create)");
    expect(blocked.stdout).toContain(`${file("dev.json")}: no data-bearing resource`);

    const allowed = run(["guard", "--plan", file("prod.json"), "--allow-destroy"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain("allowed by --allow-destroy");
  });

  test.each([
    [["guard"], "guard needs at least one --plan PLAN.json"],
    [
      ["guard", "--plan", "PROD", "--allow-destroy=yes"],
      '--allow-destroy takes no value, got "yes"',
    ],
    [["guard", "--plan", "FUTURE"], 'plan format_version "2.0" is not supported'],
    [
      ["guard", "--env", "dev=x.json"],
      "unknown flag --env; allowed: --plan, --allow-destroy, --help",
    ],
  ])("%j fails with exit 2", (argv, message) => {
    const args = argv.map((a) =>
      a.replace("PROD", file("prod.json")).replace("FUTURE", file("future.json")),
    );
    const result = run(args);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toContain(message);
  });
});

test.each([[["--help"]], [["guard", "--help"]]])("%j prints usage", (argv) => {
  const result = run(argv);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Usage: npm run plan-summary -- /);
});

test("runs as the npm script", () => {
  const result = spawnSync(
    "npm",
    ["run", "--silent", "plan-summary", "--", "guard", "--plan", file("prod.json")],
    {
      cwd: path.resolve(__dirname, "..", ".."),
      encoding: "utf8",
    },
  );
  expect(result.status).toBe(1);
  expect(result.stdout).toContain("BLOCKED");
});
