/**
 * Planning: the catalog plus a config become concrete rules, with host groups resolved to
 * CIDRs, named port ranges filled in, and an evaluation priority per rule. Emitters read only
 * this plan; they never look at the catalog or the config's raw shape.
 */
import { catalogRules } from '../catalog/securetransport';
import { Config } from '../config/load';
import { Action, HostGroup, PortRange, PROTECTED_GROUPS, ProtectedGroup, Rule, VendorRow } from '../spec/rule';

export type PlannedProtocol = 'tcp' | 'udp' | 'icmp' | 'all';

export type PlannedSource =
  | { readonly kind: 'any' }
  /** Canonical IPv4 CIDRs; `group` names the host group they came from, if any. */
  | { readonly kind: 'cidrs'; readonly cidrs: readonly string[]; readonly group?: HostGroup };

export interface PlannedRule {
  readonly id: string;
  readonly target: ProtectedGroup;
  readonly action: Action;
  readonly protocol: PlannedProtocol;
  /** For tcp/udp: the port range; null means every port (and always null for icmp/all). */
  readonly ports: PortRange | null;
  readonly source: PlannedSource;
  readonly description: string;
  readonly section: string;
  readonly vendor?: VendorRow;
  /**
   * Evaluation order within the target group: lower first, first match wins, unique per group.
   * Azure and GCP use it as their priority as is (it fits both ranges: 100-4094).
   */
  readonly priority: number;
}

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
        .map((rule) => resolve(rule, config))
        .sort((a, b) => a.priority - b.priority);
      checkPriorities(planned, config.ipv6);
      return [group, { group, hosts: config.hosts[group], rules: planned }];
    }),
  ) as unknown as Record<ProtectedGroup, GroupPlan>;
  return { config, groups };
}

/** Rule ids become resource names on every cloud: lowercase, unique, and not an emitter's own name. */
export const RULE_ID_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const RESERVED_IDS: readonly string[] = ['edge', 'server', 'admin-host'].flatMap((g) => [
  `${g}-deny-all`,
  `${g}-deny-all-inbound`,
  `${g}-allow-azure-load-balancer`,
  `${g}-egress-all`,
]);

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

function resolve(rule: Rule, config: Config): PlannedRule {
  const { port, source } = rule;
  let ports: PortRange | null = null;
  if (port.protocol === 'tcp' || port.protocol === 'udp') {
    if (port.ports === 'all') ports = null;
    else if ('named' in port.ports) ports = config[port.ports.named];
    else ports = port.ports;
  }
  const plannedSource: PlannedSource =
    source.kind === 'any'
      ? { kind: 'any' }
      : source.kind === 'group'
        ? { kind: 'cidrs', cidrs: config.hosts[source.group], group: source.group }
        : { kind: 'cidrs', cidrs: source.cidrs };
  return {
    id: rule.id,
    target: rule.target,
    action: rule.action,
    protocol: port.protocol,
    ports,
    source: plannedSource,
    description: rule.description,
    section: rule.section,
    vendor: rule.vendor,
    priority: rule.priority,
  };
}

/** "80", "7800-7802", or "*" for every port: the vendor's notation, also Azure's. */
export function portText(ports: PortRange | null): string {
  if (!ports) return '*';
  return ports.from === ports.to ? String(ports.from) : `${ports.from}-${ports.to}`;
}
