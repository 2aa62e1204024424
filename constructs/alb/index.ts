import { defineModuleDefinition } from "../core/define-module";
import { AlbModuleStack } from "./module";
import { albSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/alb`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(albSpec, AlbModuleStack);
/** A call of `terraform-modules/alb` with typed inputs and outputs. */
export class AlbModule extends definition.Call {}
