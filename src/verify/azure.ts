/**
 * Azure network security groups (cloud-semantics.md, "Azure network security groups"): inbound
 * rules in priority order (100-4096, unique per direction), first match decides, then the three
 * default rules that cannot be removed: 65000 AllowVnetInBound, 65001 AllowAzureLoadBalancerInBound,
 * 65500 DenyAllInBound.
 */
import { Address, Cidr, cidr, cidrContains } from '../net/cidr';
import { AZURE_LOAD_BALANCER_IP, InvalidTerraform, Probe, probeSource, UnsupportedConstruct, Verdict } from './probe';
import {
  checkKeys,
  checkNotMultiplied,
  integerAt,
  cidrAt,
  isIpv6Text,
  Membership,
  membersOf,
  parseRef,
  portRangeText,
  present,
  resourceAt,
  resourcesOf,
  stringAt,
  stringListAt,
  TfBody,
  TfJson,
} from './tfjson';

export interface AzureContext {
  /** The address space the VirtualNetwork tag stands for (the VNet, peerings, on-premises). */
  readonly vnetCidrs: readonly string[];
  /** IPv4 address of the protected host being probed. */
  readonly destination: string;
  /** Members of the application security groups rules name (groups mode). */
  readonly membership?: Membership;
}

export const AZURE_DEFAULTS = {
  allowVnet: 'azure:AllowVnetInBound(65000)',
  allowLoadBalancer: 'azure:AllowAzureLoadBalancerInBound(65001)',
  denyAll: 'azure:DenyAllInBound(65500)',
} as const;

const LOAD_BALANCER_IP = AZURE_LOAD_BALANCER_IP;

const RULE_KEYS = [
  'name', 'resource_group_name', 'network_security_group_name', 'description', 'access', 'priority', 'direction', 'protocol',
  'source_port_range', 'source_port_ranges', 'destination_port_range', 'destination_port_ranges',
  'source_address_prefix', 'source_address_prefixes', 'source_application_security_group_ids',
  'destination_address_prefix', 'destination_address_prefixes', 'destination_application_security_group_ids',
];
const PROTOCOLS = ['*', 'Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'] as const;
type AzureProtocol = (typeof PROTOCOLS)[number];

/** What an address side matches: an address, or 'lb' for the health-probe source. */
type AddressMatcher = (address: Address | 'lb') => boolean;

interface CompiledRule {
  readonly address: string;
  readonly priority: number;
  readonly allow: boolean;
  readonly protocol: AzureProtocol;
  /** null: every port ("*"). */
  readonly ports: readonly { from: number; to: number }[] | null;
  readonly source: AddressMatcher;
  readonly destination: AddressMatcher;
}

function exactlyOne(address: string, body: TfBody, keys: readonly string[]): string {
  const set = keys.filter((key) => present(body, key));
  if (set.length !== 1) throw new InvalidTerraform(`${address}: needs exactly one of ${keys.join(', ')} (has ${set.join(', ') || 'none'})`);
  return set[0];
}

function cidrMatcher(address: string, field: string, texts: readonly string[]): AddressMatcher {
  const cidrs: Cidr[] = texts.map((text) => cidrAt(address, field, text));
  return (source) => cidrs.some((c) => cidrContains(c, source === 'lb' ? LOAD_BALANCER_IP : source));
}

/** One `*_address_prefix`: "*", a supported service tag, or a CIDR / bare address. */
function prefixMatcher(address: string, field: string, text: string, inVnet: (a: Address) => boolean): AddressMatcher {
  switch (text) {
    case '*':
      return () => true;
    case 'VirtualNetwork':
      return (source) => source !== 'lb' && inVnet(source);
    case 'AzureLoadBalancer':
      return (source) => source === 'lb';
    case 'Internet':
      return (source) => source !== 'lb' && !inVnet(source);
    default:
      if (!isIpv6Text(text) && /^[A-Za-z]/.test(text)) throw new UnsupportedConstruct(`${address}: ${field} service tag "${text}" is not evaluated`);
      return cidrMatcher(address, field, [text]);
  }
}

