import * as fs from "node:fs";
import * as path from "node:path";
import { MODULES } from "../../constructs";
import { MODULE_MAIN_FILE, ModuleFiles } from "../../constructs/core/module-renderer";
import { aliasAddress, PROVIDER_ALIASES } from "../../constructs/core/provider-aliases";
import { offlineProviders, OFFLINE_OVERRIDE_FILE } from "../../tools/terraform/offline";
import { TerraformWorkspace } from "../../tools/terraform/runner";
import { COMMITTED_MODULES, scratchDir } from "./synth";

/** One module call of a scratch root: its name, the generated module it calls, its inputs. */
export interface ModuleCallInput {
  readonly name: string;
  readonly module: string;
  readonly inputs: Record<string, unknown>;
}

/**
 * A scratch Terraform root that calls generated modules, as a consumer would: the AWS provider
 * (plus the modules' aliased configurations, passed explicitly), the offline override, and the
 * modules copied beside it. The one harness for planning module calls; one root may hold many
 * modules, so a single init, validate and plan covers them all.
 */
export class ModuleRoot {
  readonly ws: TerraformWorkspace;
  /** Aliased configurations the root declares: the modules' own and the ones they may run in. */
  private readonly aliases: readonly string[];
  /** Per module, the call's `providers` map; absent when the module inherits the root's default. */
  private readonly providers = new Map<string, Record<string, string>>();
  readonly moduleName: string;
  /** Set by `keepOnlyVariables`: the root declares no provider and passes none to its calls. */
  private variablesOnly = false;

  constructor(
    modules: string | readonly string[],
    /** The (single) module's files; default: the committed `terraform-modules/<name>/`. */
    files?: ModuleFiles,
  ) {
    const names = typeof modules === "string" ? [modules] : [...modules];
    this.moduleName = names.join("+");
    const aliases = new Set<string>();
    for (const name of names) {
      const spec = MODULES.find((m) => m.spec.name === name)?.spec;
      if (!spec) throw new Error(`no module named ${name}`);
      const own = (spec.providerAliases ?? []).map(aliasAddress);
      const runsIn = spec.exampleDefaultProviderAlias;
      for (const alias of [...(spec.providerAliases ?? []), ...(runsIn ? [runsIn] : [])])
        aliases.add(alias);
      if (own.length > 0 || runsIn)
        this.providers.set(
          name,
          Object.fromEntries([
            ["aws", runsIn ? aliasAddress(runsIn) : "aws"],
            ...own.map((a) => [a, a]),
          ]),
        );
    }
    this.aliases = [...aliases].sort();
    const dir = scratchDir(`module-${names.length === 1 ? names[0] : "combined"}`);
    for (const name of names) {
      const target = path.join(dir, "modules", name);
      if (files) {
        fs.mkdirSync(target, { recursive: true });
        for (const [file, content] of Object.entries(files))
          fs.writeFileSync(path.join(target, file), content);
      } else {
        fs.cpSync(path.join(COMMITTED_MODULES, name), target, { recursive: true });
      }
    }
    fs.writeFileSync(
      path.join(dir, OFFLINE_OVERRIDE_FILE),
      JSON.stringify({ provider: offlineProviders(this.aliases) }),
    );
    this.ws = new TerraformWorkspace(dir);
  }

  /**
   * Writes the root: one call of the root's (single) module per entry of `calls`
   * (name → inputs), and root outputs. A call's own `providers` entry replaces the default map
   * (e.g. `{ aws: "aws" }` runs a module whose example runs in us-east-1 in the root's Region).
   */
  write(calls: Record<string, Record<string, unknown>>, outputs: Record<string, string> = {}) {
    return this.writeCalls(
      Object.entries(calls).map(([name, inputs]) => ({ name, module: this.moduleName, inputs })),
      outputs,
    );
  }

  /**
   * Writes `main.tf.json` (the providers and root outputs) and one `<name>.call.tf.json` per
   * call of any of the root's modules, replacing the calls written before.
   */
  writeCalls(calls: readonly ModuleCallInput[], outputs: Record<string, string> = {}) {
    const root: Record<string, unknown> = this.variablesOnly
      ? {}
      : {
          provider: {
            aws: [
              { region: "eu-north-1" },
              ...this.aliases.map((alias) => ({
                alias,
                region: PROVIDER_ALIASES[alias as keyof typeof PROVIDER_ALIASES].region,
              })),
            ],
          },
        };
    if (Object.keys(outputs).length > 0)
      root.output = Object.fromEntries(
        Object.entries(outputs).map(([name, value]) => [name, { value }]),
      );
    fs.writeFileSync(path.join(this.ws.dir, "main.tf.json"), JSON.stringify(root, null, 1));
    for (const file of fs.readdirSync(this.ws.dir))
      if (file.endsWith(CALL_FILE_SUFFIX)) fs.rmSync(path.join(this.ws.dir, file));
    // A file per call, one line per value: each error quotes its line from its own small file
    // (Terraform re-reads the file for every error it prints, which grows with the file).
    for (const { name, module, inputs } of calls) {
      const providers = this.variablesOnly ? undefined : this.providers.get(module);
      const call = {
        source: `./modules/${module}`,
        ...(providers ? { providers } : {}),
        ...inputs,
      };
      fs.writeFileSync(
        path.join(this.ws.dir, `${name}${CALL_FILE_SUFFIX}`),
        JSON.stringify({ module: { [name]: call } }, null, 1),
      );
    }
    return this;
  }

  /**
   * Cuts every copied module down to its `variable` blocks, and the root to its calls: what a
   * check of the input validations alone needs. With no resource and no provider left, Terraform
   * starts no provider at all (each start loads the AWS provider's schema, seconds of CPU), and
   * no walk visits resources.
   */
  keepOnlyVariables(): this {
    const modules = path.join(this.ws.dir, "modules");
    for (const name of fs.readdirSync(modules)) {
      const file = path.join(modules, name, MODULE_MAIN_FILE);
      const { variable } = JSON.parse(fs.readFileSync(file, "utf8"));
      fs.writeFileSync(file, JSON.stringify({ variable }, null, 1));
    }
    fs.rmSync(path.join(this.ws.dir, OFFLINE_OVERRIDE_FILE));
    this.variablesOnly = true;
    return this;
  }
}

/** Not `<name>.tf.json`: Terraform reads a file named `*_override.tf.json` as an override. */
const CALL_FILE_SUFFIX = ".call.tf.json";
