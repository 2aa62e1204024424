import { ORIGIN_VERIFY_HEADER } from "../core/cloudfront";
import { defineModule, optional, output, required } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { cdnNotes } from "./notes";

export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];
/** HTTP status codes CloudFront can replace with a custom error response. */
export const CUSTOM_ERROR_CODES = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504] as const;
/** One year: the HSTS max-age browsers' preload lists require. */
export const HSTS_ONE_YEAR = 31536000;

/** A viewer-facing DNS name: labels of a-z, 0-9 and -, optionally a leading `*.`. */
const DOMAIN_PATTERN = "^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

const errorResponse = tf.object({
  response_code: tf.optional(tf.number),
  response_page_path: tf.optional(tf.string),
  error_caching_min_ttl: tf.optional(tf.number, 10),
});

export const cdnSpec = defineModule({
  name: "cdn",
  description:
    "A CloudFront distribution in front of an ALB or an API Gateway HTTP API: HTTPS-only " +
    "origin with TLS 1.2 (an internet-facing ALB, an internal one through a CloudFront VPC " +
    "origin, or the API's execute-api endpoint), a secret " +
    "origin-verify header for the ALB to require, caching off for dynamic paths and on for " +
    "static ones, a security response-headers policy (HSTS, nosniff, frame options, referrer " +
    "policy), TLSv1.2_2021 for viewers with a us-east-1 ACM certificate, HTTP/2 and HTTP/3, " +
    "IPv6, optional WAF web ACL, standard logs to a hardened bucket, and Route 53 alias " +
    "records per domain name.",
  inputs: {
    name: required(
      tf.string,
      "Name of the distribution (its comment) and prefix of the response-headers policy, the " +
        "VPC origin and the log bucket `<name>-cdn-logs-<account_id>`.",
      { validation: [nameValidation()] },
    ),
    account_id: required(
      tf.string,
      "AWS account ID: names the log bucket (bucket names are global).",
      {
        validation: [
          // A name of at most 24 characters keeps `<name>-cdn-logs-<account_id>` within S3's 63.
          validate.pattern("account_id", "^[0-9]{12}$", "a 12-digit AWS account ID"),
        ],
      },
    ),
    aliases: required(
      tf.list(tf.string),
      "Domain names viewers use (at least one), all covered by `certificate_arn`.",
      {
        validation: [
          {
            condition: `length(var.aliases) > 0 && alltrue([for a in var.aliases : can(regex(${JSON.stringify(DOMAIN_PATTERN)}, a))])`,
            errorMessage: "aliases must list at least one lower-case DNS name.",
            rejects: { value: ["Shop.example.com"] },
          },
          {
            condition: "length(distinct(var.aliases)) == length(var.aliases)",
            errorMessage: "aliases must not repeat a name (each keys its DNS records).",
            rejects: { value: ["shop.example.com", "shop.example.com"] },
          },
        ],
      },
    ),
    certificate_arn: required(
      tf.string,
      "ACM certificate for the aliases, in us-east-1 (CloudFront accepts no other Region): the " +
        "certificate module called with `providers = { aws = aws.us_east_1 }`, or an existing one.",
      {
        validation: [
          validate.pattern(
            "certificate_arn",
            "^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/",
            "an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:…)",
          ),
        ],
      },
    ),
    origin_domain_name: required(
      tf.string,
      "DNS name CloudFront connects to over HTTPS, which must be on the origin's certificate " +
        "(CloudFront verifies it): for an ALB a record such as `origin.shop.example.com` " +
        "aliasing it, not the ALB's own `*.elb.amazonaws.com` name; for an API Gateway HTTP " +
        "API its execute-api host (`<id>.execute-api.<region>.amazonaws.com`, AWS's " +
        "certificate), whose ALB behind the VPC link then requires the origin-verify header.",
      {
        validation: [
          validate.pattern("origin_domain_name", DOMAIN_PATTERN, "a lower-case DNS name"),
        ],
      },
    ),
    vpc_origin_alb_arn: optional(
      tf.string,
      null,
      "ARN of an internal ALB to reach through a CloudFront VPC origin (no public ALB at all), with `vpc_origin = true`. " +
        "Default null: `origin_domain_name` is an internet-facing ALB. See the notes: creating " +
        "a VPC origin takes 15+ minutes and it cannot be changed while in use.",
      {
        validation: [
          {
            condition:
              'var.vpc_origin_alb_arn == null ? true : can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/app/", var.vpc_origin_alb_arn))',
            errorMessage:
              "vpc_origin_alb_arn must be null or an Application Load Balancer ARN (arn:aws:elasticloadbalancing:…:loadbalancer/app/…).",
            // A network load balancer: VPC origins take ALBs here.
            rejects: {
              value:
                "arn:aws:elasticloadbalancing:eu-north-1:123456789012:loadbalancer/net/shop/0123456789abcdef",
              alongside: { vpc_origin: true },
            },
          },
        ],
      },
    ),
    vpc_origin: optional(
      tf.bool,
      false,
      "Reach the ALB through a CloudFront VPC origin (`vpc_origin_alb_arn`). A switch of its own " +
        "because the ARN is usually created in the same apply, and a count cannot depend on it. " +
        "Default false.",
      {
        validation: [
          {
            condition: "var.vpc_origin == (var.vpc_origin_alb_arn != null)",
            errorMessage: "vpc_origin_alb_arn must be set when vpc_origin is true, and only then.",
            rejects: { value: true },
          },
        ],
      },
    ),
    origin_read_timeout: optional(
      tf.number,
      30,
      "Seconds CloudFront waits for the ALB's response. Default 30; up to 60 without a quota increase.",
      { validation: [validate.range("origin_read_timeout", 1, 180)] },
    ),
    origin_verify_header_name: optional(
      tf.string,
      ORIGIN_VERIFY_HEADER,
      `Header carrying the origin-verify secret to the ALB. Default \`${ORIGIN_VERIFY_HEADER}\`.`,
      {
        validation: [
          validate.pattern(
            "origin_verify_header_name",
            "^[A-Za-z0-9-]{1,40}$",
            "a header name of letters, digits and -",
          ),
        ],
      },
    ),
    origin_verify_secret_version: optional(
      tf.number,
      1,
      "Change (e.g. increment) to generate a new origin-verify secret. Default 1. Requests reaching " +
        "edges that still have the old secret get the ALB's 404 until the distribution is deployed.",
    ),
    static_path_patterns: optional(
      tf.list(tf.string),
      [],
      "Path patterns served cached (managed CachingOptimized policy, GET/HEAD/OPTIONS only), in " +
        "precedence order, e.g. `/static/*`. Default []: everything goes to the ALB uncached.",
      {
        validation: [
          {
            condition:
              'length(var.static_path_patterns) <= 25 && alltrue([for p in var.static_path_patterns : can(regex("^/?[A-Za-z0-9_.*/?&=+~%-]{1,255}$", p))])',
            errorMessage:
              "static_path_patterns must be at most 25 CloudFront path patterns such as /static/*.",
            rejects: { value: ["/static files/*"] },
          },
        ],
      },
    ),
    web_acl_id: optional(
      tf.string,
      null,
      "ARN of a CLOUDFRONT-scoped WAFv2 web ACL (the waf module's `web_acl_arn`). Default null: no WAF.",
      {
        validation: [
          {
            condition:
              'var.web_acl_id == null ? true : can(regex("^arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/", var.web_acl_id))',
            errorMessage:
              "web_acl_id must be null or the ARN of a CLOUDFRONT-scoped WAFv2 web ACL (arn:aws:wafv2:us-east-1:…:global/webacl/…).",
            // A REGIONAL web ACL cannot attach to a distribution.
            rejects: {
              value:
                "arn:aws:wafv2:eu-north-1:123456789012:regional/webacl/shop-prod/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
            },
          },
        ],
      },
    ),
    price_class: optional(
      tf.string,
      "PriceClass_100",
      "Edge locations used: `PriceClass_100` (default; North America and Europe, cheapest), " +
        "`PriceClass_200`, `PriceClass_All`.",
      { validation: [validate.oneOf("price_class", PRICE_CLASSES)] },
    ),
    zone_id: optional(
      tf.string,
      null,
      "Route 53 hosted zone for alias A and AAAA records of every alias. Default null: no records.",
      {
        validation: [
          {
            condition: 'var.zone_id == null ? true : can(regex("^Z[0-9A-Z]{1,31}$", var.zone_id))',
            errorMessage: "zone_id must be null or a Route 53 hosted zone ID (Z…).",
            rejects: { value: "example.com" },
          },
        ],
      },
    ),
    custom_error_responses: optional(
      tf.map(errorResponse),
      {},
      'Custom error responses keyed by the HTTP status code as a string (`"503"`): the page to ' +
        "serve (`response_page_path`, e.g. from a static path) and the code to answer with; " +
        "`error_caching_min_ttl` defaults to 10 s. Default {}: the ALB's own responses.",
      {
        validation: [
          {
            condition: `alltrue([for k in keys(var.custom_error_responses) : contains(${JSON.stringify(CUSTOM_ERROR_CODES.map(String))}, k)])`,
            errorMessage: `custom_error_responses keys must be one of: ${CUSTOM_ERROR_CODES.join(", ")}.`,
            rejects: { value: { "418": { response_code: 503 } } },
          },
        ],
      },
    ),
    hsts_max_age_seconds: optional(
      tf.number,
      HSTS_ONE_YEAR,
      `Strict-Transport-Security max-age. Default ${HSTS_ONE_YEAR} (one year).`,
      { validation: [validate.range("hsts_max_age_seconds", 0, 63072000)] },
    ),
    hsts_include_subdomains: optional(tf.bool, true, "HSTS `includeSubDomains`. Default true."),
    hsts_preload: optional(
      tf.bool,
      false,
      "HSTS `preload`. Default false: leaving browsers' preload lists takes months. Needs " +
        "`hsts_include_subdomains` and a max-age of at least one year.",
      {
        validation: [
          {
            condition: `!var.hsts_preload || (var.hsts_include_subdomains && var.hsts_max_age_seconds >= ${HSTS_ONE_YEAR})`,
            errorMessage: `hsts_preload needs hsts_include_subdomains = true and hsts_max_age_seconds >= ${HSTS_ONE_YEAR}.`,
            rejects: { value: true, alongside: { hsts_include_subdomains: false } },
          },
        ],
      },
    ),
    log_retention_days: optional(
      tf.number,
      90,
      "Days standard logs are kept in the log bucket. Default 90.",
      { validation: [validate.range("log_retention_days", 1, 3650)] },
    ),
    force_destroy: optional(
      tf.bool,
      false,
      "Lets Terraform delete the log bucket with logs in it. Default false.",
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too).",
    ),
  },
  outputs: {
    distribution_id: output(
      tf.string,
      "ID of the distribution (the `DistributionId` metric dimension).",
    ),
    distribution_arn: output(tf.string, "ARN of the distribution."),
    domain_name: output(tf.string, "The distribution's `*.cloudfront.net` name."),
    hosted_zone_id: output(
      tf.string,
      "Route 53 zone ID of CloudFront, for alias records elsewhere.",
    ),
    origin_verify_header_name: output(
      tf.string,
      "Header the ALB must require (alb module `cloudfront_origin_verify_header_name`).",
    ),
    origin_verify_header_value: output(
      tf.string,
      "The secret CloudFront sends in that header (alb module `cloudfront_origin_verify_secret`).",
      true,
    ),
    vpc_origin_id: output(tf.string, "ID of the CloudFront VPC origin, or null without one."),
    response_headers_policy_id: output(tf.string, "ID of the security response-headers policy."),
    logs_bucket: output(tf.string, "Name of the bucket receiving the standard logs."),
  },
  example: {
    name: "shop-prod",
    account_id: "123456789012",
    aliases: ["shop.example.com", "www.shop.example.com"],
    certificate_arn:
      "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
    origin_domain_name: "origin.shop.example.com",
    static_path_patterns: ["/static/*", "/assets/*"],
    web_acl_id:
      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop-prod/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
    price_class: "PriceClass_100",
    zone_id: "Z0123456789ABCDEFGHIJ",
    custom_error_responses: {
      "503": { response_code: 503, response_page_path: "/static/maintenance.html" },
    },
    log_retention_days: 365,
    tags: { Component: "edge" },
  },
  notes: cdnNotes,
});
