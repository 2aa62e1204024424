/** Counting, format tolerance, escaping and the length limit, on small hand-written plans. */
import { countChanges, terraformPlanLine } from "../../tools/plan-summary/counts";
import { summarizeEnvironments, type EnvInput } from "../../tools/plan-summary/env-summary";
import { parsePlan } from "../../tools/plan-summary/plan-model";
import {
  GITHUB_COMMENT_LIMIT,
  MAX_ENVIRONMENTS,
  renderComment,
  type RenderOptions,
} from "../../tools/plan-summary/render-markdown";

function rc(address: string, actions: unknown, extra: Record<string, unknown> = {}) {
  const data = address.startsWith("data.");
  const [type = "", name = ""] = address.replace(/^data\./, "").split(".");
  return { address, mode: data ? "data" : "managed", type, name, change: { actions }, ...extra };
}

function plan(changes: readonly object[], extra: Record<string, unknown> = {}) {
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    resource_changes: changes,
    ...extra,
  };
}

function comment(inputs: readonly EnvInput[], options?: RenderOptions): string {
  return renderComment(summarizeEnvironments(inputs), options);
}

function row(text: string, env: string): string | undefined {
  return text.split("\n").find((l) => l.startsWith(`| \`${env}\` |`));
}

describe("counting", () => {
  test("follows Terraform's renderer for every action list", () => {
    const counts = countChanges(
      parsePlan(
        plan(
          [
            rc("a.create", ["create"]),
            rc("a.update", ["update"]),
            rc("a.delete", ["delete"]),
            rc("a.delete_first", ["delete", "create"]),
            rc("a.create_first", ["create", "delete"]),
            rc("data.a.read", ["read"]),
            rc("data.a.gone", ["delete"]),
            rc("a.unchanged", ["no-op"]),
            rc("a.moved", ["no-op"], { previous_address: "a.old" }),
            rc("a.same_place", ["no-op"], { previous_address: "a.same_place" }),
            rc("a.imported", ["no-op"], { change: { actions: ["no-op"], importing: { id: "x" } } }),
            rc("a.imported_updated", ["update"], {
              change: { actions: ["update"], importing: { identity: { id: "y" } } },
            }),
            rc("a.forgotten", ["forget"]),
            rc("a.replaced_forgotten", ["create", "forget"]),
            rc("a.delete", ["delete"], { deposed: "00000001" }),
            // The object vanished outside Terraform: a no-op, whatever the reason says.
            rc("a.vanished", ["no-op"], { action_reason: "delete_because_no_resource_config" }),
          ],
          {
            resource_drift: [rc("a.update", ["update"]), rc("a.delete", ["delete"])],
            output_changes: {
              new: { actions: ["create"] },
              same: { actions: ["no-op"] },
              gone: { actions: ["delete"] },
            },
          },
        ),
      ),
    );
    expect(counts).toEqual({
      add: 3,
      change: 2,
      destroy: 4,
      replace: 2,
      import: 2,
      move: 1,
      forget: 2,
      drift: 2,
      read: 1,
      unrecognised: 0,
      outputs: 2,
    });
    expect(terraformPlanLine(counts)).toBe(
      "Plan: 2 to import, 3 to add, 2 to change, 4 to destroy.",
    );
  });
});

