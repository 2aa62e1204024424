import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Lazy, S3Backend, TerraformOutput } from "cdktf";
import * as path from "node:path";
import type { ResolvedEnvironment } from "../config/resolve";
import { ReadableStack } from "../constructs/core/readable-stack";
import {
  AWS_PROVIDER_SOURCE,
  AWS_PROVIDER_VERSION,
  ROOT_TERRAFORM_VERSION,
} from "../constructs/core/versions";
import { addDataStores } from "./data-stores";
import { addNetwork } from "./network";
import { addOperations } from "./operations";
import { addPrivateApi } from "./private-api";

export interface EnvironmentStackProps {
  readonly environment: ResolvedEnvironment;
  /** Absolute path of the generated `terraform-modules/` directory the root calls. */
  readonly modulesDir: string;
}

/**
 * One Terraform root per environment: the AWS provider (region, `default_tags`), the S3
 * backend with its own state key and native locking, and calls of the generated modules,
 * wired together from the environment's config.
 */
export class EnvironmentStack extends ReadableStack {
  readonly environment: ResolvedEnvironment;
  private readonly stackDir: string;
  private readonly modulesDir: string;

  constructor(app: App, props: EnvironmentStackProps) {
    const env = props.environment;
    super(app, env.name);
    this.environment = env;
    this.modulesDir = props.modulesDir;
    this.stackDir = path.join(path.resolve(app.outdir), "stacks", env.name);

    new AwsProvider(this, "aws", {
      region: env.settings.region,
      defaultTags: [{ tags: { ...env.tags } }],
    });
    new S3Backend(this, {
      bucket: env.state.bucket,
      key: env.state.key,
      region: env.state.region,
      encrypt: true,
    });
    // cdktf 0.21's S3Backend predates native S3 locking (Terraform 1.10), so it goes in as an override.
    this.addOverride("terraform.backend.s3.use_lockfile", true);
    this.addOverride("terraform.required_version", ROOT_TERRAFORM_VERSION);
    // The bindings pin the 6.x provider they were generated from; generated code supports both majors.
    this.addOverride("terraform.required_providers.aws", {
      source: AWS_PROVIDER_SOURCE,
      version: AWS_PROVIDER_VERSION,
    });

    const network = addNetwork(this);
    const data = addDataStores(this, network);
    // Services roll back on their critical alarms, which the operations wiring creates later
    // from the same config: read lazily.
    let operations: ReturnType<typeof addOperations> | undefined;
    const rollbackAlarms = (service: string) =>
      Lazy.listValue({ produce: () => operations!.rollbackAlarms(service) });
    const privateApi = addPrivateApi(this, network, data, rollbackAlarms);
    operations = addOperations(this, data, privateApi);
    for (const [name, value] of Object.entries({ ...network.outputs, ...privateApi?.outputs })) {
      new TerraformOutput(this, name, { value });
    }
  }

  /** Source of a generated module, relative to this root so it resolves from any clone. */
  moduleSource(moduleName: string): string {
    return path
      .relative(this.stackDir, path.join(this.modulesDir, moduleName))
      .split(path.sep)
      .join("/");
  }

  /** `<project>-<env>`: the prefix of every resource name in the environment. */
  get namePrefix(): string {
    return `${this.environment.project}-${this.environment.name}`;
  }
}
