import { Apigatewayv2VpcLink } from "@cdktf/provider-aws/lib/apigatewayv2-vpc-link";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Construct } from "constructs";
import { tagsWithName } from "../core/expressions";
import { ModuleStack } from "../core/module-stack";
import { vpcLinkSpec } from "./spec";

/** Generates `terraform-modules/vpc-link`; see `spec.ts` for its interface. */
export class VpcLinkModuleStack extends ModuleStack<
  typeof vpcLinkSpec.inputs,
  typeof vpcLinkSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, vpcLinkSpec);

    // No ingress rules: API Gateway's requests leave through the link's interfaces, nothing
    // connects to them. No inline egress either, so Terraform removes AWS's allow-all default.
    const sg = new SecurityGroup(this.scopeFor(SecurityGroup), "this", {
      namePrefix: "${var.name}-vpc-link-",
      description: "API Gateway VPC link: no ingress, egress only to the ALB",
      vpcId: this.vars.vpc_id,
      tags: tagsWithName("${var.name}-vpc-link"),
      lifecycle: { createBeforeDestroy: true },
    });

    new VpcSecurityGroupEgressRule(this.scopeFor(VpcSecurityGroupEgressRule), "to_alb", {
      securityGroupId: sg.id,
      referencedSecurityGroupId: this.vars.alb_security_group_id,
      ipProtocol: "tcp",
      fromPort: this.vars.alb_port,
      toPort: this.vars.alb_port,
      description: "API Gateway VPC link to the ALB listener",
      tags: tagsWithName("${var.name}-vpc-link-to-alb"),
    });

    const link = new Apigatewayv2VpcLink(this.scopeFor(Apigatewayv2VpcLink), "this", {
      name: this.vars.name,
      subnetIds: this.vars.subnet_ids,
      securityGroupIds: [sg.id],
      tags: tagsWithName("${var.name}"),
    });

    this.exportOutputs({ vpc_link_id: link.id, security_group_id: sg.id });
  }
}
