import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { TerraformIterator } from "cdktf";
import { expr, tagsWithName } from "./expressions";
import { ReadableStack } from "./readable-stack";

/**
 * The egress every workload security group starts from (ECS tasks, EC2 instances): HTTPS to
 * anywhere, the one CIDR rule, on purpose, because agents, image pulls and AWS API calls go
 * through NAT or interface endpoints whose addresses are no security group here; and, with
 * `rulesVar`, one SG-to-SG rule per named entry of that map of
 * `{ security_group_id, port, description }` (`to_security_group["<name>"]`).
 */
export function workloadEgress(
  stack: ReadableStack,
  sg: SecurityGroup,
  props: { readonly httpsDescription: string; readonly rulesVar?: string },
): void {
  new VpcSecurityGroupEgressRule(stack.scopeFor(VpcSecurityGroupEgressRule), "https_to_aws_apis", {
    securityGroupId: sg.id,
    cidrIpv4: "0.0.0.0/0",
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    description: props.httpsDescription,
    tags: tagsWithName("${var.name}-https-out"),
  });
  if (!props.rulesVar) return;
  const egress = TerraformIterator.fromMap(expr.map(props.rulesVar));
  new VpcSecurityGroupEgressRule(stack.scopeFor(VpcSecurityGroupEgressRule), "to_security_group", {
    forEach: egress,
    securityGroupId: sg.id,
    referencedSecurityGroupId: egress.getString("security_group_id"),
    ipProtocol: "tcp",
    fromPort: egress.getNumber("port"),
    toPort: egress.getNumber("port"),
    description: egress.getString("description"),
    tags: tagsWithName("${var.name}-to-${each.key}"),
  });
}
