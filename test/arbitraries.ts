/**
 * fast-check arbitraries for the property tests (test/properties.test.ts): small configs and
 * rule lists built so that interesting things happen often (overlapping port ranges, CIDRs that
 * cut through host groups, deny rules shadowing allows, IPv4 and IPv6 side by side, host groups
 * as native groups), and so that a shrunk counterexample reads like a config file and a rule
 * table: every generated case prints itself compactly.
 *
 * Address plan (disjoint, so validateConfig accepts every combination):
 *   IPv4: edge 10.0.1.0/24, server 10.0.2.0/24, adminHost 10.0.9.0/24,
 *         a VNet host in no group 10.0.200.7, an internet host 203.0.113.9;
 *   IPv6 (with "ipv6": true): edge fd00:1::/64, server fd00:2::/64, adminHost fd00:9::/64,
 *         a VNet host in no group fd00:200::7, an internet host 2001:db8::9.
 *
 * Every case is drawn whole (IPv6 parts and native-group settings included) and then reduced to
 * what the config allows: with IPv6 off, IPv6 host entries are dropped and each IPv6 CIDR source
 * becomes its IPv4 twin. So nothing is chained, and fast-check shrinks every part on its own
 * (towards IPv6 off, CIDR sources, no override).
 */
import * as fc from 'fast-check';
import { Config, validateConfig } from '../src/config/load';
import { addressText, parseAddress } from '../src/net/cidr';
import { HOST_GROUPS, HostGroup, Peer, Port, PortRange, ProtectedGroup, Rule } from '../src/spec/rule';

/**
 * Azure's VirtualNetwork address space for the cases (one range per family), and the sources in
 * no host group: a VNet host and an internet host per family.
 */
export const VNET_CIDRS: readonly string[] = ['10.0.0.0/16', 'fd00::/16'];
export const VNET_STRANGER = '10.0.200.7';
export const INTERNET_HOST = '203.0.113.9';
export const VNET_STRANGER6 = 'fd00:200::7';
export const INTERNET_HOST6 = '2001:db8::9';

/** Ports rules are drawn from: few enough that ranges overlap and rules shadow each other. */
export const PORT_POOL = [22, 80, 443, 8080, 8088, 8093, 30000] as const;

const SUBNET: Readonly<Record<HostGroup, string>> = { edge: '10.0.1', server: '10.0.2', adminHost: '10.0.9' };
const SUBNET6: Readonly<Record<HostGroup, string>> = { edge: 'fd00:1::', server: 'fd00:2::', adminHost: 'fd00:9::' };

/**
 * Literal rule sources: through the groups, around them, outside the VNet, and everything
 * (0.0.0.0/0, which also holds 168.63.129.16, where Azure's health probes come from: the spec
 * and the Azure evaluator both let such a CIDR match the 'AzureLoadBalancer' probe).
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

/** The same roles in IPv6 (with "ipv6": true), position by position: entry i stands in for CIDR_POOL[i]. */
export const CIDR_POOL6 = [
  'fd00:1::/64', // every IPv6 edge
  'fd00:2::/64', // every IPv6 server
  'fd00::/16', // the whole IPv6 VNet
  'fd00:1::8/125', // part of the edges (the first slot)
  'fd00:2::/124', // part of the servers
  'fd00:9::/64', // the IPv6 admin hosts
  'fd00:200::/64', // the IPv6 VNet stranger's subnet
  '2001:db8:100::/48', // outside the VNet
  '2001:db8::/64', // outside, holding the IPv6 internet probe
] as const;

/**
 * Every fc.oneof here shrinks across its branches too, towards the first (the plain one: IPv6
 * off, no override, allow, "any", a pool port...), so a shrunk case keeps only what it needs.
 */
const CROSS = { withCrossShrink: true } as const;

// ---------------------------------------------------------------------------------------------
// Config

/**
 * One host entry: the /24 of its group (IPv6: the low 256 addresses of its /64) is cut into
 * 8-address slots (1-8); each entry takes its own slot, so entries never overlap. Shrinks to
 * "10.0.1.10" / "fd00:1::a" (slot 1, a single address).
 */
