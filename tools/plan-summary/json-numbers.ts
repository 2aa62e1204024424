/**
 * The literal digits of JSON numbers that `JSON.parse` cannot keep. Terraform writes numbers with
 * every digit (cty numbers are arbitrary precision) and prints them the same way in its text, so a
 * sensitive 12345678901234567890123 must be searched for as those 23 digits, not as the
 * 1.2345678901234568e+22 a JavaScript number holds. Node 20 has no JSON.parse source access, so
 * the raw text is scanned once for number tokens, skipping strings.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Literals whose parsed value prints differently, keyed by `String(parsed value)`. */
export type LossyLiterals = ReadonlyMap<string, readonly string[]>;

export function lossyNumberLiterals(json: string): LossyLiterals {
  const found = new Map<string, Set<string>>();
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < json.length; i++) {
        const d = json.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(json)?.[0];
      if (literal === undefined) continue;
      const printed = String(Number(literal));
      if (printed !== literal) {
        const literals = found.get(printed) ?? new Set<string>();
        found.set(printed, literals.add(literal));
      }
      i += literal.length - 1;
    }
  }
  return new Map([...found].map(([k, v]) => [k, [...v]]));
}

/**
 * Whether `String(n)` is surely the digits Terraform printed when the source text is not at hand:
 * safe integers, and short decimals (Terraform prints the shortest form, as JavaScript does).
 */
export function printsExactly(n: number): boolean {
  if (Number.isSafeInteger(n)) return true;
  const text = String(n);
  return /^-?\d+\.\d+$/.test(text) && text.replace(/[-.]/g, "").replace(/^0+/, "").length <= 15;
}
