import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { VpcLinkModuleStack } from "../../constructs/vpc-link";

const files = generateModules([VpcLinkModuleStack]).get("vpc-link")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);

describe("vpc-link module", () => {
  it("is a standalone module with readable addresses", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    expect(Object.keys(tf.resource).sort()).toEqual([
      "aws_apigatewayv2_vpc_link",
      "aws_security_group",
      "aws_vpc_security_group_egress_rule",
    ]);
    expect(Object.keys(tf.resource.aws_vpc_security_group_egress_rule)).toEqual(["to_alb"]);
    expect(JSON.stringify(tf.resource)).not.toContain('"region"');
  });

  it("places the link in the given subnets behind its own security group", () => {
    expect(tf.resource.aws_apigatewayv2_vpc_link.this).toMatchObject({
      subnet_ids: "${var.subnet_ids}",
      security_group_ids: ["${aws_security_group.this.id}"],
    });
    expect(tf.resource.aws_security_group.this).toMatchObject({
      vpc_id: "${var.vpc_id}",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("allows no ingress and egress only to the ALB security group on the ALB port", () => {
    const sg = tf.resource.aws_security_group.this;
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(tf.resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
    const rule = tf.resource.aws_vpc_security_group_egress_rule.to_alb;
    expect(rule).toMatchObject({
      security_group_id: "${aws_security_group.this.id}",
      referenced_security_group_id: "${var.alb_security_group_id}",
      ip_protocol: "tcp",
      from_port: "${var.alb_port}",
      to_port: "${var.alb_port}",
    });
    expect(rule.description).toBeTruthy();
    expect(rule.cidr_ipv4).toBeUndefined();
  });

  it("types and validates its variables", () => {
    expect(tf.variable.alb_port).toMatchObject({ default: 443, type: "number" });
    expect(tf.variable.alb_port.validation[0].condition).toBe(
      "${var.alb_port >= 1 && var.alb_port <= 65535}",
    );
    expect(tf.variable.subnet_ids.type).toBe("set(string)");
    expect(tf.variable.subnet_ids.validation[0].condition).toContain("^subnet-");
    expect(tf.variable.alb_security_group_id.validation[0].condition).toContain("^sg-");
    expect(tf.variable.vpc_id.validation[0].condition).toContain("^vpc-");
  });

  it("wires its outputs to the resources that make them", () => {
    expect(Object.keys(tf.output).sort()).toEqual(["security_group_id", "vpc_link_id"]);
  });

  it("documents that the ALB side is wired by the env stack", () => {
    expect(files["README.md"]).toContain("ingress_security_group_ids");
    expect(files["README.md"]).toContain("| `alb_port` |");
  });
});
