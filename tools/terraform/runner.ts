import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Set to `1` to skip every check that needs the `terraform` binary (the suite says so loudly). */
export const SKIP_TERRAFORM_VAR = "SKIP_TERRAFORM_TESTS";
/** Overrides where the AWS provider's filesystem mirror lives (the directory holding `registry.terraform.io/`). */
export const PROVIDER_MIRROR_VAR = "TF_PROVIDER_MIRROR";

export const INSTALL_HINT = [
  "Terraform >= 1.10 is required on PATH for the real-Terraform checks.",
  "Install it from your package manager (e.g. `apt-get install terraform` from HashiCorp's apt repository,",
  "`brew install hashicorp/tap/terraform`) or unpack the release zip from",
  "https://developer.hashicorp.com/terraform/install into a directory on PATH.",
  `To skip these checks on purpose, set ${SKIP_TERRAFORM_VAR}=1.`,
].join("\n");

export type TerraformAvailability =
  | { readonly available: true; readonly version: string }
  | { readonly available: false; readonly reason: string };

/** Asks the `terraform` on PATH for its version; never throws. */
export function terraformAvailability(): TerraformAvailability {
  const result = spawnSync("terraform", ["version", "-json"], {
    encoding: "utf8",
    env: baseEnv(),
  });
  if (result.error || result.status !== 0) {
    return { available: false, reason: `terraform was not found on PATH.\n${INSTALL_HINT}` };
  }
  const version = (JSON.parse(result.stdout) as { terraform_version: string }).terraform_version;
  return { available: true, version };
}

const MIRROR_CANDIDATES = [
  "/opt/tf-plugins",
  path.join(os.homedir(), ".terraform.d", "plugins"),
  path.join(os.homedir(), ".local", "share", "terraform", "plugins"),
  "/usr/local/share/terraform/plugins",
  "/usr/share/terraform/plugins",
];

function holdsAwsProvider(dir: string): boolean {
  return fs.existsSync(path.join(dir, "registry.terraform.io", "hashicorp", "aws"));
}

/**
 * Finds a local filesystem mirror of the AWS provider: `$TF_PROVIDER_MIRROR` when set (it must
 * exist), else the usual plugin directories, else a bounded search for the provider binary.
 * Returns undefined when the machine has none, in which case Terraform installs from the registry.
 */
export function findProviderMirror(): string | undefined {
  const configured = process.env[PROVIDER_MIRROR_VAR];
  if (configured) {
    if (!holdsAwsProvider(configured)) {
      throw new Error(
        `${PROVIDER_MIRROR_VAR}=${configured} does not contain registry.terraform.io/hashicorp/aws/`,
      );
    }
    return configured;
  }
  const known = MIRROR_CANDIDATES.find(holdsAwsProvider);
  if (known) return known;
  try {
    const found = execFileSync(
      "find",
      [
        "/opt",
        "/usr/local",
        "/srv",
        os.homedir(),
        "-maxdepth",
        "8",
        "-name",
        "terraform-provider-aws_v*",
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    )
      .split("\n")
      .find(Boolean);
    if (!found) return undefined;
    // <mirror>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_v…
    return path.resolve(path.dirname(found), "..", "..", "..", "..", "..");
  } catch {
    return undefined;
  }
}

/**
 * An unpacked mirror has the same layout as Terraform's plugin cache, so it can serve as
 * one: `init` then links the provider (~700 MB) into `.terraform/` instead of copying it,
 * which is most of what an offline `init` costs. The lock-file setting lets the cache serve
 * roots that have no lock file yet (every scratch root here).
 */
function isUnpackedMirror(mirror: string): boolean {
  const aws = path.join(mirror, "registry.terraform.io", "hashicorp", "aws");
  return fs
    .readdirSync(aws, { withFileTypes: true })
    .some((version) => version.isDirectory() && !version.name.endsWith(".zip"));
}

/** Writes a Terraform CLI config that installs the AWS provider from the mirror when there is one. */
export function writeCliConfig(dir: string, mirror = findProviderMirror()): string {
  const file = path.join(dir, "terraform.tfrc");
  const cache =
    mirror && isUnpackedMirror(mirror)
      ? [
          `plugin_cache_dir = ${JSON.stringify(mirror)}`,
          "plugin_cache_may_break_dependency_lock_file = true",
        ]
      : [];
  const body = mirror
    ? [
        ...cache,
        "provider_installation {",
        "  filesystem_mirror {",
        `    path    = ${JSON.stringify(mirror)}`,
        '    include = ["registry.terraform.io/hashicorp/*"]',
        "  }",
        "  direct {",
        '    exclude = ["registry.terraform.io/hashicorp/*"]',
        "  }",
        "}",
        "",
      ].join("\n")
    : "";
  fs.writeFileSync(file, body);
  return file;
}

/**
 * Go's garbage-collector target for Terraform and the provider processes it starts, unless the
 * caller sets `GOGC`. Every Terraform run starts the AWS provider at least once, and each start
 * builds the schema of some 1,500 resource types: at Go's default (100) about a third of a
 * plan's CPU is collecting that garbage. 400 cuts a plan's CPU by about 30% for some 80 MB more
 * memory per process (measured on `terraform plan` of the built-in prod root).
 */
const GO_GC_TARGET = "400";

function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    GOGC: process.env.GOGC || GO_GC_TARGET,
    ...extra,
  };
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class TerraformError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly cwd: string,
    readonly result: TerraformResult,
  ) {
    super(
      `terraform ${args.join(" ")} failed in ${cwd} (exit ${result.code}):\n${result.stderr || result.stdout}`,
    );
  }
}