function sideMatcher(address: string, body: TfBody, side: 'source' | 'destination', inVnet: (a: Address) => boolean, membership: Membership | undefined): AddressMatcher {
  const key = exactlyOne(address, body, [`${side}_address_prefix`, `${side}_address_prefixes`, `${side}_application_security_group_ids`]);
  if (key.endsWith('_application_security_group_ids')) {
    // Application security groups: the NICs attached to any of them.
    const ids = body[key];
    if (!Array.isArray(ids) || ids.length === 0) throw new InvalidTerraform(`${address}: ${key} must be a non-empty list`);
    const members = ids.flatMap((id) => membersOf(address, key, id, membership));
    return (source) => source !== 'lb' && members.some((c) => cidrContains(c, source));
  }
  if (key.endsWith('_prefix')) return prefixMatcher(address, key, stringAt(address, body, key), inVnet);
  // "*_address_prefixes (CIDRs only, no tags)".
  const texts = stringListAt(address, body, key);
  const tag = texts.find((text) => !isIpv6Text(text) && /^[A-Za-z*]/.test(text));
  if (tag !== undefined) throw new InvalidTerraform(`${address}: ${key} holds "${tag}"; it takes CIDRs only (use ${side}_address_prefix for a tag)`);
  return cidrMatcher(address, key, texts);
}

function portsOf(address: string, body: TfBody): CompiledRule['ports'] {
  // The probe has no source port: only a rule open to every source port can be judged.
  const sourceKey = exactlyOne(address, body, ['source_port_range', 'source_port_ranges']);
  const sourcePorts = sourceKey === 'source_port_range' ? [stringAt(address, body, sourceKey)] : stringListAt(address, body, sourceKey);
  if (sourcePorts.length !== 1 || sourcePorts[0] !== '*') throw new UnsupportedConstruct(`${address}: ${sourceKey} other than "*" is not evaluated`);
  const key = exactlyOne(address, body, ['destination_port_range', 'destination_port_ranges']);
  const texts = key === 'destination_port_range' ? [stringAt(address, body, key)] : stringListAt(address, body, key);
  if (texts.includes('*')) {
    if (texts.length > 1) throw new InvalidTerraform(`${address}: ${key} mixes "*" with ports`);
    return null;
  }
  return texts.map((text) => portRangeText(address, key, text));
}

function compileRule(address: string, body: TfBody, inVnet: (a: Address) => boolean, membership: Membership | undefined): CompiledRule & { direction: string } {
  checkKeys(address, body, RULE_KEYS);
  const direction = stringAt(address, body, 'direction');
  if (direction !== 'Inbound' && direction !== 'Outbound') throw new InvalidTerraform(`${address}: direction "${direction}" (Inbound or Outbound)`);
  const access = stringAt(address, body, 'access');
  if (access !== 'Allow' && access !== 'Deny') throw new InvalidTerraform(`${address}: access "${access}" (Allow or Deny)`);
  const priority = integerAt(address, body, 'priority');
  if (priority < 100 || priority > 4096) throw new InvalidTerraform(`${address}: priority ${priority} is outside 100-4096`);
  // Case-sensitive: "tcp" is not a protocol Azure knows.
  const protocol = stringAt(address, body, 'protocol');
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) throw new UnsupportedConstruct(`${address}: protocol "${protocol}" (Azure's are ${PROTOCOLS.join(', ')})`);
  return {
    address,
    direction,
    priority,
    allow: access === 'Allow',
    protocol: protocol as AzureProtocol,
    ports: portsOf(address, body),
    source: sideMatcher(address, body, 'source', inVnet, membership),
    destination: sideMatcher(address, body, 'destination', inVnet, membership),
  };
}

