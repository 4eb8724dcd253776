/**
 * Security findings, read off the same policies the comparison painted: admin or cluster ports
 * the cloud lets in from public addresses, cloud rules that never decide a packet, and what
 * icmp "vendor" lets in beyond ICMP.
 */
import type { Cloud } from '../clouds';
import { addressText, cidr, Family } from '../net/cidr';
import type { FirewallPlan } from '../plan/plan';
import { HOST_GROUPS, ProtectedGroup } from '../spec/rule';
import type { AzureModel } from '../model/azure';
import type { Deployment } from '../model/common';
import type { FirewallModel } from '../model/index';
import { AnalysisOptions, azurePolicies, azureTags } from './azure';
import { fromCidrs, full, intersect, IntervalList, subtract, union } from './intervals';
import type { Finding } from './result';
import { Comparison, destinationClasses, evaluatePoint, PerFamily, Policy, protocolClasses } from './space';
import { numberRanges, protocolName } from './flow-text';

/** Ports the vendor lists for administration or the cluster: never meant for Any. */
export const ADMIN_PORTS = [22, 444, 7800, 7801, 7802, 8005, 8006, 8009, 9999, 20444, 33060, 44431];
/** Addresses no public packet comes from: RFC 1918, shared address space, loopback, link-local, ULA. */
const NON_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128'].map((text) => cidr(text));

export interface GroupAnalysis {
  readonly group: ProtectedGroup;
  readonly hosts: PerFamily<IntervalList>;
  readonly policies: readonly Policy[];
  readonly comparison: Comparison;
}

/** Public addresses: none of the groups' hosts, the VNet, private ranges, or Azure's load balancer. */
function publicSet(plan: FirewallPlan, options: AnalysisOptions, family: Family): IntervalList {
  const hosts = HOST_GROUPS.flatMap((g) => plan.config.hosts[g].map((text) => cidr(text)));
  const tags = azureTags(options.vnetCidrs.map((text) => cidr(text)));
  return subtract(subtract(full(family), fromCidrs([...NON_PUBLIC, ...hosts], family)), union(tags.vnet[family], tags.lb[family]));
}

/** One representative destination per class of identical rule applicability. */
function destinationPoints(policies: readonly Policy[], family: Family, hosts: IntervalList): bigint[] {
  return destinationClasses(policies.flatMap((p) => p.matchers), family, hosts).map((c) => c.intervals[0].lo);
}

function adminPortFindings(cloud: Cloud, open: PerFamily<IntervalList>, analysis: GroupAnalysis): Finding[] {
  const { group, hosts, policies } = analysis;
  const findings: Finding[] = [];
  for (const port of ADMIN_PORTS) {
    let by: string | undefined;
    for (const family of [4, 6] as Family[]) {
      if (hosts[family].length === 0 || by) continue;
      for (const destination of destinationPoints(policies, family, hosts[family])) {
        const hit = evaluatePoint(policies, family, 6, port, destination).find((p) => p.decision.allowed && intersect([p], open[family]).length > 0);
        if (hit) {
          by = hit.decision.rule;
          break;
        }
      }
    }
    if (by) findings.push({ kind: 'admin-port-from-any', cloud, group, message: `${cloud} ${group}: admin/cluster port tcp/${port} is reachable from Any (${by})` });
  }
  return findings;
}

/** The IP protocols (0-255, tcp and udp excluded) some address of `sources` may send to the group. */
function admittedProtocols(policies: readonly Policy[], hosts: PerFamily<IntervalList>, sources: PerFamily<IntervalList>): Set<number> {
  const admitted = new Set<number>();
  for (const family of [4, 6] as Family[]) {
    if (hosts[family].length === 0 || sources[family].length === 0) continue;
    const matchers = policies.flatMap((p) => p.matchers);
    const classes = protocolClasses(matchers, family);
    const named = classes.filter((p) => p >= 0);
    for (const protocol of classes) {
      if (protocol === 6 || protocol === 17) continue;
      const open = destinationPoints(policies, family, hosts[family]).some((destination) =>
        evaluatePoint(policies, family, protocol, 0, destination).some((p) => p.decision.allowed && intersect([p], sources[family]).length > 0),
      );
      if (!open) continue;
      if (protocol >= 0) admitted.add(protocol);
      else for (let p = 0; p < 256; p++) if (!named.includes(p)) admitted.add(p);
    }
  }
  admitted.delete(6);
  admitted.delete(17);
  return admitted;
}

