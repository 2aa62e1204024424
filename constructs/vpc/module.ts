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
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
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

    const subnetsOf = (tier: Tier, source: string) => {
      const each = TerraformIterator.fromMap(expr.map(source));
      return new Subnet(this.scopeFor(Subnet), tier, {
        forEach: each,
        vpcId: vpc.id,
        availabilityZone: each.key,
        cidrBlock: tier === "intra" ? each.value : each.getString(tier),
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

    // Database tier: local routes only; RDS and ElastiCache never need the internet.
    subnetsOf("database", "var.subnets");
    const databaseRt = new RouteTable(this.scopeFor(RouteTable), "database", {
      vpcId: vpc.id,
      tags: tagsWithName("${var.name}-database"),
    });
    associate("database", "var.subnets", databaseRt.id);
    const dbSubnetGroup = new DbSubnetGroup(this.scopeFor(DbSubnetGroup), "database", {
      name: this.vars.name,
      description: "Database subnets of ${var.name}",
      subnetIds: expr.list("values(aws_subnet.database)[*].id"),
      tags: tagsWithName("${var.name}"),
    });

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
      database_route_table_id: databaseRt.id,
      intra_route_table_id: intraRt.id,
      nat_gateway_ids_by_az: expr.map("{ for az, n in aws_nat_gateway.this : az => n.id }"),
      nat_public_ips: expr.list("values(aws_eip.nat)[*].public_ip"),
      database_subnet_group_name: dbSubnetGroup.name,
      flow_log_group_name: logGroup.name,
    });
  }
}
