import { App } from "cdktf";
import { InputSpecs, OutputSpecs } from "./core/module-spec";
import { ModuleStack } from "./core/module-stack";
import { VpcModuleStack } from "./vpc";

type AnyModuleStack = ModuleStack<InputSpecs, OutputSpecs>;

/** Every generated module, in `terraform-modules/<name>/`. Add a module here to generate it. */
export const MODULE_STACKS: ReadonlyArray<new (scope: App) => AnyModuleStack> = [VpcModuleStack];
