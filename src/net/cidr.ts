/**
 * IPv4 CIDR helpers. Parsing is ipaddr.js's; the range arithmetic on top is a few lines,
 * shared by config validation and the evaluators.
 */
import ipaddr from 'ipaddr.js';

export interface Cidr {
  /** Canonical text, always with a prefix length: "10.0.1.10/32". */
  readonly text: string;
  /** First and last address as unsigned 32-bit integers. */
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

function toInt(address: ipaddr.IPv4): number {
  return address.octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

/** Parses "a.b.c.d" or "a.b.c.d/n"; rejects IPv6, non-canonical forms and host bits set. */
export function parseIpv4Cidr(input: string): CidrParse {
  const [address, prefixText, extra] = input.split('/');
  if (extra !== undefined) return { ok: false, reason: 'is not an IPv4 address or CIDR' };
  if (ipaddr.IPv6.isValid(address)) return { ok: false, reason: 'is IPv6; only IPv4 addresses and CIDRs are supported' };
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return { ok: false, reason: 'is not an IPv4 address or CIDR' };
  const prefix = prefixText === undefined ? 32 : /^(0|[1-9]\d?)$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= 32)) return { ok: false, reason: 'has an invalid prefix length (0-32)' };
  const first = toInt(ipaddr.IPv4.parse(address));
  const size = 2 ** (32 - prefix);
  if (first % size !== 0) {
    const network = ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`).toString();
    return { ok: false, reason: `has host bits set (did you mean "${network}/${prefix}"?)` };
  }
  return { ok: true, cidr: { text: `${address}/${prefix}`, first, last: first + size - 1, prefix } };
}

export function cidr(text: string): Cidr {
  const parsed = parseIpv4Cidr(text);
  if (!parsed.ok) throw new Error(`"${text}" ${parsed.reason}`);
  return parsed.cidr;
}

export function ipv4ToInt(address: string): number {
  return toInt(ipaddr.IPv4.parse(address));
}

export function cidrContains(c: Cidr, address: number): boolean {
  return address >= c.first && address <= c.last;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export const ANY_IPV4 = '0.0.0.0/0';
