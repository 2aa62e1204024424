import * as fs from "node:fs";
import * as path from "node:path";
import { PlanJson } from "../../tools/terraform/runner";
import { addresses, after, changes, moduleConfig, planEnvironmentWithText } from "../support/plan";
import { countChanges, terraformPlanLine } from "../../tools/plan-summary/counts";
import { parsePlan } from "../../tools/plan-summary/plan-model";
import { readRoot, synthPlatform, SynthRun } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

const ENVS = ["dev", "staging", "prod"] as const;
const FIXTURES = path.join(__dirname, "..", "fixtures", "addresses");

describeTerraform("env roots plan offline with real Terraform", () => {
  let run: SynthRun;
  const plans: Record<string, PlanJson> = {};
  const texts: Record<string, string> = {};

  beforeAll(() => {
    run = synthPlatform();
    expect(run.code).toBe(0);
    for (const env of ENVS)
      ({ json: plans[env]!, text: texts[env]! } = planEnvironmentWithText(run, env));
  });

  it("every address of the built-in platform is the committed one (addresses are interface)", () => {
    // A changed address is a destroy-and-recreate in someone's account: a change here must be
    // deliberate, reviewed in the fixture's diff, and ship a `moved` block where it renames.
    for (const env of ENVS) {
      const committed = fs.readFileSync(path.join(FIXTURES, `${env}.txt`), "utf8");
      expect(addresses(plans[env]!).join("\n") + "\n").toBe(committed);
    }
  });

  it("every root plans only creations, with readable addresses", () => {
    for (const env of ENVS) {
      const plan = plans[env]!;
      expect(changes(plan).every((c) => c.change.actions.join() === "create")).toBe(true);
      expect(addresses(plan, "aws_subnet")).toContain(
        'module.vpc.aws_subnet.private["eu-north-1a"]',
      );
    }
  });

  it("prod has a NAT gateway per AZ, dev and staging a single one", () => {
    expect(addresses(plans.prod!, "aws_nat_gateway")).toEqual([
      'module.vpc.aws_nat_gateway.this["eu-north-1a"]',
      'module.vpc.aws_nat_gateway.this["eu-north-1b"]',
      'module.vpc.aws_nat_gateway.this["eu-north-1c"]',
    ]);
    expect(addresses(plans.dev!, "aws_nat_gateway")).toEqual([
      'module.vpc.aws_nat_gateway.this["eu-north-1a"]',
    ]);
    expect(addresses(plans.staging!, "aws_nat_gateway")).toHaveLength(1);
  });

  it("dev spans 2 AZs, staging and prod 3", () => {
    expect(addresses(plans.dev!, "aws_subnet")).toHaveLength(2 * 3);
    expect(addresses(plans.prod!, "aws_subnet")).toHaveLength(3 * 3);
  });

  it("database subnets have no route out of the VPC", () => {
    for (const env of ENVS) {
      const resources = moduleConfig(plans[env]!, "vpc").resources;
      const routes = resources.filter((r: any) => r.type === "aws_route");
      const tablesWithRoutes = routes.flatMap(
        (r: any) => r.expressions.route_table_id.references as string[],
      );
      expect(tablesWithRoutes.some((ref) => ref.startsWith("aws_route_table.database"))).toBe(
        false,
      );
      const dbTable = resources.find((r: any) => r.address === "aws_route_table.database");
      expect(dbTable.expressions.route).toBeUndefined();
      const dbAssoc = resources.find(
        (r: any) => r.address === "aws_route_table_association.database",
      );
      expect(dbAssoc.expressions.route_table_id.references).toContain("aws_route_table.database");
      expect(addresses(plans[env]!, "aws_route").filter((a) => a.includes("database"))).toEqual([]);
    }
  });

  it("no subnet maps public IPs, the default SG is empty, flow logs capture ALL", () => {
    for (const env of ENVS) {
      const plan = plans[env]!;
      expect(
        changes(plan, "aws_subnet").every((s) => after(s).map_public_ip_on_launch === false),
      ).toBe(true);
      const sg = changes(plan, "aws_default_security_group")[0]!;
      expect(after(sg).ingress).toEqual([]);
      expect(after(sg).egress).toEqual([]);
      expect(after(changes(plan, "aws_flow_log")[0]!).traffic_type).toBe("ALL");
    }
    const flowLogs = (plan: PlanJson) =>
      changes(plan, "aws_cloudwatch_log_group").find(
        (c) => c.address === "module.vpc.aws_cloudwatch_log_group.flow_logs",
      )!;
    expect(after(flowLogs(plans.prod!)).retention_in_days).toBe(365);
    expect(after(flowLogs(plans.dev!)).retention_in_days).toBe(7);
  });

  it("the provider tags everything and the backend keeps one locked, encrypted state per env", () => {
    const root = readRoot(run, "prod");
    expect(root.provider.aws[0].default_tags[0].tags).toMatchObject({
      Project: "healthcare",
      Environment: "prod",
      ManagedBy: "terraform",
    });
    expect(root.terraform.backend.s3).toEqual({
      bucket: "healthcare-terraform-state",
      key: "healthcare/prod/terraform.tfstate",
      region: "eu-north-1",
      encrypt: true,
      use_lockfile: true,
    });
    expect(root.module.vpc.source).toBe("../../../terraform-modules/vpc");
  });

  it("the plan comment's counts equal Terraform's own Plan line for every env root", () => {
    for (const env of ENVS) {
      const line = terraformPlanLine(countChanges(parsePlan(plans[env])));
      expect([env, texts[env]!.includes(line)]).toEqual([env, true]);
    }
  });
});
