/**
 * Azure network security groups (cloud-semantics.md): inbound rules by priority, first match
 * decides, then the default rules (65000 AllowVnetInBound: VirtualNetwork to VirtualNetwork;
 * 65001 AllowAzureLoadBalancerInBound; 65500 DenyAllInBound), or the defaults the input exports.
 * Several NSGs on one path (subnet and NIC) must each allow.
 *
 * Address tags: VirtualNetwork is the --vnet address space; AzureLoadBalancer is 168.63.129.16
 * (where health probes come from), outside VirtualNetwork and Internet; Internet is everything
 * else. Protocol `Icmp` is ICMPv4: whether it also matches ICMPv6 is not documented, so a packet
 * with both ends IPv6 that an `Icmp` rule could decide is reported as unsupported, never guessed.
 */
import type { AzureAddress, AzureNsg, AzureRule } from '../model/azure';
import type { AzureModel } from '../model/azure';
import type { Deployment, Membership } from '../model/common';
import { UnsupportedConstruct } from '../model/errors';
import { Cidr, cidr } from '../net/cidr';
import type { ProtectedGroup } from '../spec/rule';
import { EMPTY, fromCidrs, full, IntervalList, subtract, union } from './intervals';
import type { Decision } from './result';
import { ALL_PROTOCOLS, Matcher, PerFamily, Policy, PortMatch, ProtocolMatch } from './space';
import { AZURE_LOAD_BALANCER_CIDR } from './spec';

export interface AnalysisOptions {
  /** The address space of the VirtualNetwork tag (the VNet, peerings, on-premises). */
  readonly vnetCidrs: readonly string[];
}

export const AZURE_DEFAULTS = {
  allowVnet: 'azure:AllowVnetInBound(65000)',
  allowLoadBalancer: 'azure:AllowAzureLoadBalancerInBound(65001)',
  denyAll: 'azure:DenyAllInBound(65500)',
} as const;

const PORTS_ONLY_FOR_TCP_UDP = 'destination ports on a protocol without ports';
const ICMP_OVER_IPV6 = 'protocol Icmp for a packet with both ends IPv6 (NSGs document Icmp as ICMPv4 only)';

interface Tags {
  readonly vnet: PerFamily<IntervalList>;
  readonly lb: PerFamily<IntervalList>;
  readonly internet: PerFamily<IntervalList>;
}

export function azureTags(vnetCidrs: readonly Cidr[]): Tags {
  const lb = { 4: fromCidrs([cidr(AZURE_LOAD_BALANCER_CIDR)], 4), 6: EMPTY };
  const vnet = { 4: subtract(fromCidrs(vnetCidrs, 4), lb[4]), 6: fromCidrs(vnetCidrs, 6) };
  const internet = { 4: subtract(full(4), union(vnet[4], lb[4])), 6: subtract(full(6), vnet[6]) };
  return { vnet, lb, internet };
}

function addressSet(rule: AzureRule, side: AzureAddress, tags: Tags, membership: Membership): PerFamily<IntervalList> | null {
  switch (side.kind) {
    case 'any':
      return null;
    case 'tag':
      if (side.tag === 'VirtualNetwork') return tags.vnet;
      if (side.tag === 'AzureLoadBalancer') return tags.lb;
      if (side.tag === 'Internet') return tags.internet;
      throw new UnsupportedConstruct(`${rule.origin.address}: service tag "${side.tag}" is not evaluated`);
    case 'cidrs':
      return { 4: fromCidrs(side.cidrs, 4), 6: fromCidrs(side.cidrs, 6) };
    case 'asgs': {
      // Application security groups: the NICs attached to any of them.
      const members = side.groups.flatMap((key) => {
        const found = membership.get(key);
        if (!found) throw new UnsupportedConstruct(`${rule.origin.address}: application security group ${key}: its members are not known (verify needs the host groups behind it)`);
        return found;
      });
      return { 4: fromCidrs(members, 4), 6: fromCidrs(members, 6) };
    }
  }
}

