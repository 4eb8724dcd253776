/**
 * `explain`: how every row of the vendor's tables lands on each cloud. The vendor columns come
 * from the plan; the native columns are looked up in the synthesized Terraform JSON, never
 * recomputed from the plan, so a hand edit or an emitter change shows in the table (a rule with
 * no resource reads MISSING, a resource no rule explains is listed as not in the plan).
 * Plain data; no CDKTF (the caller synthesizes and parses the JSON).
 */
import { catalogRules, SECTIONS } from '../catalog/securetransport';
import { CLOUDS, Cloud } from '../clouds';
import { allowOnly } from '../plan/allow-only';
import { FirewallPlan, GroupPlan, PlannedRule, portText } from '../plan/plan';
import { Action, HostGroup, IcmpMode, PROTECTED_GROUPS, ProtectedGroup, VendorRow } from '../spec/rule';
import { diagramEdges, DiagramEdge } from '../report/diagram';
import { nativeKey, NativeResource, nativeResources, TfJson } from './native';

export type { TfJson } from './native';
export { renderJson, renderMarkdown } from './render';

/** Where a row's vendor cells come from: the vendor's table, or our reading where it has no row. */
export type CellsFrom = 'vendor table' | 'note above the table' | 'native ICMP' | 'added by the project';

/**
 * built: resources found. MISSING: the plan rule has no resource. not expressible: the cloud
 * cannot build it (AWS deny rules). rewritten: built under another rule id (AWS, icmp "vendor").
 */
export type RowStatus = 'built' | 'MISSING' | 'not expressible' | 'rewritten';

/** Resources of one rule that agree on everything but address and peer (AWS: one per source CIDR). */
export interface NativeEntry extends Omit<NativeResource, 'address' | 'key' | 'group'> {
  readonly addresses: readonly string[];
}

export interface RuleRow {
  /** 1-based position in the plan's evaluation order. */
  readonly index: number;
  readonly id: string;
  readonly section: string;
  readonly action: Action;
  readonly cells: VendorRow;
  readonly cellsFrom: CellsFrom;
  readonly status: RowStatus;
  readonly native: readonly NativeEntry[];
  /** Why the row is not expressible or rewritten, or where its resources disagree with the plan. */
  readonly note?: string;
}

/** A resource in the JSON that no plan rule explains. */
export interface AddedRow {
  readonly key: string;
  readonly addedBy: 'emitter' | 'unknown';
  readonly reason: string;
  readonly native: NativeEntry;
}

/** Vendor rows that are not rules of this plan because of the icmp mode, and the rules that stand for them. */
export interface VendorRowsNotInPlan {
  readonly reason: string;
  readonly builtAs: readonly string[];
  readonly rows: readonly VendorRow[];
}

export interface GroupExplanation {
  readonly group: ProtectedGroup;
  readonly hosts: readonly string[];
  /** One per plan rule, in the plan's order. */
  readonly rules: readonly RuleRow[];
  readonly added: readonly AddedRow[];
  readonly vendorRowsNotInPlan?: VendorRowsNotInPlan;
  /** What the cloud could not build literally, as the planner words it (allowOnly()). */
  readonly warnings: readonly string[];
}

export interface CloudExplanation {
  readonly cloud: Cloud;
  readonly groups: readonly GroupExplanation[];
  /** Resources not in the plan whose protected group could not be recognised. */
  readonly unplaced: readonly AddedRow[];
}

export interface Explanation {
  readonly name: string;
  readonly icmp: IcmpMode;
  /** The plan's flows between host classes, with their ports: the diagram (src/report/diagram.ts). */
  readonly flows: readonly DiagramEdge[];
  readonly clouds: readonly CloudExplanation[];
}

export const SOURCE_LABELS: Readonly<Record<HostGroup, string>> = {
  edge: 'SecureTransport Edges',
  server: 'SecureTransport Servers',
  adminHost: 'Administration Host Private IP',
};
const PROTOCOL_LABELS = { tcp: 'TCP', udp: 'UDP', icmp: 'ICMP', all: 'Any' } as const;

/** For each cloud given, in CLOUDS order: every plan rule with the resources that build it, then the rest. */
export function explain(plan: FirewallPlan, stacks: Partial<Record<Cloud, TfJson>>): Explanation {
  const clouds = CLOUDS.filter((cloud) => stacks[cloud] !== undefined).map((cloud) => explainCloud(cloud, plan, stacks[cloud]!));
  return { name: plan.config.name, icmp: plan.config.icmp, flows: diagramEdges(plan, (group) => plan.groups[group].rules), clouds };
}

