import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { s3BucketSpec } from "./spec";

export { s3BucketSpec } from "./spec";
export { S3BucketModuleStack } from "./module";

/** A call of `terraform-modules/s3-bucket` with typed inputs and outputs. */
export class S3BucketModule extends ModuleCall<
  typeof s3BucketSpec.inputs,
  typeof s3BucketSpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof s3BucketSpec.inputs>) {
    super(scope, id, s3BucketSpec, props);
  }
}
