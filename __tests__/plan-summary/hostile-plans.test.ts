/**
 * Plans built to break the comment and the guard: secrets in every form Terraform prints them,
 * control characters and odd Unicode, Markdown in addresses and versions, malformed changes.
 * Nothing here may leak a secret, break out of the Markdown, or pass the guard by being unreadable.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../tools/plan-summary/cli";
import { checkDestroyGuard, formatGuardReport } from "../../tools/plan-summary/destroy-guard";
import { summarizeEnvironments, type EnvInput } from "../../tools/plan-summary/env-summary";
import { parsePlan } from "../../tools/plan-summary/plan-model";
import { REDACTED } from "../../tools/plan-summary/redact";
import { renderComment } from "../../tools/plan-summary/render-markdown";

/** Every secret carries a unique tag, so any piece of it that leaks is easy to find. */
const HOSTILE =
  'TAGA-ctl\u0001bell\u0007tab\tls\u2028ps\u2029emoji\u{1F600}nbsp\u00a0zw\u200b\u00e9<&>"q"\\bs${x}%{y}-TAGB';
/** HOSTILE as Terraform 1.11 prints a quoted string (Go's %q), taken from a real plan. */
const HOSTILE_TF =
  'TAGA-ctl\\x01bell\\atab\\tls\\u2028ps\\u2029emoji\u{1F600}nbsp\\u00a0zw\\u200b\u00e9<&>\\"q\\"\\\\bs${x}%{y}-TAGB';
/** HOSTILE as Go's encoding/json writes it (a provider echoing it in a diagnostic). */
const HOSTILE_GO_JSON =
  'TAGA-ctl\\u0001bell\\u0007tab\\tls\\u2028ps\\u2029emoji\u{1F600}nbsp\u00a0zw\u200b\u00e9\\u003c\\u0026\\u003e\\"q\\"\\\\bs${x}%{y}-TAGB';
/** Escaped differently by each encoder, but with nothing that withholds its line when escaped. */
const ESCAPED = 'TAGH-<&>"q"\\bs\u0001ctl${x}';
const ESCAPED_GO_JSON = 'TAGH-\\u003c\\u0026\\u003e\\"q\\"\\\\bs\\u0001ctl${x}';
const ESCAPED_TF = 'TAGH-<&>\\"q\\"\\\\bs\\x01ctl${x}';
const BIG = "12345678901234567890123";
const MAP_KEY = "TAGC-secret-map-key";
const NESTED = "TAGD-nested-list-secret";
const MULTILINE = "TAGE-first-line\nTAGF-second-line";
const SHORT = "q7";

const PLAN_JSON = `{
  "format_version": "1.2",
  "terraform_version": "1.11.4",
  "variables": { "s": { "value": ${JSON.stringify(HOSTILE)} }, "n": { "value": ${BIG} },
                 "e": { "value": ${JSON.stringify(ESCAPED)} } },
  "configuration": { "root_module": { "variables": {
    "s": { "sensitive": true }, "n": { "sensitive": true }, "e": { "sensitive": true } } } },
  "resource_changes": [
    { "address": "terraform_data.m", "mode": "managed", "type": "terraform_data", "name": "m",
      "change": { "actions": ["create"], "after": { "input": { ${JSON.stringify(MAP_KEY)}: "TAGG-map-value" } },
                  "after_sensitive": { "input": true } } },
    { "address": "terraform_data.l", "mode": "managed", "type": "terraform_data", "name": "l",
      "change": { "actions": ["create"], "after": { "input": ["public", [${JSON.stringify(NESTED)}, ${BIG}]] },
                  "after_sensitive": { "input": [false, [true, true]] } } },
    { "address": "terraform_data.h", "mode": "managed", "type": "terraform_data", "name": "h",
      "change": { "actions": ["create"], "after": { "input": ${JSON.stringify(MULTILINE)} },
                  "after_sensitive": { "input": true } } },
    { "address": "terraform_data.s", "mode": "managed", "type": "terraform_data", "name": "s",
      "change": { "actions": ["update"], "before": { "input": "${SHORT}" }, "after": { "input": "${SHORT}" },
                  "before_sensitive": { "input": true }, "after_sensitive": { "input": true } } }
  ]
}`;

