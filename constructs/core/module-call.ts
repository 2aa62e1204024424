import { ITerraformDependable, TerraformHclModule, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { InputSpecs, InputValues, ModuleSpec, OutputSpecs } from "./module-spec";
import type { ProviderAlias } from "./provider-aliases";
import { TsOf } from "./tf-types";

export type OutputRefs<O extends OutputSpecs> = { readonly [K in keyof O]: TsOf<O[K]["type"]> };

export interface ModuleCallProps<I extends InputSpecs> {
  /**
   * Where Terraform loads the module from: a path relative to the calling root
   * (`../../../terraform-modules/vpc`) or a git source pinned to a tag
   * (`git::https://…//terraform-modules/vpc?ref=v1.2.0`).
   */
  readonly source: string;
  /** Module inputs; names and types are the module's variables. */
  readonly inputs: InputValues<I>;
  /** Explicit dependencies, for ordering Terraform cannot infer from references. Default: none. */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * The caller's provider configurations, required when the module declares
   * `providerAliases`: the default `aws` one and one per alias. Default: the module inherits
   * the caller's default provider.
   */
  readonly providers?: ModuleProviders;
  /**
   * Hands the module the root's `aws.<alias>` configuration as its default `aws` one
   * (`providers = { aws = aws.us_east_1 }`), for modules whose resources all live in the
   * Region the caller picks: an ACM certificate for CloudFront, a CLOUDFRONT-scoped web ACL.
   * Requires `providers`. Default: the module runs in the root's default configuration.
   */
  readonly defaultProviderAlias?: ProviderAlias;
}

/** Where a module call's `aws` and `aws.<alias>` configurations come from. */
export interface ModuleProviders {
  readonly default: TerraformProvider;
  /** The configuration for an alias; a root may create it on first use. */
  alias(name: ProviderAlias): TerraformProvider;
}

/**
 * A typed call of a generated module (`module "<id>" { source = … }`). Inputs and outputs are
 * typed from the same spec that generated the module's variables and outputs, so a renamed or
 * retyped variable breaks the caller at compile time, not at plan time.
 */
export class ModuleCall<I extends InputSpecs, O extends OutputSpecs> extends TerraformHclModule {
  /** Typed references to the module's outputs (`module.<id>.<output>`). */
  readonly outputs: OutputRefs<O>;

  constructor(scope: Construct, id: string, spec: ModuleSpec<I, O>, props: ModuleCallProps<I>) {
    const unknown = Object.keys(props.inputs).filter((k) => !(k in spec.inputs));
    if (unknown.length > 0) {
      throw new Error(`module ${id} (${spec.name}): unknown inputs ${unknown.join(", ")}`);
    }
    const aliases = spec.providerAliases ?? [];
    if (aliases.length > 0 && !props.providers) {
      throw new Error(
        `module ${id} (${spec.name}): pass providers (it needs ${aliases.map((a) => `aws.${a}`).join(", ")})`,
      );
    }
    const mapped = props.defaultProviderAlias;
    if (mapped && !props.providers) {
      throw new Error(`module ${id} (${spec.name}): pass providers to run it in aws.${mapped}`);
    }
    const variables = Object.fromEntries(
      Object.entries(props.inputs).filter(([, value]) => value !== undefined),
    );
    super(scope, id, {
      source: props.source,
      variables,
      skipAssetCreationFromLocalModules: true,
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
      // Passing any provider cancels Terraform's implicit inheritance, so the default goes too.
      ...(props.providers && (aliases.length > 0 || mapped)
        ? {
            providers: [
              // A bare provider renders `aws = <its address>`: the module's default configuration.
              mapped ? props.providers.alias(mapped) : props.providers.default,
              ...aliases.map((alias) => ({
                provider: props.providers!.alias(alias),
                moduleAlias: alias,
              })),
            ],
          }
        : {}),
    });
    const refs: Record<string, unknown> = {};
    for (const [name, out] of Object.entries(spec.outputs)) {
      refs[name] = this.outputRef(name, out.type.expr);
    }
    this.outputs = refs as OutputRefs<O>;
  }

  private outputRef(name: string, typeExpr: string): unknown {
    if (typeExpr === "string") return this.getString(name);
    if (typeExpr === "number") return this.getNumber(name);
    if (typeExpr === "bool") return this.getBoolean(name);
    if (typeExpr.startsWith("list(") || typeExpr.startsWith("set(")) return this.getList(name);
    return Token.asAnyMap(this.interpolationForOutput(name));
  }
}
