import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretPolicy } from "@cdktf/provider-aws/lib/secretsmanager-secret-policy";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { customerManagedKey } from "../core/kms";
import { ModuleStack } from "../core/module-stack";
import { appSecretsSpec } from "./spec";

/**
 * Who may read a secret's value: only its readers (`aws:PrincipalArn`, which for an assumed role
 * is the role's ARN), and nobody over plain HTTP. HCL over `each.key`.
 */
const SECRET_POLICY = `jsonencode({
  Version = "2012-10-17"
  Statement = [
    merge({
      Sid       = "DenyReadingButReaders"
      Effect    = "Deny"
      Principal = "*"
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }, length(lookup(var.readers, each.key, [])) == 0 ? {} : {
      Condition = { ArnNotEquals = { "aws:PrincipalArn" = lookup(var.readers, each.key, []) } }
    }),
    {
      Sid       = "DenyWithoutTls"
      Effect    = "Deny"
      Principal = "*"
      Action    = "secretsmanager:*"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    },
  ]
})`;

/** Generates `terraform-modules/app-secrets`; see `spec.ts` for its interface. */
export class AppSecretsModuleStack extends ModuleStack<
  typeof appSecretsSpec.inputs,
  typeof appSecretsSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, appSecretsSpec);
    // Secrets Manager uses the key on its callers' behalf: IAM (the account root statement) decides who.
    const key = customerManagedKey(this, "this", [], {
      description: "Encrypts the application secrets of ${var.name}",
      accountId: "${var.account_id}",
      alias: "${var.name}-secrets",
      tags: tagsWithName("${var.name}-secrets"),
    });

    const secrets = TerraformIterator.fromMap(this.vars.secrets);
    const secret = new SecretsmanagerSecret(this.scopeFor(SecretsmanagerSecret), "this", {
      forEach: secrets,
      name: "${var.name}/${each.key}",
      description: secrets.getString("description"),
      kmsKeyId: key.arn,
      recoveryWindowInDays: this.vars.recovery_window_days,
      tags: tagsWithName("${var.name}/${each.key}"),
    });

    const policies = TerraformIterator.fromMap(this.vars.secrets);
    new SecretsmanagerSecretPolicy(this.scopeFor(SecretsmanagerSecretPolicy), "this", {
      forEach: policies,
      secretArn: expr.string(`${secret.fqn}[each.key].arn`),
      policy: expr.string(SECRET_POLICY),
      blockPublicPolicy: true,
    });

    this.exportOutputs({
      secret_arns: expr.map(`{ for k, s in ${secret.fqn} : k => s.arn }`) as Record<string, string>,
      secret_names: expr.map(`{ for k, s in ${secret.fqn} : k => s.name }`) as Record<
        string,
        string
      >,
      kms_key_arn: key.arn,
    });
  }
}
