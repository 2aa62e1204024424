import { App, TerraformOutput } from "cdktf";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { MODULES } from "../../constructs";
import { generateModules } from "../../constructs/core/generate";
import {
  GENERATED_SECTIONS,
  generatedSection,
  MODULE_MAIN_FILE,
} from "../../constructs/core/module-renderer";
import { ReadableStack } from "../../constructs/core/readable-stack";
import { AWS_PROVIDER_VERSION, MODULE_TERRAFORM_VERSION } from "../../constructs/core/versions";
import { EnvironmentProviders } from "../../stacks/providers";
import { COMMITTED_MODULES, REPO, scratchDir } from "../support/synth";
import { describeTerraform } from "../support/terraform-suite";

/**
 * What every module promises, checked once over the registry: a standalone module whose
 * variables and outputs are the spec's, all described; a README with its generated sections;
 * and a typed call of the README example that synthesizes to module references.
 */
const generated = generateModules(MODULES.map((m) => m.Stack));
const cases = MODULES.map((m) => [m.spec.name, m] as const);

/** The ```hcl blocks of a Markdown file. */
function hclBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```hcl\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/** The lines between a generated section's markers (throws when the markers are missing). */
function sectionOf(readme: string, name: (typeof GENERATED_SECTIONS)[number]): string {
  const { begin, end } = generatedSection(name);
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no generated ${name} section`);
  return readme.slice(from + begin.length, to);
}

describe("the module registry", () => {
  it("holds every constructs/<name>/ directory once, under its directory name", () => {
    const dirs = fs
      .readdirSync(path.join(REPO, "constructs"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== "core")
      .map((d) => d.name)
      .sort();
    expect(MODULES.map((m) => m.spec.name).sort()).toEqual(dirs);
  });
});

describe.each(cases)("module %s: the contract every module keeps", (name, definition) => {
  const { spec } = definition;
  const files = generated.get(name)!;
  const tf = JSON.parse(files[MODULE_MAIN_FILE]!);
  const readme = files["README.md"]!;

  it("is standalone: the supported provider range, no provider or backend block", () => {
    expect(tf.terraform.required_version).toBe(MODULE_TERRAFORM_VERSION);
    expect(tf.terraform.required_providers.aws.version).toBe(AWS_PROVIDER_VERSION);
    expect(tf.provider).toBeUndefined();
    expect(tf.terraform.backend).toBeUndefined();
  });

  it("declares exactly the spec's inputs and outputs, each with a description", () => {
    expect(Object.keys(tf.variable ?? {}).sort()).toEqual(Object.keys(spec.inputs).sort());
    expect(Object.keys(tf.output ?? {}).sort()).toEqual(Object.keys(spec.outputs).sort());
    for (const [key, v] of Object.entries(tf.variable ?? {}) as [string, any][])
      expect([key, typeof v.description, v.description.length > 0]).toEqual([key, "string", true]);
    for (const [key, o] of Object.entries(tf.output ?? {}) as [string, any][])
      expect([key, typeof o.description, o.description.length > 0]).toEqual([key, "string", true]);
  });

  it("has a README with every generated section, listing every input, output and resource", () => {
    const inputs = sectionOf(readme, "inputs");
    for (const input of Object.keys(spec.inputs)) expect(inputs).toContain(`| \`${input}\` |`);
    const outputs = sectionOf(readme, "outputs");
    for (const out of Object.keys(spec.outputs)) expect(outputs).toContain(`| \`${out}\` |`);
    const resources = sectionOf(readme, "resources");
    for (const [type, blocks] of Object.entries(tf.resource ?? {}) as [string, object][])
      for (const block of Object.keys(blocks)) expect(resources).toContain(`\`${type}.${block}\``);
    const usage = sectionOf(readme, "usage");
    expect(hclBlocks(usage)).toHaveLength(1);
    expect(usage).toContain(`//terraform-modules/${name}?ref=`);
  });

  it("gives env roots a typed call of the README example whose outputs are module references", () => {
    const root = new ReadableStack(new App({ skipValidation: true }), "root");
    const providers = new EnvironmentProviders(root, "eu-north-1", { Environment: "test" });
    const call = new definition.Call(root, "example", {
      source: `./${name}`,
      inputs: spec.example,
      providers,
      ...(spec.exampleDefaultProviderAlias
        ? { defaultProviderAlias: spec.exampleDefaultProviderAlias }
        : {}),
    });
    for (const out of Object.keys(spec.outputs))
      new TerraformOutput(root, `out_${out}`, { value: (call.outputs as any)[out] });
    const synthesized = root.toTerraform() as any;
    const block = synthesized.module.example;
    expect(block.source).toBe(`./${name}`);
    for (const input of Object.keys(spec.example)) expect(block).toHaveProperty([input]);
    for (const out of Object.keys(spec.outputs))
      expect(synthesized.output[`out_${out}`].value).toBe(`\${module.example.${out}}`);
    // Inputs left out are not written, so the module's defaults apply.
    const omitted = Object.keys(spec.inputs).filter((k) => !(k in spec.example));
    for (const input of omitted) expect(block).not.toHaveProperty([input]);
    expect(
      () =>
        new definition.Call(root, "misspelt", {
          source: `./${name}`,
          inputs: { ...spec.example, not_an_input: 1 },
          providers,
        }),
    ).toThrow(/unknown inputs not_an_input/);
  });
});

describeTerraform("module READMEs, checked by real Terraform", () => {
  it("every README's HCL is `terraform fmt` clean, as users paste it", () => {
    const dir = scratchDir("readme-hcl");
    let count = 0;
    for (const name of fs.readdirSync(COMMITTED_MODULES)) {
      const readme = path.join(COMMITTED_MODULES, name, "README.md");
      if (!fs.existsSync(readme)) continue;
      hclBlocks(fs.readFileSync(readme, "utf8")).forEach((block, i) => {
        fs.writeFileSync(path.join(dir, `${name}-${i}.tf`), block);
        count++;
      });
    }
    expect(count).toBeGreaterThanOrEqual(MODULES.length);
    // `-list` names each file fmt would change; -check makes that exit non-zero.
    let unformatted = "";
    try {
      execFileSync("terraform", ["fmt", "-check", "-list=true", dir], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      unformatted = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(
      unformatted
        .split("\n")
        .filter(Boolean)
        .map((f) => path.basename(f)),
    ).toEqual([]);
  });
});
