/**
 * Planning: the catalog plus a config become concrete rules, with host groups resolved to
 * CIDRs, named port ranges filled in, and an evaluation priority per rule. Emitters read only
 * this plan; they never look at the catalog or the config's raw shape.
 */
import { catalogRules } from '../catalog/securetransport';
import { Config } from '../config/load';
import { PlannedRule, RESERVED_IDS, resolveRule, RULE_ID_PATTERN } from '../spec/planned';
import { PortRange, PROTECTED_GROUPS, ProtectedGroup, Rule } from '../spec/rule';

export type { PlannedProtocol, PlannedRule, PlannedSource } from '../spec/planned';
export { RESERVED_IDS, RULE_ID_PATTERN } from '../spec/planned';

export interface GroupPlan {
  readonly group: ProtectedGroup;
  /** The CIDRs of the hosts this group protects. */
  readonly hosts: readonly string[];
  /** Sorted by priority. */
  readonly rules: readonly PlannedRule[];
}

export interface FirewallPlan {
  readonly config: Config;
  readonly groups: Readonly<Record<ProtectedGroup, GroupPlan>>;
}

/** Azure's lowest priority number; GCP accepts it too. */
export const MIN_PLANNED_PRIORITY = 100;
/** Emitters put their own closing rules (load balancer allow, deny-all) above every planned one. */
export const MAX_PLANNED_PRIORITY = 4000;

/** Plans the catalog (or, for tests and extensions, any rule list) against a config. */
export function plan(config: Config, rules: readonly Rule[] = [...catalogRules(config.icmp), ...config.extraRules]): FirewallPlan {
  checkIds(rules);
  const groups = Object.fromEntries(
    PROTECTED_GROUPS.map((group) => {
      const planned = rules
        .filter((rule) => rule.target === group)
        .map((rule) => resolveRule(rule, config))
        .sort((a, b) => a.priority - b.priority);
      checkPriorities(planned, config.ipv6);
      return [group, { group, hosts: config.hosts[group], rules: planned }];
    }),
  ) as unknown as Record<ProtectedGroup, GroupPlan>;
  return { config, groups };
}

function checkIds(rules: readonly Rule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (!RULE_ID_PATTERN.test(rule.id)) throw new Error(`rule id "${rule.id}": use lowercase letters, digits and hyphens, starting with a letter`);
    // "<id>-v6" and "<id>-ipv6" name the IPv6 halves of rules on some clouds.
    if (/-(v6|ipv6|icmpv6)$/.test(rule.id)) throw new Error(`rule id "${rule.id}": ids ending in -v6, -ipv6 or -icmpv6 are kept for the IPv6 halves of rules`);
    if (seen.has(rule.id) || RESERVED_IDS.includes(rule.id)) throw new Error(`rule id "${rule.id}" is used twice (or is one of the emitters' own names)`);
    seen.add(rule.id);
    if (rule.source.kind === 'cidrs' && new Set(rule.source.cidrs).size !== rule.source.cidrs.length) throw new Error(`rule ${rule.id}: a source CIDR is listed twice`);
  }
}

/**
 * First match wins, so two rules at one priority would have no defined order: refuse them. With
 * IPv6 on, Azure builds a rule's IPv6 half at the next priority, so that one must be free too.
 */
function checkPriorities(rules: readonly PlannedRule[], ipv6: boolean): void {
  rules.forEach((rule, i) => {
    if (!Number.isInteger(rule.priority) || rule.priority < MIN_PLANNED_PRIORITY || rule.priority > MAX_PLANNED_PRIORITY) {
      throw new Error(`rule ${rule.id}: priority ${rule.priority} is outside ${MIN_PLANNED_PRIORITY}-${MAX_PLANNED_PRIORITY}`);
    }
    const previous = rules[i - 1];
    if (previous?.priority === rule.priority) {
      throw new Error(`rules ${previous.id} and ${rule.id} of the ${rule.target} group share priority ${rule.priority}`);
    }
    if (ipv6 && previous?.priority === rule.priority - 1) {
      throw new Error(`rules ${previous.id} and ${rule.id} of the ${rule.target} group: with IPv6 on, priority ${rule.priority} is taken by ${previous.id}'s IPv6 half (keep priorities 2 apart)`);
    }
  });
}

/** "80", "7800-7802", or "*" for every port: the vendor's notation, also Azure's. */
export function portText(ports: PortRange | null): string {
  if (!ports) return '*';
  return ports.from === ports.to ? String(ports.from) : `${ports.from}-${ports.to}`;
}
