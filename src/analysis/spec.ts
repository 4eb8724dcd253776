/**
 * The expected side: a protected group's plan as a policy (first match by priority, default
 * deny), per cloud as the emitters are meant to build it:
 * - AWS: the plan after allowOnly() (security groups cannot express deny);
 * - Azure: the plan, except that ICMP rules admit no ICMPv6 (NSGs have no ICMPv6 protocol; the
 *   emitter leaves the IPv6 half out, with a warning), and that Azure's load balancer
 *   (168.63.129.16, the AzureLoadBalancer tag) is let in where no planned rule decides (the
 *   emitter allows it just before its own deny-all, so health probes keep working as under the
 *   default rule 65001);
 * - GCP: the plan.
 * ICMP in the plan is the ICMP of the packet's family: protocol 1 over IPv4, 58 over IPv6.
 */
import type { Cloud } from '../clouds';
import { cidr, Family } from '../net/cidr';
import { allowOnly } from '../plan/allow-only';
import type { GroupPlan, PlannedRule } from '../plan/plan';
import type { Decision } from './result';
import { EMPTY, fromCidrs, full } from './intervals';
import { ALL_PROTOCOLS, Matcher, NO_PROTOCOL, PerFamily, Policy, ProtocolMatch } from './space';

export const SPEC_DEFAULT_DENY = 'spec:default-deny';
/** Expected decision label for the Azure health-probe exception. */
export const AZURE_LB_EXCEPTION = 'azure-emitter:allow-azure-load-balancer';
/** "The AzureLoadBalancer tag translates to the virtual IP address of the host, 168.63.129.16, where Azure health probes originate." */
export const AZURE_LOAD_BALANCER_CIDR = '168.63.129.16/32';

const one = (protocol: number, ports: PlannedRule['ports']): ProtocolMatch => ({ byNumber: new Map([[protocol, { ranges: ports ? [ports] : null }]]) });

function protocols(rule: PlannedRule, icmpv6: boolean): PerFamily<ProtocolMatch> {
  switch (rule.protocol) {
    case 'all':
      return { 4: ALL_PROTOCOLS, 6: ALL_PROTOCOLS };
    case 'icmp':
      return { 4: one(1, null), 6: icmpv6 ? one(58, null) : NO_PROTOCOL };
    case 'tcp':
      return { 4: one(6, rule.ports), 6: one(6, rule.ports) };
    case 'udp':
      return { 4: one(17, rule.ports), 6: one(17, rule.ports) };
  }
}

export function specMatcher(rule: PlannedRule, icmpv6 = true): Matcher {
  const cidrs = rule.source.kind === 'any' ? undefined : rule.source.cidrs.map((text) => cidr(text));
  const sources = (family: Family) => (cidrs ? fromCidrs(cidrs, family) : full(family));
  const decision: Decision = { allowed: rule.action === 'allow', rule: rule.id };
  return { decision, protocols: protocols(rule, icmpv6), sources: { 4: sources(4), 6: sources(6) }, destinations: null };
}

/** The plan of one group as a policy, rules in priority order. */
export function planPolicy(group: GroupPlan): Policy {
  return { matchers: [...group.rules].sort((a, b) => a.priority - b.priority).map((rule) => specMatcher(rule)), fallback: { allowed: false, rule: SPEC_DEFAULT_DENY } };
}

/** What the cloud is expected to answer for the group (see the header). */
export function expectedPolicy(cloud: Cloud, group: GroupPlan): Policy {
  if (cloud === 'aws') return planPolicy({ ...group, rules: allowOnly(group, 'aws').rules });
  if (cloud === 'gcp') return planPolicy(group);
  const base = [...group.rules].sort((a, b) => a.priority - b.priority).map((rule) => specMatcher(rule, false));
  const lb: Matcher = {
    decision: { allowed: true, rule: AZURE_LB_EXCEPTION },
    protocols: { 4: ALL_PROTOCOLS, 6: ALL_PROTOCOLS },
    sources: { 4: fromCidrs([cidr(AZURE_LOAD_BALANCER_CIDR)], 4), 6: EMPTY },
    destinations: null,
  };
  return { matchers: [...base, lb], fallback: { allowed: false, rule: SPEC_DEFAULT_DENY } };
}
