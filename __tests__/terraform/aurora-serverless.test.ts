import * as path from "node:path";
import { PlanJson } from "../../tools/terraform/runner";
import { addresses, after, changes, planEnvironment } from "../support/plan";
import { REPO, synthPlatform } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

const ENVS = ["dev", "staging", "prod"] as const;

describeTerraform(
  "examples/aurora-serverless.ts: Aurora MySQL Serverless v2 in every profile",
  () => {
    const plans: Record<string, PlanJson> = {};

    beforeAll(() => {
      const run = synthPlatform({
        env: { PLATFORM_CONFIG: path.join(REPO, "examples", "aurora-serverless.ts") },
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      for (const env of ENVS) plans[env] = planEnvironment(run, env);
    });

    const cluster = (env: string) => after(changes(plans[env]!, "aws_rds_cluster")[0]!);

    it("plans a Serverless v2 cluster of db.serverless instances in dev, staging and prod", () => {
      for (const env of ENVS) {
        expect([env, cluster(env)]).toEqual([
          env,
          expect.objectContaining({
            engine: "aurora-mysql",
            engine_mode: "provisioned",
            master_username: "admin",
            preferred_backup_window: "03:00-03:30",
            preferred_maintenance_window: "sun:04:00-sun:05:00",
            serverlessv2_scaling_configuration: [
              expect.objectContaining({ min_capacity: 0.5, max_capacity: 4 }),
            ],
          }),
        ]);
        for (const i of changes(plans[env]!, "aws_rds_cluster_instance"))
          expect(after(i).instance_class).toBe("db.serverless");
      }
    });

    it("takes readers, backups and deletion protection from the profile", () => {
      const instances = (env: string) => addresses(plans[env]!, "aws_rds_cluster_instance");
      expect(instances("dev")).toEqual(["module.database_app.aws_rds_cluster_instance.writer[0]"]);
      for (const env of ["staging", "prod"])
        expect(instances(env)).toEqual([
          'module.database_app.aws_rds_cluster_instance.reader["reader-1"]',
          "module.database_app.aws_rds_cluster_instance.writer[0]",
        ]);
      expect(cluster("dev")).toMatchObject({
        backup_retention_period: 1,
        deletion_protection: false,
      });
      expect(cluster("prod")).toMatchObject({
        backup_retention_period: 14,
        deletion_protection: true,
      });
    });
  },
);
