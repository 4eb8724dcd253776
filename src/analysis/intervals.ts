/**
 * Sets of addresses (or any integers) as sorted, disjoint, non-adjacent inclusive intervals of
 * BigInt: one number space per address family. Every operation is a linear merge of two sorted
 * lists, so a rule naming 4,000 hosts costs 4,000 steps, and contiguous hosts merge into one
 * interval before anything is compared.
 */
import { addressText, Cidr, Family } from '../net/cidr';

export interface Interval {
  readonly lo: bigint;
  readonly hi: bigint;
}
export type IntervalList = readonly Interval[];

export const FAMILY_MAX: Readonly<Record<Family, bigint>> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };
export const FAMILY_BITS: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };
export const EMPTY: IntervalList = [];

export const full = (family: Family): IntervalList => [{ lo: 0n, hi: FAMILY_MAX[family] }];

/** Sorts and merges overlapping or adjacent intervals. */
export function normalize(list: readonly Interval[]): IntervalList {
  if (list.length <= 1) return list;
  const sorted = [...list].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Interval[] = [];
  let { lo, hi } = sorted[0];
  for (let i = 1; i < sorted.length; i++) {
    const next = sorted[i];
    if (next.lo <= hi + 1n) {
      if (next.hi > hi) hi = next.hi;
    } else {
      out.push({ lo, hi });
      ({ lo, hi } = next);
    }
  }
  out.push({ lo, hi });
  return out;
}

/** The CIDRs of one family, as a set. */
export function fromCidrs(cidrs: readonly Cidr[], family: Family): IntervalList {
  return normalize(cidrs.filter((c) => c.family === family).map((c) => ({ lo: c.first, hi: c.last })));
}

export function intersect(a: IntervalList, b: IntervalList): IntervalList {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = a[i].lo > b[j].lo ? a[i].lo : b[j].lo;
    const hi = a[i].hi < b[j].hi ? a[i].hi : b[j].hi;
    if (lo <= hi) out.push({ lo, hi });
    if (a[i].hi < b[j].hi) i++;
    else j++;
  }
  return out;
}

/** a minus b. */
export function subtract(a: IntervalList, b: IntervalList): IntervalList {
  if (b.length === 0 || a.length === 0) return a;
  const out: Interval[] = [];
  let j = 0;
  for (const { lo: start, hi } of a) {
    let lo = start;
    while (j < b.length && b[j].hi < lo) j++;
    let k = j;
    while (k < b.length && b[k].lo <= hi) {
      if (b[k].lo > lo) out.push({ lo, hi: b[k].lo - 1n });
      if (b[k].hi >= hi) {
        lo = hi + 1n;
        break;
      }
      lo = b[k].hi + 1n;
      k++;
    }
    if (lo <= hi) out.push({ lo, hi });
  }
  return out;
}

export function union(a: IntervalList, b: IntervalList): IntervalList {
  return a.length === 0 ? b : b.length === 0 ? a : normalize([...a, ...b]);
}

export function complement(a: IntervalList, family: Family): IntervalList {
  return subtract(full(family), a);
}

/** Is `value` in the set? (binary search) */
export function contains(list: IntervalList, value: bigint): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].hi < value) lo = mid + 1;
    else if (list[mid].lo > value) hi = mid - 1;
    else return true;
  }
  return false;
}

export function sameSet(a: IntervalList, b: IntervalList): boolean {
  return a.length === b.length && a.every((x, i) => x.lo === b[i].lo && x.hi === b[i].hi);
}

/** The number of CIDRs needed for [lo, hi], stopping at 2 (one CIDR or not). */
function isOneCidr(lo: bigint, hi: bigint): number | undefined {
  const size = hi - lo + 1n;
  if ((size & (size - 1n)) !== 0n || lo % size !== 0n) return undefined;
  let bits = 0;
  for (let s = size; s > 1n; s >>= 1n) bits++;
  return bits;
}

/** Canonical CIDR text for an interval that is one, else "first-last". */
export function intervalText({ lo, hi }: Interval, family: Family): string {
  const bits = isOneCidr(lo, hi);
  if (bits !== undefined) return `${addressText({ family, value: lo })}/${FAMILY_BITS[family] - bits}`;
  return `${addressText({ family, value: lo })}-${addressText({ family, value: hi })}`;
}

export function listTexts(list: IntervalList, family: Family): string[] {
  return list.map((interval) => intervalText(interval, family));
}
