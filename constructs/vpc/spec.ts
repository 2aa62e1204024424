import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";

export const NAT_MODES = ["none", "single", "one-per-az"] as const;
export type NatMode = (typeof NAT_MODES)[number];
export const GATEWAY_ENDPOINTS = ["s3", "dynamodb"] as const;
export const MIN_AZS = 2;
export const MAX_AZS = 3;
/**
 * AWS services the module can reach through interface endpoints (`com.amazonaws.<region>.<service>`):
 * what ECS tasks in private subnets call (image pulls, logs, secrets, parameters, credentials,
 * keys, ECS Exec).
 */
export const INTERFACE_ENDPOINTS = [
  "ecr.api",
  "ecr.dkr",
  "logs",
  "secretsmanager",
  "ssm",
  "ssmmessages",
  "ec2messages",
  "sts",
  "kms",
  "monitoring",
  "ecs",
  "ecs-agent",
  "ecs-telemetry",
  "elasticloadbalancing",
  "sns",
  "sqs",
] as const;
export type InterfaceEndpoint = (typeof INTERFACE_ENDPOINTS)[number];
/** Return traffic of TCP connections arrives on these client ports (Linux, Windows, NAT gateways, ELB). */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;
/**
 * A network ACL holds 20 rules per direction by default; the database tier takes one ingress
 * rule per port and private subnet, so 6 ports × 3 AZs fit.
 */
export const MAX_DATABASE_PORTS = 6;

const subnetCidrs = tf.object({
  public: tf.string,
  private: tf.string,
  database: tf.optional(tf.string),
  intra: tf.optional(tf.string),
});

const tiers = ["public", "private"] as const;

/** The example's subnets: three AZs, each with a database tier. */
const EXAMPLE_SUBNETS = {
  "eu-north-1a": { public: "10.20.96.0/24", private: "10.20.0.0/20", database: "10.20.112.0/24" },
  "eu-north-1b": { public: "10.20.97.0/24", private: "10.20.16.0/20", database: "10.20.113.0/24" },
  "eu-north-1c": { public: "10.20.98.0/24", private: "10.20.32.0/20", database: "10.20.114.0/24" },
};

