import { defineModuleDefinition } from "../core/define-module";
import { ApiGatewayModuleStack } from "./module";
import { apiGatewaySpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/api-gateway`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(apiGatewaySpec, ApiGatewayModuleStack);
/** A call of `terraform-modules/api-gateway` with typed inputs and outputs. */
export class ApiGatewayModule extends definition.Call {}