function explainCloud(cloud: Cloud, plan: FirewallPlan, tf: TfJson): CloudExplanation {
  const { name } = plan.config;
  const resources = nativeResources(cloud, tf, name);
  const used = new Set<string>();
  const rows = PROTECTED_GROUPS.map((group) => explainRules(cloud, plan.groups[group], resources, used, name));
  const added = resources.filter((resource) => !used.has(resource.address)).map((resource) => ({ resource, row: addedRow(cloud, name, resource) }));
  const groups = PROTECTED_GROUPS.map((group, i) => ({
    group,
    hosts: plan.groups[group].hosts,
    rules: rows[i].rules,
    added: sortAdded(added.filter(({ resource }) => resource.group === group).map(({ row }) => row)),
    vendorRowsNotInPlan: vendorRowsNotInPlan(plan, group),
    warnings: rows[i].warnings,
  }));
  return { cloud, groups, unplaced: sortAdded(added.filter(({ resource }) => resource.group === undefined).map(({ row }) => row)) };
}

/** Per plan rule: which rule ids the cloud builds it under, or why it cannot. Only AWS rewrites. */
interface Reading {
  readonly lookFor: (rule: PlannedRule) => readonly string[];
  readonly unexpressed: (rule: PlannedRule) => string | undefined;
  readonly warnings: readonly string[];
}

/** AWS goes through allowOnly() as its emitter does; what it drops or renames is read from its answer. */
function awsReading(group: GroupPlan): Reading {
  const planIds = new Set(group.rules.map((rule) => rule.id));
  try {
    const { rules, warnings } = allowOnly(group, 'aws');
    const kept = new Set(rules.map((rule) => rule.id));
    const replacements = rules.map((rule) => rule.id).filter((id) => !planIds.has(id));
    return {
      lookFor: (rule) => (kept.has(rule.id) ? [rule.id] : rule.action === 'allow' ? replacements : []),
      unexpressed: (rule) => (kept.has(rule.id) || rule.action === 'allow' ? undefined : 'security groups have no deny rules'),
      warnings,
    };
  } catch (err) {
    // The planner refuses the group outright: every deny rule is unbuildable, the allows stand.
    const message = (err as Error).message;
    return { lookFor: (rule) => [rule.id], unexpressed: (rule) => (rule.action === 'deny' ? message : undefined), warnings: [message] };
  }
}

const LITERAL: Reading = { lookFor: (rule) => [rule.id], unexpressed: () => undefined, warnings: [] };

function explainRules(cloud: Cloud, group: GroupPlan, resources: readonly NativeResource[], used: Set<string>, name: string) {
  const reading = cloud === 'aws' ? awsReading(group) : LITERAL;
  const rules = group.rules.map((rule, i): RuleRow => {
    const { cells, cellsFrom } = cellsOf(rule, group);
    const base = { index: i + 1, id: rule.id, section: rule.section, action: rule.action, cells, cellsFrom };
    const unexpressed = reading.unexpressed(rule);
    if (unexpressed) return { ...base, status: 'not expressible', native: [], note: unexpressed };
    const ids = reading.lookFor(rule);
    // With IPv6 on, Azure and GCP build a rule's IPv6 half as "<key>-v6".
    const keys = ids.flatMap((id) => [nativeKey(cloud, name, id), `${nativeKey(cloud, name, id)}-v6`]);
    const found = resources.filter((resource) => keys.includes(resource.key));
    for (const resource of found) used.add(resource.address);
    const rewritten = ids.length !== 1 || ids[0] !== rule.id;
    // A resource moved to another security group, NSG or tag by hand still matches by name: say so.
    const elsewhere = [...new Set(found.filter((resource) => resource.group !== group.group).map((resource) => resource.group))];
    const notes = [
      ...(rewritten ? [`built as ${ids.join(', ') || 'nothing'}`] : []),
      ...elsewhere.map((other) => `applies to ${other ? `the ${other} group` : 'no protected group'}, not ${group.group}`),
    ];
    return {
      ...base,
      status: found.length === 0 ? 'MISSING' : rewritten ? 'rewritten' : 'built',
      native: merge(found),
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    };
  });
  return { rules, warnings: reading.warnings };
}

/** The vendor's cells when the rule has a vendor row; otherwise our reading of the rule, in the vendor's words. */
function cellsOf(rule: PlannedRule, group: GroupPlan): { cells: VendorRow; cellsFrom: CellsFrom } {
  if (rule.vendor) return { cells: rule.vendor, cellsFrom: 'vendor table' };
  const type = group.rules.find((other) => other.vendor)?.vendor?.type ?? SOURCE_LABELS[group.group];
  const source = rule.source.kind === 'any' ? 'Any' : rule.source.group ? SOURCE_LABELS[rule.source.group] : rule.source.cidrs.join(', ');
  // ICMP has types, not ports.
  const port = rule.protocol === 'icmp' ? '—' : portText(rule.ports);
  const cellsFrom: CellsFrom = rule.section === SECTIONS.serverNote ? 'note above the table' : rule.protocol === 'icmp' ? 'native ICMP' : 'added by the project';
  return { cells: { type, protocol: PROTOCOL_LABELS[rule.protocol], port, source, description: rule.description }, cellsFrom };
}

