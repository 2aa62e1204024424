import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import {
  ORIGIN_FACING_PREFIX_LIST,
  ORIGIN_VERIFY_HEADER,
  PREFIX_LIST_ID_PATTERN,
} from "../core/cloudfront";
import { expr, tagsWithName } from "../core/expressions";
import { optional } from "../core/module-spec";
import { ReadableStack } from "../core/readable-stack";
import { tf } from "../core/tf-types";
import { eshopWith } from "./example-services";

/** An ALB rule holds five condition values; the origin-verify header takes one of them. */
const MAX_SERVICE_VALUES_BEHIND_CLOUDFRONT = 4;
const MODE = "var.cloudfront_origin_prefix_list_id != null";
/** The service rules require the origin-verify header: in the mode, or where asked alone. */
const HEADER_REQUIRED = `${MODE} || var.cloudfront_origin_verify_required`;
/** us-east-1's origin-facing list, and a secret: what turns the mode on in a bad value's call. */
const PREFIX_LIST_ID = "pl-3b927c52";
const SECRET = "0123456789abcdef0123456789abcdef";

/**
 * Inputs of the CloudFront origin mode, spread at the end of the alb spec's inputs. The mode is
 * on when `cloudfront_origin_prefix_list_id` is set; the secret is sensitive, so it never
 * decides a count or a for_each.
 */
export const cloudFrontOriginInputs = {
  cloudfront_origin_prefix_list_id: optional(
    tf.string,
    null,
    `CloudFront origin mode: the ID of the \`${ORIGIN_FACING_PREFIX_LIST}\` managed prefix list ` +
      "in this Region (it differs per Region: `aws ec2 describe-managed-prefix-lists --filters " +
      `Name=prefix-list-name,Values=${ORIGIN_FACING_PREFIX_LIST}\`; us-east-1: \`pl-3b927c52\`; an ` +
      "input because a data source would call AWS at plan time). The ALB then admits that list " +
      "on 443 in one rule (it weighs about 55 of the group's 60 rules) instead of CIDRs, and " +
      "every service rule also requires the origin-verify header, so requests that do not come " +
      "through this distribution get the fixed 404. Works for an internet-facing ALB and for an " +
      "internal one behind a CloudFront VPC origin. Other clients of the ALB (a VPC link) do " +
      "not send the header and are turned away too. Needs `certificate_arns`. Default null: off.",
    {
      validation: [
        {
          condition: `var.cloudfront_origin_prefix_list_id == null ? true : can(regex("${PREFIX_LIST_ID_PATTERN}", var.cloudfront_origin_prefix_list_id))`,
          errorMessage: "cloudfront_origin_prefix_list_id must be null or a prefix list ID (pl-…).",
          // The list's name instead of its ID.
          rejects: {
            value: ORIGIN_FACING_PREFIX_LIST,
            alongside: { cloudfront_origin_verify_secret: SECRET },
          },
        },
        {
          condition: `!(${MODE}) || length(var.certificate_arns) + length(var.named_certificate_arns) > 0`,
          errorMessage:
            "cloudfront_origin_prefix_list_id needs certificate_arns: CloudFront connects to the ALB over HTTPS only.",
          rejects: {
            value: PREFIX_LIST_ID,
            alongside: { certificate_arns: [], cloudfront_origin_verify_secret: SECRET },
          },
        },
        {
          condition: `!(${MODE}) || !contains(var.ingress_cidr_blocks, "0.0.0.0/0")`,
          errorMessage:
            "ingress_cidr_blocks may not contain 0.0.0.0/0 with cloudfront_origin_prefix_list_id: the ALB is to be reached through CloudFront only.",
          rejects: {
            value: PREFIX_LIST_ID,
            alongside: {
              internal: false,
              ingress_cidr_blocks: ["0.0.0.0/0"],
              cloudfront_origin_verify_secret: SECRET,
            },
          },
        },
        {
          condition: `!(${HEADER_REQUIRED}) || alltrue([for s in values(var.services) : length(s.path_patterns) + length(s.host_headers) <= ${MAX_SERVICE_VALUES_BEHIND_CLOUDFRONT}])`,
          errorMessage: `behind CloudFront every service may have at most ${MAX_SERVICE_VALUES_BEHIND_CLOUDFRONT} path patterns and host headers in total: the origin-verify header takes the fifth condition value of its rule.`,
          // Five values: allowed without CloudFront, one too many with it.
          rejects: {
            value: PREFIX_LIST_ID,
            alongside: {
              services: eshopWith({
                path_patterns: ["/eshop", "/eshop/*", "/shop", "/shop/*"],
                host_headers: ["shop.example.com"],
              }),
              cloudfront_origin_verify_secret: SECRET,
            },
          },
        },
      ],
    },
  ),
  cloudfront_origin_verify_header_name: optional(
    tf.string,
    ORIGIN_VERIFY_HEADER,
    `Header the service rules require in CloudFront origin mode (the cdn module's ` +
      `\`origin_verify_header_name\`). Default \`${ORIGIN_VERIFY_HEADER}\`.`,
    {
      validation: [
        {
          condition: 'can(regex("^[A-Za-z0-9-]{1,40}$", var.cloudfront_origin_verify_header_name))',
          errorMessage:
            "cloudfront_origin_verify_header_name must be a header name of letters, digits and -.",
          // The ALB drops headers with underscores (drop_invalid_header_fields).
          rejects: { value: "X_Origin_Verify" },
        },
      ],
    },
  ),
  cloudfront_origin_verify_secret: optional(
    tf.string,
    null,
    "The value that header must carry (the cdn module's sensitive `origin_verify_header_value`). " +
      "Set exactly when `cloudfront_origin_prefix_list_id` or `cloudfront_origin_verify_required` " +
      "is. Default null.",
    {
      sensitive: true,
      validation: [
        {
          condition: `!(${HEADER_REQUIRED}) == (var.cloudfront_origin_verify_secret == null)`,
          errorMessage:
            "cloudfront_origin_verify_secret must be set when cloudfront_origin_prefix_list_id or cloudfront_origin_verify_required is, and only then.",
          rejects: { value: SECRET, alongside: { cloudfront_origin_prefix_list_id: null } },
        },
        {
          // ALB header conditions treat * and ? as wildcards.
          condition:
            'var.cloudfront_origin_verify_secret == null ? true : (length(var.cloudfront_origin_verify_secret) >= 16 && length(var.cloudfront_origin_verify_secret) <= 128 && !can(regex("[*?]", var.cloudfront_origin_verify_secret)))',
          errorMessage:
            "cloudfront_origin_verify_secret must be 16–128 characters without * or ? (the ALB reads those as wildcards).",
          rejects: {
            value: "0123456789abcdef*",
            alongside: { cloudfront_origin_prefix_list_id: PREFIX_LIST_ID },
          },
        },
      ],
    },
  ),
  cloudfront_origin_verify_required: optional(
    tf.bool,
    false,
    "Require the origin-verify header without CloudFront origin mode's ingress: for an " +
      "internal ALB behind API Gateway with CloudFront in front of the API (API Gateway " +
      "forwards the distribution's header through its VPC link), so calls to the API that " +
      "skip CloudFront, and its web ACL, get the fixed 404. Needs " +
      "`cloudfront_origin_verify_secret`. Default false.",
  ),
};

