import { Fn, TerraformStack } from "cdktf";
import { CdnModule } from "../constructs/cdn";
import { CertificateModule } from "../constructs/certificate";
import { WafModule } from "../constructs/waf";
import { type EdgePlan, edgePlan } from "../config/edge";
import type { EnvironmentContext } from "./context";
import type { EntryPart, LoadBalancer } from "./entry";

/** The edge part's contract. */
export interface EdgePart {
  /** The CloudFront distribution (`cdn`). */
  readonly cdn?: CdnModule;
  /** The web ACL (`waf`): CLOUDFRONT on the distribution, or REGIONAL on the public ALB. */
  readonly waf?: WafModule;
  readonly outputs: Readonly<Record<string, unknown>>;
}

/**
 * The environment's edge, from `domain`, `cdn`, `waf` and `alb.internalHttps`, after the
 * entry part:
 * - the internal ALB of the API gets a DNS-validated certificate for `internal.<domain>`
 *   (API Gateway verifies it), so the VPC link → ALB hop is HTTPS;
 * - a public ALB gets a certificate and an alias record for the names it answers to: the
 *   domain itself, or `origin.<domain>` when CloudFront is in front;
 * - CloudFront (`cdn`) with a us-east-1 certificate, alias A/AAAA records, and the ALB in its
 *   CloudFront-origin mode (only the origin-facing prefix list, the origin-verify header); or,
 *   in front of the HTTP API, CloudFront calling the API and the internal ALB requiring the
 *   header the API forwards;
 * - a WAF web ACL through `aws.us_east_1` on the distribution, or REGIONAL on the public ALB.
 * Returns undefined when none of it is configured, so nothing of such an environment changes.
 */
export function addEdge(ctx: EnvironmentContext, entry: EntryPart): EdgePart | undefined {
  const plan = edgePlan(ctx.environment.settings);
  const lb = entry.loadBalancer;
  if (!lb || (!plan.domain && !plan.waf)) return undefined;

  if (plan.internalHostName) internalHttps(ctx, lb, plan, plan.internalHostName);
  // WAF on the API's path only through CloudFront (validated).
  const fronted = entry.kind === "public-alb" || (entry.kind === "api-gateway" && plan.cdn);
  if (!fronted) return { outputs: {} };

  const waf = plan.waf ? webAcl(ctx, lb, plan.waf) : undefined;
  const { domain } = plan;
  if (!domain) return { waf, outputs: {} };

  if (entry.kind === "api-gateway") {
    // CloudFront calls the API's execute-api host (its certificate is AWS's); the API forwards
    // the origin-verify header through the VPC link, and the internal ALB requires it.
    const host = Fn.replace(entry.api!.outputs.api_endpoint, "https://", "");
    const cdn = distribution(ctx, plan, waf, host, null);
    lb.call.set("cloudfront_origin_verify_required", true);
    requireOriginHeader(lb, cdn);
    return { cdn, waf, outputs: edgeOutputs(cdn, domain.name) };
  }

  // Set for a public-alb entry with a domain, which is what reaches this point.
  const albNames = [...plan.albHostNames!];
  const albCertificate = certificate(ctx, "certificate_alb", domain.hostedZone.id, albNames);
  lb.addCertificate("edge", albCertificate.outputs.certificate_arn);
  lb.call.set("dns_zone_id", domain.hostedZone.id);
  lb.call.set("dns_names", albNames);
  if (!plan.cdn) return { waf, outputs: { site_url: `https://${domain.name}` } };

  const vpcOrigin = plan.cdn.origin === "vpc-origin";
  const cdn = distribution(
    ctx,
    plan,
    waf,
    plan.originHostName!,
    vpcOrigin ? lb.call.outputs.alb_arn : null,
  );
  // CloudFront-origin mode: the ALB admits the origin-facing prefix list only (required with
  // an ALB origin, validated), and its rules require the secret header this distribution sends.
  lb.call.set("cloudfront_origin_prefix_list_id", plan.cdn.originPrefixListId!);
  requireOriginHeader(lb, cdn);
  return { cdn, waf, outputs: edgeOutputs(cdn, domain.name) };
}

/**
 * The CloudFront distribution of `domain.name` in front of `originHost`, with a us-east-1
 * certificate (unless one is configured), the web ACL, and alias records in the zone.
 */
