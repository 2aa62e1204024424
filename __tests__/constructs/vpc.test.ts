import { App, TerraformOutput, TerraformStack, Testing } from "cdktf";
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
    for (const tier of ["public", "private", "database"]) {
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
      "map(object({ public = string, private = string, database = string, intra = optional(string) }))",
    );
    expect(tf.variable.nat_mode.validation[0].condition).toContain('"one-per-az"');
    expect(tf.variable.subnets.validation.map((v: any) => v.error_message)).toContain(
      "subnets must list between 2 and 3 Availability Zones.",
    );
    expect(tf.variable.flow_log_kms_key_arn).toMatchObject({ default: null, nullable: true });
    for (const [name, v] of Object.entries(tf.variable) as [string, any][]) {
      expect([name, typeof v.description]).toEqual([name, "string"]);
    }
  });

  it("describes every output the spec declares", () => {
    expect(Object.keys(tf.output).sort()).toEqual(Object.keys(vpcSpec.outputs).sort());
    for (const out of Object.values(tf.output) as any[]) expect(out.description).toBeTruthy();
  });

  it("documents usage with a pinned git source and input/output tables", () => {
    const readme = files["README.md"]!;
    expect(readme).toMatch(
      /source +=\s"git::https:\/\/github\.com\/your-org\/aws-platform-cdktf\.git\/\/terraform-modules\/vpc\?ref=v1\.2\.0"/,
    );
    expect(readme).toContain("| `nat_mode` |");
    expect(readme).toContain("| `database_subnet_group_name` |");
  });

  it("gives env roots a typed call whose outputs are module references", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "root");
    const vpc = new VpcModule(stack, "vpc", { source: "./vpc", inputs: vpcSpec.example });
    new TerraformOutput(stack, "ids", { value: vpc.outputs.private_subnet_ids });
    new TerraformOutput(stack, "id", { value: vpc.outputs.vpc_id });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.module.vpc.nat_mode).toBe("one-per-az");
    expect(synthesized.output.id.value).toBe("${module.vpc.vpc_id}");
    expect(synthesized.output.ids.value).toBe("${module.vpc.private_subnet_ids}");
    expect(
      () =>
        new VpcModule(stack, "bad", {
          source: "./vpc",
          inputs: { ...vpcSpec.example, nat_modes: "x" } as never,
        }),
    ).toThrow(/unknown inputs nat_modes/);
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
