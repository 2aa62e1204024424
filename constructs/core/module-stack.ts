import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IResolvable, TerraformOutput, TerraformResource, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { InputSpecs, ModuleSpec, OutputSpecs } from "./module-spec";
import { PROVIDER_ALIASES, type ProviderAlias } from "./provider-aliases";
import { ReadableStack, TransparentScope } from "./readable-stack";
import { TsOf } from "./tf-types";

/** How a variable reads inside the module: strings, numbers and string lists as cdktf tokens of that type. */
type VarRef<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends string[]
      ? string[]
      : IResolvable;

export type VarRefs<I extends InputSpecs> = { readonly [K in keyof I]: VarRef<TsOf<I[K]["type"]>> };

/** One value per declared output: a token, a reference or a literal. */
export type OutputValues<O extends OutputSpecs> = { readonly [K in keyof O]: unknown };

/**
 * A reusable Terraform module written as a construct: its inputs are `TerraformVariable`s and
 * its results `TerraformOutput`s, both declared by the module's spec. Subclasses create their
 * resources directly in the stack so the generated addresses read `aws_subnet.public`.
 * `ModuleRenderer` turns the synthesized stack into `terraform-modules/<name>/`.
 */
export abstract class ModuleStack<
  I extends InputSpecs,
  O extends OutputSpecs,
> extends ReadableStack {
  /** References to the module's variables (`var.<name>`). */
  protected readonly vars: VarRefs<I>;
  private readonly aliased = new Map<ProviderAlias, AwsProvider>();

  constructor(
    scope: Construct,
    readonly spec: ModuleSpec<I, O>,
  ) {
    super(scope, spec.name);
    const group = new TransparentScope(this, "variables");
    const refs: Record<string, unknown> = {};
    for (const [name, input] of Object.entries(spec.inputs)) {
      const variable = new TerraformVariable(group, name, {
        type: input.type.expr,
        description: input.description,
        ...(input.required || input.default === null ? {} : { default: input.default }),
        ...(input.sensitive ? { sensitive: true } : {}),
        // A required input may not be null; an optional one may be null only when that is its default.
        nullable: !input.required && input.default === null,
        ...(input.validation
          ? {
              validation: input.validation.map((v) => ({
                condition: "${" + v.condition + "}",
                errorMessage: v.errorMessage,
              })),
            }
          : {}),
      });
      // cdktf cannot render a null default; an explicit override keeps the variable optional.
      if (!input.required && input.default === null) variable.addOverride("default", null);
      refs[name] = refFor(variable, input.type.expr);
    }
    this.vars = refs as VarRefs<I>;
  }

  /**
   * The caller's aliased provider configuration, for `provider` on resources that must live
   * in another region (`provider: this.providerFor("us_east_1")` renders
   * `provider = aws.us_east_1`). The alias must be declared in the spec's `providerAliases`;
   * the block itself is stripped from the generated module, which only names it.
   */
  protected providerFor(alias: ProviderAlias): AwsProvider {
    if (!this.spec.providerAliases?.includes(alias)) {
      throw new Error(`module ${this.spec.name}: add "${alias}" to its spec's providerAliases`);
    }
    let provider = this.aliased.get(alias);
    if (!provider) {
      provider = new AwsProvider(this, `provider_${alias}`, {
        alias,
        region: PROVIDER_ALIASES[alias].region,
      });
      this.aliased.set(alias, provider);
    }
    return provider;
  }

  /**
   * Declares every output of the spec; the type makes leaving one out a compile error.
   * `dependsOn` makes callers of an output wait for more than its value references (e.g. a
   * target group is usable by ECS only once a listener rule forwards to it).
   */
  protected exportOutputs(
    values: OutputValues<O>,
    dependsOn: { readonly [K in keyof O]?: TerraformResource[] } = {},
  ): void {
    const group = new TransparentScope(this, "outputs");
    for (const [name, spec] of Object.entries(this.spec.outputs)) {
      const out = new TerraformOutput(group, name, {
        value: values[name],
        description: spec.description,
        ...(spec.sensitive ? { sensitive: true } : {}),
      });
      // cdktf renders an output's depends_on as "${…}" templates, which Terraform rejects
      // there; write the plain references it requires.
      const deps = dependsOn[name];
      if (deps)
        out.addOverride(
          "depends_on",
          deps.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`),
        );
    }
  }
}

function refFor(variable: TerraformVariable, typeExpr: string): unknown {
  switch (typeExpr) {
    case "string":
      return variable.stringValue;
    case "number":
      return variable.numberValue;
    case "list(string)":
    case "set(string)":
      return variable.listValue;
    default:
      return variable.value;
  }
}
