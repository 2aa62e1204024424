/** Finding sensitive values in plan JSON and keeping them out of quoted text. */
import { summarizeEnvironments } from "../../tools/plan-summary/env-summary";
import { REDACTED, SecretIndex } from "../../tools/plan-summary/redact";
import { collectSensitiveValues } from "../../tools/plan-summary/sensitive";

/** `text` quoted whole for a plan with these sensitive values. */
function redactFreeText(text: string, values: ReadonlySet<string>) {
  const index = new SecretIndex([{ values, doubts: [] }]);
  return index.quote([{ env: 0, text, limit: Infinity, overflow: "refuse" }])[0];
}

const PLAN = {
  format_version: "1.2",
  variables: { db_password: { value: "var-secret-1" }, region: { value: "eu-west-1" } },
  configuration: {
    root_module: {
      variables: {
        db_password: { sensitive: true, default: "default-secret-2" },
        region: { default: "eu-west-1" },
      },
    },
  },
  resource_changes: [
    {
      address: "aws_db_instance.main",
      change: {
        actions: ["update"],
        before: { password: "before-secret-3", tags: { owner: "team-a" }, ports: [5432, 99999] },
        after: { password: "after-secret-4", tags: { owner: "team-a" }, ports: [5432, 123456] },
        before_sensitive: { password: true, ports: [false, true] },
        after_sensitive: { password: true, ports: [false, true] },
      },
    },
    {
      address: "aws_secretsmanager_secret_version.v",
      change: {
        actions: ["create"],
        after: { secret_string: '{"user":"admin","pass":"json-secret-5"}', enabled: true },
        after_sensitive: { secret_string: true, enabled: true },
      },
    },
  ],
  resource_drift: [
    {
      address: "aws_db_instance.main",
      change: {
        actions: ["update"],
        before: { password: "drift-secret-6" },
        before_sensitive: { password: true },
      },
    },
  ],
  output_changes: {
    conn: { actions: ["create"], after: "output-secret-7", after_sensitive: true },
    plain: { actions: ["create"], after: "not-secret", after_sensitive: false },
  },
  planned_values: {
    outputs: { conn: { sensitive: true, value: "planned-secret-8" } },
    root_module: {
      child_modules: [
        {
          resources: [
            { values: { token: "module-secret-9", name: "x" }, sensitive_values: { token: true } },
          ],
        },
      ],
    },
  },
  prior_state: {
    values: { outputs: { old: { sensitive: true, value: { nested: ["prior-secret-10"] } } } },
  },
};

describe("collectSensitiveValues", () => {
  test("finds every value flagged sensitive, and nothing else", () => {
    expect(collectSensitiveValues(PLAN).doubts).toEqual([]);
    expect([...collectSensitiveValues(PLAN).values].sort()).toEqual(
      [
        "var-secret-1",
        "default-secret-2",
        "before-secret-3",
        "after-secret-4",
        "99999",
        "123456",
        '{"user":"admin","pass":"json-secret-5"}',
        "user",
        "pass",
        "admin",
        "json-secret-5",
        "drift-secret-6",
        "output-secret-7",
        "planned-secret-8",
        "module-secret-9",
        "prior-secret-10",
        "nested",
      ].sort(),
    );
  });

  test("cannot vouch for what is not a plan: doubts, never an empty all-clear", () => {
    expect(collectSensitiveValues(undefined).doubts).toEqual(["the plan JSON is not an object"]);
    expect(collectSensitiveValues({ resource_changes: "nope", output_changes: [1] })).toEqual({
      values: new Set(),
      doubts: [
        "the plan's resource_changes is not a list",
        "the plan's output_changes is not an object",
      ],
    });
  });
});

describe("redaction", () => {
  test("replaces a secret as is, JSON-escaped, and line by line when multi-line", () => {
    const secrets = new Set(['pa"ss-word', "-----BEGIN KEY-----\nAAAABBBBCCCC\n-----END KEY-----"]);
    const text = [
      'password = "pa\\"ss-word"',
      'raw pa"ss-word in a diagnostic',
      "key = <<-EOT",
      "    -----BEGIN KEY-----",
      "    AAAABBBBCCCC",
      "    -----END KEY-----",
      "EOT",
    ].join("\n");
    const result = redactFreeText(text, secrets);
    expect(result).toEqual({
      text: [
        `password = "${REDACTED}"`,
        `raw ${REDACTED} in a diagnostic`,
        "key = <<-EOT",
        `    ${REDACTED}`,
        `    ${REDACTED}`,
        `    ${REDACTED}`,
        "EOT",
      ].join("\n"),
    });
  });

  test("keeps only the attribute name on lines Terraform marks sensitive, and strips colours", () => {
    const text =
      '\u001b[33m~\u001b[0m password = "was-visible" -> (sensitive value)\n  (sensitive value)';
    expect(redactFreeText(text, new Set())).toEqual({
      text: "~ password = (sensitive value)\n  (sensitive value)",
    });
  });

  test("withholds the lines holding a secret too short to replace safely, and says so", () => {
    expect(redactFreeText("name = x\nid = abc\nkey = abc2\nend", new Set(["abc"]))).toEqual({
      text: "name = x\n[2 lines withheld: possibly holding a sensitive value too short to redact reliably]\nend",
    });
  });
});

test("secrets from one environment are redacted from every environment's text", () => {
  const prod = {
    format_version: "1.2",
    output_changes: {
      token: {
        actions: ["update"],
        before: "shared-token-xyz",
        after: "ab",
        after_sensitive: true,
        before_sensitive: true,
      },
    },
  };
  const [dev, prodSummary, stage] = summarizeEnvironments([
    { name: "dev", planJson: { format_version: "1.2" }, planText: "echo shared-token-xyz and ab" },
    { name: "prod", planJson: prod, planText: "anything" },
    { name: "stage", planJson: prod, planText: "has ab in it" },
  ]);
  // The long secret is replaced in dev; prod's too-short one withholds only prod's own lines.
  const quoted = (s: typeof dev) =>
    s?.planText && s.planText.index.quote([{ ...s.planText, limit: 1e6, overflow: "refuse" }])[0];
  expect(quoted(dev)).toEqual({ text: `echo ${REDACTED} and ab` });
  expect(quoted(prodSummary)).toEqual({ text: "anything" });
  expect(quoted(stage)).toEqual({ text: expect.stringMatching(/^\[1 line withheld/) });
});
