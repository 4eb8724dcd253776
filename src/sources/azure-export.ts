/**
 * Azure CLI exports into the Azure model: `az network nsg show -o json` (one NSG object) and
 * `az network nsg list -o json` (an array of them).
 *
 * az prints the resource flattened: the REST body's `properties` are lifted into the object
 * (`securityRules`, `defaultSecurityRules`, and in each rule `priority`, `direction`, `access`,
 * `protocol`, `sourceAddressPrefix(es)`, `destinationPortRange(s)`...): the command deserializes
 * its output with `client_flatten=True` and marks `properties` `client_flatten`
 * (Azure/azure-cli, src/azure-cli/azure/cli/command_modules/network/aaz/latest/network/nsg/_show.py).
 * The REST shape with `properties` (Network Security Groups - Get,
 * https://learn.microsoft.com/en-us/rest/api/virtualnetwork/network-security-groups/get) is read
 * too, since the portal's "JSON view" and `az rest` print it.
 *
 * Rule fields (SecurityRule, ibid.): a single `sourceAddressPrefix` ("*", a CIDR or address, or a
 * service tag such as VirtualNetwork) or a list `sourceAddressPrefixes`, or
 * `sourceApplicationSecurityGroups: [{ id }]`; the same for destinations; `sourcePortRange(s)` and
 * `destinationPortRange(s)` ("*", "80", "8088-8093"); `protocol` Tcp, Udp, Icmp, Esp, Ah or "*".
 */
import { ConfigError } from '../config/load';
import type { AzureAddress, AzureModel, AzureNsg, AzureProtocol, AzureRule } from '../model/azure';
import type { Range } from '../model/common';
import { parseCidr } from '../net/cidr';
import { describeTopLevel, ExportFile, Field } from './export-json';

const PROTOCOLS: readonly AzureProtocol[] = ['*', 'Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'];

/** `properties` when the export has the REST shape, else the object itself (az's flattened output). */
function body(item: Field): Field {
  return item.has('properties') && !item.has('priority') && !item.has('securityRules') ? item.get('properties') : item;
}

/** A singular field and its plural list (az prints both, one of them empty or null): their union. */
function values(rule: Field, singular: string, plural: string): Field[] {
  const one = rule.get(singular);
  const many = rule.get(plural).optionalItems();
  return [...(one.present && one.string() !== '' ? [one] : []), ...many];
}

function ports(rule: Field, singular: string, plural: string): readonly Range[] | null {
  const list = values(rule, singular, plural);
  if (list.length === 0) rule.fail(`expected ${singular} or ${plural}`);
  if (list.some((f) => f.string().trim() === '*')) return null;
  return list.map((f) => f.portRange());
}

function address(rule: Field, side: 'source' | 'destination'): AzureAddress {
  const prefixes = values(rule, `${side}AddressPrefix`, `${side}AddressPrefixes`);
  const asgs = rule.get(`${side}ApplicationSecurityGroups`).optionalItems();
  if (prefixes.length > 0 && asgs.length > 0) rule.fail(`${side}: expected address prefixes or application security groups, not both`);
  if (asgs.length > 0) return { kind: 'asgs', groups: asgs.map((asg) => asg.get('id').string()) };
  if (prefixes.length === 0) rule.fail(`expected ${side}AddressPrefix, ${side}AddressPrefixes or ${side}ApplicationSecurityGroups`);
  if (prefixes.some((f) => f.string().trim() === '*')) return { kind: 'any' };
  const literal = prefixes.filter((f) => parseCidr(f.string().trim()).ok);
  if (literal.length === prefixes.length) return { kind: 'cidrs', cidrs: prefixes.map((f) => f.cidr()) };
  // A word that is not an address: a service tag (one per rule side).
  const tag = prefixes.find((f) => /^[A-Za-z][A-Za-z0-9.]*$/.test(f.string().trim()));
  if (prefixes.length === 1 && tag) return { kind: 'tag', tag: tag.string().trim() };
  const bad = prefixes.find((f) => !parseCidr(f.string().trim()).ok && f !== tag) ?? prefixes[0];
  return bad.fail(prefixes.length > 1 && tag ? 'expected IP addresses or CIDRs (a service tag stands alone)' : 'expected "*", an IP address or CIDR, or a service tag');
}

