/**
 * Multi-string search in time linear in the text searched plus the strings' total length, so
 * redaction stays fast with a million secrets and megabytes of plan text. Two steps, because the
 * text that is kept is small and the secrets may be many: a suffix automaton of the kept text
 * tells which secrets occur in it at all, and an Aho–Corasick automaton of just those finds where.
 * Both work on UTF-16 code units, as JavaScript strings do.
 */

const UNITS = 0x10000;

/** Edges keyed by `state * 65536 + code unit`, with each state's codes listed for copying. */
class Edges {
  private readonly to = new Map<number, number>();
  readonly codes: number[][] = [];

  addState(): number {
    return this.codes.push([]) - 1;
  }

  get(state: number, code: number): number | undefined {
    return this.to.get(state * UNITS + code);
  }

  set(state: number, code: number, target: number): void {
    const key = state * UNITS + code;
    if (!this.to.has(key)) this.codes[state]!.push(code);
    this.to.set(key, target);
  }
}

/** Suffix automaton: whether a string occurs in `text`, in time linear in that string. */
class SubstringIndex {
  private readonly edges = new Edges();
  private readonly link: number[] = [];
  private readonly length: number[] = [];

  constructor(text: string) {
    let last = this.state(0, -1);
    for (let i = 0; i < text.length; i++) last = this.extend(last, text.charCodeAt(i));
  }

  private state(length: number, link: number): number {
    this.length.push(length);
    this.link.push(link);
    return this.edges.addState();
  }

  private extend(last: number, code: number): number {
    const cur = this.state(this.length[last]! + 1, 0);
    let p = last;
    while (p !== -1 && this.edges.get(p, code) === undefined) {
      this.edges.set(p, code, cur);
      p = this.link[p]!;
    }
    if (p === -1) return cur;
    const q = this.edges.get(p, code)!;
    if (this.length[p]! + 1 === this.length[q]) {
      this.link[cur] = q;
      return cur;
    }
    const clone = this.state(this.length[p]! + 1, this.link[q]!);
    for (const c of this.edges.codes[q]!) this.edges.set(clone, c, this.edges.get(q, c)!);
    while (p !== -1 && this.edges.get(p, code) === q) {
      this.edges.set(p, code, clone);
      p = this.link[p]!;
    }
    this.link[q] = clone;
    this.link[cur] = clone;
    return cur;
  }

  contains(needle: string): boolean {
    let state: number | undefined = 0;
    for (let i = 0; i < needle.length && state !== undefined; i++) {
      state = this.edges.get(state, needle.charCodeAt(i));
    }
    return state !== undefined;
  }
}

/** Bounds the automaton (about three map entries per character) whatever text it is given. */
const CHUNK = 1_000_000;

/** The needles that occur in `text`, none of them longer than `longest`. */
export function occurringIn(text: string, needles: Iterable<string>, longest: number): Set<string> {
  let pending = [...needles];
  const found = new Set<string>();
  // Chunks overlap by the longest needle, so none is missed across a boundary.
  for (let start = 0; pending.length > 0 && start < text.length; start += CHUNK) {
    const index = new SubstringIndex(text.slice(start, start + CHUNK + longest));
    pending = pending.filter((n) => !(index.contains(n) && found.add(n)));
  }
  return found;
}

export interface Needle {
  readonly text: string;
  /** Replaced where found; otherwise (too short to replace) its line is withheld. */
  readonly redact: boolean;
}

export interface LineMatches {
  /** Merged [start, end) ranges covered by redactable needles, in order. */
  readonly ranges: readonly (readonly [number, number])[];
  /** A needle that cannot be redacted occurs in the line. */
  readonly unredactable: boolean;
}

/** Aho–Corasick automaton over a set of needles. */
export class Matcher {
  private readonly edges = new Edges();
  private readonly fail: number[] = [];
  /** Length of the longest redactable needle ending at each state (0: none). */
  private readonly longest: number[] = [];
  private readonly unredactable: boolean[] = [];

  constructor(needles: Iterable<Needle>) {
    this.node();
    for (const needle of needles) {
      let state = 0;
      for (let i = 0; i < needle.text.length; i++) {
        const code = needle.text.charCodeAt(i);
        let next = this.edges.get(state, code);
        if (next === undefined) {
          next = this.node();
          this.edges.set(state, code, next);
        }
        state = next;
      }
      if (needle.redact) this.longest[state] = Math.max(this.longest[state]!, needle.text.length);
      else this.unredactable[state] = true;
    }
    this.link();
  }

  private node(): number {
    this.fail.push(0);
    this.longest.push(0);
    this.unredactable.push(false);
    return this.edges.addState();
  }

  /** Breadth-first failure links; each state inherits what its longest proper suffix matches. */
  private link(): void {
    const queue = this.edges.codes[0]!.map((c) => this.edges.get(0, c)!);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const code of this.edges.codes[state]!) {
        const child = this.edges.get(state, code)!;
        this.fail[child] = this.step(this.fail[state]!, code);
        const f = this.fail[child]!;
        this.longest[child] = Math.max(this.longest[child]!, this.longest[f]!);
        this.unredactable[child] = this.unredactable[child]! || this.unredactable[f]!;
        queue.push(child);
      }
    }
  }

  /** The state after `code` from `state`, following failure links. */
  private step(state: number, code: number): number {
    for (;;) {
      const next = this.edges.get(state, code);
      if (next !== undefined) return next;
      if (state === 0) return 0;
      state = this.fail[state]!;
    }
  }

  /** Matches in `line` (which holds no needle's line break); all of them, overlapping or not. */
  scan(line: string): LineMatches {
    const ranges: [number, number][] = [];
    let unredactable = false;
    let state = 0;
    for (let i = 0; i < line.length; i++) {
      state = this.step(state, line.charCodeAt(i));
      unredactable ||= this.unredactable[state]!;
      const length = this.longest[state]!;
      if (length === 0) continue;
      const start = i + 1 - length;
      // Ends only grow: drop ranges the new one contains, then merge with one it touches.
      while (ranges.length > 0 && ranges[ranges.length - 1]![0] >= start) ranges.pop();
      const last = ranges[ranges.length - 1];
      if (last && last[1] >= start) last[1] = i + 1;
      else ranges.push([start, i + 1]);
    }
    return { ranges, unredactable };
  }
}
