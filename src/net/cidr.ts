/**
 * IPv4 and IPv6 CIDR helpers. Parsing is ipaddr.js's; the range arithmetic on top (BigInt, one
 * number space per address family) is a few lines, shared by config validation, planning and
 * the evaluators.
 */
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface Cidr {
  /** Canonical text, always with a prefix length: "10.0.1.10/32", "fd00::10/128". */
  readonly text: string;
  readonly family: Family;
  /** First and last address of the range. */
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
}

/** One address of one family. */
export interface Address {
  readonly family: Family;
  readonly value: bigint;
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

const BITS: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };

function toBigInt(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

const FOUR_PART_DECIMAL = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/** Four-part decimal IPv4 (what ipaddr's isValidFourPartDecimal accepts), without ipaddr: verify parses thousands of host CIDRs per rule. */
function parseIpv4(text: string): Address | undefined {
  const match = FOUR_PART_DECIMAL.exec(text);
  if (!match) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(match[i]);
    if (part > 255) return undefined;
    value = value * 256 + part;
  }
  return { family: 4, value: BigInt(value) };
}

/** Parses one address in canonical form: four-part decimal IPv4, or IPv6 (not IPv4-mapped). */
export function parseAddress(text: string): Address | undefined {
  // The family check first: ipaddr's IPv4 test throws and catches on IPv6 text, which is slow.
  if (!text.includes(':')) return parseIpv4(text);
  if (ipaddr.IPv6.isValid(text) && !text.includes('%')) {
    const v6 = ipaddr.IPv6.parse(text);
    if (v6.isIPv4MappedAddress()) return undefined;
    return { family: 6, value: toBigInt(v6) };
  }
  return undefined;
}

export function addressText({ family, value }: Address): string {
  if (family === 4) {
    const n = Number(value);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const bytes = Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(128 - 8 * (i + 1))) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/**
 * Parses "address" or "address/prefix" of either family; rejects non-canonical forms and host
 * bits set. `ipv6: false` refuses IPv6 with a reason that says how to enable it.
 */
export function parseCidr(input: string, { ipv6 }: { ipv6: boolean } = { ipv6: true }): CidrParse {
  // The same host CIDRs come back in every rule that names the group (4,000 hosts x dozens of
  // rules in verify): parses are pure and their results immutable, so they are kept.
  const cache = ipv6 ? PARSED : PARSED_IPV4_ONLY;
  let parsed = cache.get(input);
  if (parsed === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    parsed = parseCidrUncached(input, ipv6);
    cache.set(input, parsed);
  }
  return parsed;
}

const CACHE_MAX = 100_000;
const PARSED = new Map<string, CidrParse>();
const PARSED_IPV4_ONLY = new Map<string, CidrParse>();

function parseCidrUncached(input: string, ipv6: boolean): CidrParse {
  const [addressPart, prefixText, extra] = input.split('/');
  if (extra !== undefined) return { ok: false, reason: ipv6 ? 'is not an IPv4 or IPv6 address or CIDR' : 'is not an IPv4 address or CIDR' };
  const address = parseAddress(addressPart);
  if (!address) return { ok: false, reason: ipv6 ? 'is not an IPv4 or IPv6 address or CIDR' : 'is not an IPv4 address or CIDR' };
  if (address.family === 6 && !ipv6) return { ok: false, reason: 'is IPv6; set "ipv6": true to use IPv6 addresses and CIDRs' };
  const bits = BITS[address.family];
  const prefix = prefixText === undefined ? bits : /^(0|[1-9]\d{0,2})$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return { ok: false, reason: `has an invalid prefix length (0-${bits})` };
  const size = 1n << BigInt(bits - prefix);
  if (address.value % size !== 0n) {
    const network = addressText({ family: address.family, value: address.value - (address.value % size) });
    return { ok: false, reason: `has host bits set (did you mean "${network}/${prefix}"?)` };
  }
  const text = `${addressText(address)}/${prefix}`;
  return { ok: true, cidr: { text, family: address.family, first: address.value, last: address.value + size - 1n, prefix } };
}

/** IPv4 only: what the config accepts unless IPv6 is enabled. */
export function parseIpv4Cidr(input: string): CidrParse {
  return parseCidr(input, { ipv6: false });
}

export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`"${text}" ${parsed.reason}`);
  return parsed.cidr;
}

export function cidrContains(c: Cidr, address: Address): boolean {
  return c.family === address.family && address.value >= c.first && address.value <= c.last;
}

/** Does `outer` hold every address of `inner`? */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Orders CIDRs: IPv4 before IPv6, then by first address, then wider first. */
export function compareCidrs(a: Cidr, b: Cidr): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  return a.prefix - b.prefix;
}

export function familyOf(text: string): Family {
  return text.includes(':') ? 6 : 4;
}

export const ANY_IPV4 = '0.0.0.0/0';
export const ANY_IPV6 = '::/0';