function readRule(item: Field, nsgName: string): AzureRule {
  const rule = body(item);
  const name = item.get('name').optionalString() ?? rule.get('name').optionalString();
  const priority = rule.get('priority').int();
  if (priority < 100 || priority > 65500) rule.get('priority').fail('expected a priority 100-4096 (or a default rule 65000-65500)');
  const description = rule.get('description').optionalString();
  return {
    origin: { address: item.get('id').optionalString() ?? `${nsgName}/${name ?? item.path}`, ...(name ? { name } : {}) },
    priority,
    direction: rule.get('direction').oneOf(['Inbound', 'Outbound'] as const, true),
    access: rule.get('access').oneOf(['Allow', 'Deny'] as const, true),
    protocol: rule.get('protocol').oneOf(PROTOCOLS, true),
    sourcePorts: ports(rule, 'sourcePortRange', 'sourcePortRanges'),
    destinationPorts: ports(rule, 'destinationPortRange', 'destinationPortRanges'),
    source: address(rule, 'source'),
    destination: address(rule, 'destination'),
    ...(description ? { description } : {}),
  };
}

function readNsg(item: Field): AzureNsg {
  const nsg = body(item);
  const name = item.get('name').string();
  const id = item.get('id').optionalString();
  const rules = nsg.get('securityRules').optionalItems().map((rule) => readRule(rule, name));
  const defaults = nsg.get('defaultSecurityRules');
  for (const direction of ['Inbound', 'Outbound'] as const) {
    const seen = new Map<number, string>();
    for (const rule of rules.filter((r) => r.direction === direction)) {
      const other = seen.get(rule.priority);
      if (other) throw new ConfigError([{ path: item.path, message: `NSG ${name}: rules ${other} and ${rule.origin.name ?? rule.origin.address} share ${direction} priority ${rule.priority} (Azure refuses that)` }], item.file);
      seen.set(rule.priority, rule.origin.name ?? rule.origin.address);
    }
  }
  return {
    key: id ?? name,
    origin: { address: id ?? name, name },
    name,
    rules,
    ...(defaults.present ? { defaultRules: defaults.items().map((rule) => readRule(rule, name)) } : {}),
  };
}

/** Every NSG of the exports, in file order; one NSG exported twice is kept once. */
export function readAzureExports(files: readonly ExportFile[]): AzureModel {
  const nsgs = new Map<string, AzureNsg>();
  for (const source of files) {
    const root = Field.root(source);
    // `az network nsg list` prints an array; the REST list wraps it in { value: [...] }.
    const items = Array.isArray(source.json) ? root.items() : root.isObject() && root.has('value') && !root.has('name') ? root.get('value').items() : [root];
    for (const item of items) {
      if (!item.isObject() || !item.has('name') || !(item.has('securityRules') || item.has('defaultSecurityRules') || item.has('properties'))) {
        throw new ConfigError([{ path: item.path, message: `expected a network security group as "az network nsg show -o json" prints it (name, securityRules, defaultSecurityRules), got ${describeTopLevel(item.value)}` }], source.file);
      }
      const nsg = readNsg(item);
      nsgs.set(nsg.key.toLowerCase(), nsg);
    }
  }
  return { cloud: 'azure', nsgs: [...nsgs.values()] };
}

/** The last segment of an Azure resource id: its name. */
export const azureIdName = (id: string): string => id.split('/').filter(Boolean).pop() ?? id;

/** Resolves an NSG name (or resource id) given on the command line to its model key. */
export function resolveAzureNsg(model: AzureModel, text: string, flag: string): string {
  const lower = text.toLowerCase();
  const hits = model.nsgs.filter((nsg) => nsg.key.toLowerCase() === lower || nsg.name.toLowerCase() === lower);
  if (hits.length === 1) return hits[0].key;
  const why = hits.length > 1 ? `the name "${text}" is used by ${hits.map((n) => n.key).join(', ')}: give the resource id` : `no network security group "${text}" in the export (NSGs: ${model.nsgs.map((n) => n.name).join(', ') || 'none'})`;
  throw new ConfigError([{ path: '', message: why }], flag);
}

/** The application security group ids the rules reference whose name (or id) is `text`. */
export function resolveAzureAsg(model: AzureModel, text: string): string[] {
  const lower = text.toLowerCase();
  const ids = new Set<string>();
  for (const nsg of model.nsgs) {
    for (const rule of [...nsg.rules, ...(nsg.defaultRules ?? [])]) {
      for (const side of [rule.source, rule.destination]) {
        if (side.kind === 'asgs') for (const id of side.groups) if (id.toLowerCase() === lower || azureIdName(id).toLowerCase() === lower) ids.add(id);
      }
    }
  }
  return [...ids];
}
