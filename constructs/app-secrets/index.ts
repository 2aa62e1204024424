import { defineModuleDefinition } from "../core/define-module";
import { AppSecretsModuleStack } from "./module";
import { appSecretsSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/app-secrets`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(appSecretsSpec, AppSecretsModuleStack);
/** A call of `terraform-modules/app-secrets` with typed inputs and outputs. */
export class AppSecretsModule extends definition.Call {}