function protocols(rule: AzureRule): PerFamily<ProtocolMatch> {
  const ports = rule.destinationPorts;
  const portless = (protocol: number): ProtocolMatch => ({ byNumber: new Map([[protocol, ports === null ? { ranges: null } : { ranges: null, unknown: PORTS_ONLY_FOR_TCP_UDP }]]) });
  const tcpUdp = (numbers: number[]): Map<number, PortMatch> => new Map(numbers.map((n) => [n, { ranges: ports }]));
  switch (rule.protocol) {
    case '*': {
      const match: ProtocolMatch = ports === null ? ALL_PROTOCOLS : { byNumber: tcpUdp([6, 17]), others: { ranges: null, unknown: PORTS_ONLY_FOR_TCP_UDP } };
      return { 4: match, 6: match };
    }
    case 'Tcp':
      return { 4: { byNumber: tcpUdp([6]) }, 6: { byNumber: tcpUdp([6]) } };
    case 'Udp':
      return { 4: { byNumber: tcpUdp([17]) }, 6: { byNumber: tcpUdp([17]) } };
    case 'Icmp':
      return { 4: portless(1), 6: { byNumber: new Map([[1, { ranges: null, unknown: ICMP_OVER_IPV6 }], [58, { ranges: null, unknown: ICMP_OVER_IPV6 }]]) } };
    case 'Esp':
      return { 4: portless(50), 6: portless(50) };
    case 'Ah':
      return { 4: portless(51), 6: portless(51) };
  }
}

export function azureRuleMatcher(rule: AzureRule, tags: Tags, membership: Membership): Matcher {
  // The packet's source port is not a dimension of the analysis: only "*" can be judged.
  if (rule.sourcePorts !== null && !(rule.sourcePorts.length === 1 && rule.sourcePorts[0].from === 0 && rule.sourcePorts[0].to === 65535)) {
    throw new UnsupportedConstruct(`${rule.origin.address}: source ports other than "*" are not evaluated`);
  }
  const decision: Decision = { allowed: rule.access === 'Allow', rule: rule.origin.address, ...(rule.origin.name ? { name: rule.origin.name } : {}) };
  return {
    decision,
    protocols: protocols(rule),
    sources: addressSet(rule, rule.source, tags, membership) ?? { 4: full(4), 6: full(6) },
    destinations: addressSet(rule, rule.destination, tags, membership),
  };
}

function defaultMatchers(tags: Tags): Matcher[] {
  const all = { 4: ALL_PROTOCOLS, 6: ALL_PROTOCOLS };
  return [
    { decision: { allowed: true, rule: AZURE_DEFAULTS.allowVnet }, protocols: all, sources: tags.vnet, destinations: tags.vnet },
    { decision: { allowed: true, rule: AZURE_DEFAULTS.allowLoadBalancer }, protocols: all, sources: tags.lb, destinations: null },
  ];
}

/** One NSG's inbound rules, then its defaults. */
export function nsgPolicy(nsg: AzureNsg, tags: Tags, membership: Membership): Policy {
  const inbound = (rules: readonly AzureRule[]) => rules.filter((r) => r.direction === 'Inbound').sort((a, b) => a.priority - b.priority);
  const own = inbound(nsg.rules).map((rule) => azureRuleMatcher(rule, tags, membership));
  if (nsg.defaultRules) {
    return { matchers: [...own, ...inbound(nsg.defaultRules).map((rule) => azureRuleMatcher(rule, tags, membership))], fallback: { allowed: false, rule: AZURE_DEFAULTS.denyAll } };
  }
  return { matchers: [...own, ...defaultMatchers(tags)], fallback: { allowed: false, rule: AZURE_DEFAULTS.denyAll } };
}

/** The NSGs on the group's path, each a policy. */
export function azurePolicies(deployment: Deployment<AzureModel>, group: ProtectedGroup, vnetCidrs: readonly Cidr[]): Policy[] {
  const tags = azureTags(vnetCidrs);
  const attached = deployment.bindings[group].attached;
  if (attached.length === 0) throw new UnsupportedConstruct(`azure ${group}: no network security group applies to it`);
  return attached.map((key) => {
    const nsg = deployment.model.nsgs.find((candidate) => candidate.key === key || candidate.name === key);
    if (!nsg) throw new UnsupportedConstruct(`azure ${group}: network security group ${key} is not in the input`);
    return nsgPolicy(nsg, tags, deployment.membership);
  });
}

