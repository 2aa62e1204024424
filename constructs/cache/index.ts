import { defineModuleDefinition } from "../core/define-module";
import { CacheModuleStack } from "./module";
import { cacheSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/cache`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(cacheSpec, CacheModuleStack);
/** A call of `terraform-modules/cache` with typed inputs and outputs. */
export class CacheModule extends definition.Call {}