describe("plan formats", () => {
  test("accepts format_version 0.1 to 1.x and rejects 2.0 in that environment's row only", () => {
    const text = comment([
      {
        name: "old",
        planJson: { format_version: "0.1", resource_changes: [rc("a.b", ["create"])] },
      },
      { name: "newer", planJson: { format_version: "1.9" } },
      { name: "future", planJson: { format_version: "2.0", resource_changes: [] } },
      { name: "garbage", planJson: { hello: "world" } },
    ]);
    expect(row(text, "old")).toBe("| `old` | 📝 changes | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    expect(row(text, "newer")).toContain("| ✅ no changes |");
    expect(row(text, "future")).toBe(
      '| `future` | ❌ failed: `plan format_version "2.0" is not supported (this tool reads 0.1 up to 1.x)` | — | — | — | — | — | — | — | — |',
    );
    expect(row(text, "garbage")).toContain(
      "❌ failed: ``not a Terraform plan: format_version is missing (expected the output of `terraform show -json PLANFILE`)``",
    );
  });

  test("tolerates unknown fields and reports unknown action lists for review", () => {
    const text = comment([
      {
        name: "dev",
        planJson: plan(
          [
            rc("a.b", ["frobnicate"], { surprise: { nested: true } }),
            rc("a.c", ["create"], { change: { actions: ["create"], brand_new_field: 1 } }),
            rc("a.d", "not-a-list"),
          ],
          { some_future_section: [1, 2, 3], applyable: true },
        ),
      },
    ]);
    expect(row(text, "dev")).toBe("| `dev` | ⚠️ needs review | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    expect(text).toContain(
      "> - `dev`: 2 resources with actions this tool does not recognise: read the plain-text plan",
    );
    expect(text).toContain('- `a.b` — unrecognised actions `["frobnicate"]`');
    expect(text).toContain("- `a.d` — unrecognised actions `[]`");
  });

  test("an incomplete plan gets the banner and lists what was deferred", () => {
    const text = comment([
      {
        name: "dev",
        planJson: plan([rc("a.b", ["create"])], {
          complete: false,
          deferred_changes: [
            { reason: "instance_count_unknown", resource_change: rc("a.c", ["create"]) },
          ],
        }),
      },
    ]);
    expect(text).toContain(
      "> - `dev`: plan is incomplete (complete: false, 1 deferred change): apply, then plan again",
    );
    expect(text).toContain("- `a.c` — reason `instance_count_unknown`");
    expect(row(text, "dev")).toContain("⚠️ needs review");
  });

  test("a plan whose error is only known from stderr still gets a row with its first error line", () => {
    const stderr = "\u001b[31m╷\u001b[0m\n│ Error: Invalid | value\n│\n│ more detail\n╵\n";
    const text = comment([{ name: "stage", errorText: stderr }]);
    expect(row(text, "stage")).toBe(
      "| `stage` | ❌ failed: `Error: Invalid \\| value` | — | — | — | — | — | — | — | — |",
    );
    expect(text).toContain("> - `stage`: plan failed");
    expect(text).not.toContain("\u001b");
  });
});

describe("markdown", () => {
  test("starts with the marker and shows no banner when nothing needs attention", () => {
    const text = comment([{ name: "dev", planJson: plan([rc("a.b", ["no-op"])]) }], {
      marker: "<!-- custom -->",
      title: "My   plans",
    });
    expect(text.startsWith("<!-- custom -->\n\n## My plans\n\n| Environment |")).toBe(true);
    expect(text).not.toContain("[!WARNING]");
    expect(() => comment([{ name: "dev", planJson: plan([]) }], { marker: "no comment" })).toThrow(
      RangeError,
    );
  });

  test("addresses and text from the plan cannot break out of their code spans or fences", () => {
    const address = 'a.b["</details><img src=x> `tick` ```"]';
    const planText = "before\n```\n</details>\n````\nafter\n";
    const text = comment([{ name: "dev", planJson: plan([rc(address, ["create"])]), planText }]);
    expect(text).toContain('- ````a.b["</details><img src=x> `tick` ```"]````');
    expect(text).toContain("`````text\nbefore\n```\n</details>\n````\nafter\n`````");
  });

  test(`refuses more than ${MAX_ENVIRONMENTS} environments, whose table might not fit`, () => {
    const envs = Array.from({ length: MAX_ENVIRONMENTS + 1 }, (_, i) => ({
      name: `env${i}`,
      planJson: plan([]),
    }));
    expect(() => comment(envs)).toThrow(RangeError);
  });
});

describe("length limit", () => {
  const manyCreates = (n: number) =>
    plan(Array.from({ length: n }, (_, i) => rc(`module.m["key-${i}"].a.b`, ["create"])));
  const inputs: EnvInput[] = [
    { name: "dev", planJson: manyCreates(200), planText: "x\n".repeat(5_000) },
    {
      name: "prod",
      planJson: manyCreates(20),
      errorText: "Error: boom\n" + "detail\n".repeat(200),
    },
  ];
  const full = comment(inputs, { budget: Infinity });

  test("keeps everything when it fits", () => {
    expect(full).toContain("Plain-text plan");
    expect(full).not.toContain("Shortened");
  });

  test("drops plain-text plans first", () => {
    const text = comment(inputs, { budget: full.length - 1 });
    expect(text).not.toContain("Plain-text plan");
    expect(text).toContain("plain-text plans left out (1 environment). The workflow run");
    expect(text).not.toContain("… and");
  });

  test("then cuts the longest lists, then error output, then the details; the table always stays", () => {
    const noText = comment(inputs, { budget: full.length - 1 });
    const cut = comment(inputs, { budget: noText.length - 500 });
    expect(cut.length).toBeLessThanOrEqual(noText.length - 500);
    expect(cut).toMatch(/lists cut to their first \d+ entries \([\d,]+ entries not shown\)/);
    expect(cut).toMatch(/- … and \d+ more/);
    // The shorter prod list survives whole while dev's is cut.
    expect(cut).toContain("**Create** (20)");
    expect(cut).toContain('- `module.m["key-19"].a.b`');

    const noErrors = comment(inputs, { budget: 2_500 });
    expect(noErrors).toContain("error output left out (its first line is in the table)");
    expect(noErrors).not.toContain("detail\ndetail");
    expect(noErrors).toContain("<details>");

    const tableOnly = comment(inputs, { budget: 1_000 });
    expect(tableOnly).toContain("per-environment details left out");
    expect(tableOnly).not.toContain("<details>");
    expect(row(tableOnly, "dev")).toBe("| `dev` | 📝 changes | 200 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    expect(row(tableOnly, "prod")).toContain("❌ failed: `Error: boom`");
  });

  test("the default budget leaves a margin below GitHub's limit", () => {
    const huge = comment([{ name: "dev", planJson: manyCreates(20_000) }]);
    expect(huge.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT - 300);
    expect(huge.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 2_000);
  });
});

describe("replacements name the arguments that force them", () => {
  it("shows the top-level argument of each replace path, never a deeper map key", () => {
    const text = comment([
      {
        name: "prod",
        planJson: plan([
          rc("module.svc.aws_ecs_service.this", ["delete", "create"], {
            action_reason: "replace_because_cannot_update",
            replace_paths: [
              ["deployment_controller", 0, "type"],
              ["tags", "customer-4711-key"],
            ],
          }),
        ]),
      },
    ]);
    expect(text).toContain(
      "because an argument that forces replacement changed (`deployment_controller`, `tags`)",
    );
    expect(text).not.toContain("customer-4711-key");
  });
});
