/**
 * Escaping for GitHub-flavoured Markdown. Addresses and error text come from the pull request
 * (for_each keys, provider messages), so they are only ever placed inside code spans or fenced
 * blocks, where neither Markdown nor HTML is interpreted.
 */

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
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, " ");
  const ticks = "`".repeat(longestRun(flat, "`") + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" ? " " : "";
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A code span usable inside a table cell, where GFM needs `|` escaped even in code. */
export function tableCode(text: string): string {
  return codeSpan(text).replace(/\|/g, "\\|");
}

/** A fenced code block whose fence is longer than any backtick run inside `text`. */
export function fencedBlock(text: string, language = ""): string {
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  const body = text.replace(/^(?:[ \t]*\r?\n)+/, "").replace(/\s+$/, "");
  return `${fence}${language}\n${body}\n${fence}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Shortens `text` to at most `max` characters, saying so. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
