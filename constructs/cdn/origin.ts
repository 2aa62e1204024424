import { CloudfrontVpcOrigin } from "@cdktf/provider-aws/lib/cloudfront-vpc-origin";
import { DataResource } from "cdktf";
import { expr, tagsWithName } from "../core/expressions";
import { ReadableStack } from "../core/readable-stack";

/** The distribution's only origin. */
export const ORIGIN_ID = "alb";

/** CloudFront to ALB: HTTPS only, TLS 1.2 only (the ALB's policy allows 1.3, CloudFront uses 1.2). */
const ORIGIN_TLS = { protocolPolicy: "https-only", sslProtocols: ["TLSv1.2"] } as const;

/** Creating a VPC origin regularly takes over 15 minutes; deleting one waits for its ENIs. */
const VPC_ORIGIN_TIMEOUT = "40m";

export interface AlbOrigin {
  /** HCL: the origin-verify secret (a UUID generated at the first apply). */
  readonly secret: string;
  /** The `origin` block of the distribution, in raw snake_case (it holds dynamic blocks). */
  readonly block: Record<string, unknown>;
  /** HCL: the VPC origin's ID, or null. */
  readonly vpcOriginId: string;
}

/**
 * The ALB origin: the origin-verify secret, the VPC origin when the ALB is internal, and the
 * origin block that connects over HTTPS with the secret header either way.
 */
export function albOrigin(stack: ReadableStack): AlbOrigin {
  // uuid() at the first apply, kept thereafter (ignore_changes): the only aws-free random
  // source Terraform has. A new version number replaces it, and with it the secret.
  const secret = new DataResource(stack.scopeFor(DataResource), "origin_verify", {
    input: expr.map("uuid()"),
    triggersReplace: expr.any("var.origin_verify_secret_version"),
    lifecycle: { ignoreChanges: ["input"] },
  });

  new CloudfrontVpcOrigin(stack.scopeFor(CloudfrontVpcOrigin), "this", {
    count: expr.number("local.vpc_origin ? 1 : 0"),
    vpcOriginEndpointConfig: [
      {
        name: "${var.name}-alb",
        arn: expr.string("var.vpc_origin_alb_arn"),
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: ORIGIN_TLS.protocolPolicy,
        originSslProtocols: [{ items: [...ORIGIN_TLS.sslProtocols], quantity: 1 }],
      },
    ],
    timeouts: {
      create: VPC_ORIGIN_TIMEOUT,
      update: VPC_ORIGIN_TIMEOUT,
      delete: VPC_ORIGIN_TIMEOUT,
    },
    tags: tagsWithName("${var.name}-alb"),
  });

  const timeouts = {
    origin_read_timeout: "${var.origin_read_timeout}",
    origin_keepalive_timeout: 5,
  };
  return {
    secret: "terraform_data.origin_verify.output",
    vpcOriginId: "local.vpc_origin ? aws_cloudfront_vpc_origin.this[0].id : null",
    block: {
      origin_id: ORIGIN_ID,
      domain_name: "${var.origin_domain_name}",
      // sensitive(): plans never print the secret, even when the origin changes.
      custom_header: [
        { name: "${var.origin_verify_header_name}", value: `\${sensitive(${secret.fqn}.output)}` },
      ],
      connection_attempts: 3,
      connection_timeout: 10,
      dynamic: {
        custom_origin_config: {
          for_each: "${local.vpc_origin ? [] : [1]}",
          content: {
            http_port: 80,
            https_port: 443,
            origin_protocol_policy: ORIGIN_TLS.protocolPolicy,
            origin_ssl_protocols: [...ORIGIN_TLS.sslProtocols],
            ...timeouts,
          },
        },
        vpc_origin_config: {
          for_each: "${local.vpc_origin ? [1] : []}",
          content: { vpc_origin_id: "${aws_cloudfront_vpc_origin.this[0].id}", ...timeouts },
        },
      },
    },
  };
}
