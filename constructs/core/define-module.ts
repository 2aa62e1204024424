import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "./module-call";
import { InputSpecs, ModuleSpec, OutputSpecs } from "./module-spec";
import { ModuleStack } from "./module-stack";

/**
 * One generated module: the spec (its interface), the stack that builds its body, and the typed
 * call env roots use. `constructs/index.ts` collects one per `constructs/<name>/`; nothing else
 * has to be kept in step with the spec.
 */
export interface ModuleDefinition<
  I extends InputSpecs = InputSpecs,
  O extends OutputSpecs = OutputSpecs,
> {
  readonly spec: ModuleSpec<I, O>;
  readonly Stack: new (scope: Construct) => ModuleStack<I, O>;
  /** `module "<id>" { … }` with inputs and outputs typed by the spec; extend it to name it. */
  readonly Call: new (scope: Construct, id: string, props: ModuleCallProps<I>) => ModuleCall<I, O>;
}

/**
 * Declares a module from its spec and its body (`constructs/<name>/index.ts`:
 * `export const definition = defineModuleDefinition(spec, Stack)`).
 */
export function defineModuleDefinition<I extends InputSpecs, O extends OutputSpecs>(
  spec: ModuleSpec<I, O>,
  Stack: new (scope: Construct) => ModuleStack<I, O>,
): ModuleDefinition<I, O> {
  class Call extends ModuleCall<I, O> {
    constructor(scope: Construct, id: string, props: ModuleCallProps<I>) {
      super(scope, id, spec, props);
    }
  }
  return { spec, Stack, Call };
}

/** A definition of any interface, as the registry holds them (each call site keeps its own types). */
export type AnyModuleDefinition = ModuleDefinition<any, any>;
