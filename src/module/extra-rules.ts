/**
 * The modules' `extra_rules` input: the config's `rules[]` as a map keyed by rule id, with the
 * same fields and the checks the CLI makes (src/config/schema.ts, src/config/extra-rules.ts,
 * src/plan/plan.ts, src/plan/quotas.ts) as validation blocks, each naming the input and the value.
 * The input is typed `any`: `source` is a name or a list of CIDRs, which no Terraform object type holds.
 */
import { catalogRules } from '../catalog/securetransport';
import { Cloud } from '../clouds';
import { RULE_SOURCES } from '../config/schema';
import { RESERVED_IDS } from '../spec/planned';
import { ProtectedGroup } from '../spec/rule';
import type { ModuleVariable } from './variables';

export const EXTRA_RULE_KEYS = ['group', 'protocol', 'ports', 'source', 'action', 'priority', 'description'];
const PROTOCOLS = ['tcp', 'udp', 'icmp', 'all'];
const list = (values: readonly (string | number)[]) => JSON.stringify(values).replace(/,/g, ', ');

/** Priorities of the catalog's rules per group, in both ICMP modes (the CLI checks both). */
function catalogPriorities(group: ProtectedGroup): number[] {
  return [...new Set((['native', 'vendor'] as const).flatMap((icmp) => catalogRules(icmp).filter((r) => r.target === group).map((r) => r.priority)))].sort((a, b) => a - b);
}

const CATALOG_IDS = [...new Set([...catalogRules('native'), ...catalogRules('vendor')].map((r) => r.id))].sort();

// Terraform's && and || evaluate both sides: where the right side needs the left to hold, `a ? true : b`.

/** Terraform regexes for the config's port text and rule ids. */
const PORTS_RE = '^[0-9]{1,5}(-[0-9]{1,5})?$';
const ID_RE = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

/** "80" or "7800-7802" as [from, to] (only where the text matched PORTS_RE). */
const portEnds = (p: string) => `[for n in split("-", ${p}) : tonumber(n)]`;

/** An address check shared with the host lists (validAddress / noHostBits in variables.ts). */
export interface AddressChecks {
  readonly valid: (ip: string) => string;
  readonly noHostBits: (ip: string) => string;
  readonly asCidr: (ip: string) => string;
}

