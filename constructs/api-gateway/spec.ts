import { defineModule, optional, output, required, VariableValidation } from "../core/module-spec";
import { tf, TsOf } from "../core/tf-types";
import { nameValidation, validate } from "../core/validations";
import { API_GATEWAY_NOTES } from "./notes";

/** An ACM certificate ARN, as the custom domain accepts it (RE2: no `\\d`). The config checks the same. */
export const ACM_CERTIFICATE_ARN =
  "^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$";

/**
 * Stage throttling bounds: API Gateway's default account quotas per region (burst 5,000,
 * rate 10,000 requests per second). A stage cannot usefully exceed the account quota.
 */
export const MAX_THROTTLING_BURST = 5000;
export const MAX_THROTTLING_RATE = 10000;
export const ROUTE_KEY_PATTERN =
  "^(\\$default|(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /\\S*)$";
const DNS_NAME_PATTERN = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";
const CORS_METHODS = ["*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

const route = tf.object({
  route_key: tf.string,
  authorizer: tf.optional(tf.string),
  authorization_scopes: tf.optional(tf.list(tf.string), []),
  throttling_burst_limit: tf.optional(tf.number),
  throttling_rate_limit: tf.optional(tf.number),
});

const jwtAuthorizer = tf.object({
  issuer: tf.string,
  audiences: tf.list(tf.string),
  identity_source: tf.optional(tf.string, "$request.header.Authorization"),
});

const cors = tf.object({
  allow_origins: tf.list(tf.string),
  allow_methods: tf.optional(tf.list(tf.string), [
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
  ]),
  allow_headers: tf.optional(tf.list(tf.string), ["authorization", "content-type"]),
  expose_headers: tf.optional(tf.list(tf.string), []),
  max_age: tf.optional(tf.number, 300),
  allow_credentials: tf.optional(tf.bool, false),
});

const customDomain = tf.object({ domain_name: tf.string, certificate_arn: tf.string });

/**
 * Every route passes `check` (an HCL expression over `r`); null-safe checks use `a == null ? true : …`.
 * `badRoute` fails the check; it is refused as the only route.
 */
const everyRoute = (
  check: string,
  errorMessage: string,
  badRoute: TsOf<typeof route>,
): VariableValidation => ({
  condition: `alltrue([for r in values(var.routes) : ${check}])`,
  errorMessage,
  rejects: { value: { eshop: badRoute } },
});

/** A whole number in [0, max] (HCL over `value`). */
const wholeInRange = (value: string, max: number) =>
  `${value} >= 0 && ${value} <= ${max} && floor(${value}) == ${value}`;

/**
 * A check on a nullable input that passes when it is null (`||` would not short-circuit);
 * `bad` is a value that is set and fails the check.
 */
const whenSet = (
  variable: string,
  check: string,
  errorMessage: string,
  bad: unknown,
): VariableValidation => ({
  condition: `var.${variable} == null ? true : (${check})`,
  errorMessage,
  rejects: { value: bad },
});

/** The example's authorizer, which its routes reference. */
const COGNITO_AUTHORIZER = {
  issuer: "https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_AbCdEfGhI",
  audiences: ["3n4b5urk1ft4fl3mg5e62d9ado"],
};
const SHOP_ORIGINS = ["https://shop.example.com"];
const CERTIFICATE_ARN =
  "arn:aws:acm:eu-north-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

const dnsName = (value: string) => `can(regex(${JSON.stringify(DNS_NAME_PATTERN)}, ${value}))`;

export const apiGatewaySpec = defineModule({
  name: "api-gateway",
  description:
    "An API Gateway HTTP API whose routes proxy through a VPC link to an internal ALB listener: " +
    "`$default` stage with auto-deploy, JSON access logs with retention, stage and per-route " +
    "throttling, detailed metrics, JWT authorizers, CORS and an optional custom domain (TLS 1.2) " +
    "that disables the default endpoint.",
  inputs: {
    name: required(tf.string, "Name of the API and prefix of its log group.", {
      validation: [nameValidation()],
    }),
    vpc_link_id: required(
      tf.string,
      "ID of the HTTP API VPC link every integration goes through (vpc-link module output).",
      {
        validation: [
          validate.pattern("vpc_link_id", "^[a-z0-9]{1,32}$", "a VPC link ID such as a1b2c3"),
        ],
      },
    ),
    alb_listener_arn: required(
      tf.string,
      "ARN of the internal ALB's listener the integrations forward to (alb module output).",
      {
        validation: [
          validate.pattern(
            "alb_listener_arn",
            "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/[^/]+/[0-9a-f]+/[0-9a-f]+$",
            "an application load balancer listener ARN (arn:aws:elasticloadbalancing:…:listener/app/…)",
          ),
        ],
      },
    ),
    alb_tls_server_name: optional(
      tf.string,
      null,
      "Host name API Gateway verifies on the ALB's certificate (SNI) when the listener is HTTPS, " +
        "e.g. `internal.shop.example.com`. Default null: no TLS verification settings, which is " +
        "only right for an HTTP listener.",
      {
        validation: [
          whenSet(
            "alb_tls_server_name",
            dnsName("var.alb_tls_server_name"),
            "alb_tls_server_name must be null or a lower-case DNS name.",
            "Internal.Shop.Example.com",
          ),
        ],
      },
    ),
    routes: required(
      tf.map(route),
      "Routes keyed by a stable route name (e.g. `eshop`), each with its own HTTP_PROXY " +
        "integration. `route_key` is `METHOD /path` (e.g. `ANY /eshop/{proxy+}`) or `$default`; " +
        "`authorizer` names an entry of `jwt_authorizers` (null: the route is PUBLIC); " +
        "`authorization_scopes` (default none) require JWT scopes; `throttling_burst_limit` / " +
        "`throttling_rate_limit` override the stage's defaults for this route (null: inherit).",
      {
        validation: [
          {
            condition: "length(var.routes) > 0",
            errorMessage: "routes must define at least one route.",
            rejects: { value: {} },
          },
          {
            condition:
              'alltrue([for k in keys(var.routes) : can(regex("^[a-z][a-z0-9_-]{0,63}$", k))])',
            errorMessage:
              "routes keys must be 1–64 characters of a-z, 0-9, _ and -, starting with a letter.",
            rejects: { value: { Eshop: { route_key: "ANY /eshop/{proxy+}" } } },
          },
          everyRoute(
            `can(regex(${JSON.stringify(ROUTE_KEY_PATTERN)}, r.route_key))`,
            "every route_key must be `$default` or `METHOD /path` with METHOD one of ANY, GET, " +
              "POST, PUT, PATCH, DELETE, HEAD, OPTIONS (e.g. `ANY /eshop/{proxy+}`).",
            { route_key: "/eshop/{proxy+}" },
          ),
          {
            condition:
              "length(distinct([for r in values(var.routes) : r.route_key])) == length(var.routes)",
            errorMessage: "routes must not share a route_key.",
            rejects: {
              value: {
                eshop: { route_key: "ANY /eshop/{proxy+}" },
                shop: { route_key: "ANY /eshop/{proxy+}" },
              },
            },
          },
          everyRoute(
            "r.authorizer == null ? true : contains(keys(var.jwt_authorizers), r.authorizer)",
            "every route authorizer must be null (public) or the name of an entry in jwt_authorizers.",
            { route_key: "ANY /eshop/{proxy+}", authorizer: "auth0" },
          ),
          everyRoute(
            "r.authorizer != null || length(r.authorization_scopes) == 0",
            "authorization_scopes need an authorizer: a public route cannot require scopes.",
            { route_key: "ANY /eshop/{proxy+}", authorization_scopes: ["eshop/orders"] },
          ),
          everyRoute(
            `r.throttling_burst_limit == null ? true : (${wholeInRange("r.throttling_burst_limit", MAX_THROTTLING_BURST)})`,
            `every route throttling_burst_limit must be null or a whole number between 0 and ${MAX_THROTTLING_BURST}.`,
            { route_key: "ANY /eshop/{proxy+}", throttling_burst_limit: MAX_THROTTLING_BURST + 1 },
          ),
          everyRoute(
            `r.throttling_rate_limit == null ? true : (r.throttling_rate_limit >= 0 && r.throttling_rate_limit <= ${MAX_THROTTLING_RATE})`,
            `every route throttling_rate_limit must be null or between 0 and ${MAX_THROTTLING_RATE} requests per second.`,
            { route_key: "ANY /eshop/{proxy+}", throttling_rate_limit: MAX_THROTTLING_RATE + 1 },
          ),
        ],
      },
    ),
    jwt_authorizers: optional(
      tf.map(jwtAuthorizer),
      {},
      "JWT authorizers keyed by name (what routes reference): the token `issuer` (https URL, e.g. " +
        "a Cognito user pool), accepted `audiences` (client IDs) and where the token is read " +
        "(`identity_source`, default the Authorization header). Default none: every route is public.",
      {
        validation: [
          {
            condition:
              'alltrue([for k in keys(var.jwt_authorizers) : can(regex("^[a-z][a-z0-9_-]{0,127}$", k))])',
            errorMessage:
              "jwt_authorizers keys must be 1–128 characters of a-z, 0-9, _ and -, starting with a letter.",
            rejects: { value: { cognito: COGNITO_AUTHORIZER, Auth0: COGNITO_AUTHORIZER } },
          },
          {
            condition:
              'alltrue([for a in values(var.jwt_authorizers) : can(regex("^https://[^\\\\s]+$", a.issuer)) && length(a.audiences) > 0])',
            errorMessage:
              "every JWT authorizer needs an https:// issuer and at least one audience.",
            rejects: { value: { cognito: { ...COGNITO_AUTHORIZER, audiences: [] } } },
          },
          {
            condition:
              'alltrue([for a in values(var.jwt_authorizers) : can(regex("^\\\\$request\\\\.(header|querystring)\\\\.[A-Za-z0-9_-]+$", a.identity_source))])',
            errorMessage:
              "every JWT authorizer identity_source must be $request.header.<name> or $request.querystring.<name>.",
            rejects: {
              value: { cognito: { ...COGNITO_AUTHORIZER, identity_source: "Authorization" } },
            },
          },
        ],
      },
    ),
    cors: optional(
      cors,
      null,
      "CORS for browser clients: `allow_origins` (required), `allow_methods`, `allow_headers`, " +
        "`expose_headers`, `max_age` seconds (default 300) and `allow_credentials` (default " +
        "false). Default null: no CORS headers, so browsers on other origins are refused.",
      {
        validation: [
          whenSet(
            "cors",
            "length(var.cors.allow_origins) > 0",
            "cors.allow_origins must list at least one origin.",
            { allow_origins: [] },
          ),
          whenSet(
            "cors",
            '!var.cors.allow_credentials || !contains(var.cors.allow_origins, "*")',
            'cors.allow_origins cannot be "*" when allow_credentials is true.',
            { allow_origins: ["*"], allow_credentials: true },
          ),
          whenSet(
            "cors",
            `alltrue([for m in var.cors.allow_methods : contains(${JSON.stringify(CORS_METHODS)}, m)])`,
            `cors.allow_methods may contain only: ${CORS_METHODS.join(", ")}.`,
            { allow_origins: SHOP_ORIGINS, allow_methods: ["get", "post"] },
          ),
          whenSet(
            "cors",
            wholeInRange("var.cors.max_age", 86400),
            "cors.max_age must be a whole number of seconds between 0 and 86400.",
            { allow_origins: SHOP_ORIGINS, max_age: 7 * 86400 },
          ),
        ],
      },
    ),
    custom_domain: optional(
      customDomain,
      null,
      "Custom domain served by the API (REGIONAL endpoint, TLS 1.2 minimum) with its ACM " +
        "certificate in the API's region. When set, the default execute-api endpoint is disabled " +
        "so clients cannot bypass the domain. Default null: only the default endpoint.",
      {
        validation: [
          whenSet(
            "custom_domain",
            dnsName("var.custom_domain.domain_name"),
            "custom_domain.domain_name must be a lower-case DNS name.",
            { domain_name: "https://api.shop.example.com", certificate_arn: CERTIFICATE_ARN },
          ),
          whenSet(
            "custom_domain",
            `can(regex(${JSON.stringify(ACM_CERTIFICATE_ARN)}, var.custom_domain.certificate_arn))`,
            "custom_domain.certificate_arn must be an ACM certificate ARN.",
            {
              domain_name: "api.shop.example.com",
              // An IAM server certificate: API Gateway custom domains take ACM ones only.
              certificate_arn: "arn:aws:iam::123456789012:server-certificate/api-shop",
            },
          ),
        ],
      },
    ),
    throttling_burst_limit: optional(
      tf.number,
      200,
      "Stage-wide burst limit (requests) for routes without their own. Default 200: with the " +
        "rate default, a runaway client is throttled at the API before it saturates the ALB " +
        "and services; raise it per environment after load testing.",
      {
        validation: [
          {
            condition: wholeInRange("var.throttling_burst_limit", MAX_THROTTLING_BURST),
            errorMessage: `throttling_burst_limit must be a whole number between 0 and ${MAX_THROTTLING_BURST}.`,
            rejects: { value: 2.5 },
          },
        ],
      },
    ),
    throttling_rate_limit: optional(
      tf.number,
      100,
      "Stage-wide steady rate limit (requests per second) for routes without their own. " +
        "Default 100: conservative, see throttling_burst_limit.",
      { validation: [validate.range("throttling_rate_limit", 0, MAX_THROTTLING_RATE)] },
    ),
    log_retention_days: optional(
      tf.number,
      30,
      "Retention of the access log group, in days. Default 30: enough to investigate an " +
        "incident without keeping request metadata (client IPs) longer than needed.",
      { validation: [validate.logRetention("log_retention_days")] },
    ),
    log_kms_key_arn: optional(
      tf.string,
      null,
      "KMS key ARN for the access log group; default null uses CloudWatch Logs' own encryption. " +
        "The key policy must allow the CloudWatch Logs service principal.",
      { validation: [validate.optionalArn("log_kms_key_arn", "kms")] },
    ),
    tags: optional(
      tf.map(tf.string),
      {},
      "Extra tags for every resource (the provider's default_tags apply too). Default: none.",
    ),
  },
  outputs: {
    api_id: output(tf.string, "ID of the HTTP API."),
    api_endpoint: output(
      tf.string,
      "Default execute-api endpoint (https://<id>.execute-api.<region>.amazonaws.com); disabled " +
        "when a custom domain is set.",
    ),
    execution_arn: output(
      tf.string,
      "Execution ARN prefix, for Lambda permissions and IAM policies (`<arn>/*/*`).",
    ),
    stage_name: output(tf.string, "Name of the stage (`$default`)."),
    stage_invoke_url: output(
      tf.string,
      "Invoke URL of the stage on the default endpoint (unusable when a custom domain is set).",
    ),
    log_group_name: output(tf.string, "CloudWatch log group receiving the access logs."),
    custom_domain_target: output(
      tf.string,
      "Regional domain name to point a DNS alias (Route 53 A/AAAA alias) at; null without a custom domain.",
    ),
    custom_domain_hosted_zone_id: output(
      tf.string,
      "Hosted zone ID of the regional domain name, for the alias record; null without a custom domain.",
    ),
    route_ids: output(tf.map(tf.string), "Route IDs keyed by route name."),
  },
  example: {
    name: "shop-prod",
    vpc_link_id: "a1b2c3",
    alb_listener_arn:
      "arn:aws:elasticloadbalancing:eu-north-1:123456789012:listener/app/shop-prod-internal/0123456789abcdef/fedcba9876543210",
    alb_tls_server_name: "internal.shop.example.com",
    routes: {
      eshop: {
        route_key: "ANY /eshop/{proxy+}",
        authorizer: "cognito",
        authorization_scopes: ["eshop/orders"],
      },
      catalog: {
        route_key: "GET /catalog/{proxy+}",
        throttling_burst_limit: 1000,
        throttling_rate_limit: 500,
      },
    },
    jwt_authorizers: { cognito: COGNITO_AUTHORIZER },
    cors: {
      allow_origins: SHOP_ORIGINS,
      allow_credentials: true,
      max_age: 600,
    },
    custom_domain: {
      domain_name: "api.shop.example.com",
      certificate_arn: CERTIFICATE_ARN,
    },
    throttling_burst_limit: 500,
    throttling_rate_limit: 250,
    log_retention_days: 365,
    log_kms_key_arn: "arn:aws:kms:eu-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    tags: { Component: "api" },
  },
  notes: API_GATEWAY_NOTES,
});
