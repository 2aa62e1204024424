import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { App, TerraformOutput } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";
import { ModuleCall } from "../../constructs/core/module-call";
import { defineModule, output, required } from "../../constructs/core/module-spec";
import { ModuleStack } from "../../constructs/core/module-stack";
import { MODULE_MAIN_FILE, renderModule } from "../../constructs/core/module-renderer";
import { ReadableStack } from "../../constructs/core/readable-stack";
import { tf } from "../../constructs/core/tf-types";
import { EnvironmentProviders } from "../../stacks/providers";
import { prepareOfflineRoot } from "../../tools/terraform/offline";
import { TerraformWorkspace } from "../../tools/terraform/runner";
import { changes } from "../support/plan";
import { scratchDir } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

/** A module with one resource in the caller's region and one through `aws.us_east_1`. */
const spec = defineModule({
  name: "alias-demo",
  description: "Test module: one topic per region.",
  providerAliases: ["us_east_1"],
  inputs: { name: required(tf.string, "Topic name.") },
  outputs: { global_arn: output(tf.string, "ARN of the us-east-1 topic.") },
  example: { name: "demo" },
});

class AliasDemoStack extends ModuleStack<typeof spec.inputs, typeof spec.outputs> {
  constructor(scope: App) {
    super(scope, spec);
    new SnsTopic(this.scopeFor(SnsTopic), "regional", { name: this.vars.name });
    const global = new SnsTopic(this.scopeFor(SnsTopic), "global", {
      name: "${var.name}-global",
      provider: this.providerFor("us_east_1"),
    });
    this.exportOutputs({ global_arn: global.arn });
  }
}

function synthesize() {
  const dir = scratchDir("provider-alias");
  const moduleFiles = renderModule(new AliasDemoStack(new App({ skipValidation: true })));
  fs.mkdirSync(path.join(dir, "modules", "alias-demo"), { recursive: true });
  for (const [file, content] of Object.entries(moduleFiles))
    fs.writeFileSync(path.join(dir, "modules", "alias-demo", file), content);

  const app = new App({ outdir: path.join(dir, "out") });
  const root = new ReadableStack(app, "dev");
  const providers = new EnvironmentProviders(root, "eu-north-1", { Environment: "dev" });
  const call = new ModuleCall(root, "demo", spec, {
    source: "../../../modules/alias-demo",
    inputs: { name: "shop-dev" },
    providers,
  });
  new TerraformOutput(root, "global_arn", { value: call.outputs.global_arn });
  app.synth();
  const rootDir = path.join(dir, "out", "stacks", "dev");
  return {
    dir,
    rootDir,
    module: JSON.parse(moduleFiles[MODULE_MAIN_FILE]!),
    root: JSON.parse(fs.readFileSync(path.join(rootDir, "cdk.tf.json"), "utf8")),
  };
}

const built = synthesize();

describe("provider aliases in the module framework", () => {
  it("the module names the alias and creates no provider block of its own", () => {
    expect(built.module.terraform.required_providers.aws.configuration_aliases).toEqual([
      "aws.us_east_1",
    ]);
    expect(built.module.provider).toBeUndefined();
    expect(built.module.resource.aws_sns_topic.global.provider).toBe("aws.us_east_1");
    expect(built.module.resource.aws_sns_topic.regional.provider).toBeUndefined();
  });

  it("the root declares the alias with the same default_tags and passes both configurations", () => {
    const [main, east] = built.root.provider.aws;
    expect(main).toMatchObject({ region: "eu-north-1" });
    expect(east).toMatchObject({ alias: "us_east_1", region: "us-east-1" });
    expect(east.default_tags).toEqual(main.default_tags);
    expect(built.root.module.demo.providers).toEqual({
      aws: "aws",
      "aws.us_east_1": "aws.us_east_1",
    });
  });

  it("a call without providers fails at construction, naming the alias", () => {
    const stack = new ReadableStack(new App({ skipValidation: true }), "x");
    expect(
      () => new ModuleCall(stack, "demo", spec, { source: "./m", inputs: { name: "x" } }),
    ).toThrow(/pass providers \(it needs aws\.us_east_1\)/);
  });
});

describeTerraform("provider aliases, planned offline with real Terraform", () => {
  it("creates one topic in the root's region and one through aws.us_east_1", () => {
    const root = prepareOfflineRoot({
      rootDir: built.rootDir,
      modulesDir: path.join(built.dir, "modules"),
      workDir: scratchDir("provider-alias-plan"),
    });
    const ws = new TerraformWorkspace(root);
    ws.init();
    ws.validate();
    const plan = ws.planJson();
    const topics = changes(plan, "aws_sns_topic");
    expect(topics.map((c) => [c.address, c.provider_name])).toEqual([
      ["module.demo.aws_sns_topic.global", "registry.terraform.io/hashicorp/aws"],
      ["module.demo.aws_sns_topic.regional", "registry.terraform.io/hashicorp/aws"],
    ]);
    const config = (plan.configuration as any).root_module.module_calls.demo.module.resources;
    expect(config.find((r: any) => r.name === "global").provider_config_key).toMatch(/us_east_1/);
  });
});
