import { deferred } from "./deferred";
import type { Connections } from "./connections";

/** An IAM statement as the ecs-service module takes it (`task_role_statements`). */
export interface TaskStatement {
  readonly sid: string;
  readonly actions: string[];
  readonly resources: string[];
}

/** An EFS access point mounted into a service (`efs_volumes`). */
export interface EfsVolume {
  readonly file_system_id: string;
  readonly file_system_arn: string;
  readonly access_point_id: string;
  readonly access_point_arn: string;
  readonly container_path: string;
  readonly read_only: boolean;
}

/**
 * What the stores a service uses grant it, collected from the stores' `grant…` calls
 * (`database.grantConnect(service)`, …) and read by the service's module inputs at synth
 * time: connection settings, secrets by ARN (read by the execution role only), the keys
 * that decrypt them, task-role statements and volumes. Least privilege follows from the
 * declarations; nothing is granted that no store asked for.
 */
export class ServiceGrants {
  private readonly environment = new Map<string, string>();
  private readonly secrets = new Map<string, string>();
  private readonly kmsKeys = new Set<string>();
  private readonly statements = new Map<string, TaskStatement>();
  private readonly volumes = new Map<string, EfsVolume>();
  private readonly repositories = new Set<string>();
  private roleArn?: string;
  private executionArn?: string;

  constructor(
    /** Config name of the service. */
    readonly name: string,
    readonly connections: Connections,
    private readonly own: {
      readonly environment?: Readonly<Record<string, string>>;
      readonly secrets?: Readonly<Record<string, string>>;
    } = {},
  ) {}

  /** Sets the task role once the service's module call exists. */
  bindTaskRole(arn: string): void {
    this.roleArn = arn;
  }

  get taskRoleArn(): string {
    if (this.roleArn === undefined) throw new Error(`service ${this.name}: task role not bound`);
    return this.roleArn;
  }

  /** Sets the execution role (the one that reads secrets) once the service's module call exists. */
  bindExecutionRole(arn: string): void {
    this.executionArn = arn;
  }

  get executionRoleArn(): string {
    if (this.executionArn === undefined)
      throw new Error(`service ${this.name}: execution role not bound`);
    return this.executionArn;
  }

  addEnvironment(variables: Readonly<Record<string, string>>): void {
    for (const [k, v] of Object.entries(variables)) this.environment.set(k, v);
  }

  /** A secret injected as an environment variable; the execution role may read it and decrypt it with `kmsKeyArn`. */
  addSecret(variable: string, valueFrom: string, kmsKeyArn: string): void {
    this.secrets.set(variable, valueFrom);
    this.kmsKeys.add(kmsKeyArn);
  }

  addTaskStatement(statement: TaskStatement): void {
    this.statements.set(statement.sid, statement);
  }

  addVolume(key: string, volume: EfsVolume): void {
    this.volumes.set(key, volume);
  }

  /** An ECR repository the execution role may pull from. */
  addPullRepository(arn: string): void {
    this.repositories.add(arn);
  }

  /** Module inputs, produced at synth time. */
  inputs() {
    return {
      environment: deferred.value(() => ({
        ...this.own.environment,
        ...Object.fromEntries(this.environment),
      })),
      secrets: deferred.value(() => ({ ...this.own.secrets, ...Object.fromEntries(this.secrets) })),
      secrets_kms_key_arns: deferred.list(() => [...this.kmsKeys]),
      task_role_statements: deferred.value(() => [...this.statements.values()]),
      efs_volumes: deferred.value(() => Object.fromEntries(this.volumes)),
      ecr_repository_arns: deferred.list(() => [...this.repositories]),
    };
  }
}
