import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ITerraformIterator, TerraformIterator } from "cdktf";
import { expr, tagsWithName } from "./expressions";
import { assumeRolePolicy } from "./iam";
import { optional } from "./module-spec";
import { ReadableStack } from "./readable-stack";
import { tf } from "./tf-types";
import { validate } from "./validations";
import { wholeNumberIn } from "./whole-number";
import { workloadEgress } from "./workload-egress";

/**
 * EC2 instances of the platform (ECS container instances, EC2 hosts, Auto Scaling tiers) share
 * one launch template shape, one instance role shape and one security group shape, so the
 * hardening is written once: IMDSv2 only with a hop limit of 1, an encrypted gp3 root volume,
 * no key pair and no public IP, access through SSM Session Manager, and no ingress other than
 * what the caller names.
 */

export const ARCHITECTURES = ["x86_64", "arm64"] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** Public SSM parameters AWS keeps pointing at the current AMI, by image family and architecture. */
export const AMI_PARAMETERS = {
  "ecs-al2023": {
    x86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    arm64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
  },
  al2023: {
    x86_64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    arm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
  },
} as const satisfies Record<string, Record<Architecture, string>>;
export type AmiFamily = keyof typeof AMI_PARAMETERS;

/** Where the root volume lives on Amazon Linux 2023 (and its ECS-optimized variant). */
const ROOT_DEVICE = "/dev/xvda";

/**
 * `image_id` of a launch template: the pinned `ami` when given, else the family's SSM parameter
 * for `architecture`, resolved by EC2 at each launch (`resolve:ssm:`), so plans need no AWS
 * call and new instances get the current AMI without a Terraform change.
 */
export function imageIdExpression(family: AmiFamily, ami: string, architecture: string): string {
  const params = Object.entries(AMI_PARAMETERS[family])
    .map(([arch, name]) => `${arch} = "${name}"`)
    .join(", ");
  return `${ami} != null ? ${ami} : format("resolve:ssm:%s", { ${params} }[${architecture}])`;
}

/** Inputs every instance-launching module takes. */
export function instanceLaunchInputs(family: AmiFamily) {
  return {
    ami_id: optional(
      tf.string,
      null,
      `Pinned AMI ID (ami-…) for every instance. Default null: the current ${family === "ecs-al2023" ? "ECS-optimized Amazon Linux 2023" : "Amazon Linux 2023"} AMI for \`architecture\`, resolved by EC2 at launch from AWS's public SSM parameter (\`resolve:ssm:…\`), so plans stay offline; instances pick a new AMI up when they are replaced (instance refresh, scale-out), not on apply.`,
      {
        validation: [
          {
            condition: 'var.ami_id == null || can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))',
            errorMessage: "ami_id must be null or an AMI ID (ami-…).",
            rejects: { value: "al2023" },
          },
        ],
      },
    ),
    root_volume_size: optional(
      tf.number,
      30,
      "Size of the encrypted gp3 root volume in GiB. Default 30 (the AMI's snapshot needs at least that for the ECS-optimized image).",
      { validation: [wholeNumberIn("root_volume_size", 30, 16384, "GiB")] },
    ),
    ebs_kms_key_arn: optional(
      tf.string,
      null,
      "Customer-managed KMS key for the root volume. Default null: the account's default EBS key (`aws/ebs`). A CMK's policy must let the Auto Scaling service-linked role (`AWSServiceRoleForAutoScaling`) create grants, or launches fail.",
      { validation: [validate.optionalArn("ebs_kms_key_arn", "kms")] },
    ),
  };
}

/** An IAM statement as an HCL object expression; `null` leaves it out of the policy. */
export type StatementHcl = string;

/** `jsonencode` of the statements that are not null (IAM rejects empty Resource lists). */
export function policyDocument(statements: readonly StatementHcl[]): string {
  return `jsonencode({
  Version   = "2012-10-17"
  Statement = [for s in [
    ${statements.join(",\n    ")},
  ] : s if s != null]
})`;
}

