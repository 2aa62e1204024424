import * as fs from "node:fs";
import * as path from "node:path";
import type { ResolvedEnvironment } from "../config/resolve";
import { environmentDocument } from "./document";
import { environmentsDocument } from "./environments";
import { describeEnvironment } from "./model";

/** Generated documents by file name (`prod.md`, `environments.md`). */
export type Documents = Readonly<Record<string, string>>;

/** Every document of a platform: one per environment and the comparison. Nothing is written. */
export function generateDocs(environments: readonly ResolvedEnvironment[]): Documents {
  const docs: Record<string, string> = {};
  for (const environment of environments)
    docs[`${environment.name}.md`] = environmentDocument(describeEnvironment(environment));
  docs["environments.md"] = environmentsDocument(environments);
  return docs;
}

/**
 * Writes the documents into `dir`. With `prune` (every environment was generated), Markdown
 * files there that are no longer generated are removed: a removed environment's overview.
 */
export function writeDocs(dir: string, docs: Documents, prune = true): void {
  fs.mkdirSync(dir, { recursive: true });
  if (prune)
    for (const file of fs.readdirSync(dir))
      if (file.endsWith(".md") && !(file in docs)) fs.rmSync(path.join(dir, file));
  for (const [file, text] of Object.entries(docs)) fs.writeFileSync(path.join(dir, file), text);
}

/** The Markdown files of a directory, by name. */
export function readDocs(dir: string): Documents {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]),
  );
}
