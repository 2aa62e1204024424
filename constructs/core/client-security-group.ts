import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformIterator } from "cdktf";
import { expr, tagsWithName } from "./expressions";
import { ReadableStack } from "./readable-stack";

export interface ClientSecurityGroupProps {
  /** Short label of what the group protects, in names and descriptions (`cache`, `efs`). */
  readonly label: string;
  /** Human name of the service for descriptions (`ElastiCache`, `EFS`). */
  readonly service: string;
  readonly port: number;
  /** How clients talk on the port, for descriptions (`TLS`, `NFS over TLS`). */
  readonly protocol: string;
}

/**
 * The security group of a data store: ingress on its one port only from the security groups in
 * `var.allowed_security_group_ids` (one described rule per client name, so adding a client
 * never touches another's rule), no egress (the store initiates nothing). `name_prefix` with
 * create-before-destroy, because the group cannot be deleted while the store still uses it.
 */
export function clientSecurityGroup(
  stack: ReadableStack,
  props: ClientSecurityGroupProps,
): SecurityGroup {
  const sg = new SecurityGroup(stack.scopeFor(SecurityGroup), "this", {
    namePrefix: `\${var.name}-${props.label}-`,
    description: `${props.service} \${var.name}: TCP ${props.port} from named clients only`,
    vpcId: expr.string("var.vpc_id"),
    tags: tagsWithName(`\${var.name}-${props.label}`),
    lifecycle: { createBeforeDestroy: true },
  });
  const clients = TerraformIterator.fromMap(expr.map("var.allowed_security_group_ids"));
  new VpcSecurityGroupIngressRule(stack.scopeFor(VpcSecurityGroupIngressRule), "clients", {
    forEach: clients,
    securityGroupId: sg.id,
    referencedSecurityGroupId: clients.value,
    ipProtocol: "tcp",
    fromPort: props.port,
    toPort: props.port,
    description: `\${each.key} to ${props.service} \${var.name} (${props.protocol})`,
    tags: tagsWithName(`\${var.name}-${props.label}-from-\${each.key}`),
  });
  return sg;
}
