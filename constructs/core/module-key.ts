import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr } from "./expressions";
import { customerManagedKey, CustomerManagedKeyOptions, KmsServicePrincipal } from "./kms";
import { optional } from "./module-spec";
import { ReadableStack } from "./readable-stack";
import { tf } from "./tf-types";
import { validate } from "./validations";

/**
 * The `account_id` and `kms_key_arn` inputs of a module that encrypts with its own
 * customer-managed key unless the caller passes one; `account_id` is needed only for the key
 * policy of the key the module creates. `keyPolicyNote` says what an existing key must allow.
 */
export function moduleKeyInputs(encrypts: string, keyPolicyNote = "") {
  return {
    account_id: optional(
      tf.string,
      null,
      "AWS account ID, for the policy of the KMS key the module creates. Required unless " +
        "`kms_key_arn` is set.",
      {
        validation: [
          {
            condition: 'var.account_id == null || can(regex("^[0-9]{12}$", var.account_id))',
            errorMessage: "account_id must be null or a 12-digit AWS account ID.",
            rejects: { value: "1234" },
          },
          {
            condition: "var.account_id != null || var.kms_key_arn != null",
            errorMessage:
              "account_id is required when kms_key_arn is null: the module creates the key and its policy names the account.",
            rejects: { value: null, alongside: { kms_key_arn: null } },
          },
        ],
      },
    ),
    kms_key_arn: optional(
      tf.string,
      null,
      `Existing KMS key for ${encrypts}. Default null: the module creates one with rotation on.` +
        (keyPolicyNote ? ` ${keyPolicyNote}` : ""),
      { validation: [validate.optionalArn("kms_key_arn", "kms")] },
    ),
  };
}

/**
 * Creates the module's key (`aws_kms_key.this`) when `var.kms_key_arn` is null and declares
 * `local.kms_key_arn`, the key in use either way. Returns a reference to that local.
 */
export function moduleKey(
  stack: ReadableStack,
  locals: Construct,
  principals: readonly KmsServicePrincipal[],
  options: Pick<CustomerManagedKeyOptions, "description" | "alias" | "tags">,
): string {
  const { key } = customerManagedKey(stack, "this", principals, {
    ...options,
    accountId: "${var.account_id}",
    createIf: "var.kms_key_arn == null",
  });
  new TerraformLocal(
    locals,
    "kms_key_arn",
    expr.string(`var.kms_key_arn != null ? var.kms_key_arn : one(${key.fqn}[*].arn)`),
  );
  return "${local.kms_key_arn}";
}
