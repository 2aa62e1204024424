/**
 * The prod destroy guard: fails when a plan deletes, replaces or forgets a resource that holds
 * data, unless the caller explicitly allows it. Replacing a database is a delete plus a create,
 * and forgetting one leaves it running unmanaged (and unbacked-up by this code), so all three
 * count. It fails closed: which types hold data is a broad pattern list rather than a list of
 * exact names (a new variant such as a serverless cache is caught without a code change), an
 * action list it does not know blocks whatever the resource type, even with `--allow-destroy`
 * (which vouches for reviewed losses, not for changes nobody can read), and a plan too malformed
 * to read at all is rejected by parsePlan (a change without address or type, a section of the
 * wrong type), which the CLI reports as an error.
 */
import { printable } from "./markdown";
import type { PlannedChange, PlanModel } from "./plan-model";
import { actionInWords, reasonInWords } from "./wording";

/**
 * Resource types whose loss loses data: the stores themselves, their snapshots and backups, and
 * the keys and secrets without which stored data cannot be read. Configuration-only companions
 * (parameter, subnet and option groups, policies, bucket settings) do not match.
 * Log groups are deliberately absent: logs here have a retention period anyway, the audit trail
 * lives in CloudTrail's (guarded) S3 bucket, and guarding them would block every service rename.
 */
export const DATA_BEARING_PATTERNS: readonly RegExp[] = [
  // Relational and document databases, graph databases, warehouses.
  /^aws_db_(instance|snapshot|cluster_snapshot|instance_automated_backups_replication)$/,
  /^aws_rds_(cluster|cluster_instance|global_cluster|shard_group)$/,
  /^aws_(docdb|neptune)_(cluster|cluster_instance|global_cluster|cluster_snapshot)$/,
  /^aws_docdb_elastic_cluster$/,
  /^aws_neptunegraph_graph$/,
  /^aws_redshift_(cluster|cluster_snapshot)$/,
  /^aws_redshiftserverless_(namespace|snapshot)$/,
  /^aws_lightsail_database$/,
  /^aws_(dynamodb_table|dynamodb_global_table|dynamodb_table_replica)$/,
  /^aws_keyspaces_(keyspace|table)$/,
  /^aws_qldb_ledger$/,
  /^aws_timestreamwrite_(database|table)$/,
  /^aws_timestreaminfluxdb_db_instance$/,
  // Caches and in-memory stores, including their serverless and global variants.
  /^aws_elasticache_(cluster|replication_group|global_replication_group|serverless_cache|snapshot)$/,
  /^aws_memorydb_(cluster|multi_region_cluster|snapshot)$/,
  /^aws_dax_cluster$/,
  // Search domains.
  /^aws_(opensearch|elasticsearch)_domain$/,
  /^aws_opensearchserverless_collection$/,
  /^aws_cloudsearch_domain$/,
  // Object, block and file storage, and backups.
  /^aws_s3_(bucket|object|directory_bucket)$/,
  /^aws_s3control_bucket$/,
  /^aws_s3tables_(table|table_bucket|namespace)$/,
  /^aws_glacier_vault$/,
  /^aws_ebs_(volume|snapshot|snapshot_copy|snapshot_import)$/,
  /^aws_efs_file_system$/,
  /^aws_fsx_\w*(file_system|volume|backup|snapshot)$/,
  /^aws_backup_(vault|logically_air_gapped_vault)$/,
  /^aws_ecr_repository$/,
  /^aws_ecrpublic_repository$/,
  /^aws_codecommit_repository$/,
  // Streams and queues holding messages not yet consumed.
  /^aws_kinesis_(stream|video_stream)$/,
  /^aws_msk_(cluster|serverless_cluster)$/,
  /^aws_mq_broker$/,
  /^aws_sqs_queue$/,
  // Keys, secrets and identities: losing them loses access to data or users.
  /^aws_kms_(key|replica_key|external_key|replica_external_key)$/,
  /^aws_secretsmanager_(secret|secret_version)$/,
  /^aws_ssm_parameter$/,
  /^aws_acmpca_certificate_authority$/,
  /^aws_cognito_user_pool$/,
];