/**
 * What the CloudWatch agent needs to publish memory and disk metrics: `PutMetricData` only
 * into its own namespace (the action has no resource-level permissions, the namespace
 * condition is the scope), and `ec2:DescribeTags` to append the Auto Scaling group name.
 */
export const CLOUDWATCH_AGENT_STATEMENTS: readonly StatementHcl[] = [
  `{ Sid = "PublishAgentMetrics", Effect = "Allow", Action = ["cloudwatch:PutMetricData"], Resource = ["*"], Condition = { StringEquals = { "cloudwatch:namespace" = "CWAgent" } } }`,
  `{ Sid = "ReadInstanceTags", Effect = "Allow", Action = ["ec2:DescribeTags"], Resource = ["*"] }`,
];

/** AWS-managed policies an instance role may carry, maintained by AWS as the agents change. */
export const MANAGED_POLICIES = {
  /** The SSM agent: Session Manager (instead of SSH) and Run Command. */
  ssm: "AmazonSSMManagedInstanceCore",
  /** The ECS container agent: register the instance, poll for tasks, pull images, write logs. */
  ecs: "service-role/AmazonEC2ContainerServiceforEC2Role",
} as const;
export type ManagedPolicy = keyof typeof MANAGED_POLICIES;

export interface InstanceRoleProps {
  /** AWS-managed policies to attach, besides none. */
  readonly managed: readonly ManagedPolicy[];
  /** Statements of the role's one inline policy (the CloudWatch agent's are always there). */
  readonly statements?: readonly StatementHcl[];
  /** `data.aws_partition.<name>.partition` reference for managed policy ARNs. */
  readonly partition: string;
}

/**
 * The instance role (`aws_iam_role.instance`, trusted by EC2 only), its managed policy
 * attachments keyed by purpose (`aws_iam_role_policy_attachment.managed["ssm"]`), one inline
 * policy (`aws_iam_role_policy.instance`) and the instance profile (`aws_iam_instance_profile.this`).
 */
export function instanceRole(stack: ReadableStack, props: InstanceRoleProps) {
  const role = new IamRole(stack.scopeFor(IamRole), "instance", {
    name: "${var.name}-instance",
    assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
    tags: tagsWithName("${var.name}-instance"),
  });
  const managed = Object.fromEntries(
    props.managed.map((p) => [
      p,
      `arn:\${${props.partition}}:iam::aws:policy/${MANAGED_POLICIES[p]}`,
    ]),
  );
  const attachments = TerraformIterator.fromMap(managed);
  new IamRolePolicyAttachment(stack.scopeFor(IamRolePolicyAttachment), "managed", {
    forEach: attachments,
    role: role.name,
    policyArn: attachments.value,
  });
  new IamRolePolicy(stack.scopeFor(IamRolePolicy), "instance", {
    name: "instance",
    role: role.id,
    policy: expr.string(
      policyDocument([...CLOUDWATCH_AGENT_STATEMENTS, ...(props.statements ?? [])]),
    ),
  });
  const profile = new IamInstanceProfile(stack.scopeFor(IamInstanceProfile), "this", {
    name: "${var.name}-instance",
    role: role.name,
    tags: tagsWithName("${var.name}-instance"),
  });
  return { role, profile };
}

export interface InstanceSecurityGroupProps {
  readonly description: string;
  /** Ingress from one security group on one port (the ALB to the app), or none. */
  readonly ingress?: {
    readonly securityGroupId: string;
    readonly port: number;
    readonly description: string;
  };
  /** HCL of a map name → `{ security_group_id, port, description }` for SG-to-SG egress. */
  readonly egressRules?: string;
}

/**
 * `aws_security_group.instance`: no ingress unless `ingress` is given (never port 22: shells
 * go through SSM Session Manager), egress HTTPS to AWS APIs (SSM, ECS, ECR, CloudWatch, S3) and
 * the named SG-to-SG rules. `name_prefix` + create-before-destroy: a group in use by instances
 * cannot be deleted, so its replacement comes first.
 */
