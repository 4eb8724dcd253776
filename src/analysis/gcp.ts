/**
 * GCP VPC firewall rules (cloud-semantics.md): of the enabled ingress rules of the instance's
 * network that apply to it (no target, one of its tags, or its service account), the lowest
 * priority number decides; at equal priority a deny beats an allow; below everything the
 * implied deny-all ingress at 65535.
 */
import type { Deployment, Membership } from '../model/common';
import { UnsupportedConstruct } from '../model/errors';
import type { GcpFirewall, GcpModel } from '../model/gcp';
import type { ProtectedGroup } from '../spec/rule';
import { fromCidrs } from './intervals';
import type { Decision } from './result';
import { ALL_PROTOCOLS, Matcher, Policy, PortMatch, ProtocolMatch } from './space';

export const GCP_IMPLIED_DENY = 'gcp:implied-deny-ingress(65535)';

/** ICMP is its family's: `icmp` (1) matches IPv4 packets, 58 (ipv6-icmp) IPv6 ones. */
function protocols(firewall: GcpFirewall, family: 4 | 6): ProtocolMatch {
  if (firewall.entries.some((entry) => entry.protocol === 'all')) return ALL_PROTOCOLS;
  const byNumber = new Map<number, PortMatch>();
  for (const { protocol, ports } of firewall.entries) {
    const number = protocol as number;
    if ((number === 1 && family === 6) || (number === 58 && family === 4)) continue;
    const before = byNumber.get(number);
    // Two entries of one protocol: the union of their ports (null: every port).
    const ranges = before === undefined ? ports : before.ranges === null || ports === null ? null : [...before.ranges, ...ports];
    byNumber.set(number, { ranges });
  }
  return { byNumber };
}

export function firewallMatcher(firewall: GcpFirewall, membership: Membership): Matcher {
  const members = [...firewall.sourceTags, ...firewall.sourceServiceAccounts].flatMap((key) => {
    const found = membership.get(key);
    if (!found) throw new UnsupportedConstruct(`${firewall.origin.address}: source ${key}: its members are not known (verify needs the host groups behind it)`);
    return found;
  });
  // "A packet matches if any of them matches".
  const sources = [...firewall.sourceRanges, ...members];
  const decision: Decision = { allowed: firewall.action === 'allow', rule: firewall.origin.address, name: firewall.name };
  const destinations = firewall.destinationRanges.length === 0 ? null : { 4: fromCidrs(firewall.destinationRanges, 4), 6: fromCidrs(firewall.destinationRanges, 6) };
  return { decision, protocols: { 4: protocols(firewall, 4), 6: protocols(firewall, 6) }, sources: { 4: fromCidrs(sources, 4), 6: fromCidrs(sources, 6) }, destinations };
}

/** Does the rule apply to the group's instances? */
function applies(firewall: GcpFirewall, tags: readonly string[], serviceAccount: string | undefined, group: ProtectedGroup): boolean {
  if (firewall.targetServiceAccounts.length > 0) {
    if (!serviceAccount) throw new UnsupportedConstruct(`${firewall.origin.address}: target_service_accounts, but the ${group} instances' service account is not known`);
    return firewall.targetServiceAccounts.includes(serviceAccount);
  }
  // No target: every instance of the network.
  return firewall.targetTags.length === 0 || firewall.targetTags.some((tag) => tags.includes(tag));
}

export function gcpPolicy(deployment: Deployment<GcpModel>, group: ProtectedGroup): Policy {
  const { attached, serviceAccount, network } = deployment.bindings[group];
  if (network === undefined) throw new UnsupportedConstruct(`gcp ${group}: the instances' network is not known`);
  const rules = deployment.model.firewalls
    .filter((f) => f.network === network && f.direction === 'INGRESS' && !f.disabled && applies(f, attached, serviceAccount, group))
    // Lower number first; at equal priority deny first ("deny beats allow"); then by address.
    .sort((a, b) => a.priority - b.priority || Number(a.action === 'allow') - Number(b.action === 'allow') || (a.origin.address < b.origin.address ? -1 : 1));
  return { matchers: rules.map((f) => firewallMatcher(f, deployment.membership)), fallback: { allowed: false, rule: GCP_IMPLIED_DENY } };
}
