/** The README's design notes for `ecr`. */
export const ECR_NOTES = `## Design notes

- **Addresses are keyed by repository name**: \`aws_ecr_repository.this["shop/orders"]\`,
  \`aws_ecr_lifecycle_policy.this["shop/orders"]\`,
  \`aws_ecr_repository_policy.cross_account_pull["shop/orders"]\` (only for repositories some other
  account may pull from). Adding a repository adds its resources and touches no other.
- **Immutable tags** (\`IMMUTABLE\`, not an input): a tag names one image forever, so a task
  definition or an appspec that names \`:1.4.2\` always runs the same bytes, and a compromised
  pipeline cannot re-point a tag production already runs. Build pipelines push a new tag per build
  (the commit SHA) and deploy by digest. Tag-mutability exclusion filters need provider 6.8+ and
  are not used while the module supports 5.100.
- **Scan on push** (basic scanning) for every repository. **Enhanced scanning** (Amazon
  Inspector: continuous, OS and language packages) is a registry-wide setting, one per account
  and Region, so it does not belong in a module called once per environment; set it once in the
  bootstrap root that also holds the github-oidc module:

  \`\`\`hcl
  resource "aws_ecr_registry_scanning_configuration" "this" {
    scan_type = "ENHANCED"
    rule {
      scan_frequency = "CONTINUOUS_SCAN"
      repository_filter {
        filter      = "*"
        filter_type = "WILDCARD"
      }
    }
  }
  \`\`\`

  With enhanced scanning on, the registry's rule replaces each repository's \`scan_on_push\`
  (which then has no effect).
- **Encryption** with a customer-managed key (\`aws_kms_key.this[0]\`, rotation on, alias
  \`alias/<name>-ecr\`) unless \`kms_key_arn\` is given. ECR uses the key through a grant it
  creates in the repository creator's name (the apply role may create grants for AWS services).
  The encryption of a repository cannot change: a new key means new repositories.
- **Lifecycle policy** per repository: untagged images expire after \`untagged_expiry_days\`
  (rule 1); of the tagged images the newest \`keep_tagged_images\` stay (rule 2, every tag,
  \`tagPatternList = ["*"]\`). A repository may set either number for itself; the inputs are the
  defaults. Keep the rollback window in mind: an image older than the last N
  cannot be redeployed, and a task definition revision naming it fails to start.
- **Cross-account pull only for named accounts**: \`pull_account_ids\` (every repository) plus
  each repository's own list, as \`arn:<partition>:iam::<account>:root\` principals with only
  \`ecr:BatchGetImage\`, \`ecr:GetDownloadUrlForLayer\` and \`ecr:BatchCheckLayerAvailability\`.
  Validation accepts 12-digit account IDs only, so a \`*\` principal cannot be written. The other
  account still has to grant its own roles the same actions on these ARNs. Principals of this
  account need no repository policy: the ecs-service execution role and the pipeline's build
  role are granted their repository by ARN in their own policies.
- **\`force_delete\` false** by default: destroying a repository that holds images fails.

## Not included

Replication to other Regions or accounts (a registry-wide setting like enhanced scanning),
pull-through caches, and the registry policy.`;
