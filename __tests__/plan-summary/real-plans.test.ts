/**
 * The summary and the destroy guard against plans made by the local Terraform from the
 * configurations in fixtures/. Every count is checked against Terraform's own `Plan:` line.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../tools/plan-summary/cli";
import { countChanges, type ChangeCounts } from "../../tools/plan-summary/counts";
import { checkDestroyGuard } from "../../tools/plan-summary/destroy-guard";
import { summarizeEnvironments, type EnvInput } from "../../tools/plan-summary/env-summary";
import { parsePlan } from "../../tools/plan-summary/plan-model";
import { GITHUB_COMMENT_LIMIT, renderComment } from "../../tools/plan-summary/render-markdown";
import {
  SKIP_TERRAFORM_VAR,
  TerraformWorkspace,
  terraformAvailability,
} from "../../tools/terraform/runner";

const FIXTURES = path.join(__dirname, "fixtures");
const BASE_FILES = ["platform.tf", "legacy-name.tf", "retirable.tf"];
const INITIAL_SECRET = "initial-Secret-0001";
const ROTATED_SECRET = "rotated-Secret-0002";
/** Secrets of fixtures/hostile.tf; each holds a tag that must never reach the comment. */
const HOSTILE_VARS = {
  hostile_string: 'TAGA-ctl\u0001tab\tls\u2028nbsp\u00a0emoji\u{1F600}<&>"q"\\${x}-TAGB',
  hostile_number: "12345678901234567890123",
  hostile_map: { "TAGC-secret-key": "TAGD-secret-value" },
};
const HOSTILE_PIECES = ["TAGA", "TAGB", "TAGC", "TAGD", "12345678901234567890123"];

interface Scenario {
  /** Also the environment name in the comment. */
  readonly name: string;
  /** Configuration files from fixtures/; defaults to the base configuration. */
  readonly files?: readonly string[];
  readonly vars?: Readonly<Record<string, unknown>>;
  /** Plan against no state instead of the applied base configuration. */
  readonly emptyState?: boolean;
  readonly planArgs?: readonly string[];
  readonly prepare?: (ws: TerraformWorkspace) => void;
  readonly fails?: boolean;
  /** Counts that show the scenario does what its name says. */
  readonly counts?: Partial<ChangeCounts>;
  /** Lines the comment must contain. */
  readonly shows: readonly string[];
}

const ROTATE: Scenario["vars"] = { db_password: ROTATED_SECRET };

const SCENARIOS: readonly Scenario[] = [
  {
    name: "creates",
    files: [...BASE_FILES, "data-read.tf"],
    emptyState: true,
    counts: { add: 9, read: 1 },
    shows: [
      "**Create** (9)",
      "- `data.terraform_remote_state.peer` — because its configuration refers to values not yet known",
    ],
  },
  { name: "no-changes", counts: { add: 0 }, shows: ["✅ no changes · No changes."] },
  {
    name: "update",
    vars: { label: "v2" },
    counts: { change: 1 },
    shows: ["**Update in place** (1)", "- `terraform_data.config`"],
  },
  {
    name: "replace",
    vars: { generation: "2" },
    counts: { replace: 2 },
    shows: [
      "- `terraform_data.rebuilt` — replace (delete, then create), because an argument that forces replacement changed",
      "- `terraform_data.follower` — replace (delete, then create), because replace_triggered_by changed",
    ],
  },
  {
    name: "create-before-destroy",
    vars: { blue_green: "2" },
    counts: { replace: 1 },
    shows: [
      "- `terraform_data.blue_green` — replace (create the new one, then delete the old), because an argument that forces replacement changed",
    ],
  },
  {
    name: "delete",
    vars: { workers: ["a"] },
    counts: { destroy: 1, replace: 0 },
    shows: ['- `terraform_data.worker["b"]` — because its key is no longer in for_each'],
  },
  {
    name: "import",
    files: [...BASE_FILES, "import.tf"],
    counts: { import: 2, change: 1 },
    shows: [
      "**Import** (2)",
      "- `terraform_data.adopted` — then update in place",
      "- `terraform_data.adopted_as_is`",
    ],
  },
  {
    name: "moved",
    files: ["platform.tf", "moved.tf", "retirable.tf"],
    counts: { move: 1 },
    shows: ["- `terraform_data.legacy_name` → `terraform_data.current_name`"],
  },
  {
    name: "forget",
    files: ["platform.tf", "legacy-name.tf", "removed.tf"],
    counts: { forget: 1, destroy: 0 },
    shows: [
      "**Forget (removed from state, not destroyed)** (1)",
      "- `terraform_data.retired` — because its resource block is no longer in the configuration",
    ],
  },
  {
    name: "sensitive",
    vars: ROTATE,
    counts: { change: 1, outputs: 1 },
    shows: ["- `terraform_data.credentials`", "- `db_password` — update"],
  },
  {
    name: "outputs-only",
    vars: { release_note: "second" },
    counts: { outputs: 1 },
    shows: ["- `release_note` — update"],
  },
  {
    name: "tainted",
    prepare: (ws) => ws.run(["taint", "-no-color", "terraform_data.config"]),
    counts: { replace: 1 },
    shows: ["- `terraform_data.config` — replace (delete, then create), because it is tainted"],
  },
  {
    name: "replace-requested",
    planArgs: ["-replace=terraform_data.config"],
    counts: { replace: 1 },
    shows: ["because replacement was requested (-replace)"],
  },
  {
    name: "errored",
    vars: { allow_plan: false },
    fails: true,
    shows: ["| `errored` | ❌ failed: `Error: Resource precondition failed` |"],
  },
  {
    name: "hostile",
    files: ["hostile.tf"],
    vars: HOSTILE_VARS,
    emptyState: true,
    counts: { add: 5 },
    shows: ["Plain-text plan", "(sensitive)"],
  },
  {
    name: "everything",
    files: ["platform.tf", "moved.tf", "removed.tf", "import.tf"],
    vars: {
      ...ROTATE,
      label: "v2",
      generation: "2",
      blue_green: "2",
      workers: ["a"],
      release_note: "second",
    },
    counts: { import: 2, move: 1, forget: 1, replace: 3 },
    shows: ["⚠️ destructive"],
  },
];

