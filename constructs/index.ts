import { AnyModuleDefinition } from "./core/define-module";
import { definition as alb } from "./alb";
import { definition as apiGateway } from "./api-gateway";
import { definition as appSecrets } from "./app-secrets";
import { definition as asg } from "./asg";
import { definition as audit } from "./audit";
import { definition as backup } from "./backup";
import { definition as budget } from "./budget";
import { definition as cache } from "./cache";
import { definition as cdn } from "./cdn";
import { definition as certificate } from "./certificate";
import { definition as codedeploy } from "./codedeploy";
import { definition as dashboard } from "./dashboard";
import { definition as database } from "./database";
import { definition as ec2Host } from "./ec2-host";
import { definition as ecr } from "./ecr";
import { definition as ecsCapacity } from "./ecs-capacity";
import { definition as ecsCluster } from "./ecs-cluster";
import { definition as ecsService } from "./ecs-service";
import { definition as efs } from "./efs";
import { definition as githubOidc } from "./github-oidc";
import { definition as monitoring } from "./monitoring";
import { definition as pipeline } from "./pipeline";
import { definition as s3Bucket } from "./s3-bucket";
import { definition as serviceDiscovery } from "./service-discovery";
import { definition as vpc } from "./vpc";
import { definition as vpcLink } from "./vpc-link";
import { definition as waf } from "./waf";

export type { AnyModuleDefinition, ModuleDefinition } from "./core/define-module";

/**
 * Every generated module, in `terraform-modules/<name>/`: the `definition` each
 * `constructs/<name>/index.ts` exports. A test fails when a module directory is missing here.
 */
export const MODULES: readonly AnyModuleDefinition[] = [
  alb,
  apiGateway,
  appSecrets,
  asg,
  audit,
  backup,
  budget,
  cache,
  cdn,
  certificate,
  codedeploy,
  dashboard,
  database,
  ec2Host,
  ecr,
  ecsCapacity,
  ecsCluster,
  ecsService,
  efs,
  githubOidc,
  monitoring,
  pipeline,
  s3Bucket,
  serviceDiscovery,
  vpc,
  vpcLink,
  waf,
];

export const MODULE_STACKS = MODULES.map((m) => m.Stack);
