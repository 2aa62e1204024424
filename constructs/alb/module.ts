import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerCertificate } from "@cdktf/provider-aws/lib/lb-listener-certificate";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { accessLogsBucket } from "./access-logs";
import { albSpec } from "./spec";

/** Generates `terraform-modules/alb`; see `spec.ts` for its interface. */
export class AlbModuleStack extends ModuleStack<typeof albSpec.inputs, typeof albSpec.outputs> {
  constructor(scope: Construct) {
    super(scope, albSpec);
    const locals = new TransparentScope(this, "locals");
    new TerraformLocal(locals, "https", expr.any("length(var.certificate_arns) > 0"));
    new TerraformLocal(locals, "listener_port", expr.any("local.https ? 443 : var.http_port"));
    // Port → what listens there; the security group opens exactly these ports.
    new TerraformLocal(
      locals,
      "listener_ports",
      expr.any(
        'var.internal ? { (tostring(local.listener_port)) = local.https ? "HTTPS listener" : "HTTP listener" } : { "80" = "HTTP listener (redirects to HTTPS)", "443" = "HTTPS listener" }',
      ),
    );

    const region = new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    const logs = accessLogsBucket(this, locals, region, partition);

    const sg = new SecurityGroup(this.scopeFor(SecurityGroup), "this", {
      name: "${var.name}-alb",
      description: "ALB ${var.name}: ingress from declared sources, egress to its services only",
      vpcId: this.vars.vpc_id,
      tags: tagsWithName("${var.name}-alb"),
    });
    this.securityGroupRules(sg.id, locals);

    const lb = new Lb(this.scopeFor(Lb), "this", {
      name: this.vars.name,
      loadBalancerType: "application",
      internal: this.vars.internal,
      subnets: this.vars.subnet_ids,
      securityGroups: [sg.id],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: this.vars.desync_mitigation_mode,
      enableDeletionProtection: this.vars.enable_deletion_protection,
      enableHttp2: true,
      idleTimeout: this.vars.idle_timeout,
      accessLogs: { bucket: logs.bucketName, enabled: true },
      tags: tagsWithName("${var.name}"),
      // Enabling access logs makes AWS test-write to the bucket, so its policy must exist first.
      dependsOn: logs.readyFor,
    });

    const notFound = {
      type: "fixed-response",
      fixedResponse: { contentType: "text/plain", messageBody: "Not Found", statusCode: "404" },
    };
    // HTTPS or plain HTTP in one resource, so adding a certificate later updates it in place
    // and the listener rules keep their listener.
    const serving = new LbListener(this.scopeFor(LbListener), "serving", {
      loadBalancerArn: lb.arn,
      port: expr.number("local.listener_port"),
      protocol: expr.string('local.https ? "HTTPS" : "HTTP"'),
      sslPolicy: expr.string("local.https ? var.ssl_policy : null"),
      certificateArn: expr.string("local.https ? var.certificate_arns[0] : null"),
      defaultAction: [notFound],
      tags: tagsWithName("${var.name}-serving"),
    });
    new LbListener(this.scopeFor(LbListener), "http_redirect", {
      count: expr.number("var.internal ? 0 : 1"),
      loadBalancerArn: lb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [
        {
          type: "redirect",
          redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
        },
      ],
      tags: tagsWithName("${var.name}-http-redirect"),
    });
    new LbListenerCertificate(this.scopeFor(LbListenerCertificate), "extra", {
      // Keyed by ARN: reordering the list never re-attaches a certificate.
      forEach: TerraformIterator.fromMap(
        expr.map("{ for i, arn in var.certificate_arns : arn => i if i > 0 }"),
      ),
      listenerArn: serving.arn,
      certificateArn: "${each.key}",
    });

    const services = TerraformIterator.fromMap(expr.map("var.services"));
    new LbTargetGroup(this.scopeFor(LbTargetGroup), "service", {
      forEach: services,
      name: "${var.name}-${each.key}",
      port: expr.number("each.value.port"),
      protocol: "HTTP",
      targetType: "ip",
      vpcId: this.vars.vpc_id,
      deregistrationDelay: "${each.value.deregistration_delay}",
      slowStart: expr.number("each.value.slow_start"),
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: "${each.value.health_check.path}",
        matcher: "${each.value.health_check.matcher}",
        healthyThreshold: expr.number("each.value.health_check.healthy_threshold"),
        unhealthyThreshold: expr.number("each.value.health_check.unhealthy_threshold"),
        interval: expr.number("each.value.health_check.interval"),
        timeout: expr.number("each.value.health_check.timeout"),
      },
      tags: tagsWithName("${var.name}-${each.key}", { Service: "${each.key}" }),
    });
    const rule = new LbListenerRule(this.scopeFor(LbListenerRule), "service", {
      forEach: services,
      listenerArn: serving.arn,
      priority: expr.number("each.value.priority"),
      action: [{ type: "forward", targetGroupArn: "${aws_lb_target_group.service[each.key].arn}" }],
      condition: [],
      tags: tagsWithName("${var.name}-${each.key}", { Service: "${each.key}" }),
    });
    // A condition block per kind that the service uses; the spec guarantees at least one.
    rule.addOverride("condition", undefined);
    rule.addOverride("dynamic.condition", [
      conditionBlock("path_pattern", "each.value.path_patterns"),
      conditionBlock("host_header", "each.value.host_headers"),
    ]);

