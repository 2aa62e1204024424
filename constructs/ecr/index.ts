import { defineModuleDefinition } from "../core/define-module";
import { EcrModuleStack } from "./module";
import { ecrSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/ecr`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(ecrSpec, EcrModuleStack);
/** A call of `terraform-modules/ecr` with typed inputs and outputs. */
export class EcrModule extends definition.Call {}
