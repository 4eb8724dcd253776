/**
 * The header-space engine every cloud's evaluator feeds: a policy is an ordered list of matchers
 * (first match decides; a union of allows is the same list in any order) over a fallback, and
 * the comparison of two policies (the spec's and the cloud's) is exhaustive over the whole
 * header space:
 *
 *   address family x source address (all of IPv4 / IPv6) x IP protocol (0-255)
 *     x a 16-bit "port" dimension (tcp/udp/sctp destination port; ICMP type*256+code)
 *     x destination host (the protected group's addresses of that family).
 *
 * Method: partition, then paint. Each dimension is cut only at the boundaries some matcher of
 * either policy names, so inside one cell every matcher either matches everything or nothing:
 * - destinations: the group's addresses split at every destination set (Azure prefixes and
 *   ASGs, VirtualNetwork, GCP destination ranges), pieces grouped into classes of identical
 *   applicability (4,000 hosts named by the same rules are one class);
 * - protocols: every number a matcher names is its own class; all the others are one class;
 * - ports: per protocol, the ranges' ends.
 * Per cell the matchers that apply form a list; the source dimension is then painted along it
 * (each matcher takes what is still undecided of its source set), which yields the decision for
 * every source address as a few intervals, for both policies. Cells with the same two lists
 * share one painting (memoized), so the work grows with the number of distinct rule
 * combinations, not with ports or hosts. Two paintings are compared interval by interval; where
 * they differ, the divergence is a concrete flow already compressed into source ranges.
 *
 * This is exact (no sampling): a cell boundary exists wherever any matcher's behaviour could
 * change, so one evaluation per cell stands for all its packets. It is the same answer a BDD
 * over the header bits gives, computed with intervals because cloud rules are intervals and
 * prefixes, not arbitrary bit patterns.
 */
import { Family } from '../net/cidr';
import type { Range } from '../model/common';
import { UnsupportedConstruct } from '../model/errors';
import type { Decision } from './result';
import { contains, EMPTY, full, Interval, IntervalList, intersect, normalize, subtract } from './intervals';

/** What a matcher takes of one protocol's port dimension: null every port; `unknown` says the cloud's verdict there is undocumented. */
export interface PortMatch {
  readonly ranges: readonly Range[] | null;
  readonly unknown?: string;
}

/** Per protocol number; `others` for every number not listed. */
export interface ProtocolMatch {
  readonly byNumber: ReadonlyMap<number, PortMatch>;
  readonly others?: PortMatch;
}

export const ALL_PROTOCOLS: ProtocolMatch = { byNumber: new Map(), others: { ranges: null } };
export const NO_PROTOCOL: ProtocolMatch = { byNumber: new Map() };

export type PerFamily<T> = Readonly<Record<Family, T>>;

export interface Matcher {
  readonly decision: Decision;
  readonly protocols: PerFamily<ProtocolMatch>;
  readonly sources: PerFamily<IntervalList>;
  /** null: every destination. */
  readonly destinations: PerFamily<IntervalList> | null;
}

/** First match decides; nothing matched: the fallback. */
export interface Policy {
  readonly matchers: readonly Matcher[];
  readonly fallback: Decision;
}

export const PORT_MAX = 65535;
/** The IANA numbers of protocols with a port dimension in some cloud (tcp, udp, sctp) or an ICMP type/code one. */
export const ICMP_NUMBERS: readonly number[] = [1, 58];

export function protocolMatch(match: ProtocolMatch, protocol: number): PortMatch | undefined {
  return match.byNumber.get(protocol) ?? match.others;
}

/** A painted source dimension: sorted pieces covering the family, each with its deciding matcher (undefined: the fallback). */
export interface Piece {
  readonly lo: bigint;
  readonly hi: bigint;
  readonly by: Matcher | undefined;
}

/** One cell of the other dimensions. */
export interface Cell {
  readonly family: Family;
  /** A protocol number, or -1 for "every number no matcher names". */
  readonly protocol: number;
  readonly ports: Range;
  readonly destinations: IntervalList;
}

