import { AlbModuleStack } from "../../constructs/alb";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { scenarioPlan } from "../support/module-scenarios";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([AlbModuleStack]).get("alb")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;

describe("alb blue/green services", () => {
  it("keeps rolling services on the original rule and gives blue/green ones a rule CodeDeploy owns", () => {
    expect(r.aws_lb_listener_rule.blue_green).toMatchObject({
      for_each: "${local.blue_green_services}",
      lifecycle: { ignore_changes: ["action"] },
      priority: "${each.value.priority}",
    });
    expect(r.aws_lb_listener_rule.service.lifecycle).toBeUndefined();
    const { lifecycle: _a, for_each: _b, ...bg } = r.aws_lb_listener_rule.blue_green;
    const { for_each: _c, ...rolling } = r.aws_lb_listener_rule.service;
    expect(bg).toEqual(rolling);
  });

  it("adds a green target group like the blue one, and a test listener ignoring its default action", () => {
    const { name, tags, for_each, ...green } = r.aws_lb_target_group.green;
    const { name: _n, tags: _t, for_each: _f, ...blue } = r.aws_lb_target_group.service;
    expect(green).toEqual(blue);
    expect(name).toBe("${var.name}-${each.key}-green");
    expect(r.aws_lb_listener.test.lifecycle).toEqual({ ignore_changes: ["default_action"] });
    expect(r.aws_lb_listener.test.ssl_policy).toBe("${local.https ? var.ssl_policy : null}");
  });

  it("admits the test listener only from the declared groups and private CIDRs", () => {
    const ingress = r.aws_vpc_security_group_ingress_rule;
    expect(ingress.test_from_security_group.for_each).toContain(
      "keys(var.test_listener_security_group_ids)",
    );
    expect(ingress.test_from_cidr.for_each).toContain("distinct(var.test_listener_cidr_blocks)");
    expect(tf.variable.test_listener_cidr_blocks.validation[0].error_message).toContain(
      "private IPv4 CIDR blocks",
    );
  });
});

describeTerraform("alb blue/green services, planned with real Terraform", () => {
  it("plans exactly two target groups and a restricted test listener for the blue/green service; others keep their addresses", () => {
    const plan = scenarioPlan("alb", "alb_blue_green");
    const of = (call: string, type?: string) =>
      addresses(plan, type)
        .filter((a) => a.startsWith(`module.${call}.`))
        .map((a) => a.slice(`module.${call}.`.length));

    expect(
      of("alb_blue_green", "aws_lb_target_group").filter((a) => a.includes('"pharmacy"')),
    ).toEqual(['aws_lb_target_group.green["pharmacy"]', 'aws_lb_target_group.service["pharmacy"]']);
    expect(of("alb_blue_green", "aws_lb_listener_rule")).toEqual([
      'aws_lb_listener_rule.blue_green["pharmacy"]',
      'aws_lb_listener_rule.service["doctor"]',
      'aws_lb_listener_rule.service["eshop"]',
    ]);
    // The ECS-deployed example is exactly what it was: no blue/green resource appears.
    expect(of("alb").filter((a) => /green|test/.test(a))).toEqual([]);
    expect(of("alb", "aws_lb_listener_rule")).toEqual([
      'aws_lb_listener_rule.service["doctor"]',
      'aws_lb_listener_rule.service["eshop"]',
      'aws_lb_listener_rule.service["pharmacy"]',
    ]);

    const [test] = changes(plan, "aws_lb_listener").filter((c) => c.address.includes(".test["));
    expect(after(test!)).toMatchObject({ port: 8443, protocol: "HTTPS" });
    const testIngress = changes(plan, "aws_vpc_security_group_ingress_rule")
      .filter(
        (c) => c.address.startsWith("module.alb_blue_green.") && c.address.includes(".test_from_"),
      )
      .map((c) => ({
        address: c.address.slice("module.alb_blue_green.".length),
        port: after(c).from_port,
        cidr: after(c).cidr_ipv4 ?? null,
        sg: after(c).referenced_security_group_id ?? null,
      }));
    expect(testIngress).toEqual([
      {
        address: 'aws_vpc_security_group_ingress_rule.test_from_cidr["10.20.0.0/16:pharmacy"]',
        port: 8443,
        cidr: "10.20.0.0/16",
        sg: null,
      },
      {
        address: 'aws_vpc_security_group_ingress_rule.test_from_security_group["ci:pharmacy"]',
        port: 8443,
        cidr: null,
        sg: "sg-0a1b2c3d4e5f607aa",
      },
    ]);
    // Nothing else is open on the test port.
    const onTestPort = changes(plan, "aws_vpc_security_group_ingress_rule").filter(
      (c) => after(c).from_port === 8443,
    );
    expect(onTestPort).toHaveLength(2);
  });
});
