import { DEPLOYMENT_CONTROLLER_NOTES } from "./deployment-controller";

/** The README's design notes for `ecs-service`. */
export const notes = `## Design notes

### Addresses
One module call per service; inside it every address is fixed: \`aws_ecs_service.this[0]\` (or
\`aws_ecs_service.pipeline_owned[0]\`, see below), \`aws_ecs_task_definition.this\`,
\`aws_iam_role.execution\`, \`aws_iam_role.task\`, \`aws_iam_role_policy.efs[0]\` (with EFS
volumes), \`aws_security_group.this\`,
\`aws_vpc_security_group_egress_rule.to_security_group["database"]\` (keyed by the names in
\`egress_security_group_rules\`), \`aws_appautoscaling_policy.target_tracking["cpu" | "memory" | "requests"]\`.
Adding an egress rule or the request-count policy adds one resource and touches nothing else.

### Desired count: Application Auto Scaling owns it
Both service resources ignore \`desired_count\` after creation, and the scalable target always
exists. With \`autoscaling_enabled = true\` it moves the count between \`min_count\` and
\`max_count\` (CPU, memory and optionally request-count target tracking); Terraform never resets
what the autoscaler chose, even on an unrelated apply in the middle of a traffic peak. With
\`autoscaling_enabled = false\` there are no policies and the target is pinned to
\`min = max = desired_count\`; Application Auto Scaling moves the service into that range when
the target changes, so editing \`desired_count\` still takes effect. The trade-off: a count
changed by hand (\`aws ecs update-service --desired-count\`) is not reverted by Terraform, and
\`desired_count\` itself matters only at creation and while autoscaling is off. Scale by
changing \`min_count\`/\`max_count\`.

### Image ownership (\`image_owner\`)
\`lifecycle.ignore_changes\` cannot depend on a variable, so the module holds two alternative
service resources and \`count\` selects one:

| \`image_owner\` | Resource | Ignores |
| --- | --- | --- |
| \`terraform\` (default) | \`aws_ecs_service.this[0]\` | \`desired_count\` |
| \`pipeline\` | \`aws_ecs_service.pipeline_owned[0]\` | \`desired_count\`, \`task_definition\` |

With \`pipeline\`, CI deploys by taking the latest revision of \`task_definition_family\`,
replacing the image of \`container_name\`, registering it and calling \`update-service\` (it needs
\`iam:PassRole\` on both role ARNs). Terraform still registers a new revision when its own inputs
change (environment, secrets, size), with the image in \`image\`, but never points the service at
it: the next pipeline deployment, based on the latest revision, picks those changes up.
\`task_definition_arn\` is therefore Terraform's revision, not necessarily the running one.

Switching modes without downtime is a state move, done **before** applying the new value (a
\`moved\` block cannot help: both resources exist in the module). Applying the switch without it
would delete the running service and fail to create the other while the name is taken.

\`\`\`sh
terraform state mv 'module.orders.aws_ecs_service.this[0]' 'module.orders.aws_ecs_service.pipeline_owned[0]'
# then set image_owner = "pipeline" and apply: no change to the service
\`\`\`
(the reverse move for \`pipeline\` → \`terraform\`; that apply then deploys \`image\`). Alternatively,
in the root: a \`removed { from = module.orders.aws_ecs_service.this, lifecycle { destroy = false } }\`
block plus an \`import\` of \`module.orders.aws_ecs_service.pipeline_owned[0]\` with id
\`<cluster name>/<service name>\`.

${DEPLOYMENT_CONTROLLER_NOTES}

### EFS volumes (\`efs_volumes\`)
Each entry, keyed by volume name, becomes a task-definition \`volume\` with
\`efs_volume_configuration\`: \`transit_encryption = "ENABLED"\` (TLS to the mount target) and
\`authorization_config { access_point_id, iam = "ENABLED" }\`, so the file system sees the task
role and the access point's POSIX user and root directory. \`root_directory\` is not set: the
provider's default \`/\` is the only value ECS takes with an access point, whose own directory
then applies. The task role gets one statement per volume (\`aws_iam_role_policy.efs\`):
\`elasticfilesystem:ClientMount\`, plus \`ClientWrite\` unless \`read_only\`, on the file system
ARN, only under the condition \`elasticfilesystem:AccessPointArn\` = that volume's access point,
so the role cannot mount the file system's root or another application's access point; never
\`ClientRootAccess\`. The service waits for that policy, so its first tasks can mount.

The container mounts each volume at \`container_path\` (\`readOnly\` from \`read_only\`); its
mount points and the task-storage ones are one list sorted by volume name, the order the
container definition keeps. Container paths are validated absolute and unique (also against
\`scratch_volume_path\` and the ECS Exec directories), and volume names may not reuse the
task-storage names \`scratch\`, \`ssm-agent-state\` and \`ssm-agent-logs\`.

Wiring, done by the env stack, not by this module:
- the network path: an \`egress_security_group_rules\` entry to the efs module's
  \`security_group_id\` on port 2049 (\`efs = { security_group_id = module.efs.security_group_id,
  port = 2049, description = "NFS to …" }\`), and this service's \`security_group_id\` in the efs
  module's \`allowed_security_group_ids\`;
- the file system policy: this service's \`task_role_arn\` in the efs module's
  \`client_role_arns\`, when that module names its clients.

### Container definition in the form AWS returns
\`container_definitions\` is built by \`jsonencode\` from the inputs and written the way
\`DescribeTaskDefinition\` returns it: \`essential = true\`, \`hostPort\` equal to
\`containerPort\` and \`protocol = "tcp"\`, \`readOnly\` on every mount, empty
\`environment\`/\`mountPoints\`/\`volumesFrom\`/\`systemControls\` lists, environment and secrets
sorted by name; what AWS omits when unset (\`secrets\`, \`user\`, \`healthCheck\`, a zero
\`startPeriod\`) is left out rather than written as null. This matters because
\`container_definitions\` forces replacement: a spurious diff registers a new revision on every
apply and, with \`image_owner = "terraform"\`, redeploys the service. The provider's own
normalisation covers most of these fields, but not every one in every 5.x/6.x release; written
canonically, the plan after an apply is empty, and a real change shows only the changed field.

### Security
- **Roles**: the execution role (trusted by \`ecs-tasks.amazonaws.com\`) may write only to this
  service's log group, pull only from the ECR repository of \`image\` (plus
  \`ecr_repository_arns\`), read exactly the referenced Secrets Manager secrets
  (\`secretsmanager:GetSecretValue\`) and SSM parameters (\`ssm:GetParameters\`), and decrypt with
  exactly \`secrets_kms_key_arns\`; statements for features not in use are not written. The
  task role is separate, trusted only for this account and region (\`aws:SourceAccount\`,
  \`aws:SourceArn\`), and grants only \`task_role_statements\` (\`*\` and \`service:*\` actions are
  rejected) plus, with \`enable_execute_command\`, the \`ssmmessages\` channel actions (which have
  no resource-level permissions) and the cluster's exec audit log and key when given.
- **Network**: private subnets, no public IP. Ingress only from the ALB security group on the
  container port. Egress: HTTPS (443) to \`0.0.0.0/0\` is the one deliberate CIDR rule — tasks
  reach ECR, CloudWatch Logs, Secrets Manager, SSM and STS through NAT or interface endpoints —
  plus one rule per \`egress_security_group_rules\` entry, SG to SG (NFS 2049 to an EFS file
  system's security group is one of these). DNS to the VPC resolver is
  not subject to security groups.
- **Container**: read-only root filesystem always (\`scratch_volume_path\` gives one writable
  ephemeral directory; with \`enable_execute_command\` so do \`/var/lib/amazon\` and
  \`/var/log/amazon\`, where the SSM agent ECS Exec injects keeps its state — on a read-only
  root it does not start otherwise, aws/containers-roadmap#1359; EFS volumes are writable
  unless \`read_only\`), never privileged, secrets only through \`secrets[].valueFrom\`, logs
  always through awslogs to a log group with explicit retention (and a KMS key if given).
  \`user\` rejects root; left null, the image's \`USER\` applies, so build images with a non-root
  user. Circuit breaker with rollback always on; \`alarm_names\` adds CloudWatch-alarm rollback.

### Wiring and caveats
- The target group must be attached to a listener before the service is created: call the
  module with \`depends_on\` on the ALB module (or its listener rules).
- The ALB security group needs an egress rule to \`security_group_id\` on the container port;
  databases and caches need ingress from it.
- The cluster must have the \`FARGATE\` and \`FARGATE_SPOT\` capacity providers.
- \`secrets\` ARNs must be complete (Secrets Manager ARNs end with the 6-character suffix AWS
  adds), because the execution role is granted exactly those ARNs.
- A KMS key for \`log_kms_key_arn\` must allow \`logs.<region>.amazonaws.com\` in its key policy.

### EC2 capacity, no load balancer, Cloud Map
- \`ec2_capacity_provider\` runs the service on one EC2 capacity provider (the ecs-capacity
  module's pools): \`requires_compatibilities = ["EC2"]\`, still \`awsvpc\` (each task keeps its
  own interface and this security group), a one-provider strategy, no platform version,
  \`ordered_placement_strategy\` from \`placement_strategies\` (spread across AZs, then binpack on
  memory), task sizes checked against EC2 limits instead of the Fargate table.
- \`ec2_volumes\`: a host directory (\`host_path\`, e.g. Redis data on \`/var/lib/redis\`) or a
  Docker volume (\`local\` driver, \`shared\` scope, autoprovisioned), mounted like the others.
  The data stays on that instance; EFS volumes work on both launch modes.
- \`load_balanced = false\` (with \`target_group_arn\` and \`alb_security_group_id\` null): a worker or internal daemon with no
  \`load_balancer\` block and no health-check grace period. The ALB rule is then absent; since it
  gained a \`count\`, an existing \`aws_vpc_security_group_ingress_rule.from_alb\` moves to
  \`from_alb[0]\` by Terraform's implied move, with no change in AWS.
- \`ingress_security_group_rules\` admits named client groups on the container port
  (\`aws_vpc_security_group_ingress_rule.from_security_group["<client>"]\`), and
  \`service_discovery_arn\` registers the tasks in a Cloud Map service (\`service_registries\`).
  Launch mode, load balancer and registration are dynamic blocks: the service's address never moves.

### Not included
Bridge and host network modes, scheduled scaling (scheduled actions rewrite the
target's min/max, which Terraform would then reset), ECS's own blue/green, sidecars,
Service Connect, EFS volumes without an access point, and \`linuxParameters\` (init process,
dropped capabilities).`;
