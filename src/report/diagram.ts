/**
 * The flow diagram's content, shared by the Mermaid block (docs/rules.md) and the report's SVG:
 * one arrow per (source, protected group) of the plan, labelled with its protocols and ports,
 * from the Internet/load balancer, the Edges, the Servers, the Administration host, or other
 * CIDRs of extra rules. With an audit, each arrow carries the status of its rows, and the extra
 * flows the deployment admits are added where they come from.
 */
import type { Flow } from '../analysis/result';
import { cidr, cidrCovers } from '../net/cidr';
import type { FirewallPlan, PlannedRule } from '../plan/plan';
import { HOST_GROUPS, HostGroup, PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';
import { flowSources } from './flow-sets';
import { fromCidr } from './ranges';

/** A vendor row on a deployment: there as written, not reaching, or reaching other than written. */
export type RowState = 'present' | 'missing' | 'different';

export type DiagramNode = 'internet' | HostGroup | 'other';

export const NODE_TITLES: Readonly<Record<DiagramNode, string>> = {
  internet: 'Internet / load balancer',
  edge: 'SecureTransport Edges',
  server: 'SecureTransport Servers',
  adminHost: 'Administration host',
  other: 'Other sources',
};

export interface DiagramEdge {
  readonly from: DiagramNode;
  readonly to: ProtectedGroup;
  /** "tcp 20, 21, 80", "udp 10022", "icmp": one item per protocol. */
  readonly label: readonly string[];
  /** The worst status of the arrow's rows (audit only). */
  readonly status?: RowState;
  /** Extra flows the deployment admits on this arrow (audit only). */
  readonly extra?: readonly string[];
  /** The arrow's rows that do not reach, or not fully (audit only). */
  readonly missing?: readonly string[];
}

function sourceNode(rule: PlannedRule): DiagramNode {
  if (rule.source.kind === 'any') return 'internet';
  return rule.source.group ?? 'other';
}

/** Ports per protocol, sorted: ["tcp 20, 21, 80-81", "icmp"]. */
export function portLabel(rules: readonly PlannedRule[]): string[] {
  const byProtocol = new Map<string, PlannedRule[]>();
  for (const rule of rules) byProtocol.set(rule.protocol, [...(byProtocol.get(rule.protocol) ?? []), rule]);
  const order = ['tcp', 'udp', 'icmp', 'all'];
  return [...byProtocol.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([protocol, list]) => {
      if (protocol === 'icmp' || protocol === 'all') return protocol === 'all' ? 'all protocols' : 'icmp';
      const ports = [...new Map(list.map((r) => [r.ports ? `${r.ports.from}-${r.ports.to}` : '*', r.ports])).values()].sort((a, b) => (a?.from ?? -1) - (b?.from ?? -1));
      return `${protocol} ${ports.map((p) => (!p ? '*' : p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(', ')}`;
    });
}

const WORST: readonly RowState[] = ['missing', 'different', 'present'];

/** Where an extra flow comes from: a host group when all its sources are that group's hosts. */
export function flowNode(plan: FirewallPlan, flow: Flow): DiagramNode {
  const spans = flowSources(flow);
  for (const group of HOST_GROUPS) {
    const hosts = plan.config.hosts[group].map((text) => fromCidr(cidr(text)));
    if (spans.length > 0 && spans.every((s) => hosts.some((h) => h.family === s.family && h.first <= s.first && s.last <= h.last))) return group;
  }
  const anyPublic = flow.sources.some((text) => text === '0.0.0.0/0' || text === '::/0' || (text.includes('/') && !['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].some((p) => cidrCovers(cidr(p), cidr(text)))));
  return anyPublic ? 'internet' : 'other';
}

export interface DiagramAudit {
  readonly rows: readonly { readonly group: ProtectedGroup; readonly id: string; readonly status: RowState }[];
  readonly extra: readonly { readonly group: ProtectedGroup; readonly flow: Flow }[];
}

export function diagramEdges(plan: FirewallPlan, rulesOf: (group: ProtectedGroup) => readonly PlannedRule[], audit?: DiagramAudit): DiagramEdge[] {
  const edges = new Map<string, { from: DiagramNode; to: ProtectedGroup; rules: PlannedRule[]; extra: string[] }>();
  const edgeFor = (from: DiagramNode, to: ProtectedGroup) => {
    const key = `${from}->${to}`;
    if (!edges.has(key)) edges.set(key, { from, to, rules: [], extra: [] });
    return edges.get(key)!;
  };
  for (const group of PROTECTED_GROUPS) for (const rule of rulesOf(group).filter((r) => r.action === 'allow')) edgeFor(sourceNode(rule), group).rules.push(rule);
  for (const { group, flow } of audit?.extra ?? []) edgeFor(flowNode(plan, flow), group).extra.push(`${flow.protocol}${flow.ports !== undefined ? ` ${flow.ports}` : ''}${flowNode(plan, flow) === 'other' || flowNode(plan, flow) === 'internet' ? ` from ${flow.sources.join(', ')}` : ''}`);
  const order: DiagramNode[] = ['internet', 'server', 'edge', 'adminHost', 'other'];
  return [...edges.values()]
    .sort((a, b) => a.to.localeCompare(b.to) || order.indexOf(a.from) - order.indexOf(b.from))
    .map(({ from, to, rules, extra }) => {
      const statuses = audit ? rules.map((r) => audit.rows.find((row) => row.group === to && row.id === r.id)?.status ?? 'present') : [];
      const status = audit ? (WORST.find((s) => statuses.includes(s)) ?? (extra.length ? 'different' : 'present')) : undefined;
      const short = audit ? rules.filter((r, i) => statuses[i] !== 'present' && audit.rows.find((row) => row.group === to && row.id === r.id)?.status === 'missing') : [];
      return { from, to, label: portLabel(rules), ...(status ? { status: extra.length && status === 'present' ? 'different' : status } : {}), ...(audit ? { extra, missing: portLabel(short) } : {}) };
    });
}
