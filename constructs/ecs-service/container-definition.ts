/**
 * The container definition as a Terraform expression over the module's variables, written in
 * the shape `DescribeTaskDefinition` returns it, so the stored and configured JSON compare
 * equal and a plan shows no perpetual diff (`container_definitions` forces a new revision, so
 * a spurious diff would redeploy the service on every apply), and a real change shows alone:
 *
 * - every default AWS fills in is written out: `essential = true`, the port mapping's
 *   `hostPort` (equal to `containerPort` under awsvpc) and `protocol = "tcp"`,
 *   `readOnly` on every mount, and the empty lists `environment`, `mountPoints`,
 *   `volumesFrom` and `systemControls` (the container-level `cpu = 0` AWS returns is not:
 *   the provider's serializer drops a zero `cpu` from both sides);
 * - what AWS omits when unset is omitted, not written as null: `secrets` when there are none,
 *   `user` when the image's own user applies, `healthCheck` when disabled, and the health
 *   check's `startPeriod` when it is 0;
 * - `environment` and `secrets` come from maps, which Terraform iterates sorted by key: the
 *   order AWS keeps them in.
 *
 * `privileged` is never written (it defaults to false). The root filesystem is always
 * read-only; the only writable directories are `local.writable_paths`, each a task-scoped
 * volume on the task's ephemeral storage, and the EFS volumes not marked `read_only`.
 */

/** Where the SSM agent ECS Exec injects must write, by the name of the volume backing it. */
export const EXEC_AGENT_PATHS: Readonly<Record<string, string>> = {
  "ssm-agent-state": "/var/lib/amazon",
  "ssm-agent-logs": "/var/log/amazon",
};

/** Names of the volumes on the task's ephemeral storage; EFS volumes may not reuse them. */
export const TASK_STORAGE_VOLUMES: readonly string[] = [
  "scratch",
  ...Object.keys(EXEC_AGENT_PATHS),
];

/**
 * Volume name → container path: the caller's scratch directory, and with ECS Exec the two
 * directories the SSM agent ECS injects must write to (it does not start on a read-only root
 * filesystem otherwise; the workaround the AWS containers team published).
 */
export const writablePathsHcl = `{ for name, path in {
  scratch = var.scratch_volume_path
${Object.entries(EXEC_AGENT_PATHS)
  .map(
    ([name, path]) => `  ${JSON.stringify(name)} = var.enable_execute_command ? "${path}" : null`,
  )
  .join("\n")}
} : name => path if path != null }`;

/**
 * Volume name → mount: the writable task-storage paths, the EFS volumes and the EC2 host or
 * Docker volumes in one map, so the
 * container's mount points come out sorted by volume name whatever their kind.
 */
export const mountPointsHcl = `merge(
  { for name, path in local.writable_paths : name => { containerPath = path, readOnly = false } },
  { for name, v in var.efs_volumes : name => { containerPath = v.container_path, readOnly = v.read_only } },
  { for name, v in var.ec2_volumes : name => { containerPath = v.container_path, readOnly = v.read_only } },
)`;

const alwaysPresent = `{
  name                   = var.name
  image                  = var.image
  essential              = true
  portMappings           = [{ containerPort = var.container_port, hostPort = var.container_port, protocol = "tcp" }]
  environment            = [for n, value in var.environment : { name = n, value = value }]
  mountPoints            = [for name, m in local.mount_points : { sourceVolume = name, containerPath = m.containerPath, readOnly = m.readOnly }]
  volumesFrom            = []
  systemControls         = []
  readonlyRootFilesystem = true
  logConfiguration = {
    logDriver = "awslogs"
    options = {
      "awslogs-group"         = aws_cloudwatch_log_group.this.name
      "awslogs-region"        = data.aws_region.current.id
      "awslogs-stream-prefix" = "ecs"
    }
  }
}`;

const healthCheck = `var.health_check == null ? null : { for hk, hv in {
  command     = var.health_check.command
  interval    = var.health_check.interval
  timeout     = var.health_check.timeout
  retries     = var.health_check.retries
  startPeriod = var.health_check.start_period > 0 ? var.health_check.start_period : null
} : hk => hv if hv != null }`;

// Only these three can be absent; filtering just them keeps an unknown image or log group
// from turning the whole definition unknown at plan time.
const presentWhenSet = `{ for k, v in {
  secrets     = length(var.secrets) == 0 ? null : [for n, arn in var.secrets : { name = n, valueFrom = arn }]
  user        = var.user
  healthCheck = ${healthCheck}
} : k => v if v != null }`;

/** HCL for `local.container_definition`. */
export const containerDefinitionHcl = `merge(${alwaysPresent}, ${presentWhenSet})`;
