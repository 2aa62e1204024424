import { defineModuleDefinition } from "../core/define-module";
import { AuditModuleStack } from "./module";
import { auditSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/audit`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(auditSpec, AuditModuleStack);
/** A call of `terraform-modules/audit` with typed inputs and outputs. */
export class AuditModule extends definition.Call {}
