/**
 * IAM actions of the CI roles, per service of the platform. Verb-prefix patterns
 * (`ec2:Describe*`) are used only where every action they match is read-only or belongs to a
 * service whose resources the platform owns; never `*` or `<service>:*`.
 */

/**
 * What `terraform plan` needs to refresh the platform's resources: describe/list/get metadata
 * only. Patterns that would also match data reads are spelled out instead: no
 * `s3:GetObject` outside the state, no `secretsmanager:GetSecretValue`, no `ssm:GetParameter`,
 * no ECR layer download, no `logs:GetLogEvents`.
 */
export const READ_ONLY_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  ec2: ["ec2:Describe*", "ec2:GetManagedPrefixListEntries"],
  elasticloadbalancing: ["elasticloadbalancing:Describe*"],
  ecs: ["ecs:Describe*", "ecs:List*"],
  rds: ["rds:Describe*", "rds:ListTagsForResource"],
  elasticache: ["elasticache:Describe*", "elasticache:List*"],
  elasticfilesystem: ["elasticfilesystem:Describe*", "elasticfilesystem:ListTagsForResource"],
  s3: ["s3:ListAllMyBuckets", "s3:GetAccountPublicAccessBlock"],
  logs: ["logs:Describe*", "logs:List*"],
  cloudwatch: ["cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*"],
  sns: ["sns:Get*", "sns:List*"],
  kms: ["kms:Describe*", "kms:Get*", "kms:List*"],
  iam: ["iam:Get*", "iam:List*"],
  // The secret's resource policy is metadata the provider refreshes; the value is never read.
  secretsmanager: [
    "secretsmanager:DescribeSecret",
    "secretsmanager:ListSecrets",
    "secretsmanager:GetResourcePolicy",
  ],
  ssm: ["ssm:DescribeParameters"],
  "application-autoscaling": [
    "application-autoscaling:Describe*",
    "application-autoscaling:ListTagsForResource",
  ],
  cloudtrail: ["cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*"],
  budgets: ["budgets:ViewBudget", "budgets:ListTagsForResource"],
  backup: ["backup:Describe*", "backup:Get*", "backup:List*"],
  wafv2: ["wafv2:Get*", "wafv2:List*"],
  cloudfront: ["cloudfront:Get*", "cloudfront:List*"],
  acm: ["acm:Describe*", "acm:List*"],
  route53: ["route53:Get*", "route53:List*"],
  servicediscovery: ["servicediscovery:Get*", "servicediscovery:List*"],
  codedeploy: ["codedeploy:Get*", "codedeploy:List*", "codedeploy:BatchGet*"],
  ecr: [
    "ecr:Describe*",
    "ecr:List*",
    "ecr:GetLifecyclePolicy",
    "ecr:GetRepositoryPolicy",
    "ecr:GetRegistryPolicy",
    "ecr:GetRegistryScanningConfiguration",
  ],
  sts: ["sts:GetCallerIdentity"],
};

/** API Gateway authorizes by HTTP method on the resource path; GET is its read-only action. */
export const API_GATEWAY_READ_ACTIONS = ["apigateway:GET"] as const;
export const API_GATEWAY_WRITE_ACTIONS = [
  "apigateway:POST",
  "apigateway:PUT",
  "apigateway:PATCH",
  "apigateway:DELETE",
] as const;

/**
 * What `terraform apply` needs to create, change and delete the resource types the platform's
 * modules create, on top of READ_ONLY_ACTIONS, in two groups so that each fits one managed
 * policy. IAM and S3 are separate (scoped to the project's names); resources are otherwise
 * `*`, because create calls have no ARN to scope to yet. Left out on purpose: CloudTrail
 * StopLogging/DeleteTrail and KMS DisableKeyRotation (turning audit or rotation off needs an
 * administrator), object deletion in buckets, secret values.
 */
