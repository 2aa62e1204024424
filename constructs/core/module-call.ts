import { ITerraformDependable, TerraformHclModule, Token } from "cdktf";
import { Construct } from "constructs";
import { InputSpecs, InputValues, ModuleSpec, OutputSpecs } from "./module-spec";
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
    const variables = Object.fromEntries(
      Object.entries(props.inputs).filter(([, value]) => value !== undefined),
    );
    super(scope, id, {
      source: props.source,
      variables,
      skipAssetCreationFromLocalModules: true,
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
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
