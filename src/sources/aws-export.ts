/**
 * AWS CLI exports into the AWS model. Two documented shapes, alone or together:
 *
 * - `aws ec2 describe-security-groups --output json`: `{ "SecurityGroups": [ { GroupId, GroupName,
 *   IpPermissions: [...], IpPermissionsEgress: [...] } ] }`, each permission `{ IpProtocol, FromPort,
 *   ToPort, IpRanges: [{ CidrIp, Description }], Ipv6Ranges: [{ CidrIpv6 }], UserIdGroupPairs:
 *   [{ GroupId, UserId }], PrefixListIds: [{ PrefixListId }] }` (EC2 API reference, IpPermission:
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html; AWS CLI
 *   reference, ec2 describe-security-groups).
 * - `aws ec2 describe-security-group-rules --output json`: `{ "SecurityGroupRules": [ {
 *   SecurityGroupRuleId, GroupId, IsEgress, IpProtocol, FromPort, ToPort, CidrIpv4 | CidrIpv6 |
 *   ReferencedGroupInfo: { GroupId } | PrefixListId, Description } ] }`, one source per rule
 *   (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html).
 *
 * IpProtocol is "-1" (every protocol, no ports), a name (tcp, udp, icmp, icmpv6) or a number.
 * For tcp/udp FromPort-ToPort is the port range; for icmp/icmpv6 FromPort is the ICMP type and
 * ToPort the code, -1 meaning all; icmpv6 may omit both (all types and codes); other protocols
 * take no ports ("specifying -1 or a protocol number other than tcp, udp, icmp, or icmpv6 allows
 * traffic on all ports", ibid.).
 *
 * Both exports describe the same rules: a permission read from both (or from two files) is kept
 * once, with the rule export's origin (its sgr- id, which `import` needs).
 */
import { ConfigError } from '../config/load';
import type { AwsModel, AwsPermission, AwsSecurityGroup, AwsSource } from '../model/aws';
import { IANA, IpProtocol, Range } from '../model/common';
import { describeTopLevel, ExportFile, Field } from './export-json';

const NAMED: Readonly<Record<string, number>> = { tcp: IANA.tcp, udp: IANA.udp, icmp: IANA.icmp, icmpv6: IANA.icmpv6 };

function protocolOf(field: Field): IpProtocol {
  const text = field.string().toLowerCase();
  if (text === '-1') return 'all';
  if (text in NAMED) return NAMED[text];
  if (/^\d{1,3}$/.test(text) && Number(text) <= 255) return Number(text);
  return field.fail('expected -1, tcp, udp, icmp, icmpv6 or an IP protocol number');
}

/** Ports (or ICMP type) and ICMP code, as the model wants them. */
function portsOf(protocol: IpProtocol, at: Field): { ports: Range | null; icmpCode?: number | null } {
  const from = at.get('FromPort');
  const to = at.get('ToPort');
  if (protocol === IANA.tcp || protocol === IANA.udp) {
    const [a, b] = [from.int(), to.int()];
    // -1/-1 on tcp/udp is how some exports print "all ports".
    if (a === -1 && b === -1) return { ports: null };
    if (a < 0 || a > 65535) from.fail('expected a port 0-65535');
    if (b < a || b > 65535) to.fail(`expected a port ${a}-65535 (FromPort is ${a})`);
    return { ports: { from: a, to: b } };
  }
  if (protocol === IANA.icmp || protocol === IANA.icmpv6) {
    if (protocol === IANA.icmpv6 && !from.present && !to.present) return { ports: null, icmpCode: null };
    const [type, code] = [from.int(), to.int()];
    if (type < -1 || type > 255) from.fail('expected an ICMP type 0-255 or -1');
    if (code < -1 || code > 255) to.fail('expected an ICMP code 0-255 or -1');
    return { ports: type === -1 ? null : { from: type, to: type }, icmpCode: code === -1 ? null : code };
  }
  return { ports: null };
}

interface Read {
  readonly permission: AwsPermission;
  readonly egress: boolean;
  /** From describe-security-group-rules: carries the rule id. */
  readonly fromRules: boolean;
}

interface GroupAcc {
  id: string;
  name?: string;
  origin: string;
  reads: Read[];
}

function cidrSource(field: Field, family: 4 | 6): AwsSource {
  const cidr = field.cidr();
  if (cidr.family !== family) field.fail(family === 4 ? 'expected an IPv4 CIDR' : 'expected an IPv6 CIDR');
  return { kind: 'cidr', cidr };
}

/** SecurityGroups[i].IpPermissions[j]: one model permission per source it lists. */
function readPermission(perm: Field, address: string): AwsPermission[] {
  const protocol = protocolOf(perm.get('IpProtocol'));
  const ports = portsOf(protocol, perm);
  const sources: [AwsSource, string, string | undefined][] = [];
  const description = (entry: Field) => entry.get('Description').optionalString();
  perm.get('IpRanges').optionalItems().forEach((entry, i) => sources.push([cidrSource(entry.get('CidrIp'), 4), `IpRanges[${i}]`, description(entry)]));
  perm.get('Ipv6Ranges').optionalItems().forEach((entry, i) => sources.push([cidrSource(entry.get('CidrIpv6'), 6), `Ipv6Ranges[${i}]`, description(entry)]));
  perm.get('UserIdGroupPairs').optionalItems().forEach((entry, i) => sources.push([{ kind: 'security-group', group: entry.get('GroupId').string() }, `UserIdGroupPairs[${i}]`, description(entry)]));
  perm.get('PrefixListIds').optionalItems().forEach((entry, i) => sources.push([{ kind: 'prefix-list', id: entry.get('PrefixListId').string() }, `PrefixListIds[${i}]`, description(entry)]));
  return sources.map(([source, where, text]) => ({ origin: { address: `${address} ${where}` }, protocol, ...ports, source, ...(text ? { description: text } : {}) }));
}

