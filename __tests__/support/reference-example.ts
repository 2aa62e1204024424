import * as fs from "node:fs";
import * as path from "node:path";
import type { PlanJson } from "../../tools/terraform/runner";
import { after, changes, planEnvironment } from "./plan";
import { secureDefaultFindings } from "./secure-defaults";
import { describeTerraform } from "./terraform-suite";
import {
  COMMITTED_MODULES,
  projectCopy,
  readRoot,
  runInProject,
  scratchDir,
  type SynthRun,
} from "./synth";

/** The environments every reference example defines. */
export const EXAMPLE_ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type ExampleEnvironment = (typeof EXAMPLE_ENVIRONMENTS)[number];

export interface ExampleBuild {
  /** The synth, as the plan helpers take it. */
  readonly run: SynthRun;
  /** What `npx cdktf synth` printed. */
  readonly output: string;
  readonly plans: Readonly<Record<ExampleEnvironment, PlanJson>>;
  /** Each environment's `cdk.tf.json`. */
  readonly roots: Readonly<Record<ExampleEnvironment, Record<string, any>>>;
}

/**
 * Builds `examples/<file>` with the README's command, verbatim
 * (`PLATFORM_CONFIG=examples/<file> npx cdktf synth`, in a project copy so the working tree is
 * never touched), then plans dev, staging and prod offline with real Terraform.
 */
function buildExample(file: string): ExampleBuild {
  const project = projectCopy(`example-${path.parse(file).name}`);
  const dir = scratchDir("example");
  const outdir = path.join(dir, "cdktf.out");
  const modulesDir = path.join(dir, "terraform-modules");
  fs.cpSync(COMMITTED_MODULES, modulesDir, { recursive: true });
  const cli = runInProject(project, "npx", ["cdktf", "synth", "--output", outdir], {
    PLATFORM_CONFIG: `examples/${file}`,
    TERRAFORM_MODULES_DIR: modulesDir,
  });
  if (cli.code !== 0) throw new Error(`npx cdktf synth of examples/${file} failed:\n${cli.output}`);
  const run: SynthRun = { code: cli.code, stdout: cli.output, stderr: "", outdir, modulesDir };
  const each = <T>(f: (env: ExampleEnvironment) => T) =>
    Object.fromEntries(EXAMPLE_ENVIRONMENTS.map((env) => [env, f(env)])) as Record<
      ExampleEnvironment,
      T
    >;
  return {
    run,
    output: cli.output,
    plans: each((env) => planEnvironment(run, env)),
    roots: each((env) => readRoot(run, env)),
  };
}

/** Staging's and prod's findings against `secure-defaults.md`, by environment (none expected). */
function secureDefaultsByEnvironment(build: ExampleBuild): Record<string, string[]> {
  return {
    staging: secureDefaultFindings(build.plans.staging),
    prod: secureDefaultFindings(build.plans.prod),
  };
}

/** The ingress rules of one module call, as `[from port, CIDR or prefix list]`, sorted. */
export function ingressOf(plan: PlanJson, call: string): [number, string | null][] {
  return changes(plan, "aws_vpc_security_group_ingress_rule")
    .filter((r) => r.address.startsWith(`module.${call}.`))
    .map((r): [number, string | null] => {
      const rule = after(r);
      return [rule.from_port, rule.cidr_ipv4 ?? rule.prefix_list_id ?? null];
    })
    .sort(([a], [b]) => a - b);
}

/**
 * The suite of one reference example: builds `examples/<file>` once (`buildExample`), checks
 * that its staging and prod plans meet the secure defaults, and runs the write-up's own
 * assertions from `body` on the build, which is filled in before any of them runs.
 */
export function describeExample(
  file: string,
  reference: string,
  body: (build: ExampleBuild) => void,
): void {
  describeTerraform(`examples/${file} (reference ${reference})`, () => {
    const build = {} as ExampleBuild;
    beforeAll(() => {
      Object.assign(build, buildExample(file));
    });

    it("meets the secure defaults in staging and prod", () => {
      expect(secureDefaultsByEnvironment(build)).toEqual({ staging: [], prod: [] });
    });

    body(build);
  });
}