export function extraRulesVariable(cloud: Cloud, address: AddressChecks): ModuleVariable {
  const rules = 'var.extra_rules';
  const each = (condition: string) => `alltrue([for id, r in ${rules} : try(${condition}, false)])`;
  const bad = (condition: string) => `jsonencode({ for id, r in ${rules} : id => r if !try(${condition}, false) })`;
  const badIds = (condition: string) => `jsonencode([for id, r in ${rules} : id if !try(${condition}, false)])`;
  const check = (condition: string, message: string, shown = bad(condition)) => ({ condition: `\${${each(condition)}}`, error_message: `extra_rules: ${message}: \${${shown}}.` });
  // A check that needs fields another check reports (an address, a priority) passes when they are broken.
  const given = (condition: string) => `try(${condition}, true)`;
  const tcpUdp = 'contains(["tcp", "udp"], r.protocol)';
  const ports = 'tostring(r.ports)';
  const cidrs = `[for c in r.source : cidrsubnet(${address.asCidr('c')}, 0, 0)]`;
  const named = 'can(tostring(r.source))';
  // Priorities taken in a group: the catalog's, with IPv6 their neighbours too (Azure's IPv6 halves).
  const gap = 'var.ipv6 ? 1 : 0';
  const catalog = (g: ProtectedGroup) => list(catalogPriorities(g));
  const clashCatalog = `[for p in lookup({ edge = ${catalog('edge')}, server = ${catalog('server')} }, r.group, []) : p if abs(p - r.priority) <= (${gap})]`;
  const clashExtra = `[for other, o in ${rules} : other if other != id && try(o.group == r.group && abs(o.priority - r.priority) <= (${gap}), false)]`;
  const validation = [
    check(`length(setsubtract(keys(r), ${list(EXTRA_RULE_KEYS)})) == 0 && alltrue([for k in ["group", "protocol", "source", "priority", "description"] : contains(keys(r), k)])`, `each rule is an object with group, protocol, source, priority, description and optionally ports and action (no other keys)`),
    check(`can(regex("${ID_RE}", id)) && length(id) <= 40 && !can(regex("-(v6|ipv6|icmpv6)$", id))`, 'rule ids are lowercase letters, digits and hyphens, starting with a letter, at most 40 characters, not ending in -v6, -ipv6 or -icmpv6', badIds(`can(regex("${ID_RE}", id)) && length(id) <= 40 && !can(regex("-(v6|ipv6|icmpv6)$", id))`)),
    check(`!contains(${list([...CATALOG_IDS, ...RESERVED_IDS])}, id)`, 'a rule id is already the id of a vendor rule or one of the emitters\' own', badIds(`!contains(${list([...CATALOG_IDS, ...RESERVED_IDS])}, id)`)),
    check('contains(["edge", "server"], r.group)', 'group must be "edge" or "server"'),
    check(`contains(${list(PROTOCOLS)}, r.protocol)`, 'protocol must be "tcp", "udp", "icmp" or "all"'),
    check(`${tcpUdp} ? (${ports} == "*" ? true : can(regex("${PORTS_RE}", ${ports})) && alltrue([for n in ${portEnds(ports)} : n >= 1 && n <= 65535]) && ${portEnds(ports)}[0] <= ${portEnds(ports)}[length(${portEnds(ports)}) - 1]) : contains(["icmp", "all"], r.protocol) ? !contains(keys(r), "ports") : true`, 'ports is required for tcp and udp ("80", "7800-7802" within 1-65535, from <= to, or "*") and must be left out for icmp and all'),
    check(`${named} ? contains(${list(RULE_SOURCES)}, r.source) : length(r.source) >= 1 && alltrue([for c in r.source : ${address.valid('c')} && ${address.noHostBits('c')}])`, 'source must be "any", "edge", "server", "adminHost" or a non-empty list of IPv4 or IPv6 addresses or CIDRs without host bits'),
    check(`${named} || var.ipv6 ? true : alltrue([for c in r.source : length(split(":", c)) == 1])`, 'IPv6 source CIDRs need ipv6 = true'),
    check(`${named} ? true : ${given(`length(distinct(${cidrs})) == length(r.source)`)}`, 'a source lists a CIDR twice (in any spelling)'),
    check(`contains(["allow", "deny"], try(r.action, "allow"))`, 'action must be "allow" or "deny"'),
    ...(cloud === 'aws' ? [check('try(r.action, "allow") == "allow"', 'aws: security groups have no deny rules (only what no rule allows is denied): drop the rule or narrow the allows instead')] : []),
    check('floor(r.priority) == r.priority && r.priority >= 100 && r.priority <= 4000', 'priority must be a whole number within 100-4000'),
    check(given(`length(${clashCatalog}) == 0`), 'a priority is already a vendor rule\'s in that group (see "Priorities"; 1000-2990 is free; 2 apart with ipv6 = true)'),
    check(given(`length(${clashExtra}) == 0`), 'two rules of one group share a priority (each priority once per group, 2 apart with ipv6 = true)'),
    check('length(trimspace(r.description)) >= 1 && length(r.description) <= 255', 'description must say what the rule is for, at most 255 characters'),
    ...(cloud === 'gcp' ? [check('length(var.name) + length(id) + (var.ipv6 ? 4 : 1) <= 63', 'gcp: the firewall name "<name>-<rule id>" (and "-v6" with ipv6 = true) must fit in 63 characters', badIds('length(var.name) + length(id) + (var.ipv6 ? 4 : 1) <= 63'))] : []),
  ];
  return {
    name: 'extra_rules',
    type: 'any',
    description:
      'Extra rules of your own, beside the vendor\'s (as the config\'s "rules", keyed by rule id): { group = "edge" | "server", protocol = "tcp" | "udp" | "icmp" | "all", ports = "80" | "7800-7802" | "*" (tcp and udp only), source = "any" | "edge" | "server" | "adminHost" | [CIDRs], action = "allow" (default) or "deny"' +
      (cloud === 'aws' ? ' (refused on AWS)' : '') +
      ', priority = 100-4000 (free in its group), description }.',
    default: {},
    validation,
  };
}

/**
 * AWS rules an input's extra rules add to one security group in one address family (cidr
 * module): one per source CIDR, "Any" one per family (::/0 with ipv6 on), as awsIngressCounts.
 */
export function awsExtraRuleCount(group: ProtectedGroup, family: 4 | 6): string {
  const lists = '{ edge = var.edge_private_ips, server = var.server_private_ips, adminHost = var.admin_host_private_ips }';
  const ofFamily = (list: string) => `length([for c in ${list} : c if length(split(":", c)) ${family === 4 ? '==' : '>'} 1])`;
  const count = `r.source == "any" ? ${family === 4 ? '1' : '(var.ipv6 ? 1 : 0)'} : can(tostring(r.source)) ? ${ofFamily(`lookup(${lists}, r.source, [])`)} : ${ofFamily('r.source')}`;
  return `sum(concat([0], [for id, r in var.extra_rules : try(${count}, 0) if try(r.group == "${group}", false)]))`;
}