/** Groups resources that differ only in address and peer, keeping the JSON's order. */
function merge(resources: readonly NativeResource[]): NativeEntry[] {
  const entries = new Map<string, { addresses: string[]; peers: string[]; first: NativeResource }>();
  for (const resource of resources) {
    const same = JSON.stringify([resource.direction, resource.priority, resource.action, resource.traffic, resource.appliesTo]);
    const entry = entries.get(same) ?? { addresses: [], peers: [], first: resource };
    entry.addresses.push(resource.address);
    entry.peers.push(...resource.peers.filter((peer) => !entry.peers.includes(peer)));
    entries.set(same, entry);
  }
  return [...entries.values()].map(({ addresses, peers, first }) => ({
    addresses,
    direction: first.direction,
    priority: first.priority,
    action: first.action,
    traffic: first.traffic,
    peers,
    appliesTo: first.appliesTo,
  }));
}

/**
 * The rules each emitter adds on its own, by the name it gives them, with the reason its comments
 * give. Anything else that no plan rule explains was not written by the emitter.
 */
function emitterReason(cloud: Cloud, name: string, resource: NativeResource): string | undefined {
  if (resource.key.endsWith('-v6') || resource.key.endsWith('-ipv6')) {
    const base = emitterReason(cloud, name, { ...resource, key: resource.key.replace(/-i?pv6$|-v6$/, '') });
    if (base) return `${base} (its IPv6 twin)`;
  }
  if (cloud === 'aws' && resource.key === 'admin-host-egress-all') {
    return 'Allow all outbound for the Administration host\'s security group (groups mode creates it): Terraform deletes the egress rule AWS creates.';
  }
  const group = resource.group;
  if (!group) return undefined;
  const reasons: Readonly<Record<Cloud, Readonly<Record<string, string>>>> = {
    aws: {
      [`${group}-egress-all`]:
        'Allow all outbound: Terraform deletes the allow-all egress rule AWS creates with a new security group, so the emitter declares it.',
    },
    azure: {
      [`${group}-allow-azure-load-balancer`]:
        'Keeps load balancer health probes working: the default AllowAzureLoadBalancerInBound (65001) would be shadowed by the deny-all below.',
      [`${group}-deny-all-inbound`]:
        'Deny everything not allowed above: overrides the default AllowVnetInBound (65000), which lets every host of the virtual network in on every port.',
    },
    gcp: {
      [`${name}-${group}-deny-all`]:
        'Deny all ingress not allowed above: the default network also carries default-allow-internal (65534) and friends, which this overrides for the tagged instances.',
    },
  };
  return reasons[cloud][resource.key];
}

function addedRow(cloud: Cloud, name: string, resource: NativeResource): AddedRow {
  const reason = emitterReason(cloud, name, resource);
  return {
    key: resource.key,
    addedBy: reason ? 'emitter' : 'unknown',
    reason: reason ?? 'Not in the plan, and not a rule the emitter adds: edited by hand, or an emitter change explain does not know.',
    native: merge([resource])[0],
  };
}

/** Evaluation order where the cloud has one (priority), then by address, so output is stable. */
function sortAdded(rows: AddedRow[]): AddedRow[] {
  const priority = (row: AddedRow) => row.native.priority ?? Number.MAX_SAFE_INTEGER;
  return rows.sort((a, b) => priority(a) - priority(b) || (a.native.addresses[0] < b.native.addresses[0] ? -1 : 1));
}

/** The vendor rows the other icmp mode would plan (the "ICMP only" rows in native mode), with the plan rules that replace them. */
function vendorRowsNotInPlan(plan: FirewallPlan, group: ProtectedGroup): VendorRowsNotInPlan | undefined {
  const planned = plan.groups[group].rules;
  const ids = new Set(planned.map((rule) => rule.id));
  const missing = [...catalogRules('native'), ...catalogRules('vendor')].filter(
    (rule, i, all) => rule.target === group && rule.vendor && !ids.has(rule.id) && all.findIndex((other) => other.id === rule.id) === i,
  );
  if (missing.length === 0) return undefined;
  const sections = new Set(missing.map((rule) => rule.section));
  const builtAs = planned.filter((rule) => sections.has(rule.section)).map((rule) => rule.id);
  return {
    reason: `icmp "${plan.config.icmp}": the plan builds these vendor rows as ${builtAs.join(', ') || 'nothing'}`,
    builtAs,
    rows: missing.map((rule) => rule.vendor!),
  };
}
