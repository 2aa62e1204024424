import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { MANAGED_POLICY_IDS } from "../core/cloudfront";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { logsBucket } from "./logs-bucket";
import { albOrigin, ORIGIN_ID } from "./origin";
import { securityHeadersPolicy } from "./response-headers";
import { cdnSpec } from "./spec";

/** Every method reaches the application; only GET and HEAD answers could ever be cached. */
const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
const CACHED_METHODS = ["GET", "HEAD"];

/** Generates `terraform-modules/cdn`; see `spec.ts` for its interface. */
export class CdnModuleStack extends ModuleStack<typeof cdnSpec.inputs, typeof cdnSpec.outputs> {
  constructor(scope: Construct) {
    super(scope, cdnSpec);
    const locals = new TransparentScope(this, "locals");
    new TerraformLocal(locals, "vpc_origin", expr.any("var.vpc_origin"));

    const origin = albOrigin(this);
    const headers = securityHeadersPolicy(this);
    const logs = logsBucket(this, locals);

    const behaviour = {
      target_origin_id: ORIGIN_ID,
      viewer_protocol_policy: "redirect-to-https",
      cached_methods: CACHED_METHODS,
      compress: true,
      response_headers_policy_id: headers.id,
    };
    const distribution = new CloudfrontDistribution(this.scopeFor(CloudfrontDistribution), "this", {
      enabled: true,
      comment: "${var.name}",
      aliases: this.vars.aliases,
      priceClass: this.vars.price_class,
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      webAclId: expr.string("var.web_acl_id"),
      origin: [],
      // Dynamic pages and APIs: nothing cached, every viewer header but Host forwarded.
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ALL_METHODS,
        cachedMethods: CACHED_METHODS,
        compress: true,
        cachePolicyId: MANAGED_POLICY_IDS.cachingDisabled,
        originRequestPolicyId: MANAGED_POLICY_IDS.allViewerExceptHostHeader,
        responseHeadersPolicyId: headers.id,
      },
      viewerCertificate: {
        acmCertificateArn: this.vars.certificate_arn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      loggingConfig: {
        bucket: logs.bucket.bucketDomainName,
        prefix: "cloudfront/",
        includeCookies: false,
      },
      tags: tagsWithName("${var.name}"),
      // Logging updates the bucket ACL: ownership controls must allow ACLs first.
      dependsOn: logs.readyFor,
    });
    // Written as overrides: the origin and the optional blocks are dynamic.
    distribution.addOverride("origin", [origin.block]);
    distribution.addOverride("dynamic.ordered_cache_behavior", {
      for_each: "${var.static_path_patterns}",
      content: {
        ...behaviour,
        path_pattern: "${ordered_cache_behavior.value}",
        allowed_methods: READ_METHODS,
        cache_policy_id: MANAGED_POLICY_IDS.cachingOptimized,
      },
    });
    distribution.addOverride("dynamic.custom_error_response", {
      for_each: "${var.custom_error_responses}",
      content: {
        error_code: "${tonumber(custom_error_response.key)}",
        response_code: "${custom_error_response.value.response_code}",
        response_page_path: "${custom_error_response.value.response_page_path}",
        error_caching_min_ttl: "${custom_error_response.value.error_caching_min_ttl}",
      },
    });

    this.aliasRecords(distribution);

    this.exportOutputs({
      distribution_id: distribution.id,
      distribution_arn: distribution.arn,
      domain_name: distribution.domainName,
      hosted_zone_id: distribution.hostedZoneId,
      origin_verify_header_name: this.vars.origin_verify_header_name,
      origin_verify_header_value: expr.string(origin.secret),
      vpc_origin_id: expr.string(origin.vpcOriginId),
      response_headers_policy_id: headers.id,
      logs_bucket: logs.bucket.bucket,
    });
  }

  /** An A and an AAAA alias per domain name, keyed by the name. */
  private aliasRecords(distribution: CloudfrontDistribution): void {
    for (const [id, type] of [
      ["ipv4", "A"],
      ["ipv6", "AAAA"],
    ] as const) {
      new Route53Record(this.scopeFor(Route53Record), id, {
        forEach: TerraformIterator.fromMap(
          expr.map("{ for a in (var.zone_id == null ? [] : var.aliases) : a => a }"),
        ),
        zoneId: expr.string("var.zone_id"),
        name: "${each.key}",
        type,
        alias: {
          name: distribution.domainName,
          zoneId: distribution.hostedZoneId,
          evaluateTargetHealth: false,
        },
      });
    }
  }
}