function distribution(
  ctx: EnvironmentContext,
  plan: EdgePlan,
  waf: WafModule | undefined,
  originHost: string,
  vpcOriginAlbArn: string | null,
): CdnModule {
  const domain = plan.domain!;
  const cdn = plan.cdn!;
  return new CdnModule(ctx.scope, "cdn", {
    source: ctx.moduleSource("cdn"),
    inputs: {
      name: ctx.namePrefix,
      account_id: ctx.environment.settings.accountId,
      aliases: [domain.name],
      certificate_arn:
        cdn.certificateArn ??
        certificate(ctx, "certificate_cdn", domain.hostedZone.id, [domain.name], "us_east_1")
          .outputs.certificate_arn,
      origin_domain_name: originHost,
      vpc_origin: vpcOriginAlbArn !== null,
      vpc_origin_alb_arn: vpcOriginAlbArn,
      static_path_patterns: cdn.cachedPaths ?? [],
      web_acl_id: waf?.outputs.web_acl_arn ?? null,
      price_class: cdn.priceClass ?? "PriceClass_100",
      zone_id: domain.hostedZone.id,
      log_retention_days: ctx.environment.settings.alb.accessLogRetentionDays,
    },
  });
}

/** The ALB's service rules require the secret header the distribution sends. */
function requireOriginHeader(lb: LoadBalancer, cdn: CdnModule): void {
  lb.call.set("cloudfront_origin_verify_header_name", cdn.outputs.origin_verify_header_name);
  lb.call.set("cloudfront_origin_verify_secret", cdn.outputs.origin_verify_header_value);
}

function edgeOutputs(cdn: CdnModule, domainName: string) {
  return { cdn_domain_name: cdn.outputs.domain_name, site_url: `https://${domainName}` };
}

/**
 * HTTPS from the VPC link to the internal ALB. The listener keeps its address (protocol and
 * port change in place); the VPC link's ingress rule is keyed by port, so it moves.
 */
function internalHttps(
  ctx: EnvironmentContext,
  lb: LoadBalancer,
  plan: EdgePlan,
  hostName: string,
): void {
  const zoneId = plan.domain!.hostedZone.id;
  lb.addCertificate(
    "internal",
    certificate(ctx, "certificate_internal", zoneId, [hostName]).outputs.certificate_arn,
  );
  TerraformStack.of(ctx.scope).addOverride("moved", [
    {
      from: 'module.alb.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:80"]',
      to: `module.alb.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:${lb.listenerPort}"]`,
    },
  ]);
}

/** A DNS-validated certificate for `names` (the first is the main name), in the Region or through an alias. */
function certificate(
  ctx: EnvironmentContext,
  id: string,
  zoneId: string,
  names: readonly string[],
  alias?: "us_east_1",
): CertificateModule {
  return new CertificateModule(ctx.scope, id, {
    source: ctx.moduleSource("certificate"),
    inputs: {
      domain_name: names[0]!,
      subject_alternative_names: names.slice(1),
      zone_id: zoneId,
    },
    ...(alias ? { providers: ctx.providers, defaultProviderAlias: alias } : {}),
  });
}

function webAcl(
  ctx: EnvironmentContext,
  lb: LoadBalancer,
  waf: NonNullable<EdgePlan["waf"]>,
): WafModule {
  const cloudFront = waf.scope === "CLOUDFRONT";
  return new WafModule(ctx.scope, "waf", {
    source: ctx.moduleSource("waf"),
    inputs: {
      name: ctx.namePrefix,
      scope: waf.scope,
      association_resource_arns: cloudFront ? {} : { alb: lb.call.outputs.alb_arn },
      count_mode: waf.countMode,
      enable_sqli_rule_set: waf.managedGroups?.sqli ?? true,
      enable_anonymous_ip_list: waf.managedGroups?.anonymousIp ?? false,
      managed_rule_count_overrides: Object.fromEntries(
        Object.entries(waf.countOverrides ?? {}).filter((e): e is [string, string[]] => !!e[1]),
      ),
      rate_limit: waf.rateLimit ?? 2000,
      rate_limit_evaluation_window_sec: waf.rateLimitWindowSec ?? 300,
      ip_sets: Object.fromEntries(
        Object.entries(waf.ipSets ?? {}).map(([name, set]) => [
          name,
          { action: set.action, addresses: set.addresses, ip_version: "IPV4" },
        ]),
      ),
      log_retention_days: ctx.environment.settings.logRetentionDays,
    },
    ...(cloudFront ? { providers: ctx.providers, defaultProviderAlias: "us_east_1" as const } : {}),
  });
}
