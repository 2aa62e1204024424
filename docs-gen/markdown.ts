/** Markdown building blocks shared by the sections: tables, code spans and lists. */

/** A table cell: pipes escaped, line breaks flattened, empty cells shown as a dash. */
function cell(value: string): string {
  return value === "" ? "—" : value.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A GitHub table; rows are already in the order they should appear. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A code span that survives backticks in the value. */
export const code = (value: string | number): string => {
  const text = String(value);
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
};

export const yesNo = (value: boolean): string => (value ? "yes" : "no");

/** `a, b and c`. */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** `1 task` / `2 tasks`. */
export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n} ${n === 1 ? word : many}`;

/** A section: `## title`, then its blocks separated by blank lines. */
export function section(title: string, ...blocks: readonly string[]): string {
  return [`## ${title}`, ...blocks.filter((b) => b !== "")].join("\n\n");
}
