/** The prod destroy guard on hand-written resource changes. */
import {
  checkDestroyGuard,
  DATA_BEARING_PATTERNS,
  formatGuardReport,
  isDataBearingType,
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
        kind: "loss",
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

/** Stores of every family the guard covers, including ones an exact list had missed. */
const DATA_BEARING_EXAMPLES = [
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_db_snapshot",
  "aws_docdb_cluster",
  "aws_docdb_cluster_instance",
  "aws_docdb_elastic_cluster",
  "aws_neptune_cluster",
  "aws_redshift_cluster",
  "aws_redshiftserverless_namespace",
  "aws_elasticache_replication_group",
  "aws_elasticache_cluster",
  "aws_elasticache_serverless_cache",
  "aws_memorydb_cluster",
  "aws_opensearch_domain",
  "aws_elasticsearch_domain",
  "aws_ebs_volume",
  "aws_ebs_snapshot",
  "aws_dynamodb_table",
  "aws_s3_bucket",
  "aws_s3_object",
  "aws_efs_file_system",
  "aws_fsx_lustre_file_system",
  "aws_fsx_ontap_volume",
  "aws_kms_key",
  "aws_secretsmanager_secret",
  "aws_ssm_parameter",
  "aws_backup_vault",
  "aws_kinesis_stream",
  "aws_msk_cluster",
  "aws_timestreamwrite_table",
  "aws_qldb_ledger",
  "aws_ecr_repository",
  "aws_sqs_queue",
  "aws_cognito_user_pool",
];

test.each(DATA_BEARING_EXAMPLES.map((t) => [t]))("deleting %s is blocked", (type) => {
  expect(checkDestroyGuard(planWith([type, ["delete"]])).blocked).toBe(true);
});

test.each([
  "aws_cloudwatch_log_group",
  "aws_db_parameter_group",
  "aws_db_subnet_group",
  "aws_docdb_cluster_parameter_group",
  "aws_elasticache_subnet_group",
  "aws_s3_bucket_policy",
  "aws_s3_bucket_versioning",
  "aws_iam_role",
  "aws_security_group",
  "terraform_data",
])("%s holds no data", (type) => {
  expect(isDataBearingType(type)).toBe(false);
});

test.each([
  ["forget", ["forget"]],
  ["create-then-forget", ["create", "forget"]],
  ["create_before_destroy replacement", ["create", "delete"]],
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
});

test("the list of data-bearing types can be extended per call", () => {
  const plan = planWith(["custom_ledger", ["delete"]]);
  expect(checkDestroyGuard(plan).blocked).toBe(false);
  const extended = [...DATA_BEARING_PATTERNS, "custom_ledger"];
  expect(checkDestroyGuard(plan, { dataBearingTypes: extended }).blocked).toBe(true);
  expect(checkDestroyGuard(plan, { dataBearingTypes: [/^custom_/] }).blocked).toBe(true);
});

test("a deposed database left over from a replacement is still guarded", () => {
  const plan = planWith(["aws_rds_cluster", ["delete"], { deposed: "abc123" }]);
  expect(checkDestroyGuard(plan).findings.map((f) => f.address)).toEqual([
    "aws_rds_cluster.main (deposed object abc123)",
  ]);
});
