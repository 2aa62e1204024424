import type { CdnOrigin, CdnSettings, DomainSettings, WafSettings } from "./edge-fields";
import type { CheckContext, ParsedSettings } from "./parsed";
import { EDGE_PROFILES } from "./profiles";

/**
 * The edge an environment's settings add up to (`edgePlan`, shared by the checks and
 * `stacks/edge.ts`) and the checks on `domain`, `cdn` and `waf` across fields. The fields are in
 * config/edge-fields.ts.
 */

/** Host names under the environment's domain that the platform derives, never configured. */
export const ORIGIN_LABEL = "origin";
export const INTERNAL_LABEL = "internal";

/** The edge the env stack builds, from the settings alone (parts and checks share it). */
export interface EdgePlan {
  readonly domain?: DomainSettings;
  /** CloudFront, when configured and on. */
  readonly cdn?: CdnSettings & { readonly origin: CdnOrigin };
  /** The web ACL, when configured and on. */
  readonly waf?: WafSettings & { readonly scope: "CLOUDFRONT" | "REGIONAL"; countMode: boolean };
  /** The ALB is internal: behind the API's VPC link, or behind a CloudFront VPC origin. */
  readonly internalAlb: boolean;
  /** The internal ALB of `entry: api-gateway` serves HTTPS (its profile's `alb.internalHttps`). */
  readonly internalHttps: boolean;
  /** Host name on the internal ALB's certificate that API Gateway verifies; none without HTTPS from a domain. */
  readonly internalHostName?: string;
  /** Name CloudFront connects to with an ALB origin: on the ALB's certificate and aliasing the ALB. */
  readonly originHostName?: string;
  /**
   * Names the ALB of `entry: public-alb` answers to, with a certificate issued for them: the
   * domain, or CloudFront's origin name. None without a domain.
   */
  readonly albHostNames?: readonly string[];
}

type EdgeInputs = Pick<ParsedSettings, "profile" | "entry" | "alb" | "domain" | "cdn" | "waf">;

export function edgePlan(settings: EdgeInputs): EdgePlan {
  const { domain, entry } = settings;
  const cdn =
    settings.cdn && settings.cdn.enabled !== false
      ? {
          ...settings.cdn,
          origin: settings.cdn.origin ?? (entry === "api-gateway" ? "api-gateway" : "public-alb"),
        }
      : undefined;
  const waf =
    settings.waf && settings.waf.enabled !== false
      ? {
          ...settings.waf,
          scope: cdn ? ("CLOUDFRONT" as const) : ("REGIONAL" as const),
          countMode:
            settings.waf.countMode ?? EDGE_PROFILES[settings.profile ?? "prod"].wafCountMode,
        }
      : undefined;
  const internalHttps = entry === "api-gateway" && (settings.alb?.internalHttps ?? false);
  const albOrigin = cdn !== undefined && cdn.origin !== "api-gateway";
  const originHostName = albOrigin && domain ? `${ORIGIN_LABEL}.${domain.name}` : undefined;
  return {
    ...(domain ? { domain } : {}),
    ...(cdn ? { cdn } : {}),
    ...(waf ? { waf } : {}),
    internalAlb: entry === "api-gateway" || cdn?.origin === "vpc-origin",
    internalHttps,
    ...(internalHttps && domain && !settings.alb?.certificateArn
      ? { internalHostName: `${INTERNAL_LABEL}.${domain.name}` }
      : {}),
    ...(originHostName ? { originHostName } : {}),
    ...(entry === "public-alb" && domain ? { albHostNames: [originHostName ?? domain.name] } : {}),
  };
}

/** A web ACL as CloudWatch names it: its name (the `WebACL` dimension) and scope. */
export interface WatchedWebAcl {
  readonly metricName: string;
  readonly scope: "CLOUDFRONT" | "REGIONAL";
}

/**
 * The web ACL the environment's alarms and security dashboard watch: `monitoring.wafWebAcl`
 * when configured, else its own (`waf`, named `ownName`), else none.
 */