/** "icmp", or "every IP protocol but tcp and udp (icmp, esp, ah, gre...)". */
export function protocolsText(admitted: ReadonlySet<number>): string {
  if (admitted.size === 0) return 'nothing';
  if (admitted.size === 254) return 'every IP protocol but tcp and udp (icmp, esp, ah, gre...)';
  const sorted = [...admitted].sort((a, b) => a - b);
  const named = sorted.filter((p) => protocolName(p) !== `proto ${p}`).map(protocolName);
  const unnamed = sorted.filter((p) => protocolName(p) === `proto ${p}`);
  return [...named, ...(unnamed.length > 0 ? [`ip protocols ${numberRanges(unnamed)}`] : [])].join(', ');
}

function vendorIcmpFindings(cloud: Cloud, deployment: Deployment<FirewallModel>, plan: FirewallPlan, options: AnalysisOptions, server: GroupAnalysis): Finding[] {
  if (plan.config.icmp !== 'vendor') return [];
  const servers = { 4: fromCidrs(plan.config.hosts.server.map((t) => cidr(t)), 4), 6: fromCidrs(plan.config.hosts.server.map((t) => cidr(t)), 6) };
  const findings: Finding[] = [
    {
      kind: 'icmp-vendor-flows',
      cloud,
      group: 'server',
      message: `${cloud} server: icmp "vendor" admits ${protocolsText(admittedProtocols(server.policies, server.hosts, servers))} from the Servers (icmp "native" admits icmp only)`,
    },
  ];
  if (deployment.model.cloud === 'azure') {
    // The vendor's page has no deny-all of its own: without ours, AllowVnetInBound (65000)
    // decides every non-TCP/UDP packet from any host of the virtual network.
    const model = deployment.model as AzureModel;
    const literal: Deployment<AzureModel> = {
      ...(deployment as Deployment<AzureModel>),
      model: { ...model, nsgs: model.nsgs.map((nsg) => ({ ...nsg, rules: nsg.rules.filter((rule) => rule.origin.name !== 'server-deny-all-inbound') })) },
    };
    const vnetCidrs = options.vnetCidrs.map((text) => cidr(text));
    const groupHosts = HOST_GROUPS.flatMap((g) => plan.config.hosts[g].map((text) => cidr(text)));
    const tags = azureTags(vnetCidrs);
    const strangers = { 4: subtract(tags.vnet[4], fromCidrs(groupHosts, 4)), 6: subtract(tags.vnet[6], fromCidrs(groupHosts, 6)) };
    const admitted = admittedProtocols(azurePolicies(literal, 'server', vnetCidrs), server.hosts, strangers);
    const first = strangers[4][0];
    const example = first ? ` (e.g. ${addressText({ family: 4, value: first.lo + 7n <= first.hi ? first.lo + 7n : first.lo })})` : '';
    findings.push({
      kind: 'icmp-vendor-flows',
      cloud,
      group: 'server',
      message: `azure server: the vendor's page as written (no deny-all) would admit ${protocolsText(admitted)} from every other host of the virtual network${example} through AllowVnetInBound; this project's deny-all-inbound (4096) stops that`,
    });
  }
  return findings;
}

/** Cloud rules that apply to a group but never decide a packet there: rules before them decide all they match. */
function neverDeciding(cloud: Cloud, groups: readonly GroupAnalysis[]): Finding[] {
  const considered = new Set<string>();
  const deciding = new Set<string>();
  for (const { comparison } of groups) {
    for (const m of comparison.considered) considered.add(m.decision.rule);
    for (const m of comparison.deciding) deciding.add(m.decision.rule);
  }
  return [...considered]
    .filter((rule) => !deciding.has(rule) && !rule.includes(':'))
    .sort()
    .map((rule) => ({ kind: 'shadowed-rule' as const, cloud, message: `${cloud}: ${rule} never decides a packet (${cloud === 'aws' ? 'other rules admit everything it admits' : 'rules before it decide everything it matches'})` }));
}

export function cloudFindings(cloud: Cloud, deployment: Deployment<FirewallModel>, plan: FirewallPlan, options: AnalysisOptions, groups: readonly GroupAnalysis[]): Finding[] {
  const server = groups.find((g) => g.group === 'server');
  const open = { 4: publicSet(plan, options, 4), 6: publicSet(plan, options, 6) };
  return [
    ...groups.flatMap((analysis) => adminPortFindings(cloud, open, analysis)),
    ...(server ? vendorIcmpFindings(cloud, deployment, plan, options, server) : []),
    ...neverDeciding(cloud, groups),
  ];
}
