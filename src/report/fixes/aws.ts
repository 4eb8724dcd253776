/**
 * Closing a divergence on AWS: security groups are allow-only, so a missing flow is an inbound
 * rule to authorize on the group, and an extra flow is a permission to revoke (and, when it also
 * admits what the vendor lists, to authorize again narrower). Commands are the AWS CLI's
 * `ec2 authorize-security-group-ingress` / `revoke-security-group-ingress` with
 * `--ip-permissions` in its shorthand syntax (or `--security-group-rule-ids` when the export
 * gave the rule's sgr- id).
 */
import type { Divergence } from '../../analysis/result';
import type { AwsModel, AwsPermission, AwsSecurityGroup } from '../../model/aws';
import type { AuditContext, Fix } from '../audit-types';
import { flowText, narrowing, rowsWithin, wantedBy } from '../flow-sets';
import { fromCidr, PortSpan, portText, Span, spansToCidrs } from '../ranges';
import { flowCidrs, flowPortTexts, protocolNumber, sh } from './common';

const NAMES: Readonly<Record<number, string>> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmpv6' };

function groupText(group: AwsSecurityGroup | undefined, key: string): string {
  return group?.origin.name ? `${group.origin.name} (${group.id ?? group.key})` : key;
}

/** One --ip-permissions shorthand item. */
function ipPermission(protocol: string, ports: PortSpan | undefined, source: { cidrs?: readonly string[]; group?: string }): string {
  const portFields = ports ? `,FromPort=${ports.from},ToPort=${ports.to}` : protocol === 'icmp' ? ',FromPort=-1,ToPort=-1' : '';
  const v4 = (source.cidrs ?? []).filter((c) => !c.includes(':'));
  const v6 = (source.cidrs ?? []).filter((c) => c.includes(':'));
  const ranges = [v4.length ? `IpRanges=[${v4.map((c) => `{CidrIp=${c}}`).join(',')}]` : '', v6.length ? `Ipv6Ranges=[${v6.map((c) => `{CidrIpv6=${c}}`).join(',')}]` : '', source.group ? `UserIdGroupPairs=[{GroupId=${source.group}}]` : '']
    .filter(Boolean)
    .join(',');
  return `IpProtocol=${protocol}${portFields},${ranges}`;
}

function protocolText(permission: AwsPermission): string {
  return permission.protocol === 'all' ? '-1' : (NAMES[permission.protocol] ?? String(permission.protocol));
}

function permissionText(permission: AwsPermission): string {
  const { ports, source } = permission;
  const from = source.kind === 'cidr' ? source.cidr.text : source.kind === 'security-group' ? `security group ${source.group}` : `prefix list ${source.id}`;
  return `${protocolText(permission)}${ports ? ` ${ports.from}-${ports.to}` : ''} from ${from} (${permission.origin.address})`;
}

function find(model: AwsModel, address: string): { group: AwsSecurityGroup; permission: AwsPermission } | undefined {
  for (const group of model.groups) {
    const permission = group.ingress.find((p) => p.origin.address === address);
    if (permission) return { group, permission };
  }
  return undefined;
}

function revoke(group: AwsSecurityGroup, permission: AwsPermission): string {
  const id = group.id ?? group.key;
  if (/^sgr-/.test(permission.origin.address)) return `aws ec2 revoke-security-group-ingress --group-id ${id} --security-group-rule-ids ${permission.origin.address}`;
  const source = permission.source.kind === 'cidr' ? { cidrs: [permission.source.cidr.text] } : permission.source.kind === 'security-group' ? { group: permission.source.group } : {};
  const ports = permission.ports && (permission.protocol === 6 || permission.protocol === 17) ? permission.ports : undefined;
  return `aws ec2 revoke-security-group-ingress --group-id ${id} --ip-permissions ${sh(ipPermission(protocolText(permission), ports, source))}`;
}

const authorize = (groupId: string, items: readonly string[]) => `aws ec2 authorize-security-group-ingress --group-id ${groupId} --ip-permissions ${items.map(sh).join(' ')}`;

export function fixAws(ctx: AuditContext, d: Divergence): Fix {
  const model = ctx.deployment.model as AwsModel;
  if (d.expected.allowed) {
    const key = ctx.deployment.bindings[d.group].attached[0];
    const group = model.groups.find((g) => g.key === key);
    const protocol = ['tcp', 'udp', 'icmp', 'icmpv6'].includes(d.flow.protocol) ? d.flow.protocol : String(protocolNumber(d.flow.protocol) ?? d.flow.protocol);
    const ports = flowPortTexts(d.flow).map((text) => {
      const [from, to] = text.split('-').map(Number);
      return { from, to: to ?? from };
    });
    const items = ports.length > 0 ? ports.map((p) => ipPermission(protocol, p, { cidrs: flowCidrs(d.flow) })) : [ipPermission(protocol, undefined, { cidrs: flowCidrs(d.flow) })];
    return { change: `add an inbound rule to security group ${groupText(group, key)}: ${flowText(d.flow)} (vendor row ${d.expected.rule})`, commands: [authorize(group?.id ?? key, items)] };
  }
  const found = find(model, d.actual.rule);
  if (!found) return { change: `remove or narrow ${d.actual.rule}, which admits ${flowText(d.flow)}`, commands: [] };
  const { group, permission } = found;
  const ports: PortSpan[] = permission.protocol === 6 || permission.protocol === 17 ? [permission.ports ?? { from: 0, to: 65535 }] : [{ from: 0, to: 65535 }];
  const members = permission.source.kind === 'security-group' ? ctx.deployment.membership.get(permission.source.group) : undefined;
  const sources: Span[] | undefined = permission.source.kind === 'cidr' ? [fromCidr(permission.source.cidr)] : members ? members.map(fromCidr) : undefined;
  const how = narrowing({ ports, sources }, d.flow, wantedBy(ctx.cloud, ctx.plan, d.group, d.flow));
  const where = `security group ${groupText(group, group.key)}`;
  const proto = protocolText(permission);
  const keepPorts = permission.protocol === 6 || permission.protocol === 17;
  switch (how.kind) {
    case 'remove':
      return { change: `remove ${permissionText(permission)} from ${where}: it admits ${flowText(d.flow)}`, commands: [revoke(group, permission)] };
    case 'sources': {
      const keep = spansToCidrs(how.keep);
      return {
        change: `narrow ${permissionText(permission)} in ${where} to ${keep.join(', ')}: it also admits ${flowText(d.flow)}`,
        commands: [revoke(group, permission), authorize(group.id ?? group.key, [ipPermission(proto, keepPorts ? ports[0] : undefined, { cidrs: keep })])],
      };
    }
    case 'ports': {
      const source = permission.source.kind === 'cidr' ? { cidrs: [permission.source.cidr.text] } : permission.source.kind === 'security-group' ? { group: permission.source.group } : {};
      return {
        change: `narrow ${permissionText(permission)} in ${where} to ports ${how.keep.map(portText).join(', ')}: it also admits ${flowText(d.flow)}`,
        commands: [revoke(group, permission), ...(how.keep.length > 0 ? [authorize(group.id ?? group.key, how.keep.map((p) => ipPermission(proto, p, source)))] : [])],
      };
    }
    case 'narrow': {
      const rows = rowsWithin(ctx.cloud, ctx.plan, d.group, d.flow).map((r) => r.id);
      return { change: `narrow ${permissionText(permission)} in ${where}: it admits ${flowText(d.flow)}${rows.length ? ` besides the vendor rows ${rows.join(', ')}` : ''}`, commands: [revoke(group, permission)] };
    }
  }
}
