import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { moduleKey } from "../core/module-key";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { lifecyclePolicy, pullPolicy } from "./policies";
import { ecrSpec } from "./spec";

/** Generates `terraform-modules/ecr`; see `spec.ts` for its interface and `notes.ts` for the design. */
export class EcrModuleStack extends ModuleStack<typeof ecrSpec.inputs, typeof ecrSpec.outputs> {
  constructor(scope: Construct) {
    super(scope, ecrSpec);
    const locals = new TransparentScope(this, "locals");
    new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    // No service principal in the key policy: ECR uses the key through a grant it creates in
    // the name of whoever creates the repository.
    const kmsKeyArn = moduleKey(this, locals, [], {
      description: "Encrypts the ECR repositories of ${var.name}",
      alias: "${var.name}-ecr",
      tags: tagsWithName("${var.name}-ecr"),
    });

    // Each repository's own lifecycle numbers, else the module's.
    for (const field of ["untagged_expiry_days", "keep_tagged_images"])
      new TerraformLocal(
        locals,
        field,
        expr.any(`{ for k, r in var.repositories : k => coalesce(r.${field}, var.${field}) }`),
      );

    const repositories = TerraformIterator.fromMap(expr.map("var.repositories"));
    new EcrRepository(this.scopeFor(EcrRepository), "this", {
      forEach: repositories,
      name: "${each.key}",
      // A tag names one image forever: deployments by tag are reproducible and cannot be
      // redirected by a later push.
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: kmsKeyArn }],
      forceDelete: this.vars.force_delete,
      tags: tagsWithName("${each.key}"),
    });
    new EcrLifecyclePolicy(this.scopeFor(EcrLifecyclePolicy), "this", {
      forEach: repositories,
      repository: "${aws_ecr_repository.this[each.key].name}",
      policy: expr.string(lifecyclePolicy),
    });
    new EcrRepositoryPolicy(this.scopeFor(EcrRepositoryPolicy), "cross_account_pull", {
      forEach: TerraformIterator.fromMap(
        expr.map(
          "{ for k, r in var.repositories : k => sort(distinct(concat(var.pull_account_ids, r.pull_account_ids))) if length(concat(var.pull_account_ids, r.pull_account_ids)) > 0 }",
        ),
      ),
      repository: "${aws_ecr_repository.this[each.key].name}",
      policy: expr.string(pullPolicy),
    });

    this.exportOutputs({
      repository_arns: expr.map("{ for k, r in aws_ecr_repository.this : k => r.arn }"),
      repository_urls: expr.map("{ for k, r in aws_ecr_repository.this : k => r.repository_url }"),
      registry_id: expr.string("one(distinct([for r in aws_ecr_repository.this : r.registry_id]))"),
      kms_key_arn: kmsKeyArn,
    });
  }
}
