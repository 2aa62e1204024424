import { defineModuleDefinition } from "../core/define-module";
import { Ec2HostModuleStack } from "./module";
import { ec2HostSpec } from "./spec";

export * from "./spec";
export * from "./module";

/** `terraform-modules/ec2-host`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(ec2HostSpec, Ec2HostModuleStack);
/** A call of `terraform-modules/ec2-host` with typed inputs and outputs. */
export class Ec2HostModule extends definition.Call {}