/**
 * CloudFront origin mode of the ALB: one ingress rule from CloudFront's origin-facing prefix
 * list on 443 (the list weighs about 55 rules of the group's 60, so never one per port), and
 * the condition block that makes every service rule require the origin-verify header (in the
 * mode, or alone with `cloudfront_origin_verify_required`).
 */
export function cloudFrontOrigin(
  stack: ReadableStack,
  locals: Construct,
  securityGroupId: string,
): { readonly ruleCondition: Record<string, unknown> } {
  new TerraformLocal(locals, "cloudfront_origin", expr.any(MODE));
  new TerraformLocal(locals, "origin_verify_header", expr.any(HEADER_REQUIRED));
  new VpcSecurityGroupIngressRule(stack.scopeFor(VpcSecurityGroupIngressRule), "from_cloudfront", {
    count: expr.number("local.cloudfront_origin ? 1 : 0"),
    securityGroupId,
    prefixListId: expr.string("var.cloudfront_origin_prefix_list_id"),
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    description: "HTTPS listener from CloudFront origin-facing servers (managed prefix list)",
    tags: tagsWithName("${var.name}-alb-from-cloudfront"),
  });
  return {
    ruleCondition: {
      // Switched by the mode, never by the sensitive secret (Terraform rejects that).
      for_each: "${local.origin_verify_header ? [1] : []}",
      content: {
        http_header: {
          http_header_name: "${var.cloudfront_origin_verify_header_name}",
          values: ["${var.cloudfront_origin_verify_secret}"],
        },
      },
    },
  };
}
