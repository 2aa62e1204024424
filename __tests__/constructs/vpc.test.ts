import { App } from "cdktf";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { VpcModule, VpcModuleStack, vpcSpec } from "../../constructs/vpc";

const files = generateModules([VpcModuleStack]).get("vpc")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);

describe("vpc module", () => {
  it("is a standalone module: required_providers range, no provider, no backend", () => {
    expect(tf.terraform).toEqual({
      required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" } },
      required_version: ">= 1.9.0",
    });
    expect(tf.provider).toBeUndefined();
    expect(tf.terraform.backend).toBeUndefined();
    expect(JSON.stringify(tf)).not.toContain('"//"');
  });

  it("names resources readably, with no hash suffixes", () => {
    const names = Object.values(tf.resource as Record<string, object>).flatMap((byName) =>
      Object.keys(byName),
    );
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(Object.keys(tf.resource.aws_subnet).sort()).toEqual([
      "database",
      "intra",
      "private",
      "public",
    ]);
  });

  it("keys every per-AZ resource by AZ name through for_each over the inputs", () => {
    expect(tf.resource.aws_subnet.database.for_each).toBe("${local.database_subnets}");
    for (const tier of ["public", "private"]) {
      expect(tf.resource.aws_subnet[tier].for_each).toBe("${var.subnets}");
      expect(tf.resource.aws_subnet[tier].availability_zone).toBe("${each.key}");
    }
    expect(tf.resource.aws_nat_gateway.this.for_each).toBe("${local.nat_azs}");
    expect(tf.resource.aws_route_table.private.for_each).toBe("${var.subnets}");
    expect(tf.resource.aws_subnet.private.count).toBeUndefined();
  });

  it("sets the secure defaults", () => {
    for (const subnet of Object.values(tf.resource.aws_subnet) as any[])
      expect(subnet.map_public_ip_on_launch).toBe(false);
    expect(tf.resource.aws_default_security_group.default).toMatchObject({
      ingress: [],
      egress: [],
    });
    expect(tf.resource.aws_flow_log.this.traffic_type).toBe("ALL");
    expect(tf.resource.aws_vpc.this).toMatchObject({
      enable_dns_hostnames: true,
      enable_dns_support: true,
    });
    expect(tf.resource.aws_route_table.database.route).toBeUndefined();
  });

  it("types and validates its variables", () => {
    expect(tf.variable.subnets.type).toBe(
      "map(object({ public = string, private = string, database = optional(string), intra = optional(string) }))",
    );
    expect(tf.variable.nat_mode.validation[0].condition).toContain('"one-per-az"');
    expect(tf.variable.subnets.validation.map((v: any) => v.error_message)).toContain(
      "subnets must list between 2 and 3 Availability Zones.",
    );
    expect(tf.variable.flow_log_kms_key_arn).toMatchObject({ default: null, nullable: true });
  });

  it("makes the database tier optional, carrying state over to the indexed addresses", () => {
    expect(tf.locals.database_subnets).toBe(
      "${{ for az, s in var.subnets : az => s.database if var.database_subnets }}",
    );
    for (const [type, name] of [
      ["aws_route_table", "database"],
      ["aws_db_subnet_group", "database"],
    ]) {
      expect(tf.resource[type][name].count).toBe("${var.database_subnets ? 1 : 0}");
      expect(tf.moved).toContainEqual({ from: `${type}.${name}`, to: `${type}.${name}[0]` });
    }
    expect(tf.resource.aws_route_table_association.database.route_table_id).toBe(
      "${aws_route_table.database[0].id}",
    );
    expect(tf.variable.database_subnets.default).toBe(true);
    expect(tf.output.database_subnet_group_name.value).toBe(
      "${one(aws_db_subnet_group.database[*].name)}",
    );
  });

  it("puts interface endpoints in the private subnets behind a group admitting only HTTPS from the VPC", () => {
    const endpoint = tf.resource.aws_vpc_endpoint.interface;
    expect(endpoint).toMatchObject({
      for_each: "${toset(var.interface_endpoints)}",
      vpc_endpoint_type: "Interface",
      private_dns_enabled: true,
      subnet_ids: "${values(aws_subnet.private)[*].id}",
      security_group_ids: ["${aws_security_group.endpoints[0].id}"],
    });
    expect(tf.resource.aws_security_group.endpoints.count).toBe(
      "${length(var.interface_endpoints) > 0 ? 1 : 0}",
    );
    expect(tf.resource.aws_vpc_security_group_ingress_rule.endpoints_https).toMatchObject({
      cidr_ipv4: "${aws_vpc.this.cidr_block}",
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
    });
    expect(tf.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
    expect(tf.variable.interface_endpoints.default).toEqual([]);
  });

  it("keys network ACLs by tier and their rules by name, off by default", () => {
    expect(tf.variable.network_acls_enabled.default).toBe(false);
    expect(tf.resource.aws_network_acl.this).toMatchObject({
      for_each: "${local.network_acl_tiers}",
      subnet_ids: "${each.value}",
    });
    expect(tf.resource.aws_network_acl.this.ingress).toBeUndefined();
    expect(tf.resource.aws_network_acl_rule.this).toMatchObject({
      for_each: "${local.network_acl_rules}",
      network_acl_id: "${aws_network_acl.this[each.value.tier].id}",
      rule_action: "allow",
    });
    const rules: string = tf.locals.network_acl_rules;
    expect(rules).toMatch(/^\$\{var\.network_acls_enabled \? /);
    expect(rules).toContain('"public/in-https" = { tier = "public", egress = false');
    expect(rules).toContain("from_port = 1024, to_port = 65535");
    // The database tier admits only the private subnets' CIDRs on the database ports.
    expect(rules).toContain(
      "cidr_block = var.subnets[p[1]].private, from_port = var.database_ports[p[0]], to_port = var.database_ports[p[0]]",
    );
    expect(rules).not.toMatch(/tier = "database"[^}]*0\.0\.0\.0\/0/);
  });

  it("rejects construct ids that would give unreadable addresses", () => {
    class Bad extends VpcModuleStack {
      constructor(scope: App) {
        super(scope);
        new VpcModule(this, "BadName", { source: "./x", inputs: vpcSpec.example });
      }
    }
    expect(() => generateModules([Bad])).toThrow(/lower snake_case/);
  });
});
