import { AsgModule } from "../constructs/asg";
import { Ec2HostModule } from "../constructs/ec2-host";
import { albConditions } from "../config/compute";
import type { AppTier, Host } from "../config/compute-fields";
import { Connections } from "./connections";
import type { EnvironmentContext } from "./context";
import { deferred } from "./deferred";
import type { TaskStatement } from "./grants";
import type { EntryPart } from "./entry";
import type { DataPart } from "./data-stores";
import type { NetworkPart } from "./network";

/** The hosts part's contract: EC2 Compose hosts and Auto Scaling tiers, by config name. */
export interface HostsPart {
  readonly hosts: ReadonlyMap<string, Ec2HostModule>;
  readonly appTiers: ReadonlyMap<string, AsgModule>;
}

export interface HostsNeeds {
  readonly network: NetworkPart;
  readonly data: DataPart;
  readonly entry: EntryPart;
  /** The critical alarm topic the hosts' own alarms notify (read at synth time). */
  readonly alarmTopicArn: () => string;
}

/**
 * EC2 outside ECS, behind the ALB: a Docker Compose host per `hosts` entry (reference 000; the
 * ALB owns its instance target group) and an Auto Scaling tier per `appTiers` entry (004; the
 * asg module owns its target group, the ALB forwards to it). The ALB is the only source either
 * admits, on the application port; a host or tier naming a database or cache may reach it on
 * its port. Both are written through Connections on both sides. A tier's instance role may read
 * the secrets it names and use its buckets, and those secrets name the role as a reader.
 */
export function addHosts(ctx: EnvironmentContext, needs: HostsNeeds): HostsPart {
  const { settings } = ctx.environment;
  const hosts = new Map<string, Ec2HostModule>();
  const appTiers = new Map<string, AsgModule>();
  const alb = needs.entry.loadBalancer;
  // config/compute.ts refuses hosts and tiers without a load balancer.
  if (!alb) return { hosts, appTiers };
  const vpc = needs.network.vpc.outputs;
  const prefix = ctx.namePrefix;

  for (const [name, host] of Object.entries(settings.hosts ?? {})) {
    const connections = new Connections(name, `host ${name}`);
    alb.connections.allowTo(connections, host.port);
    reachStores(needs.data, connections, host);
    const call = new Ec2HostModule(ctx.scope, `host_${name.replace(/-/g, "_")}`, {
      source: ctx.moduleSource("ec2-host"),
      inputs: {
        name: `${prefix}-${name}`,
        vpc_id: vpc.vpc_id,
        subnet_ids: vpc.private_subnet_ids,
        ...instanceInputs(host),
        app_port: host.port,
        alb_security_group_id: connections.ingressGroupIdOf(alb),
        target_group_arn: alb.targetGroupArn(name),
        egress_security_group_rules: connections.egressRules(),
        ecr_repository_arns: host.repositories ?? [],
        secrets: host.secrets ?? {},
        compose_source:
          "ssmParameterArn" in host.compose
            ? { ssm_parameter_arn: host.compose.ssmParameterArn }
            : { s3_bucket: host.compose.s3Bucket, s3_key: host.compose.s3Key },
        alarm_topic_arn: deferred.string(needs.alarmTopicArn),
        log_retention_days: settings.logRetentionDays,
      },
    });
    connections.bind(call.outputs.security_group_id, host.port);
    hosts.set(name, call);
  }

  for (const [name, tier] of Object.entries(settings.appTiers ?? {})) {
    const connections = new Connections(name, `app tier ${name}`);
    reachStores(needs.data, connections, tier);
    // The role exists once the call does; the secrets' policies read its ARN at synth time.
    const roleArn = () => call.outputs.instance_role_arn;
    const call: AsgModule = new AsgModule(ctx.scope, `app_tier_${name.replace(/-/g, "_")}`, {
      source: ctx.moduleSource("asg"),
      inputs: {
        name: `${prefix}-${name}`,
        vpc_id: vpc.vpc_id,
        subnet_ids: vpc.private_subnet_ids,
        instance_type: tier.instanceType,
        ...instanceInputs(tier),
        user_data: tier.userData ?? "",
        app_port: tier.port,
        alb_security_group_id: connections.ingressGroupIdOf(alb),
        egress_security_group_rules: connections.egressRules(),
        min_size: tier.minSize,
        max_size: tier.maxSize,
        ...tierTuning(tier),
        stickiness_seconds: tier.stickinessSeconds ?? null,
        scheduled_actions: Object.fromEntries(
          Object.entries(tier.scheduledActions ?? {}).map(([action, a]) => [
            action,
            {
              recurrence: a.recurrence,
              min_size: a.minSize,
              max_size: a.maxSize,
              time_zone: a.timeZone ?? "UTC",
            },
          ]),
        ),
        codedeploy_enabled: tier.codeDeployBucket !== undefined,
        codedeploy_revisions_bucket: tier.codeDeployBucket ?? null,
        instance_role_statements: tierStatements(needs.data, name, roleArn, tier),
      },
    });
    connections.bind(call.outputs.security_group_id, tier.port);
    alb.forwardTo(connections, {
      target_group_arn: call.outputs.target_group_arn,
      port: tier.port,
      priority: tier.priority,
      ...albConditions(tier),
    });
    appTiers.set(name, call);
  }
  return { hosts, appTiers };
}

/** config/compute.ts refuses a store the environment does not declare. */
function reachStores(data: DataPart, instances: Connections, i: Host | AppTier): void {
  if (i.database) data.databases.get(i.database)!.connections.allowFrom(instances);
  if (i.cache) data.caches.get(i.cache)!.connections.allowFrom(instances);
}

/** What the tier's application may call: its secrets and buckets (config/app-storage.ts checks the names). */
function tierStatements(
  data: DataPart,
  name: string,
  roleArn: () => string,
  tier: AppTier,
): TaskStatement[] {
  return [
    ...(data.secrets?.grantReadToRole(`tier-${name}`, roleArn, tier.secrets ?? []) ?? []),
    ...(tier.buckets ?? []).flatMap((b) => data.buckets.get(b.bucket)!.statements(b.access)),
  ];
}

function instanceInputs(i: Host | AppTier) {
  return defined({
    instance_type: i.instanceType,
    architecture: i.architecture,
    ami_id: i.amiId,
    root_volume_size: i.rootVolumeSize,
  });
}

/** Only what the config sets: the asg module's defaults are the documented ones. */
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Attributes the config leaves out are null, which Terraform replaces by the asg module's defaults. */
function tierTuning(tier: AppTier) {
  const hc = tier.healthCheck;
  const s = tier.scaling;
  return defined({
    health_check: hc && {
      path: hc.path,
      matcher: hc.matcher ?? null,
      interval: hc.interval ?? null,
      timeout: hc.timeout ?? null,
      healthy_threshold: hc.healthyThreshold ?? null,
      unhealthy_threshold: hc.unhealthyThreshold ?? null,
    },
    scaling: s && {
      mode: s.mode,
      cpu_target: s.cpuTarget ?? null,
      scale_out_cpu: s.scaleOutCpu ?? null,
      scale_out_by: s.scaleOutBy ?? null,
      scale_in_cpu: s.scaleInCpu ?? null,
      scale_in_by: s.scaleInBy ?? null,
      cooldown: s.cooldown ?? null,
    },
  });
}
