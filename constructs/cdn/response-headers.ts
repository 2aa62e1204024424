import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { expr } from "../core/expressions";
import { ReadableStack } from "../core/readable-stack";

/**
 * Security headers on every response, overriding what the origin sends: HSTS (from the
 * inputs), `nosniff`, `X-Frame-Options: DENY` and a referrer policy that sends only the origin
 * cross-site. No Content-Security-Policy: it depends on the application's pages.
 */
export function securityHeadersPolicy(stack: ReadableStack): CloudfrontResponseHeadersPolicy {
  return new CloudfrontResponseHeadersPolicy(
    stack.scopeFor(CloudfrontResponseHeadersPolicy),
    "this",
    {
      name: "${var.name}-security-headers",
      comment: "Security headers for ${var.name}",
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: expr.number("var.hsts_max_age_seconds"),
          includeSubdomains: expr.any("var.hsts_include_subdomains"),
          preload: expr.any("var.hsts_preload"),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
      },
    },
  );
}
