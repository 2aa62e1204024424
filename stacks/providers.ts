import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { ModuleProviders } from "../constructs/core/module-call";
import { PROVIDER_ALIASES, type ProviderAlias } from "../constructs/core/provider-aliases";
import { AWS_PROVIDER_SOURCE, AWS_PROVIDER_VERSION } from "../constructs/core/versions";

/**
 * The root's AWS provider configurations: the default one in the environment's region and,
 * only once a module asks for it, one per alias (`aws.us_east_1`) with the same
 * `default_tags`, so resources in another region are tagged like everything else.
 */
export class EnvironmentProviders implements ModuleProviders {
  readonly default: AwsProvider;
  private readonly aliased = new Map<ProviderAlias, AwsProvider>();

  constructor(
    private readonly scope: TerraformStack,
    region: string,
    private readonly tags: Readonly<Record<string, string>>,
  ) {
    this.default = new AwsProvider(scope, "aws", { region, defaultTags: [{ tags: { ...tags } }] });
    // The bindings pin the 6.x provider they were generated from; generated code supports both majors.
    scope.addOverride("terraform.required_providers.aws", {
      source: AWS_PROVIDER_SOURCE,
      version: AWS_PROVIDER_VERSION,
    });
  }

  alias(name: ProviderAlias): AwsProvider {
    let provider = this.aliased.get(name);
    if (!provider) {
      provider = new AwsProvider(this.scope, `aws_${name}`, {
        alias: name,
        region: PROVIDER_ALIASES[name].region,
        defaultTags: [{ tags: { ...this.tags } }],
      });
      this.aliased.set(name, provider);
    }
    return provider;
  }
}