const hostEntry = fc.record({
  slot: fc.integer({ min: 1, max: 8 }),
  form: fc.constantFrom('address', 'quarter', 'slot'),
  offset: fc.integer({ min: 0, max: 7 }),
});
type HostEntry = { slot: number; form: 'address' | 'quarter' | 'slot'; offset: number };

function hostText(group: HostGroup, { slot, form, offset }: HostEntry): string {
  const base = slot * 8;
  if (form === 'slot') return `${SUBNET[group]}.${base}/29`;
  if (form === 'quarter') return `${SUBNET[group]}.${base + (offset < 4 ? 0 : 4)}/30`;
  return `${SUBNET[group]}.${base + ((offset + 2) % 8)}`;
}

/** The same slots in the group's IPv6 /64: an address, a /126 or a /125. */
function hostText6(group: HostGroup, { slot, form, offset }: HostEntry): string {
  const base = slot * 8;
  const at = (value: number) => `${SUBNET6[group]}${value.toString(16)}`;
  if (form === 'slot') return `${at(base)}/125`;
  if (form === 'quarter') return `${at(base + (offset < 4 ? 0 : 4))}/126`;
  return at(base + ((offset + 2) % 8));
}

const entries = fc.uniqueArray(hostEntry, { minLength: 0, maxLength: 3, selector: (entry) => entry.slot });

/** A group's hosts of both families; see resolveHosts. */
const hostList = (group: HostGroup) =>
  fc.record({ v4: entries, v6: entries }).map(({ v4, v6 }) => ({ v4: v4.map((e) => hostText(group, e)), v6: v6.map((e) => hostText6(group, e)) }));

/** What the config's host list becomes: IPv4 entries, plus IPv6 ones with IPv6 on; never empty. */
function resolveHosts(group: HostGroup, hosts: { v4: readonly string[]; v6: readonly string[] }, ipv6: boolean): string[] {
  const list = ipv6 ? [...hosts.v4, ...hosts.v6] : [...hosts.v4];
  return list.length > 0 ? list : [`${SUBNET[group]}.10`];
}

export type SourcesMode = 'cidr' | 'groups';

/** Host groups as sources: the config's "sources", its per-cloud overrides, and groups mode's extras. */
export interface RawSources {
  /** Top-level "sources"; null: absent (cidr). */
  readonly sources: SourcesMode | null;
  readonly aws: SourcesMode | null;
  readonly azure: SourcesMode | null;
  readonly gcp: SourcesMode | null;
  /** gcp.serviceAccounts: sources and targets by service account instead of network tags (groups mode). */
  readonly serviceAccounts: boolean;
  /** aws.adminHostSecurityGroupId: an existing security group for the admin host (groups mode). */
  readonly adminHostSecurityGroup: boolean;
  /** aws.loadBalancerSecurityGroupId: the load balancer's security group as the source of "any" rules (groups mode). */
  readonly loadBalancerSecurityGroup: boolean;
}

export const SERVICE_ACCOUNTS: Readonly<Record<HostGroup, string>> = {
  edge: 'st-edge@prop-project.iam.gserviceaccount.com',
  server: 'st-server@prop-project.iam.gserviceaccount.com',
  adminHost: 'st-admin@prop-project.iam.gserviceaccount.com',
};
export const ADMIN_HOST_SECURITY_GROUP = 'sg-0aaaaaaaaaaaaaaa1';
export const LOAD_BALANCER_SECURITY_GROUP = 'sg-0bbbbbbbbbbbbbbb2';

/** Mostly absent (shrinks to absent), else either mode. */
const override = fc.oneof(CROSS, { arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.constantFrom<SourcesMode>('cidr', 'groups'), weight: 2 });

