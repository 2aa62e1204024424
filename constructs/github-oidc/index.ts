import { Construct } from "constructs";
import { ModuleCall, ModuleCallProps } from "../core/module-call";
import { githubOidcSpec } from "./spec";

export { githubOidcSpec, MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from "./spec";
export { GithubOidcModuleStack } from "./module";
export { GITHUB_OIDC_HOST, ROLE_KINDS, ROLE_POLICIES, ROLE_TRUST, STS_AUDIENCE } from "./policies";
export type { RoleKind } from "./policies";

/** A call of `terraform-modules/github-oidc` with typed inputs and outputs. */
export class GithubOidcModule extends ModuleCall<
  typeof githubOidcSpec.inputs,
  typeof githubOidcSpec.outputs
> {
  constructor(scope: Construct, id: string, props: ModuleCallProps<typeof githubOidcSpec.inputs>) {
    super(scope, id, githubOidcSpec, props);
  }
}