export const NETWORK_MANAGE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  ec2: [
    "ec2:CreateTags",
    "ec2:DeleteTags",
    "ec2:CreateVpc",
    "ec2:DeleteVpc",
    "ec2:ModifyVpcAttribute",
    "ec2:CreateSubnet",
    "ec2:DeleteSubnet",
    "ec2:ModifySubnetAttribute",
    "ec2:CreateInternetGateway",
    "ec2:DeleteInternetGateway",
    "ec2:AttachInternetGateway",
    "ec2:DetachInternetGateway",
    "ec2:AllocateAddress",
    "ec2:ReleaseAddress",
    "ec2:AssociateAddress",
    "ec2:DisassociateAddress",
    "ec2:CreateNatGateway",
    "ec2:DeleteNatGateway",
    "ec2:CreateRouteTable",
    "ec2:DeleteRouteTable",
    "ec2:CreateRoute",
    "ec2:DeleteRoute",
    "ec2:ReplaceRoute",
    "ec2:AssociateRouteTable",
    "ec2:DisassociateRouteTable",
    "ec2:ReplaceRouteTableAssociation",
    "ec2:CreateVpcEndpoint",
    "ec2:DeleteVpcEndpoints",
    "ec2:ModifyVpcEndpoint",
    "ec2:CreateSecurityGroup",
    "ec2:DeleteSecurityGroup",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:AuthorizeSecurityGroupEgress",
    "ec2:RevokeSecurityGroupIngress",
    "ec2:RevokeSecurityGroupEgress",
    "ec2:ModifySecurityGroupRules",
    "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
    "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
    "ec2:CreateNetworkAcl",
    "ec2:DeleteNetworkAcl",
    "ec2:CreateNetworkAclEntry",
    "ec2:DeleteNetworkAclEntry",
    "ec2:ReplaceNetworkAclEntry",
    "ec2:ReplaceNetworkAclAssociation",
    "ec2:CreateFlowLogs",
    "ec2:DeleteFlowLogs",
  ],
  elasticloadbalancing: [
    "elasticloadbalancing:Create*",
    "elasticloadbalancing:Delete*",
    "elasticloadbalancing:Modify*",
    "elasticloadbalancing:AddTags",
    "elasticloadbalancing:RemoveTags",
    "elasticloadbalancing:SetSecurityGroups",
    "elasticloadbalancing:SetSubnets",
    "elasticloadbalancing:SetIpAddressType",
    "elasticloadbalancing:SetRulePriorities",
    "elasticloadbalancing:SetWebAcl",
    "elasticloadbalancing:AddListenerCertificates",
    "elasticloadbalancing:RemoveListenerCertificates",
  ],
  wafv2: [
    "wafv2:CreateWebACL",
    "wafv2:UpdateWebACL",
    "wafv2:DeleteWebACL",
    "wafv2:CreateIPSet",
    "wafv2:UpdateIPSet",
    "wafv2:DeleteIPSet",
    "wafv2:CreateRuleGroup",
    "wafv2:UpdateRuleGroup",
    "wafv2:DeleteRuleGroup",
    "wafv2:AssociateWebACL",
    "wafv2:DisassociateWebACL",
    "wafv2:PutLoggingConfiguration",
    "wafv2:DeleteLoggingConfiguration",
    "wafv2:TagResource",
    "wafv2:UntagResource",
  ],
  cloudfront: [
    "cloudfront:Create*",
    "cloudfront:Update*",
    "cloudfront:Delete*",
    "cloudfront:TagResource",
    "cloudfront:UntagResource",
  ],
  acm: [
    "acm:RequestCertificate",
    "acm:DeleteCertificate",
    "acm:GetCertificate",
    "acm:AddTagsToCertificate",
    "acm:RemoveTagsFromCertificate",
  ],
  // Cloud Map private namespaces create and delete their hosted zone in the caller's name.
  route53: [
    "route53:ChangeResourceRecordSets",
    "route53:ChangeTagsForResource",
    "route53:CreateHostedZone",
    "route53:DeleteHostedZone",
  ],
  servicediscovery: [
    "servicediscovery:CreatePrivateDnsNamespace",
    "servicediscovery:DeleteNamespace",
    "servicediscovery:CreateService",
    "servicediscovery:UpdateService",
    "servicediscovery:DeleteService",
    "servicediscovery:TagResource",
    "servicediscovery:UntagResource",
  ],
};

