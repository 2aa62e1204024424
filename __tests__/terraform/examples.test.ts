import * as path from "node:path";
import { PlanJson } from "../../tools/terraform/runner";
import { addresses, after, changes, planEnvironment } from "../support/plan";
import { REPO, synthPlatform } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

describeTerraform(
  "examples/cache-and-files.ts: cache and EFS wired to the services that declare them",
  () => {
    let plan: PlanJson;

    beforeAll(() => {
      const run = synthPlatform({
        env: {
          PLATFORM_CONFIG: path.join(REPO, "examples", "cache-and-files.ts"),
          PLATFORM_ENVIRONMENTS: "staging",
        },
      });
      expect(run.stderr).toBe("");
      plan = planEnvironment(run, "staging");
    });

    it("creates the cache with encryption in transit and at rest, reachable only from eshop", () => {
      const group = changes(plan, "aws_elasticache_replication_group")[0]!;
      // Provider 5.x reports at_rest_encryption_enabled as a string, 6.x as a bool.
      expect([
        after(group).transit_encryption_enabled,
        String(after(group).at_rest_encryption_enabled),
        after(group).automatic_failover_enabled,
      ]).toEqual([true, "true", true]);
      expect(
        addresses(plan, "aws_vpc_security_group_ingress_rule").filter((a) =>
          a.startsWith("module.cache_sessions."),
        ),
      ).toEqual(['module.cache_sessions.aws_vpc_security_group_ingress_rule.clients["eshop"]']);
      expect(
        addresses(plan, "aws_vpc_security_group_egress_rule").filter((a) =>
          a.includes("cache_sessions"),
        ),
      ).toEqual([
        'module.service_eshop.aws_vpc_security_group_egress_rule.to_security_group["cache_sessions"]',
      ]);
    });

    it("mounts the EFS access point into doctor only, encrypted and IAM-authorised", () => {
      expect(
        addresses(plan, "aws_vpc_security_group_ingress_rule").filter((a) =>
          a.startsWith("module.file_system_media."),
        ),
      ).toEqual(['module.file_system_media.aws_vpc_security_group_ingress_rule.clients["doctor"]']);
      const task = changes(plan, "aws_ecs_task_definition").find((t) =>
        t.address.startsWith("module.service_doctor."),
      )!;
      const efs = (after(task).volume as any[]).find((v) => v.efs_volume_configuration?.length);
      expect(efs.efs_volume_configuration[0]).toMatchObject({
        transit_encryption: "ENABLED",
        authorization_config: [expect.objectContaining({ iam: "ENABLED" })],
      });
      expect(changes(plan, "aws_efs_file_system").every((f) => after(f).encrypted === true)).toBe(
        true,
      );
    });
  },
);
