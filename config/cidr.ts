/** Minimal IPv4 CIDR arithmetic for config validation and subnet layout. */
export interface Cidr {
  readonly network: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; undefined when malformed or when host bits are set (10.0.0.1/16). */
export function parseCidr(text: string): Cidr | undefined {
  const m = CIDR_RE.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { network: address, prefix };
}

export function formatCidr(cidr: Cidr): string {
  const n = cidr.network;
  return `${[24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".")}/${cidr.prefix}`;
}

const size = (c: Cidr) => 2 ** (32 - c.prefix);

export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.network >= outer.network &&
    inner.network + size(inner) <= outer.network + size(outer)
  );
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + size(b) && b.network < a.network + size(a);
}

/** Terraform's `cidrsubnet(prefix, newbits, netnum)`. */
export function cidrSubnet(parent: Cidr, newBits: number, netNum: number): Cidr {
  const prefix = parent.prefix + newBits;
  if (prefix > 32 || netNum >= 2 ** newBits) {
    throw new Error(`cannot carve subnet #${netNum} of /${prefix} from ${formatCidr(parent)}`);
  }
  return { network: parent.network + netNum * 2 ** (32 - prefix), prefix };
}