/** Does the rule's network_security_group_name name this NSG? */
function targets(address: string, value: unknown, nsg: { name: string; body: TfBody }): boolean {
  const ref = parseRef(value);
  if (ref) {
    if (ref.type !== 'azurerm_network_security_group' || ref.name !== nsg.name) return false;
    if (ref.attribute !== 'name') throw new UnsupportedConstruct(`${address}: network_security_group_name references .${ref.attribute}, not .name`);
    return true;
  }
  if (typeof value !== 'string' || value.includes('${')) throw new UnsupportedConstruct(`${address}: network_security_group_name ${JSON.stringify(value)} cannot be resolved`);
  return value === nsg.body.name;
}

function protocolMatches(rule: CompiledRule, probe: Probe): boolean {
  const tcpUdp = probe.protocol === 'tcp' || probe.protocol === 'udp';
  if (rule.protocol === '*') {
    if (rule.ports === null) return true;
    if (!tcpUdp) throw new UnsupportedConstruct(`${rule.address}: protocol "*" with destination ports, probed with ${probe.protocol} (which has no ports)`);
  } else if (rule.protocol.toLowerCase() !== probe.protocol) {
    // Read as ICMPv4 only: NSGs have no ICMPv6 value, and the emitter never relies on Icmp for IPv6.
    return false;
  } else if (!tcpUdp) {
    if (rule.ports !== null) throw new UnsupportedConstruct(`${rule.address}: protocol ${rule.protocol} with destination ports`);
    return true;
  }
  const port = probe.port as number;
  return rule.ports === null || rule.ports.some(({ from, to }) => port >= from && port <= to);
}

/** Compiles the NSG once; the returned function judges probes. */
export function azureEvaluator(tf: TfJson, nsgAddress: string, ctx: AzureContext): (probe: Probe) => Verdict {
  const nsg = resourceAt(tf, nsgAddress);
  if (nsg.type !== 'azurerm_network_security_group') throw new Error(`${nsgAddress} is not an azurerm_network_security_group`);
  checkNotMultiplied(nsgAddress, nsg.body);
  if ('security_rule' in nsg.body) throw new UnsupportedConstruct(`${nsgAddress}: inline security_rule blocks (must not be mixed with azurerm_network_security_rule)`);
  const vnet = ctx.vnetCidrs.map((text) => cidr(text));
  const inVnet = (a: Address) => vnet.some((c) => cidrContains(c, a));
  const destination = probeSource({ source: ctx.destination, protocol: ctx.destination.includes(':') ? 'icmpv6' : 'icmp' });
  if (destination === 'lb') throw new Error(`azure: the destination must be an IPv4 address (got ${ctx.destination})`);

  const all = resourcesOf(tf, 'azurerm_network_security_rule')
    .filter(([address, body]) => targets(address, body.network_security_group_name, nsg))
    .map(([address, body]) => compileRule(address, body, inVnet, ctx.membership));
  // "priority 100-4096, unique per direction within one NSG".
  for (const direction of ['Inbound', 'Outbound']) {
    const seen = new Map<number, string>();
    for (const rule of all.filter((r) => r.direction === direction)) {
      const other = seen.get(rule.priority);
      if (other) throw new InvalidTerraform(`${nsgAddress}: ${other} and ${rule.address} share ${direction} priority ${rule.priority} (Azure requires unique priorities per direction)`);
      seen.set(rule.priority, rule.address);
    }
  }
  const inbound = all.filter((rule) => rule.direction === 'Inbound').sort((a, b) => a.priority - b.priority);

  return (probe) => {
    const source = probeSource(probe);
    const rule = inbound.find((r) => protocolMatches(r, probe) && r.source(source) && r.destination(destination));
    if (rule) return { allowed: rule.allow, rule: rule.address };
    // The defaults nobody can delete, only override with a lower number.
    if (source !== 'lb' && inVnet(source) && inVnet(destination)) return { allowed: true, rule: AZURE_DEFAULTS.allowVnet };
    if (source === 'lb') return { allowed: true, rule: AZURE_DEFAULTS.allowLoadBalancer };
    return { allowed: false, rule: AZURE_DEFAULTS.denyAll };
  };
}

export function evaluateAzure(tf: TfJson, nsgAddress: string, probe: Probe, ctx: AzureContext): Verdict {
  return azureEvaluator(tf, nsgAddress, ctx)(probe);
}
