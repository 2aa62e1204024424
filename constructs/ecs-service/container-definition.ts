/**
 * The container definition as a Terraform expression over the module's variables, written in
 * the shape `DescribeTaskDefinition` returns it, so the stored and configured JSON compare
 * equal and a plan shows no perpetual diff (`container_definitions` forces a new revision, so
 * a spurious diff would redeploy the service on every apply), and a real change shows alone:
 *
 * - every default AWS fills in is written out: `essential = true`, the port mapping's
 *   `hostPort` (equal to `containerPort` under awsvpc) and `protocol = "tcp"`,
 *   `readOnly = false` on the mount, and the empty lists `environment`, `mountPoints`,
 *   `volumesFrom` and `systemControls` (the container-level `cpu = 0` AWS returns is not:
 *   the provider's serializer drops a zero `cpu` from both sides);
 * - what AWS omits when unset is omitted, not written as null: `secrets` when there are none,
 *   `user` when the image's own user applies, `healthCheck` when disabled, and the health
 *   check's `startPeriod` when it is 0;
 * - `environment` and `secrets` come from maps, which Terraform iterates sorted by key: the
 *   order AWS keeps them in.
 *
 * `privileged` is never written (it defaults to false). The root filesystem is always
 * read-only; `local.writable_paths` are the only writable directories, each a task-scoped
 * volume on the task's ephemeral storage.
 */

/**
 * Volume name → container path: the caller's scratch directory, and with ECS Exec the two
 * directories the SSM agent ECS injects must write to (it does not start on a read-only root
 * filesystem otherwise; the workaround the AWS containers team published).
 */
export const writablePathsHcl = `{ for name, path in {
  scratch           = var.scratch_volume_path
  "ssm-agent-state" = var.enable_execute_command ? "/var/lib/amazon" : null
  "ssm-agent-logs"  = var.enable_execute_command ? "/var/log/amazon" : null
} : name => path if path != null }`;

const alwaysPresent = `{
  name                   = var.name
  image                  = var.image
  essential              = true
  portMappings           = [{ containerPort = var.container_port, hostPort = var.container_port, protocol = "tcp" }]
  environment            = [for n, value in var.environment : { name = n, value = value }]
  mountPoints            = [for name, path in local.writable_paths : { sourceVolume = name, containerPath = path, readOnly = false }]
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
