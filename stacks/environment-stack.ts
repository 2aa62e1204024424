import { App, S3Backend, TerraformOutput } from "cdktf";
import * as path from "node:path";
import type { ResolvedEnvironment } from "../config/resolve";
import { ReadableStack } from "../constructs/core/readable-stack";
import { ROOT_TERRAFORM_VERSION } from "../constructs/core/versions";
import { addCapacity } from "./capacity";
import { addCompute } from "./compute";
import type { EnvironmentContext } from "./context";
import { addDataStores } from "./data-stores";
import { deferred, Slot } from "./deferred";
import { addDelivery } from "./delivery";
import { addEdge } from "./edge";
import { addEntry } from "./entry";
import { addHosts } from "./hosts";
import { addNetwork } from "./network";
import { addOperations, type OperationsPart } from "./operations";
import { EnvironmentProviders } from "./providers";

export interface EnvironmentStackProps {
  readonly environment: ResolvedEnvironment;
  /** Absolute path of the generated `terraform-modules/` directory the root calls. */
  readonly modulesDir: string;
}

/**
 * One Terraform root per environment: the AWS provider (region, `default_tags`), the S3
 * backend with its own state key and native locking, and the environment's parts, each
 * chosen and configured by the config and wired through connections and grants:
 *
 *   network → data → entry → edge → capacity → compute → hosts → delivery → operations
 *
 * A part sees only the narrow `EnvironmentContext` and the declared contracts of the parts
 * before it; what a part adds to an earlier one (a flow into a data store's security group,
 * a grant) is read at synth time, so no part depends on the order of another's calls.
 */
export class EnvironmentStack extends ReadableStack {
  constructor(app: App, props: EnvironmentStackProps) {
    const env = props.environment;
    super(app, env.name);
    const stackDir = path.join(path.resolve(app.outdir), "stacks", env.name);

    new S3Backend(this, {
      bucket: env.state.bucket,
      key: env.state.key,
      region: env.state.region,
      encrypt: true,
    });
    // cdktf 0.21's S3Backend predates native S3 locking (Terraform 1.10), so it goes in as an override.
    this.addOverride("terraform.backend.s3.use_lockfile", true);
    this.addOverride("terraform.required_version", ROOT_TERRAFORM_VERSION);

    const ctx: EnvironmentContext = {
      scope: this,
      environment: env,
      namePrefix: `${env.project}-${env.name}`,
      providers: new EnvironmentProviders(this, env.settings.region, env.tags),
      moduleSource: (name) =>
        path.relative(stackDir, path.join(props.modulesDir, name)).split(path.sep).join("/"),
    };

    const network = addNetwork(ctx);
    const data = addDataStores(ctx, network);
    const entry = addEntry(ctx, network);
    // Only when domain, cdn or waf is configured: other environments keep their addresses.
    const edge = addEdge(ctx, entry);
    const operations = new Slot<OperationsPart>("the operations part");
    const capacity = addCapacity(ctx, network);
    const compute = addCompute(ctx, {
      network,
      data,
      entry,
      capacity,
      rollbackAlarms: (service) => deferred.list(() => operations.get().rollbackAlarms(service)),
    });
    const hosts = addHosts(ctx, {
      network,
      data,
      entry,
      alarmTopicArn: () => operations.get().monitoring.outputs.topic_arn,
    });
    const delivery = addDelivery(ctx, {
      entry,
      compute,
      rollbackAlarms: (service) => deferred.list(() => operations.get().rollbackAlarms(service)),
      alarmTopicArn: () => deferred.string(() => operations.get().monitoring.outputs.topic_arn),
    });
    operations.fill(addOperations(ctx, { data, entry, edge, compute, hosts }));

    const outputs = {
      ...network.outputs,
      ...entry.outputs,
      ...compute.outputs,
      ...capacity.outputs,
      ...delivery.outputs,
      ...edge?.outputs,
    };
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(this, name, { value });
  }
}
