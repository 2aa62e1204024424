import { AppSecretsModuleStack } from "../../constructs/app-secrets";
import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";

const files = generateModules([AppSecretsModuleStack]).get("app-secrets")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;

describe("app-secrets module", () => {
  it("creates empty secrets keyed by name, never a value", () => {
    expect(Object.keys(r).sort()).toEqual([
      "aws_kms_alias",
      "aws_kms_key",
      "aws_secretsmanager_secret",
      "aws_secretsmanager_secret_policy",
    ]);
    expect(r.aws_secretsmanager_secret_version).toBeUndefined();
    expect(r.aws_secretsmanager_secret.this).toMatchObject({
      for_each: "${var.secrets}",
      name: "${var.name}/${each.key}",
      recovery_window_in_days: "${var.recovery_window_days}",
    });
  });

  it("encrypts them with a rotated customer-managed key of its own", () => {
    expect(r.aws_secretsmanager_secret.this.kms_key_id).toBe("${aws_kms_key.this.arn}");
    expect(r.aws_kms_key.this.enable_key_rotation).toBe(true);
    expect(r.aws_kms_alias.this.name).toBe("alias/${var.name}-secrets");
  });

  it("denies reading to everyone but the readers, and every request without TLS", () => {
    const policy = r.aws_secretsmanager_secret_policy.this;
    expect(policy.block_public_policy).toBe(true);
    expect(policy.policy).toContain('Sid       = "DenyReadingButReaders"');
    expect(policy.policy).toContain('Action    = "secretsmanager:GetSecretValue"');
    expect(policy.policy).toContain(
      'ArnNotEquals = { "aws:PrincipalArn" = lookup(var.readers, each.key, []) }',
    );
    expect(policy.policy).toContain('Bool = { "aws:SecureTransport" = "false" }');
    expect(policy.policy).not.toContain('Effect    = "Allow"');
  });

  it("documents how values are set outside Terraform", () => {
    expect(files["README.md"]).toContain("aws secretsmanager put-secret-value");
    expect(tf.variable.recovery_window_days.default).toBe(30);
  });
});
