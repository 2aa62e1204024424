import { App } from "cdktf";
import { InputSpecs, ModuleSpec, OutputSpecs } from "./core/module-spec";
import { ModuleStack } from "./core/module-stack";
import { VpcModuleStack, vpcSpec } from "./vpc";
import { AlbModuleStack, albSpec } from "./alb";
import { EcsClusterModuleStack, ecsClusterSpec } from "./ecs-cluster";
import { ApiGatewayModuleStack, apiGatewaySpec } from "./api-gateway";
import { VpcLinkModuleStack, vpcLinkSpec } from "./vpc-link";
import { EcsServiceModuleStack, ecsServiceSpec } from "./ecs-service";
import { S3BucketModuleStack, s3BucketSpec } from "./s3-bucket";
import { CacheModuleStack, cacheSpec } from "./cache";
import { EfsModuleStack, efsSpec } from "./efs";
import { DatabaseModuleStack, databaseSpec } from "./database";
import { GithubOidcModuleStack, githubOidcSpec } from "./github-oidc";
import { MonitoringModuleStack, monitoringSpec } from "./monitoring";
import { DashboardModuleStack, dashboardSpec } from "./dashboard";
import { AuditModuleStack, auditSpec } from "./audit";
import { BudgetModuleStack, budgetSpec } from "./budget";
import { BackupModuleStack, backupSpec } from "./backup";

export interface ModuleDefinition {
  readonly spec: ModuleSpec<InputSpecs, OutputSpecs>;
  readonly Stack: new (scope: App) => ModuleStack<InputSpecs, OutputSpecs>;
}

/** Every generated module, in `terraform-modules/<name>/`. Add a module here to generate it. */
export const MODULES: readonly ModuleDefinition[] = [
  { spec: vpcSpec, Stack: VpcModuleStack },
  { spec: vpcLinkSpec, Stack: VpcLinkModuleStack },
  { spec: apiGatewaySpec, Stack: ApiGatewayModuleStack },
  { spec: albSpec, Stack: AlbModuleStack },
  { spec: ecsClusterSpec, Stack: EcsClusterModuleStack },
  { spec: ecsServiceSpec, Stack: EcsServiceModuleStack },
  { spec: s3BucketSpec, Stack: S3BucketModuleStack },
  { spec: cacheSpec, Stack: CacheModuleStack },
  { spec: efsSpec, Stack: EfsModuleStack },
  { spec: databaseSpec, Stack: DatabaseModuleStack },
  { spec: githubOidcSpec, Stack: GithubOidcModuleStack },
  { spec: monitoringSpec, Stack: MonitoringModuleStack },
  { spec: dashboardSpec, Stack: DashboardModuleStack },
  { spec: auditSpec, Stack: AuditModuleStack },
  { spec: budgetSpec, Stack: BudgetModuleStack },
  { spec: backupSpec, Stack: BackupModuleStack },
];

export const MODULE_STACKS = MODULES.map((m) => m.Stack);
