/**
 * AWS Terraform resources -> AwsModel: `aws_security_group` with or without inline
 * `ingress`/`egress` blocks (cidr_blocks, ipv6_cidr_blocks, security_groups, self,
 * prefix_list_ids lists), `aws_security_group_rule`, and `aws_vpc_security_group_ingress_rule` /
 * `aws_vpc_security_group_egress_rule` (one source per resource). One small function per
 * resource type. A group whose rules come from two of these forms is refused: the provider
 * overwrites one with the other (cloud-semantics.md).
 */
import type { AwsModel, AwsPermission, AwsSecurityGroup, AwsSource } from '../model/aws';
import { IANA, IpProtocol, Origin } from '../model/common';
import { InvalidTerraform, UnsupportedConstruct } from '../model/errors';
import { checkKeys, checkNotMultiplied, cidrAt, integerAt, isInterpolated, ofType, present, RefResolver, resolveKey, stringAt, stringListAt, TfBody, TfResource } from './terraform-common';

const RULE_KEYS = [
  'security_group_id', 'ip_protocol', 'from_port', 'to_port',
  'cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id',
  'description', 'tags', 'region',
  // Computed by the provider (plan and state JSON): they do not change what the rule matches.
  'arn', 'id', 'security_group_rule_id', 'tags_all',
];
const SOURCES = ['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id'];

/** The resource's Name tag, when literal: the name a console shows. */
function nameTag(body: TfBody): string | undefined {
  const tags = body.tags as Record<string, unknown> | undefined;
  return typeof tags?.Name === 'string' && !tags.Name.includes('${') ? tags.Name : undefined;
}

const origin = (address: string, name: string | undefined): Origin => (name === undefined ? { address } : { address, name });

/**
 * ip_protocol and ports: "-1" takes no ports; tcp/udp a port range; icmp/icmpv6 the ICMP type
 * (from_port) and code (to_port), -1 meaning any; other numbers ignore ports.
 */
export function awsProtocol(address: string, body: TfBody): Pick<AwsPermission, 'protocol' | 'ports' | 'icmpCode'> {
  const raw = body.ip_protocol;
  const text = typeof raw === 'number' ? String(raw) : stringAt(address, body, 'ip_protocol');
  const hasPorts = present(body, 'from_port') || present(body, 'to_port');
  const bothPorts = () => {
    if (!present(body, 'from_port') || !present(body, 'to_port')) throw new InvalidTerraform(`${address}: ip_protocol ${text} needs from_port and to_port`);
    return { from: integerAt(address, body, 'from_port'), to: integerAt(address, body, 'to_port') };
  };
  const icmp = (protocol: number, optional: boolean): Pick<AwsPermission, 'protocol' | 'ports' | 'icmpCode'> => {
    // "All ICMPv6 = icmpv6 with no ports"; ICMPv4 takes -1/-1 for all.
    if (optional && !hasPorts) return { protocol, ports: null, icmpCode: null };
    const { from: type, to: code } = bothPorts();
    if (type < -1 || type > 255 || code < -1 || code > 255) throw new InvalidTerraform(`${address}: ICMP type/code ${type}/${code} (each -1 or 0-255)`);
    if (type === -1 && code !== -1) throw new InvalidTerraform(`${address}: ICMP code ${code} without a type (from_port -1)`);
    return { protocol, ports: type === -1 ? null : { from: type, to: type }, icmpCode: code === -1 ? null : code };
  };
  switch (text) {
    case '-1':
      // "With -1, leave from_port/to_port unset (setting them gives a perpetual diff, then an API error)."
      if (hasPorts) throw new InvalidTerraform(`${address}: ip_protocol -1 takes no from_port/to_port`);
      return { protocol: 'all', ports: null };
    case 'tcp':
    case '6':
    case 'udp':
    case '17': {
      const { from, to } = bothPorts();
      if (from < 0 || to > 65535 || from > to) throw new InvalidTerraform(`${address}: port range ${from}-${to} is not valid`);
      return { protocol: text === 'tcp' || text === '6' ? IANA.tcp : IANA.udp, ports: from === 0 && to === 65535 ? null : { from, to } };
    }
    case 'icmp':
    case '1':
      return icmp(IANA.icmp, false);
    case 'icmpv6':
    case '58':
      return icmp(IANA.icmpv6, true);
    default: {
      // Any other protocol number: AWS allows every port, whatever ports are given.
      if (!/^\d{1,3}$/.test(text) || Number(text) > 255) throw new UnsupportedConstruct(`${address}: ip_protocol "${text}" is not understood`);
      return { protocol: Number(text) as IpProtocol, ports: null };
    }
  }
}