/** Action kinds that lose the existing object (or Terraform's hold on it). */
const LOSING_KINDS: ReadonlySet<PlannedChange["kind"]> = new Set([
  "delete",
  "replace",
  "forget",
  "create-then-forget",
]);

export interface GuardOptions {
  /** The explicit human decision that these losses are intended. Default false. */
  readonly allowDestroy?: boolean;
  /**
   * Which types hold data: exact names or patterns. Default `DATA_BEARING_PATTERNS`; a list given
   * here replaces it (spread the default to extend it).
   */
  readonly dataBearingTypes?: readonly (string | RegExp)[];
}

export interface GuardFinding {
  /** Printable: invisible characters shown as escapes. */
  readonly address: string;
  readonly type: string;
  /** e.g. "replace (delete, then create)", or what could not be read. */
  readonly action: string;
  readonly reason?: string;
  /**
   * `loss`: a data-bearing resource is lost (`--allow-destroy` lets it pass); `unreadable`: the
   * guard cannot tell what the plan does there (always blocks).
   */
  readonly kind: "loss" | "unreadable";
}

export interface GuardResult {
  /** True when the plan must not be applied. */
  readonly blocked: boolean;
  readonly findings: readonly GuardFinding[];
  readonly allowed: boolean;
}

export function isDataBearingType(
  type: string,
  patterns: readonly (string | RegExp)[] = DATA_BEARING_PATTERNS,
): boolean {
  return patterns.some((p) => (typeof p === "string" ? p === type : p.test(type)));
}

function addressOf(c: PlannedChange): string {
  return printable(
    c.deposed === undefined ? c.address : `${c.address} (deposed object ${c.deposed})`,
  );
}

function findingFor(c: PlannedChange, patterns: readonly (string | RegExp)[]): GuardFinding[] {
  if (c.mode !== "managed") return [];
  const base = { address: addressOf(c), type: printable(c.type) };
  if (c.kind === "unrecognised") {
    return [{ ...base, action: actionInWords(c, printable), kind: "unreadable" }];
  }
  if (!LOSING_KINDS.has(c.kind) || !isDataBearingType(c.type, patterns)) return [];
  const reason = c.actionReason && printable(reasonInWords(c.actionReason) ?? c.actionReason);
  return [{ ...base, action: actionInWords(c, printable), reason, kind: "loss" }];
}

export function checkDestroyGuard(plan: PlanModel, options: GuardOptions = {}): GuardResult {
  const patterns = options.dataBearingTypes ?? DATA_BEARING_PATTERNS;
  const findings = plan.changes.flatMap((c) => findingFor(c, patterns));
  const allowed = options.allowDestroy === true;
  const blocked = findings.some((f) => f.kind === "unreadable" || !allowed);
  return { blocked, findings, allowed };
}

function findingLine(f: GuardFinding): string {
  const because = f.reason ? ` (because ${f.reason})` : "";
  const note =
    f.kind === "unreadable" ? " [cannot be checked; --allow-destroy does not cover it]" : "";
  return `  - ${f.address}: ${f.action}${because}${note}`;
}

/** Human-readable report; `source` names the plan (usually its file). */
export function formatGuardReport(result: GuardResult, source: string): string {
  const name = printable(source);
  if (result.findings.length === 0) {
    return `destroy guard: ${name}: no data-bearing resource is deleted, replaced or forgotten.`;
  }
  const losses = result.findings.filter((f) => f.kind === "loss").length;
  const unreadable = result.findings.length - losses;
  const what = [
    losses > 0 ? `would lose data in ${losses} resource(s)` : "",
    unreadable > 0 ? `has ${unreadable} change(s) the guard cannot check` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  const verdict = result.blocked
    ? `destroy guard: ${name}: BLOCKED, the plan ${what}:`
    : `destroy guard: ${name}: allowed by --allow-destroy, the plan ${what}:`;
  const hint = !result.blocked
    ? []
    : unreadable > 0
      ? [
          "An action the guard does not know blocks whatever the type: regenerate the plan with `terraform show -json`, or update the guard for a new Terraform action.",
        ]
      : ["If this is intended, re-run with --allow-destroy (a deliberate, reviewed decision)."];
  return [verdict, ...result.findings.map(findingLine), ...hint].join("\n");
}
