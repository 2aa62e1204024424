import { ACCESS_LOG_FORMAT, ApiGatewayModuleStack } from "../../constructs/api-gateway";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";

const files = generateModules([ApiGatewayModuleStack]).get("api-gateway")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const res = tf.resource;
const messages = (variable: string): string[] =>
  tf.variable[variable].validation.map((v: any) => v.error_message);

describe("api-gateway module", () => {
  it("is a standalone module with readable addresses and no 6.x-only arguments", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    const names = Object.values(res as Record<string, object>).flatMap((r) => Object.keys(r));
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(JSON.stringify(res)).not.toContain('"region"');
    expect(tf.data).toBeUndefined();
  });

  it("creates an HTTP API whose default endpoint is off when a custom domain is set", () => {
    expect(res.aws_apigatewayv2_api.this).toMatchObject({
      protocol_type: "HTTP",
      disable_execute_api_endpoint: "${var.custom_domain != null}",
    });
    expect(res.aws_apigatewayv2_api.this.dynamic.cors_configuration.for_each).toBe(
      "${var.cors == null ? [] : [var.cors]}",
    );
  });

  it("keys one HTTP_PROXY integration through the VPC link and one route per route name", () => {
    expect(res.aws_apigatewayv2_integration.alb).toMatchObject({
      for_each: "${var.routes}",
      integration_type: "HTTP_PROXY",
      integration_method: "ANY",
      connection_type: "VPC_LINK",
      connection_id: "${var.vpc_link_id}",
      integration_uri: "${var.alb_listener_arn}",
      payload_format_version: "1.0",
    });
    expect(res.aws_apigatewayv2_integration.alb.dynamic.tls_config).toEqual({
      for_each: "${var.alb_tls_server_name == null ? [] : [var.alb_tls_server_name]}",
      content: { server_name_to_verify: "${tls_config.value}" },
    });
    expect(res.aws_apigatewayv2_route.this).toMatchObject({
      for_each: "${var.routes}",
      route_key: "${each.value.route_key}",
      target: "integrations/${aws_apigatewayv2_integration.alb[each.key].id}",
    });
  });

  it("protects routes with JWT authorizers by name and leaves the others public", () => {
    const route = res.aws_apigatewayv2_route.this;
    expect(route.authorization_type).toBe('${each.value.authorizer == null ? "NONE" : "JWT"}');
    expect(route.authorizer_id).toContain(
      "aws_apigatewayv2_authorizer.jwt[each.value.authorizer].id",
    );
    expect(res.aws_apigatewayv2_authorizer.jwt).toMatchObject({
      for_each: "${var.jwt_authorizers}",
      authorizer_type: "JWT",
      name: "${each.key}",
      identity_sources: ["${each.value.identity_source}"],
      jwt_configuration: { issuer: "${each.value.issuer}", audience: "${each.value.audiences}" },
    });
    expect(tf.variable.jwt_authorizers.type).toContain(
      'identity_source = optional(string, "$request.header.Authorization")',
    );
  });

  it("deploys a $default stage with JSON access logs, throttling and detailed metrics", () => {
    const stage = res.aws_apigatewayv2_stage.default;
    expect(stage).toMatchObject({
      name: "$default",
      auto_deploy: true,
      access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.access_logs.arn}" },
      default_route_settings: {
        detailed_metrics_enabled: true,
        throttling_burst_limit: "${var.throttling_burst_limit}",
        throttling_rate_limit: "${var.throttling_rate_limit}",
      },
    });
    const format = JSON.parse(stage.access_log_settings.format);
    expect(Object.keys(format).sort()).toEqual(
      [
        "authorizerError",
        "httpMethod",
        "integrationError",
        "integrationLatency",
        "ip",
        "protocol",
        "requestId",
        "requestTime",
        "responseLatency",
        "responseLength",
        "routeKey",
        "status",
      ].sort(),
    );
    for (const v of Object.values(format)) expect(v).toMatch(/^\$context\./);
    expect(stage.access_log_settings.format).toBe(ACCESS_LOG_FORMAT);
    expect(res.aws_cloudwatch_log_group.access_logs).toMatchObject({
      retention_in_days: "${var.log_retention_days}",
      kms_key_id: "${var.log_kms_key_arn}",
    });
  });

  it("adds route_settings only for routes with their own throttling, after the route exists", () => {
    const settings = res.aws_apigatewayv2_stage.default.dynamic.route_settings;
    expect(settings.for_each).toContain("if r.throttling_burst_limit != null");
    expect(settings.content).toMatchObject({
      route_key: "${aws_apigatewayv2_route.this[route_settings.key].route_key}",
      detailed_metrics_enabled: true,
    });
    expect(settings.content.throttling_rate_limit).toContain("var.throttling_rate_limit");
  });

  it("serves an optional custom domain over TLS 1.2 with its API mapping", () => {
    expect(res.aws_apigatewayv2_domain_name.this).toMatchObject({
      count: "${var.custom_domain == null ? 0 : 1}",
      domain_name_configuration: { endpoint_type: "REGIONAL", security_policy: "TLS_1_2" },
    });
    expect(res.aws_apigatewayv2_api_mapping.this).toMatchObject({
      count: "${var.custom_domain == null ? 0 : 1}",
      stage: "${aws_apigatewayv2_stage.default.id}",
    });
  });

  it("validates routes, authorizer names, throttling, CORS and the custom domain", () => {
    expect(messages("routes")).toEqual(
      expect.arrayContaining([
        "routes must not share a route_key.",
        "every route authorizer must be null (public) or the name of an entry in jwt_authorizers.",
        "authorization_scopes need an authorizer: a public route cannot require scopes.",
      ]),
    );
    expect(messages("routes").some((m) => m.includes("`METHOD /path`"))).toBe(true);
    expect(tf.variable.routes.validation.map((v: any) => v.condition).join()).toContain(
      "contains(keys(var.jwt_authorizers), r.authorizer)",
    );
    expect(messages("throttling_burst_limit")).toEqual([
      "throttling_burst_limit must be a whole number between 0 and 5000.",
    ]);
    expect(messages("throttling_rate_limit")[0]).toContain("between 0 and 10000");
    expect(messages("log_retention_days")[0]).toContain("retention period");
    expect(messages("cors")).toContain(
      'cors.allow_origins cannot be "*" when allow_credentials is true.',
    );
    expect(messages("custom_domain")).toContain(
      "custom_domain.certificate_arn must be an ACM certificate ARN.",
    );
    expect(tf.variable.alb_listener_arn.validation[0].condition).toContain("listener/app/");
    expect(tf.variable.cors).toMatchObject({ default: null, nullable: true });
    expect(tf.variable.jwt_authorizers.default).toEqual({});
  });

  it("wires its outputs to the resources that make them", () => {
    expect(tf.output.custom_domain_target.value).toBe(
      "${one(aws_apigatewayv2_domain_name.this[*].domain_name_configuration[0].target_domain_name)}",
    );
    expect(tf.output.route_ids.value).toBe(
      "${{ for name, r in aws_apigatewayv2_route.this : name => r.id }}",
    );
  });

  it("documents the WAF limitation and public routes", () => {
    const readme = files["README.md"]!;
    expect(readme).toContain("AWS WAF cannot be associated with an API Gateway HTTP API");
    expect(readme).toContain("CLOUDFRONT scope");
    expect(readme).toContain("Routes without an authorizer are public");
  });
});
