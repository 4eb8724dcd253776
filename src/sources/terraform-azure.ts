/**
 * Azure Terraform resources -> AzureModel. Today: `azurerm_network_security_group` (without
 * inline `security_rule` blocks) and `azurerm_network_security_rule`. One small function per
 * resource type and per rule side, so inline rules slot in beside them.
 */
import type { AzureAddress, AzureModel, AzureNsg, AzureProtocol, AzureRule } from '../model/azure';
import type { Origin, Range } from '../model/common';
import { InvalidTerraform, UnsupportedConstruct } from '../model/errors';
import {
  checkKeys,
  checkNotMultiplied,
  cidrAt,
  exactlyOne,
  integerAt,
  isIpv6Text,
  ofType,
  portRangeText,
  RefResolver,
  resolveKey,
  stringAt,
  stringListAt,
  TfBody,
  TfResource,
} from './terraform-common';

const RULE_KEYS = [
  'name', 'resource_group_name', 'network_security_group_name', 'description', 'access', 'priority', 'direction', 'protocol',
  'source_port_range', 'source_port_ranges', 'destination_port_range', 'destination_port_ranges',
  'source_address_prefix', 'source_address_prefixes', 'source_application_security_group_ids',
  'destination_address_prefix', 'destination_address_prefixes', 'destination_application_security_group_ids',
];
/** Case-sensitive: "tcp" is not a protocol Azure knows. */
export const AZURE_PROTOCOLS: readonly AzureProtocol[] = ['*', 'Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'];

const literalName = (body: TfBody): string | undefined => (typeof body.name === 'string' && !body.name.includes('${') ? body.name : undefined);

/** One `*_address_prefix`: "*", a service tag, or a CIDR / bare address. */
function prefix(address: string, field: string, text: string): AzureAddress {
  if (text === '*') return { kind: 'any' };
  if (!isIpv6Text(text) && /^[A-Za-z]/.test(text)) return { kind: 'tag', tag: text };
  return { kind: 'cidrs', cidrs: [cidrAt(address, field, text)] };
}

/** A rule side: exactly one of the prefix, the prefix list (CIDRs only) or application security groups. */
export function azureSide(address: string, body: TfBody, side: 'source' | 'destination', resolve: RefResolver): AzureAddress {
  const field = exactlyOne(address, body, [`${side}_address_prefix`, `${side}_address_prefixes`, `${side}_application_security_group_ids`]);
  if (field.endsWith('_application_security_group_ids')) {
    const ids = body[field];
    if (!Array.isArray(ids) || ids.length === 0) throw new InvalidTerraform(`${address}: ${field} must be a non-empty list`);
    return { kind: 'asgs', groups: ids.map((id, index) => resolveKey(resolve, id, { address, field, index, attribute: 'id' })) };
  }
  if (field.endsWith('_prefix')) return prefix(address, field, stringAt(address, body, field));
  // "*_address_prefixes (CIDRs only, no tags)".
  const texts = stringListAt(address, body, field);
  const tag = texts.find((text) => !isIpv6Text(text) && /^[A-Za-z*]/.test(text));
  if (tag !== undefined) throw new InvalidTerraform(`${address}: ${field} holds "${tag}"; it takes CIDRs only (use ${side}_address_prefix for a tag)`);
  return { kind: 'cidrs', cidrs: texts.map((text) => cidrAt(address, field, text)) };
}

/** `*_port_range` or `*_port_ranges`: null for "*". */
export function azurePorts(address: string, body: TfBody, side: 'source' | 'destination'): readonly Range[] | null {
  const field = exactlyOne(address, body, [`${side}_port_range`, `${side}_port_ranges`]);
  const texts = field.endsWith('_range') ? [stringAt(address, body, field)] : stringListAt(address, body, field);
  if (texts.includes('*')) {
    if (texts.length > 1) throw new InvalidTerraform(`${address}: ${field} mixes "*" with ports`);
    return null;
  }
  return texts.map((text) => portRangeText(address, field, text));
}

