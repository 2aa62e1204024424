import { defineModuleDefinition } from "../core/define-module";
import { BudgetModuleStack } from "./module";
import { budgetSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/budget`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(budgetSpec, BudgetModuleStack);
/** A call of `terraform-modules/budget` with typed inputs and outputs. */
export class BudgetModule extends definition.Call {}
