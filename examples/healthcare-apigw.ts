import { defaultPlatform } from "../config/platform";
import type { PlatformConfig } from "../config/schema";

/**
 * Reference architecture 002 (healthcare): a public HTTP API (API Gateway) → VPC link →
 * internal ALB with path-based routing → ECS Fargate services `eshop`, `pharmacy` and
 * `doctor` → RDS PostgreSQL with its credentials in Secrets Manager. It is the built-in
 * platform plus the write-up's WAF in staging and prod, so the two never drift apart; build it
 * with `PLATFORM_CONFIG=examples/healthcare-apigw.ts npx cdktf synth`.
 *
 * Where the write-up is followed differently, and why (docs/reference-architectures.md):
 * WAF cannot attach to an HTTP API, so CloudFront carries the web ACL in front of it and the
 * internal ALB turns away calls that skip CloudFront (the origin-verify header); routes
 * require a JWT and the stage throttles; the VPC link → ALB hop is HTTPS in staging and prod,
 * verified by API Gateway.
 */
const { environments } = defaultPlatform;

/** CloudFront in front of the API (nothing cached: every path is dynamic) with its web ACL. */
const edge = { cdn: {}, waf: { rateLimit: 1000 } } as const;

export const platform: PlatformConfig = {
  ...defaultPlatform,
  environments: {
    ...environments,
    staging: { ...environments.staging!, ...edge },
    prod: { ...environments.prod!, ...edge },
  },
};

export default platform;
