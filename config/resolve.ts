import type { z } from "zod";
import { checkAppStorage } from "./app-storage";
import { checkCompute, expandCompute } from "./compute";
import { checkDataStores, expandDataStores } from "./data-stores";
import { checkDelivery, expandRepositories } from "./delivery";
import { checkEdge } from "./edge";
import { ConfigError, ConfigValidationError, failInto, fromZodIssues } from "./errors";
import { ENVIRONMENTS_VAR } from "./load";
import { mergeLayers } from "./merge";
import { checkOperations } from "./operations";
import { checkNetwork, resolveAzs, SubnetCidrs } from "./network-layout";
import { PROFILE_NAMES, PROFILES, ProfileName } from "./profiles";
import { CheckContext, declaredNames, isMap, parseSettings } from "./parsed";
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
 * → the environment's own block. Throws `ConfigValidationError` listing every problem at once:
 * an invalid platform field does not hide the environments' errors, and an environment with
 * field errors still gets the checks across fields that its valid fields allow.
 * `only` restricts the result to some environments (each must exist).
 */
export function resolvePlatform(config: unknown, only?: readonly string[]): ResolvedEnvironment[] {
  const errors: ConfigError[] = [];
  const parsed = platformSchema.safeParse(config, { reportInput: true });
  if (!parsed.success) errors.push(...fromZodIssues("platform", parsed.error.issues));
  const platform = (isMap(config) ? config : {}) as Partial<PlatformConfig>;
  const project = platformSchema.shape.project.safeParse(platform.project).success
    ? platform.project
    : undefined;

  // Every environment inherits `defaults`: when it is not an object, resolving them would only
  // repeat its error as missing fields in each.
  const environments = isMap(platform.environments) ? platform.environments : {};
  const names = isMap(platform.defaults ?? {}) ? Object.keys(environments) : [];
  if (isMap(platform.environments) && Object.keys(environments).length === 0) {
    errors.push({
      environment: "platform",
      path: "environments",
      value: {},
      message: "must define at least one environment",
    });
  }
  for (const name of only ?? []) {
    if (!Object.hasOwn(environments, name)) {
      errors.push({
        environment: "platform",
        path: ENVIRONMENTS_VAR,
        value: name,
        message: `names an environment the config does not define; defined: ${Object.keys(environments).join(", ") || "(none)"}`,
      });
    }
  }

  const valid: ValidEnvironment[] = [];
  for (const name of names) {
    if (only && !only.includes(name)) continue;
    // An environment block that is not an object already has its error from the platform schema.
    if (!isMap(environments[name])) continue;
    const env = validateEnvironment(platform, project, name, errors);
    if (env) valid.push(env);
  }
  if (!parsed.success || errors.length > 0) throw new ConfigValidationError(errors);
  return valid.map((env) => withPlatform(parsed.data, env));
}

/** An environment whose settings passed every check. */
interface ValidEnvironment {
  readonly name: string;
  readonly settings: EnvironmentSettings;
  readonly subnets: Record<string, SubnetCidrs>;
}

function withPlatform(
  platform: z.infer<typeof platformSchema>,
  { name, settings, subnets }: ValidEnvironment,
): ResolvedEnvironment {
  const { state, project } = platform;
  return {
    name,
    project,
    settings,
    azs: resolveAzs(settings),
    subnets,
    tags: { ...platform.tags, Project: project, Environment: name, ManagedBy: "terraform" },
    state: {
      bucket: state.bucket,
      key: `${state.keyPrefix ?? project}/${name}/terraform.tfstate`,
      region: state.region ?? settings.region,
    },
  };
}

/** Validates one environment, recording every problem; its settings when there are none. */
function validateEnvironment(
  platform: Partial<PlatformConfig>,
  project: string | undefined,
  name: string,
  errors: ConfigError[],
): ValidEnvironment | undefined {
  const own = platform.environments![name]!;
  const errorsBefore = errors.length;
  const fail = failInto(errors, name);
  const validName = ENV_NAME.test(name);
  if (!validName) {
    fail(
      "(name)",
      name,
      "environment names are 1–10 characters of a-z and 0-9, starting with a letter",
    );
  }
  const profile =
    own.profile ??
    (PROFILE_NAMES.includes(name as ProfileName) ? (name as ProfileName) : undefined);
  if (profile === undefined || !PROFILE_NAMES.includes(profile)) {
    fail(
      "profile",
      profile,
      `unknown environment profile; name the environment ${PROFILE_NAMES.join(", ")} or set profile to one of them`,
    );
    return undefined;
  }
  const merged = expandRepositories(
    expandCompute(
      expandDataStores(
        expandServices(
          name,
          mergeLayers(PROFILES[profile], platform.defaults, own, { profile }),
          errors,
        ),
      ),
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
  }

  // The checks across fields run on whatever parsed, so one run reports every problem.
  const settings = parsed.success ? parsed.data : parseSettings(merged);
  const context: CheckContext = {
    env: name,
    ...(project !== undefined && validName ? { namePrefix: `${project}-${name}` } : {}),
    settings,
    declared: declaredNames(merged),
    fail,
  };
  const { vpc, region } = settings;
  const subnets = vpc && region ? checkNetwork(name, { vpc, region }, errors) : undefined;
  checkServices(context);
  checkDataStores(context);
  checkAppStorage(context);
  checkOperations(context);
  checkDelivery(context);
  checkCompute(context);
  checkEdge(context);
  if (!parsed.success || !subnets || errors.length > errorsBefore) return undefined;
  return { name, settings: parsed.data, subnets };
}
