/**
 * The exhaustive verify against brute force. Random configs and rule lists (test/arbitraries.ts)
 * are synthesized in memory, then a random hand edit is inserted into each cloud's stack (a rule
 * with a random protocol, ports, source, action and priority). For every protected group the
 * flows the analysis reports (src/analysis/, parsed back from their text: CIDRs and ranges,
 * protocol, ports, destinations) are compared with a packet-by-packet enumeration of a small
 * universe: every source, port and destination boundary any rule of either side names (and the
 * address or port just past it), every protocol a rule names and one it does not. That universe
 * holds a point of every cell, so:
 *   - every universe packet whose expected and actual decisions differ lies in exactly one
 *     reported flow, with the same deciding rules on both sides, and no other packet does;
 *   - every reported flow holds at least one diverging universe packet (none is invented).
 * FC_RUNS=<n> runs more cases; FC_SEED / FC_PATH replay one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as fc from 'fast-check';
import { Cloud, CLOUDS } from '../src/clouds';
import { addressText, familyOf, Family, parseAddress, parseCidr } from '../src/net/cidr';
import { FirewallPlan, plan } from '../src/plan/plan';
import { PROTECTED_GROUPS, ProtectedGroup } from '../src/spec/rule';
import { analyzeCloud, cloudPolicies, hostSets } from '../src/analysis/analyze';
import { Interval, IntervalList } from '../src/analysis/intervals';
import type { Divergence, Flow } from '../src/analysis/result';
import { decide, decideAll, Packet, Policy } from '../src/analysis/space';
import { expectedPolicy } from '../src/analysis/spec';
import { cdktfModel, planDeployment, TfJson } from '../src/sources/cdktf-json';
import { validateConfig } from '../src/config/load';
import { Case, caseArb, runParameters, VNET_CIDRS } from './arbitraries';
import { memorySynth } from './synth-memory';

const RUNS = 120;
const memory = memorySynth();
afterAll(() => memory.cleanup());

// ---------------------------------------------------------------------------------------------
// Hand edits

interface Edit {
  readonly group: ProtectedGroup;
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'all' | 'esp';
  readonly ports: { from: number; to: number } | null;
  readonly source: string;
  readonly allow: boolean;
  readonly priority: number;
  readonly targeted: boolean;
}

const POOL4 = ['10.0.1.10', '10.0.2.9', '10.0.2.0', '10.0.9.5', '10.0.200.7', '10.99.0.0', '198.51.100.77', '203.0.113.9', '168.63.129.16', '0.0.0.0'];
const POOL6 = ['fd00:1::', 'fd00:2::a', 'fd00:9::5', '2001:db8::9', '::'];

/** A CIDR around an interesting address: the address with a random prefix, host bits cleared. */
function cidrArb(ipv6: boolean): fc.Arbitrary<string> {
  const v4 = fc.tuple(fc.constantFrom(...POOL4), fc.integer({ min: 0, max: 32 })).map(([base, prefix]) => masked(base, prefix, 4));
  if (!ipv6) return v4;
  const v6 = fc.tuple(fc.constantFrom(...POOL6), fc.integer({ min: 0, max: 128 })).map(([base, prefix]) => masked(base, prefix, 6));
  return fc.oneof(v4, v6);
}

function masked(base: string, prefix: number, family: Family): string {
  const bits = family === 4 ? 32 : 128;
  const { value } = parseAddress(base)!;
  const size = 1n << BigInt(bits - prefix);
  return `${addressText({ family, value: value - (value % size) })}/${prefix}`;
}

const portArb = fc.oneof(fc.constantFrom(22, 80, 443, 5353, 8080, 30000, 40100, 51234), fc.integer({ min: 0, max: 65535 }));
const rangeArb = fc.tuple(portArb, fc.integer({ min: 0, max: 20 })).map(([from, width]) => ({ from, to: Math.min(65535, from + width) }));

