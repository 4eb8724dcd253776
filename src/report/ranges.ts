/**
 * Set arithmetic on what a Flow names (src/analysis/result.ts): address ranges ("10.0.0.0/24",
 * "10.0.0.5-10.0.0.9") and port ranges ("80", "40000-40100", "*"), so a fix can say what a rule
 * must keep once the extra flow is taken out of it.
 */
import { addressText, Cidr, Family, parseAddress, parseCidr } from '../net/cidr';

export interface Span {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
}

const BITS: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };

/** "10.0.0.0/24" or "10.0.0.5-10.0.0.9" as a span; undefined for anything else (a tag, a group). */
export function spanOf(text: string): Span | undefined {
  const dash = text.indexOf('-');
  if (dash > 0) {
    const [a, b] = [parseAddress(text.slice(0, dash)), parseAddress(text.slice(dash + 1))];
    return a && b && a.family === b.family ? { family: a.family, first: a.value, last: b.value } : undefined;
  }
  const parsed = parseCidr(text);
  return parsed.ok ? fromCidr(parsed.cidr) : undefined;
}

export const fromCidr = (cidr: Cidr): Span => ({ family: cidr.family, first: cidr.first, last: cidr.last });

/** Sorted, merged spans. */
export function normalise(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === span.family && span.first <= last.last + 1n) out[out.length - 1] = { ...last, last: span.last > last.last ? span.last : last.last };
    else out.push(span);
  }
  return out;
}

/** a minus b. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  let rest = normalise(a);
  for (const cut of normalise(b)) {
    rest = rest.flatMap((span) => {
      if (span.family !== cut.family || cut.last < span.first || cut.first > span.last) return [span];
      const parts: Span[] = [];
      if (cut.first > span.first) parts.push({ ...span, last: cut.first - 1n });
      if (cut.last < span.last) parts.push({ ...span, first: cut.last + 1n });
      return parts;
    });
  }
  return rest;
}

export function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  const [x, y] = [normalise(a), normalise(b)];
  return x.length === y.length && x.every((s, i) => s.family === y[i].family && s.first === y[i].first && s.last === y[i].last);
}

export function overlaps(a: readonly Span[], b: readonly Span[]): boolean {
  return a.some((s) => b.some((t) => s.family === t.family && s.first <= t.last && t.first <= s.last));
}

/** The fewest CIDRs that cover a span exactly. */
export function cidrsOf(span: Span): string[] {
  const bits = BITS[span.family];
  const out: string[] = [];
  let first = span.first;
  while (first <= span.last) {
    let size = 0;
    while (size < bits && first % (1n << BigInt(size + 1)) === 0n && first + (1n << BigInt(size + 1)) - 1n <= span.last) size += 1;
    out.push(`${addressText({ family: span.family, value: first })}/${bits - size}`);
    first += 1n << BigInt(size);
  }
  return out;
}

export const spansToCidrs = (spans: readonly Span[]): string[] => normalise(spans).flatMap(cidrsOf);

/** Ports: "*" is 0-65535. */
export interface PortSpan {
  readonly from: number;
  readonly to: number;
}

export function portSpans(text: string | undefined): PortSpan[] {
  if (text === undefined || text === '*') return [{ from: 0, to: 65535 }];
  return text.split(',').map((part) => {
    const [a, b] = part.trim().split('-');
    return { from: Number(a), to: Number(b ?? a) };
  });
}

export function subtractPorts(a: readonly PortSpan[], b: readonly PortSpan[]): PortSpan[] {
  let rest = [...a];
  for (const cut of b) {
    rest = rest.flatMap((span) => {
      if (cut.to < span.from || cut.from > span.to) return [span];
      const parts: PortSpan[] = [];
      if (cut.from > span.from) parts.push({ from: span.from, to: cut.from - 1 });
      if (cut.to < span.to) parts.push({ from: cut.to + 1, to: span.to });
      return parts;
    });
  }
  return rest;
}

export const portsOverlap = (a: readonly PortSpan[], b: readonly PortSpan[]): boolean => a.some((s) => b.some((t) => s.from <= t.to && t.from <= s.to));

export const portText = ({ from, to }: PortSpan): string => (from === 0 && to === 65535 ? '*' : from === to ? String(from) : `${from}-${to}`);

export const samePorts = (a: readonly PortSpan[], b: readonly PortSpan[]): boolean => subtractPorts(a, b).length === 0 && subtractPorts(b, a).length === 0;
