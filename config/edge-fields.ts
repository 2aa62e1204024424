import { z } from "zod";
import { parseCidr } from "./cidr";
import { PRICE_CLASSES } from "../constructs/cdn/spec";
import { PREFIX_LIST_ID_PATTERN } from "../constructs/core/cloudfront";
import { MANAGED_RULE_GROUP_NAMES, RATE_EVALUATION_WINDOWS } from "../constructs/waf/rule-groups";

/**
 * The config fields of an environment's edge: its domain (hosted zone, names, certificates),
 * CloudFront in front of the ALB, and a WAF web ACL, plugged into the environment schema as
 * `domain`, `cdn` and `waf`. What they add up to and their checks are in config/edge.ts, apart
 * so the schema imports nothing that reads it back.
 */

/** How CloudFront reaches the ALB. */
export const CDN_ORIGINS = ["public-alb", "vpc-origin", "api-gateway"] as const;
export type CdnOrigin = (typeof CDN_ORIGINS)[number];

/** WAF rate-based rules accept 10 to 2,000,000,000 requests per window. */
export const WAF_RATE_LIMIT = { min: 10, max: 2_000_000_000 } as const;

const DNS_NAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const dnsName = z.string().regex(DNS_NAME, {
  message: "must be a lower-case DNS name such as app.example.com",
});

const certificateArnIn = (region: string | undefined) =>
  z
    .string()
    .regex(
      new RegExp(
        `^arn:aws[a-z-]*:acm:${region ?? "[a-z0-9-]+"}:\\d{12}:certificate/[0-9a-f-]{36}$`,
      ),
      {
        message: `must be an ACM certificate ARN${region ? ` in ${region}` : ""}: arn:aws:acm:${region ?? "<region>"}:<account>:certificate/<id>`,
      },
    );

export const domainSchema = z.strictObject({
  /** Route 53 public hosted zone holding the environment's names and the certificates' DNS validation records. Required. */
  hostedZone: z.strictObject({
    /** Hosted zone ID (Z…). */
    id: z
      .string()
      .regex(/^Z[0-9A-Z]{1,31}$/, { message: "must be a Route 53 hosted zone ID (Z…)" }),
    /** The zone's name, e.g. `example.com`. */
    name: dnsName,
  }),
  /**
   * The environment's domain name, in the hosted zone: `app.example.com` in prod,
   * `staging.app.example.com` in staging. Viewers use it (CloudFront aliases it, or the public
   * ALB's alias record); the platform derives `origin.<name>` (the ALB behind CloudFront) and
   * `internal.<name>` (the internal ALB's certificate, verified by API Gateway). Required.
   */
  name: dnsName,
});

export const cdnSchema = z.strictObject({
  /** CloudFront in front of the ALB, where `cdn` is configured. Default: true (set false to switch it off in one environment). */
  enabled: z.boolean().optional(),
  /** Path patterns served cached (GET/HEAD), in precedence order, e.g. `/static/*`. Default: none, nothing cached. */
  cachedPaths: z
    .array(
      z.string().regex(/^\/?[A-Za-z0-9_.*/?&=+~%-]{1,255}$/, {
        message: "must be a CloudFront path pattern such as /static/*",
      }),
    )
    .max(25)
    .optional(),
  /** `PriceClass_100` (North America, Europe), `PriceClass_200` or `PriceClass_All`. Default: PriceClass_100. */
  priceClass: z.enum(PRICE_CLASSES).optional(),
  /**
   * `public-alb`: an internet-facing ALB that admits only CloudFront's origin-facing prefix list
   * and requires a secret origin-verify header; `vpc-origin`: an internal ALB reached through a
   * CloudFront VPC origin (no public ALB at all; creation takes 15+ minutes, and AWS rejects
   * changes to it while in use); `api-gateway`: the HTTP API of `entry: "api-gateway"`, whose
   * internal ALB then requires the origin-verify header too, so calls that skip CloudFront (and
   * its web ACL) are turned away. Default: api-gateway with that entry, else public-alb.
   */
  origin: z.enum(CDN_ORIGINS).optional(),
  /**
   * ID of the `com.amazonaws.global.cloudfront.origin-facing` managed prefix list in the
   * environment's Region (`aws ec2 describe-managed-prefix-lists --filters
   * Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing`): the only
   * source the ALB admits. Required with an ALB origin; not used with `api-gateway`.
   */
  originPrefixListId: z
    .string()
    .regex(new RegExp(PREFIX_LIST_ID_PATTERN), {
      message: "must be a managed prefix list ID (pl-…)",
    })
    .optional(),
  /** An existing us-east-1 ACM certificate for `domain.name`. Default: one is created (DNS-validated, through `aws.us_east_1`). */
  certificateArn: certificateArnIn("us-east-1").optional(),
});

export const wafSchema = z.strictObject({
  /**
   * A WAFv2 web ACL, where `waf` is configured: scope CLOUDFRONT on the distribution when `cdn`
   * is on, otherwise REGIONAL on the public ALB. Default: true.
   */
  enabled: z.boolean().optional(),
  /** Every rule counts instead of blocking. Default: true in dev, false in staging and prod. */
  countMode: z.boolean().optional(),
  /** Optional managed groups: `sqli` (default on) and `anonymousIp` (default off: it blocks VPN users). */
  managedGroups: z
    .strictObject({ sqli: z.boolean().optional(), anonymousIp: z.boolean().optional() })
    .optional(),
  /**
   * Rules of a managed group that only count, by group name, e.g.
   * `{ AWSManagedRulesCommonRuleSet: ["SizeRestrictions_BODY"] }` for bodies over 8 KB. Default: none.
   */
  countOverrides: z
    .partialRecord(
      z.enum(MANAGED_RULE_GROUP_NAMES as [string, ...string[]]),
      z.array(
        z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, {
          message: "must be a managed rule name such as SizeRestrictions_BODY",
        }),
      ),
    )
    .optional(),
  /** Requests one client IP may send per window before it is blocked. Default: 2000. */
  rateLimit: z.number().int().min(WAF_RATE_LIMIT.min).max(WAF_RATE_LIMIT.max).optional(),
  /** The rate's evaluation window in seconds: 60, 120, 300 or 600. Default: 300. */
  rateLimitWindowSec: z
    .number()
    .refine((n) => (RATE_EVALUATION_WINDOWS as readonly number[]).includes(n), {
      message: `must be one of: ${RATE_EVALUATION_WINDOWS.join(", ")}`,
    })
    .optional(),
  /** IPv4 sets by name: `allow` (skips every other rule) or `block`, with CIDRs. Default: none. */
  ipSets: z
    .record(
      z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, {
        message: "must be 1–50 characters of a-z, 0-9, _ and -",
      }),
      z.strictObject({
        action: z.enum(["allow", "block"]),
        addresses: z
          .array(
            z.string().refine((a) => parseCidr(a) !== undefined, {
              message: "must be an IPv4 CIDR block with no host bits set, such as 203.0.113.0/24",
            }),
          )
          .min(1),
      }),
    )
    .optional(),
});

export type DomainSettings = z.infer<typeof domainSchema>;
export type CdnSettings = z.infer<typeof cdnSchema>;
export type WafSettings = z.infer<typeof wafSchema>;