interface RealPlan {
  readonly json: unknown;
  /** The JSON as Terraform wrote it, with every digit of its numbers. */
  readonly jsonText: string;
  /** `terraform plan -no-color` stdout. */
  readonly text: string;
  readonly stderr: string;
}

/** Makes `dir` hold exactly these fixture files and variable values. */
function useConfiguration(
  dir: string,
  files: readonly string[],
  vars: Scenario["vars"] = {},
): void {
  for (const entry of fs.readdirSync(dir)) {
    if (entry.endsWith(".tf") || entry.endsWith(".tfvars.json")) fs.rmSync(path.join(dir, entry));
  }
  for (const file of files) fs.copyFileSync(path.join(FIXTURES, file), path.join(dir, file));
  fs.writeFileSync(path.join(dir, "scenario.auto.tfvars.json"), JSON.stringify(vars));
}

function planScenario(ws: TerraformWorkspace, scenario: Scenario, baseState: string): RealPlan {
  useConfiguration(ws.dir, scenario.files ?? BASE_FILES, scenario.vars);
  const statePath = path.join(ws.dir, "terraform.tfstate");
  if (scenario.emptyState) fs.rmSync(statePath, { force: true });
  else fs.writeFileSync(statePath, baseState);
  fs.rmSync(path.join(ws.dir, "plan.tfplan"), { force: true });
  scenario.prepare?.(ws);
  const plan = ws.run(
    [
      "plan",
      "-input=false",
      "-no-color",
      "-lock=false",
      "-out=plan.tfplan",
      ...(scenario.planArgs ?? []),
    ],
    { okCodes: [scenario.fails ? 1 : 0] },
  );
  const jsonText = ws.run(["show", "-json", "plan.tfplan"]).stdout;
  return {
    json: JSON.parse(jsonText) as unknown,
    jsonText,
    text: plan.stdout,
    stderr: plan.stderr,
  };
}

type PlanLineCounts = Pick<ChangeCounts, "import" | "add" | "change" | "destroy" | "forget">;

/**
 * The numbers in Terraform's own output. Terraform 1.11 leaves forgets out of the Plan line (later
 * releases may append ", N to forget"), so without one they are the "will no longer be managed"
 * headers it prints for each forgotten instance.
 */
