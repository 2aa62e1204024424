/**
 * Every form in which Terraform's text may print a sensitive string, so the search for it finds
 * it however it was escaped. Checked against Terraform 1.11: a quoted string is printed with Go's
 * `%q` (`\x01`, `\a`, `\u2028`, `\u00a0`; emoji and accented letters as they are), a multi-line
 * string as a heredoc (its lines as they are), a map key as is or `%q`-quoted, and a provider's
 * diagnostic may quote it raw or JSON-encoded (Go's encoding/json escapes `<`, `>`, `&` too).
 * HCL's own escaping (`$${`, `%%{`, `\u` escapes) is covered for renderers that use it, and so
 * is the value with its invisible characters dropped, as a log pipeline may print it.
 */

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
/** Nothing in the string is escaped by any of the forms below. */
const PLAIN = /^[\x20-\x7e]*$/;
const ESCAPED_BY_SOME_FORM = /["\\<>&]|[$%]\{/;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/gu;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** Go's strconv.Quote (`%q`) without the quotes; HCL's variant escapes templates, never `\x`. */
function goQuote(value: string, hcl: boolean): string {
  let out = "";
  const chars = [...value];
  chars.forEach((c, i) => {
    const code = c.codePointAt(0) ?? 0;
    const named = GO_NAMED.get(c);
    if (c === '"' || c === "\\") out += `\\${c}`;
    else if (hcl && (c === "$" || c === "%") && chars[i + 1] === "{") out += c + c;
    else if (GO_PRINTABLE.test(c)) out += c;
    else if (named !== undefined && (!hcl || HCL_NAMED.has(c))) out += named;
    else if (!hcl && (code < 0x20 || code === 0x7f)) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  });
  return out;
}

const GO_NAMED = new Map([
  ["\x07", "\\a"],
  ["\b", "\\b"],
  ["\f", "\\f"],
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
  ["\v", "\\v"],
]);
const HCL_NAMED = new Set(["\n", "\r", "\t"]);

/**
 * Go's encoding/json string escaping, without the quotes: JSON's, plus `<`, `>`, `&`, U+2028 and
 * U+2029 as `\u` escapes; `\b` and `\f` as Go 1.22+ writes them, or as `\u0008`/`\u000c` before.
 */
function goJson(value: string, oldControls: boolean): string {
  return [...value]
    .map((c) => {
      const escaped = JSON.stringify(c).slice(1, -1);
      if (/[<>&\u2028\u2029]/.test(c) || (oldControls && (c === "\b" || c === "\f"))) {
        return `\\u${hex(c.charCodeAt(0), 4)}`;
      }
      return escaped;
    })
    .join("");
}

/**
 * The forms of `value` to search for. A multi-line value is also searched line by line (each
 * trimmed), because a heredoc prints its lines apart, indented.
 */
export function printedForms(value: string): string[] {
  if (PLAIN.test(value) && !ESCAPED_BY_SOME_FORM.test(value)) return [value];
  const lines = value.split(/\r\n|\n|\r/);
  const whole =
    lines.length > 1
      ? lines.map((l) => l.trim()).filter((l) => l !== "")
      : [value, value.replace(INVISIBLE, "")];
  const escaped = [
    JSON.stringify(value).slice(1, -1),
    goJson(value, false),
    goJson(value, true),
    goQuote(value, false),
    goQuote(value, true),
  ];
  return [...new Set([...whole, ...escaped])];
}
