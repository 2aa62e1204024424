import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { backupSpec } from "./spec";

export { backupSpec, DAYS_PER_MONTH, MAX_RETENTION_DAYS, MIN_COLD_STORAGE_DAYS } from "./spec";
export { BackupModuleStack } from "./module";

/** A call of `terraform-modules/backup` with typed inputs and outputs. */
export class BackupModule extends ModuleCall<typeof backupSpec.inputs, typeof backupSpec.outputs> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof backupSpec.inputs>) {
    super(scope, id, backupSpec, props);
  }
}
