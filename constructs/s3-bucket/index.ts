import { defineModuleDefinition } from "../core/define-module";
import { S3BucketModuleStack } from "./module";
import { s3BucketSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/s3-bucket`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(s3BucketSpec, S3BucketModuleStack);
/** A call of `terraform-modules/s3-bucket` with typed inputs and outputs. */
export class S3BucketModule extends definition.Call {}
