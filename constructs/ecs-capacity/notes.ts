/** The README's design notes for `ecs-capacity`. */
export const notes = `## Design notes

### Addresses
Every pool is keyed by its name: \`aws_launch_template.pool["general"]\`,
\`aws_autoscaling_group.pool["general"]\`, \`aws_ecs_capacity_provider.pool["general"]\`. The
instance role (\`aws_iam_role.instance\`, \`aws_iam_instance_profile.this\`) and the security
group (\`aws_security_group.instance\`) are shared by the pools. Adding a pool adds three
resources and changes none.

### Attaching the providers to the cluster
A cluster has exactly one \`aws_ecs_cluster_capacity_providers\`, and the ecs-cluster module owns
it (FARGATE and FARGATE_SPOT). This module therefore only **creates** capacity providers; pass
\`capacity_provider_names\` to the ecs-cluster module's \`capacity_providers\` input (and, if EC2
should be the cluster default, its \`default_capacity_provider_strategy\`). Services choose a pool
with the ecs-service module's \`ec2_capacity_provider\`.

### Instances
- **AMI**: \`image_id = "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"\`
  (the \`arm64/\` variant for \`architecture = "arm64"\`), resolved by EC2 at each launch, or the
  pool's pinned \`ami_id\`. Plans stay offline; a new AMI reaches the pool when instances are
  replaced (scale-out, instance refresh, or \`aws autoscaling start-instance-refresh\` after an
  AMI release), never through a Terraform diff. Pin \`ami_id\` for change-controlled AMI rollouts.
- **Metadata**: IMDSv2 only (\`http_tokens = "required"\`), \`http_put_response_hop_limit = 1\`
  and \`ECS_AWSVPC_BLOCK_IMDS=true\` in \`/etc/ecs/ecs.config\`: tasks cannot reach the instance
  role's credentials; they get their own task role through the ECS agent.
  \`ECS_DISABLE_PRIVILEGED=true\` makes the agent refuse privileged containers.
- **No SSH**: no key pair, no ingress at all on \`aws_security_group.instance\` (tasks run in awsvpc
  mode with their own interfaces and security groups); shells through SSM Session Manager
  (\`aws ssm start-session --target <instance-id>\`). Egress is HTTPS only (ECS, ECR, SSM,
  CloudWatch through NAT or VPC endpoints).
- **Storage**: gp3 root volume, encrypted (the default EBS key or \`ebs_kms_key_arn\`), deleted
  with the instance.
- **Instance role**: the AWS-managed \`AmazonEC2ContainerServiceforEC2Role\` (the ECS agent;
  AWS maintains it as the agent changes) and \`AmazonSSMManagedInstanceCore\` (Session Manager),
  plus one inline statement pair for the CloudWatch agent: \`cloudwatch:PutMetricData\` only into
  the \`CWAgent\` namespace and \`ec2:DescribeTags\`. Nothing for the applications: they use task roles.
- **awsvpc density**: each awsvpc task takes an elastic network interface. Turn on ENI trunking
  (\`aws ecs put-account-setting-default --name awsvpcTrunking --value enabled\`) on supported
  instance types, or size pools for the interface limit of their types.

### Scaling
- **Auto Scaling group** per pool: \`min_size\`/\`max_size\`, \`desired_capacity\` ignored (ECS
  managed scaling owns it), \`protect_from_scale_in\` (default on), the \`AmazonECSManaged\` tag,
  group metrics enabled, rolling **instance refresh** whenever the launch template's version
  changes (90% stays healthy, auto rollback, protected instances replaced too).
- **Spot**: a mixed instances policy over \`instance_types\` (on demand in the listed order,
  Spot \`price-capacity-optimized\`); \`on_demand_base_capacity\` instances are always on demand,
  \`spot_percentage\` of the rest is Spot. Capacity rebalancing is on whenever Spot is used and
  \`ECS_ENABLE_SPOT_INSTANCE_DRAINING\` moves tasks off interrupted instances.
- **Capacity provider** per pool: managed scaling (\`target_capacity\`, steps 1–10, 300 s warm-up),
  managed termination protection (with \`protect_from_scale_in\`; ECS never terminates an
  instance running tasks) and managed draining (supported since AWS provider 5.x; ECS drains an
  instance's tasks before Auto Scaling terminates it, also during instance refresh).

### Metrics for alarms (built elsewhere)
- \`AWS/ECS/ManagedScaling\` \`CapacityProviderReservation\` with \`ClusterName\`,
  \`CapacityProviderName\`: above 100 for long means the pool is at \`max_size\`.
- \`AWS/AutoScaling\` \`GroupInServiceInstances\` / \`GroupDesiredCapacity\` with
  \`AutoScalingGroupName\` (from \`autoscaling_group_names\`).
- \`CWAgent\` \`mem_used_percent\` and \`disk_used_percent\` with \`AutoScalingGroupName\` (the agent
  rolls them up by group), \`AWS/EC2\` \`CPUUtilization\` and \`StatusCheckFailed\` with
  \`AutoScalingGroupName\`.
- \`AWS/ECS\` \`CPUReservation\` / \`MemoryReservation\` with \`ClusterName\`.

### Not included
Warm pools, GPU AMIs, Bottlerocket, bridge or host networking for tasks (the ecs-service module
runs awsvpc), and a lifecycle hook of our own (managed draining installs ECS's).`;
