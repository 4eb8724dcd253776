/**
 * The plan's own semantics, the reference every cloud's verdict is compared with: a group's
 * rules in priority order, first match wins, anything unmatched is denied (src/spec/rule.ts).
 */
import { Address, cidr, cidrContains } from '../net/cidr';
import type { GroupPlan, PlannedRule } from '../plan/plan';
import { AZURE_LOAD_BALANCER_IP, Probe, probeSource, Verdict } from './probe';

export const SPEC_DEFAULT_DENY = 'spec:default-deny';

/**
 * Protocol: `all` matches every protocol (esp, ah, gre too), `icmp` matches icmp only, tcp/udp
 * match their own protocol with the port in range (null = every port).
 * Source: `any` matches every probe; CIDRs match the addresses they contain. The
 * 'AzureLoadBalancer' probe is Azure's health probe address, 168.63.129.16: `any` and any CIDR
 * containing it match it.
 */
export function specRuleMatches(rule: PlannedRule, probe: Probe): boolean {
  return compile(rule)(probe, probeSource(probe));
}

type Matcher = (probe: Probe, source: Address | 'lb') => boolean;

function compile(rule: PlannedRule): Matcher {
  const cidrs = rule.source.kind === 'any' ? undefined : rule.source.cidrs.map((text) => cidr(text));
  // The load balancer probe comes from Azure's 168.63.129.16, which a CIDR may contain.
  const sourceMatches = (source: Address | 'lb') => !cidrs || cidrs.some((c) => cidrContains(c, source === 'lb' ? AZURE_LOAD_BALANCER_IP : source));
  return (probe, source) => protocolMatches(rule, probe) && sourceMatches(source);
}

function protocolMatches(rule: PlannedRule, probe: Probe): boolean {
  if (rule.protocol === 'all') return true;
  // ICMP in the spec is ICMP of the source's family: ICMPv4, or ICMPv6 for IPv6 sources.
  if (rule.protocol === 'icmp') return probe.protocol === 'icmp' || probe.protocol === 'icmpv6';
  if (rule.protocol !== probe.protocol) return false;
  const port = probe.port as number;
  return rule.ports === null || (port >= rule.ports.from && port <= rule.ports.to);
}

/** Compiles the group once (CIDRs parsed, rules ordered); the returned function judges probes. */
export function specEvaluator(group: GroupPlan): (probe: Probe) => Verdict {
  const ordered = [...group.rules].sort((a, b) => a.priority - b.priority).map((rule) => ({ rule, matches: compile(rule) }));
  return (probe) => {
    const source = probeSource(probe);
    const hit = ordered.find(({ matches }) => matches(probe, source));
    return hit ? { allowed: hit.rule.action === 'allow', rule: hit.rule.id } : { allowed: false, rule: SPEC_DEFAULT_DENY };
  };
}

export function evaluateSpec(group: GroupPlan, probe: Probe): Verdict {
  return specEvaluator(group)(probe);
}
