/** The prod destroy guard on hand-written resource changes. */
import {
  checkDestroyGuard,
  DATA_BEARING_TYPES,
  formatGuardReport,
} from "../../tools/plan-summary/destroy-guard";
import { parsePlan } from "../../tools/plan-summary/plan-model";

function planWith(
  ...changes: [type: string, actions: string[], extra?: Record<string, unknown>][]
) {
  return parsePlan({
    format_version: "1.2",
    resource_changes: changes.map(([type, actions, extra = {}]) => ({
      address: `${type}.main`,
      mode: "managed",
      type,
      name: "main",
      change: { actions },
      ...extra,
    })),
  });
}

const DB_REPLACE = planWith([
  "aws_db_instance",
  ["delete", "create"],
  { action_reason: "replace_because_cannot_update" },
]);

test("blocks replacing a database, naming the address, the action and the reason", () => {
  const result = checkDestroyGuard(DB_REPLACE);
  expect(result).toEqual({
    blocked: true,
    allowed: false,
    findings: [
      {
        address: "aws_db_instance.main",
        type: "aws_db_instance",
        action: "replace (delete, then create)",
        reason: "an argument that forces replacement changed",
      },
    ],
  });
  expect(formatGuardReport(result, "prod.plan.json")).toBe(
    [
      "destroy guard: prod.plan.json: BLOCKED, the plan would lose data in 1 resource(s):",
      "  - aws_db_instance.main: replace (delete, then create) (because an argument that forces replacement changed)",
      "If this is intended, re-run with --allow-destroy (a deliberate, reviewed decision).",
    ].join("\n"),
  );
});

test("passes, still reporting the loss, when destroy is explicitly allowed", () => {
  const result = checkDestroyGuard(DB_REPLACE, { allowDestroy: true });
  expect([result.blocked, result.allowed, result.findings.length]).toEqual([false, true, 1]);
  expect(formatGuardReport(result, "prod.plan.json")).toContain("allowed by --allow-destroy");
});

test.each(DATA_BEARING_TYPES.map((t) => [t]))("deleting %s is blocked", (type) => {
  expect(checkDestroyGuard(planWith([type, ["delete"]])).blocked).toBe(true);
});

test.each([
  ["forget", ["forget"]],
  ["create-then-forget", ["create", "forget"]],
  ["create_before_destroy replacement", ["create", "delete"]],
  ["unrecognised action list (fails closed)", ["obliterate"]],
])("%s of a data-bearing resource is blocked", (_, actions) => {
  expect(checkDestroyGuard(planWith(["aws_s3_bucket", actions])).blocked).toBe(true);
});

test("ignores what loses no data", () => {
  const plan = planWith(
    ["aws_cloudwatch_log_group", ["delete"]],
    ["aws_db_instance", ["update"]],
    ["aws_dynamodb_table", ["create"]],
    ["aws_kms_key", ["no-op"]],
    ["aws_s3_bucket", ["read"], { mode: "data", address: "data.aws_s3_bucket.main" }],
  );
  expect(checkDestroyGuard(plan)).toEqual({ blocked: false, allowed: false, findings: [] });
  expect(formatGuardReport(checkDestroyGuard(plan), "dev.json")).toBe(
    "destroy guard: dev.json: no data-bearing resource is deleted, replaced or forgotten.",
  );
  expect(DATA_BEARING_TYPES).not.toContain("aws_cloudwatch_log_group");
});

test("the list of data-bearing types can be extended per call", () => {
  const plan = planWith(["aws_opensearch_domain", ["delete"]]);
  expect(checkDestroyGuard(plan).blocked).toBe(false);
  const extended = [...DATA_BEARING_TYPES, "aws_opensearch_domain"];
  expect(checkDestroyGuard(plan, { dataBearingTypes: extended }).blocked).toBe(true);
});

test("a deposed database left over from a replacement is still guarded", () => {
  const plan = planWith(["aws_rds_cluster", ["delete"], { deposed: "abc123" }]);
  expect(checkDestroyGuard(plan).findings.map((f) => f.address)).toEqual([
    "aws_rds_cluster.main (deposed object abc123)",
  ]);
});
