import { CacheModuleStack } from "../../constructs/cache";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";

const files = generateModules([CacheModuleStack]).get("cache")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;
const group = r.aws_elasticache_replication_group.this;
const messages = (name: string): string[] =>
  tf.variable[name].validation.map((v: { error_message: string }) => v.error_message);

describe("cache module", () => {
  it("is a standalone module with readable addresses and no 6.x-only arguments", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    const names = Object.values(r as Record<string, object>).flatMap((byName) =>
      Object.keys(byName),
    );
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(Object.keys(r.aws_cloudwatch_log_group).sort()).toEqual(["engine_log", "slow_log"]);
    expect(JSON.stringify(r)).not.toMatch(/"region":/);
    expect(tf.data).toEqual({ aws_partition: expect.anything(), aws_region: expect.anything() });
  });

  it("encrypts at rest with KMS and in transit with TLS required", () => {
    expect(group).toMatchObject({
      at_rest_encryption_enabled: "true",
      kms_key_id: "${local.kms_key_arn}",
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
      port: 6379,
    });
    expect(tf.locals.kms_key_arn).toBe(
      "${var.kms_key_arn != null ? var.kms_key_arn : one(aws_kms_key.this[*].arn)}",
    );
    expect(r.aws_kms_key.this).toMatchObject({
      count: "${var.kms_key_arn == null ? 1 : 0}",
      enable_key_rotation: true,
    });
    const keyPolicy = JSON.parse(r.aws_kms_key.this.policy);
    expect(JSON.stringify(keyPolicy)).not.toContain('"kms:*"');
    expect(keyPolicy.Statement[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toMatch(
      /log-group:\$\{local\.log_group_prefix\}\/\*$/,
    );
  });

  it("generates the AUTH token in Terraform, keeps it stable and stores it encrypted", () => {
    const version = r.aws_secretsmanager_secret_version.auth_token;
    expect(version.secret_string).toBe('${replace("${uuid()}${uuid()}", "-", "")}');
    expect(version.lifecycle.ignore_changes).toEqual(["secret_string"]);
    expect(r.aws_secretsmanager_secret.auth_token.kms_key_id).toBe("${local.kms_key_arn}");
    expect(group.auth_token).toBe("${aws_secretsmanager_secret_version.auth_token.secret_string}");
    expect(group.auth_token_update_strategy).toBe("${var.auth_token_update_strategy}");
    // Rotation goes through a plan, so the group must not ignore token changes.
    expect(group.lifecycle).toBeUndefined();
  });

  it("admits 6379 only from named security groups, one described rule per name", () => {
    const rule = r.aws_vpc_security_group_ingress_rule.clients;
    expect(rule).toMatchObject({
      for_each: "${var.allowed_security_group_ids}",
      referenced_security_group_id: "${each.value}",
      ip_protocol: "tcp",
      from_port: 6379,
      to_port: 6379,
    });
    expect(rule.description).toContain("${each.key}");
    expect(rule.cidr_ipv4).toBeUndefined();
    expect(r.aws_security_group.this.ingress).toBeUndefined();
    expect(r.aws_security_group.this.egress).toBeUndefined();
    expect(r.aws_security_group.this.lifecycle).toEqual({ create_before_destroy: true });
    expect(r.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  it("delivers slow and engine logs to log groups with retention", () => {
    expect(
      group.log_delivery_configuration.map((c: { log_type: string }) => c.log_type).sort(),
    ).toEqual(["engine-log", "slow-log"]);
    for (const lg of Object.values(r.aws_cloudwatch_log_group) as any[]) {
      expect(lg.retention_in_days).toBe("${var.log_retention_days}");
      expect(lg.kms_key_id).toBe("${local.kms_key_arn}");
    }
  });

  it("names the parameter group after the engine family so major upgrades create it first", () => {
    const pg = r.aws_elasticache_parameter_group.this;
    expect(tf.locals.parameter_group_family).toBe(
      '${var.engine}${split(".", var.engine_version)[0]}',
    );
    expect(pg.name).toBe("${var.name}-${local.parameter_group_family}");
    expect(pg.lifecycle).toEqual({ create_before_destroy: true });
    expect(pg.dynamic.parameter.for_each).toBe("${var.parameters}");
  });

  it("validates the engine and the availability settings across variables", () => {
    expect(messages("engine")).toEqual(["engine must be one of: redis, valkey."]);
    expect(messages("automatic_failover_enabled")[0]).toMatch(/num_cache_clusters >= 2/);
    expect(tf.variable.multi_az_enabled.validation[0].condition).toBe(
      "${!var.multi_az_enabled || (var.automatic_failover_enabled && var.num_cache_clusters >= 2)}",
    );
    expect(messages("engine_version").join(" ")).toMatch(
      /major version 7 or later.*redis must be 7\.x/,
    );
    expect(messages("account_id")[1]).toMatch(/required when kms_key_arn is null/);
    expect(messages("num_cache_clusters")).toContain("num_cache_clusters must be between 1 and 6.");
  });

  it("defaults to the production shape", () => {
    expect(tf.variable.num_cache_clusters.default).toBe(2);
    expect(tf.variable.automatic_failover_enabled.default).toBe(true);
    expect(tf.variable.multi_az_enabled.default).toBe(true);
    expect(tf.variable.snapshot_retention_limit.default).toBe(7);
  });

  it("wires its outputs to the resources that make them", () => {
    expect(tf.output.member_clusters.value).toBe(
      "${sort(aws_elasticache_replication_group.this.member_clusters)}",
    );
  });
});
