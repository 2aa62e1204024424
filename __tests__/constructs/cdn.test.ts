import { CdnModuleStack, cdnSpec } from "../../constructs/cdn";
import { MANAGED_POLICY_IDS } from "../../constructs/core/cloudfront";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { PlanJson } from "../../tools/terraform/runner";
import { CDN_INTERNAL, scenarioPlan } from "../support/module-scenarios";
import { after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([CdnModuleStack]).get("cdn")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);

describe("cdn module", () => {
  it("generates the origin-verify secret without providers and outputs it as sensitive", () => {
    expect(tf.resource.terraform_data.origin_verify).toMatchObject({
      input: "${uuid()}",
      lifecycle: { ignore_changes: ["input"] },
    });
    expect(tf.output.origin_verify_header_value.sensitive).toBe(true);
    expect(tf.resource.aws_cloudfront_distribution.this.origin[0].custom_header[0].value).toBe(
      "${sensitive(terraform_data.origin_verify.output)}",
    );
    // No data source: nothing calls AWS at plan time.
    expect(tf.data).toBeUndefined();
  });
});

describeTerraform("cdn module, planned offline with real Terraform", () => {
  let plan: PlanJson;
  beforeAll(() => {
    plan = scenarioPlan("cdn", "cdn_internal");
  });
  const one = (type: string, call: string) =>
    after(changes(plan, type).find((c) => c.address.startsWith(`module.${call}.`))!);

  it("public ALB origin: WAF, TLSv1.2_2021, redirect-to-https, https-only TLS 1.2 origin, logging", () => {
    const d = one("aws_cloudfront_distribution", "cdn");
    expect(d).toMatchObject({
      web_acl_id: cdnSpec.example.web_acl_id,
      http_version: "http2and3",
      is_ipv6_enabled: true,
      aliases: ["shop.example.com", "www.shop.example.com"],
      price_class: "PriceClass_100",
    });
    expect(d.viewer_certificate[0]).toMatchObject({
      acm_certificate_arn: cdnSpec.example.certificate_arn,
      minimum_protocol_version: "TLSv1.2_2021",
      ssl_support_method: "sni-only",
    });
    expect(d.default_cache_behavior[0]).toMatchObject({
      viewer_protocol_policy: "redirect-to-https",
      cache_policy_id: MANAGED_POLICY_IDS.cachingDisabled,
      origin_request_policy_id: MANAGED_POLICY_IDS.allViewerExceptHostHeader,
    });
    expect(
      d.ordered_cache_behavior.map((b: any) => [
        b.path_pattern,
        b.cache_policy_id,
        b.viewer_protocol_policy,
      ]),
    ).toEqual([
      ["/static/*", MANAGED_POLICY_IDS.cachingOptimized, "redirect-to-https"],
      ["/assets/*", MANAGED_POLICY_IDS.cachingOptimized, "redirect-to-https"],
    ]);
    const [origin] = d.origin;
    expect(origin.domain_name).toBe("origin.shop.example.com");
    expect(origin.custom_origin_config[0]).toMatchObject({
      origin_protocol_policy: "https-only",
      origin_ssl_protocols: ["TLSv1.2"],
    });
    expect(origin.vpc_origin_config).toEqual([]);
    expect(origin.custom_header[0].name).toBe("X-Origin-Verify");
    expect(d.logging_config[0]).toMatchObject({ include_cookies: false, prefix: "cloudfront/" });
    expect(d.custom_error_response).toEqual([
      expect.objectContaining({
        error_code: 503,
        response_code: 503,
        response_page_path: "/static/maintenance.html",
      }),
    ]);
  });

  it("response headers: HSTS one year with subdomains, nosniff, DENY, strict referrer policy", () => {
    const h = one("aws_cloudfront_response_headers_policy", "cdn").security_headers_config[0];
    expect(h.strict_transport_security[0]).toMatchObject({
      access_control_max_age_sec: 31536000,
      include_subdomains: true,
      preload: false,
      override: true,
    });
    expect(h.content_type_options[0].override).toBe(true);
    expect(h.frame_options[0].frame_option).toBe("DENY");
    expect(h.referrer_policy[0].referrer_policy).toBe("strict-origin-when-cross-origin");
  });

  it("log bucket: ACLs enabled for standard logging, everything else hardened", () => {
    expect(one("aws_s3_bucket_ownership_controls", "cdn").rule[0].object_ownership).toBe(
      "BucketOwnerPreferred",
    );
    expect(one("aws_s3_bucket_public_access_block", "cdn")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(one("aws_s3_bucket", "cdn").bucket).toBe("shop-prod-cdn-logs-123456789012");
  });

  it("alias records by domain name; an internal ALB through a VPC origin, https-only", () => {
    expect(
      changes(plan, "aws_route53_record")
        .map((c) => c.address)
        .sort(),
    ).toEqual([
      'module.cdn.aws_route53_record.ipv4["shop.example.com"]',
      'module.cdn.aws_route53_record.ipv4["www.shop.example.com"]',
      'module.cdn.aws_route53_record.ipv6["shop.example.com"]',
      'module.cdn.aws_route53_record.ipv6["www.shop.example.com"]',
    ]);
    expect(changes(plan, "aws_cloudfront_vpc_origin").map((c) => c.address)).toEqual([
      "module.cdn_internal.aws_cloudfront_vpc_origin.this[0]",
    ]);
    const vpcOrigin = one("aws_cloudfront_vpc_origin", "cdn_internal");
    expect(vpcOrigin.vpc_origin_endpoint_config[0]).toMatchObject({
      arn: CDN_INTERNAL.vpc_origin_alb_arn,
      origin_protocol_policy: "https-only",
      origin_ssl_protocols: [{ items: ["TLSv1.2"], quantity: 1 }],
    });
    expect(vpcOrigin.timeouts).toEqual({ create: "40m", update: "40m", delete: "40m" });
    const [origin] = one("aws_cloudfront_distribution", "cdn_internal").origin;
    expect(origin.custom_origin_config).toEqual([]);
    expect(origin.vpc_origin_config).toHaveLength(1);
  });
});