function countsFromTerraformText(text: string): PlanLineCounts {
  const forgets = (text.match(/^\s*# \S+ will no longer be managed by Terraform/gm) ?? []).length;
  const line =
    /Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy(?:, (\d+) to forget)?\./.exec(
      text,
    );
  if (!line) {
    expect(text).toMatch(/No changes\.|Changes to Outputs:|Planning failed\./);
    return { import: 0, add: 0, change: 0, destroy: 0, forget: forgets };
  }
  const [, imports, add, change, destroy, forget] = line;
  return {
    import: Number(imports ?? 0),
    add: Number(add),
    change: Number(change),
    destroy: Number(destroy),
    forget: forget === undefined ? forgets : Number(forget),
  };
}

/** The cells of an environment's row in the comment's table. */
function tableRow(comment: string, env: string): string[] {
  const row = comment.split("\n").find((l) => l.startsWith(`| \`${env}\` |`));
  if (!row) throw new Error(`no table row for ${env} in:\n${comment}`);
  return row.split(" | ").map((cell) => cell.replace(/^\| |\s\|$/g, ""));
}

function commentFor(inputs: readonly EnvInput[]): string {
  return renderComment(summarizeEnvironments(inputs));
}

function expectNoSecret(comment: string): void {
  expect(comment).not.toContain(INITIAL_SECRET);
  expect(comment).not.toContain(ROTATED_SECRET);
  for (const piece of HOSTILE_PIECES) expect(comment).not.toContain(piece);
  expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
}

const skipRequested = process.env[SKIP_TERRAFORM_VAR] === "1";
if (skipRequested) {
  console.warn(
    `SKIPPED: plan-summary tests against real Terraform plans (${SKIP_TERRAFORM_VAR}=1).`,
  );
}
const describeWithTerraform = skipRequested ? describe.skip : describe;

describeWithTerraform("plan summary of real Terraform plans", () => {
  const plans = new Map<string, RealPlan>();
  let workDir = "";

  const real = (name: string): RealPlan => {
    const plan = plans.get(name);
    if (!plan) throw new Error(`scenario ${name} was not planned`);
    return plan;
  };

  beforeAll(() => {
    const availability = terraformAvailability();
    if (!availability.available) throw new Error(availability.reason);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-"));
    const ws = new TerraformWorkspace(workDir);
    useConfiguration(workDir, BASE_FILES);
    ws.init();
    ws.run(["apply", "-auto-approve", "-input=false", "-no-color", "-lock=false"]);
    const baseState = fs.readFileSync(path.join(workDir, "terraform.tfstate"), "utf8");
    for (const scenario of SCENARIOS)
      plans.set(scenario.name, planScenario(ws, scenario, baseState));
  });

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  test.each(SCENARIOS.map((s) => [s.name, s] as const))(
    "%s: counts equal Terraform's Plan line; no secret; within the limit",
    (name, scenario) => {
      const plan = real(name);
      const counts = countChanges(parsePlan(plan.json));
      const terraform = countsFromTerraformText(plan.text);
      expect({
        import: counts.import,
        add: counts.add,
        change: counts.change,
        destroy: counts.destroy,
        forget: counts.forget,
      }).toEqual(terraform);
      expect(counts).toMatchObject(scenario.counts ?? {});

      const comment = commentFor([
        {
          name,
          planJson: plan.json,
          planJsonText: plan.jsonText,
          planText: plan.text,
          errorText: scenario.fails ? plan.stderr : undefined,
        },
      ]);
      expect(comment.split("\n")[0]).toBe("<!-- aws-platform-plan-summary -->");
      expectNoSecret(comment);
      for (const line of scenario.shows) expect(comment).toContain(line);
      if (!scenario.fails) {
        const cells = tableRow(comment, name).slice(2).map(Number);
        const { add, change, destroy, replace, import: imports, move, forget, drift } = counts;
        expect(cells).toEqual([add, change, destroy, replace, imports, move, forget, drift]);
      }
    },
  );

  test("Terraform's own text echoes the secret, and the comment quoting it does not", () => {
    const plan = real("sensitive");
    // terraform_data's `output` mirrors the sensitive `input` without the mark: why text is scanned.
    expect(plan.text).toContain(INITIAL_SECRET);
    const comment = commentFor([{ name: "sensitive", planJson: plan.json, planText: plan.text }]);
    expect(comment).toContain("Plain-text plan");
    expect(comment).toContain("(sensitive)");
    expectNoSecret(comment);
  });

  test("Terraform's text shows every hostile secret, in forms JSON does not use; the comment none", () => {
    const plan = real("hostile");
    for (const piece of HOSTILE_PIECES) expect(plan.text).toContain(piece);
    expect(plan.text).toContain("\\x01tab\\tls\\u2028nbsp\\u00a0");
    const comment = commentFor([
      { name: "hostile", planJson: plan.json, planJsonText: plan.jsonText, planText: plan.text },
    ]);
    expectNoSecret(comment);
    expect(comment).toContain('+ input  = "(sensitive)"');
    expect(comment).toContain("withheld: holding characters that cannot be shown safely]");
    // Without the JSON text the big number cannot be searched for, so the text is withheld.
    const withoutText = commentFor([{ name: "hostile", planJson: plan.json, planText: plan.text }]);
    expectNoSecret(withoutText);
    expect(withoutText).toContain("_Plain-text plan withheld: a sensitive number has more digits");
  });

  test("the errored plan is marked errored and incomplete, and its env still gets a row", () => {
    const plan = real("errored");
    const model = parsePlan(plan.json);
    expect([model.errored, model.complete]).toEqual([true, false]);
    expect(model.failedChecks).toEqual(["terraform_data.config"]);
    // Without the stderr the row says which check failed.
    const comment = commentFor([{ name: "errored", planJson: plan.json }]);
    expect(tableRow(comment, "errored")[1]).toBe(
      "❌ failed: `failed checks: terraform_data.config`",
    );
  });

  test("a multi-environment comment through the CLI, with one failed environment", () => {
    const files = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-cli-"));
    try {
      const write = (name: string, content: string) => {
        fs.writeFileSync(path.join(files, name), content);
        return path.join(files, name);
      };
      const dev = real("everything");
      const stage = real("errored");
      const prod = real("no-changes");
      const out = path.join(files, "comment.md");
      const stderr: string[] = [];
      const code = main(
        [
          "--env",
          `dev=${write("dev.json", JSON.stringify(dev.json))},text=${write("dev.txt", dev.text)}`,
          "--env",
          `stage=${write("stage.json", JSON.stringify(stage.json))}`,
          "--env-error",
          `stage=${write("stage.err", stage.stderr)}`,
          "--env",
          `prod=${write("prod.json", JSON.stringify(prod.json))}`,
          "--title",
          "Plan for PR 42",
          "--out",
          out,
        ],
        { stdout: () => undefined, stderr: (t) => stderr.push(t) },
      );
      expect({ code, stderr }).toEqual({ code: 0, stderr: [expect.stringContaining("wrote")] });
      const comment = fs.readFileSync(out, "utf8");
      expectNoSecret(comment);
      expect(comment).toContain("## Plan for PR 42");
      expect(comment).toMatch(
        /> \[!WARNING\][^]*> - `dev`: 1 to delete, 3 to replace, 1 to forget\n> - `stage`: plan failed\n\n/,
      );
      expect(tableRow(comment, "dev")[1]).toBe("⚠️ destructive");
      expect(tableRow(comment, "stage").slice(1)).toEqual([
        "❌ failed: `Error: Resource precondition failed`",
        ...Array<string>(8).fill("—"),
      ]);
      expect(tableRow(comment, "prod")[1]).toBe("✅ no changes");
      expect(comment).toContain("allow_plan is false, so this plan must fail.");
    } finally {
      fs.rmSync(files, { recursive: true, force: true });
    }
  });

  test("the destroy guard on real plans", () => {
    const everything = parsePlan(real("everything").json);
    expect(checkDestroyGuard(everything)).toEqual({ blocked: false, findings: [], allowed: false });

    // terraform_data holds no data; treating it as if it did exercises the guard on a real plan.
    const asIfDataBearing = checkDestroyGuard(everything, { dataBearingTypes: ["terraform_data"] });
    expect(asIfDataBearing.blocked).toBe(true);
    expect(asIfDataBearing.findings.map((f) => `${f.address}: ${f.action}`).sort()).toEqual([
      "terraform_data.blue_green: replace (create the new one, then delete the old)",
      "terraform_data.follower: replace (delete, then create)",
      "terraform_data.rebuilt: replace (delete, then create)",
      "terraform_data.retired: forget (drop from state, keep the object)",
      'terraform_data.worker["b"]: delete',
    ]);
    const allowed = checkDestroyGuard(everything, {
      dataBearingTypes: ["terraform_data"],
      allowDestroy: true,
    });
    expect([allowed.blocked, allowed.findings.length]).toEqual([false, 5]);
  });

  test("a plan of thousands of resources, shaped like a real one, stays within the limit", () => {
    const plan = real("everything");
    const json = plan.json as { resource_changes: { address: string }[] };
    const copies = 800;
    const big = {
      ...json,
      resource_changes: Array.from({ length: copies }, (_, i) =>
        json.resource_changes.map((rc) => ({
          ...rc,
          address: `module.tenant["tenant-${i}-with-a-fairly-long-key"].${rc.address}`,
        })),
      ).flat(),
    };
    const perCopy = countChanges(parsePlan(json));
    const inputs: EnvInput[] = [
      { name: "dev", planJson: big, planText: plan.text.repeat(copies) },
      { name: "prod", planJson: big, planText: plan.text.repeat(copies) },
    ];
    const comment = commentFor(inputs);
    expect(big.resource_changes.length).toBeGreaterThan(5_000);
    expectNoSecret(comment);
    expect(tableRow(comment, "dev").slice(2).map(Number).slice(0, 3)).toEqual([
      perCopy.add * copies,
      perCopy.change * copies,
      perCopy.destroy * copies,
    ]);
    expect(tableRow(comment, "prod")[1]).toBe("⚠️ destructive");
    expect(comment).toMatch(
      /Shortened to fit GitHub's 65,536-character comment limit:\*\* plain-text plans left out \(2 environments\); lists cut to their first \d+ entries \([\d,]+ entries not shown\)/,
    );
    expect(comment).toMatch(/- … and [\d,]+ more/);
    expect(comment).not.toContain("Plain-text plan");
  });
});
