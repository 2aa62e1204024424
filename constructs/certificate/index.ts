import { defineModuleDefinition } from "../core/define-module";
import { CertificateModuleStack } from "./module";
import { certificateSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/certificate`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(certificateSpec, CertificateModuleStack);
/** A call of `terraform-modules/certificate` with typed inputs and outputs. */
export class CertificateModule extends definition.Call {}