/** What Terraform would print if a provider left every one of these unmarked (cf. a real run). */
const PLAN_TEXT = [
  "Terraform will perform the following actions:",
  "",
  "  # terraform_data.x will be created",
  '  + resource "terraform_data" "x" {',
  `      + input  = "${HOSTILE_TF}"`,
  "      + output = (known after apply)",
  "    }",
  '  + resource "terraform_data" "m" {',
  "      + input  = {",
  `          + "${MAP_KEY}" = "TAGG-map-value"`,
  `          + ${MAP_KEY} = "v1"`,
  "        }",
  "    }",
  '  + resource "terraform_data" "l" {',
  `      + input  = ["public", ["${NESTED}", ${BIG}]]`,
  `      + count  = ${BIG}`,
  "    }",
  '  + resource "terraform_data" "h" {',
  "      + input  = <<-EOT",
  "            TAGE-first-line",
  "            TAGF-second-line",
  "        EOT",
  "    }",
  '  ~ resource "terraform_data" "s" {',
  `      ~ input  = "${SHORT}" -> (sensitive value)`,
  `      ~ output = "${SHORT}"`,
  "    }",
  `  heredoc raw: ${HOSTILE}`,
  `  diagnostic: {"value":"${HOSTILE_GO_JSON}"}`,
  `  js: ${JSON.stringify(HOSTILE)}`,
  `  raw: ${ESCAPED.replace("\u0001", "")}`,
  `      + quoted = "${ESCAPED_TF}"`,
  `  diagnostic: {"value":"${ESCAPED_GO_JSON}"}`,
  `  js: ${JSON.stringify(ESCAPED)}`,
  "",
  "Plan: 4 to add, 1 to change, 0 to destroy.",
].join("\n");

/** Pieces of the secrets that must never be in the comment, whatever encoding they came in. */
const SECRET_PIECES = [
  "TAGA",
  "TAGB",
  "TAGC",
  "TAGD",
  "TAGE",
  "TAGF",
  "TAGG",
  "TAGH",
  BIG,
  "bell",
  `"${SHORT}"`,
];

function expectNoSecret(text: string): void {
  for (const piece of SECRET_PIECES) expect(text).not.toContain(piece);
}