/** Paints the source dimension along `matchers` (already filtered to those matching the cell). */
export function paint(matchers: readonly Matcher[], family: Family, unknowns: ReadonlyMap<Matcher, string>, where: () => string): Piece[] {
  const pieces: Piece[] = [];
  let undecided: IntervalList = full(family);
  for (const m of matchers) {
    const sources = m.sources[family];
    if (sources.length === 0) continue;
    const hit = intersect(undecided, sources);
    if (hit.length === 0) continue;
    const unknown = unknowns.get(m);
    if (unknown !== undefined) throw new UnsupportedConstruct(`${m.decision.rule}: ${unknown} (${where()}): its verdict is not documented, so it is not evaluated`);
    for (const { lo, hi } of hit) pieces.push({ lo, hi, by: m });
    undecided = subtract(undecided, sources);
    if (undecided.length === 0) break;
  }
  for (const { lo, hi } of undecided) pieces.push({ lo, hi, by: undefined });
  return pieces.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
}

/** Several NSGs on one path (subnet and NIC): each must allow; the first deny decides, else the last allow. */
export function combine(paintings: readonly Piece[][], fallbacks: readonly Decision[]): { lo: bigint; hi: bigint; decision: Decision; by: Matcher | undefined }[] {
  const decisionOf = (piece: Piece, i: number) => piece.by?.decision ?? fallbacks[i];
  if (paintings.length === 1) return paintings[0].map((p) => ({ lo: p.lo, hi: p.hi, decision: decisionOf(p, 0), by: p.by }));
  const out: { lo: bigint; hi: bigint; decision: Decision; by: Matcher | undefined }[] = [];
  const index = paintings.map(() => 0);
  let lo = 0n;
  for (;;) {
    const current = paintings.map((pieces, i) => pieces[index[i]]);
    const hi = current.reduce((min, p) => (p.hi < min ? p.hi : min), current[0].hi);
    const denier = current.findIndex((p, i) => !decisionOf(p, i).allowed);
    const pick = denier >= 0 ? denier : current.length - 1;
    out.push({ lo, hi, decision: decisionOf(current[pick], pick), by: current[pick].by });
    if (paintings.every((pieces, i) => index[i] === pieces.length - 1 && pieces[index[i]].hi === hi)) return out;
    lo = hi + 1n;
    paintings.forEach((pieces, i) => {
      if (pieces[index[i]].hi < lo) index[i]++;
    });
  }
}

/** Where two paintings disagree on allowed/denied, by (expected, actual) decision. */
export interface Disagreement {
  readonly expected: Decision;
  readonly actual: Decision;
  readonly sources: IntervalList;
}

function disagreements(spec: { lo: bigint; hi: bigint; decision: Decision }[], cloud: { lo: bigint; hi: bigint; decision: Decision }[]): Disagreement[] {
  const groups = new Map<Decision, Map<Decision, Interval[]>>();
  let i = 0;
  let j = 0;
  let lo = 0n;
  while (i < spec.length && j < cloud.length) {
    const hi = spec[i].hi < cloud[j].hi ? spec[i].hi : cloud[j].hi;
    const e = spec[i].decision;
    const a = cloud[j].decision;
    if (e.allowed !== a.allowed) {
      const byActual = groups.get(e) ?? new Map<Decision, Interval[]>();
      groups.set(e, byActual);
      const list = byActual.get(a) ?? [];
      byActual.set(a, list);
      list.push({ lo, hi });
    }
    lo = hi + 1n;
    if (spec[i].hi < lo) i++;
    if (cloud[j].hi < lo) j++;
  }
  const out: Disagreement[] = [];
  for (const [expected, byActual] of groups) for (const [actual, list] of byActual) out.push({ expected, actual, sources: normalize(list) });
  return out;
}

export interface CellResult {
  readonly cell: Cell;
  readonly disagreements: readonly Disagreement[];
  /** Source intervals compared in this cell (the refined partition's size). */
  readonly pieces: number;
}

export interface Comparison {
  readonly cells: readonly CellResult[];
  /** Matchers of the cloud that decide at least one packet. */
  readonly deciding: ReadonlySet<Matcher>;
  /** Every cloud matcher that was considered (applied to some cell). */
  readonly considered: ReadonlySet<Matcher>;
}

export interface CompareInput {
  readonly spec: Policy;
  /** One policy per NSG on the path (one for AWS and GCP). */
  readonly cloud: readonly Policy[];
  /** The group's destination addresses, per family; a family without hosts is not compared. */
  readonly destinations: PerFamily<IntervalList>;
  /** Matchers whose verdict is undocumented in some cell (the reason per matcher, evaluated per cell by `PortMatch.unknown`). */
}

