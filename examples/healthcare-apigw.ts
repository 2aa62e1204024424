import { defaultPlatform } from "../config/platform";
import type { PlatformConfig } from "../config/schema";

/**
 * Reference architecture 002 (healthcare): a public HTTP API (API Gateway) → VPC link →
 * internal ALB with path-based routing → ECS Fargate services `eshop`, `pharmacy` and
 * `doctor` → RDS PostgreSQL with its credentials in Secrets Manager. It is the built-in
 * platform, shared rather than copied, so the two never drift apart; build it with
 * `PLATFORM_CONFIG=examples/healthcare-apigw.ts npx cdktf synth`.
 *
 * Where the write-up is followed differently, and why (docs/reference-architectures.md):
 * WAF cannot attach to an HTTP API, so routes require a JWT and the stage throttles; the
 * VPC link → ALB hop is HTTPS in staging and prod, verified by API Gateway.
 */
export const platform: PlatformConfig = defaultPlatform;

export default platform;
