/** The README's design notes for the api-gateway module (kept apart: it is long prose). */
export const API_GATEWAY_NOTES = `## Design notes

- **Request path**: client → HTTP API (\`$default\` stage, auto-deploy) → one \`HTTP_PROXY\`
  integration per route → VPC link (vpc-link module, private subnets) → internal ALB listener
  (\`alb_listener_arn\`) → services. Wire \`vpc_link_id\` from the vpc-link module and
  \`alb_listener_arn\` from the alb module.
- **One integration per route** (\`aws_apigatewayv2_integration.alb["<route>"]\`): all point at
  the same listener today, but a route's integration (TLS name, timeout, a future path rewrite)
  changes without touching the others, and removing a route removes exactly its own pair.
- **Addresses are keyed by route name**: \`aws_apigatewayv2_route.this["eshop"]\`,
  \`aws_apigatewayv2_authorizer.jwt["cognito"]\`. Adding a route adds resources; it never
  re-creates another route. Renaming a key is a replacement of that route.
- **HTTPS to the ALB**: with an HTTPS listener set \`alb_tls_server_name\` to a name on the ALB's
  certificate; the integrations then carry \`tls_config.server_name_to_verify\`.
- **Access logs** are JSON, one line per request (requestId, ip, requestTime, httpMethod,
  routeKey, status, protocol, responseLength, integrationError, integrationLatency,
  responseLatency, authorizerError), to a log group this module creates with explicit
  retention and an optional KMS key. HTTP APIs write logs through API Gateway's service-linked
  role: no account-level CloudWatch role is needed.
- **Throttling**: \`throttling_burst_limit\` / \`throttling_rate_limit\` apply to every route
  (\`default_route_settings\`, with detailed per-route metrics on); a route that sets its own
  values gets a \`route_settings\` entry (an unset half inherits the stage value). The defaults
  (burst 200, 100 requests/s) are deliberately low; set them per environment.

## Security

- **Routes without an authorizer are public.** A route whose \`authorizer\` is null is reachable
  by anyone who can reach the API. The platform config refuses such a route unless it is marked
  \`public: true\`. Give every non-public route
  a JWT authorizer (Cognito or any OIDC issuer) and, where useful, \`authorization_scopes\`.
- **AWS WAF cannot be associated with an API Gateway HTTP API.** WAF web ACLs attach to REST
  APIs, Application Load Balancers, CloudFront distributions, AppSync, Cognito user pools, App
  Runner and Verified Access, not to HTTP APIs. The reference architecture's "WAF protection at
  API Gateway" is therefore not possible with this module. What to do instead:
  - put **CloudFront with a WAF web ACL (CLOUDFRONT scope)** in front of the API (the cdn
    module with \`origin_domain_name\` = the API's execute-api host, which this platform does
    with \`cdn\` on \`entry: "api-gateway"\`). CloudFront sends a secret origin header that
    API Gateway forwards through the VPC link; the alb module's
    \`cloudfront_origin_verify_required\` makes the internal ALB require it, so calls to the
    execute-api endpoint that skip CloudFront get the ALB's 404 (they still count against the
    stage's throttle). Leave \`custom_domain\` unset then: it disables the execute-api endpoint
    CloudFront calls;
  - or use a **REST API** instead of an HTTP API if request-level WAF at the API itself is a
    hard requirement.

  The HTTP API's own protections are what this module sets: stage and per-route throttling and
  JWT authorizers.
- **Custom domain**: REGIONAL endpoint with \`security_policy = "TLS_1_2"\`; the default
  endpoint is disabled (\`disable_execute_api_endpoint\`) so clients cannot bypass the domain.
  Point a Route 53 alias at \`custom_domain_target\` / \`custom_domain_hosted_zone_id\`.
- **CORS** is off unless \`cors\` is set; \`allow_origins = ["*"]\` with credentials is rejected.

## Caveats

- Lambda authorizers, mutual TLS, and API mapping keys (several APIs under one domain) are not
  included.
- A KMS key for the log group must allow \`logs.<region>.amazonaws.com\` in its key policy.
`;
