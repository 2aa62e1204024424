import type { PlanJson, ResourceChange } from "../../tools/terraform/runner";
import { after, changes } from "./plan";

/**
 * The rules of `secure-defaults.md` that a plan can prove, as one checker for every example's
 * staging and prod plans. Each finding names the address and what is wrong; values Terraform
 * only knows after apply are not judged (the module tests cover how they are set).
 */
export function secureDefaultFindings(plan: PlanJson): string[] {
  const findings: string[] = [];
  const flag = (c: ResourceChange, problem: string) => findings.push(`${c.address}: ${problem}`);
  const isWorld = (cidr: unknown) => cidr === "0.0.0.0/0" || cidr === "::/0";

  for (const c of changes(plan)) {
    const a = after(c);
    switch (c.type) {
      case "aws_vpc_security_group_ingress_rule": {
        const ports = [a.from_port, a.to_port];
        if (a.ip_protocol === "-1") flag(c, "ingress on every protocol and port");
        if (ports[0] !== undefined && ports[0] <= 22 && ports[1] >= 22)
          flag(c, "ingress on port 22 (SSH): use SSM Session Manager");
        if (
          (isWorld(a.cidr_ipv4) || isWorld(a.cidr_ipv6)) &&
          !(ports[0] === ports[1] && [80, 443].includes(ports[0]))
        )
          flag(
            c,
            `open ingress on ${ports.join("-")}: only 80/443 on internet-facing entry points`,
          );
        break;
      }
      case "aws_security_group":
        for (const rule of a.ingress ?? [])
          flag(
            c,
            `inline ingress rule (${rule.from_port}-${rule.to_port}): rules are separate resources with descriptions`,
          );
        break;
      case "aws_lb_listener":
        if (
          a.protocol === "HTTP" &&
          (a.default_action ?? []).some((d: any) => d.type !== "redirect")
        )
          flag(c, "plain-HTTP listener that serves instead of redirecting to HTTPS");
        break;
      case "aws_db_instance":
      case "aws_rds_cluster":
        if (a.publicly_accessible === true) flag(c, "publicly accessible database");
        if (a.storage_encrypted === false) flag(c, "unencrypted storage");
        break;
      case "aws_elasticache_replication_group":
        if (a.transit_encryption_enabled === false) flag(c, "no encryption in transit");
        if (String(a.at_rest_encryption_enabled) === "false") flag(c, "no encryption at rest");
        break;
      case "aws_efs_file_system":
        if (a.encrypted === false) flag(c, "unencrypted file system");
        break;
      case "aws_s3_bucket_public_access_block":
        for (const k of [
          "block_public_acls",
          "block_public_policy",
          "ignore_public_acls",
          "restrict_public_buckets",
        ])
          if (a[k] !== true) flag(c, `${k} is not true`);
        break;
      case "aws_launch_template":
        for (const m of a.metadata_options ?? [])
          if (m.http_tokens !== "required") flag(c, "IMDSv1 allowed: http_tokens must be required");
        if ((a.metadata_options ?? []).length === 0)
          flag(c, "no metadata_options: IMDSv2 not enforced");
        if (a.key_name) flag(c, "an SSH key pair");
        for (const d of a.block_device_mappings ?? [])
          for (const e of d.ebs ?? [])
            if (String(e.encrypted) !== "true") flag(c, `unencrypted volume ${d.device_name}`);
        break;
      case "aws_instance":
        for (const m of a.metadata_options ?? [])
          if (m.http_tokens !== "required") flag(c, "IMDSv1 allowed: http_tokens must be required");
        if (a.key_name) flag(c, "an SSH key pair");
        if (a.associate_public_ip_address === true) flag(c, "a public IP");
        break;
      case "aws_cloudfront_distribution":
        for (const b of [...(a.default_cache_behavior ?? []), ...(a.ordered_cache_behavior ?? [])])
          if (b.viewer_protocol_policy === "allow-all") flag(c, "a behaviour allows plain HTTP");
        for (const v of a.viewer_certificate ?? [])
          if (
            v.minimum_protocol_version &&
            !/^TLSv1\.2_20(19|21)$|^TLSv1\.3/.test(v.minimum_protocol_version)
          )
            flag(c, `viewer TLS ${v.minimum_protocol_version} is below TLSv1.2_2021`);
        break;
      case "aws_cloudwatch_log_group":
        if (!a.retention_in_days) flag(c, "log group kept forever: set a retention");
        break;
      case "aws_sns_topic":
        if (a.kms_master_key_id === undefined || a.kms_master_key_id === null)
          if (!(c.change.after_unknown as any)?.kms_master_key_id) flag(c, "unencrypted topic");
        break;
      case "aws_iam_policy":
      case "aws_iam_role_policy":
        for (const s of policyStatements(a.policy))
          for (const action of [s.Action ?? []].flat())
            if (action === "*" || /^[a-z0-9-]+:\*$/.test(action))
              flag(c, `wildcard action ${action}`);
        break;
    }
  }
  return findings;
}

function policyStatements(policy: unknown): any[] {
  if (typeof policy !== "string") return [];
  try {
    const doc = JSON.parse(policy);
    return [doc.Statement ?? []].flat();
  } catch {
    return [];
  }
}
