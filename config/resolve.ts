import { checkDataStores, expandDataStores } from "./data-stores";
import { ConfigError, ConfigValidationError, fromZodIssues } from "./errors";
import { mergeLayers } from "./merge";
import { checkOperations } from "./operations";
import { checkNetwork, resolveAzs, SubnetCidrs } from "./network-layout";
import { PROFILE_NAMES, PROFILES, ProfileName } from "./profiles";
import { checkServices, expandServices, namedServicePath } from "./services";
import { EnvironmentSettings, environmentSchema, PlatformConfig, platformSchema } from "./schema";

/** One environment, validated and with every default filled in: what the stacks build from. */
export interface ResolvedEnvironment {
  readonly name: string;
  readonly project: string;
  readonly settings: EnvironmentSettings;
  readonly azs: readonly string[];
  readonly subnets: Readonly<Record<string, SubnetCidrs>>;
  /** Tags for the provider's `default_tags`. */
  readonly tags: Readonly<Record<string, string>>;
  readonly state: { readonly bucket: string; readonly key: string; readonly region: string };
}

const ENV_NAME = /^[a-z][a-z0-9]{0,9}$/;

/**
 * Validates the whole platform config and resolves each environment as profile → `defaults`
 * → the environment's own block. Throws `ConfigValidationError` listing every problem at once.
 * `only` restricts the result to some environments (each must exist).
 */
export function resolvePlatform(config: unknown, only?: readonly string[]): ResolvedEnvironment[] {
  const parsed = platformSchema.safeParse(config, { reportInput: true });
  if (!parsed.success)
    throw new ConfigValidationError(fromZodIssues("platform", parsed.error.issues));
  const platform = config as PlatformConfig;
  const errors: ConfigError[] = [];

  const names = Object.keys(platform.environments);
  if (names.length === 0) {
    errors.push({
      environment: "platform",
      path: "environments",
      value: {},
      message: "must define at least one environment",
    });
  }
  for (const name of only ?? []) {
    if (!names.includes(name)) {
      errors.push({
        environment: name,
        path: "(selection)",
        value: name,
        message: `unknown environment; defined: ${names.join(", ")}`,
      });
    }
  }

  const resolved: ResolvedEnvironment[] = [];
  for (const name of names) {
    if (only && !only.includes(name)) continue;
    const env = resolveEnvironment(platform, name, errors);
    if (env) resolved.push(env);
  }
  if (errors.length > 0) throw new ConfigValidationError(errors);
  return resolved;
}

function resolveEnvironment(
  platform: PlatformConfig,
  name: string,
  errors: ConfigError[],
): ResolvedEnvironment | undefined {
  const own = platform.environments[name] ?? {};
  if (!ENV_NAME.test(name)) {
    errors.push({
      environment: name,
      path: "(name)",
      value: name,
      message: "environment names are 1–10 characters of a-z and 0-9, starting with a letter",
    });
    return undefined;
  }
  const profile =
    own.profile ??
    (PROFILE_NAMES.includes(name as ProfileName) ? (name as ProfileName) : undefined);
  if (profile === undefined || !PROFILE_NAMES.includes(profile)) {
    errors.push({
      environment: name,
      path: "profile",
      value: profile,
      message: `unknown environment profile; name the environment ${PROFILE_NAMES.join(", ")} or set profile to one of them`,
    });
    return undefined;
  }
  const errorsBefore = errors.length;
  const merged = expandDataStores(
    expandServices(
      name,
      mergeLayers(PROFILES[profile], platform.defaults, own, { profile }),
      errors,
    ),
  );
  const parsed = environmentSchema.safeParse(merged, { reportInput: true });
  if (!parsed.success) {
    errors.push(
      ...fromZodIssues(name, parsed.error.issues).map((e) => ({
        ...e,
        path: namedServicePath(e.path, merged.services),
      })),
    );
    return undefined;
  }
  const settings = parsed.data;
  const subnets = checkNetwork(name, settings, errors);
  checkServices(name, platform.project, settings, errors);
  checkDataStores(name, platform.project, settings, errors);
  checkOperations(name, settings, errors);
  if (!subnets || errors.length > errorsBefore) return undefined;
  const stateRegion = platform.state.region ?? settings.region;
  return {
    name,
    project: platform.project,
    settings,
    azs: resolveAzs(settings),
    subnets,
    tags: {
      ...platform.tags,
      Project: platform.project,
      Environment: name,
      ManagedBy: "terraform",
    },
    state: {
      bucket: platform.state.bucket,
      key: `${platform.state.keyPrefix ?? platform.project}/${name}/terraform.tfstate`,
      region: stateRegion,
    },
  };
}