/** Text that shows as-is in a code span or fence, with nothing invisible or reordering. */
function expectPrintable(text: string): void {
  expect(text).not.toMatch(/(?![\n])[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u);
}

let dir = "";
const file = (name: string, content: string): string => {
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-hostile-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("redaction fails closed", () => {
  test("through the CLI, no secret survives in any form, and withheld lines say so", () => {
    const result = run([
      "--env",
      `prod=${file("prod.json", PLAN_JSON)},text=${file("prod.txt", PLAN_TEXT)}`,
    ]);
    expect(result.code).toBe(0);
    const comment = result.stdout;
    expectNoSecret(comment);
    expectPrintable(comment);
    const block = comment.slice(comment.indexOf("```text"));
    // Each form was replaced, not merely dropped with its line.
    expect(block).toContain(`      + input  = "${REDACTED}"`);
    expect(block).toContain(`          + "${REDACTED}" = "${REDACTED}"`);
    expect(block).toContain(`          + ${REDACTED} = "v1"`);
    expect(block).toContain(`      + count  = ${REDACTED}`);
    expect(block).toContain(`            ${REDACTED}\n            ${REDACTED}`);
    expect(block).toContain(`  diagnostic: {"value":"${REDACTED}"}`);
    expect(block).toContain(`  js: "${REDACTED}"`);
    expect(block).toContain(`      + quoted = "${REDACTED}"`);
    expect(block).toContain(`  raw: ${REDACTED}`);
    // The raw control characters, and the too-short secret, withhold their lines.
    expect(block).toContain("[3 lines withheld: holding characters that cannot be shown safely]");
    expect(block).toContain(
      "[1 line withheld: possibly holding a sensitive value too short to redact reliably]",
    );
    expect(block).toContain("      ~ input  = (sensitive value)");
    expect(block).toContain("Plan: 4 to add, 1 to change, 0 to destroy.");
  });

  test("without the JSON text a number too big for JavaScript cannot be searched: the text is withheld", () => {
    const [summary] = summarizeEnvironments([
      { name: "prod", planJson: JSON.parse(PLAN_JSON), planText: PLAN_TEXT },
    ]);
    const comment = renderComment([summary!]);
    expectNoSecret(comment);
    expect(comment).toContain(
      "_Plain-text plan withheld: a sensitive number has more digits than a JavaScript number keeps",
    );
  });

  test("error output is searched and clipped without cutting a secret in half", () => {
    const secret = "TAGA-long-secret-value-0123456789";
    const plan = {
      format_version: "1.2",
      output_changes: { o: { actions: ["create"], after: secret, after_sensitive: true } },
    };
    // The secret starts just before the 3,000-character cut and ends after it.
    const errorText = `Error: bad value\n${"x".repeat(2_970)}${secret}\n${secret}`;
    const [summary] = summarizeEnvironments([{ name: "prod", planJson: plan, errorText }]);
    const comment = renderComment([summary!]);
    expect(comment).not.toContain("TAGA");
    expect(comment).toContain("x(sensitive)…");
  });

  test("a malformed plan cannot vouch for its text: withheld, and the environment fails", () => {
    const inputs: EnvInput[] = [
      { name: "a", planJson: { format_version: "1.2", resource_changes: {} }, planText: "TAGA" },
      {
        name: "b",
        planJson: { format_version: "9.0" },
        planText: "TAGB",
        errorText: "Error: TAGB",
      },
      { name: "c", planJson: [1, 2], planText: "TAGC" },
    ];
    const comment = renderComment(summarizeEnvironments(inputs));
    expectNoSecret(comment);
    expect(comment).toContain(
      "| `a` | ❌ failed: `malformed plan JSON: resource_changes is an object, not a list` |",
    );
    expect(comment).toContain(
      "_Plain-text plan withheld: the plan's resource_changes is not a list (and 1 more doubts)._",
    );
    expect(comment).toContain("_Error output withheld: the plan JSON could not be read");
  });

  test("a mask of another shape than its value marks the whole value", () => {
    const plan = {
      format_version: "1.2",
      resource_changes: [
        {
          address: "a.b",
          type: "a",
          change: {
            actions: ["create"],
            after: { input: "TAGA-shape-mismatch" },
            after_sensitive: { input: [true] },
          },
        },
      ],
    };
    const [summary] = summarizeEnvironments([
      { name: "dev", planJson: plan, planText: "value TAGA-shape-mismatch" },
    ]);
    expect(renderComment([summary!])).toContain(`value ${REDACTED}`);
  });
});

/** `markdown` without its code spans (CommonMark: a backtick run closed by one as long) and `<code>` elements. */
function withoutCode(text: string): string {
  // <code> only appears on raw-HTML lines, where backticks are not code spans.
  const markdown = text.replace(/<code>[^<]*<\/code>/g, "");
  let out = "";
  for (let i = 0; i < markdown.length;) {
    const run = /^`+/.exec(markdown.slice(i))?.[0];
    if (run === undefined) {
      out += markdown[i++];
      continue;
    }
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
    close.lastIndex = i + run.length;
    const end = close.exec(markdown);
    if (end === null) out += run;
    i = end === null ? i + run.length : end.index + run.length;
  }
  return out;
}

describe("everything from the plan reaches the Markdown escaped", () => {
  const address = 'module.m["a|b`c<img src=x>\u202e\u0007\u2028**x**"].aws_s3_bucket.b';
  const plan = {
    format_version: "1.2",
    terraform_version: "1.11.4 <img src=x onerror=alert(1)> | **bold** `tick`\n# heading",
    resource_changes: [
      { address, mode: "managed", type: "aws_s3_bucket", change: { actions: ["delete"] } },
      {
        address: "a.unknown",
        mode: "managed",
        type: "x<y>",
        change: { actions: ["obliterate</details>", "**x**|`y`"] },
        action_reason: "because_<b>|`z`",
      },
    ],
    output_changes: { "out<put>|`x`": { actions: ["create"] } },
    deferred_changes: [{ reason: "r<e>|a`s", resource_change: { address: "d<e>|f" } }],
  };
  const comment = renderComment(
    summarizeEnvironments([
      { name: "dev", planJson: plan },
      { name: "a|b<c>`d", planJson: plan },
    ]),
  );

  test("no raw HTML, no invisible characters, and code spans that hold", () => {
    expectPrintable(comment);
    // Outside code spans and <code> elements only the comment's own markup is left.
    const outside = withoutCode(comment);
    expect(outside).not.toMatch(
      /<(?!\/?(?:details|summary|sub)>|!--)|\*\*x|# heading|tick|obliterate/,
    );
    expect(comment).toContain(
      '- ``module.m["a|b`c<img src=x>\\u202e\\u0007\\u2028**x**"].aws_s3_bucket.b``',
    );
    expect(comment).toContain(
      '- `a.unknown` — unrecognised actions ``["obliterate</details>","**x**|`y`"]``, because of `` because_<b>|`z` ``',
    );
    expect(comment).toContain(
      "<sub>Terraform ``1.11.4 <img src=x onerror=alert(1)> | **bold** `tick`\\n# heading`` · plan format `1.2`</sub>",
    );
    expect(comment).toContain("- `` out<put>|`x` `` — create");
    expect(comment).toContain("- `d<e>|f` — reason ``r<e>|a`s``");
    expect(comment).toContain("<summary><code>a|b&lt;c&gt;`d</code> · ⚠️ destructive");
  });

  test("table rows keep their columns", () => {
    const rows = comment.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(12);
    expect(rows[1]).toMatch(/^\| ``a\\\|b<c>`d`` \| ⚠️ destructive \|/);
  });
});

describe("the destroy guard fails closed", () => {
  const guard = (raw: unknown, allowDestroy = false) =>
    checkDestroyGuard(parsePlan(raw), { allowDestroy });
  const rc = (extra: Record<string, unknown>) => ({
    address: "aws_x.y",
    mode: "managed",
    type: "aws_x",
    change: { actions: ["delete"] },
    ...extra,
  });

  test.each([
    ["resource_changes is an object", { resource_changes: { a: rc({}) } }],
    ["a change without type", { resource_changes: [rc({ type: undefined })] }],
    ["a change without address", { resource_changes: [rc({ address: 7 })] }],
    ["a change that is not an object", { resource_changes: ["aws_db_instance.x"] }],
    ["an unknown mode", { resource_changes: [rc({ mode: "ephemeral" })] }],
    ["output_changes as a list", { output_changes: [] }],
  ])("a plan with %s is rejected, never read as having no changes", (_, extra) => {
    expect(() => parsePlan({ format_version: "1.2", ...extra })).toThrow(/^malformed plan JSON: /);
  });

  test("the rejection names every malformed JSON path", () => {
    const raw = {
      format_version: "1.2",
      resource_changes: [rc({ type: undefined }), 7, rc({ address: "" }), rc({ mode: "x" })],
      resource_drift: {},
    };
    expect(() => parsePlan(raw)).toThrow(
      'malformed plan JSON: resource_changes[0] (aws_x.y) has no type; resource_changes[1] is a number, not an object; resource_changes[2] has no address; resource_changes[3] (aws_x.y) has mode "x", not managed or data; resource_drift is an object, not a list',
    );
  });

  test.each([
    ["an unknown action", { actions: ["archive"] }, 'unrecognised actions ["archive"]'],
    ["actions that are not a list", { actions: "delete" }, "unrecognised actions []"],
    ["no change at all", undefined, "unrecognised actions []"],
  ])("%s blocks whatever the type, even with --allow-destroy", (_, change, reason) => {
    const result = guard({ format_version: "1.2", resource_changes: [rc({ change })] }, true);
    expect(result.blocked).toBe(true);
    const report = formatGuardReport(result, "prod.json");
    expect(report).toContain("BLOCKED");
    expect(report).toContain(
      `  - aws_x.y: ${reason} [cannot be checked; --allow-destroy does not cover it]`,
    );
  });

  test("types an exact list missed are caught by pattern", () => {
    for (const type of [
      "aws_elasticache_serverless_cache",
      "aws_docdb_cluster",
      "aws_ebs_volume",
    ]) {
      expect(guard({ format_version: "1.2", resource_changes: [rc({ type })] }).blocked).toBe(true);
    }
  });

  test("addresses in the report are printable, so they cannot drive the terminal", () => {
    const result = guard({
      format_version: "1.2",
      resource_changes: [
        rc({ type: "aws_s3_bucket", address: 'aws_s3_bucket.b["\u001b[2Jx\u202e"]' }),
      ],
    });
    expect(formatGuardReport(result, "prod.json")).toContain(
      '  - aws_s3_bucket.b["\\u001b[2Jx\\u202e"]: delete',
    );
  });

  test("through the CLI: exit 1 for an unknown action, 2 for malformed or unreadable files, all named", () => {
    const unknown = file(
      "unknown.json",
      JSON.stringify({
        format_version: "1.2",
        resource_changes: [rc({ change: { actions: ["x"] } })],
      }),
    );
    const blocked = run(["guard", "--plan", unknown, "--allow-destroy"]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('aws_x.y: unrecognised actions ["x"]');

    const malformed = file(
      "malformed.json",
      JSON.stringify({ format_version: "1.2", resource_changes: {} }),
    );
    const broken = file("broken.json", "{");
    const result = run([
      "guard",
      "--plan",
      broken,
      "--plan",
      path.join(dir, "missing.json"),
      "--plan",
      malformed,
      "--plan",
      unknown,
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringContaining('broken.json" is not valid JSON'),
      expect.stringContaining('missing.json": no such file'),
      expect.stringMatching(
        /malformed\.json": malformed plan JSON: resource_changes is an object, not a list$/,
      ),
    ]);
  });
});

describe("the command line", () => {
  test("a long marker gets one line naming the flag, exit 2, nothing written", () => {
    const out = path.join(dir, "never.md");
    const marker = `<!-- ${"x".repeat(100_000)} -->`;
    const result = run([
      "--env",
      `dev=${file("dev.json", '{"format_version":"1.2"}')}`,
      "--marker",
      marker,
      "--out",
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")).toHaveLength(2);
    expect(result.stderr).toMatch(
      /^plan-summary: --marker "<!-- x+"… \(100,009 characters\): expected a one-line HTML comment of at most 200 characters/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    "<!-->x-->",
    "<!--->x-->",
    "<!-- a --!> b -->",
    "<!-- a -- b -->",
    "<!-- <img> -->",
    "<!---->",
  ])("marker %j, which HTML would end early or not at all, is refused", (marker) => {
    const result = run([
      "--env",
      `dev=${file("dev.json", '{"format_version":"1.2"}')}`,
      "--marker",
      marker,
    ]);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toContain("--marker");
  });

  test("every problem is reported at once", () => {
    const result = run([
      "--bogus",
      "--env",
      "bad name=x.json",
      "--env",
      `ok=${path.join(dir, "absent.json")}`,
      "--title",
      "a\u0007b",
      "--marker",
      "nope",
    ]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([
      expect.stringContaining("unknown flag --bogus"),
      expect.stringContaining('environment name "bad name"'),
      expect.stringContaining('--marker "nope"'),
      expect.stringContaining('--title "a\\u0007b"'),
    ]);
    for (const line of lines) expect(line).toMatch(/^plan-summary: /);
  });

  test("an unexpected failure is one line, not a stack trace", () => {
    const result = run([
      "--env",
      `dev=${file("dev2.json", '{"format_version":"1.2"}')}`,
      "--out",
      dir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^plan-summary: --out ".*": cannot write: EISDIR\n$/);
  });
});

test("at scale, every echoed secret is redacted and the counts are right", () => {
  const envs = 5;
  const changes = 2_000;
  const inputs: EnvInput[] = Array.from({ length: envs }, (_, e) => {
    const secret = (i: number) => `TAGA-env${e}-change${i}-s3cr3t`;
    const resource_changes = Array.from({ length: changes }, (_, i) => ({
      address: `module.svc["s${i % 13}"].aws_iam_role.r${i}`,
      mode: "managed",
      type: "aws_iam_role",
      change: {
        actions: ["create"],
        after: { name: `r${i}`, token: i % 10 === 0 ? secret(i) : null },
        after_sensitive: i % 10 === 0 ? { token: true } : {},
      },
    }));
    const planText = Array.from(
      { length: changes / 10 },
      (_, k) => `  + token = "${secret(k * 10)}"`,
    ).join("\n");
    return { name: `env${e}`, planJson: { format_version: "1.2", resource_changes }, planText };
  });
  const summaries = summarizeEnvironments(inputs);
  // Room enough to keep every text, so every one of them is searched.
  const comment = renderComment(summaries, { budget: 10_000_000 });
  expect(comment).not.toContain("TAGA");
  expect(comment.split(`+ token = "${REDACTED}"`)).toHaveLength(envs * (changes / 10) + 1);
  for (let e = 0; e < envs; e++) {
    expect(comment).toContain(`| \`env${e}\` | 📝 changes | ${changes} | 0 |`);
  }
  expect(renderComment(summaries)).not.toContain("TAGA");
});
