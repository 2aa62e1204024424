import { albSpec } from "../../constructs/alb";
import { AlbModuleStack } from "../../constructs/alb/module";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { ORIGIN_VERIFY_SECRET, scenarioPlan } from "../support/module-scenarios";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([AlbModuleStack]).get("alb")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);

describe("alb module, CloudFront origin mode", () => {
  it("adds its inputs after the existing ones, the secret sensitive, off by default", () => {
    const names = Object.keys(albSpec.inputs);
    const first = names.indexOf("cloudfront_origin_prefix_list_id");
    expect(first).toBeGreaterThan(names.indexOf("ingress_security_group_ids"));
    expect(names.slice(first, first + 4)).toEqual([
      "cloudfront_origin_prefix_list_id",
      "cloudfront_origin_verify_header_name",
      "cloudfront_origin_verify_secret",
      "cloudfront_origin_verify_required",
    ]);
    expect(tf.variable.cloudfront_origin_verify_secret.sensitive).toBe(true);
    expect(tf.variable.cloudfront_origin_prefix_list_id.default).toBeNull();
    expect(tf.variable.cloudfront_origin_verify_required.default).toBe(false);
  });

  it("admits the prefix list in one rule on 443 and requires the header on every service rule", () => {
    const rule = tf.resource.aws_vpc_security_group_ingress_rule.from_cloudfront;
    expect(rule).toMatchObject({ from_port: 443, to_port: 443, ip_protocol: "tcp" });
    expect(rule.prefix_list_id).toBe("${var.cloudfront_origin_prefix_list_id}");
    expect(tf.resource.aws_lb_listener_rule.service.dynamic.condition[2]).toEqual({
      for_each: "${local.origin_verify_header ? [1] : []}",
      content: {
        http_header: {
          http_header_name: "${var.cloudfront_origin_verify_header_name}",
          values: ["${var.cloudfront_origin_verify_secret}"],
        },
      },
    });
  });
});

describeTerraform("alb module, CloudFront origin mode, planned offline", () => {
  it("plans the committed example at exactly the addresses it had before the mode existed", () => {
    const plan = scenarioPlan("alb");
    expect(addresses(plan)).toEqual([
      "module.alb.aws_lb.this",
      "module.alb.aws_lb_listener.serving",
      ...["doctor", "eshop", "pharmacy"].map(
        (s) => `module.alb.aws_lb_listener_rule.service["${s}"]`,
      ),
      ...["doctor", "eshop", "pharmacy"].map(
        (s) => `module.alb.aws_lb_target_group.service["${s}"]`,
      ),
      "module.alb.aws_s3_bucket.access_logs",
      "module.alb.aws_s3_bucket_lifecycle_configuration.access_logs[0]",
      "module.alb.aws_s3_bucket_ownership_controls.access_logs",
      "module.alb.aws_s3_bucket_policy.access_logs",
      "module.alb.aws_s3_bucket_public_access_block.access_logs",
      "module.alb.aws_s3_bucket_server_side_encryption_configuration.access_logs",
      "module.alb.aws_s3_bucket_versioning.access_logs",
      "module.alb.aws_security_group.this",
      ...["doctor", "eshop", "pharmacy"].map(
        (s) => `module.alb.aws_vpc_security_group_egress_rule.to_service["${s}"]`,
      ),
      'module.alb.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:443"]',
    ]);
    for (const c of changes(plan, "aws_lb_listener_rule"))
      expect(after(c).condition.some((x: any) => x.http_header.length > 0)).toBe(false);
  });

  it("internet-facing behind CloudFront: only the prefix list on 443, header required by every rule", () => {
    const plan = scenarioPlan("alb_cloudfront");
    const ingress = changes(plan, "aws_vpc_security_group_ingress_rule");
    expect(ingress.map((c) => c.address)).toEqual([
      "module.alb_cloudfront.aws_vpc_security_group_ingress_rule.from_cloudfront[0]",
    ]);
    expect(after(ingress[0]!)).toMatchObject({
      prefix_list_id: "pl-3b927c52",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: null,
    });
    const rules = changes(plan, "aws_lb_listener_rule");
    expect(rules).toHaveLength(3);
    for (const c of rules)
      expect(after(c).condition).toContainEqual(
        expect.objectContaining({
          http_header: [{ http_header_name: "X-Origin-Verify", values: [ORIGIN_VERIFY_SECRET] }],
        }),
      );
    expect(JSON.stringify(plan.resource_changes)).not.toContain("0.0.0.0/0");
  });

  it("internal behind API Gateway with CloudFront in front: its ingress as it was, header required", () => {
    const plan = scenarioPlan("alb_api_cloudfront");
    expect(addresses(plan, "aws_vpc_security_group_ingress_rule")).toEqual([
      'module.alb_api_cloudfront.aws_vpc_security_group_ingress_rule.from_security_group["vpc_link:443"]',
    ]);
    for (const c of changes(plan, "aws_lb_listener_rule"))
      expect(after(c).condition).toContainEqual(
        expect.objectContaining({
          http_header: [{ http_header_name: "X-Origin-Verify", values: [ORIGIN_VERIFY_SECRET] }],
        }),
      );
  });
});
