import { databaseSpec } from "../../constructs/database";
import { vpcSpec } from "../../constructs/vpc";
import { ModuleRoot } from "../support/module-root";
import { scenarioPlan, SUBNETS_WITHOUT_DATABASE } from "../support/module-scenarios";
import { itRefusesEachCall } from "../support/plan-errors";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

/** Bad calls of the vpc and database modules: each is refused with its own message. */
const base = { ...databaseSpec.example, read_replicas: {} };
const BAD_CALLS: [
  call: string,
  module: string,
  inputs: Record<string, unknown>,
  message: string,
][] = [
  [
    "vpc_endpoints",
    "vpc",
    { ...vpcSpec.example, interface_endpoints: ["s3x"] },
    "interface_endpoints may contain only: ecr.api, ecr.dkr",
  ],
  [
    "vpc_ports",
    "vpc",
    { ...vpcSpec.example, database_ports: [5432, 70000] },
    "database_ports must list at most 6 distinct whole port numbers",
  ],
  [
    "vpc_many_ports",
    "vpc",
    { ...vpcSpec.example, database_ports: [1, 2, 3, 4, 5, 6, 7] },
    "database_ports must list at most 6 distinct whole port numbers",
  ],
  [
    "vpc_tier_off",
    "vpc",
    { ...vpcSpec.example, database_subnets: false },
    "subnets must give a database CIDR for every AZ when database_subnets is true",
  ],
  [
    "vpc_tier_on",
    "vpc",
    { ...vpcSpec.example, subnets: SUBNETS_WITHOUT_DATABASE },
    "subnets must give a database CIDR for every AZ when database_subnets is true",
  ],
  [
    "db_io1_without_iops",
    "database",
    { ...base, storage_type: "io1", iops: null },
    "iops must be set for io1/io2",
  ],
  [
    "db_io1_too_many",
    "database",
    { ...base, storage_type: "io1", iops: 6000 },
    "iops must be set for io1/io2",
  ],
  [
    "db_gp3_small",
    "database",
    { ...base, iops: 12000 },
    "iops on gp3 needs allocated_storage of at least 400 GiB",
  ],
  [
    "db_gp2_iops",
    "database",
    { ...base, storage_type: "gp2", iops: 3000 },
    "iops must be null for gp2 storage and for Aurora engines.",
  ],
  [
    "db_reserved_pg",
    "database",
    { ...base, master_username: "rds_superuser" },
    "master_username must not be a name the engine reserves",
  ],
  [
    "db_reserved_mysql",
    "database",
    { ...base, engine: "mysql", engine_version: "8.0", master_username: "rdsrepladmin" },
    "master_username must not be a name the engine reserves",
  ],
  [
    "db_replica_and_count",
    "database",
    { ...base, read_replica_count: 1, read_replicas: { r: {} } },
    "read_replicas needs read_replica_count = 0",
  ],
  [
    "db_replica_name",
    "database",
    { ...base, read_replicas: { Bad_Name: {} } },
    "read_replicas must map at most 15 names",
  ],
];

describeTerraform("vpc and database inputs with real Terraform", () => {
  it("vpc: no database tier, network ACLs on the public and private tiers, interface endpoints", () => {
    const plan = scenarioPlan("vpc_no_db_tier");
    expect(addresses(plan).filter((a) => a.includes("database"))).toEqual([]);
    expect(addresses(plan, "aws_network_acl")).toEqual([
      'module.vpc_no_db_tier.aws_network_acl.this["private"]',
      'module.vpc_no_db_tier.aws_network_acl.this["public"]',
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

  it("database: io2 storage with IOPS and replicas placed by name", () => {
    const plan = scenarioPlan("database_io2");
    const instances = Object.fromEntries(
      changes(plan, "aws_db_instance").map((i) => [i.address, after(i)]),
    );
    expect(instances["module.database_io2.aws_db_instance.this[0]"]).toMatchObject({
      storage_type: "io2",
      iops: 20000,
      username: "owner",
      backup_window: "03:00-03:30",
      maintenance_window: "sun:04:00-sun:05:00",
    });
    expect(
      instances['module.database_io2.aws_db_instance.replica["replica-1"]'].availability_zone,
    ).toBe("eu-north-1b");
    expect(
      instances['module.database_io2.aws_db_instance.replica["reporting"]'].availability_zone,
    ).toBe(undefined);
  });

  describe("bad values", () => {
    itRefusesEachCall(
      () => new ModuleRoot(["vpc", "database"]).keepOnlyVariables(),
      BAD_CALLS.map(([name, module, inputs, message]) => ({ name, module, inputs, message })),
    );
  });
});
