/** The README's design notes for `asg`. */
export const notes = `## Design notes

### Addresses
\`aws_launch_template.this\`, \`aws_autoscaling_group.this\`, \`aws_lb_target_group.this\`,
\`aws_autoscaling_policy.cpu_target[0]\` (target tracking) or
\`aws_autoscaling_policy.cpu_step["out" | "in"]\` with \`aws_cloudwatch_metric_alarm.cpu_step["out" | "in"]\` (step),
\`aws_autoscaling_schedule.this["<name>"]\`, and with CodeDeploy \`aws_codedeploy_app.this[0]\`,
\`aws_codedeploy_deployment_group.this[0]\`, \`aws_iam_role.codedeploy[0]\`.

### The target group is owned here
The tier creates its own \`instance\` target group (health check, stickiness, deregistration
delay from inputs) and registers through the group's \`target_group_arns\`: the group, its
health check type (\`ELB\`: an instance failing the target group's check is replaced) and the
CodeDeploy deployment group must all name the same target group, and keeping them in one
module keeps them consistent. The ALB side is a listener rule forwarding to
\`target_group_arn\`, created by the env stack (the alb module's target groups are \`ip\` type
for ECS).

### Scaling
- \`target-tracking\` (default): \`ASGAverageCPUUtilization\` at \`cpu_target\`%.
- \`step\` (reference 004): +\`scale_out_by\` at ≥ \`scale_out_cpu\`%, −\`scale_in_by\` at ≤
  \`scale_in_cpu\`%, each from an alarm over two 1-minute periods. Step policies have no
  cooldown in EC2 Auto Scaling; \`cooldown\` is their estimated instance warm-up (and the group's
  default warm-up), during which new instances do not count towards the metric, so a step
  is not repeated before its instances serve.
- \`scheduled_actions\` keyed by name (\`night\` scales down, \`morning\` back up). \`desired_capacity\`
  is ignored by Terraform once created: policies and schedules own it.
- Instance refresh (rolling, 90% healthy, auto rollback) whenever the launch template gets a
  new version (instance type, AMI, \`user_data\`).

### CodeDeploy: in place, not blue/green
With \`codedeploy_enabled\`, the agent is installed at boot and the deployment group deploys
**in place with traffic control**: one instance at a time is deregistered from the target group,
updated, and registered again; a failed deployment rolls back automatically; instances from a
scale-out receive the last successful revision (\`outdated_instances_strategy = "UPDATE"\`). The
blue/green mode for EC2 is deliberately not offered: CodeDeploy would **copy the Auto Scaling
group** into a new one it creates and delete the original, so Terraform's group would be gone
after the first deployment and the next apply would recreate it next to CodeDeploy's copy. For
blue/green on EC2, run two tiers of this module behind weighted listener rules instead.

### Security
IMDSv2 only with hop limit 1, encrypted gp3, no key pair, no public IP, Session Manager
(\`AmazonSSMManagedInstanceCore\`); ingress only from the ALB's group on \`app_port\`, never 22;
egress HTTPS and the named SG rules. The instance role grants the CloudWatch agent
\`PutMetricData\` in \`CWAgent\` only and, with CodeDeploy, \`s3:GetObject\` on the revisions
bucket only. What the application itself may call (its secrets, a bucket) comes in as
\`instance_role_statements\`, in a policy of its own (\`aws_iam_role_policy.app[0]\`, none when
the list is empty), with the same checks as the ecs-service module's task-role statements.

### Metrics for alarms (built elsewhere)
\`AWS/EC2\` \`CPUUtilization\` and \`CWAgent\` \`mem_used_percent\` / \`disk_used_percent\` by
\`AutoScalingGroupName\`; \`AWS/ApplicationELB\` \`UnHealthyHostCount\` by \`TargetGroup\`
(\`target_group_arn_suffix\`) and \`LoadBalancer\`.`;
