import { defineModuleDefinition } from "../core/define-module";
import { GithubOidcModuleStack } from "./module";
import { githubOidcSpec } from "./spec";

export * from "./spec";
export * from "./module";
export { GITHUB_OIDC_HOST, ROLE_KINDS, ROLE_POLICIES, ROLE_TRUST, STS_AUDIENCE } from "./policies";
export type { RoleKind } from "./policies";

/** `terraform-modules/github-oidc`: its spec and body; collected by `constructs/index.ts`. */
export const definition = defineModuleDefinition(githubOidcSpec, GithubOidcModuleStack);
/** A call of `terraform-modules/github-oidc` with typed inputs and outputs. */
export class GithubOidcModule extends definition.Call {}
