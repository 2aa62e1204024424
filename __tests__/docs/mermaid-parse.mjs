/**
 * Parses Mermaid diagrams with Mermaid's own parser, headless: reads a JSON list of diagram
 * sources on stdin and prints a JSON list of `null` (parsed) or the parse error. Mermaid is an
 * ES module that wants a DOM (for sanitizing labels), so it runs here, in plain Node with
 * jsdom, rather than inside Jest's CommonJS sandbox.
 */
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const source of JSON.parse(input)) {
  try {
    await mermaid.parse(source);
    results.push(null);
  } catch (error) {
    results.push(String(error?.message ?? error));
  }
}
process.stdout.write(JSON.stringify(results));
