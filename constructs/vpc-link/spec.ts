import { defineModule, optional, output, required } from "../core/module-spec";
import { vpcIdInput } from "../core/common-inputs";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";

export const vpcLinkSpec = defineModule({
  name: "vpc-link",
  description:
    "An API Gateway HTTP API VPC link in private subnets, with a security group of its own that " +
    "has no ingress and whose only egress is to the internal ALB's security group on the " +
    "listener port.",
  inputs: {
    name: required(tf.string, "Name prefix for the VPC link and its security group.", {
      validation: [nameValidation()],
    }),
    vpc_id: vpcIdInput("VPC the link's security group is created in."),
    subnet_ids: required(
      tf.set(tf.string),
      "Subnets for the link's network interfaces: the VPC's PRIVATE subnets, one per AZ the " +
        "internal ALB serves. Never public ones: the link only has to reach the internal ALB.",
      {
        validation: [
          {
            condition:
              'length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])',
            errorMessage: "subnet_ids must list at least one subnet ID (subnet-…).",
            // A subnet's CIDR instead of its ID.
            rejects: { value: ["subnet-0a1b2c3d4e5f60718", "10.20.16.0/20"] },
          },
        ],
      },
    ),
    alb_security_group_id: required(
      tf.string,
      "Security group of the internal ALB: the only destination the link may send traffic to.",
      {
        validation: [
          validate.pattern(
            "alb_security_group_id",
            "^sg-[0-9a-f]{8,17}$",
            "a security group ID (sg-…)",
          ),
        ],
      },
    ),
    alb_port: optional(
      tf.number,
      443,
      "ALB listener port the link connects to. Default 443: the integration speaks HTTPS to " +
        "the ALB so traffic stays encrypted inside the VPC.",
      {
        validation: [
          validate.range("alb_port", 1, 65535),
          {
            condition: "floor(var.alb_port) == var.alb_port",
            errorMessage: "alb_port must be a whole number.",
            rejects: { value: 443.5 },
          },
        ],
      },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    vpc_link_id: output(
      tf.string,
      "ID of the VPC link, for the api-gateway module's `vpc_link_id` (integration connection_id).",
    ),
    security_group_id: output(
      tf.string,
      "Security group of the VPC link: allow it on the ALB (alb module `ingress_security_group_ids`).",
    ),
  },
  example: {
    name: "shop-prod",
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids: [
      "subnet-0a1b2c3d4e5f60718",
      "subnet-0b2c3d4e5f6071829",
      "subnet-0c3d4e5f607182930",
    ],
    alb_security_group_id: "sg-0fedcba9876543210",
    alb_port: 443,
    tags: { Component: "api" },
  },
  notes: `## Design notes

- **Private subnets, internal ALB**: API Gateway reaches the VPC through the link's network
  interfaces, so they belong in the private subnets next to the internal ALB. Nothing in the VPC
  needs a public subnet or a public IP for this path.
- **Security group**: the link's own group has **no ingress rules** (API Gateway's traffic leaves
  the link's interfaces; nothing connects to them) and exactly one egress rule, to the ALB's
  security group on \`alb_port\` (TCP), described. The group is created with \`name_prefix\` and
  \`create_before_destroy\`: a group still attached to the link cannot be deleted, so a
  replacement group must exist before the old one goes.
- **The ALB side is wired by the env stack**: the ALB's security group must admit this link's
  group on the listener port. Pass this module's \`security_group_id\` output to the alb module's
  \`ingress_security_group_ids\` input; this module does not add rules to a group it does not own.
- **Pairing with api-gateway**: pass \`vpc_link_id\` to the api-gateway module's \`vpc_link_id\`.
  With \`alb_port = 443\` (default) set the api-gateway module's \`alb_tls_server_name\` to a name on
  the ALB's certificate, so API Gateway verifies the ALB it talks to.
- **Caveat**: changing \`subnet_ids\` replaces the VPC link (the API's integrations follow on the
  next apply; in-flight requests through the old link fail while it is swapped).`,
});
