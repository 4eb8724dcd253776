/**
 * fast-check arbitraries for the property tests (test/properties.test.ts): small configs and
 * rule lists built so that interesting things happen often (overlapping port ranges, CIDRs that
 * cut through host groups, deny rules shadowing allows), and so that a shrunk counterexample
 * reads like a config file and a rule table: every generated case prints itself compactly.
 *
 * Address plan (disjoint, so validateConfig accepts every combination):
 *   edge 10.0.1.0/24, server 10.0.2.0/24, adminHost 10.0.9.0/24,
 *   a VNet host in no group 10.0.200.7, an internet host 203.0.113.9.
 */
import * as fc from 'fast-check';
import { Config, validateConfig } from '../src/config/load';
import { HOST_GROUPS, HostGroup, Peer, Port, PortRange, ProtectedGroup, Rule } from '../src/spec/rule';

/** Azure's VirtualNetwork address space for the cases, and two sources in no host group. */
export const VNET_CIDRS: readonly string[] = ['10.0.0.0/16'];
export const VNET_STRANGER = '10.0.200.7';
export const INTERNET_HOST = '203.0.113.9';

/** Ports rules are drawn from: few enough that ranges overlap and rules shadow each other. */
export const PORT_POOL = [22, 80, 443, 8080, 8088, 8093, 30000] as const;

const SUBNET: Readonly<Record<HostGroup, string>> = { edge: '10.0.1', server: '10.0.2', adminHost: '10.0.9' };

/**
 * Literal rule sources: through the groups, around them, and outside the VNet.
 * None holds 168.63.129.16, where Azure's health probes come from: the spec matches the
 * 'AzureLoadBalancer' probe with source "any" only, while the Azure evaluator (like Azure) lets a
 * CIDR such as 0.0.0.0/0 or 128.0.0.0/1 match it, so a deny from such a CIDR is a known
 * divergence of compare.ts's expectation, not something this property should rediscover.
 */
export const CIDR_POOL = [
  '10.0.1.0/24', // every edge
  '10.0.2.0/24', // every server
  '10.0.0.0/16', // the whole VNet
  '10.0.1.8/29', // part of the edges (the first slot)
  '10.0.2.0/28', // part of the servers
  '10.0.9.0/24', // the admin hosts
  '10.0.200.0/24', // the VNet stranger's subnet
  '198.51.100.0/24', // outside the VNet
  '203.0.113.0/24', // outside, holding the internet probe
] as const;

// ---------------------------------------------------------------------------------------------
// Config

/**
 * One host entry: the /24 of its group is cut into /29 slots (1-8); each entry takes its own slot,
 * so entries never overlap. Shrinks to "10.0.1.10" (slot 1, a single address).
 */
const hostEntry = fc.record({
  slot: fc.integer({ min: 1, max: 8 }),
  form: fc.constantFrom('address', '/30', '/29'),
  offset: fc.integer({ min: 0, max: 7 }),
});
type HostEntry = { slot: number; form: 'address' | '/30' | '/29'; offset: number };

function hostText(group: HostGroup, { slot, form, offset }: HostEntry): string {
  const base = slot * 8;
  if (form === '/29') return `${SUBNET[group]}.${base}/29`;
  if (form === '/30') return `${SUBNET[group]}.${base + (offset < 4 ? 0 : 4)}/30`;
  return `${SUBNET[group]}.${base + ((offset + 2) % 8)}`;
}

const hostList = (group: HostGroup) =>
  fc.uniqueArray(hostEntry, { minLength: 1, maxLength: 3, selector: (entry) => entry.slot }).map((entries) => entries.map((entry) => hostText(group, entry)));

/** The raw config (what a config file would hold), before validation. */
export interface RawConfig {
  readonly edge: readonly string[];
  readonly server: readonly string[];
  readonly adminHost: readonly string[];
  readonly ftpPassivePorts: PortRange;
}