const rawSourcesArb: fc.Arbitrary<RawSources> = fc.record({
  sources: fc.oneof(CROSS, { arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.constant<SourcesMode>('groups'), weight: 3 }, { arbitrary: fc.constant<SourcesMode>('cidr'), weight: 1 }),
  aws: override,
  azure: override,
  gcp: override,
  serviceAccounts: fc.oneof(CROSS, { arbitrary: fc.constant(false), weight: 2 }, { arbitrary: fc.constant(true), weight: 1 }),
  adminHostSecurityGroup: fc.oneof(CROSS, { arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  loadBalancerSecurityGroup: fc.oneof(CROSS, { arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
});

/** The raw config (what a config file would hold), before validation. */
export interface RawConfig {
  readonly edge: readonly string[];
  readonly server: readonly string[];
  readonly adminHost: readonly string[];
  readonly ftpPassivePorts: PortRange;
  readonly ipv6: boolean;
  readonly sources: RawSources;
}

export const rawConfigArb: fc.Arbitrary<RawConfig> = fc
  .record({
    // IPv6 in about 2 cases of 5; shrinks to off.
    ipv6: fc.oneof(CROSS, { arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 2 }),
    edge: hostList('edge'),
    server: hostList('server'),
    adminHost: hostList('adminHost'),
    // Clear of every port the catalog's Edge rules list (validateConfig checks that); 30000 is in PORT_POOL.
    ftpPassivePorts: fc
      .record({ from: fc.integer({ min: 30000, max: 30050 }), length: fc.integer({ min: 0, max: 100 }) })
      .map(({ from, length }) => ({ from, to: from + length })),
    sources: rawSourcesArb,
  })
  .map(({ ipv6, edge, server, adminHost, ftpPassivePorts, sources }) => ({
    edge: resolveHosts('edge', edge, ipv6),
    server: resolveHosts('server', server, ipv6),
    adminHost: resolveHosts('adminHost', adminHost, ipv6),
    ftpPassivePorts,
    ipv6,
    sources,
  }));

/** Groups-mode settings are errors while their cloud is in cidr mode: the generated ones apply only in groups mode. */
function groupsSettings(s: RawSources): { adminHostSecurityGroup: boolean; loadBalancerSecurityGroup: boolean; serviceAccounts: boolean } {
  const groups = (cloud: 'aws' | 'gcp') => (s[cloud] ?? s.sources ?? 'cidr') === 'groups';
  return {
    adminHostSecurityGroup: s.adminHostSecurityGroup && groups('aws'),
    loadBalancerSecurityGroup: s.loadBalancerSecurityGroup && groups('aws'),
    serviceAccounts: s.serviceAccounts && groups('gcp'),
  };
}

/** The config file the raw config stands for (plain JSON, as validateConfig takes it). */
export function configInput(raw: RawConfig): Record<string, unknown> {
  const s = { ...raw.sources, ...groupsSettings(raw.sources) };
  const mode = (value: SourcesMode | null) => (value === null ? {} : { sources: value });
  return {
    name: 'st-prop',
    edge: { privateIps: raw.edge },
    server: { privateIps: raw.server },
    adminHost: { privateIps: raw.adminHost },
    ftpPassivePorts: `${raw.ftpPassivePorts.from}-${raw.ftpPassivePorts.to}`,
    ...(raw.ipv6 ? { ipv6: true } : {}),
    ...mode(s.sources),
    aws: {
      ...mode(s.aws),
      ...(s.adminHostSecurityGroup ? { adminHostSecurityGroupId: ADMIN_HOST_SECURITY_GROUP } : {}),
      ...(s.loadBalancerSecurityGroup ? { loadBalancerSecurityGroupId: LOAD_BALANCER_SECURITY_GROUP } : {}),
    },
    azure: { location: 'westeurope', resourceGroupName: 'rg-st-prop', ...mode(s.azure) },
    gcp: { network: 'st-prop-net', ...mode(s.gcp), ...(s.serviceAccounts ? { serviceAccounts: SERVICE_ACCOUNTS } : {}) },
  };
}

export function buildConfig(raw: RawConfig): Config {
  return validateConfig(configInput(raw));
}

// ---------------------------------------------------------------------------------------------
// Rules

const poolPort = fc.constantFrom(...PORT_POOL);
/** Mostly pool ports (so ranges overlap), sometimes anything, including the ends 1 and 65535. */
const port = fc.oneof(CROSS, { arbitrary: poolPort, weight: 5 }, { arbitrary: fc.constantFrom(1, 65535), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 65535 }), weight: 1 });

const portsArb: fc.Arbitrary<PortRange | 'all' | { named: 'ftpPassivePorts' }> = fc.oneof(
  CROSS,
  { arbitrary: port.map((p) => ({ from: p, to: p })), weight: 4 },
  { arbitrary: fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })), weight: 4 },
  { arbitrary: fc.constant('all' as const), weight: 1 },
  { arbitrary: fc.constant({ named: 'ftpPassivePorts' as const }), weight: 1 },
);

