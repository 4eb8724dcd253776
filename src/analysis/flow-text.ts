/** How flows are written: protocol names, number ranges, ports and ICMP types. */
import type { Range } from '../model/common';

const PROTOCOL_NAMES: Readonly<Record<number, string>> = { 1: 'icmp', 4: 'ipip', 6: 'tcp', 17: 'udp', 47: 'gre', 50: 'esp', 51: 'ah', 58: 'icmpv6', 132: 'sctp' };
const PORTED = [6, 17, 132];

export function protocolName(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? `proto ${protocol}`;
}

/** "0, 2-5, 7-16": a set of numbers as ranges. */
export function numberRanges(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(i === j ? String(numbers[i]) : `${numbers[i]}-${numbers[j]}`);
    i = j;
  }
  return parts.join(', ');
}

export function protocolText(protocol: number, named: readonly number[]): string {
  if (protocol >= 0) return protocolName(protocol);
  const set = new Set(named);
  const others = Array.from({ length: 256 }, (_, p) => p).filter((p) => !set.has(p));
  return `ip protocols ${numberRanges(others)}`;
}

/** tcp/udp/sctp ports ("80", "40100-40110", "*"); ICMP types ("type 8", "types 0-7", "type 3 code 4"); nothing for whole ICMP or other protocols. */
export function portsText(protocol: number, { from, to }: Range): string | undefined {
  if (PORTED.includes(protocol)) return from === 0 && to === 65535 ? '*' : from === to ? String(from) : `${from}-${to}`;
  if (from === 0 && to === 65535) return undefined;
  const [t1, c1, t2, c2] = [from >> 8, from & 255, to >> 8, to & 255];
  if (c1 === 0 && c2 === 255) return t1 === t2 ? `type ${t1}` : `types ${t1}-${t2}`;
  return t1 === t2 && c1 === c2 ? `type ${t1} code ${c1}` : `type ${t1} code ${c1} - type ${t2} code ${c2}`;
}