export const vpcSpec = defineModule({
  name: "vpc",
  description:
    "A VPC across 2–3 Availability Zones with public, private (egress through NAT), optional " +
    "database (no internet route) and optional intra (no egress) subnets keyed by AZ name, NAT " +
    "per AZ, single or none, an empty default security group, flow logs to CloudWatch Logs, " +
    "S3/DynamoDB gateway endpoints, optional interface endpoints behind their own security group " +
    "and optional network ACLs per tier.",
  inputs: {
    name: required(tf.string, "Name prefix for every resource (Name tags, log group, role).", {
      validation: [nameValidation()],
    }),
    cidr_block: required(tf.string, "IPv4 CIDR of the VPC, /16 to /24.", {
      validation: [
        validate.ipv4Cidr("cidr_block"),
        {
          condition:
            'can(cidrnetmask(var.cidr_block)) && try(tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 24, false)',
          errorMessage: "cidr_block must have a prefix length between /16 and /24.",
          rejects: { value: "10.0.0.0/8" },
        },
      ],
    }),
    subnets: required(
      tf.map(subnetCidrs),
      "Subnet CIDRs per Availability Zone, keyed by AZ name (e.g. `eu-north-1a`). Every AZ has a " +
        "public and a private subnet, a database subnet when `database_subnets` is true (and none " +
        "when it is false), and optionally an intra subnet. Keying by AZ means adding or removing " +
        "an AZ never re-creates another AZ's subnets.",
      {
        validation: [
          {
            condition: `length(var.subnets) >= ${MIN_AZS} && length(var.subnets) <= ${MAX_AZS}`,
            errorMessage: `subnets must list between ${MIN_AZS} and ${MAX_AZS} Availability Zones.`,
            rejects: { value: { "eu-north-1a": EXAMPLE_SUBNETS["eu-north-1a"] } },
          },
          {
            condition:
              'alltrue([for az in keys(var.subnets) : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$", az))])',
            errorMessage: "subnets keys must be Availability Zone names such as eu-north-1a.",
            // AZ IDs, not names.
            rejects: {
              value: {
                "eun1-az1": EXAMPLE_SUBNETS["eu-north-1a"],
                "eun1-az2": EXAMPLE_SUBNETS["eu-north-1b"],
              },
            },
          },
          {
            condition: `alltrue(flatten([for s in values(var.subnets) : [for c in [${tiers
              .map((t) => `s.${t}`)
              .join(
                ", ",
              )}, coalesce(s.database, s.public), coalesce(s.intra, s.public)] : can(cidrnetmask(c))]]))`,
            errorMessage: "every subnet CIDR must be an IPv4 CIDR block such as 10.0.0.0/24.",
            rejects: {
              value: {
                ...EXAMPLE_SUBNETS,
                "eu-north-1c": { ...EXAMPLE_SUBNETS["eu-north-1c"], database: "10.20.114.0" },
              },
            },
          },
          {
            condition:
              "alltrue([for s in values(var.subnets) : (s.database != null) == var.database_subnets])",
            errorMessage:
              "subnets must give a database CIDR for every AZ when database_subnets is true, and none when it is false.",
            rejects: { value: EXAMPLE_SUBNETS, alongside: { database_subnets: false } },
          },
        ],
      },
    ),
    database_subnets: optional(
      tf.bool,
      true,
      "Create the database tier: a subnet per AZ with no internet route, its route table and the " +
        "DB subnet group. Default true; false for platforms without RDS or ElastiCache (then " +
        "`database_*` outputs are empty or null).",
    ),
    nat_mode: optional(
      tf.string,
      "single",
      "NAT gateways for private-subnet egress: `none`, `single` (one in the first AZ, cheapest) " +
        "or `one-per-az` (no cross-AZ dependency; production).",
      { validation: [validate.oneOf("nat_mode", NAT_MODES)] },
    ),
    flow_log_retention_days: optional(
      tf.number,
      30,
      "Retention of the VPC flow log group, in days.",
      {
        validation: [validate.logRetention("flow_log_retention_days")],
      },
    ),
    flow_log_kms_key_arn: optional(
      tf.string,
      null,
      "KMS key ARN for the flow log group; null uses CloudWatch Logs' own encryption. The key " +
        "policy must allow the CloudWatch Logs service principal.",
      { validation: [validate.optionalArn("flow_log_kms_key_arn", "kms")] },
    ),
    gateway_endpoints: optional(
      tf.set(tf.string),
      [...GATEWAY_ENDPOINTS],
      "Gateway VPC endpoints to create and route from the private and intra subnets.",
      {
        validation: [
          {
            condition: `alltrue([for e in var.gateway_endpoints : contains(${JSON.stringify(GATEWAY_ENDPOINTS)}, e)])`,
            errorMessage: `gateway_endpoints may contain only: ${GATEWAY_ENDPOINTS.join(", ")}.`,
            rejects: { value: ["s3", "com.amazonaws.eu-north-1.dynamodb"] },
          },
        ],
      },
    ),
    interface_endpoints: optional(
      tf.set(tf.string),
      [],
      "Interface VPC endpoints to create in the private subnets, by service name (`ecr.api`, " +
        "`ecr.dkr`, `logs`, `secretsmanager`, `ssm`, `sts`, `kms`, …), with private DNS so the " +
        "services' usual hostnames resolve to them, and a security group of their own admitting " +
        "HTTPS only from the VPC CIDR. Private subnets then reach those APIs without NAT. " +
        "Default []: none (each costs per hour and AZ).",
      {
        validation: [
          {
            condition: `alltrue([for e in var.interface_endpoints : contains(${JSON.stringify(INTERFACE_ENDPOINTS)}, e)])`,
            errorMessage: `interface_endpoints may contain only: ${INTERFACE_ENDPOINTS.join(", ")}.`,
            // S3 is reached through its gateway endpoint (gateway_endpoints).
            rejects: { value: ["ecr.api", "ecr.dkr", "s3"] },
          },
        ],
      },
    ),
    network_acls_enabled: optional(
      tf.bool,
      false,
      "Give each tier (public, private, database) a network ACL of its own instead of the VPC's " +
        "default allow-all ACL: the public tier admits 80/443 from anywhere, the private tier " +
        "everything from the VPC CIDR, the database tier only `database_ports` from the private " +
        `subnets; each admits TCP return traffic on the ephemeral ports ${EPHEMERAL_PORTS.from}–${EPHEMERAL_PORTS.to}. ` +
        "Default false (security groups alone decide).",
    ),
    database_ports: optional(
      tf.list(tf.number),
      [],
      "Ports the database tier's network ACL admits from each private subnet (the engines' and " +
        "caches' ports, e.g. [5432, 6379]); return traffic to the private subnets goes out on the " +
        "ephemeral ports. Rule numbers follow the list position: append new ports. Default []: " +
        `the database tier admits nothing. At most ${MAX_DATABASE_PORTS}; only read when network_acls_enabled.`,
      {
        validation: [
          {
            condition: `length(var.database_ports) <= ${MAX_DATABASE_PORTS} && length(distinct(var.database_ports)) == length(var.database_ports) && alltrue([for p in var.database_ports : floor(p) == p && p >= 1 && p <= 65535])`,
            errorMessage: `database_ports must list at most ${MAX_DATABASE_PORTS} distinct whole port numbers from 1 to 65535.`,
            rejects: { value: [5432, 6379, 5432] },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),
  },
  outputs: {
    vpc_id: output(tf.string, "ID of the VPC."),
    vpc_cidr_block: output(tf.string, "CIDR block of the VPC."),
    azs: output(tf.list(tf.string), "Availability Zones in use, sorted."),
    public_subnet_ids: output(tf.list(tf.string), "Public subnet IDs, in AZ order."),
    public_subnets_by_az: output(tf.map(tf.string), "Public subnet IDs keyed by AZ."),
    private_subnet_ids: output(tf.list(tf.string), "Private subnet IDs, in AZ order."),
    private_subnets_by_az: output(tf.map(tf.string), "Private subnet IDs keyed by AZ."),
    database_subnet_ids: output(
      tf.list(tf.string),
      "Database subnet IDs, in AZ order (empty without the database tier).",
    ),
    database_subnets_by_az: output(tf.map(tf.string), "Database subnet IDs keyed by AZ."),
    intra_subnet_ids: output(
      tf.list(tf.string),
      "Intra subnet IDs, in AZ order (empty when none).",
    ),
    intra_subnets_by_az: output(tf.map(tf.string), "Intra subnet IDs keyed by AZ."),
    public_route_table_id: output(tf.string, "Route table of the public subnets."),
    private_route_table_ids_by_az: output(
      tf.map(tf.string),
      "Route table per private subnet, keyed by AZ.",
    ),
    database_route_table_id: output(
      tf.string,
      "Route table of the database subnets (local routes only); null without the database tier.",
    ),
    intra_route_table_id: output(
      tf.string,
      "Route table of the intra subnets (local and endpoint routes only).",
    ),
    nat_gateway_ids_by_az: output(
      tf.map(tf.string),
      "NAT gateway IDs keyed by the AZ they live in.",
    ),
    nat_public_ips: output(tf.list(tf.string), "Public IPs of the NAT gateways (for allow-lists)."),
    database_subnet_group_name: output(
      tf.string,
      "Name of the DB subnet group over the database subnets; null without the database tier.",
    ),
    interface_endpoint_ids: output(
      tf.map(tf.string),
      "Interface endpoint IDs keyed by service name (empty when none).",
    ),
    endpoint_security_group_id: output(
      tf.string,
      "Security group of the interface endpoints (HTTPS from the VPC CIDR); null when none.",
    ),
    network_acl_ids: output(
      tf.map(tf.string),
      "Network ACL IDs keyed by tier (empty unless network_acls_enabled).",
    ),
    flow_log_group_name: output(tf.string, "CloudWatch log group receiving the VPC flow logs."),
  },
  example: {
    name: "shop-prod",
    cidr_block: "10.20.0.0/16",
    subnets: EXAMPLE_SUBNETS,
    nat_mode: "one-per-az",
    flow_log_retention_days: 365,
    interface_endpoints: ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sts"],
    network_acls_enabled: true,
    database_ports: [5432, 6379],
  },
  notes: `## Design notes

- **Addresses are keyed by AZ**: \`aws_subnet.private["eu-north-1a"]\`, \`aws_nat_gateway.this["eu-north-1a"]\`.
  Adding \`eu-north-1c\` adds resources; it never re-creates those of \`a\` and \`b\`. With
  \`nat_mode = "single"\` the NAT gateway lives in the alphabetically first AZ, so moving to
  \`one-per-az\` keeps it (and its Elastic IP) in place.
- **Database subnets have no internet route**: their route table holds only the local route.
  Intra subnets have the local route plus the gateway endpoints.
- **Secure defaults**: \`map_public_ip_on_launch = false\` on every subnet (public ones included:
  load balancers and NAT gateways do not need it), the default security group is emptied of all
  rules, and flow logs capture \`ALL\` traffic to a log group with explicit retention.
- **Optional database tier**: \`database_subnets = false\` (and no \`database\` CIDRs) leaves out
  the database subnets, their route table and the DB subnet group, for platforms without RDS or
  ElastiCache. The route table and subnet group are \`aws_route_table.database[0]\` and
  \`aws_db_subnet_group.database[0]\`; the module's \`moved\` blocks carry state from the former
  un-indexed addresses, so upgrading plans no change.
- **Interface endpoints** (\`interface_endpoints\`): \`aws_vpc_endpoint.interface["<service>"]\` in
  every private subnet with private DNS, behind \`aws_security_group.endpoints[0]\`, which admits
  TCP 443 only from the VPC CIDR and has no egress rule. Tasks keep their egress on 443, which now
  reaches the endpoints instead of the NAT gateway.
- **Network ACLs** (\`network_acls_enabled\`): \`aws_network_acl.this["public" | "private" |
  "database"]\` associated through \`subnet_ids\`, with rules \`aws_network_acl_rule.this["<tier>/<rule>"]\`.
  NACLs are stateless, so every tier admits TCP return traffic on the ephemeral ports
  ${EPHEMERAL_PORTS.from}–${EPHEMERAL_PORTS.to}. Public: 80 and 443 from anywhere, everything from the VPC (the NAT gateways
  forward the private subnets' traffic), ephemeral returns; egress open. Private: everything from
  the VPC, ephemeral returns from anywhere (replies through NAT and gateway endpoints); egress
  open. Database: only \`database_ports\` from each private subnet's CIDR in, only the ephemeral
  ports to the private subnets out; everything else is denied. Intra subnets keep the VPC's
  default ACL. Security groups still apply on top.
- **Not included**: IPv6, transit gateway routes.`,
});
