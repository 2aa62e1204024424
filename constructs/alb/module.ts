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
import { blueGreen, ROLLING_SERVICES } from "./blue-green";
import { cloudFrontOrigin } from "./cloudfront-origin";
import { forwardTargets } from "./forward-targets";
import { aliasRecords } from "./dns-records";
import { serviceListenerRule, serviceTargetGroup } from "./service-routing";
import { albSpec } from "./spec";

/** Generates `terraform-modules/alb`; see `spec.ts` for its interface. */
export class AlbModuleStack extends ModuleStack<typeof albSpec.inputs, typeof albSpec.outputs> {
  constructor(scope: Construct) {
    super(scope, albSpec);
    const locals = new TransparentScope(this, "locals");
    new TerraformLocal(
      locals,
      "https",
      expr.any("length(var.certificate_arns) + length(var.named_certificate_arns) > 0"),
    );
    // The listener's default certificate: the first listed, else the first named one.
    new TerraformLocal(
      locals,
      "default_certificate_arn",
      expr.any("try(var.certificate_arns[0], values(var.named_certificate_arns)[0], null)"),
    );
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
    const cloudFront = cloudFrontOrigin(this, locals, sg.id);

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

    aliasRecords(this, lb.dnsName, lb.zoneId);

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
      certificateArn: expr.string("local.default_certificate_arn"),
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
    new LbListenerCertificate(this.scopeFor(LbListenerCertificate), "named", {
      // Keyed by name (known at plan); the one serving as default is not added again. Terraform
      // evaluates the condition even over an empty map, hence try().
      forEach: TerraformIterator.fromMap(
        expr.map(
          '{ for name, arn in var.named_certificate_arns : name => arn if length(var.certificate_arns) > 0 || name != try(keys(var.named_certificate_arns)[0], "") }',
        ),
      ),
      listenerArn: serving.arn,
      certificateArn: "${each.value}",
    });

    const services = TerraformIterator.fromMap(expr.map("var.services"));
    new LbTargetGroup(this.scopeFor(LbTargetGroup), "service", {
      forEach: services,
      ...serviceTargetGroup("${var.name}-${each.key}", this.vars.vpc_id),
    });
    const rule = serviceListenerRule(
      this.scopeFor(LbListenerRule),
      "service",
      {
        forEach: TerraformIterator.fromMap(expr.map(ROLLING_SERVICES)),
        listenerArn: serving.arn,
      },
      [cloudFront.ruleCondition],
    );
    const bg = blueGreen(this, locals, this.vars.vpc_id, serving.arn, sg.id, [
      cloudFront.ruleCondition,
    ]);
    forwardTargets(this, serving.arn, sg.id, [cloudFront.ruleCondition]);

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
        green_target_group_arns: bg.greenTargetGroupArns,
        green_target_group_names: bg.greenTargetGroupNames,
        test_listener_arns: bg.testListenerArns,
      },
      // ECS rejects a service whose target group no listener forwards to yet; callers that
      // take the ARNs from here wait for the rules without a module-wide depends_on (which
      // would cycle through the security-group rules between the ALB and the services).
      { target_group_arns: [rule, bg.rule] },
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
