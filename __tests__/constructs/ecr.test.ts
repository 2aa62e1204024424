import { generateModules } from "../../constructs/core/generate";
import { MODULE_MAIN_FILE } from "../../constructs/core/module-renderer";
import { EcrModuleStack } from "../../constructs/ecr";
import { PULL_ACTIONS } from "../../constructs/ecr/policies";
import { scenarioPlan } from "../support/module-scenarios";
import { addresses, after, changes } from "../support/plan";
import { describeTerraform } from "../support/terraform-suite";

const files = generateModules([EcrModuleStack]).get("ecr")!;
const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
const r = tf.resource;

describe("ecr module", () => {
  it("keys every repository resource by repository name", () => {
    expect(r.aws_ecr_repository.this.for_each).toBe("${var.repositories}");
    expect(r.aws_ecr_lifecycle_policy.this.for_each).toBe("${var.repositories}");
    expect(r.aws_ecr_repository_policy.cross_account_pull.for_each).toContain(
      "for k, r in var.repositories : k =>",
    );
    expect(JSON.stringify(r)).not.toMatch(/"count":\s*"\$\{length\(var\.repositories/);
  });

  it("makes repositories immutable, scanned on push and KMS-encrypted", () => {
    expect(r.aws_ecr_repository.this).toMatchObject({
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "KMS", kms_key: "${local.kms_key_arn}" }],
      force_delete: "${var.force_delete}",
    });
    expect(r.aws_kms_key.this).toMatchObject({
      count: "${var.kms_key_arn == null ? 1 : 0}",
      enable_key_rotation: true,
    });
    expect(tf.variable.force_delete.default).toBe(false);
  });

  it("lets only named accounts pull, with the pull actions only", () => {
    const policy: string = r.aws_ecr_repository_policy.cross_account_pull.policy;
    expect(policy).toContain(':iam::${a}:root"] }');
    expect(policy).toContain(JSON.stringify(PULL_ACTIONS));
    expect(policy).not.toMatch(/Principal\s*=\s*"\*"/);
    expect(policy).not.toMatch(/ecr:\*|"\*"/);
  });

  it("documents enhanced scanning for the bootstrap root", () => {
    expect(files["README.md"]).toContain('resource "aws_ecr_registry_scanning_configuration"');
  });
});

describeTerraform("ecr module, planned with real Terraform", () => {
  it("plans the lifecycle rules and the pull policy per repository", () => {
    const plan = scenarioPlan("ecr");
    expect(addresses(plan, "aws_ecr_repository")).toEqual([
      'module.ecr.aws_ecr_repository.this["shop/orders"]',
      'module.ecr.aws_ecr_repository.this["shop/web"]',
    ]);
    const [lifecycle] = changes(plan, "aws_ecr_lifecycle_policy");
    const rules = JSON.parse(after(lifecycle!).policy).rules;
    expect(rules.map((rule: any) => rule.selection)).toEqual([
      { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
      {
        tagStatus: "tagged",
        tagPatternList: ["*"],
        countType: "imageCountMoreThan",
        countNumber: 30,
      },
    ]);
    // A repository's own number wins over the module's.
    const web = changes(plan, "aws_ecr_lifecycle_policy").find((c) => c.index === "shop/web")!;
    expect(JSON.parse(after(web).policy).rules[1].selection.countNumber).toBe(100);
    const policies = Object.fromEntries(
      changes(plan, "aws_ecr_repository_policy").map((c) => [
        c.index,
        JSON.parse(after(c).policy).Statement[0].Principal.AWS,
      ]),
    );
    expect(policies).toEqual({
      "shop/orders": ["arn:aws:iam::111122223333:root"],
      "shop/web": ["arn:aws:iam::111122223333:root", "arn:aws:iam::210987654321:root"],
    });
  });
});
