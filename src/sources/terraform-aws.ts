/**
 * AWS Terraform resources -> AwsModel. Today: `aws_security_group` (without inline rules) and
 * `aws_vpc_security_group_ingress_rule` / `aws_vpc_security_group_egress_rule` (one source per
 * resource). One small function per resource type, so the other spellings (inline
 * `ingress`/`egress` blocks with `cidr_blocks` lists, `aws_security_group_rule`) slot in beside them.
 */
import type { AwsModel, AwsPermission, AwsSecurityGroup, AwsSource } from '../model/aws';
import { IANA, IpProtocol, Origin } from '../model/common';
import { InvalidTerraform, UnsupportedConstruct } from '../model/errors';
import { checkKeys, checkNotMultiplied, cidrAt, integerAt, ofType, present, RefResolver, resolveKey, stringAt, TfBody, TfResource } from './terraform-common';

const RULE_KEYS = [
  'security_group_id', 'ip_protocol', 'from_port', 'to_port',
  'cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id',
  'description', 'tags', 'region',
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

/** One aws_security_group; inline rules are refused until read (mixed with rule resources the provider overwrites rules). */
export function securityGroup(resource: TfResource): Omit<AwsSecurityGroup, 'ingress' | 'egress'> {
  const { address, body } = resource;
  checkNotMultiplied(address, body);
  for (const inline of ['ingress', 'egress']) {
    if (inline in body) throw new UnsupportedConstruct(`${address}: inline "${inline}" blocks (the provider overwrites rules when they are mixed with rule resources)`);
  }
  const name = typeof body.name === 'string' && !body.name.includes('${') ? body.name : undefined;
  return { key: address, origin: origin(address, name) };
}

/** Every security group of the input with the rules that name it. */
export function awsModel(resources: readonly TfResource[], resolve: RefResolver): AwsModel {
  const groups = ofType(resources, 'aws_security_group').map((resource) => ({ ...securityGroup(resource), ingress: [] as AwsPermission[], egress: [] as AwsPermission[] }));
  const byKey = new Map(groups.map((group) => [group.key, group]));
  const groupOf = (address: string, key: string) => {
    const group = byKey.get(key) ?? groups.find((candidate) => candidate.id === key);
    if (!group) throw new UnsupportedConstruct(`${address}: security_group_id "${key}" is not an aws_security_group of this input`);
    return group;
  };
  for (const resource of ofType(resources, 'aws_security_group_rule')) {
    const key = resolve(resource.body.security_group_id, { address: resource.address, field: 'security_group_id', attribute: 'id' });
    if (key === undefined || byKey.has(key)) {
      throw new UnsupportedConstruct(`${resource.address}: aws_security_group_rule on ${key ?? 'an unresolved group'} (mixing it with aws_vpc_security_group_*_rule is a provider hazard; not read yet)`);
    }
  }
  for (const [type, direction] of [['aws_vpc_security_group_ingress_rule', 'ingress'], ['aws_vpc_security_group_egress_rule', 'egress']] as const) {
    for (const resource of ofType(resources, type)) {
      const { group, permission } = vpcSecurityGroupRule(resource, resolve);
      groupOf(resource.address, group)[direction].push(permission);
    }
  }
  return { cloud: 'aws', groups };
}

