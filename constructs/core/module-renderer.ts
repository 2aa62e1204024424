import { canonicalJson } from "./canonical-json";
import { hclModuleBlock } from "./hcl";
import { InputSpec, InputSpecs, OutputSpecs } from "./module-spec";
import { ModuleStack } from "./module-stack";
import { aliasAddress } from "./provider-aliases";
import {
  AWS_PROVIDER_SOURCE,
  AWS_PROVIDER_VERSION,
  EXAMPLE_MODULE_REF,
  MODULE_GIT_SOURCE,
  MODULE_TERRAFORM_VERSION,
} from "./versions";

/** File name → contents of one generated module directory. */
export type ModuleFiles = Readonly<Record<string, string>>;

export const MODULE_MAIN_FILE = "main.tf.json";

/**
 * Turns a synthesized module stack into a standalone Terraform module: provider and backend
 * blocks removed (the caller configures those), `required_providers` set to the supported
 * range, and a README generated from the same spec that typed the variables.
 */
export function renderModule(stack: ModuleStack<InputSpecs, OutputSpecs>): ModuleFiles {
  const tf = stack.toTerraform() as Record<string, unknown>;
  delete tf.provider;
  const aliases = stack.spec.providerAliases ?? [];
  tf.terraform = {
    required_version: MODULE_TERRAFORM_VERSION,
    required_providers: {
      aws: {
        source: AWS_PROVIDER_SOURCE,
        version: AWS_PROVIDER_VERSION,
        ...(aliases.length > 0 ? { configuration_aliases: aliases.map(aliasAddress) } : {}),
      },
    },
  };
  return { [MODULE_MAIN_FILE]: canonicalJson(tf), "README.md": renderReadme(stack, tf) };
}

export function gitSource(moduleName: string): string {
  return `${MODULE_GIT_SOURCE}//terraform-modules/${moduleName}?ref=${EXAMPLE_MODULE_REF}`;
}

/** The README sections written from the module itself, each between `generatedSection` markers. */
export const GENERATED_SECTIONS = ["usage", "inputs", "outputs", "resources"] as const;
export type GeneratedSection = (typeof GENERATED_SECTIONS)[number];

/** The comment lines that open and close a generated README section. */
export function generatedSection(name: GeneratedSection): { begin: string; end: string } {
  return {
    begin: `<!-- BEGIN GENERATED ${name}: npm run modules -->`,
    end: `<!-- END GENERATED ${name} -->`,
  };
}

function section(name: GeneratedSection, body: readonly string[]): string[] {
  const { begin, end } = generatedSection(name);
  return [begin, ...body, end];
}

/**
 * One row per resource block of the generated module: its address and how many it makes
 * (`count` or `for_each` rendered as written), so readers see what a call creates.
 */
function resourceRows(tf: Record<string, unknown>): string[] {
  const resources = (tf.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  const rows: string[] = [];
  for (const type of Object.keys(resources).sort()) {
    for (const name of Object.keys(resources[type]!).sort()) {
      const block = resources[type]![name]!;
      const forEach = block.for_each === undefined ? undefined : unwrap(block.for_each);
      const count = block.count === undefined ? undefined : unwrap(block.count);
      // A long expression says less in a table cell than where it is written.
      const how =
        forEach !== undefined
          ? forEach.length <= MAX_CELL_EXPRESSION
            ? `one per key of \`${cell(forEach)}\``
            : "one per key of a map built in `main.tf.json`"
          : count !== undefined
            ? count.length <= MAX_CELL_EXPRESSION
              ? `\`count = ${cell(count)}\``
              : "a `count` computed in `main.tf.json`"
            : "one";
      rows.push(`| \`${type}.${name}\` | ${how} |`);
    }
  }
  return rows;
}

const MAX_CELL_EXPRESSION = 60;

function unwrap(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.replace(/^\$\{([\s\S]*)\}$/, "$1").replace(/\s+/g, " ");
}

function renderReadme(
  stack: ModuleStack<InputSpecs, OutputSpecs>,
  tf: Record<string, unknown>,
): string {
  const { spec } = stack;
  const className = `${spec.name
    .split("-")
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("")}Module`;
  const lines = [
    `# \`${spec.name}\` module`,
    "",
    spec.description,
    "",
    `> Generated from \`constructs/${spec.name}/\` by \`npm run modules\`. Do not edit by hand:`,
    "> `npm test` fails when this directory differs from what the construct generates.",
    "",
    "## Usage",
    "",
    "From another Terraform configuration (pin `ref` to a release tag):",
    "",
    ...section("usage", [
      "```hcl",
      hclModuleBlock(
        spec.name.replace(/-/g, "_"),
        gitSource(spec.name),
        spec.example,
        (spec.providerAliases ?? []).map(aliasAddress),
        spec.exampleDefaultProviderAlias ? aliasAddress(spec.exampleDefaultProviderAlias) : "aws",
      ),
      "```",
    ]),
    "",
    "Inside this repository (cdktf), with typed inputs and outputs (the package is not published):",
    "",
    "```ts",
    `import { ${className} } from "./constructs/${spec.name}";`,
    "",
    `const ${camel(spec.name)} = new ${className}(this, "${spec.name.replace(/-/g, "_")}", {`,
    `  source: "${gitSource(spec.name)}",`,
    "  inputs: { /* same names and types as the variables below */ },",
    "});",
    `// ${camel(spec.name)}.outputs.<name> is a typed reference to the module output`,
    "```",
    "",
    "## Requirements",
    "",
    "| Name | Version |",
    "| --- | --- |",
    `| terraform | \`${MODULE_TERRAFORM_VERSION}\` |`,
    `| ${AWS_PROVIDER_SOURCE} | \`${AWS_PROVIDER_VERSION}\` |`,
    "",
    "The module declares no provider or backend block: configure the AWS provider (region,",
    "`default_tags`) in the calling root.",
    "",
    "## Inputs",
    "",
    ...section("inputs", [
      "| Name | Description | Type | Default | Required |",
      "| --- | --- | --- | --- | :---: |",
      ...Object.entries(spec.inputs).map(
        ([name, input]) =>
          `| \`${name}\` | ${cell(input.description)} | \`${cell(input.type.expr)}\` | ${defaultCell(input)} | ${input.required ? "yes" : "no"} |`,
      ),
    ]),
    "",
    "## Outputs",
    "",
    ...section("outputs", [
      "| Name | Description |",
      "| --- | --- |",
      ...Object.entries(spec.outputs).map(
        ([name, out]) =>
          `| \`${name}\` | ${cell(out.description)}${out.sensitive ? " (sensitive)" : ""} |`,
      ),
    ]),
    "",
    "## Resources",
    "",
    "What a call creates, read from the generated module (`count`/`for_each` as written there):",
    "",
    ...section("resources", ["| Resource | How many |", "| --- | --- |", ...resourceRows(tf)]),
    "",
  ];
  if (spec.notes) lines.push(spec.notes.trim(), "");
  return lines.join("\n");
}

function defaultCell(input: InputSpec): string {
  if (input.required) return "n/a";
  return `\`${cell(JSON.stringify(input.default))}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n+/g, " ");
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
