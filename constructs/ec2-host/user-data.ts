import { CLOUDWATCH_AGENT_SCRIPT, shellScript } from "../core/instance-launch";

/**
 * The host's boot script (Amazon Linux 2023) as a Terraform template: Docker from the
 * distribution, the Compose plugin from a pinned release verified against its SHA-256 before
 * it is installed (Amazon Linux 2023 does not package it), the ECR credential helper, the
 * CloudWatch agent, containers logging to the host's log group, and the application as a
 * systemd unit whose start is the deploy script, which SSM Run Command also calls. Bash
 * expansions that start with `${` are written `$${`, Terraform's escape.
 */

const DEPLOY_SCRIPT = "/usr/local/bin/app-deploy";

/** Fetches the Compose file (optionally an S3 object version), the secrets, and (re)starts the app. */
const deployScript = `#!/bin/bash
set -euo pipefail
install -d -m 0700 /opt/app /run/app
%{ if var.compose_source.ssm_parameter_arn != null ~}
aws ssm get-parameter --name '\${var.compose_source.ssm_parameter_arn}' --with-decryption --query Parameter.Value --output text > /opt/app/compose.yaml
%{ else ~}
version=$\${1:-}
aws s3api get-object --bucket '\${var.compose_source.s3_bucket}' --key '\${var.compose_source.s3_key}' $\${version:+--version-id "$version"} /opt/app/compose.yaml > /dev/null
%{ endif ~}
umask 077
: > /run/app/secrets.env
%{ for env_name, arn in var.secrets ~}
printf '%s=%s\\n' '\${env_name}' "$(aws secretsmanager get-secret-value --secret-id '\${arn}' --query SecretString --output text)" >> /run/app/secrets.env
%{ endfor ~}
cd /opt/app
docker compose --project-name app pull
docker compose --project-name app up --detach --remove-orphans
`;

const unit = `[Unit]
Description=Docker Compose application \${var.name}
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${DEPLOY_SCRIPT}
ExecStop=/usr/bin/docker compose --project-name app --file /opt/app/compose.yaml down
TimeoutStartSec=900

[Install]
WantedBy=multi-user.target`;

export const userDataTemplate = shellScript(
  "dnf install -y docker amazon-ecr-credential-helper",
  `install -d /etc/docker /root/.docker /usr/local/lib/docker/cli-plugins
cat > /etc/docker/daemon.json <<'DOCKER'
{"log-driver": "awslogs", "log-opts": {"awslogs-group": "\${aws_cloudwatch_log_group.this.name}", "awslogs-region": "\${data.aws_region.current.id}", "tag": "{{.Name}}"}}
DOCKER
echo '{"credsStore": "ecr-login"}' > /root/.docker/config.json
systemctl enable --now docker`,
  `curl --fail --silent --show-error --location --retry 5 --output /tmp/docker-compose '\${local.compose_plugin.url}'
echo '\${local.compose_plugin.sha256}  /tmp/docker-compose' | sha256sum --check --strict -
install -m 0755 /tmp/docker-compose /usr/local/lib/docker/cli-plugins/docker-compose
rm /tmp/docker-compose`,
  CLOUDWATCH_AGENT_SCRIPT,
  `cat > ${DEPLOY_SCRIPT} <<'DEPLOY'
${deployScript}DEPLOY
chmod 0755 ${DEPLOY_SCRIPT}`,
  `cat > /etc/systemd/system/app.service <<'UNIT'
${unit}
UNIT
systemctl daemon-reload
systemctl enable --now app.service`,
);

/** What the SSM deploy document runs; the optional argument is an S3 object version ID. */
export const DEPLOY_COMMAND = `${DEPLOY_SCRIPT} {{ composeVersionId }}`;
