/**
 * Azure Terraform resources -> AzureModel: `azurerm_network_security_group` with or without
 * inline `security_rule` blocks, and `azurerm_network_security_rule`. One small function per
 * resource type and per rule side. An NSG with both forms is refused (the provider overwrites one
 * with the other).
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
  'id', // computed (plan and state JSON)
];
/** An inline security_rule block takes the rule fields without the NSG's. */
const INLINE_KEYS = RULE_KEYS.filter((key) => !['resource_group_name', 'network_security_group_name', 'id'].includes(key));
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

/** The NSG, with its inline security_rule blocks read as rules (absent: none inline). */
export function networkSecurityGroup(resource: TfResource, resolve: RefResolver): AzureNsg & { rules: AzureRule[]; inline: boolean } {
  const { address, body } = resource;
  checkNotMultiplied(address, body);
  const blocks = body.security_rule;
  if (blocks !== undefined && blocks !== null && !Array.isArray(blocks)) throw new UnsupportedConstruct(`${address}: security_rule is ${JSON.stringify(blocks)}`);
  const rules = (blocks ?? []).map((block, i) => {
    const at = `${address} security_rule[${i}]`;
    if (typeof block !== 'object' || block === null) throw new UnsupportedConstruct(`${at}: ${JSON.stringify(block)}`);
    // Plan JSON writes every field of a block, unset ones as "" or []: they are absent.
    const fields = Object.fromEntries(Object.entries(block as TfBody).filter(([, v]) => v !== '' && v !== null && !(Array.isArray(v) && v.length === 0)));
    checkKeys(at, fields, INLINE_KEYS);
    const rule = azureRuleFields(at, fields, resolve);
    return typeof fields.name === 'string' ? { ...rule, origin: { address: at, name: fields.name } } : rule;
  });
  const name = literalName(body);
  return { key: address, origin: { address, ...(name ? { name } : {}) }, name: name ?? address, rules, inline: rules.length > 0 };
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
  const nsgs = ofType(resources, 'azurerm_network_security_group').map((resource) => networkSecurityGroup(resource, resolve));
  for (const resource of ofType(resources, 'azurerm_network_security_rule')) {
    const { nsg: key, rule } = networkSecurityRule(resource, resolve);
    // By address (a reference) or by the NSG's name (a literal).
    const nsg = nsgs.find((candidate) => candidate.key === key || candidate.name === key);
    if (nsg?.inline) throw new UnsupportedConstruct(`${resource.address}: an azurerm_network_security_rule on ${nsg.key}, which has inline security_rule blocks (the provider overwrites one with the other)`);
    nsg?.rules.push(rule);
  }
  for (const nsg of nsgs) checkAzurePriorities(nsg);
  return { cloud: 'azure', nsgs: nsgs.map(({ inline: _inline, ...nsg }) => nsg) };
}
