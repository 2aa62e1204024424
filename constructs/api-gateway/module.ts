import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2ApiMapping } from "@cdktf/provider-aws/lib/apigatewayv2-api-mapping";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { TerraformIterator, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { apiGatewaySpec } from "./spec";

/** One JSON object per request: who, what, outcome, and where time or errors came from. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  integrationError: "$context.integrationErrorMessage",
  integrationLatency: "$context.integrationLatency",
  responseLatency: "$context.responseLatency",
  authorizerError: "$context.authorizer.error",
});

/**
 * A `dynamic "<block>"` over an HCL collection. Written as an override so the iterator keeps
 * the block's name (`tls_config.value`): cdktf's own dynamic blocks name it `each`, which
 * would shadow `each` inside a `for_each` resource.
 */
function dynamicBlock(
  resource: TerraformResource,
  block: string,
  forEach: string,
  content: Record<string, unknown>,
): void {
  resource.addOverride(`dynamic.${block}`, { for_each: `\${${forEach}}`, content });
}

const customDomainCount = () => expr.number("var.custom_domain == null ? 0 : 1");

/** Generates `terraform-modules/api-gateway`; see `spec.ts` for its interface. */
export class ApiGatewayModuleStack extends ModuleStack<
  typeof apiGatewaySpec.inputs,
  typeof apiGatewaySpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, apiGatewaySpec);

    const api = new Apigatewayv2Api(this.scopeFor(Apigatewayv2Api), "this", {
      name: this.vars.name,
      protocolType: "HTTP",
      description: "${var.name}: routes to the internal ALB through a VPC link",
      // With a custom domain, the execute-api endpoint would be a way around it.
      disableExecuteApiEndpoint: expr.any("var.custom_domain != null"),
      tags: tagsWithName("${var.name}"),
    });
    dynamicBlock(api, "cors_configuration", "var.cors == null ? [] : [var.cors]", {
      allow_origins: "${cors_configuration.value.allow_origins}",
      allow_methods: "${cors_configuration.value.allow_methods}",
      allow_headers: "${cors_configuration.value.allow_headers}",
      expose_headers: "${cors_configuration.value.expose_headers}",
      max_age: "${cors_configuration.value.max_age}",
      allow_credentials: "${cors_configuration.value.allow_credentials}",
    });

    const authorizers = TerraformIterator.fromMap(expr.map("var.jwt_authorizers"));
    new Apigatewayv2Authorizer(this.scopeFor(Apigatewayv2Authorizer), "jwt", {
      forEach: authorizers,
      apiId: api.id,
      name: authorizers.key,
      authorizerType: "JWT",
      identitySources: [authorizers.getString("identity_source")],
      jwtConfiguration: {
        issuer: authorizers.getString("issuer"),
        audience: authorizers.getList("audiences"),
      },
    });

    // One integration per route, so each route's backend settings change independently.
    const routes = TerraformIterator.fromMap(expr.map("var.routes"));
    const integration = new Apigatewayv2Integration(this.scopeFor(Apigatewayv2Integration), "alb", {
      forEach: routes,
      apiId: api.id,
      description: "${var.name} route ${each.key} to the internal ALB",
      integrationType: "HTTP_PROXY",
      integrationMethod: "ANY",
      integrationUri: this.vars.alb_listener_arn,
      connectionType: "VPC_LINK",
      connectionId: this.vars.vpc_link_id,
      payloadFormatVersion: "1.0",
    });
    dynamicBlock(
      integration,
      "tls_config",
      "var.alb_tls_server_name == null ? [] : [var.alb_tls_server_name]",
      { server_name_to_verify: "${tls_config.value}" },
    );

    new Apigatewayv2Route(this.scopeFor(Apigatewayv2Route), "this", {
      forEach: routes,
      apiId: api.id,
      routeKey: routes.getString("route_key"),
      target: "integrations/${aws_apigatewayv2_integration.alb[each.key].id}",
      authorizationType: expr.string('each.value.authorizer == null ? "NONE" : "JWT"'),
      authorizerId: expr.string(
        "each.value.authorizer == null ? null : aws_apigatewayv2_authorizer.jwt[each.value.authorizer].id",
      ),
      authorizationScopes: expr.list(
        "length(each.value.authorization_scopes) == 0 ? null : each.value.authorization_scopes",
      ),
    });

    const logGroup = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "access_logs", {
      name: "/aws/apigateway/${var.name}/access-logs",
      retentionInDays: this.vars.log_retention_days,
      kmsKeyId: this.vars.log_kms_key_arn,
      tags: tagsWithName("${var.name}-api-access-logs"),
    });

    const stage = new Apigatewayv2Stage(this.scopeFor(Apigatewayv2Stage), "default", {
      apiId: api.id,
      name: "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: logGroup.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: {
        throttlingBurstLimit: this.vars.throttling_burst_limit,
        throttlingRateLimit: this.vars.throttling_rate_limit,
        detailedMetricsEnabled: true,
      },
      tags: tagsWithName("${var.name}"),
    });
    // route_key comes from the route resource so the setting is applied after the route exists.
    dynamicBlock(
      stage,
      "route_settings",
      "{ for k, r in var.routes : k => r if r.throttling_burst_limit != null || r.throttling_rate_limit != null }",
      {
        route_key: "${aws_apigatewayv2_route.this[route_settings.key].route_key}",
        throttling_burst_limit:
          "${coalesce(route_settings.value.throttling_burst_limit, var.throttling_burst_limit)}",
        throttling_rate_limit:
          "${coalesce(route_settings.value.throttling_rate_limit, var.throttling_rate_limit)}",
        detailed_metrics_enabled: true,
      },
    );

    new Apigatewayv2DomainName(this.scopeFor(Apigatewayv2DomainName), "this", {
      count: customDomainCount(),
      domainName: expr.string("var.custom_domain.domain_name"),
      domainNameConfiguration: {
        certificateArn: expr.string("var.custom_domain.certificate_arn"),
        endpointType: "REGIONAL",
        securityPolicy: "TLS_1_2",
      },
      tags: tagsWithName("${var.name}"),
    });
    new Apigatewayv2ApiMapping(this.scopeFor(Apigatewayv2ApiMapping), "this", {
      count: customDomainCount(),
      apiId: api.id,
      domainName: expr.string("aws_apigatewayv2_domain_name.this[0].id"),
      stage: stage.id,
    });

    const domainConfig = (attribute: string) =>
      expr.string(
        `one(aws_apigatewayv2_domain_name.this[*].domain_name_configuration[0].${attribute})`,
      );
    this.exportOutputs({
      api_id: api.id,
      api_endpoint: api.apiEndpoint,
      execution_arn: api.executionArn,
      stage_name: stage.name,
      stage_invoke_url: stage.invokeUrl,
      log_group_name: logGroup.name,
      custom_domain_target: domainConfig("target_domain_name"),
      custom_domain_hosted_zone_id: domainConfig("hosted_zone_id"),
      route_ids: expr.map("{ for name, r in aws_apigatewayv2_route.this : name => r.id }"),
    });
  }
}