function awsSource(address: string, body: TfBody, resolve: RefResolver): AwsSource {
  const sources = SOURCES.filter((key) => present(body, key));
  if (sources.length !== 1) throw new InvalidTerraform(`${address}: needs exactly one of ${SOURCES.join(', ')} (has ${sources.join(', ') || 'none'})`);
  const [field] = sources;
  if (field === 'prefix_list_id') return { kind: 'prefix-list', id: stringAt(address, body, field) };
  // A referenced group admits its members, whatever their number (one rule).
  if (field === 'referenced_security_group_id') return { kind: 'security-group', group: resolveKey(resolve, body[field], { address, field, attribute: 'id' }) };
  return { kind: 'cidr', cidr: cidrAt(address, field, stringAt(address, body, field), field === 'cidr_ipv6' ? 6 : 4) };
}

/** One aws_vpc_security_group_{ingress,egress}_rule: the group it belongs to and its permission. */
export function vpcSecurityGroupRule(resource: TfResource, resolve: RefResolver): { group: string; permission: AwsPermission } {
  const { address, body } = resource;
  checkKeys(address, body, RULE_KEYS);
  const group = resolveKey(resolve, body.security_group_id, { address, field: 'security_group_id', attribute: 'id' });
  const description = typeof body.description === 'string' ? { description: body.description } : {};
  return { group, permission: { origin: origin(address, nameTag(body)), ...awsProtocol(address, body), source: awsSource(address, body, resolve), ...description } };
}

/** The classic rule fields (inline blocks, aws_security_group_rule): `protocol` "-1"/"all" with ports 0-0, else as ip_protocol. */
function classicProtocol(address: string, body: TfBody): Pick<AwsPermission, 'protocol' | 'ports' | 'icmpCode'> {
  const raw = body.protocol;
  const text = typeof raw === 'number' ? String(raw) : stringAt(address, body, 'protocol');
  if (text === '-1' || text === 'all') {
    // The EC2 API ignores the ports of an all-protocol permission; the provider asks for 0-0.
    if (integerAt(address, body, 'from_port') !== 0 || integerAt(address, body, 'to_port') !== 0) throw new InvalidTerraform(`${address}: protocol ${text} takes from_port = to_port = 0`);
    return { protocol: 'all', ports: null };
  }
  return awsProtocol(address, { ip_protocol: text, from_port: body.from_port, to_port: body.to_port });
}

/**
 * The permissions of one classic rule (an inline block or aws_security_group_rule): one per CIDR,
 * IPv6 CIDR, prefix list and security group it lists, and the group itself for `self`.
 */
function classicPermissions(address: string, body: TfBody, own: string, groupsField: string, resolve: RefResolver, name?: string): AwsPermission[] {
  const match = classicProtocol(address, body);
  const description = typeof body.description === 'string' && !isInterpolated(body.description) && body.description !== '' ? { description: body.description } : {};
  const make = (source: AwsSource): AwsPermission => ({ origin: origin(address, name), ...match, source, ...description });
  const list = (key: string) => (present(body, key) ? stringListAt(address, body, key) : []);
  const permissions = [
    ...list('cidr_blocks').map((text) => make({ kind: 'cidr', cidr: cidrAt(address, 'cidr_blocks', text, 4) })),
    ...list('ipv6_cidr_blocks').map((text) => make({ kind: 'cidr', cidr: cidrAt(address, 'ipv6_cidr_blocks', text, 6) })),
    ...list('prefix_list_ids').map((id) => make({ kind: 'prefix-list', id })),
  ];
  const groups = body[groupsField];
  if (groupsField === 'source_security_group_id') {
    if (present(body, groupsField)) permissions.push(make({ kind: 'security-group', group: resolveKey(resolve, groups, { address, field: groupsField, attribute: 'id' }) }));
  } else if (Array.isArray(groups)) {
    groups.forEach((id, index) => {
      // Inline blocks are one attribute in the configuration, their references merged: a group id known only after apply cannot be told apart.
      if (typeof id !== 'string' || isInterpolated(id)) throw new UnsupportedConstruct(`${address}: ${groupsField}[${index}] is known only after apply, and inline blocks do not say which group it is (use aws_vpc_security_group_ingress_rule, or a literal sg- id)`);
      permissions.push(make({ kind: 'security-group', group: id }));
    });
  }
  if (body.self === true) permissions.push(make({ kind: 'security-group', group: own }));
  if (permissions.length === 0) throw new InvalidTerraform(`${address}: a rule without cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, security groups or self`);
  return permissions;
}