/** The workload half of the apply actions: compute, data, observability, delivery. */
export const WORKLOAD_MANAGE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  ecs: [
    "ecs:CreateCluster",
    "ecs:UpdateCluster",
    "ecs:UpdateClusterSettings",
    "ecs:DeleteCluster",
    "ecs:PutClusterCapacityProviders",
    "ecs:CreateService",
    "ecs:UpdateService",
    "ecs:DeleteService",
    "ecs:RegisterTaskDefinition",
    "ecs:DeregisterTaskDefinition",
    "ecs:TagResource",
    "ecs:UntagResource",
  ],
  rds: [
    "rds:Create*",
    "rds:Modify*",
    "rds:Delete*",
    "rds:RebootDBInstance",
    "rds:AddTagsToResource",
    "rds:RemoveTagsFromResource",
  ],
  elasticache: [
    "elasticache:Create*",
    "elasticache:Modify*",
    "elasticache:Delete*",
    "elasticache:IncreaseReplicaCount",
    "elasticache:DecreaseReplicaCount",
    "elasticache:AddTagsToResource",
    "elasticache:RemoveTagsFromResource",
  ],
  elasticfilesystem: [
    "elasticfilesystem:Create*",
    "elasticfilesystem:Delete*",
    "elasticfilesystem:Put*",
    "elasticfilesystem:Update*",
    "elasticfilesystem:TagResource",
    "elasticfilesystem:UntagResource",
  ],
  logs: [
    "logs:CreateLogGroup",
    "logs:DeleteLogGroup",
    "logs:PutRetentionPolicy",
    "logs:AssociateKmsKey",
    "logs:DisassociateKmsKey",
    "logs:TagResource",
    "logs:UntagResource",
    "logs:TagLogGroup",
    "logs:UntagLogGroup",
    "logs:PutResourcePolicy",
    "logs:DeleteResourcePolicy",
    // API Gateway access logs and WAF logging are set up through log deliveries.
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
  ],
  cloudwatch: [
    "cloudwatch:PutMetricAlarm",
    "cloudwatch:PutCompositeAlarm",
    "cloudwatch:DeleteAlarms",
    "cloudwatch:PutDashboard",
    "cloudwatch:DeleteDashboards",
    "cloudwatch:TagResource",
    "cloudwatch:UntagResource",
  ],
  sns: [
    "sns:CreateTopic",
    "sns:DeleteTopic",
    "sns:SetTopicAttributes",
    "sns:Subscribe",
    "sns:Unsubscribe",
    "sns:SetSubscriptionAttributes",
    "sns:TagResource",
    "sns:UntagResource",
  ],
  kms: [
    "kms:CreateKey",
    "kms:CreateAlias",
    "kms:UpdateAlias",
    "kms:DeleteAlias",
    "kms:UpdateKeyDescription",
    "kms:PutKeyPolicy",
    "kms:EnableKeyRotation",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
  ],
  // RDS-managed master passwords are created in the caller's name; values are never written here.
  secretsmanager: [
    "secretsmanager:CreateSecret",
    "secretsmanager:UpdateSecret",
    "secretsmanager:DeleteSecret",
    "secretsmanager:PutResourcePolicy",
    "secretsmanager:DeleteResourcePolicy",
    "secretsmanager:TagResource",
    "secretsmanager:UntagResource",
  ],
  "application-autoscaling": [
    "application-autoscaling:RegisterScalableTarget",
    "application-autoscaling:DeregisterScalableTarget",
    "application-autoscaling:PutScalingPolicy",
    "application-autoscaling:DeleteScalingPolicy",
    "application-autoscaling:PutScheduledAction",
    "application-autoscaling:DeleteScheduledAction",
    "application-autoscaling:TagResource",
    "application-autoscaling:UntagResource",
  ],
  cloudtrail: [
    "cloudtrail:CreateTrail",
    "cloudtrail:UpdateTrail",
    "cloudtrail:StartLogging",
    "cloudtrail:PutEventSelectors",
    "cloudtrail:PutInsightSelectors",
    "cloudtrail:AddTags",
    "cloudtrail:RemoveTags",
  ],
  budgets: ["budgets:ModifyBudget", "budgets:TagResource", "budgets:UntagResource"],
  backup: [
    "backup:CreateBackupVault",
    "backup:DeleteBackupVault",
    "backup:PutBackupVaultAccessPolicy",
    "backup:DeleteBackupVaultAccessPolicy",
    "backup:CreateBackupPlan",
    "backup:UpdateBackupPlan",
    "backup:DeleteBackupPlan",
    "backup:CreateBackupSelection",
    "backup:DeleteBackupSelection",
    "backup:TagResource",
    "backup:UntagResource",
    // Creating a vault mounts its storage in the caller's name.
    "backup-storage:MountCapsule",
  ],
  codedeploy: [
    "codedeploy:CreateApplication",
    "codedeploy:UpdateApplication",
    "codedeploy:DeleteApplication",
    "codedeploy:CreateDeploymentGroup",
    "codedeploy:UpdateDeploymentGroup",
    "codedeploy:DeleteDeploymentGroup",
    "codedeploy:CreateDeploymentConfig",
    "codedeploy:DeleteDeploymentConfig",
    "codedeploy:TagResource",
    "codedeploy:UntagResource",
  ],
  ecr: [
    "ecr:CreateRepository",
    "ecr:DeleteRepository",
    "ecr:PutLifecyclePolicy",
    "ecr:DeleteLifecyclePolicy",
    "ecr:SetRepositoryPolicy",
    "ecr:DeleteRepositoryPolicy",
    "ecr:PutImageScanningConfiguration",
    "ecr:PutImageTagMutability",
    "ecr:TagResource",
    "ecr:UntagResource",
  ],
};

