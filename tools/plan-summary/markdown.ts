/**
 * Escaping for GitHub-flavoured Markdown. Everything the comment takes from a plan or the command
 * line (addresses, types, actions, reasons, versions, environment names, error lines) comes from
 * the pull request, so it reaches the Markdown only through `literal`, which shows it in a code
 * span (or `<code>` inside HTML), where neither Markdown nor HTML is interpreted; quoted free text
 * only ever goes into fenced blocks.
 */

/** Characters that are invisible or reorder text: control, format (bidi, zero-width), separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/gu;
const NAMED_ESCAPES = new Map([
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
]);

/**
 * Shows invisible characters as escapes (`\n`, `\u202e`), so a for_each key cannot hide text,
 * reorder it, or smuggle a terminal escape into a log.
 */
export function printable(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const named = NAMED_ESCAPES.get(c);
    if (named !== undefined) return named;
    const hex = (c.codePointAt(0) ?? 0).toString(16);
    return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
  });
}

/** Where a `literal` goes: running text, a table cell, or raw HTML (a `<summary>` line). */
export type LiteralContext = "inline" | "table" | "html";

/**
 * The one way text from outside reaches the Markdown: made printable, then a code span (with `|`
 * escaped in a table cell, which GFM splits before it sees code spans) or, inside raw HTML, where
 * code spans are not parsed, an HTML-escaped `<code>` element.
 */
export function literal(text: string, context: LiteralContext = "inline"): string {
  const shown = printable(text);
  if (context === "html") return `<code>${escapeHtml(shown)}</code>`;
  const span = codeSpan(shown);
  return context === "table" ? span.replace(/\|/g, "\\|") : span;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/** An inline code span that survives any backticks in `text`; newlines become spaces. */
function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, " ");
  const ticks = "`".repeat(longestRun(flat, "`") + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" ? " " : "";
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run inside `text`. */
export function fencedBlock(text: string, language = ""): string {
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  const body = text.replace(/^(?:[ \t]*\r?\n)+/, "").replace(/\s+$/, "");
  return `${fence}${language}\n${body}\n${fence}`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Shortens `text` to at most `max` characters, saying so. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