    this.exportOutputs(
      {
        alb_arn: lb.arn,
        arn_suffix: lb.arnSuffix,
        dns_name: lb.dnsName,
        zone_id: lb.zoneId,
        security_group_id: sg.id,
        listener_arn: serving.arn,
        https_listener_arn: expr.string("local.https ? aws_lb_listener.serving.arn : null"),
        http_listener_arn: expr.string(
          "local.https ? one(aws_lb_listener.http_redirect[*].arn) : aws_lb_listener.serving.arn",
        ),
        listener_port: expr.number("local.listener_port"),
        target_group_arns: expr.map(
          "{ for name, tg in aws_lb_target_group.service : name => tg.arn }",
        ),
        target_group_arn_suffixes: expr.map(
          "{ for name, tg in aws_lb_target_group.service : name => tg.arn_suffix }",
        ),
        target_group_names: expr.map(
          "{ for name, tg in aws_lb_target_group.service : name => tg.name }",
        ),
        access_logs_bucket: logs.bucketName,
      },
      // ECS rejects a service whose target group no listener forwards to yet; callers that
      // take the ARNs from here wait for the rules without a module-wide depends_on (which
      // would cycle through the security-group rules between the ALB and the services).
      { target_group_arns: [rule] },
    );
  }

  private securityGroupRules(securityGroupId: string, locals: Construct): void {
    new TerraformLocal(
      locals,
      "ingress_from_security_groups",
      expr.any(
        '{ for pair in setproduct(keys(var.ingress_security_group_ids), keys(local.listener_ports)) : "${pair[0]}:${pair[1]}" => { source = pair[0], port = tonumber(pair[1]) } }',
      ),
    );
    new VpcSecurityGroupIngressRule(
      this.scopeFor(VpcSecurityGroupIngressRule),
      "from_security_group",
      {
        forEach: TerraformIterator.fromMap(expr.map("local.ingress_from_security_groups")),
        securityGroupId,
        referencedSecurityGroupId: "${var.ingress_security_group_ids[each.value.source]}",
        ipProtocol: "tcp",
        fromPort: expr.number("each.value.port"),
        toPort: expr.number("each.value.port"),
        description: "${local.listener_ports[tostring(each.value.port)]} from ${each.value.source}",
        tags: tagsWithName("${var.name}-alb-from-${each.value.source}"),
      },
    );
    // Caller-declared CIDRs only. The one 0.0.0.0/0 this can produce is an internet-facing ALB's
    // (its clients are the internet, on 80 for the redirect and 443); validation rejects it on
    // an internal ALB.
    new VpcSecurityGroupIngressRule(this.scopeFor(VpcSecurityGroupIngressRule), "from_cidr", {
      forEach: TerraformIterator.fromMap(
        expr.map(
          '{ for pair in setproduct(distinct(var.ingress_cidr_blocks), keys(local.listener_ports)) : "${pair[0]}:${pair[1]}" => { cidr = pair[0], port = tonumber(pair[1]) } }',
        ),
      ),
      securityGroupId,
      cidrIpv4: "${each.value.cidr}",
      ipProtocol: "tcp",
      fromPort: expr.number("each.value.port"),
      toPort: expr.number("each.value.port"),
      description: "${local.listener_ports[tostring(each.value.port)]} from ${each.value.cidr}",
      tags: tagsWithName("${var.name}-alb-from-${each.value.cidr}"),
    });
    new VpcSecurityGroupEgressRule(this.scopeFor(VpcSecurityGroupEgressRule), "to_service", {
      forEach: TerraformIterator.fromMap(expr.map("var.service_security_group_ids")),
      securityGroupId,
      referencedSecurityGroupId: "${each.value}",
      ipProtocol: "tcp",
      fromPort: expr.number("var.services[each.key].port"),
      toPort: expr.number("var.services[each.key].port"),
      description: "Requests and health checks to the ${each.key} tasks",
      tags: tagsWithName("${var.name}-alb-to-${each.key}"),
    });
  }
}

function conditionBlock(kind: "path_pattern" | "host_header", values: string) {
  return {
    for_each: `\${length(${values}) > 0 ? [${values}] : []}`,
    content: { [kind]: { values: "${condition.value}" } },
  };
}
