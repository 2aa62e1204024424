/**
 * Quotes Terraform's free text (plain-text plans, error output) without the sensitive values the
 * plans flag, failing closed: a secret is replaced in every form Terraform may print it; a line
 * that cannot be proven free of secrets (a sensitive value too short to replace without mangling
 * the text, or characters that could hide or disguise text) is withheld, with a note saying so;
 * and when the secrets themselves cannot all be known (a doubt), the whole text is withheld.
 * Only the text that is kept is searched: callers say how much of it can be shown, and the
 * search (string-search.ts) is linear in that text plus the secrets' total length.
 */
import { clip } from "./markdown";
import { printedForms } from "./printed-forms";
import type { SensitiveValues } from "./sensitive";
import { Matcher, occurringIn, type Needle } from "./string-search";

export const REDACTED = "(sensitive)";
/**
 * Shorter forms of a sensitive value cannot be replaced without mangling unrelated text, so lines
 * holding one are withheld instead.
 */
export const MIN_REDACTABLE_LENGTH = 4;

export type FreeText = { readonly text: string } | { readonly withheld: string };

const TERRAFORM_SENSITIVE_MARK = "(sensitive value)";
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
/**
 * Control and format characters (bidi overrides, zero-width), separators, private-use, lone
 * surrogates and U+FFFD (bytes that were not UTF-8): text holding them may not be what it looks
 * like, so it cannot be shown as proven clean. Tabs are fine.
 */
