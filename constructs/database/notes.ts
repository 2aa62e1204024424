/** The README's design notes for the database module (kept apart: it is long prose). */
export const DATABASE_NOTES = `## Design notes

- **One module, two kinds**: \`engine\` selects an RDS instance (\`postgres\`, \`mysql\`) or an
  Aurora cluster (\`aurora-postgresql\`, \`aurora-mysql\`). Both kinds are declared with \`count\`
  0 or 1, so the primary's address never depends on anything else: \`aws_db_instance.this[0]\` or
  \`aws_rds_cluster.this[0]\` + \`aws_rds_cluster_instance.writer[0]\`. Changing between an RDS and
  an Aurora engine is a migration (snapshot and restore), not an in-place change: the plan shows
  the old database destroyed, which deletion protection then refuses.
- **Replicas and readers are keyed by name**: \`aws_db_instance.replica["replica-1"]\`,
  \`aws_rds_cluster_instance.reader["reader-1"]\`. Raising the count adds \`replica-2\`; it never
  re-creates or renames \`replica-1\`. Lowering it removes the highest-numbered ones. Read replicas
  on Aurora engines and readers on RDS engines are rejected by validation (Aurora scales reads
  with readers; RDS uses \`multi_az\` for its standby and replicas for reads).
  \`read_replicas\` names them instead of counting (\`{ "replica-1" = { availability_zone =
  "eu-north-1b" }, reporting = {} }\`), each in the AZ it names: \`replica-1\`, \`replica-2\`, … keep
  the addresses a count gave, so moving from the count to names plans no change when the AZs
  match.
- **Read replicas and the managed master password — prove it before prod**: the master password
  is always managed by RDS in Secrets Manager, and AWS documents creating a read replica of such
  a source as unsupported for every engine except SQL Server. A plan with \`read_replicas\`
  succeeds offline, but the create may be refused at apply; apply it in a sandbox account first,
  or read through Aurora readers, which are not affected.
- **Storage**: gp3 by default; \`gp2\`, or provisioned IOPS \`io1\` / \`io2\` with \`iops\` (checked
  against the storage size); storage autoscaling up to \`max_allocated_storage\`.
- **High availability**: RDS defaults to Multi-AZ; Aurora defaults to one reader (promotion tier
  1) that takes over if the writer fails. With \`availability_zones\` (the vpc module's \`azs\`),
  the writer goes to the first zone and reader N / replica N to zone N modulo the list, so the
  failover target is in another AZ; without it RDS places the instances. Instance names reflect
  the role at creation: after a failover \`<name>-reader-1\` may be the writer; the cluster
  endpoint always points at the current writer.
- **Aurora Serverless v2**: set \`serverless_v2 = { min_capacity, max_capacity }\`; every instance
  becomes \`db.serverless\`. Readers are in promotion tier 1, so they scale with the writer and
  can take over at its capacity.
- **Engine versions**: a major-only version (\`16\` for postgres, \`8.0\` for mysql and
  aurora-mysql) lets AWS's automatic minor upgrades land without drift. Aurora PostgreSQL needs
  major.minor; after an automatic minor upgrade, raise \`engine_version\` to match or the plan
  shows a change it cannot make (downgrades are refused). Major upgrades need
  \`allow_major_version_upgrade = true\`; the parameter group family follows the version and the
  new group is created before the old one is removed.

## Security

- **Network**: a security group of its own with ingress on the database port only from the
  security groups in \`allowed_security_group_ids\` (one rule each, keyed by service name, each
  with a description) and no egress rule at all: a database initiates no connection. Never
  publicly accessible.
- **Encryption at rest**: storage, automated backups, snapshots, replicas, Performance Insights
  and the master-user secret use one customer-managed KMS key: the module's
  (\`aws_kms_key.this[0]\`, yearly rotation, 30-day deletion window, \`alias/<name>-database\`) or
  yours (\`kms_key_arn\`). The key policy lets the account's IAM policies govern the key (no
  \`kms:*\`) and lets CloudWatch Logs use it only for this account's \`/aws/rds/*\` log groups.
- **Encryption in transit**: the (cluster) parameter group sets \`rds.force_ssl = 1\` for
  PostgreSQL (the default from PostgreSQL 15 on, set anyway so an older version or a changed
  default cannot weaken it) and \`require_secure_transport = ON\` for MySQL. \`parameters\` cannot
  override them.
- **Credentials**: \`manage_master_user_password = true\`: RDS generates the master password,
  stores it in Secrets Manager (\`master_secret_arn\`) encrypted with the module's key, and rotates
  it; no password is ever in Terraform state. IAM authentication is on by default: give services
  \`rds-db:connect\` on \`arn:aws:rds-db:<region>:<account>:dbuser:<resource_id>/<db user>\`.
- **Logs**: the engine's logs are exported to log groups the module creates first (RDS would
  otherwise create them with no retention and no key), with \`log_retention_days\` and the KMS
  key. For MySQL the parameter group turns the slow query log on and writes logs to files, which
  is what the export reads.

## Protecting data

- **Terraform's \`prevent_destroy\` cannot be driven by a variable**, so the module cannot switch
  it on for production only. It relies on: \`deletion_protection\` (default true: AWS refuses the
  delete until a separate apply turns it off), a final snapshot on every deletion
  (\`skip_final_snapshot = false\`, \`<name>-final\`), automated backups retained after deletion
  (\`delete_automated_backups = false\`) and \`copy_tags_to_snapshot\`. The environment workflow
  adds a plan guard that fails a plan destroying or replacing a database.
- A second deletion of a re-created database fails while the \`<name>-final\` snapshot of the
  first still exists: rename or delete the old snapshot first.
- Read replicas are deleted without a snapshot (RDS cannot snapshot a replica); their data is
  the primary's.

## Defaults and environments

The defaults are the safe production choices: deletion protection, Multi-AZ (RDS) or one reader
(Aurora), 7 days of backups, Performance Insights (7 days, free), enhanced monitoring every 60 s,
storage autoscaling to 100 GiB. Development environments turn off what they do not need
(\`multi_az = false\`, \`reader_count = 0\`, \`monitoring_interval = 0\`); keep
\`backup_retention_period\` at 7 or more everywhere.

## Not included

Option groups (so no MySQL audit plugin export), gp3 storage throughput, Aurora
I/O-Optimized storage, custom instance parameter groups for Aurora instances, RDS Proxy,
cross-region replicas and global clusters, Blue/Green deployments, CloudWatch Database Insights
(\`database_insights_mode\`), alarms (the alarms module reads \`identifier\`,
\`instance_identifiers\` and \`replica_identifiers\`).
`;
