import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { expr, tagsWithName } from "../core/expressions";
import { assumeRolePolicy } from "../core/iam";
import { CustomerManagedKey, customerManagedKey } from "../core/kms";
import { ModuleStack } from "../core/module-stack";
import { TransparentScope } from "../core/readable-stack";
import { auroraCluster } from "./aurora";
import { enginesLocal } from "./engines";
import { rdsInstances } from "./rds";
import { DatabaseParts, instanceSettings } from "./shared";
import { databaseSpec } from "./spec";

/** Generates `terraform-modules/database`; see `spec.ts` for its interface. */
export class DatabaseModuleStack extends ModuleStack<
  typeof databaseSpec.inputs,
  typeof databaseSpec.outputs
> {
  constructor(scope: Construct) {
    super(scope, databaseSpec);
    const locals = new TransparentScope(this, "locals");
    this.declareLocals(locals);
    const region = new DataAwsRegion(this.scopeFor(DataAwsRegion), "current", {});
    const partition = new DataAwsPartition(this.scopeFor(DataAwsPartition), "current", {});
    const key = this.encryptionKey(locals, region, partition);

    const parts: DatabaseParts = {
      stack: this,
      vars: this.vars,
      instanceSettings: instanceSettings(this.vars),
      securityGroupId: this.securityGroup(),
      logGroups: this.logGroups(key.arnExpression),
      monitoring: this.monitoringRole(`\${${partition.fqn}.partition}`),
    };
    rdsInstances(parts);
    auroraCluster(parts);

    const eitherKind = (rds: string, aurora: string) =>
      expr.string(
        `local.is_aurora ? one(aws_rds_cluster.this[*].${aurora}) : one(aws_db_instance.this[*].${rds})`,
      );
    this.exportOutputs({
      endpoint: eitherKind("address", "endpoint"),
      reader_endpoint: expr.string(
        "local.is_aurora ? one(aws_rds_cluster.this[*].reader_endpoint) : try(aws_db_instance.replica[keys(local.replicas)[0]].address, null)",
      ),
      port: expr.number("local.port"),
      master_secret_arn: eitherKind(
        "master_user_secret[0].secret_arn",
        "master_user_secret[0].secret_arn",
      ),
      security_group_id: parts.securityGroupId,
      identifier: eitherKind("identifier", "cluster_identifier"),
      resource_id: eitherKind("resource_id", "cluster_resource_id"),
      instance_identifiers: expr.list(
        "concat(aws_db_instance.this[*].identifier, [for r in values(aws_db_instance.replica) : r.identifier], aws_rds_cluster_instance.writer[*].identifier, [for r in values(aws_rds_cluster_instance.reader) : r.identifier])",
      ),
      replica_identifiers: expr.list(
        "concat([for r in values(aws_db_instance.replica) : r.identifier], [for r in values(aws_rds_cluster_instance.reader) : r.identifier])",
      ),
      kms_key_arn: "${local.kms_key_arn}",
      engine: this.vars.engine,
      database_name: this.vars.database_name,
    });
  }

  /**
   * The module's key (unless `kms_key_arn` is given). CloudWatch Logs may use it only for this
   * account's RDS log groups; RDS, Secrets Manager and Performance Insights use it through
   * grants made with the caller's IAM permissions.
   */
  private encryptionKey(
    locals: Construct,
    region: DataAwsRegion,
    partition: DataAwsPartition,
  ): CustomerManagedKey {
    const regionId = `\${${region.fqn}.id}`;
    const key = customerManagedKey(
      this,
      "this",
      [
        {
          sid: "CloudWatchLogsEncryptsRdsLogGroups",
          service: `logs.${regionId}.\${${partition.fqn}.dns_suffix}`,
          condition: {
            ArnLike: {
              "kms:EncryptionContext:aws:logs:arn": `arn:\${${partition.fqn}.partition}:logs:${regionId}:\${var.account_id}:log-group:/aws/rds/*`,
            },
          },
        },
      ],
      {
        description:
          "Encrypts database ${var.name}: storage, master secret, Performance Insights, logs",
        accountId: "${var.account_id}",
        alias: "${var.name}-database",
        createIf: "var.kms_key_arn == null",
        tags: tagsWithName("${var.name}-database"),
      },
    );
    new TerraformLocal(
      locals,
      "kms_key_arn",
      expr.string(`var.kms_key_arn != null ? var.kms_key_arn : ${key.arnExpression}`),
    );
    return key;
  }

  private declareLocals(locals: Construct): void {
    const local = (name: string, value: unknown) => new TerraformLocal(locals, name, value);
    local("engines", enginesLocal());
    local("engine", expr.any("local.engines[var.engine]"));
    local("is_aurora", expr.any("local.engine.aurora"));
    local("port", expr.any("coalesce(var.port, local.engine.port)"));
    local(
      "parameter_group_family",
      expr.any(
        'coalesce(var.parameter_group_family, "${var.engine}${join(".", slice(split(".", var.engine_version), 0, local.engine.family_parts))}")',
      ),
    );
    // Later maps win: the TLS parameters cannot be overridden by `parameters`.
    local(
      "parameters",
      expr.any("merge(local.engine.log_parameters, var.parameters, local.engine.tls_parameters)"),
    );
    local(
      "log_exports",
      expr.any(
        "var.enabled_cloudwatch_logs_exports != null ? var.enabled_cloudwatch_logs_exports : local.engine.log_exports",
      ),
    );
    // Keyed by name, so adding a replica or reader never renumbers another. Name → AZ (null:
    // RDS chooses): from `read_replicas`, or replica N in zone N of `availability_zones`.
    local(
      "replicas",
      expr.any(
        'length(var.read_replicas) > 0 ? { for k, r in var.read_replicas : k => r.availability_zone if !local.is_aurora } : { for i in range(1, var.read_replica_count + 1) : "replica-${i}" => (length(var.availability_zones) > 0 ? element(var.availability_zones, i) : null) if !local.is_aurora }',
      ),
    );
    local(
      "readers",
      expr.any(
        '{ for i in range(1, coalesce(var.reader_count, 1) + 1) : "reader-${i}" => i if local.is_aurora }',
      ),
    );
  }

  /** Ingress on the database port from each declared client SG; no egress: the database starts no connection. */
  private securityGroup(): string {
    const sg = new SecurityGroup(this.scopeFor(SecurityGroup), "this", {
      namePrefix: "${var.name}-db-",
      description:
        "Database ${var.name}: port ingress from declared security groups only, no egress",
      vpcId: this.vars.vpc_id,
      tags: tagsWithName("${var.name}-db"),
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupIngressRule(this.scopeFor(VpcSecurityGroupIngressRule), "client", {
      forEach: TerraformIterator.fromMap(expr.map("var.allowed_security_group_ids")),
      securityGroupId: sg.id,
      referencedSecurityGroupId: "${each.value}",
      ipProtocol: "tcp",
      fromPort: expr.number("local.port"),
      toPort: expr.number("local.port"),
      description: "${var.engine} on ${local.port} from ${each.key}",
      tags: tagsWithName("${var.name}-db-from-${each.key}"),
    });
    return sg.id;
  }

  /**
   * The groups RDS exports to, created first with retention and encryption. The primary's (or
   * cluster's) are keyed by log type, each replica's by `replica-N/<log type>`.
   */
  private logGroups(moduleKeyArn: string): DatabaseParts["logGroups"] {
    const common = {
      retentionInDays: this.vars.log_retention_days,
      kmsKeyId: expr.string(`var.log_kms_key_arn != null ? var.log_kms_key_arn : ${moduleKeyArn}`),
      name: "${each.value}",
    };
    const primary = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "this", {
      ...common,
      forEach: TerraformIterator.fromMap(
        expr.map(
          '{ for t in local.log_exports : t => "/aws/rds/${local.is_aurora ? "cluster" : "instance"}/${var.name}/${t}" }',
        ),
      ),
      tags: tagsWithName("${each.value}"),
    });
    const replica = new CloudwatchLogGroup(this.scopeFor(CloudwatchLogGroup), "replica", {
      ...common,
      forEach: TerraformIterator.fromMap(
        expr.map(
          '{ for p in setproduct(keys(local.replicas), local.log_exports) : "${p[0]}/${p[1]}" => "/aws/rds/instance/${var.name}-${p[0]}/${p[1]}" }',
        ),
      ),
      tags: tagsWithName("${each.value}"),
    });
    return { primary, replica };
  }

  /** Enhanced monitoring: RDS publishes OS metrics through this role when the interval is > 0. */
  private monitoringRole(partitionName: string): IamRolePolicyAttachment[] {
    const count = expr.number("var.monitoring_interval > 0 ? 1 : 0");
    const role = new IamRole(this.scopeFor(IamRole), "monitoring", {
      count,
      name: "${var.name}-rds-monitoring",
      assumeRolePolicy: assumeRolePolicy("monitoring.rds.amazonaws.com"),
      tags: tagsWithName("${var.name}-rds-monitoring"),
    });
    return [
      new IamRolePolicyAttachment(this.scopeFor(IamRolePolicyAttachment), "monitoring", {
        count,
        role: expr.string(`${role.fqn}[0].name`),
        // AWS's policy for exactly this: write to the RDSOSMetrics log group, nothing else.
        policyArn: `arn:${partitionName}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
      }),
    ];
  }
}