/** The fields every spelling of an NSG rule shares (resource or inline block). */
export function azureRuleFields(address: string, body: TfBody, resolve: RefResolver): AzureRule {
  const direction = stringAt(address, body, 'direction');
  if (direction !== 'Inbound' && direction !== 'Outbound') throw new InvalidTerraform(`${address}: direction "${direction}" (Inbound or Outbound)`);
  const access = stringAt(address, body, 'access');
  if (access !== 'Allow' && access !== 'Deny') throw new InvalidTerraform(`${address}: access "${access}" (Allow or Deny)`);
  const priority = integerAt(address, body, 'priority');
  if (priority < 100 || priority > 4096) throw new InvalidTerraform(`${address}: priority ${priority} is outside 100-4096`);
  const protocol = stringAt(address, body, 'protocol');
  if (!(AZURE_PROTOCOLS as readonly string[]).includes(protocol)) throw new UnsupportedConstruct(`${address}: protocol "${protocol}" (Azure's are ${AZURE_PROTOCOLS.join(', ')})`);
  const name = literalName(body);
  const origin: Origin = name === undefined ? { address } : { address, name };
  return {
    origin,
    priority,
    direction,
    access,
    protocol: protocol as AzureProtocol,
    sourcePorts: azurePorts(address, body, 'source'),
    destinationPorts: azurePorts(address, body, 'destination'),
    source: azureSide(address, body, 'source', resolve),
    destination: azureSide(address, body, 'destination', resolve),
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
  };
}

/** One azurerm_network_security_rule and the NSG key it names. */
export function networkSecurityRule(resource: TfResource, resolve: RefResolver): { nsg: string; rule: AzureRule } {
  const { address, body } = resource;
  checkKeys(address, body, RULE_KEYS);
  const nsg = resolveKey(resolve, body.network_security_group_name, { address, field: 'network_security_group_name', attribute: 'name' });
  return { nsg, rule: azureRuleFields(address, body, resolve) };
}

export function networkSecurityGroup(resource: TfResource): Omit<AzureNsg, 'rules'> {
  const { address, body } = resource;
  checkNotMultiplied(address, body);
  if ('security_rule' in body) throw new UnsupportedConstruct(`${address}: inline security_rule blocks (must not be mixed with azurerm_network_security_rule; not read yet)`);
  return { key: address, origin: { address, ...(literalName(body) ? { name: literalName(body) } : {}) }, name: literalName(body) ?? address };
}

/** "priority 100-4096, unique per direction within one NSG". */
export function checkAzurePriorities(nsg: AzureNsg): void {
  for (const direction of ['Inbound', 'Outbound'] as const) {
    const seen = new Map<number, string>();
    for (const rule of nsg.rules.filter((r) => r.direction === direction)) {
      const other = seen.get(rule.priority);
      if (other) throw new InvalidTerraform(`${nsg.key}: ${other} and ${rule.origin.address} share ${direction} priority ${rule.priority} (Azure requires unique priorities per direction)`);
      seen.set(rule.priority, rule.origin.address);
    }
  }
}

/** Every NSG of the input with its rules; a rule naming an NSG the input does not hold belongs to another NSG and is left out. */
export function azureModel(resources: readonly TfResource[], resolve: RefResolver): AzureModel {
  const nsgs = ofType(resources, 'azurerm_network_security_group').map((resource) => ({ ...networkSecurityGroup(resource), rules: [] as AzureRule[] }));
  for (const resource of ofType(resources, 'azurerm_network_security_rule')) {
    const { nsg: key, rule } = networkSecurityRule(resource, resolve);
    // By address (a reference) or by the NSG's name (a literal).
    nsgs.find((nsg) => nsg.key === key || nsg.name === key)?.rules.push(rule);
  }
  for (const nsg of nsgs) checkAzurePriorities(nsg);
  return { cloud: 'azure', nsgs };
}