export function instanceSecurityGroup(stack: ReadableStack, props: InstanceSecurityGroupProps) {
  const sg = new SecurityGroup(stack.scopeFor(SecurityGroup), "instance", {
    namePrefix: "${var.name}-instance-",
    description: props.description,
    vpcId: expr.string("var.vpc_id"),
    tags: tagsWithName("${var.name}-instance"),
    lifecycle: { createBeforeDestroy: true },
  });
  if (props.ingress) {
    new VpcSecurityGroupIngressRule(stack.scopeFor(VpcSecurityGroupIngressRule), "from_alb", {
      securityGroupId: sg.id,
      referencedSecurityGroupId: props.ingress.securityGroupId,
      ipProtocol: "tcp",
      fromPort: props.ingress.port,
      toPort: props.ingress.port,
      description: props.ingress.description,
      tags: tagsWithName("${var.name}-from-alb"),
    });
  }
  workloadEgress(stack, sg, {
    httpsDescription: "HTTPS to AWS APIs (SSM, ECS, ECR, CloudWatch) through NAT or VPC endpoints",
    rulesVar: props.egressRules,
  });
  return sg;
}

export interface SecureLaunchTemplateProps {
  /** One template per entry (ECS capacity pools); default a single template. */
  readonly forEach?: ITerraformIterator;
  /** `name_prefix`, an HCL template (`${var.name}-${each.key}-`). */
  readonly namePrefix: string;
  readonly description: string;
  /** HCL expression of the image ID, see `imageIdExpression`. */
  readonly imageId: string;
  /** HCL expression; null leaves the type to the Auto Scaling group's overrides. */
  readonly instanceType?: string;
  /** HCL expression of the plain-text user data; the template base64-encodes it. */
  readonly userData: string;
  readonly securityGroupId: string;
  readonly instanceProfileArn: string;
  /** Name tag of instances and volumes, an HCL template. */
  readonly nameTag: string;
}

/**
 * `aws_launch_template.<id>`: IMDSv2 only (`http_tokens = "required"`) with a PUT response hop
 * limit of 1, so containers behind a bridge or NAT hop cannot fetch the instance role's
 * credentials; instance tags not exposed in IMDS; encrypted gp3 root volume deleted with the
 * instance; no key pair (SSM Session Manager instead); no public IP on the primary interface;
 * detailed monitoring for one-minute EC2 metrics.
 */
export function secureLaunchTemplate(
  stack: ReadableStack,
  id: string,
  props: SecureLaunchTemplateProps,
): LaunchTemplate {
  return new LaunchTemplate(stack.scopeFor(LaunchTemplate), id, {
    ...(props.forEach ? { forEach: props.forEach } : {}),
    namePrefix: props.namePrefix,
    description: props.description,
    imageId: expr.string(props.imageId),
    ...(props.instanceType ? { instanceType: expr.string(props.instanceType) } : {}),
    userData: expr.string(`base64encode(${props.userData})`),
    updateDefaultVersion: true,
    iamInstanceProfile: { arn: props.instanceProfileArn },
    networkInterfaces: [
      {
        deviceIndex: 0,
        associatePublicIpAddress: "false",
        deleteOnTermination: "true",
        securityGroups: [props.securityGroupId],
      },
    ],
    metadataOptions: {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: "disabled",
    },
    blockDeviceMappings: [
      {
        deviceName: ROOT_DEVICE,
        ebs: {
          volumeType: "gp3",
          volumeSize: expr.number("var.root_volume_size"),
          encrypted: "true",
          kmsKeyId: expr.string("var.ebs_kms_key_arn"),
          deleteOnTermination: "true",
        },
      },
    ],
    monitoring: { enabled: true },
    tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
      resourceType,
      tags: tagsWithName(props.nameTag),
    })),
    tags: tagsWithName(props.nameTag),
  });
}

/**
 * The CloudWatch agent's configuration: memory and root-disk use in `CWAgent`, rolled up by
 * Auto Scaling group (`aggregation_dimensions`) so alarms survive instance replacement. A
 * Terraform template: `$${aws:…}` reaches the agent as `${aws:…}`.
 */
