/**
 * AWS security groups (cloud-semantics.md, "AWS security groups"): allow-only and a union. A
 * packet is let in when any aws_vpc_security_group_ingress_rule of the group matches it, else
 * the group's implicit deny applies. There is no order and no deny rule.
 */
import { Address, Cidr, cidrContains } from '../net/cidr';
import { InvalidTerraform, Probe, PROTOCOL_NUMBER, probeSource, UnsupportedConstruct, Verdict } from './probe';
import { checkKeys, checkNotMultiplied, cidrAt, integerAt, Membership, membersOf, parseRef, present, resourceAt, resourcesOf, stringAt, TfBody, TfJson } from './tfjson';

export const AWS_DEFAULT_DENY = 'aws:default-deny';

const RULE_KEYS = [
  'security_group_id', 'ip_protocol', 'from_port', 'to_port',
  'cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id',
  'description', 'tags', 'region',
];
const SOURCES = ['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id'];

/** What one rule matches at layer 4. */
type Match =
  | { kind: 'all' }
  | { kind: 'ports'; protocol: 'tcp' | 'udp'; from: number; to: number }
  | { kind: 'icmp' }
  | { kind: 'number'; number: number }
  | { kind: 'icmpv6' };

interface CompiledRule {
  readonly address: string;
  readonly match: Match;
  /** The addresses the rule admits: one CIDR (either family), or a referenced security group's members. */
  readonly sources: readonly Cidr[];
}

/** Does `value` (a security_group_id) point at the group? Literal ids and other expressions cannot be resolved. */
function targets(address: string, value: unknown, sgName: string): boolean {
  const ref = parseRef(value);
  if (!ref) throw new UnsupportedConstruct(`${address}: security_group_id ${JSON.stringify(value)} is not a reference to an aws_security_group of this stack`);
  if (ref.type !== 'aws_security_group' || ref.name !== sgName) return false;
  if (ref.attribute !== 'id') throw new UnsupportedConstruct(`${address}: security_group_id references .${ref.attribute}, not .id`);
  return true;
}

function compileMatch(address: string, body: TfBody): Match {
  const raw = body.ip_protocol;
  const protocol = typeof raw === 'number' ? String(raw) : stringAt(address, body, 'ip_protocol');
  const hasPorts = present(body, 'from_port') || present(body, 'to_port');
  const ports = () => {
    if (!present(body, 'from_port') || !present(body, 'to_port')) throw new InvalidTerraform(`${address}: ip_protocol ${protocol} needs from_port and to_port`);
    return { from: integerAt(address, body, 'from_port'), to: integerAt(address, body, 'to_port') };
  };
  switch (protocol) {
    case '-1':
      // "With -1, leave from_port/to_port unset (setting them gives a perpetual diff, then an API error)."
      if (hasPorts) throw new InvalidTerraform(`${address}: ip_protocol -1 takes no from_port/to_port`);
      return { kind: 'all' };
    case 'tcp':
    case '6':
    case 'udp':
    case '17': {
      const { from, to } = ports();
      if (from < 0 || to > 65535 || from > to) throw new InvalidTerraform(`${address}: port range ${from}-${to} is not valid`);
      return { kind: 'ports', protocol: protocol === 'tcp' || protocol === '6' ? 'tcp' : 'udp', from, to };
    }
    case 'icmp':
    case '1': {
      // ICMP's from/to are type/code; -1/-1 is "all ICMPv4". A probe carries no type, so a
      // narrower rule could not be judged against it.
      const { from, to } = ports();
      if (from !== -1 || to !== -1) throw new UnsupportedConstruct(`${address}: ICMP type/code ${from}/${to} (only -1/-1, all ICMP, is evaluated)`);
      return { kind: 'icmp' };
    }
    case 'icmpv6':
    case '58': {
      // "All ICMPv6 = icmpv6 with no ports" (-1/-1 says the same).
      if (hasPorts && (body.from_port !== -1 || body.to_port !== -1)) throw new UnsupportedConstruct(`${address}: ICMPv6 type/code ${body.from_port}/${body.to_port} (only all ICMPv6 is evaluated)`);
      return { kind: 'icmpv6' };
    }
    default: {
      // Any other protocol number: AWS allows every port, whatever ports are given.
      if (!/^\d{1,3}$/.test(protocol) || Number(protocol) > 255) throw new UnsupportedConstruct(`${address}: ip_protocol "${protocol}" is not understood`);
      return { kind: 'number', number: Number(protocol) };
    }
  }
}