export const rawConfigArb: fc.Arbitrary<RawConfig> = fc.record({
  edge: hostList('edge'),
  server: hostList('server'),
  adminHost: hostList('adminHost'),
  // Clear of every port the catalog's Edge rules list (validateConfig checks that); 30000 is in PORT_POOL.
  ftpPassivePorts: fc
    .record({ from: fc.integer({ min: 30000, max: 30050 }), length: fc.integer({ min: 0, max: 100 }) })
    .map(({ from, length }) => ({ from, to: from + length })),
});

export function buildConfig(raw: RawConfig): Config {
  return validateConfig({
    name: 'st-prop',
    edge: { privateIps: raw.edge },
    server: { privateIps: raw.server },
    adminHost: { privateIps: raw.adminHost },
    ftpPassivePorts: `${raw.ftpPassivePorts.from}-${raw.ftpPassivePorts.to}`,
    azure: { location: 'westeurope', resourceGroupName: 'rg-st-prop' },
    gcp: { network: 'st-prop-net' },
  });
}

// ---------------------------------------------------------------------------------------------
// Rules

const poolPort = fc.constantFrom(...PORT_POOL);
/** Mostly pool ports (so ranges overlap), sometimes anything, including the ends 1 and 65535. */
const port = fc.oneof({ arbitrary: poolPort, weight: 5 }, { arbitrary: fc.constantFrom(1, 65535), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 65535 }), weight: 1 });

const portsArb: fc.Arbitrary<PortRange | 'all' | { named: 'ftpPassivePorts' }> = fc.oneof(
  { arbitrary: port.map((p) => ({ from: p, to: p })), weight: 4 },
  { arbitrary: fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })), weight: 4 },
  { arbitrary: fc.constant('all' as const), weight: 1 },
  { arbitrary: fc.constant({ named: 'ftpPassivePorts' as const }), weight: 1 },
);

export const portArb: fc.Arbitrary<Port> = fc.oneof(
  { arbitrary: fc.record({ protocol: fc.constantFrom('tcp' as const, 'udp' as const), ports: portsArb }), weight: 8 },
  { arbitrary: fc.constant({ protocol: 'icmp' as const }), weight: 1 },
  { arbitrary: fc.constant({ protocol: 'all' as const }), weight: 1 },
);

/** A CIDR inside one of the interesting /24s, aligned, /25 to /32: cuts through host entries. */
const generatedCidr = fc
  .record({ third: fc.constantFrom(1, 2, 9, 200), prefix: fc.integer({ min: 25, max: 32 }), index: fc.nat() })
  .map(({ third, prefix, index }) => {
    const size = 2 ** (32 - prefix);
    const first = (index % (256 / size)) * size;
    return prefix === 32 ? `10.0.${third}.${first}` : `10.0.${third}.${first}/${prefix}`;
  });

const cidrArb = fc.oneof({ arbitrary: fc.constantFrom(...CIDR_POOL), weight: 3 }, { arbitrary: generatedCidr, weight: 2 });

export const peerArb: fc.Arbitrary<Peer> = fc.oneof(
  { arbitrary: fc.constant(Peer.any()), weight: 2 },
  { arbitrary: fc.constantFrom<HostGroup>(...HOST_GROUPS).map((group) => Peer.group(group)), weight: 3 },
  { arbitrary: fc.uniqueArray(cidrArb, { minLength: 1, maxLength: 2 }).map((cidrs) => Peer.cidrs(...cidrs)), weight: 3 },
);

/** Explicit priorities, multiples of 10 in 100-4000 (plan()'s range); shrink towards 100. */
const priorityArb = fc.oneof(
  { arbitrary: fc.integer({ min: 10, max: 40 }).map((n) => n * 10), weight: 4 },
  { arbitrary: fc.integer({ min: 10, max: 400 }).map((n) => n * 10), weight: 1 },
);

interface RuleDraft {
  readonly target: ProtectedGroup;
  readonly action: 'allow' | 'deny';
  readonly port: Port;
  readonly source: Peer;
  readonly priority: number;
}

/** Allows twice as often as denies, so lists without a deny (all AWS can take) are common too. */
const actionArb = (allowOnly: boolean) =>
  allowOnly ? fc.constant('allow' as const) : fc.oneof({ arbitrary: fc.constant('allow' as const), weight: 2 }, { arbitrary: fc.constant('deny' as const), weight: 1 });