function editArb(ipv6: boolean): fc.Arbitrary<Edit> {
  return fc.record({
    group: fc.constantFrom<ProtectedGroup>('edge', 'server'),
    protocol: fc.constantFrom<Edit['protocol']>('tcp', 'udp', 'icmp', 'all', 'esp'),
    ports: fc.option(rangeArb, { nil: null }),
    source: cidrArb(ipv6),
    allow: fc.boolean(),
    priority: fc.oneof(fc.integer({ min: 100, max: 4096 }), fc.integer({ min: 0, max: 65535 })),
    targeted: fc.boolean(),
  });
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Inserts the edit into one cloud's resources, as a person would by hand. */
function applyEdit(cloud: Cloud, tf: TfJson, edit: Edit, firewallPlan: FirewallPlan): TfJson {
  const copy = structuredClone(tf) as unknown as { resource: Resources };
  const v6 = familyOf(edit.source) === 6;
  const ported = edit.protocol === 'tcp' || edit.protocol === 'udp';
  if (cloud === 'aws') {
    const protocol = { tcp: 'tcp', udp: 'udp', icmp: v6 ? 'icmpv6' : 'icmp', all: '-1', esp: '50' }[edit.protocol];
    const ports = ported ? { from_port: edit.ports?.from ?? 0, to_port: edit.ports?.to ?? 65535 } : edit.protocol === 'icmp' ? { from_port: edit.ports ? edit.ports.from % 256 : -1, to_port: -1 } : {};
    (copy.resource.aws_vpc_security_group_ingress_rule ??= {}).hand_edit = { security_group_id: `\${aws_security_group.${edit.group}.id}`, ip_protocol: protocol, ...ports, [v6 ? 'cidr_ipv6' : 'cidr_ipv4']: edit.source };
  } else if (cloud === 'azure') {
    const rules = (copy.resource.azurerm_network_security_rule ??= {});
    const nsg = `\${azurerm_network_security_group.${edit.group}.name}`;
    const taken = new Set(Object.values(rules).filter((r) => r.network_security_group_name === nsg).map((r) => r.priority));
    let priority = 100 + (edit.priority % 3997);
    while (taken.has(priority)) priority = priority === 4096 ? 100 : priority + 1;
    rules.hand_edit = {
      name: 'hand-edit', network_security_group_name: nsg, resource_group_name: 'rg', direction: 'Inbound', priority, access: edit.allow ? 'Allow' : 'Deny',
      protocol: { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', all: '*', esp: 'Esp' }[edit.protocol], source_port_range: '*',
      destination_port_range: ported && edit.ports ? `${edit.ports.from}-${edit.ports.to}` : '*', source_address_prefix: edit.source, destination_address_prefix: '*',
    };
  } else {
    const protocol = { tcp: 'tcp', udp: 'udp', icmp: v6 ? '58' : 'icmp', all: 'all', esp: 'esp' }[edit.protocol];
    const entry = ported && edit.ports ? { protocol, ports: [`${edit.ports.from}-${edit.ports.to}`] } : { protocol };
    (copy.resource.google_compute_firewall ??= {}).hand_edit = {
      name: 'hand-edit', network: firewallPlan.config.gcp.network, direction: 'INGRESS', priority: edit.priority, [edit.allow ? 'allow' : 'deny']: [entry], source_ranges: [edit.source],
      ...(edit.targeted ? { target_tags: [`${firewallPlan.config.name}-${edit.group}`] } : {}),
    };
  }
  return copy as unknown as TfJson;
}

// ---------------------------------------------------------------------------------------------
// Flows read back

interface FlowSet {
  readonly family: Family;
  readonly sources: IntervalList;
  readonly protocols: ReadonlySet<number>;
  readonly ports: { from: number; to: number };
  readonly destinations: IntervalList | undefined;
}

const NAMES: Record<string, number> = { icmp: 1, ipip: 4, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, icmpv6: 58, sctp: 132 };

function addressRange(text: string): Interval {
  if (text.includes('/')) {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(`flow address ${text}`);
    return { lo: parsed.cidr.first, hi: parsed.cidr.last };
  }
  const [a, b] = text.split('-');
  return { lo: parseAddress(a)!.value, hi: parseAddress(b)!.value };
}

function numbers(text: string): number[] {
  return text.split(', ').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
  });
}

