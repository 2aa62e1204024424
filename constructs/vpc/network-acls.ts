import { expr } from "../core/expressions";
import { EPHEMERAL_PORTS } from "./spec";

const ANYWHERE = "0.0.0.0/0";
const VPC = "${var.cidr_block}";

interface AclRule {
  readonly tier: "public" | "private";
  readonly egress: boolean;
  readonly ruleNumber: number;
  /** `tcp`, or `-1` for every protocol (ports then 0). */
  readonly protocol: "tcp" | "-1";
  readonly cidr: string;
  readonly ports?: { readonly from: number; readonly to: number };
}

/**
 * The rules of the public and private tiers, by `<tier>/<name>`. NACLs are stateless, so the
 * replies to connections a tier opens come back on the ephemeral ports and are admitted
 * explicitly; outbound stays open (security groups narrow it per resource).
 */
const FIXED_RULES: Readonly<Record<string, AclRule>> = {
  // The internet-facing entry points (ALB listeners) on HTTP and HTTPS.
  "public/in-http": {
    tier: "public",
    egress: false,
    ruleNumber: 100,
    protocol: "tcp",
    cidr: ANYWHERE,
    ports: { from: 80, to: 80 },
  },
  "public/in-https": {
    tier: "public",
    egress: false,
    ruleNumber: 110,
    protocol: "tcp",
    cidr: ANYWHERE,
    ports: { from: 443, to: 443 },
  },
  // NAT gateways forward whatever the private subnets send out, on any port.
  "public/in-vpc": { tier: "public", egress: false, ruleNumber: 120, protocol: "-1", cidr: VPC },
  "public/in-ephemeral": {
    tier: "public",
    egress: false,
    ruleNumber: 130,
    protocol: "tcp",
    cidr: ANYWHERE,
    ports: EPHEMERAL_PORTS,
  },
  "public/out-all": {
    tier: "public",
    egress: true,
    ruleNumber: 100,
    protocol: "-1",
    cidr: ANYWHERE,
  },
  "private/in-vpc": { tier: "private", egress: false, ruleNumber: 100, protocol: "-1", cidr: VPC },
  // Replies through NAT arrive from the NAT's VPC address; through gateway endpoints, from AWS's.
  "private/in-ephemeral": {
    tier: "private",
    egress: false,
    ruleNumber: 110,
    protocol: "tcp",
    cidr: ANYWHERE,
    ports: EPHEMERAL_PORTS,
  },
  "private/out-all": {
    tier: "private",
    egress: true,
    ruleNumber: 100,
    protocol: "-1",
    cidr: ANYWHERE,
  },
};

function hclRule(r: AclRule): string {
  return `{ tier = "${r.tier}", egress = ${r.egress}, rule_number = ${r.ruleNumber}, protocol = "${r.protocol}", cidr_block = "${r.cidr}", from_port = ${r.ports?.from ?? 0}, to_port = ${r.ports?.to ?? 0} }`;
}

/**
 * `local.network_acl_rules`: the fixed rules, and for the database tier one ingress rule per
 * database port and private subnet (`database/in-<port>-from-<az>`, numbered 100 + 10 × the
 * port's position + the AZ's) and one egress rule per private subnet for the replies
 * (`database/out-ephemeral-to-<az>`). Nothing else enters or leaves the database tier.
 */
export function networkAclRulesLocal() {
  const fixed = Object.entries(FIXED_RULES)
    .map(([key, rule]) => `"${key}" = ${hclRule(rule)}`)
    .join(", ");
  const database =
    "merge(" +
    '{ for p in setproduct(range(length(var.database_ports)), keys(var.subnets)) : "database/in-${var.database_ports[p[0]]}-from-${p[1]}" => ' +
    '{ tier = "database", egress = false, rule_number = 100 + p[0] * 10 + index(keys(var.subnets), p[1]), protocol = "tcp", cidr_block = var.subnets[p[1]].private, from_port = var.database_ports[p[0]], to_port = var.database_ports[p[0]] } }, ' +
    '{ for i, az in keys(var.subnets) : "database/out-ephemeral-to-${az}" => ' +
    `{ tier = "database", egress = true, rule_number = 100 + i, protocol = "tcp", cidr_block = var.subnets[az].private, from_port = ${EPHEMERAL_PORTS.from}, to_port = ${EPHEMERAL_PORTS.to} } })`;
  return expr.any(
    `var.network_acls_enabled ? merge({ ${fixed} }, var.database_subnets ? ${database} : {}) : {}`,
  );
}
