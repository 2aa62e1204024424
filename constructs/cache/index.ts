import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { cacheSpec } from "./spec";

export { cacheSpec, CACHE_ENGINES, CACHE_PORT } from "./spec";
export { CacheModuleStack } from "./module";

/** A call of `terraform-modules/cache` with typed inputs and outputs. */
export class CacheModule extends ModuleCall<typeof cacheSpec.inputs, typeof cacheSpec.outputs> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof cacheSpec.inputs>) {
    super(scope, id, cacheSpec, props);
  }
}