export interface RunOptions {
  /** Exit codes that count as success. Default: [0]. */
  readonly okCodes?: readonly number[];
  /** Extra environment variables. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs Terraform in a working directory with a CLI config of its own, so a user's
 * `~/.terraformrc` (or a broken `TF_CLI_CONFIG_FILE`) never changes what the tests see.
 */
export class TerraformWorkspace {
  readonly cliConfig: string;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.cliConfig = writeCliConfig(dir);
  }

  run(args: readonly string[], options: RunOptions = {}): TerraformResult {
    const result = spawnSync("terraform", ["-chdir=" + this.dir, ...args], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: baseEnv({
        TF_CLI_CONFIG_FILE: this.cliConfig,
        // The CLI config decides about the plugin cache, not the caller's environment.
        TF_PLUGIN_CACHE_DIR: undefined,
        ...options.env,
      }),
    });
    const outcome: TerraformResult = {
      code: result.status ?? -1,
      stdout: result.stdout ?? "",
      stderr: result.stderr ?? String(result.error ?? ""),
    };
    if (!(options.okCodes ?? [0]).includes(outcome.code)) {
      throw new TerraformError(args, this.dir, outcome);
    }
    return outcome;
  }

  init(): void {
    this.run(["init", "-input=false", "-no-color", "-backend=true"]);
  }

  validate(): void {
    this.run(["validate", "-no-color"]);
  }

  /** Plans to `plan.tfplan` and returns `terraform show -json` of it, parsed. */
  planJson(extraArgs: readonly string[] = []): PlanJson {
    this.run([
      "plan",
      "-input=false",
      "-no-color",
      "-lock=false",
      "-out=plan.tfplan",
      ...extraArgs,
    ]);
    return JSON.parse(this.run(["show", "-json", "plan.tfplan"]).stdout) as PlanJson;
  }
}

/** The subset of `terraform show -json` that this project reads; unknown fields are kept. */
export interface PlanJson {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
  readonly resource_drift?: readonly ResourceChange[];
  readonly output_changes?: Record<string, { readonly actions: readonly string[] }>;
  readonly planned_values?: unknown;
  readonly configuration?: unknown;
  readonly errored?: boolean;
  readonly complete?: boolean;
  readonly [key: string]: unknown;
}

export interface ResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode?: string;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly action_reason?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
    readonly importing?: unknown;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}
