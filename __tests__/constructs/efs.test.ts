import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { EfsModuleStack } from "../../constructs/efs";

const files = generateModules([EfsModuleStack]).get("efs")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;
const policy = r.aws_efs_file_system_policy.this.policy as string;
const messages = (name: string): string[] =>
  tf.variable[name].validation.map((v: { error_message: string }) => v.error_message);

describe("efs module", () => {
  it("is a standalone module with readable addresses and no 6.x-only arguments", () => {
    expect(tf.terraform.required_providers.aws.version).toBe(">= 5.100.0, < 7.0.0");
    expect(tf.provider).toBeUndefined();
    const names = Object.values(r as Record<string, object>).flatMap((byName) =>
      Object.keys(byName),
    );
    expect([...new Set(names)].sort()).toEqual(["clients", "this"]);
    expect(JSON.stringify(r)).not.toMatch(/"region":/);
  });

  it("keys mount targets by AZ and access points by name through for_each", () => {
    expect(r.aws_efs_mount_target.this).toMatchObject({
      for_each: "${var.subnet_ids_by_az}",
      subnet_id: "${each.value}",
      security_groups: ["${aws_security_group.this.id}"],
    });
    expect(r.aws_efs_access_point.this.for_each).toBe("${var.access_points}");
    expect(r.aws_efs_mount_target.this.count).toBeUndefined();
  });

  it("encrypts with KMS, backs up, and moves cold files to IA and back", () => {
    expect(r.aws_efs_file_system.this).toMatchObject({
      encrypted: true,
      kms_key_id: "${local.kms_key_arn}",
      creation_token: "${var.name}",
    });
    expect(r.aws_kms_key.this.enable_key_rotation).toBe(true);
    expect(r.aws_efs_backup_policy.this.backup_policy.status).toBe("ENABLED");
    const lifecycle = r.aws_efs_file_system.this.dynamic.lifecycle_policy;
    expect(lifecycle.map((b: any) => Object.keys(b.content)[0])).toEqual([
      "transition_to_ia",
      "transition_to_primary_storage_class",
    ]);
  });

  it("pins every access point to its own directory and non-root POSIX user", () => {
    const ap = r.aws_efs_access_point.this;
    expect(ap.posix_user).toEqual({ uid: "${each.value.uid}", gid: "${each.value.gid}" });
    expect(ap.root_directory).toEqual({
      path: "${each.value.path}",
      creation_info: {
        owner_uid: "${each.value.uid}",
        owner_gid: "${each.value.gid}",
        permissions: "${each.value.permissions}",
      },
    });
    expect(tf.variable.access_points.type).toContain('permissions = optional(string, "0750")');
    expect(messages("access_points").join(" ")).toMatch(/below \/.*uid .*never root.*gid/);
  });

  it("denies non-TLS access and grants mount/write only through access points", () => {
    expect(policy).toContain('"aws:SecureTransport" = "false"');
    expect(policy).toContain("Principal = { AWS = var.client_role_arns }");
    expect(policy).toContain(
      '"elasticfilesystem:AccessPointArn" = values(aws_efs_access_point.this)[*].arn',
    );
    expect(policy).toContain('"elasticfilesystem:AccessedViaMountTarget" = "true"');
    const allow = policy.slice(policy.indexOf("ClientRolesMountThroughAccessPoints"));
    expect(allow).not.toContain("ClientRootAccess");
  });

  it("admits NFS only from named security groups, one described rule per name", () => {
    const rule = r.aws_vpc_security_group_ingress_rule.clients;
    expect(rule).toMatchObject({
      for_each: "${var.allowed_security_group_ids}",
      referenced_security_group_id: "${each.value}",
      from_port: 2049,
      to_port: 2049,
      ip_protocol: "tcp",
    });
    expect(rule.description).toContain("${each.key}");
    expect(r.aws_security_group.this.ingress).toBeUndefined();
    expect(r.aws_security_group.this.egress).toBeUndefined();
  });

  it("validates modes, subnets and roles", () => {
    expect(messages("performance_mode")).toContain(
      "performance_mode maxIO cannot be used with throughput_mode elastic.",
    );
    expect(messages("provisioned_throughput_in_mibps")[0]).toMatch(/when \(and only when\)/);
    expect(messages("subnet_ids_by_az").join(" ")).toMatch(/AZ names .* subnet IDs/);
    expect(messages("client_role_arns")[0]).toMatch(/IAM role ARNs/);
  });

  it("wires its outputs to the resources that make them", () => {
    expect(tf.output.access_point_ids.value).toBe(
      "${{ for name, ap in aws_efs_access_point.this : name => ap.id }}",
    );
  });

  it("documents how ecs-service mounts it", () => {
    expect(files["README.md"]).toContain('transit_encryption = "ENABLED"');
    expect(files["README.md"]).toContain('iam             = "ENABLED"');
  });
});
