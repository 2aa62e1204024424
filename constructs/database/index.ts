import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { databaseSpec } from "./spec";

export { databaseSpec, ENGINES, MONITORING_INTERVALS, STORAGE_TYPES } from "./spec";
export type { Engine } from "./spec";
export { DatabaseModuleStack } from "./module";

/** A call of `terraform-modules/database` with typed inputs and outputs. */
export class DatabaseModule extends ModuleCall<
  typeof databaseSpec.inputs,
  typeof databaseSpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof databaseSpec.inputs>) {
    super(scope, id, databaseSpec, props);
  }
}
