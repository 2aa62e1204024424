import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { platform as cacheAndFiles } from "../../examples/cache-and-files";
import {
  CommandRun,
  projectCopy,
  rootsOf,
  runInProject,
  scratchDir,
  snapshotTree,
  synthPlatform,
} from "../support/synth";

/** The README's synth commands, verbatim, through the real CLI and cdktf.json, in a project copy. */
describe("npx cdktf synth", () => {
  let project: string;
  /**
   * `npx cdktf synth --output <scratch>/cdktf.out` with the modules in `<scratch>/terraform-modules`:
   * the layout synthPlatform uses, so the roots' relative module sources read the same.
   */
  const synth = (
    env: NodeJS.ProcessEnv = {},
  ): CommandRun & { outdir: string; modulesDir: string } => {
    const dir = scratchDir("cli");
    const [outdir, modulesDir] = [path.join(dir, "cdktf.out"), path.join(dir, "terraform-modules")];
    const run = runInProject(project, "npx", ["cdktf", "synth", "--output", outdir], {
      TERRAFORM_MODULES_DIR: modulesDir,
      ...env,
    });
    return { ...run, outdir, modulesDir };
  };

  /** The built-in config through the CLI, run once for the tests that compare against it. */
  let builtIn: ReturnType<typeof synth>;
  beforeAll(() => {
    project = projectCopy("cli");
    builtIn = synth();
  });

  it("builds the built-in config: the bytes synthPlatform (cdktf.json's app) writes", () => {
    const cli = builtIn;
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.output).toContain("Generated Terraform code for the stacks: dev, prod, staging");
    const helper = synthPlatform();
    expect(helper.code).toBe(0);
    const roots = rootsOf(cli.outdir);
    expect(Object.keys(roots).sort()).toEqual([
      "dev/cdk.tf.json",
      "prod/cdk.tf.json",
      "staging/cdk.tf.json",
    ]);
    expect(roots).toEqual(rootsOf(helper.outdir));
    expect(snapshotTree(cli.modulesDir)).toEqual(snapshotTree(helper.modulesDir));
  });

  it("npm run synth (the app without the CLI) writes the bytes npx cdktf synth writes", () => {
    const cli = builtIn;
    expect(cli.code).toBe(0);
    // The same layout as the CLI run, so relative module sources read the same.
    const dir = scratchDir("direct");
    const direct = runInProject(project, "npm", ["run", "-s", "synth"], {
      CDKTF_OUTDIR: path.join(dir, "cdktf.out"),
      TERRAFORM_MODULES_DIR: path.join(dir, "terraform-modules"),
    });
    expect(direct.code).toBe(0);
    const digest = (tree: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(tree).map(([f, c]) => [f, createHash("sha256").update(c).digest("hex")]),
      );
    expect(digest(snapshotTree(path.join(dir, "cdktf.out")))).toEqual(
      digest(snapshotTree(cli.outdir)),
    );
  });

  it("PLATFORM_CONFIG=examples/cache-and-files.ts, and the same config as .js and .json, build the same roots", () => {
    // A CommonJS module that imports the TypeScript example, and the example as plain data.
    fs.writeFileSync(
      path.join(project, "examples", "cache-and-files-cjs.js"),
      'module.exports = { platform: require("./cache-and-files").platform };\n',
    );
    fs.writeFileSync(
      path.join(project, "examples", "cache-and-files.json"),
      JSON.stringify(cacheAndFiles, null, 2),
    );
    const runs = [
      "examples/cache-and-files.ts",
      "examples/cache-and-files-cjs.js",
      "examples/cache-and-files.json",
    ].map((file) => ({ file, ...synth({ PLATFORM_CONFIG: file }) }));
    for (const run of runs) expect(run).toMatchObject({ code: 0 });
    const [ts, ...others] = runs.map((run) => rootsOf(run.outdir));
    const prod = JSON.parse(Buffer.from(ts!["prod/cdk.tf.json"]!, "base64").toString("utf8"));
    expect(Object.keys(prod.module)).toEqual(
      expect.arrayContaining(["cache_sessions", "file_system_media"]),
    );
    for (const roots of others) expect(roots).toEqual(ts);
  });

  describe("a config file that cannot be loaded", () => {
    const bad: Array<[string, string, string, (file: string) => string]> = [
      [
        "syntax error",
        "broken.ts",
        'export const platform = {\n  project: "shop",\n  environments: {,\n};\n',
        (file) => `syntax error at ${file}:3:17: Expected identifier but found ","`,
      ],
      [
        "invalid JSON",
        "broken.json",
        '{\n  "project": "shop",\n}\n',
        (file) => `invalid JSON at ${file}:3:1: Expected double-quoted property name`,
      ],
      [
        "throw at load",
        "throws.ts",
        'const region = process.env.NO_SUCH_VAR;\nif (!region) throw new Error("set NO_SUCH_VAR");\nexport default { region };\n',
        (file) => `failed while loading at ${file}:2:20: Error: set NO_SUCH_VAR`,
      ],
    ];

    it.each(bad)(
      "%s: one clear message with file, line and column, no stack trace, nothing written",
      (_, name, body, message) => {
        const dir = scratchDir("bad-config");
        const file = path.join(dir, name);
        fs.writeFileSync(file, body);
        const outdir = path.join(dir, "cdktf.out");
        const run = synthPlatform({ outdir, env: { PLATFORM_CONFIG: file } });
        expect(run.code).toBe(1);
        expect(run.stdout).toBe("");
        expect(run.stderr).toBe(
          `Invalid platform config (1 error); nothing was written:\n  - [platform] PLATFORM_CONFIG = "${file}": ${message(file)}\n`,
        );
        expect(fs.existsSync(outdir)).toBe(false);
      },
    );

    it("through the CLI too: the app's message, no stack trace, nothing written", () => {
      const dir = scratchDir("bad-cli");
      const file = path.join(dir, "throws.ts");
      fs.writeFileSync(file, 'throw new TypeError("no platform here");\n');
      const run = synth({ PLATFORM_CONFIG: file });
      expect(run.code).not.toBe(0);
      expect(run.output).toContain(
        `- [platform] PLATFORM_CONFIG = "${file}": failed while loading at ${file}:1:7: TypeError: no platform here`,
      );
      expect(run.output).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(run.outdir)).toBe(false);
    });
  });
});
