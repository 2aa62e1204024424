import { ORIGIN_FACING_PREFIX_LIST } from "../core/cloudfront";

export const cdnNotes = `## Design notes

- **Wiring with the other edge modules**: the certificate (\`certificate\` module, called in
  us-east-1) gives \`certificate_arn\`; the \`waf\` module (scope CLOUDFRONT, in us-east-1) gives
  \`web_acl_id\`; this module runs in the environment's Region (the distribution is global, the
  log bucket regional). Its \`origin_verify_header_name\` and \`origin_verify_header_value\` go to
  the \`alb\` module's CloudFront origin inputs, together with the ID of the
  \`${ORIGIN_FACING_PREFIX_LIST}\` prefix list of the ALB's Region.
- **Origin**: one origin, HTTPS only with TLS 1.2 (\`https-only\`, \`TLSv1.2\`), at
  \`origin_domain_name\`. CloudFront checks that name against the ALB's certificate, so it is a
  DNS name on that certificate aliasing the ALB, never the \`*.elb.amazonaws.com\` name.
  - *Internet-facing ALB* (default): the ALB admits only CloudFront's origin-facing prefix list on
    443 (one security-group rule: the list weighs about 55 rules) and its listener rules require
    the origin-verify header, so requests from other distributions, which share the prefix list,
    get the ALB's fixed 404.
  - *Internal ALB* (\`vpc_origin = true\` with \`vpc_origin_alb_arn\`): an \`aws_cloudfront_vpc_origin\` reaches it through
    CloudFront-managed network interfaces in the VPC (provider 5.82+). Creating one regularly
    takes over 15 minutes (timeouts are 40 minutes). AWS rejects changes to a VPC origin while
    a distribution uses it, and a VPC origin cannot be deleted while in use: change it by
    detaching it first (or replacing the distribution's origin in two applies). The ALB still
    requires the header. Cross-account VPC origins need provider 6.28 and are not supported here.
- **Origin-verify secret**: \`terraform_data.origin_verify\` holds a \`uuid()\` (122 random bits)
  generated at the first apply and kept (\`ignore_changes\`); Terraform has no other random
  source without extra providers (the \`random\` provider is not used, and a Secrets Manager
  random password is a data source that calls AWS at plan time). It is in the state like every
  Terraform-managed secret, so the state must stay private. It is sent with \`sensitive()\`,
  so plans do not print it, and output as sensitive. Rotate by changing
  \`origin_verify_secret_version\`: the ALB rule changes at once, edges switch as the
  distribution deploys (minutes), and until then some requests get the ALB's 404.
- **Behaviours**: the default behaviour sends every method to the ALB with the managed
  \`CachingDisabled\` cache policy and \`AllViewerExceptHostHeader\` origin request policy (the
  ALB sees \`origin_domain_name\` as Host, so ALB host-header rules must match that name).
  Each \`static_path_patterns\` entry is a cached behaviour (managed \`CachingOptimized\`,
  GET/HEAD/OPTIONS). Managed policy IDs are AWS-wide constants, written as literals. Every
  behaviour redirects HTTP to HTTPS, compresses, and adds the security headers.
- **Response headers policy**: HSTS (max-age one year, includeSubDomains, no preload by
  default), \`X-Content-Type-Options: nosniff\`, \`X-Frame-Options: DENY\`,
  \`Referrer-Policy: strict-origin-when-cross-origin\`, all overriding the origin's values.
- **Viewers**: \`TLSv1.2_2021\` minimum, SNI only, the us-east-1 certificate (a certificate is
  required: with CloudFront's default certificate the minimum TLS version cannot be raised),
  HTTP/2 and HTTP/3, IPv6 (hence the AAAA records).
- **Standard logs**: to \`<name>-cdn-logs-<account_id>\` under \`cloudfront/\`, no cookies. The
  bucket is the platform's hardened bucket (public access blocked, TLS-only policy, SSE-S3,
  versioning, expiry after \`log_retention_days\`) **with ACLs enabled** (object ownership
  \`BucketOwnerPreferred\`): CloudFront standard logging grants its \`awslogsdelivery\` account
  access through the bucket ACL and fails on buckets with ACLs disabled. The applying role
  needs \`s3:GetBucketAcl\` and \`s3:PutBucketAcl\` on it. CloudFront does not deliver standard
  logs to buckets in some opt-in Regions (e.g. af-south-1, ap-east-1, eu-south-1, me-south-1):
  call the module from another Region's provider there.
- **DNS**: with \`zone_id\`, \`aws_route53_record.ipv4["<alias>"]\` and \`.ipv6["<alias>"]\`
  alias every alias to the distribution.
- **Addresses**: \`aws_cloudfront_distribution.this\`, \`aws_cloudfront_response_headers_policy.this\`,
  \`aws_cloudfront_vpc_origin.this[0]\`, \`terraform_data.origin_verify\`, \`aws_s3_bucket.logs\` (and
  its companions named \`logs\`).
- **Not included**: S3 or multiple origins, origin failover, geo restrictions, CloudFront
  functions and Lambda@Edge, signed URLs, real-time logs, continuous deployment.`;