const CLOUDWATCH_AGENT_CONFIG = JSON.stringify({
  agent: { metrics_collection_interval: 60 },
  metrics: {
    namespace: "CWAgent",
    append_dimensions: {
      AutoScalingGroupName: "$${aws:AutoScalingGroupName}",
      InstanceId: "$${aws:InstanceId}",
    },
    aggregation_dimensions: [["AutoScalingGroupName"]],
    metrics_collected: {
      mem: { measurement: ["mem_used_percent"] },
      disk: { measurement: ["used_percent"], resources: ["/"], drop_device: true },
    },
  },
});

/**
 * Shell lines (Amazon Linux 2023) installing and starting the CloudWatch agent with the
 * configuration above. Metrics: `CWAgent` `mem_used_percent` and `disk_used_percent` (path `/`),
 * each with the dimension `AutoScalingGroupName` alone.
 */
export const CLOUDWATCH_AGENT_SCRIPT = `dnf install -y amazon-cloudwatch-agent
cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'CWAGENT'
${CLOUDWATCH_AGENT_CONFIG}
CWAGENT
/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json`;

/** A user data script: bash, stop at the first failing command. */
export function shellScript(...parts: string[]): string {
  return ["#!/bin/bash", "set -euo pipefail", ...parts].join("\n") + "\n";
}

/** The `tag` blocks of an Auto Scaling group: `var.tags`, `Name` and `extra`, propagated at launch. */
export function asgTagBlocks(nameTemplate: string, extra: Record<string, string> = {}) {
  return {
    for_each: tagsWithName(nameTemplate, extra),
    content: { key: "${tag.key}", value: "${tag.value}", propagate_at_launch: true },
  };
}

/**
 * The `instance_refresh` block of an Auto Scaling group: a rolling refresh whenever the launch
 * template version changes, keeping `minHealthy`% of the group in service (up to `maxHealthy`%
 * while new instances warm up), rolling back when the refresh fails, and replacing scale-in
 * protected instances too (ECS drains them first when managed draining is on).
 */
export function instanceRefresh(minHealthy: number, maxHealthy = 100) {
  return {
    strategy: "Rolling",
    preferences: {
      minHealthyPercentage: minHealthy,
      maxHealthyPercentage: maxHealthy,
      autoRollback: true,
      scaleInProtectedInstances: "Refresh",
      standbyInstances: "Terminate",
    },
  };
}

/** `architecture` of modules whose instances all share one AMI. */
export const architectureInput = () =>
  optional(
    tf.string,
    "x86_64",
    "CPU architecture of the AMI resolved when `ami_id` is null: `x86_64` (default) or `arm64` (Graviton instance types).",
    { validation: [validate.oneOf("architecture", ARCHITECTURES)] },
  );

export interface AlbServedInstancesProps {
  /** What the instances are, in the security group's description (`App tier`, `EC2 host`). */
  readonly role: string;
  /** The launch template's description, an HCL template. */
  readonly templateDescription: string;
  readonly instanceProfileArn: string;
}

/**
 * The security group and the launch template of Amazon Linux 2023 instances the ALB sends
 * `var.app_port` to (an EC2 host, an app tier): ingress from `var.alb_security_group_id` on
 * that port only, the workload egress with `var.egress_security_group_rules`, and the instance
 * type, AMI and architecture from the module's inputs.
 */
export function albServedInstances(stack: ReadableStack, props: AlbServedInstancesProps) {
  const sg = instanceSecurityGroup(stack, {
    description: `${props.role} \${var.name}: the app port from the ALB only, no SSH`,
    ingress: {
      securityGroupId: expr.string("var.alb_security_group_id"),
      port: expr.number("var.app_port"),
      description: "Application port, from the load balancer only",
    },
    egressRules: "var.egress_security_group_rules",
  });
  const template = secureLaunchTemplate(stack, "this", {
    namePrefix: "${var.name}-",
    description: props.templateDescription,
    imageId: imageIdExpression("al2023", "var.ami_id", "var.architecture"),
    instanceType: "var.instance_type",
    userData: "local.user_data",
    securityGroupId: sg.id,
    instanceProfileArn: props.instanceProfileArn,
    nameTag: "${var.name}",
  });
  return { sg, template };
}
