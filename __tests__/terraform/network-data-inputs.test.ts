import { databaseSpec } from "../../constructs/database";
import { vpcSpec } from "../../constructs/vpc";
import { ModuleRoot } from "../support/module-root";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

/** The example's subnets without database CIDRs. */
const noDatabase = Object.fromEntries(
  Object.entries(vpcSpec.example.subnets).map(([az, { public: pub, private: priv }]) => [
    az,
    { public: pub, private: priv },
  ]),
);

/**
 * Plans a root whose calls all carry one bad value each. Terraform reports every error of one
 * kind at once, but checks rules that read other variables only once the single-variable rules
 * pass, so the two kinds are tried in separate roots.
 */
function rejections(module: string, calls: Record<string, Record<string, unknown>>): string {
  // Against the module's variables alone: the rules live there.
  const { ws } = new ModuleRoot(module).keepOnlyVariables().write(calls);
  ws.init();
  const result = ws.run(["plan", "-input=false", "-no-color", "-lock=false"], { okCodes: [1] });
  // Terraform wraps long messages; compare on single spaces.
  return result.stderr.replace(/[\s│]+/g, " ");
}

describeTerraform("vpc and database inputs with real Terraform", () => {
  it("vpc: no database tier, network ACLs on the public and private tiers, interface endpoints", () => {
    const { ws } = new ModuleRoot("vpc").write({
      vpc: {
        ...vpcSpec.example,
        subnets: noDatabase,
        database_subnets: false,
        database_ports: [5432],
      },
    });
    ws.init();
    const plan = ws.planJson();
    expect(addresses(plan).filter((a) => a.includes("database"))).toEqual([]);
    expect(addresses(plan, "aws_network_acl")).toEqual([
      'module.vpc.aws_network_acl.this["private"]',
      'module.vpc.aws_network_acl.this["public"]',
    ]);
    expect(addresses(plan, "aws_network_acl_rule").some((a) => a.includes('"database/'))).toBe(
      false,
    );
    expect(addresses(plan, "aws_vpc_endpoint").filter((a) => a.includes("interface"))).toHaveLength(
      5,
    );
    const sg = changes(plan, "aws_security_group").find((s) => s.address.endsWith("endpoints[0]"))!;
    expect(after(sg).ingress).toBeUndefined();
  });

  it("vpc: every bad value is refused with its message", () => {
    const stderr = rejections("vpc", {
      endpoints: { ...vpcSpec.example, interface_endpoints: ["s3x"] },
      ports: { ...vpcSpec.example, database_ports: [5432, 70000] },
      many_ports: { ...vpcSpec.example, database_ports: [1, 2, 3, 4, 5, 6, 7] },
    });
    const acrossVariables = rejections("vpc", {
      tier_off: { ...vpcSpec.example, database_subnets: false },
      tier_on: { ...vpcSpec.example, subnets: noDatabase },
    });
    expect(stderr).toContain("interface_endpoints may contain only: ecr.api, ecr.dkr");
    expect(stderr).toContain("database_ports must list at most 6 distinct whole port numbers");
    expect(stderr.match(/database_ports must list/g)).toHaveLength(2);
    expect(
      acrossVariables.match(
        /subnets must give a database CIDR for every AZ when database_subnets is true/g,
      ),
    ).toHaveLength(2);
  });

  it("database: io2 storage with IOPS and replicas placed by name", () => {
    const { ws } = new ModuleRoot("database").write({
      db: {
        ...databaseSpec.example,
        storage_type: "io2",
        iops: 20000,
        master_username: "owner",
        preferred_backup_window: "03:00-03:30",
        preferred_maintenance_window: "sun:04:00-sun:05:00",
        read_replicas: { "replica-1": { availability_zone: "eu-north-1b" }, reporting: {} },
      },
    });
    ws.init();
    const plan = ws.planJson();
    const instances = Object.fromEntries(
      changes(plan, "aws_db_instance").map((i) => [i.address, after(i)]),
    );
    expect(instances["module.db.aws_db_instance.this[0]"]).toMatchObject({
      storage_type: "io2",
      iops: 20000,
      username: "owner",
      backup_window: "03:00-03:30",
      maintenance_window: "sun:04:00-sun:05:00",
    });
    expect(instances['module.db.aws_db_instance.replica["replica-1"]'].availability_zone).toBe(
      "eu-north-1b",
    );
    expect(instances['module.db.aws_db_instance.replica["reporting"]'].availability_zone).toBe(
      undefined,
    );
  });

  it("database: every bad value is refused with its message", () => {
    const base = { ...databaseSpec.example, read_replicas: {} };
    const stderr = rejections("database", {
      io1_without_iops: { ...base, storage_type: "io1" },
      io1_too_many: { ...base, storage_type: "io1", iops: 6000 },
      gp3_small: { ...base, iops: 12000 },
      gp2_iops: { ...base, storage_type: "gp2", iops: 3000 },
      reserved_pg: { ...base, master_username: "rds_superuser" },
      reserved_mysql: {
        ...base,
        engine: "mysql",
        engine_version: "8.0",
        master_username: "rdsrepladmin",
      },
      replica_and_count: { ...base, read_replica_count: 1, read_replicas: { r: {} } },
    });
    const names = rejections("database", {
      replica_name: { ...base, read_replicas: { Bad_Name: {} } },
    });
    expect(stderr.match(/iops must be set for io1\/io2/g)).toHaveLength(2);
    expect(stderr).toContain("iops on gp3 needs allocated_storage of at least 400 GiB");
    expect(stderr).toContain("iops must be null for gp2 storage and for Aurora engines.");
    expect(stderr.match(/master_username must not be a name the engine reserves/g)).toHaveLength(2);
    expect(names).toContain("read_replicas must map at most 15 names");
    expect(stderr).toContain("read_replicas needs read_replica_count = 0");
  });
});