export const portArb: fc.Arbitrary<Port> = fc.oneof(
  CROSS,
  { arbitrary: fc.record({ protocol: fc.constantFrom('tcp' as const, 'udp' as const), ports: portsArb }), weight: 8 },
  { arbitrary: fc.constant({ protocol: 'icmp' as const }), weight: 1 },
  { arbitrary: fc.constant({ protocol: 'all' as const }), weight: 1 },
);

const THIRDS = [1, 2, 9, 200] as const;

/** A CIDR inside one of the interesting /24s, aligned, /25 to /32: cuts through host entries. */
const generatedCidr = fc
  .record({ third: fc.constantFrom(...THIRDS), prefix: fc.integer({ min: 25, max: 32 }), index: fc.nat() })
  .map(({ third, prefix, index }) => {
    const size = 2 ** (32 - prefix);
    const first = (index % (256 / size)) * size;
    return { v4: prefix === 32 ? `10.0.${third}.${first}` : `10.0.${third}.${first}/${prefix}`, v6: cidr6(`fd00:${third}::${first.toString(16)}`, prefix + 96) };
  });

/** Canonical IPv6 text ("fd00:1::" not "fd00:1::0"); a bare address for /128. */
function cidr6(address: string, prefix: number): string {
  const text = addressText(parseAddress(address)!);
  return prefix === 128 ? text : `${text}/${prefix}`;
}

/** A literal source CIDR: an IPv4 one and its IPv6 twin; which one the rule gets is decided with the config. */
export interface CidrPick {
  readonly v4: string;
  readonly v6: string;
  /** Take the IPv6 twin (when IPv6 is on). */
  readonly six: boolean;
}

const cidrPair = fc.oneof(
  CROSS,
  { arbitrary: fc.integer({ min: 0, max: CIDR_POOL.length - 1 }).map((i) => ({ v4: CIDR_POOL[i], v6: CIDR_POOL6[i] })), weight: 6 },
  { arbitrary: generatedCidr, weight: 4 },
  // Everything: 0.0.0.0/0 and ::/0, unlike "any", hold one family each.
  { arbitrary: fc.constant({ v4: '0.0.0.0/0', v6: '::/0' }), weight: 1 },
);

const cidrPickArb: fc.Arbitrary<CidrPick> = fc
  .record({ pair: cidrPair, six: fc.oneof(CROSS, { arbitrary: fc.constant(false), weight: 1 }, { arbitrary: fc.constant(true), weight: 1 }) })
  .map(({ pair, six }) => ({ ...pair, six }));

/** A rule's source before the config is known: literal CIDRs are picks (see CidrPick). */
export type PeerDraft = { readonly kind: 'any' } | { readonly kind: 'group'; readonly group: HostGroup } | { readonly kind: 'picks'; readonly picks: readonly CidrPick[] };

export const peerDraftArb: fc.Arbitrary<PeerDraft> = fc.oneof(
  CROSS,
  { arbitrary: fc.constant({ kind: 'any' as const }), weight: 2 },
  { arbitrary: fc.constantFrom<HostGroup>(...HOST_GROUPS).map((group) => ({ kind: 'group' as const, group })), weight: 3 },
  { arbitrary: fc.array(cidrPickArb, { minLength: 1, maxLength: 2 }).map((picks) => ({ kind: 'picks' as const, picks })), weight: 3 },
);

/** The peer a draft becomes: with IPv6 off every pick is its IPv4 CIDR; duplicates are dropped. */
export function resolvePeer(draft: PeerDraft, ipv6: boolean): Peer {
  if (draft.kind === 'any') return Peer.any();
  if (draft.kind === 'group') return Peer.group(draft.group);
  return Peer.cidrs(...new Set(draft.picks.map((pick) => (ipv6 && pick.six ? pick.v6 : pick.v4))));
}

/**
 * Explicit priorities, unique per group, all even: any two are at least 2 apart, as IPv6 needs
 * (Azure builds a rule's IPv6 half at priority + 1). Mostly multiples of 10 in 100-4000 (plan()'s
 * range), sometimes packed 2 apart from 100, so those IPv6 halves sit right against the next
 * rule. Shrink towards 100.
 */
