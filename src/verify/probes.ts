/**
 * A deterministic probe set for a plan: every port a rule names, with its neighbours and its
 * range's edges, a few ports no rule names, for TCP and UDP; ICMP, ESP, AH and GRE; from every
 * group's hosts, every literal CIDR a rule names, a VNet host in no group, an internet host and
 * Azure's load balancer.
 */
import { addressText, Cidr, cidr, cidrContains, familyOf, parseAddress } from '../net/cidr';
import type { FirewallPlan } from '../plan/plan';
import { HOST_GROUPS, PROTECTED_GROUPS } from '../spec/rule';
import { AZURE_LOAD_BALANCER, Probe } from './probe';

export interface ProbeOptions {
  /** An address inside the virtual network but in no host group. Default 10.0.200.7. */
  readonly vnetHost?: string;
  /** An address outside the virtual network (TEST-NET-3). Default 203.0.113.9. */
  readonly internetHost?: string;
  /** With IPv6 on: an IPv6 address outside every group (documentation range). Default 2001:db8::9. */
  readonly internetHost6?: string;
}

/** Ports no rule of the catalog names: well-known edge, privileged edge, the top. */
const UNLISTED_PORTS = [1, 1023, 1024, 65535];

/** The first address of a range, and its last when it holds more than one. */
export function cidrEnds(c: Cidr): string[] {
  const first = addressText({ family: c.family, value: c.first });
  return c.first === c.last ? [first] : [first, addressText({ family: c.family, value: c.last })];
}

/** Port numbers to probe, sorted. */
export function probePorts(plan: FirewallPlan): number[] {
  const ports = new Set<number>(UNLISTED_PORTS);
  for (const group of PROTECTED_GROUPS) {
    for (const { ports: range } of plan.groups[group].rules) {
      if (!range) continue;
      for (const port of [range.from - 1, range.from, range.from + 1, range.to - 1, range.to, range.to + 1]) {
        if (port >= 1 && port <= 65535) ports.add(port);
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Source addresses to probe from, in a fixed order. */
export function probeSources(plan: FirewallPlan, options: ProbeOptions = {}): string[] {
  const vnetHost = options.vnetHost ?? '10.0.200.7';
  const internetHost = options.internetHost ?? '203.0.113.9';
  const sources: string[] = [];
  for (const group of HOST_GROUPS) {
    for (const text of plan.config.hosts[group]) {
      const c = cidr(text);
      sources.push(...cidrEnds(c));
    }
  }
  // Literal CIDRs of rules (config rules name them), first and last address.
  for (const group of PROTECTED_GROUPS) {
    for (const { source } of plan.groups[group].rules) {
      if (source.kind !== 'cidrs' || source.group) continue;
      for (const text of source.cidrs) {
        const c = cidr(text);
        sources.push(...cidrEnds(c));
      }
    }
  }
  for (const [what, host] of [['vnetHost', vnetHost], ['internetHost', internetHost]]) {
    const inside = HOST_GROUPS.find((group) => plan.config.hosts[group].some((text) => cidrContains(cidr(text), parseAddress(host)!)));
    if (inside) throw new Error(`probes: ${what} ${host} is a ${inside} address; choose one in no group`);
    sources.push(host);
  }
  sources.push(AZURE_LOAD_BALANCER);
  return [...new Set(sources)];
}

export function probesFor(plan: FirewallPlan, options: ProbeOptions = {}): Probe[] {
  const ports = probePorts(plan);
  const probes: Probe[] = [];
  const sources = [...probeSources(plan, options), ...(plan.config.ipv6 ? [options.internetHost6 ?? '2001:db8::9'] : [])];
  for (const source of sources) {
    for (const protocol of ['tcp', 'udp'] as const) for (const port of ports) probes.push({ source, protocol, port });
    // ICMP of the source's own family.
    const icmp = familyOf(source) === 6 ? 'icmpv6' : 'icmp';
    for (const protocol of [icmp, 'esp', 'ah', 'gre'] as const) probes.push({ source, protocol });
  }
  return probes;
}