export function watchedWebAcl(
  settings: EdgeInputs & Pick<ParsedSettings, "monitoring">,
  ownName: string,
): WatchedWebAcl | undefined {
  const configured = settings.monitoring?.wafWebAcl;
  if (configured)
    return { metricName: configured.metricName, scope: configured.scope ?? "REGIONAL" };
  const own = edgePlan(settings).waf;
  return own ? { metricName: ownName, scope: own.scope } : undefined;
}

/** Checks on `domain`, `cdn` and `waf` that no single field can express. */
export function checkEdge({ settings, fail }: CheckContext): void {
  const { domain, entry, alb } = settings;
  const plan = edgePlan(settings);

  if (domain) {
    const zone = domain.hostedZone.name;
    if (domain.name !== zone && !domain.name.endsWith(`.${zone}`))
      fail(
        "domain.name",
        domain.name,
        `must be ${zone} or a name under it (the hosted zone domain.hostedZone.name): its records and certificate validation go there`,
      );
  }

  if (plan.cdn) {
    const { origin } = plan.cdn;
    if (!domain)
      fail(
        "cdn",
        settings.cdn,
        "needs domain: the distribution serves domain.name with a certificate validated in domain.hostedZone",
      );
    if (origin === "api-gateway") {
      if (entry !== "api-gateway")
        fail(
          "cdn.origin",
          origin,
          `needs entry: "api-gateway" (the origin is the environment's HTTP API); entry is ${JSON.stringify(entry)}`,
        );
      if (settings.cdn?.originPrefixListId !== undefined)
        fail(
          "cdn.originPrefixListId",
          settings.cdn.originPrefixListId,
          "is not used with origin api-gateway: CloudFront reaches the HTTP API's public endpoint, and the internal ALB behind it requires the origin-verify header instead; remove it",
        );
      if (settings.api?.customDomain)
        fail(
          "api.customDomain",
          settings.api.customDomain,
          "must not be set with cdn: CloudFront serves domain.name and calls the API's execute-api endpoint, which a custom domain would switch off; remove api.customDomain",
        );
    } else {
      if (entry !== "public-alb")
        fail(
          "cdn",
          settings.cdn,
          `with origin ${JSON.stringify(origin)} needs entry: "public-alb" (CloudFront's origin is the environment's ALB, internet-facing or, with origin: "vpc-origin", internal); entry is ${JSON.stringify(entry)}${entry === "api-gateway" ? ' (or leave cdn.origin unset for origin "api-gateway")' : ""}`,
        );
      if (settings.cdn?.originPrefixListId === undefined)
        fail(
          "cdn.originPrefixListId",
          undefined,
          `is required with origin ${JSON.stringify(origin)}: the ALB admits only CloudFront's origin-facing managed prefix list (its ID in this Region: aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing)`,
        );
      if ((alb?.ingressCidrs ?? []).length > 0)
        fail(
          "alb.ingressCidrs",
          alb?.ingressCidrs,
          "must be empty with cdn: the ALB admits only CloudFront's origin-facing prefix list",
        );
    }
  }

  if (plan.waf) {
    if (entry === "api-gateway" && !plan.cdn)
      fail(
        "waf",
        settings.waf,
        'WAF cannot attach to an API Gateway HTTP API: put cdn in front (CloudFront with the web ACL) or use a public ALB (entry: "public-alb")',
      );
    if (entry === "none")
      fail("waf", settings.waf, 'needs something to protect: entry "none" has no load balancer');
  }

  if (plan.internalHttps && !domain && !alb?.certificateArn)
    fail(
      "alb.internalHttps",
      true,
      `the internal ALB serves HTTPS in the ${settings.profile} profile and needs a certificate: set domain (one is created for ${INTERNAL_LABEL}.<domain.name>) or alb.certificateArn, or set alb.internalHttps: false to keep plain HTTP inside the VPC`,
    );
}
