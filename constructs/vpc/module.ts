import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { networkAclRulesLocal } from "./network-acls";
import { vpcSpec } from "./spec";

type Tier = "public" | "private" | "database" | "intra";

/** Generates `terraform-modules/vpc`; see `spec.ts` for its interface. */
export class VpcModuleStack extends ModuleStack<typeof vpcSpec.inputs, typeof vpcSpec.outputs> {
  constructor(scope: Construct) {
    super(scope, vpcSpec);
    const locals = new TransparentScope(this, "locals");
    // keys() is sorted, so the "single" NAT always lands in the same AZ whatever the input order.
    new TerraformLocal(locals, "first_az", expr.string("keys(var.subnets)[0]"));
    new TerraformLocal(
      locals,
      "nat_azs",
      expr.any(
        '{ for az in keys(var.subnets) : az => az if var.nat_mode == "one-per-az" || (var.nat_mode == "single" && az == local.first_az) }',
      ),
    );
    new TerraformLocal(
      locals,
      "intra_subnets",
      expr.any("{ for az, s in var.subnets : az => s.intra if s.intra != null }"),
    );
    new TerraformLocal(
      locals,
      "database_subnets",
      expr.any("{ for az, s in var.subnets : az => s.database if var.database_subnets }"),
    );

    const vpc = new Vpc(this.scopeFor(Vpc), "this", {
      cidrBlock: this.vars.cidr_block,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tagsWithName("${var.name}"),
    });

    // Locked down so nothing that falls back to the default SG gets traffic by accident.
    new DefaultSecurityGroup(this.scopeFor(DefaultSecurityGroup), "default", {
      vpcId: vpc.id,
      ingress: [],
      egress: [],
      tags: tagsWithName("${var.name}-default-deny"),
    });

    // `source` maps AZ → the tier's CIDR, or AZ → all of the AZ's CIDRs (var.subnets).
    const subnetsOf = (tier: Tier, source: string) => {
      const each = TerraformIterator.fromMap(expr.map(source));
      return new Subnet(this.scopeFor(Subnet), tier, {
        forEach: each,
        vpcId: vpc.id,
        availabilityZone: each.key,
        cidrBlock: source === "var.subnets" ? each.getString(tier) : each.value,
        mapPublicIpOnLaunch: false,
        tags: tagsWithName(`\${var.name}-${tier}-\${each.key}`, { Tier: tier }),
      });
    };
    const associate = (tier: Tier, source: string, routeTableId: string) => {
      const each = TerraformIterator.fromMap(expr.map(source));
      new RouteTableAssociation(this.scopeFor(RouteTableAssociation), tier, {
        forEach: each,
        subnetId: expr.string(`aws_subnet.${tier}[each.key].id`),
        routeTableId,
      });
    };

    // Public tier: one route table with the internet route.
    subnetsOf("public", "var.subnets");
    const igw = new InternetGateway(this.scopeFor(InternetGateway), "this", {
      vpcId: vpc.id,
      tags: tagsWithName("${var.name}"),
    });
    const publicRt = new RouteTable(this.scopeFor(RouteTable), "public", {
      vpcId: vpc.id,
      tags: tagsWithName("${var.name}-public"),
    });
    new Route(this.scopeFor(Route), "public_internet", {
      routeTableId: publicRt.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });
    associate("public", "var.subnets", publicRt.id);

    // NAT gateways, keyed by the AZ they live in.
    const natEach = TerraformIterator.fromMap(expr.map("local.nat_azs"));
    new Eip(this.scopeFor(Eip), "nat", {
      forEach: natEach,
      domain: "vpc",
      tags: tagsWithName("${var.name}-nat-${each.key}"),
    });
    new NatGateway(this.scopeFor(NatGateway), "this", {
      forEach: natEach,
      allocationId: expr.string("aws_eip.nat[each.key].id"),
      subnetId: expr.string("aws_subnet.public[each.key].id"),
      tags: tagsWithName("${var.name}-${each.key}"),
      dependsOn: [igw],
    });

    // Private tier: a route table per AZ, so each AZ can egress through its own NAT gateway.
    subnetsOf("private", "var.subnets");
    const privateEach = TerraformIterator.fromMap(expr.map("var.subnets"));
    new RouteTable(this.scopeFor(RouteTable), "private", {
      forEach: privateEach,
      vpcId: vpc.id,
      tags: tagsWithName("${var.name}-private-${each.key}"),
    });
    const natRouteEach = TerraformIterator.fromMap(
      expr.map('{ for az in keys(var.subnets) : az => az if var.nat_mode != "none" }'),
    );
    new Route(this.scopeFor(Route), "private_nat", {
      forEach: natRouteEach,
      routeTableId: expr.string("aws_route_table.private[each.key].id"),
      destinationCidrBlock: "0.0.0.0/0",
      natGatewayId: expr.string(
        'aws_nat_gateway.this[var.nat_mode == "single" ? local.first_az : each.key].id',
      ),
    });
    associate("private", "var.subnets", expr.string("aws_route_table.private[each.key].id"));

    // Database tier (optional): local routes only; RDS and ElastiCache never need the internet.
    subnetsOf("database", "local.database_subnets");
    const databaseTier = expr.number("var.database_subnets ? 1 : 0");
    const databaseRt = new RouteTable(this.scopeFor(RouteTable), "database", {
      count: databaseTier,
      vpcId: vpc.id,
      tags: tagsWithName("${var.name}-database"),
    });
    associate("database", "local.database_subnets", expr.string(`${databaseRt.fqn}[0].id`));
    const dbSubnetGroup = new DbSubnetGroup(this.scopeFor(DbSubnetGroup), "database", {
      count: databaseTier,
      name: this.vars.name,
      description: "Database subnets of ${var.name}",
      subnetIds: expr.list("values(aws_subnet.database)[*].id"),
      tags: tagsWithName("${var.name}"),
    });
    // Both were un-indexed before the tier became optional: carry existing state over.
    this.addOverride(
      "moved",
      [databaseRt, dbSubnetGroup].map((r) => ({
        from: `${r.terraformResourceType}.${r.friendlyUniqueId}`,
        to: `${r.terraformResourceType}.${r.friendlyUniqueId}[0]`,
      })),
    );

    // Intra tier: no route out of the VPC except the gateway endpoints.
    subnetsOf("intra", "local.intra_subnets");
    const intraRt = new RouteTable(this.scopeFor(RouteTable), "intra", {
      vpcId: vpc.id,
      tags: tagsWithName("${var.name}-intra"),
    });
    associate("intra", "local.intra_subnets", intraRt.id);

    const region = new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    const endpointEach = TerraformIterator.fromList(this.vars.gateway_endpoints);
    new VpcEndpoint(this.scopeFor(VpcEndpoint), "gateway", {
      forEach: endpointEach,
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${region.id}.${endpointEach.value}`,
      vpcEndpointType: "Gateway",
      routeTableIds: expr.list(
        "concat(values(aws_route_table.private)[*].id, [aws_route_table.intra.id])",
      ),
      tags: tagsWithName("${var.name}-${each.value}"),
    });

    this.interfaceEndpoints(vpc, region);
    this.networkAcls(vpc, locals);

    // Flow logs: every accepted and rejected flow, kept for an explicit period.
    const logGroup = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "flow_logs", {
      name: "/aws/vpc/${var.name}/flow-logs",
      retentionInDays: this.vars.flow_log_retention_days,
      kmsKeyId: this.vars.flow_log_kms_key_arn,
      tags: tagsWithName("${var.name}-flow-logs"),
    });
    const role = new IamRole(this.scopeFor(IamRole), "flow_logs", {
      name: "${var.name}-vpc-flow-logs",
      assumeRolePolicy: assumeRolePolicy("vpc-flow-logs.amazonaws.com"),
      tags: tagsWithName("${var.name}-vpc-flow-logs"),
    });
    new IamRolePolicy(this.scopeFor(IamRolePolicy), "flow_logs", {
      name: "write-flow-logs",
      role: role.id,
      policy: expr.string(
        'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource = "${aws_cloudwatch_log_group.flow_logs.arn}:*" }] })',
      ),
    });
    new FlowLog(this.scopeFor(FlowLog), "this", {
      vpcId: vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: tagsWithName("${var.name}"),
    });

    const ids = (tier: Tier) => expr.list(`values(aws_subnet.${tier})[*].id`);
    const byAz = (tier: Tier) => expr.map(`{ for az, s in aws_subnet.${tier} : az => s.id }`);
    this.exportOutputs({
      vpc_id: vpc.id,
      vpc_cidr_block: vpc.cidrBlock,
      azs: expr.list("keys(var.subnets)"),
      public_subnet_ids: ids("public"),
      public_subnets_by_az: byAz("public"),
      private_subnet_ids: ids("private"),
      private_subnets_by_az: byAz("private"),
      database_subnet_ids: ids("database"),
      database_subnets_by_az: byAz("database"),
      intra_subnet_ids: ids("intra"),
      intra_subnets_by_az: byAz("intra"),
      public_route_table_id: publicRt.id,
      private_route_table_ids_by_az: expr.map(
        "{ for az, rt in aws_route_table.private : az => rt.id }",
      ),
      database_route_table_id: expr.string(`one(${databaseRt.fqn}[*].id)`),
      intra_route_table_id: intraRt.id,
      nat_gateway_ids_by_az: expr.map("{ for az, n in aws_nat_gateway.this : az => n.id }"),
      nat_public_ips: expr.list("values(aws_eip.nat)[*].public_ip"),
      database_subnet_group_name: expr.string(`one(${dbSubnetGroup.fqn}[*].name)`),
      interface_endpoint_ids: expr.map(
        "{ for service, e in aws_vpc_endpoint.interface : service => e.id }",
      ),
      endpoint_security_group_id: expr.string("one(aws_security_group.endpoints[*].id)"),
      network_acl_ids: expr.map("{ for tier, acl in aws_network_acl.this : tier => acl.id }"),
      flow_log_group_name: logGroup.name,
    });
  }

  /**
   * Interface endpoints in the private subnets with private DNS, so AWS SDKs reach the usual
   * hostnames without NAT; their group admits HTTPS from the VPC CIDR only and starts nothing.
   */
  private interfaceEndpoints(vpc: Vpc, region: DataAwsRegion): void {
    const count = expr.number("length(var.interface_endpoints) > 0 ? 1 : 0");
    const sg = new SecurityGroup(this.scopeFor(SecurityGroup), "endpoints", {
      count,
      namePrefix: "${var.name}-endpoints-",
      description: "Interface endpoints of ${var.name}: HTTPS from the VPC CIDR only, no egress",
      vpcId: vpc.id,
      tags: tagsWithName("${var.name}-endpoints"),
      // Endpoints hold the group: a replacement must exist before the old one can go.
      lifecycle: { createBeforeDestroy: true },
    });
    const sgId = expr.string(`${sg.fqn}[0].id`);
    new VpcSecurityGroupIngressRule(this.scopeFor(VpcSecurityGroupIngressRule), "endpoints_https", {
      count,
      securityGroupId: sgId,
      cidrIpv4: vpc.cidrBlock,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS from the VPC to the AWS API endpoints",
      tags: tagsWithName("${var.name}-endpoints-https"),
    });
    const each = TerraformIterator.fromList(this.vars.interface_endpoints);
    new VpcEndpoint(this.scopeFor(VpcEndpoint), "interface", {
      forEach: each,
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${region.id}.${each.value}`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      subnetIds: expr.list("values(aws_subnet.private)[*].id"),
      securityGroupIds: [sgId],
      tags: tagsWithName("${var.name}-${each.value}"),
    });
  }