const priorityArb = fc.oneof(
  CROSS,
  { arbitrary: fc.integer({ min: 10, max: 40 }).map((n) => n * 10), weight: 4 },
  { arbitrary: fc.integer({ min: 50, max: 60 }).map((n) => n * 2), weight: 2 },
  { arbitrary: fc.integer({ min: 10, max: 400 }).map((n) => n * 10), weight: 1 },
);

export interface RuleDraft {
  readonly target: ProtectedGroup;
  readonly action: 'allow' | 'deny';
  readonly port: Port;
  readonly source: PeerDraft;
  readonly priority: number;
}

/** Allows twice as often as denies, so lists without a deny (all AWS can take) are common too. */
const actionArb = (allowOnly: boolean) =>
  allowOnly ? fc.constant('allow' as const) : fc.oneof(CROSS, { arbitrary: fc.constant('allow' as const), weight: 2 }, { arbitrary: fc.constant('deny' as const), weight: 1 });

const draftArb = (allowOnly: boolean): fc.Arbitrary<RuleDraft> =>
  fc.record({
    target: fc.constantFrom<ProtectedGroup>('edge', 'server'),
    action: actionArb(allowOnly),
    port: portArb,
    source: peerDraftArb,
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

function draftToRule(draft: RuleDraft, index: number, ipv6: boolean): Rule {
  const rule = {
    id: `${draft.target}-r${index + 1}`,
    target: draft.target,
    action: draft.action,
    port: draft.port,
    source: resolvePeer(draft.source, ipv6),
    section: 'property test',
    priority: draft.priority,
    description: '',
  };
  return { ...rule, description: `generated: ${ruleLabel(rule)}` };
}

/** The rule list drafts become under a config: ids `${target}-r${n}` in list order. */
export function rulesFor(drafts: readonly RuleDraft[], ipv6: boolean): Rule[] {
  return drafts.map((draft, i) => draftToRule(draft, i, ipv6));
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

/** The config's non-default settings for IPv6 and sources, as config keys: "ipv6=true sources=groups gcp.serviceAccounts". */
export function settingsLabel(raw: RawConfig): string {
  const s = { ...raw.sources, ...groupsSettings(raw.sources) };
  const parts = [`ipv6=${raw.ipv6}`, `sources=${s.sources ?? 'cidr'}`];
  for (const cloud of ['aws', 'azure', 'gcp'] as const) if (s[cloud] !== null) parts.push(`${cloud}.sources=${s[cloud]}`);
  if (s.adminHostSecurityGroup) parts.push(`aws.adminHostSecurityGroupId=${ADMIN_HOST_SECURITY_GROUP}`);
  if (s.loadBalancerSecurityGroup) parts.push(`aws.loadBalancerSecurityGroupId=${LOAD_BALANCER_SECURITY_GROUP}`);
  if (s.serviceAccounts) parts.push('gcp.serviceAccounts');
  return parts.join(' ');
}

export function caseText(raw: RawConfig, rules: readonly Rule[]): string {
  const lines = [
    `config: ${settingsLabel(raw)}`,
    `  edge=[${raw.edge.join(' ')}] server=[${raw.server.join(' ')}] adminHost=[${raw.adminHost.join(' ')}] ftpPassivePorts=${raw.ftpPassivePorts.from}-${raw.ftpPassivePorts.to}`,
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
 * 1-8 rule drafts over both protected groups, explicit priorities unique per group (two groups
 * may share one).
 */
export function draftsArb(options: CaseOptions = {}): fc.Arbitrary<RuleDraft[]> {
  return fc.uniqueArray(draftArb(options.allowOnly ?? false), {
    minLength: 1,
    maxLength: options.maxRules ?? 8,
    selector: (draft) => `${draft.target}@${draft.priority}`,
  });
}

export function caseArb(options: CaseOptions = {}): fc.Arbitrary<Case> {
  return fc.record({ raw: rawConfigArb, drafts: draftsArb(options) }).map(({ raw, drafts }) => makeCase(raw, rulesFor(drafts, raw.ipv6)));
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