function readGroups(root: Field, groups: Map<string, GroupAcc>): void {
  for (const sg of root.get('SecurityGroups').items()) {
    const id = sg.get('GroupId').string();
    const name = sg.get('GroupName').optionalString();
    const acc = groupAcc(groups, id, sg.file);
    if (name) acc.name = name;
    for (const [key, egress] of [['IpPermissions', false], ['IpPermissionsEgress', true]] as const) {
      sg.get(key).optionalItems().forEach((perm, j) => {
        for (const permission of readPermission(perm, `${id} ${key}[${j}]`)) acc.reads.push({ permission, egress, fromRules: false });
      });
    }
  }
}

function readRules(root: Field, groups: Map<string, GroupAcc>): void {
  for (const rule of root.get('SecurityGroupRules').items()) {
    const ruleId = rule.get('SecurityGroupRuleId').string();
    const acc = groupAcc(groups, rule.get('GroupId').string(), rule.file);
    const protocol = protocolOf(rule.get('IpProtocol'));
    const ports = portsOf(protocol, rule);
    const candidates: AwsSource[] = [];
    if (rule.has('CidrIpv4')) candidates.push(cidrSource(rule.get('CidrIpv4'), 4));
    if (rule.has('CidrIpv6')) candidates.push(cidrSource(rule.get('CidrIpv6'), 6));
    if (rule.has('ReferencedGroupInfo')) candidates.push({ kind: 'security-group', group: rule.get('ReferencedGroupInfo').get('GroupId').string() });
    if (rule.has('PrefixListId')) candidates.push({ kind: 'prefix-list', id: rule.get('PrefixListId').string() });
    if (candidates.length !== 1) rule.fail(`expected exactly one of CidrIpv4, CidrIpv6, ReferencedGroupInfo, PrefixListId (found ${candidates.length})`);
    const description = rule.get('Description').optionalString();
    const permission: AwsPermission = { origin: { address: ruleId }, protocol, ...ports, source: candidates[0], ...(description ? { description } : {}) };
    acc.reads.push({ permission, egress: rule.get('IsEgress').bool(), fromRules: true });
  }
}

function groupAcc(groups: Map<string, GroupAcc>, id: string, file: string): GroupAcc {
  let acc = groups.get(id);
  if (!acc) groups.set(id, (acc = { id, origin: `${file}: ${id}`, reads: [] }));
  return acc;
}

const sourceKey = (source: AwsSource): string => (source.kind === 'cidr' ? `cidr ${source.cidr.text}` : source.kind === 'security-group' ? `sg ${source.group}` : `pl ${source.id}`);

/** What makes two permissions the same rule: direction, protocol, ports, code and source. */
export function permissionKey(permission: AwsPermission, egress: boolean): string {
  const { protocol, ports, icmpCode, source } = permission;
  return [egress ? 'egress' : 'ingress', protocol, ports ? `${ports.from}-${ports.to}` : '*', icmpCode ?? '*', sourceKey(source)].join('|');
}

/** Keeps one permission per key, the rule export's when there is one. */
function dedupe(reads: readonly Read[], egress: boolean): AwsPermission[] {
  const byKey = new Map<string, Read>();
  for (const read of reads.filter((r) => r.egress === egress)) {
    const key = permissionKey(read.permission, egress);
    const kept = byKey.get(key);
    if (!kept || (!kept.fromRules && read.fromRules)) byKey.set(key, read);
  }
  return [...byKey.values()].map((read) => read.permission);
}

/** The groups of one or more exports, merged by group id, in id order. */
export function readAwsExports(files: readonly ExportFile[]): AwsModel {
  const groups = new Map<string, GroupAcc>();
  for (const source of files) {
    const root = Field.root(source);
    const isGroups = root.has('SecurityGroups');
    const isRules = root.has('SecurityGroupRules');
    if (!isGroups && !isRules) {
      throw new ConfigError([{ path: '', message: `expected the output of "aws ec2 describe-security-groups" (SecurityGroups) or "aws ec2 describe-security-group-rules" (SecurityGroupRules), got ${describeTopLevel(source.json)}` }], source.file);
    }
    if (isGroups) readGroups(root, groups);
    if (isRules) readRules(root, groups);
  }
  const result: AwsSecurityGroup[] = [...groups.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((acc) => ({ key: acc.id, id: acc.id, origin: { address: acc.id, ...(acc.name ? { name: acc.name } : {}) }, ingress: dedupe(acc.reads, false), egress: dedupe(acc.reads, true) }));
  return { cloud: 'aws', groups: result };
}

/** Resolves `--edge` style names: a group id, or a GroupName (which must be unique in the export). */
export function resolveAwsGroup(model: AwsModel, text: string, flag: string): string {
  const byId = model.groups.find((g) => g.id === text);
  if (byId) return byId.key;
  const byName = model.groups.filter((g) => g.origin.name === text);
  if (byName.length === 1) return byName[0].key;
  const known = model.groups.map((g) => (g.origin.name ? `${g.id} (${g.origin.name})` : g.id)).join(', ') || 'none';
  const why = byName.length > 1 ? `the name "${text}" is used by ${byName.map((g) => g.id).join(', ')}: give the id` : `no security group "${text}" in the export (groups: ${known})`;
  throw new ConfigError([{ path: '', message: why }], flag);
}
