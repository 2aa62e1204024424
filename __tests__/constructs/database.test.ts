import { TerraformOutput, Testing } from "cdktf";
import { expr } from "../../constructs/core/expressions";
import { generateModules } from "../../constructs/core/generate";
import { customerManagedKey, KMS_ACCOUNT_ACTIONS } from "../../constructs/core/kms";
import { ReadableStack } from "../../constructs/core/readable-stack";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { DatabaseModuleStack, ENGINES } from "../../constructs/database";
import { ENGINE_TRAITS } from "../../constructs/database/engines";

const files = generateModules([DatabaseModuleStack]).get("database")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const res = tf.resource;
const conditions = (variable: string): string =>
  (tf.variable[variable].validation ?? []).map((v: any) => v.condition).join("\n");
const messages = (variable: string): string =>
  (tf.variable[variable].validation ?? []).map((v: any) => v.error_message).join("\n");

describe("database module", () => {
  it("is a standalone module with readable names", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    const names = Object.values(res as Record<string, object>).flatMap((byName) =>
      Object.keys(byName),
    );
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(JSON.stringify(tf)).not.toContain('"region"');
  });

  it("switches between RDS and Aurora with count, so the primary's address is fixed", () => {
    const rds = "${local.is_aurora ? 0 : 1}";
    const aurora = "${local.is_aurora ? 1 : 0}";
    expect(res.aws_db_instance.this.count).toBe(rds);
    expect(res.aws_db_parameter_group.this.count).toBe(rds);
    expect(res.aws_rds_cluster.this.count).toBe(aurora);
    expect(res.aws_rds_cluster_instance.writer.count).toBe(aurora);
    expect(res.aws_rds_cluster_parameter_group.this.count).toBe(aurora);
    expect(tf.locals.is_aurora).toBe("${local.engine.aurora}");
    for (const engine of ENGINES) {
      expect(tf.locals.engines[engine].aurora).toBe(ENGINE_TRAITS[engine].aurora);
    }
  });

  it("keys replicas and readers by name, so adding one never moves another", () => {
    expect(res.aws_db_instance.replica.for_each).toBe("${local.replicas}");
    expect(tf.locals.replicas).toContain('"replica-${i}" => (');
    expect(res.aws_db_instance.replica.replicate_source_db).toBe(
      "${aws_db_instance.this[0].identifier}",
    );
    expect(res.aws_rds_cluster_instance.reader.for_each).toBe("${local.readers}");
    expect(tf.locals.readers).toContain('"reader-${i}" => i');
    // The first instance of a cluster becomes the writer: readers must come after it.
    expect(res.aws_rds_cluster_instance.reader.depends_on).toContain(
      "aws_rds_cluster_instance.writer",
    );
    expect(res.aws_cloudwatch_log_group.replica.for_each).toContain('"${p[0]}/${p[1]}"');
  });

  it("encrypts everything with one key and manages the master password", () => {
    for (const db of [res.aws_db_instance.this, res.aws_rds_cluster.this]) {
      expect(db).toMatchObject({
        storage_encrypted: true,
        kms_key_id: "${local.kms_key_arn}",
        manage_master_user_password: true,
        master_user_secret_kms_key_id: "${local.kms_key_arn}",
        deletion_protection: "${var.deletion_protection}",
        skip_final_snapshot: false,
        final_snapshot_identifier: "${var.name}-final",
        copy_tags_to_snapshot: true,
        delete_automated_backups: false,
        iam_database_authentication_enabled: "${var.iam_database_authentication_enabled}",
      });
      expect(db.password).toBeUndefined();
      expect(db.master_password).toBeUndefined();
    }
    expect(tf.locals.kms_key_arn).toBe(
      "${var.kms_key_arn != null ? var.kms_key_arn : one(aws_kms_key.this[*].arn)}",
    );
  });

  it("never makes an instance public and keeps minor versions patched", () => {
    for (const instance of [
      res.aws_db_instance.this,
      res.aws_db_instance.replica,
      res.aws_rds_cluster_instance.writer,
      res.aws_rds_cluster_instance.reader,
    ]) {
      expect(instance).toMatchObject({
        publicly_accessible: false,
        auto_minor_version_upgrade: true,
        apply_immediately: "${var.apply_immediately}",
        performance_insights_enabled: "${var.performance_insights_enabled}",
        performance_insights_kms_key_id:
          "${var.performance_insights_enabled ? local.kms_key_arn : null}",
        monitoring_interval: "${var.monitoring_interval}",
        monitoring_role_arn: "${one(aws_iam_role.monitoring[*].arn)}",
      });
    }
    expect(res.aws_db_instance.this.multi_az).toBe("${var.multi_az}");
  });

  it("creates a customer-managed key with rotation and no all-actions statement", () => {
    const key = res.aws_kms_key.this;
    expect(key).toMatchObject({
      count: "${var.kms_key_arn == null ? 1 : 0}",
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    const policy = JSON.parse(key.policy);
    const [account, logs] = policy.Statement;
    expect(account.Principal.AWS).toBe(
      "arn:${data.aws_partition.current.partition}:iam::${var.account_id}:root",
    );
    expect(account.Action).toEqual([...KMS_ACCOUNT_ACTIONS]);
    for (const s of policy.Statement) {
      expect([s.Action].flat()).not.toContain("kms:*");
      expect([s.Action].flat()).not.toContain("*");
    }
    expect(logs.Principal.Service).toBe(
      "logs.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}",
    );
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toMatch(
      /:log-group:\/aws\/rds\/\*$/,
    );
    expect(res.aws_kms_alias.this.name).toBe("alias/${var.name}-database");
  });

  it("forces TLS in the parameter groups, where `parameters` cannot undo it", () => {
    expect(tf.locals.engines.postgres.tls_parameters).toEqual({ "rds.force_ssl": "1" });
    expect(tf.locals.engines["aurora-postgresql"].tls_parameters).toEqual({
      "rds.force_ssl": "1",
    });
    expect(tf.locals.engines.mysql.tls_parameters).toEqual({ require_secure_transport: "ON" });
    expect(tf.locals.engines["aurora-mysql"].tls_parameters).toEqual({
      require_secure_transport: "ON",
    });
    expect(tf.locals.parameters).toBe(
      "${merge(local.engine.log_parameters, var.parameters, local.engine.tls_parameters)}",
    );
    for (const group of [
      res.aws_db_parameter_group.this,
      res.aws_rds_cluster_parameter_group.this,
    ]) {
      expect(group.dynamic.parameter.for_each).toBe("${local.parameters}");
      expect(group.family).toBe("${local.parameter_group_family}");
      expect(group.lifecycle).toEqual({ create_before_destroy: true });
    }
    expect(res.aws_db_instance.this.parameter_group_name).toBe(
      "${aws_db_parameter_group.this[0].name}",
    );
    expect(res.aws_rds_cluster.this.db_cluster_parameter_group_name).toBe(
      "${aws_rds_cluster_parameter_group.this[0].name}",
    );
  });

  it("admits the database port only from the declared security groups, with no egress", () => {
    const sg = res.aws_security_group.this;
    expect(sg.vpc_id).toBe("${var.vpc_id}");
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(res.aws_vpc_security_group_egress_rule).toBeUndefined();
    const rule = res.aws_vpc_security_group_ingress_rule.client;
    expect(rule).toMatchObject({
      for_each: "${var.allowed_security_group_ids}",
      referenced_security_group_id: "${each.value}",
      from_port: "${local.port}",
      to_port: "${local.port}",
      ip_protocol: "tcp",
    });
    expect(rule.description).toContain("${each.key}");
    expect(rule.cidr_ipv4).toBeUndefined();
  });

  it("exports logs into groups it creates first, with retention", () => {
    const group = res.aws_cloudwatch_log_group.this;
    expect(group.retention_in_days).toBe("${var.log_retention_days}");
    expect(group.kms_key_id).toContain("var.log_kms_key_arn");
    expect(res.aws_db_instance.this.depends_on).toContain("aws_cloudwatch_log_group.this");
    expect(res.aws_db_instance.replica.depends_on).toContain("aws_cloudwatch_log_group.replica");
    expect(res.aws_rds_cluster.this.depends_on).toContain("aws_cloudwatch_log_group.this");
    expect(res.aws_rds_cluster.this.enabled_cloudwatch_logs_exports).toBe("${local.log_exports}");
    expect(tf.locals.engines.postgres.log_exports).toEqual(["postgresql", "upgrade"]);
  });

  it("creates the enhanced-monitoring role only when monitoring is on", () => {
    expect(res.aws_iam_role.monitoring.count).toBe("${var.monitoring_interval > 0 ? 1 : 0}");
    expect(
      JSON.parse(res.aws_iam_role.monitoring.assume_role_policy).Statement[0].Principal,
    ).toEqual({ Service: "monitoring.rds.amazonaws.com" });
    expect(res.aws_iam_role_policy_attachment.monitoring.policy_arn).toMatch(
      /:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/,
    );
  });

  it("supports Aurora Serverless v2 through a dynamic block", () => {
    expect(res.aws_rds_cluster.this.dynamic.serverlessv2_scaling_configuration.for_each).toBe(
      "${var.serverless_v2 == null ? [] : [var.serverless_v2]}",
    );
    expect(res.aws_rds_cluster_instance.writer.instance_class).toBe(
      '${var.serverless_v2 != null ? "db.serverless" : var.instance_class}',
    );
  });

  it("validates its inputs, including across variables", () => {
    expect(conditions("engine")).toContain('"aurora-postgresql"');
    for (const engine of ENGINES) {
      expect(conditions("engine_version")).toContain(
        JSON.stringify(ENGINE_TRAITS[engine].versionPattern),
      );
    }
    expect(conditions("read_replica_count")).toContain('startswith(var.engine, "aurora-")');
    expect(messages("read_replica_count")).toMatch(/Aurora scales reads with readers/);
    expect(conditions("reader_count")).toContain('startswith(var.engine, "aurora-")');
    expect(conditions("serverless_v2")).toContain('startswith(var.engine, "aurora-")');
    expect(conditions("backup_retention_period")).toContain("<= 35");
    expect(conditions("monitoring_interval")).toContain("[0,1,5,10,15,30,60]");
    expect(conditions("allocated_storage")).toContain(">= 20");
    expect(conditions("account_id")).toContain("[0-9]{12}");
    expect(conditions("kms_key_arn")).toContain("var.kms_key_arn == null ? true");
    expect(conditions("enabled_cloudwatch_logs_exports")).toContain("setsubtract");
    for (const [name, v] of Object.entries(tf.variable) as [string, any][]) {
      expect([name, typeof v.description, typeof v.type]).toEqual([name, "string", "string"]);
    }
    expect(tf.variable.deletion_protection.default).toBe(true);
    expect(tf.variable.backup_retention_period.default).toBe(7);
    expect(tf.variable.multi_az.default).toBe(true);
  });

  it("takes storage type and IOPS, and names replicas with their AZs", () => {
    expect(res.aws_db_instance.this).toMatchObject({
      storage_type: "${var.storage_type}",
      iops: "${var.iops}",
      max_allocated_storage: "${var.max_allocated_storage}",
      backup_window: "${var.preferred_backup_window}",
      maintenance_window: "${var.preferred_maintenance_window}",
      username: "${var.master_username}",
    });
    expect(tf.variable.storage_type.default).toBe("gp3");
    expect(conditions("storage_type")).toContain('"io1","io2"');
    expect(messages("iops")).toMatch(/iops must be set for io1\/io2/);
    expect(tf.locals.replicas).toContain(
      "length(var.read_replicas) > 0 ? { for k, r in var.read_replicas : k => r.availability_zone",
    );
    expect(res.aws_db_instance.replica.availability_zone).toBe("${each.value}");
    expect(tf.variable.read_replicas.type).toBe(
      "map(object({ availability_zone = optional(string) }))",
    );
  });

  it("refuses the master user names each engine reserves, but not admin", () => {
    for (const engine of ENGINES) {
      expect(conditions("master_username")).toContain(
        JSON.stringify(ENGINE_TRAITS[engine].reservedUsernames),
      );
      expect(ENGINE_TRAITS[engine].reservedUsernames).toContain("rdsadmin");
      expect(ENGINE_TRAITS[engine].reservedUsernames).not.toContain("admin");
    }
    expect(messages("master_username")).toContain("mysql rdsadmin, rdsrepladmin");
  });

  it("wires its outputs to the resources that make them", () => {
    expect(tf.output.endpoint.value).toBe(
      "${local.is_aurora ? one(aws_rds_cluster.this[*].endpoint) : one(aws_db_instance.this[*].address)}",
    );
  });

  it("documents the data-protection caveats in the README", () => {
    const readme = files["README.md"]!;
    expect(readme).toContain("## Design notes");
    expect(readme).toContain("prevent_destroy");
    expect(readme).toContain("| `allowed_security_group_ids` |");
  });
});

describe("customerManagedKey (core/kms.ts)", () => {
  it("creates an unconditional key and alias with its own partition lookup", () => {
    const stack = new ReadableStack(Testing.app(), "kms");
    const key = customerManagedKey(
      stack,
      "queue",
      [{ sid: "SqsUsesKey", service: "sqs.amazonaws.com" }],
      {
        description: "queue key",
        accountId: "123456789012",
        alias: "orders-queue",
      },
    );
    new TerraformOutput(stack, "arn", { value: expr.string(`[${key.arnExpression}]`) });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.output.arn.value).toBe("${[aws_kms_key.queue.arn]}");
    const created = synthesized.resource.aws_kms_key.queue;
    expect(created.count).toBeUndefined();
    expect(created.enable_key_rotation).toBe(true);
    const [, service] = JSON.parse(created.policy).Statement;
    expect(service).toMatchObject({
      Sid: "SqsUsesKey",
      Principal: { Service: "sqs.amazonaws.com" },
    });
    expect(service.Condition).toBeUndefined();
    expect(synthesized.resource.aws_kms_alias.queue).toMatchObject({
      name: "alias/orders-queue",
      target_key_id: "${aws_kms_key.queue.key_id}",
    });
    expect(Object.keys(synthesized.data.aws_partition)).toEqual(["current"]);
  });
});
