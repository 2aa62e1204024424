import { App } from "cdktf";
import { InputSpecs, ModuleSpec, OutputSpecs } from "./core/module-spec";
import { ModuleStack } from "./core/module-stack";
import { VpcModuleStack, vpcSpec } from "./vpc";

export interface ModuleDefinition {
  readonly spec: ModuleSpec<InputSpecs, OutputSpecs>;
  readonly Stack: new (scope: App) => ModuleStack<InputSpecs, OutputSpecs>;
}

/** Every generated module, in `terraform-modules/<name>/`. Add a module here to generate it. */
export const MODULES: readonly ModuleDefinition[] = [{ spec: vpcSpec, Stack: VpcModuleStack }];

export const MODULE_STACKS = MODULES.map((m) => m.Stack);
