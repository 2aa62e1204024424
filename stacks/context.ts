import type { Construct } from "constructs";
import type { ResolvedEnvironment } from "../config/resolve";
import type { ModuleProviders } from "../constructs/core/module-call";

/**
 * What a part of an environment may know about the environment it is built into: its
 * resolved settings, the name prefix, where modules are called from, the providers, and the
 * construct scope to create module calls in. Parts never see the concrete stack class.
 */
export interface EnvironmentContext {
  /** Where module calls are created (the environment's root). */
  readonly scope: Construct;
  readonly environment: ResolvedEnvironment;
  /** `<project>-<env>`: the prefix of every resource name in the environment. */
  readonly namePrefix: string;
  /** Source of a generated module, relative to the root so it resolves from any clone. */
  moduleSource(moduleName: string): string;
  /** The default AWS provider and its aliases (`aws.us_east_1`) for module calls. */
  readonly providers: ModuleProviders;
}
