/**
 * The repositories' policies as Terraform expressions over `var.*` and `each.value`. Kept apart
 * so tests read the rules as written.
 */

/** Untagged images expire after N days; of the tagged ones the newest N stay (per repository). */
export const lifecyclePolicy = `jsonencode({
  rules = [
    {
      rulePriority = 1
      description  = "Expire untagged images after \${local.untagged_expiry_days[each.key]} days"
      selection = {
        tagStatus   = "untagged"
        countType   = "sinceImagePushed"
        countUnit   = "days"
        countNumber = local.untagged_expiry_days[each.key]
      }
      action = { type = "expire" }
    },
    {
      rulePriority = 2
      description  = "Keep the last \${local.keep_tagged_images[each.key]} tagged images"
      selection = {
        tagStatus      = "tagged"
        tagPatternList = ["*"]
        countType      = "imageCountMoreThan"
        countNumber    = local.keep_tagged_images[each.key]
      }
      action = { type = "expire" }
    },
  ]
})`;

/** What other accounts may do: pull, nothing else. */
export const PULL_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
] as const;

/** Pull, and only pull, for the named accounts (each.value: their IDs); never a `*` principal. */
export const pullPolicy = `jsonencode({
  Version = "2012-10-17"
  Statement = [
    {
      Sid       = "NamedAccountsPull"
      Effect    = "Allow"
      Principal = { AWS = [for a in each.value : "arn:\${data.aws_partition.current.partition}:iam::\${a}:root"] }
      Action    = ${JSON.stringify(PULL_ACTIONS)}
    },
  ]
})`;