  /** One ACL per tier, associated through `subnet_ids`, and its rules keyed `<tier>/<rule>`. */
  private networkAcls(vpc: Vpc, locals: Construct): void {
    new TerraformLocal(
      locals,
      "network_acl_tiers",
      expr.any(
        "var.network_acls_enabled ? merge({ public = values(aws_subnet.public)[*].id, private = values(aws_subnet.private)[*].id }, var.database_subnets ? { database = values(aws_subnet.database)[*].id } : {}) : {}",
      ),
    );
    new TerraformLocal(locals, "network_acl_rules", networkAclRulesLocal());
    const acls = TerraformIterator.fromMap(expr.map("local.network_acl_tiers"));
    const acl = new NetworkAcl(this.scopeFor(NetworkAcl), "this", {
      forEach: acls,
      vpcId: vpc.id,
      subnetIds: expr.list("each.value"),
      tags: tagsWithName("${var.name}-${each.key}", { Tier: "${each.key}" }),
    });
    const rules = TerraformIterator.fromMap(expr.map("local.network_acl_rules"));
    new NetworkAclRule(this.scopeFor(NetworkAclRule), "this", {
      forEach: rules,
      networkAclId: expr.string(`${acl.fqn}[each.value.tier].id`),
      ruleNumber: rules.getNumber("rule_number"),
      egress: rules.getBoolean("egress"),
      protocol: rules.getString("protocol"),
      ruleAction: "allow",
      cidrBlock: rules.getString("cidr_block"),
      fromPort: rules.getNumber("from_port"),
      toPort: rules.getNumber("to_port"),
    });
  }
}
