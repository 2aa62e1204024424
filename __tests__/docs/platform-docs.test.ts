import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { defaultPlatform } from "../../config/platform";
import { resolvePlatform } from "../../config/resolve";
import { generateDocs, readDocs } from "../../docs-gen";
import { diagram } from "../../docs-gen/diagram";
import { describeEnvironment } from "../../docs-gen/model";
import { Connections, ConnectionsRegistry } from "../../stacks/connections";
import { REPO } from "../support/synth";

const COMMITTED = path.join(REPO, "docs", "platform");
const EXAMPLES = path.join(REPO, "examples");

/** Every example config, by file name: what `PLATFORM_CONFIG=examples/<file>` builds. */
const examples = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((file) => {
    const loaded = require(path.join(EXAMPLES, file)) as { default?: unknown; platform?: unknown };
    return { file, config: loaded.default ?? loaded.platform };
  });

/** The Mermaid blocks of a Markdown document. */
const mermaidBlocks = (markdown: string) =>
  [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

/** Parse errors of each diagram (null: parsed), from Mermaid's own parser. */
function parseWithMermaid(sources: readonly string[]): (string | null)[] {
  const result = spawnSync(process.execPath, [path.join(__dirname, "mermaid-parse.mjs")], {
    input: JSON.stringify(sources),
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`mermaid-parse failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as (string | null)[];
}

/** A diagram's solid arrows: `source -->|"TCP port"| target`. */
export function solidEdges(source: string): string[] {
  return [...source.matchAll(/^ {2}([a-z0-9_]+) -->\|"TCP (\d+)"\| ([a-z0-9_]+)$/gm)]
    .map(([, from, port, to]) => `${from} -> ${to}:${port}`)
    .sort();
}

describe("platform docs", () => {
  const builtIn = generateDocs(resolvePlatform(defaultPlatform));

  it("docs/platform/ is what the built-in config generates (run `npm run docs` after changing it)", () => {
    expect(readDocs(COMMITTED)).toEqual(builtIn);
  });

  it("are byte-identical when generated twice", () => {
    expect(generateDocs(resolvePlatform(defaultPlatform))).toEqual(builtIn);
  });

  it("cover every environment and compare them", () => {
    expect(Object.keys(builtIn).sort()).toEqual([
      "dev.md",
      "environments.md",
      "prod.md",
      "staging.md",
    ]);
    const compared = builtIn["environments.md"]!;
    expect(compared).toContain("| `vpc.natMode` | single | single | one-per-az |");
    expect(compared).toContain("| `databases.main.multiAz` | false | false | true |");
  });

  it.each(examples.map((e) => [e.file, e]))(
    "are generated for every environment of examples/%s",
    (_file, { config }) => {
      const environments = resolvePlatform(config);
      const docs = generateDocs(environments);
      expect(Object.keys(docs).sort()).toEqual(
        [...environments.map((e) => `${e.name}.md`), "environments.md"].sort(),
      );
      expect(generateDocs(resolvePlatform(config))).toEqual(docs);
      for (const env of environments)
        expect(mermaidBlocks(docs[`${env.name}.md`]!)).toHaveLength(1);
    },
  );

  it("every diagram parses with Mermaid's parser", () => {
    const all = [builtIn, ...examples.map((e) => generateDocs(resolvePlatform(e.config)))];
    const sources = all.flatMap((docs) => Object.values(docs).flatMap(mermaidBlocks));
    expect(sources.length).toBeGreaterThanOrEqual(3 * all.length);
    expect(parseWithMermaid(sources)).toEqual(sources.map(() => null));
  });

  it("the parse check rejects a broken diagram", () => {
    expect(parseWithMermaid(['flowchart LR\n  a -->|"TCP 80| b'])[0]).toMatch(/Parse error/);
  });

  it("every diagram's solid arrows are exactly the flows the connections recorded", () => {
    for (const config of [defaultPlatform, ...examples.map((e) => e.config)]) {
      for (const env of resolvePlatform(config)) {
        const model = describeEnvironment(env);
        expect(model.flows.length).toBeGreaterThan(0);
        expect(solidEdges(diagram(model))).toEqual(
          model.flows.map((f) => `${f.source.call} -> ${f.target.call}:${f.port}`).sort(),
        );
      }
    }
  });
});

describe("ConnectionsRegistry", () => {
  it("records the connections created while it records, and only those", () => {
    const registry = new ConnectionsRegistry();
    new Connections("before", "before");
    const inside = registry.record(() => [new Connections("a", "a"), new Connections("b", "b")]);
    new Connections("after", "after");
    expect(registry.all).toEqual(inside);
  });

  it("a nested recording keeps its own, and the outer one resumes after it", () => {
    const outer = new ConnectionsRegistry();
    const inner = new ConnectionsRegistry();
    const [first, nested, last] = outer.record(() => [
      new Connections("first", "first"),
      inner.record(() => new Connections("nested", "nested")),
      new Connections("last", "last"),
    ]);
    expect(outer.all).toEqual([first, last]);
    expect(inner.all).toEqual([nested]);
  });
});