const draftArb = (allowOnly: boolean): fc.Arbitrary<RuleDraft> =>
  fc.record({
    target: fc.constantFrom<ProtectedGroup>('edge', 'server'),
    action: actionArb(allowOnly),
    port: portArb,
    source: peerArb,
    priority: priorityArb,
  });

// ---------------------------------------------------------------------------------------------
// Printing

export function portLabel(p: Port): string {
  if (p.protocol === 'icmp' || p.protocol === 'all') return p.protocol;
  if (p.ports === 'all') return `${p.protocol}/*`;
  if ('named' in p.ports) return `${p.protocol}/${p.ports.named}`;
  return `${p.protocol}/${p.ports.from === p.ports.to ? p.ports.from : `${p.ports.from}-${p.ports.to}`}`;
}

export function peerLabel(peer: Peer): string {
  if (peer.kind === 'any') return 'any';
  if (peer.kind === 'group') return `group:${peer.group}`;
  return peer.cidrs.join(',');
}

/** "edge-r1 @110 deny tcp/80-443 from group:server". */
export function ruleLabel(rule: Rule): string {
  return `${rule.id} @${rule.priority} ${rule.action} ${portLabel(rule.port)} from ${peerLabel(rule.source)}`;
}

function draftToRule(draft: RuleDraft, index: number): Rule {
  const rule = {
    id: `${draft.target}-r${index + 1}`,
    target: draft.target,
    action: draft.action,
    port: draft.port,
    source: draft.source,
    section: 'property test',
    priority: draft.priority,
    description: '',
  };
  return { ...rule, description: `generated: ${ruleLabel(rule)}` };
}

// ---------------------------------------------------------------------------------------------
// Cases

/** A config and a rule list, printed by fast-check (fc.stringify) as a readable block. */
export interface Case {
  readonly raw: RawConfig;
  readonly config: Config;
  readonly rules: readonly Rule[];
  [fc.toStringMethod](): string;
}

export function caseText(raw: RawConfig, rules: readonly Rule[]): string {
  const lines = [
    `config: edge=[${raw.edge.join(' ')}] server=[${raw.server.join(' ')}] adminHost=[${raw.adminHost.join(' ')}] ftpPassivePorts=${raw.ftpPassivePorts.from}-${raw.ftpPassivePorts.to}`,
    ...rules.map((rule) => `  ${ruleLabel(rule)}`),
  ];
  return `\n${lines.join('\n')}\n`;
}

export function makeCase(raw: RawConfig, rules: readonly Rule[]): Case {
  return { raw, config: buildConfig(raw), rules, [fc.toStringMethod]: () => caseText(raw, rules) };
}

export interface CaseOptions {
  /** Only allow rules (clouds without deny rules). Default: allow and deny. */
  readonly allowOnly?: boolean;
  readonly maxRules?: number;
}

/**
 * 1-8 rules over both protected groups, ids `${target}-r${n}` (unique, lowercase, short), explicit
 * priorities unique per group (two groups may share one).
 */
export function rulesArb(options: CaseOptions = {}): fc.Arbitrary<Rule[]> {
  return fc
    .uniqueArray(draftArb(options.allowOnly ?? false), {
      minLength: 1,
      maxLength: options.maxRules ?? 8,
      selector: (draft) => `${draft.target}@${draft.priority}`,
    })
    .map((drafts) => drafts.map(draftToRule));
}

export function caseArb(options: CaseOptions = {}): fc.Arbitrary<Case> {
  return fc.record({ raw: rawConfigArb, rules: rulesArb(options) }).map(({ raw, rules }) => makeCase(raw, rules));
}

/** fast-check run parameters: FC_SEED / FC_PATH replay a reported failure; FC_RUNS raises the count. */
export function runParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  const runs = process.env.FC_RUNS === undefined ? numRuns : Math.max(numRuns, Number(process.env.FC_RUNS));
  return {
    numRuns: runs,
    ...(seed === undefined || Number.isNaN(seed) ? {} : { seed }),
    ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
  };
}
