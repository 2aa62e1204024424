import { canonicalJson } from "./canonical-json";
import { hclModuleBlock } from "./hcl";
import { InputSpec, InputSpecs, OutputSpecs } from "./module-spec";
import { ModuleStack } from "./module-stack";
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
  tf.terraform = {
    required_version: MODULE_TERRAFORM_VERSION,
    required_providers: { aws: { source: AWS_PROVIDER_SOURCE, version: AWS_PROVIDER_VERSION } },
  };
  return { [MODULE_MAIN_FILE]: canonicalJson(tf), "README.md": renderReadme(stack) };
}

export function gitSource(moduleName: string): string {
  return `${MODULE_GIT_SOURCE}//terraform-modules/${moduleName}?ref=${EXAMPLE_MODULE_REF}`;
}

function renderReadme(stack: ModuleStack<InputSpecs, OutputSpecs>): string {
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
    "```hcl",
    hclModuleBlock(spec.name.replace(/-/g, "_"), gitSource(spec.name), spec.example),
    "```",
    "",
    "From TypeScript (cdktf), with typed inputs and outputs:",
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
    "| Name | Description | Type | Default | Required |",
    "| --- | --- | --- | --- | :---: |",
    ...Object.entries(spec.inputs).map(
      ([name, input]) =>
        `| \`${name}\` | ${cell(input.description)} | \`${cell(input.type.expr)}\` | ${defaultCell(input)} | ${input.required ? "yes" : "no"} |`,
    ),
    "",
    "## Outputs",
    "",
    "| Name | Description |",
    "| --- | --- |",
    ...Object.entries(spec.outputs).map(
      ([name, out]) =>
        `| \`${name}\` | ${cell(out.description)}${out.sensitive ? " (sensitive)" : ""} |`,
    ),
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
