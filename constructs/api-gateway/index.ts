import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { apiGatewaySpec } from "./spec";

export {
  apiGatewaySpec,
  MAX_THROTTLING_BURST,
  MAX_THROTTLING_RATE,
  ROUTE_KEY_PATTERN,
} from "./spec";
export { ApiGatewayModuleStack, ACCESS_LOG_FORMAT } from "./module";

/** A call of `terraform-modules/api-gateway` with typed inputs and outputs. */
export class ApiGatewayModule extends ModuleCall<
  typeof apiGatewaySpec.inputs,
  typeof apiGatewaySpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof apiGatewaySpec.inputs>) {
    super(scope, id, apiGatewaySpec, props);
  }
}
