/**
 * The prod destroy guard: fails when a plan deletes, replaces or forgets a resource that holds
 * data, unless the caller explicitly allows it. Replacing a database is a delete plus a create,
 * and forgetting one leaves it running unmanaged (and unbacked-up by this code), so all three
 * count. Action lists this tool does not recognise fail closed.
 */
import type { PlannedChange, PlanModel } from "./plan-model";
import { actionInWords, reasonInWords } from "./wording";

/** Resource types whose loss loses data. Log groups are deliberately absent: logs are disposable here. */
export const DATA_BEARING_TYPES: readonly string[] = [
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_elasticache_replication_group",
  "aws_elasticache_cluster",
  "aws_efs_file_system",
  "aws_s3_bucket",
  "aws_dynamodb_table",
  "aws_kms_key",
  "aws_secretsmanager_secret",
  "aws_backup_vault",
];

const GUARDED_KINDS: ReadonlySet<PlannedChange["kind"]> = new Set([
  "delete",
  "replace",
  "forget",
  "create-then-forget",
  "unrecognised",
]);

export interface GuardOptions {
  /** The explicit human decision that these losses are intended. */
  readonly allowDestroy?: boolean;
  readonly dataBearingTypes?: readonly string[];
}

export interface GuardFinding {
  readonly address: string;
  readonly type: string;
  /** e.g. "replace (delete, then create)". */
  readonly action: string;
  readonly reason?: string;
}

export interface GuardResult {
  /** True when the plan must not be applied. */
  readonly blocked: boolean;
  readonly findings: readonly GuardFinding[];
  readonly allowed: boolean;
}

export function checkDestroyGuard(plan: PlanModel, options: GuardOptions = {}): GuardResult {
  const types = new Set(options.dataBearingTypes ?? DATA_BEARING_TYPES);
  const findings = plan.changes
    .filter((c) => c.mode === "managed" && types.has(c.type) && GUARDED_KINDS.has(c.kind))
    .map((c): GuardFinding => ({
      address: c.deposed === undefined ? c.address : `${c.address} (deposed object ${c.deposed})`,
      type: c.type,
      action: actionInWords(c),
      reason: c.actionReason && (reasonInWords(c.actionReason) ?? c.actionReason),
    }));
  const allowed = options.allowDestroy === true;
  return { blocked: findings.length > 0 && !allowed, findings, allowed };
}

/** Human-readable report; `source` names the plan (usually its file). */
export function formatGuardReport(result: GuardResult, source: string): string {
  if (result.findings.length === 0) {
    return `destroy guard: ${source}: no data-bearing resource is deleted, replaced or forgotten.`;
  }
  const lines = result.findings.map(
    (f) => `  - ${f.address}: ${f.action}${f.reason ? ` (because ${f.reason})` : ""}`,
  );
  const verdict = result.blocked
    ? `destroy guard: ${source}: BLOCKED, the plan would lose data in ${result.findings.length} resource(s):`
    : `destroy guard: ${source}: allowed by --allow-destroy, the plan loses data in ${result.findings.length} resource(s):`;
  const hint = result.blocked
    ? ["If this is intended, re-run with --allow-destroy (a deliberate, reviewed decision)."]
    : [];
  return [verdict, ...lines, ...hint].join("\n");
}