/** Bucket configuration, read on the project's own buckets only. */
export const BUCKET_READ_ACTIONS = [
  "s3:GetBucket*",
  "s3:GetLifecycleConfiguration",
  "s3:GetEncryptionConfiguration",
  "s3:GetReplicationConfiguration",
  "s3:GetAccelerateConfiguration",
  // HeadBucket, which every bucket refresh starts with, is authorized as ListBucket.
  "s3:ListBucket",
] as const;

/** Bucket configuration the apply role may change on the project's own buckets. */
export const BUCKET_MANAGE_ACTIONS = [
  "s3:CreateBucket",
  "s3:DeleteBucket",
  "s3:PutBucket*",
  "s3:DeleteBucketPolicy",
  "s3:DeleteBucketOwnershipControls",
  "s3:PutLifecycleConfiguration",
  "s3:PutEncryptionConfiguration",
] as const;

/** Role writes the apply role may make to the project's roles (and never to its own). */
export const ROLE_WRITE_ACTIONS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
] as const;

/** Kept apart from ROLE_WRITE_ACTIONS: they carry a condition on the policy attached. */
export const ROLE_ATTACH_ACTIONS = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"] as const;

export const POLICY_WRITE_ACTIONS = [
  "iam:CreatePolicy",
  "iam:DeletePolicy",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:TagPolicy",
  "iam:UntagPolicy",
] as const;

/** Services the project's roles are handed to when the modules create them. */
export const PASS_ROLE_SERVICES = [
  "ecs-tasks.amazonaws.com",
  "vpc-flow-logs.amazonaws.com",
  "monitoring.rds.amazonaws.com",
  "codedeploy.amazonaws.com",
  "backup.amazonaws.com",
  "cloudtrail.amazonaws.com",
  "application-autoscaling.amazonaws.com",
] as const;

/** Service-linked roles AWS creates on first use of these services, in the caller's name. */
export const SERVICE_LINKED_ROLE_SERVICES = [
  "ecs.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
  "rds.amazonaws.com",
  "elasticache.amazonaws.com",
  "elasticfilesystem.amazonaws.com",
  "ecs.application-autoscaling.amazonaws.com",
  "ops.apigateway.amazonaws.com",
  "backup.amazonaws.com",
] as const;

/**
 * AWS-managed policies the apply role may attach to the project's roles: the service-role
 * policies the modules use. AdministratorAccess and every other broad policy stay out of reach.
 */
export const ATTACHABLE_AWS_POLICIES = ["service-role/*", "AWSCodeDeployRoleForECS"] as const;
