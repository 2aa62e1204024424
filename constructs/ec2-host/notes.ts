/** The README's design notes for `ec2-host`. */
export const notes = `## Design notes

### One instance in an Auto Scaling group, not a single instance with auto recovery
The host is a launch template and an Auto Scaling group with \`min = max = desired = 1\`.
EC2 auto recovery (a \`StatusCheckFailed_System\` alarm with the \`ec2:recover\` action) only
helps with failures of the underlying hardware, only on supported instance types, and keeps the
same instance; a host whose application hangs, whose instance status check fails, or whose AZ
is down stays broken. The group replaces the instance for any of these: failing EC2 status
checks and, with \`target_group_arn\`, the ALB's health check (\`health_check_type = "ELB"\`, 600 s
grace for the first boot); with several \`subnet_ids\` it starts the replacement in another AZ.
The price: the instance is disposable. Nothing may live only on its disk: the database is RDS,
files belong in S3 or EFS, logs go to CloudWatch (the Docker daemon sends every container's
output to \`/ec2/<name>\`), the Compose file comes from S3 or SSM. A new launch template version
(instance type, AMI, boot script) rolls out by instance refresh, starting the new instance
before the old one stops (min 100%, max 200%). The \`status\` alarm still notifies.

### Boot (user data, Amazon Linux 2023)
1. \`dnf install docker amazon-ecr-credential-helper\`; Docker logs to CloudWatch (awslogs) and
   pulls from ECR through the credential helper (no \`docker login\`, no stored token).
2. The Compose plugin, not packaged by Amazon Linux 2023: downloaded from \`compose_plugin[architecture].url\`
   (default the pinned v5.1.3 release) and installed only if its SHA-256 equals
   \`compose_plugin[architecture].sha256\`; otherwise boot stops and the instance never turns healthy.
3. The CloudWatch agent: \`CWAgent\` \`mem_used_percent\` and \`disk_used_percent\` (root
   filesystem), rolled up by \`AutoScalingGroupName\`.
4. \`/usr/local/bin/app-deploy\`: fetches the Compose file (\`aws s3api get-object\`, an optional
   object version as argument, or \`aws ssm get-parameter\`), writes \`secrets\` to
   \`/run/app/secrets.env\` (tmpfs, mode 600; reference it with \`env_file\`), then
   \`docker compose pull\` and \`up --detach --remove-orphans\` as project \`app\`.
5. \`app.service\`, a systemd unit whose start is that script, enabled at boot.

Changing an input of the boot script changes the launch template and replaces the host.

### Deploys by SSM Run Command
The instance carries the tag \`Deploy = <name>\` (outputs \`deploy_tag_key\`, \`deploy_tag_value\`)
and the module creates the Command document \`<name>-deploy\`, which runs only the deploy script
(its one parameter, the S3 object version, is restricted to \`[A-Za-z0-9._-]\`). The GitHub deploy
role needs \`ssm:SendCommand\` on the document ARN and on \`arn:aws:ec2:<region>:<account>:instance/*\`
with the condition \`ssm:resourceTag/Deploy = <name>\` (plus \`ssm:GetCommandInvocation\` to
wait), never \`AWS-RunShellScript\`:

\`\`\`sh
aws ssm send-command --document-name wisling-prod-deploy \\
  --targets Key=tag:Deploy,Values=wisling-prod --parameters composeVersionId=<version>
\`\`\`

### Security
- IMDSv2 only with hop limit 1 (containers on the Docker bridge cannot fetch the role's
  credentials), encrypted gp3 root volume, no key pair, no public IP.
- Security group: ingress only from the ALB's group on \`app_port\`, never 22; egress HTTPS
  (ECR, S3, SSM, Secrets Manager, CloudWatch) and the named \`egress_security_group_rules\`.
- Instance role: \`AmazonSSMManagedInstanceCore\` (Session Manager, Run Command) and one inline
  policy: ECR pulls from \`ecr_repository_arns\` only, \`secretsmanager:GetSecretValue\` on
  exactly \`secrets\`, \`s3:GetObject\`/\`GetObjectVersion\` on the one Compose object or
  \`ssm:GetParameter\` on the one parameter, log writes to its log group, and the CloudWatch
  agent's \`PutMetricData\` limited to \`CWAgent\`. Secrets encrypted with a customer-managed key
  need \`kms:Decrypt\` in that key's policy for this role.

### Alarms
\`aws_cloudwatch_metric_alarm.this["cpu" | "memory" | "disk" | "status"]\`, dimension
\`AutoScalingGroupName\`, three 5-minute periods, ALARM and OK to \`alarm_topic_arn\`. Memory
and disk treat missing data as breaching (a silent agent is a problem too).

### Not included
Data volumes that survive replacement, an Elastic IP or public host, blue/green hosts.`;
