/**
 * The config's extra rules (`rules`), turned into catalog-shaped rules and checked against the
 * catalog: ids and priorities unique per group, ports fit the protocol, and no rule that can
 * never match or that switches off a vendor rule (shadowing in either direction).
 */
import { catalogRules } from '../catalog/securetransport';
import { cidr } from '../net/cidr';
import { shadowedRules } from '../spec/overlap';
import { RESERVED_IDS, resolveRule } from '../spec/planned';
import { IcmpMode, Peer, Port, PROTECTED_GROUPS, Rule } from '../spec/rule';
import type { Config, ConfigIssue } from './load';
import { ParsedRule, parsePortRange } from './schema';

export const EXTRA_RULES_SECTION = 'Config: extra rules';


type Raw = ParsedRule;

function portOf(raw: Raw, path: string, issues: ConfigIssue[]): Port | undefined {
  if (raw.protocol === 'icmp' || raw.protocol === 'all') {
    if (raw.ports !== undefined) issues.push({ path: `${path}.ports`, value: raw.ports, message: `must be left out for protocol ${raw.protocol}` });
    return raw.protocol === 'icmp' ? Port.allIcmp() : Port.allTraffic();
  }
  if (raw.ports === undefined) {
    issues.push({ path: `${path}.ports`, message: `is required for protocol ${raw.protocol} ("80", "7800-7802" or "*")` });
    return undefined;
  }
  if (raw.ports === '*') return { protocol: raw.protocol, ports: 'all' };
  const range = parsePortRange(String(raw.ports));
  if (typeof range === 'string') {
    issues.push({ path: `${path}.ports`, value: raw.ports, message: range });
    return undefined;
  }
  return { protocol: raw.protocol, ports: range };
}

/** Rules the schema refused are `undefined` here (their issues are reported already); indexes stay the file's. */
export function toRules(raws: readonly (Raw | undefined)[], issues: ConfigIssue[]): Rule[] {
  return raws.flatMap((raw, i) => {
    if (!raw) return [];
    const port = portOf(raw, `rules[${i}]`, issues);
    if (!port) return [];
    // Canonical CIDRs, as the host lists are ("10.0.50.7" is "10.0.50.7/32"): clouds take CIDRs only.
    const cidrs = Array.isArray(raw.source) ? raw.source.map((c) => cidr(c).text) : undefined;
    if (cidrs && new Set(cidrs).size !== cidrs.length) {
      issues.push({ path: `rules[${i}].source`, value: raw.source, message: 'lists a CIDR twice (in any spelling)' });
      return [];
    }
    const source = cidrs ? Peer.cidrs(...cidrs) : raw.source === 'any' ? Peer.any() : Peer.group(raw.source as 'edge' | 'server' | 'adminHost');
    return [{ id: raw.id, target: raw.group, action: raw.action, port, source, description: raw.description, section: EXTRA_RULES_SECTION, priority: raw.priority }];
  });
}

/** Checks the extra rules against the catalog of both ICMP modes, so switching modes cannot break them. */
export function extraRuleIssues(config: Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const index = new Map(config.extraRules.map((rule, i) => [rule.id, i]));
  const at = (rule: { id: string }) => `rules[${index.get(rule.id)}]`;
  for (const icmp of ['native', 'vendor'] as IcmpMode[]) {
    const catalog = catalogRules(icmp);
    const seen = new Map<string, Rule>();
    for (const rule of [...catalog, ...config.extraRules]) {
      // With IPv6 on, Azure puts a rule's IPv6 half at the next priority: keep neighbours 2 apart.
      const gap = config.ipv6 ? 1 : 0;
      const clash = [...seen.values()].find((other) => other.target === rule.target && Math.abs(other.priority - rule.priority) <= gap);
      if (index.has(rule.id) && (seen.has(rule.id) || RESERVED_IDS.includes(rule.id))) {
        issues.push({ path: `${at(rule)}.id`, value: rule.id, message: 'is already the id of another rule' });
      } else if (index.has(rule.id) && clash) {
        issues.push({ path: `${at(rule)}.priority`, value: rule.priority, message: `is already the priority of ${clash.id} in the ${rule.target} group (each priority once per group${gap ? ', 2 apart with IPv6 on' : ''})` });
      }
      seen.set(rule.id, rule);
    }
    if (issues.length > 0) break;
    // The rules as the planner orders them (src/plan/plan.ts), without planning: config comes first.
    const resolved = [...catalog, ...config.extraRules].map((rule) => resolveRule(rule, config)).sort((a, b) => a.priority - b.priority);
    for (const group of PROTECTED_GROUPS) {
      for (const { rule, by, duplicate } of shadowedRules(resolved.filter((rule) => rule.target === group))) {
        if (index.has(rule.id)) {
          issues.push({ path: at(rule), value: rule.id, message: `${duplicate ? 'duplicates' : 'is shadowed by'} ${by.id} (priority ${by.priority}): it can never decide a packet` });
        } else if (index.has(by.id)) {
          issues.push({ path: at(by), value: by.id, message: `shadows the vendor rule ${rule.id} (priority ${rule.priority}), which could then never decide a packet: narrow it or give it a priority after ${rule.priority}` });
        }
      }
    }
    if (issues.length > 0) break;
  }
  return issues;
}
