/**
 * AWS security groups (cloud-semantics.md): allow-only and a union. A packet is let in when any
 * ingress permission of any group attached to the host matches it, else the implicit deny
 * applies. There is no order and no deny rule: the matchers' order (the input's, by address)
 * only chooses which of several matching permissions is named. Terraform removes the allow-all
 * egress AWS creates, so egress is checked too.
 */
import type { AwsModel, AwsPermission, AwsSecurityGroup } from '../model/aws';
import type { Deployment, IpProtocol, Membership } from '../model/common';
import { UnsupportedConstruct } from '../model/errors';
import { Family } from '../net/cidr';
import type { ProtectedGroup } from '../spec/rule';
import { EMPTY, fromCidrs, full, IntervalList, subtract, union } from './intervals';
import type { Decision } from './result';
import { ALL_PROTOCOLS, Matcher, NO_PROTOCOL, PerFamily, Policy, ProtocolMatch } from './space';

export const AWS_DEFAULT_DENY = 'aws:default-deny';

/** ICMP type/code in the 16-bit port dimension: type*256+code. */
function icmpRange(permission: AwsPermission): { from: number; to: number } | null {
  if (!permission.ports) return null;
  const { from, to } = permission.ports;
  const code = permission.icmpCode;
  return code === null || code === undefined ? { from: from * 256, to: to * 256 + 255 } : { from: from * 256 + code, to: to * 256 + code };
}

function protocols(permission: AwsPermission): ProtocolMatch {
  const { protocol } = permission;
  if (protocol === 'all') return ALL_PROTOCOLS;
  const ranges = protocol === 1 || protocol === 58 ? icmpRange(permission) : protocol === 6 || protocol === 17 ? permission.ports : null;
  return { byNumber: new Map([[protocol, { ranges: ranges ? [ranges] : null }]]) };
}

function sources(permission: AwsPermission, membership: Membership): PerFamily<IntervalList> {
  const { source, origin } = permission;
  switch (source.kind) {
    case 'cidr':
      return { 4: fromCidrs([source.cidr], 4), 6: fromCidrs([source.cidr], 6) };
    case 'security-group': {
      const members = membership.get(source.group);
      if (!members) throw new UnsupportedConstruct(`${origin.address}: referenced security group ${source.group}: its members are not known (verify needs the host groups behind it)`);
      return { 4: fromCidrs(members, 4), 6: fromCidrs(members, 6) };
    }
    case 'prefix-list':
      throw new UnsupportedConstruct(`${origin.address}: prefix_list_id ${source.id} is not evaluated (its entries are not in the input)`);
  }
}

/**
 * ICMP is its family's: `icmp` (1) is ICMPv4 and matches IPv4 packets, `icmpv6` (58) IPv6 ones,
 * also in a rule that references a group with members of both families.
 */
export function byFamily(match: ProtocolMatch, protocol: IpProtocol): PerFamily<ProtocolMatch> {
  if (protocol === 1) return { 4: match, 6: NO_PROTOCOL };
  if (protocol === 58) return { 4: NO_PROTOCOL, 6: match };
  return { 4: match, 6: match };
}

export function permissionMatcher(permission: AwsPermission, membership: Membership): Matcher {
  const decision: Decision = { allowed: true, rule: permission.origin.address, ...(permission.origin.name ? { name: permission.origin.name } : {}) };
  return { decision, protocols: byFamily(protocols(permission), permission.protocol), sources: sources(permission, membership), destinations: null };
}

function attachedGroups(deployment: Deployment<AwsModel>, group: ProtectedGroup): AwsSecurityGroup[] {
  return deployment.bindings[group].attached.map((key) => {
    const found = deployment.model.groups.find((candidate) => candidate.key === key || candidate.id === key);
    if (!found) throw new UnsupportedConstruct(`aws ${group}: security group ${key} is not in the input`);
    return found;
  });
}

/** The group's ingress as one policy: every permission of every attached security group, over the implicit deny. */
export function awsPolicy(deployment: Deployment<AwsModel>, group: ProtectedGroup): Policy {
  const permissions = attachedGroups(deployment, group).flatMap((sg) => sg.ingress);
  return { matchers: permissions.map((p) => permissionMatcher(p, deployment.membership)), fallback: { allowed: false, rule: AWS_DEFAULT_DENY } };
}

/**
 * Egress: the hosts must keep talking out (all protocols to everywhere, of each family the plan
 * uses), which Terraform's removal of AWS's default rule leaves to us. What is missing, per family.
 */
export function awsEgressGaps(deployment: Deployment<AwsModel>, group: ProtectedGroup, families: readonly Family[]): { family: Family; missing: IntervalList }[] {
  const permissions = attachedGroups(deployment, group).flatMap((sg) => sg.egress);
  return families.flatMap((family) => {
    let covered: IntervalList = EMPTY;
    for (const p of permissions) if (p.protocol === 'all' && p.source.kind === 'cidr') covered = union(covered, fromCidrs([p.source.cidr], family));
    const missing = subtract(full(family), covered);
    return missing.length > 0 ? [{ family, missing }] : [];
  });
}