const UNSHOWABLE = /(?!\t)[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/u;

const WITHHELD_SHORT = "possibly holding a sensitive value too short to redact reliably";
const WITHHELD_CHARACTERS = "holding characters that cannot be shown safely";

export interface QuoteRequest {
  /** Which environment's plan the text belongs to (its index in the index's list). */
  readonly env: number;
  readonly text: string;
  /** At most this many characters are shown. */
  readonly limit: number;
  /** `clip`: longer text is cut there, saying so; `refuse`: longer text gives undefined. */
  readonly overflow: "clip" | "refuse";
}

/** Terraform already hid the value on these lines; keep only the attribute name to be sure. */
function maskMarkedLine(line: string): string {
  if (!line.includes(TERRAFORM_SENSITIVE_MARK)) return line;
  const assignment = line.indexOf(" = ");
  return assignment >= 0
    ? `${line.slice(0, assignment + 3)}${TERRAFORM_SENSITIVE_MARK}`
    : `${/^\s*/.exec(line)?.[0] ?? ""}${TERRAFORM_SENSITIVE_MARK}`;
}

/** Colour codes stripped, line ends made `\n`, Terraform's own marks honoured. */
export function asPlainText(text: string): string {
  return text
    .replace(ANSI_ESCAPE, "")
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map(maskMarkedLine)
    .join("\n");
}

/** The lines of one text as shown, with consecutive withheld lines folded into one note. */
class Output {
  private readonly lines: string[] = [];
  private withheld: { reason: string; count: number; at: number } | undefined;
  length = 0;

  private push(line: string): void {
    this.length += line.length + 1;
    this.lines.push(line);
  }

  private note(): string {
    const w = this.withheld!;
    return `${" ".repeat(w.at)}[${w.count} ${w.count === 1 ? "line" : "lines"} withheld: ${w.reason}]`;
  }

  line(text: string): void {
    this.withheld = undefined;
    this.push(text);
  }

  withhold(reason: string, indent: number): void {
    if (this.withheld?.reason === reason) {
      this.withheld.count++;
      this.length -= this.lines.pop()!.length + 1;
    } else {
      this.withheld = { reason, count: 1, at: indent };
    }
    this.push(this.note());
  }

  text(): string {
    return this.lines.join("\n");
  }
}

/** The redactable and too-short forms of every environment's secrets. */
export class SecretIndex {
  /** Replaced in every environment's text: environments often share secrets. */
  private readonly redactable = new Set<string>();
  /** Withhold lines only in their own environment's text. */
  private readonly unredactable: Set<string>[];
  private readonly doubts: readonly (readonly string[])[];
  private readonly longest: number;

  constructor(perEnv: readonly SensitiveValues[]) {
    let longest = 0;
    this.unredactable = perEnv.map((env) => {
      const short = new Set<string>();
      for (const value of env.values) {
        for (const form of printedForms(value)) {
          const needle = form.trim();
          if (needle === "") continue;
          longest = Math.max(longest, needle.length);
          if (needle.length >= MIN_REDACTABLE_LENGTH) this.redactable.add(needle);
          else short.add(needle);
        }
      }
      return short;
    });
    this.doubts = perEnv.map((env) => env.doubts);
    this.longest = longest;
  }

  /** Quotes several texts in one search over all of them. */
  quote(requests: readonly QuoteRequest[]): (FreeText | undefined)[] {
    const prepared = requests.map((r) => (this.doubtOf(r.env) ? "" : asPlainText(r.text)));
    // Only the part of each text that can be shown (plus one secret's length) is searched.
    const searched = prepared.map((text, i) => {
      const r = requests[i]!;
      return r.overflow === "clip" ? text.slice(0, r.limit + this.longest) : text;
    });
    const envs = new Set(requests.map((r) => r.env));
    const candidates = [
      ...this.redactable,
      ...[...envs].flatMap((e) => [...(this.unredactable[e] ?? [])]),
    ];
    const found = occurringIn(searched.join("\n"), candidates, this.longest);
    const matchers = new Map<number, Matcher>();
    const matcherFor = (env: number): Matcher => {
      let matcher = matchers.get(env);
      if (matcher === undefined) {
        const needles: Needle[] = [...found].map((text) => ({
          text,
          redact: this.redactable.has(text),
        }));
        const own = this.unredactable[env] ?? new Set<string>();
        matcher = new Matcher(needles.filter((n) => n.redact || own.has(n.text)));
        matchers.set(env, matcher);
      }
      return matcher;
    };
    return requests.map((r, i) => {
      const doubt = this.doubtOf(r.env);
      if (doubt !== undefined) return { withheld: `withheld: ${doubt}` };
      return this.redact(prepared[i]!, matcherFor(r.env), r);
    });
  }

  private doubtOf(env: number): string | undefined {
    const doubts = this.doubts[env] ?? [];
    if (doubts.length === 0) return undefined;
    return doubts.length === 1 ? doubts[0] : `${doubts[0]} (and ${doubts.length - 1} more doubts)`;
  }

  private redact(text: string, matcher: Matcher, request: QuoteRequest): FreeText | undefined {
    const clipping = request.overflow === "clip";
    const out = new Output();
    let start = 0;
    let cut = false;
    for (const line of text.split("\n")) {
      if (clipping && start >= request.limit) {
        cut = true;
        break;
      }
      // Past the limit nothing is shown, but a secret starting before it is still found whole.
      const shown = clipping ? Math.min(line.length, request.limit - start) : line.length;
      cut ||= shown < line.length;
      start += line.length + 1;
      const matches = matcher.scan(line.slice(0, shown + this.longest));
      const indent = /^\s*/.exec(line)?.[0].length ?? 0;
      if (matches.unredactable) out.withhold(WITHHELD_SHORT, indent);
      else if (UNSHOWABLE.test(line.slice(0, shown))) out.withhold(WITHHELD_CHARACTERS, indent);
      else out.line(replaceRanges(line, matches.ranges, shown));
      if (!clipping && out.length > request.limit + 1) return undefined;
    }
    const shown = out.text();
    if (!clipping) return { text: shown };
    return { text: cut || shown.length > request.limit ? clip(`${shown}…`, request.limit) : shown };
  }
}

/** `line` up to `end`, with each range replaced; a range crossing `end` is replaced whole. */
function replaceRanges(
  line: string,
  ranges: readonly (readonly [number, number])[],
  end: number,
): string {
  let out = "";
  let at = 0;
  for (const [from, to] of ranges) {
    if (from >= end) break;
    out += line.slice(at, from) + REDACTED;
    at = to;
  }
  return at < end ? out + line.slice(at, end) : out;
}

/** Free text to quote later, once it is known how much room the comment has for it. */
export interface PendingText {
  readonly index: SecretIndex;
  readonly env: number;
  readonly text: string;
}

/** Quotes each pending text whole if it fits in `limit` characters, else undefined for it. */
export function quotePending(
  texts: readonly PendingText[],
  limit: number,
): (FreeText | undefined)[] {
  const quoted = new Map<PendingText, FreeText | undefined>();
  for (const index of new Set(texts.map((t) => t.index))) {
    const mine = texts.filter((t) => t.index === index);
    const results = index.quote(
      mine.map((t) => ({ env: t.env, text: t.text, limit, overflow: "refuse" })),
    );
    mine.forEach((t, i) => quoted.set(t, results[i]));
  }
  return texts.map((t) => quoted.get(t));
}