function portsOf(flow: Flow): { from: number; to: number } {
  const text = flow.ports;
  if (text === undefined || text === '*') return { from: 0, to: 65535 };
  let m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (m) return { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
  m = /^types? (\d+)(?:-(\d+))?$/.exec(text);
  if (m) return { from: Number(m[1]) * 256, to: Number(m[2] ?? m[1]) * 256 + 255 };
  m = /^type (\d+) code (\d+)(?: - type (\d+) code (\d+))?$/.exec(text);
  if (m) return { from: Number(m[1]) * 256 + Number(m[2]), to: Number(m[3] ?? m[1]) * 256 + Number(m[4] ?? m[2]) };
  throw new Error(`flow ports "${text}"`);
}

function readFlow(flow: Flow): FlowSet {
  const family = flow.sources[0].includes(':') ? 6 : 4;
  const protocols = new Set(flow.protocol.startsWith('ip protocols ') ? numbers(flow.protocol.slice(13)) : flow.protocol.startsWith('proto ') ? [Number(flow.protocol.slice(6))] : [NAMES[flow.protocol]]);
  return { family, sources: flow.sources.map(addressRange), protocols, ports: portsOf(flow), destinations: flow.destinations?.map(addressRange) };
}

const within = (list: IntervalList, value: bigint) => list.some((i) => i.lo <= value && value <= i.hi);
const holds = (set: FlowSet, p: Packet) =>
  set.family === p.family && set.protocols.has(p.protocol) && set.ports.from <= (p.port ?? 0) && (p.port ?? 0) <= set.ports.to && within(set.sources, p.source) && (!set.destinations || within(set.destinations, p.destination));

// ---------------------------------------------------------------------------------------------
// The universe

function universe(policies: readonly Policy[], hosts: ReturnType<typeof hostSets>): Packet[] {
  const matchers = policies.flatMap((p) => p.matchers);
  const packets: Packet[] = [];
  for (const family of [4, 6] as Family[]) {
    if (hosts[family].length === 0) continue;
    const max = family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
    const sources = new Set<bigint>([0n, max]);
    const destinations = new Set<bigint>();
    for (const { lo, hi } of hosts[family]) destinations.add(lo).add(hi);
    const protocols = new Set<number>([0, 255]);
    const ports = new Map<number, Set<number>>();
    for (const m of matchers) {
      for (const { lo, hi } of m.sources[family]) [lo, hi, hi + 1n].filter((v) => v <= max).forEach((v) => sources.add(v));
      for (const { lo, hi } of m.destinations?.[family] ?? []) [lo - 1n, lo, hi, hi + 1n].filter((v) => within(hosts[family], v)).forEach((v) => destinations.add(v));
      for (const [protocol, match] of m.protocols[family].byNumber) {
        protocols.add(protocol);
        const set = ports.get(protocol) ?? new Set<number>([0, 65535]);
        ports.set(protocol, set);
        for (const { from, to } of match.ranges ?? []) [from, to, to + 1].filter((v) => v <= 65535).forEach((v) => set.add(v));
      }
    }
    for (const protocol of protocols) for (const port of ports.get(protocol) ?? [0]) for (const source of sources) for (const destination of destinations) packets.push({ family, source, protocol, port, destination });
  }
  return packets;
}

// ---------------------------------------------------------------------------------------------
// The property

const counts = { cases: 0, compared: 0, diverging: 0, unsupported: 0, flows: 0 };

function checkGroup(cloud: Cloud, group: ProtectedGroup, spec: Policy, actual: readonly Policy[], hosts: ReturnType<typeof hostSets>, flows: readonly Divergence[]): string[] {
  const sets = flows.map((d) => ({ d, set: readFlow(d.flow), seen: false }));
  const problems: string[] = [];
  for (const packet of universe([spec, ...actual], hosts)) {
    counts.compared += 1;
    const want = decide(spec, packet).decision;
    const got = decideAll(actual, packet);
    const covering = sets.filter((s) => holds(s.set, packet));
    const label = () => `${cloud} ${group}: IPv${packet.family} ${addressText({ family: packet.family, value: packet.source })} proto ${packet.protocol} port ${packet.port} to ${addressText({ family: packet.family, value: packet.destination })}`;
    if (want.allowed === got.allowed) {
      if (covering.length > 0) problems.push(`${label()}: no divergence, but reported in ${JSON.stringify(covering[0].d.flow)}`);
      continue;
    }
    counts.diverging += 1;
    if (covering.length !== 1) {
      problems.push(`${label()}: expected ${want.rule}, got ${got.rule}: in ${covering.length} reported flows`);
      continue;
    }
    covering[0].seen = true;
    const { expected, actual: reported } = covering[0].d;
    if (expected.rule !== want.rule || reported.rule !== got.rule) problems.push(`${label()}: decided by ${want.rule} / ${got.rule}, reported ${expected.rule} / ${reported.rule}`);
  }
  for (const s of sets) if (!s.seen) problems.push(`${cloud} ${group}: reported flow ${JSON.stringify(s.d.flow)} holds no diverging packet of the universe`);
  counts.flows += flows.length;
  return problems;
}

function checkCase(c: Case, edit: Edit): void {
  counts.cases += 1;
  const full = plan(c.config, c.rules);
  const allowRules = c.rules.filter((rule) => rule.action === 'allow');
  const awsPlan = allowRules.length === c.rules.length ? full : plan(c.config, allowRules);
  const synthesized = { ...memory.synth(full, ['azure', 'gcp']), ...memory.synth(awsPlan, ['aws']) } as Record<Cloud, TfJson>;
  const problems: string[] = [];
  for (const cloud of CLOUDS) {
    const cloudPlan = cloud === 'aws' ? awsPlan : full;
    const tf = applyEdit(cloud, synthesized[cloud], edit, cloudPlan);
    const deployment = planDeployment(cloud, cloudPlan, cdktfModel(cloud, tf));
    const options = { vnetCidrs: VNET_CIDRS };
    const result = analyzeCloud(cloud, deployment, cloudPlan, options);
    if (result.unsupported) {
      // Azure's Icmp over IPv6 is undocumented: refused, never guessed. Nothing else may be.
      if (cloud !== 'azure' || !result.unsupported.includes('protocol Icmp for a packet with both ends IPv6')) problems.push(`${cloud}: unsupported: ${result.unsupported}`);
      counts.unsupported += 1;
      continue;
    }
    for (const group of PROTECTED_GROUPS) {
      const hosts = hostSets(cloudPlan.groups[group].hosts);
      const spec = expectedPolicy(cloud, cloudPlan.groups[group]);
      problems.push(...checkGroup(cloud, group, spec, cloudPolicies(deployment, group, options), hosts, result.divergences.filter((d) => d.group === group)));
    }
  }
  if (problems.length > 0) throw new Error(`${problems.length} problem(s), edit ${JSON.stringify(edit)}:\n${problems.slice(0, 15).join('\n')}`);
}

describe('property: the exhaustive comparison equals brute force, on random specs with a random hand edit', () => {
  it(`${RUNS} cases, every cloud`, () => {
    const parameters = runParameters(RUNS);
    fc.assert(
      fc.property(
        caseArb().chain((c) => editArb(c.config.ipv6).map((edit) => [c, edit] as const)),
        ([c, edit]) => checkCase(c, edit),
      ),
      parameters,
    );
    if (parameters.path !== undefined) return;
    // The edits open or close something most of the time, and the universe is not trivial.
    expect(counts.diverging).toBeGreaterThan(RUNS * 10);
    expect(counts.flows).toBeGreaterThan(RUNS);
    expect(counts.compared).toBeGreaterThan(RUNS * 1000);
    expect(counts.unsupported).toBeLessThan(RUNS / 4);
  });

  it('refuses, and never guesses, an Azure Icmp rule that can decide ICMPv6 between IPv6 hosts (groups mode, IPv6 on)', () => {
    // Until the Azure emitter stops writing such a rule (issue #9), its own output hits this.
    const example = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
    const config = validateConfig({ ...example, ipv6: true, sources: 'groups', server: { privateIps: ['10.0.2.10', 'fd00:2::10'] } });
    const firewallPlan = plan(config);
    const tf = memory.synth(firewallPlan, ['azure']).azure as TfJson;
    const result = analyzeCloud('azure', planDeployment('azure', firewallPlan, cdktfModel('azure', tf)), firewallPlan, { vnetCidrs: VNET_CIDRS });
    expect(result.unsupported).toMatch(/^azurerm_network_security_rule\.server_icmp: protocol Icmp for a packet with both ends IPv6 .*IPv6 protocol 1/);
    expect(result.divergences).toEqual([]);
    // The same without IPv6 hosts in the group: nothing undocumented to decide.
    const v4 = plan(validateConfig({ ...example, ipv6: true, sources: 'groups' }));
    const tf4 = memory.synth(v4, ['azure']).azure as TfJson;
    expect(analyzeCloud('azure', planDeployment('azure', v4, cdktfModel('azure', tf4)), v4, { vnetCidrs: VNET_CIDRS }).unsupported).toBeUndefined();
  });
});