/** Sorted unique cut points of the port dimension for one protocol: each cell is [cut_i, cut_{i+1} - 1]. */
function portCells(matchers: readonly Matcher[], family: Family, protocol: number): Range[] {
  const cuts = new Set<number>([0]);
  for (const m of matchers) {
    const match = protocol < 0 ? m.protocols[family].others : protocolMatch(m.protocols[family], protocol);
    for (const { from, to } of match?.ranges ?? []) {
      cuts.add(from);
      if (to < PORT_MAX) cuts.add(to + 1);
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.map((from, i) => ({ from, to: i + 1 < sorted.length ? sorted[i + 1] - 1 : PORT_MAX }));
}

/** Does the matcher's port match cover the whole cell (cells never straddle a boundary)? */
function portsCover(match: PortMatch | undefined, cell: Range): boolean {
  if (!match) return false;
  return match.ranges === null || match.ranges.some((r) => r.from <= cell.from && cell.to <= r.to);
}

/** Destination classes: the group's addresses split where any matcher's destination set starts or ends, grouped by which matchers apply. */
export function destinationClasses(matchers: readonly Matcher[], family: Family, hosts: IntervalList): { intervals: IntervalList; applies: (m: Matcher) => boolean }[] {
  const scoped = matchers.filter((m) => m.destinations !== null);
  const cuts: bigint[] = [];
  for (const m of scoped) for (const { lo, hi } of m.destinations![family]) cuts.push(lo, hi + 1n);
  cuts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Split each host interval at the cuts inside it.
  const pieces: Interval[] = [];
  let c = 0;
  for (const { lo: start, hi } of hosts) {
    let lo = start;
    while (c < cuts.length && cuts[c] <= lo) c++;
    let k = c;
    while (k < cuts.length && cuts[k] <= hi) {
      pieces.push({ lo, hi: cuts[k] - 1n });
      lo = cuts[k];
      k++;
    }
    pieces.push({ lo, hi });
  }
  const classes = new Map<string, { members: Interval[]; set: Set<Matcher> }>();
  for (const piece of pieces) {
    const set = new Set(scoped.filter((m) => contains(m.destinations![family], piece.lo)));
    const key = scoped.map((m) => (set.has(m) ? '1' : '0')).join('');
    const entry = classes.get(key) ?? { members: [], set };
    classes.set(key, entry);
    entry.members.push(piece);
  }
  return [...classes.values()].map(({ members, set }) => ({ intervals: normalize(members), applies: (m: Matcher) => m.destinations === null || set.has(m) }));
}

/** The protocol classes of a family: every number a matcher names, then -1 for all the rest (when any is left). */
export function protocolClasses(matchers: readonly Matcher[], family: Family): number[] {
  const named = new Set<number>();
  for (const m of matchers) for (const p of m.protocols[family].byNumber.keys()) named.add(p);
  const list = [...named].sort((a, b) => a - b);
  return named.size < 256 ? [...list, -1] : list;
}

/** Every number the -1 class stands for. */
export function otherProtocols(named: readonly number[]): number[] {
  const set = new Set(named);
  return Array.from({ length: 256 }, (_, p) => p).filter((p) => !set.has(p));
}

/** The exhaustive comparison of the spec with the cloud for one protected group. */
export function compare(input: CompareInput): Comparison & { protocolNames: PerFamily<number[]> } {
  const { spec, cloud, destinations } = input;
  const all = [...spec.matchers, ...cloud.flatMap((p) => p.matchers)];
  const indexOf = new Map(all.map((m, i) => [m, i]));
  const deciding = new Set<Matcher>();
  const considered = new Set<Matcher>();
  const cells: CellResult[] = [];
  const protocolNames = { 4: [] as number[], 6: [] as number[] };
  for (const family of [4, 6] as Family[]) {
    const hosts = destinations[family];
    if (hosts.length === 0) continue;
    const protocols = protocolClasses(all, family);
    protocolNames[family] = protocols.filter((p) => p >= 0);
    const memo = new Map<string, { disagreements: Disagreement[]; pieces: number }>();
    for (const destination of destinationClasses(all, family, hosts)) {
      for (const protocol of protocols) {
        for (const ports of portCells(all, family, protocol)) {
          const unknowns = new Map<Matcher, string>();
          const select = (policy: Policy) =>
            policy.matchers.filter((m) => {
              if (!destination.applies(m)) return false;
              const match = protocol < 0 ? m.protocols[family].others : protocolMatch(m.protocols[family], protocol);
              if (!portsCover(match, ports)) return false;
              if (match?.unknown !== undefined) unknowns.set(m, match.unknown);
              return true;
            });
          const specList = select(spec);
          const cloudLists = cloud.map(select);
          const ids = (list: Iterable<Matcher>) => [...list].map((m) => indexOf.get(m)).join(',');
          const key = `${ids(specList)}|${cloudLists.map(ids).join('/')}|${ids(unknowns.keys())}`;
          const cell: Cell = { family, protocol, ports, destinations: destination.intervals };
          let result = memo.get(key);
          if (!result) {
            const where = () => describeCell(cell);
            const specPainted = combine([paint(specList, family, new Map(), where)], [spec.fallback]);
            const cloudPaintings = cloudLists.map((list) => paint(list, family, unknowns, where));
            const cloudPainted = combine(cloudPaintings, cloud.map((p) => p.fallback));
            for (const list of cloudLists) for (const m of list) considered.add(m);
            for (const piece of cloudPainted) if (piece.by) deciding.add(piece.by);
            for (const pieces of cloudPaintings) for (const piece of pieces) if (piece.by) deciding.add(piece.by);
            result = { disagreements: disagreements(specPainted, cloudPainted), pieces: Math.max(specPainted.length, cloudPainted.length) };
            memo.set(key, result);
          }
          cells.push({ cell, disagreements: result.disagreements, pieces: result.pieces });
        }
      }
    }
  }
  return { cells, deciding, considered, protocolNames };
}

/** "tcp 80-80 (IPv4)" for messages about one cell. */
export function describeCell(cell: Cell): string {
  return `IPv${cell.family} protocol ${cell.protocol < 0 ? 'other' : cell.protocol}, ports/type ${cell.ports.from}-${cell.ports.to}`;
}

/**
 * The cloud's decisions over every source, for one protocol and one port (or type/code) value,
 * arriving at one destination address: the painting a finding reads.
 */
export function evaluatePoint(policies: readonly Policy[], family: Family, protocol: number, port: number, destination: bigint): { lo: bigint; hi: bigint; decision: Decision }[] {
  const cell: Range = { from: port, to: port };
  const lists = policies.map((policy) =>
    policy.matchers.filter((m) => {
      if (m.destinations !== null && !contains(m.destinations[family], destination)) return false;
      return portsCover(protocol < 0 ? m.protocols[family].others : protocolMatch(m.protocols[family], protocol), cell);
    }),
  );
  const unknowns = new Map<Matcher, string>();
  lists.forEach((list) => list.forEach((m) => {
    const match = protocol < 0 ? m.protocols[family].others : protocolMatch(m.protocols[family], protocol);
    if (match?.unknown !== undefined) unknowns.set(m, match.unknown);
  }));
  const where = () => `IPv${family} protocol ${protocol}, port/type ${port}`;
  return combine(lists.map((list) => paint(list, family, unknowns, where)), policies.map((p) => p.fallback));
}

/** One packet, for probes and brute force: the first matching matcher, or the fallback. Throws where the verdict is undocumented. */
export interface Packet {
  readonly family: Family;
  readonly source: bigint;
  readonly protocol: number;
  /** tcp/udp/sctp port, ICMP type*256+code; undefined: the protocol as a whole (ICMP probes carry no type). */
  readonly port?: number;
  readonly destination: bigint;
}

export function decide(policy: Policy, packet: Packet): { decision: Decision; by?: Matcher } {
  for (const m of policy.matchers) {
    if (m.destinations !== null && !contains(m.destinations[packet.family], packet.destination)) continue;
    if (!contains(m.sources[packet.family], packet.source)) continue;
    const match = protocolMatch(m.protocols[packet.family], packet.protocol);
    if (!match) continue;
    if (match.ranges !== null) {
      if (packet.port === undefined) throw new UnsupportedConstruct(`${m.decision.rule}: matches part of protocol ${packet.protocol} only; a packet without a port or ICMP type cannot be judged`);
      if (!match.ranges.some((r) => r.from <= packet.port! && packet.port! <= r.to)) continue;
    }
    if (match.unknown !== undefined) throw new UnsupportedConstruct(`${m.decision.rule}: ${match.unknown}: its verdict is not documented, so it is not evaluated`);
    return { decision: m.decision, by: m };
  }
  return { decision: policy.fallback };
}

/** Several policies on one path: the first deny decides, else the last allow. */
export function decideAll(policies: readonly Policy[], packet: Packet): Decision {
  const decisions = policies.map((policy) => decide(policy, packet).decision);
  return decisions.find((d) => !d.allowed) ?? decisions[decisions.length - 1];
}

export { EMPTY };
