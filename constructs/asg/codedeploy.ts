import { CodedeployApp } from "@cdktf/provider-aws/lib/codedeploy-app";
import { CodedeployDeploymentGroup } from "@cdktf/provider-aws/lib/codedeploy-deployment-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { StatementHcl } from "../core/instance-launch";
import { ReadableStack } from "../core/readable-stack";

const enabled = () => expr.number("var.codedeploy_enabled ? 1 : 0");

/** Shell lines installing the CodeDeploy agent from the Region's bucket (only when enabled). */
export const CODEDEPLOY_AGENT_SCRIPT = `%{ if var.codedeploy_enabled ~}
dnf install -y ruby
curl --fail --silent --show-error --location --retry 5 --output /tmp/codedeploy-install "https://aws-codedeploy-\${data.aws_region.current.id}.s3.\${data.aws_region.current.id}.amazonaws.com/latest/install"
chmod 0700 /tmp/codedeploy-install
/tmp/codedeploy-install auto
%{ endif ~}`;

/** The agent reads revisions from the one bucket, and nothing else. */
export const codedeployStatements = (partition: string): StatementHcl[] => [
  `var.codedeploy_enabled ? { Sid = "ReadRevisions", Effect = "Allow", Action = ["s3:GetObject", "s3:GetObjectVersion"], Resource = ["arn:\${${partition}}:s3:::\${var.codedeploy_revisions_bucket}/*"] } : null`,
];

/**
 * In-place deployments (`IN_PLACE` with traffic control): CodeDeploy deregisters an instance
 * from the target group, installs the revision, registers it again, one at a time, and rolls
 * back on failure. Blue/green for EC2 would copy the Auto Scaling group into one Terraform
 * does not own; see the README.
 */
export function codedeploy(
  stack: ReadableStack,
  groupName: string,
  targetGroupName: string,
  partition: string,
) {
  new IamRole(stack.scopeFor(IamRole), "codedeploy", {
    count: enabled(),
    name: "${var.name}-codedeploy",
    assumeRolePolicy: assumeRolePolicy("codedeploy.amazonaws.com"),
    tags: tagsWithName("${var.name}-codedeploy"),
  });
  new IamRolePolicyAttachment(stack.scopeFor(IamRolePolicyAttachment), "codedeploy", {
    count: enabled(),
    role: "${aws_iam_role.codedeploy[0].name}",
    policyArn: `arn:\${${partition}}:iam::aws:policy/service-role/AWSCodeDeployRole`,
  });
  new CodedeployApp(stack.scopeFor(CodedeployApp), "this", {
    count: enabled(),
    name: "${var.name}",
    computePlatform: "Server",
    tags: tagsWithName("${var.name}"),
  });
  new CodedeployDeploymentGroup(stack.scopeFor(CodedeployDeploymentGroup), "this", {
    count: enabled(),
    appName: "${aws_codedeploy_app.this[0].name}",
    deploymentGroupName: "${var.name}",
    serviceRoleArn: "${aws_iam_role.codedeploy[0].arn}",
    deploymentConfigName: "CodeDeployDefault.OneAtATime",
    autoscalingGroups: [groupName],
    deploymentStyle: { deploymentOption: "WITH_TRAFFIC_CONTROL", deploymentType: "IN_PLACE" },
    loadBalancerInfo: { targetGroupInfo: [{ name: targetGroupName }] },
    autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE"] },
    // New instances from scale-out get the last successful revision.
    outdatedInstancesStrategy: "UPDATE",
    tags: tagsWithName("${var.name}"),
  });
}