function compileRule(address: string, body: TfBody, membership: Membership | undefined): CompiledRule {
  checkKeys(address, body, RULE_KEYS);
  const sources = SOURCES.filter((key) => present(body, key));
  if (sources.length !== 1) throw new InvalidTerraform(`${address}: needs exactly one of ${SOURCES.join(', ')} (has ${sources.join(', ') || 'none'})`);
  const [source] = sources;
  if (source === 'prefix_list_id') throw new UnsupportedConstruct(`${address}: ${source} is not evaluated`);
  const match = compileMatch(address, body);
  // A referenced group admits its members' primary addresses, whatever its size (one rule).
  if (source === 'referenced_security_group_id') return { address, match, sources: membersOf(address, source, body[source], membership) };
  const family = source === 'cidr_ipv6' ? 6 : 4;
  return { address, match, sources: [cidrAt(address, source, stringAt(address, body, source), family)] };
}

function matches(rule: CompiledRule, probe: Probe, source: Address): boolean {
  if (!rule.sources.some((c) => cidrContains(c, source))) return false;
  const { match } = rule;
  switch (match.kind) {
    case 'all':
      return true;
    case 'ports':
      return probe.protocol === match.protocol && (probe.port as number) >= match.from && (probe.port as number) <= match.to;
    case 'icmp':
      return probe.protocol === 'icmp';
    case 'number':
      return PROTOCOL_NUMBER[probe.protocol] === match.number;
    case 'icmpv6':
      return probe.protocol === 'icmpv6';
  }
}

/** The group's security_group resource, refusing inline rules (mixing them with rule resources is a provider hazard). */
function groupOf(tf: TfJson, sgAddress: string, inline: 'ingress' | 'egress'): string {
  const { type, name, body } = resourceAt(tf, sgAddress);
  if (type !== 'aws_security_group') throw new Error(`${sgAddress} is not an aws_security_group`);
  checkNotMultiplied(sgAddress, body);
  if (inline in body) throw new UnsupportedConstruct(`${sgAddress}: inline "${inline}" blocks (the provider overwrites rules when they are mixed with rule resources)`);
  for (const [address, rule] of resourcesOf(tf, 'aws_security_group_rule')) {
    if (targets(address, rule.security_group_id, name)) {
      throw new UnsupportedConstruct(`${address}: aws_security_group_rule on ${sgAddress} (mixing it with aws_vpc_security_group_*_rule is a provider hazard)`);
    }
  }
  return name;
}

/** Compiles the group once; the returned function judges probes. */
export function awsEvaluator(tf: TfJson, sgAddress: string, membership?: Membership): (probe: Probe) => Verdict {
  const name = groupOf(tf, sgAddress, 'ingress');
  const rules = resourcesOf(tf, 'aws_vpc_security_group_ingress_rule')
    .filter(([address, body]) => targets(address, body.security_group_id, name))
    .map(([address, body]) => compileRule(address, body, membership));
  return (probe) => {
    const source = probeSource(probe);
    if (source === 'lb') throw new Error(`aws: the '${probe.source}' probe is Azure's; AWS has no such source`);
    // A union: the first matching rule by address is reported, any other would do as well.
    const rule = rules.find((candidate) => matches(candidate, probe, source));
    return rule ? { allowed: true, rule: rule.address } : { allowed: false, rule: AWS_DEFAULT_DENY };
  };
}

export function evaluateAws(tf: TfJson, sgAddress: string, probe: Probe, membership?: Membership): Verdict {
  return awsEvaluator(tf, sgAddress, membership)(probe);
}

/** True when an egress rule of the group allows every protocol to 0.0.0.0/0 (Terraform removed AWS's own). */
export function awsEgressOpen(tf: TfJson, sgAddress: string): boolean {
  const name = groupOf(tf, sgAddress, 'egress');
  return resourcesOf(tf, 'aws_vpc_security_group_egress_rule').some(([address, body]) => {
    if (!targets(address, body.security_group_id, name)) return false;
    checkKeys(address, body, RULE_KEYS);
    return String(body.ip_protocol) === '-1' && body.cidr_ipv4 === '0.0.0.0/0';
  });
}
