/**
 * A rule resolved against concrete hosts: group sources become their CIDRs, named port ranges
 * their numbers. The planner builds every group's rules from it (src/plan/plan.ts), and config
 * validation uses it to check extra rules against the catalog without planning (src/config
 * must not import src/plan, which imports the config's types).
 */
import { Action, HostGroup, PortRange, ProtectedGroup, Rule, VendorRow } from './rule';

export type PlannedProtocol = 'tcp' | 'udp' | 'icmp' | 'all';

export type PlannedSource =
  | { readonly kind: 'any' }
  /** Canonical CIDRs; `group` names the host group they came from, if any. */
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

/** What resolving needs from a config: the hosts of each group and the passive range. */
export interface Bindings {
  readonly hosts: Readonly<Record<HostGroup, readonly string[]>>;
  readonly ftpPassivePorts: PortRange;
}

/** Rule ids become resource names on every cloud: lowercase, unique, and not an emitter's own name. */
export const RULE_ID_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const RESERVED_IDS: readonly string[] = ['edge', 'server', 'admin-host'].flatMap((g) => [
  `${g}-deny-all`,
  `${g}-deny-all-inbound`,
  `${g}-allow-azure-load-balancer`,
  `${g}-egress-all`,
]);

export function resolveRule(rule: Rule, bindings: Bindings): PlannedRule {
  const { port, source } = rule;
  let ports: PortRange | null = null;
  if (port.protocol === 'tcp' || port.protocol === 'udp') {
    if (port.ports === 'all') ports = null;
    else if ('named' in port.ports) ports = bindings[port.ports.named];
    else ports = port.ports;
  }
  const plannedSource: PlannedSource =
    source.kind === 'any'
      ? { kind: 'any' }
      : source.kind === 'group'
        ? { kind: 'cidrs', cidrs: bindings.hosts[source.group], group: source.group }
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