const INLINE_KEYS = ['cidr_blocks', 'description', 'from_port', 'ipv6_cidr_blocks', 'prefix_list_ids', 'protocol', 'security_groups', 'self', 'to_port'];

/** One aws_security_group, with the permissions of its inline blocks (absent: none are declared inline). */
export function securityGroup(resource: TfResource, resolve: RefResolver): AwsSecurityGroup & { ingress: AwsPermission[]; egress: AwsPermission[]; inline: boolean } {
  const { address, body } = resource;
  // Group attributes do not change what a packet matches; only the inline blocks are read key by key.
  checkNotMultiplied(address, body);
  const name = typeof body.name === 'string' && !body.name.includes('${') ? body.name : undefined;
  const id = typeof body.id === 'string' && !isInterpolated(body.id) ? { id: body.id } : {};
  const inline = (direction: 'ingress' | 'egress'): AwsPermission[] => {
    const blocks = body[direction];
    if (blocks === undefined || blocks === null) return [];
    if (!Array.isArray(blocks)) throw new UnsupportedConstruct(`${address}: ${direction} is ${blocks === '${(known after apply)}' ? 'known only after apply' : JSON.stringify(blocks)}`);
    return blocks.flatMap((block, i) => {
      const at = `${address} ${direction}[${i}]`;
      if (typeof block !== 'object' || block === null) throw new UnsupportedConstruct(`${at}: ${JSON.stringify(block)}`);
      checkKeys(at, block as TfBody, INLINE_KEYS);
      return classicPermissions(at, block as TfBody, address, 'security_groups', resolve, name);
    });
  };
  const ingress = inline('ingress');
  const egress = inline('egress');
  return { key: address, origin: origin(address, name), ...id, ingress, egress, inline: ingress.length + egress.length > 0 };
}

const CLASSIC_RULE_KEYS = [
  'type', 'security_group_id', 'protocol', 'from_port', 'to_port', 'cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids',
  'source_security_group_id', 'self', 'description', 'region', 'id', 'security_group_rule_id',
];

/** One aws_security_group_rule: its group, direction and permissions. */
export function securityGroupRule(resource: TfResource, resolve: RefResolver): { group: string; direction: 'ingress' | 'egress'; permissions: AwsPermission[] } {
  const { address, body } = resource;
  checkKeys(address, body, CLASSIC_RULE_KEYS);
  const direction = stringAt(address, body, 'type');
  if (direction !== 'ingress' && direction !== 'egress') throw new InvalidTerraform(`${address}: type "${direction}" (ingress or egress)`);
  const group = resolveKey(resolve, body.security_group_id, { address, field: 'security_group_id', attribute: 'id' });
  return { group, direction, permissions: classicPermissions(address, body, group, 'source_security_group_id', resolve) };
}

/** Every security group of the input with the rules that name it, whichever form declares them. */
export function awsModel(resources: readonly TfResource[], resolve: RefResolver): AwsModel {
  const groups = ofType(resources, 'aws_security_group').map((resource) => securityGroup(resource, resolve));
  const byKey = new Map(groups.map((group) => [group.key, group]));
  /** Which form declared each group's rules: two forms on one group is the provider hazard. */
  const forms = new Map<string, string>(groups.filter((g) => g.inline).map((g) => [g.key, 'inline blocks']));
  const groupOf = (address: string, key: string, form: string) => {
    const group = byKey.get(key) ?? groups.find((candidate) => candidate.id === key);
    if (!group) throw new UnsupportedConstruct(`${address}: security_group_id "${key}" is not an aws_security_group of this input`);
    const before = forms.get(group.key);
    if (before && before !== form) throw new UnsupportedConstruct(`${address}: ${form} on ${group.key}, whose rules are also declared as ${before} (the provider overwrites one with the other)`);
    forms.set(group.key, form);
    return group;
  };
  for (const resource of ofType(resources, 'aws_security_group_rule')) {
    const { group, direction, permissions } = securityGroupRule(resource, resolve);
    groupOf(resource.address, group, 'aws_security_group_rule')[direction].push(...permissions);
  }
  for (const [type, direction] of [['aws_vpc_security_group_ingress_rule', 'ingress'], ['aws_vpc_security_group_egress_rule', 'egress']] as const) {
    for (const resource of ofType(resources, type)) {
      const { group, permission } = vpcSecurityGroupRule(resource, resolve);
      groupOf(resource.address, group, 'aws_vpc_security_group_*_rule')[direction].push(permission);
    }
  }
  return { cloud: 'aws', groups: groups.map(({ inline: _inline, ...group }) => group) };
}
