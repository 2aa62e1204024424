import { PlanJson } from "../../tools/terraform/runner";
import { addresses, after, changes, planEnvironment } from "../support/plan";
import { ADDED_SERVICE, grownPlatformConfig } from "../support/grown-platform";
import { synthPlatform } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

const SERVICES = ["eshop", "pharmacy", "doctor"];

const callRefs = (plan: PlanJson, call: string, input: string): string[] =>
  (plan.configuration as any).root_module.module_calls[call].expressions[input]?.references ?? [];

describeTerraform("data tier (reference 002's database) in real plans", () => {
  let prod: PlanJson;
  let dev: PlanJson;
  let grown: PlanJson;

  beforeAll(() => {
    const run = synthPlatform({ env: { PLATFORM_ENVIRONMENTS: "dev,prod" } });
    expect(run.stderr).toBe("");
    prod = planEnvironment(run, "prod");
    dev = planEnvironment(run, "dev");
    const grownRun = synthPlatform({
      env: { PLATFORM_ENVIRONMENTS: "prod", PLATFORM_CONFIG: grownPlatformConfig() },
    });
    expect(grownRun.stderr).toBe("");
    grown = planEnvironment(grownRun, "prod");
  });

  const primary = (plan: PlanJson) =>
    changes(plan, "aws_db_instance").find(
      (c) => c.address === "module.database_main.aws_db_instance.this[0]",
    )!;

  it("prod: deletion protection, Multi-AZ, final snapshot, backups ≥ 7 days, encrypted, managed password", () => {
    expect(after(primary(prod))).toMatchObject({
      deletion_protection: true,
      multi_az: true,
      skip_final_snapshot: false,
      storage_encrypted: true,
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      performance_insights_enabled: true,
      engine: "postgres",
    });
    expect(after(primary(prod)).backup_retention_period).toBeGreaterThanOrEqual(7);
    expect(after(primary(prod)).final_snapshot_identifier).toBe("healthcare-prod-main-final");
  });

  it("dev: single-AZ, short backups, no deletion protection", () => {
    expect(after(primary(dev))).toMatchObject({
      deletion_protection: false,
      multi_az: false,
      backup_retention_period: 1,
    });
  });

  it("forces TLS in the parameter group", () => {
    const group = changes(prod, "aws_db_parameter_group")[0]!;
    expect(after(group).parameter).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "rds.force_ssl", value: "1" })]),
    );
  });

  it("nothing is publicly accessible", () => {
    for (const plan of [prod, dev]) {
      for (const db of changes(plan, "aws_db_instance"))
        expect(after(db).publicly_accessible).toBe(false);
      for (const block of changes(plan, "aws_s3_bucket_public_access_block")) {
        expect(after(block)).toMatchObject({
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        });
      }
      expect(changes(plan, "aws_lb").every((lb) => after(lb).internal === true)).toBe(true);
    }
  });

  it("the database admits exactly the services that declared it, on its port only", () => {
    const rules = changes(prod, "aws_vpc_security_group_ingress_rule").filter((r) =>
      r.address.startsWith("module.database_main."),
    );
    expect(rules.map((r) => r.address).sort()).toEqual(
      SERVICES.map(
        (s) => `module.database_main.aws_vpc_security_group_ingress_rule.client["${s}"]`,
      ).sort(),
    );
    for (const rule of rules)
      expect(after(rule)).toMatchObject({ from_port: 5432, to_port: 5432, ip_protocol: "tcp" });
    expect(
      callRefs(prod, "database_main", "allowed_security_group_ids")
        .filter((r) => r.endsWith(".security_group_id"))
        .sort(),
    ).toEqual(SERVICES.map((s) => `module.service_${s}.security_group_id`).sort());
  });

  it("services get the credentials as secrets by ARN, never as plain environment", () => {
    for (const s of SERVICES) {
      expect(callRefs(prod, `service_${s}`, "secrets")).toContain(
        "module.database_main.master_secret_arn",
      );
      expect(callRefs(prod, `service_${s}`, "environment")).toContain(
        "module.database_main.endpoint",
      );
      expect(callRefs(prod, `service_${s}`, "egress_security_group_rules")).toContain(
        "module.database_main.security_group_id",
      );
    }
  });

  it("adding a read replica adds only replica resources: every existing address stays", () => {
    const before = addresses(prod);
    const now = addresses(grown);
    expect(before.filter((a) => !now.includes(a))).toEqual([]);
    // The replica, its log groups, and the replica-lag alarm it makes meaningful; nothing else
    // (the grown platform's fourth service brings its own, checked by private-api.test.ts).
    expect(now.filter((a) => !before.includes(a) && !a.includes(ADDED_SERVICE))).toEqual([
      'module.database_main.aws_cloudwatch_log_group.replica["replica-1/postgresql"]',
      'module.database_main.aws_cloudwatch_log_group.replica["replica-1/upgrade"]',
      'module.database_main.aws_db_instance.replica["replica-1"]',
      'module.monitoring.aws_cloudwatch_metric_alarm.db_replica_lag["main/healthcare-prod-main-replica-1"]',
    ]);
  });
});
