/**
 * Flows as sets (src/analysis/result.ts Flow): their sources and ports, whether a planned rule
 * holds them, and how an admitting rule must shrink so an extra flow no longer matches. Shared by
 * the audit report and the per-cloud fixes.
 */
import type { Flow } from '../analysis/result';
import type { Cloud } from '../clouds';
import { allowOnly } from '../plan/allow-only';
import { FirewallPlan, PlannedRule, portText as planPortText } from '../plan/plan';
import type { ProtectedGroup } from '../spec/rule';
import { normalise, overlaps, PortSpan, portSpans, portsOverlap, Span, spanOf, subtract, subtractPorts } from './ranges';

/** The rules each cloud is held to: on AWS, the plan as security groups can express it. */
const ANY_SPANS = (family: 4 | 6): Span => (family === 4 ? { family, first: 0n, last: (1n << 32n) - 1n } : { family, first: 0n, last: (1n << 128n) - 1n });

export function expectedRules(cloud: Cloud, plan: FirewallPlan, group: ProtectedGroup): readonly PlannedRule[] {
  return cloud === 'aws' ? allowOnly(plan.groups[group], 'aws').rules : plan.groups[group].rules;
}


/** The rule's sources as spans ("any": every address of the families the config uses). */
export function ruleSources(rule: PlannedRule, ipv6 = true): Span[] {
  if (rule.source.kind === 'any') return ipv6 ? [ANY_SPANS(4), ANY_SPANS(6)] : [ANY_SPANS(4)];
  return rule.source.cidrs.map((text) => spanOf(text)).filter((s): s is Span => !!s);
}

export function flowSources(flow: Flow): Span[] {
  return flow.sources.map((text) => (text === '*' || text === 'any' ? ANY_SPANS(4) : spanOf(text))).filter((s): s is Span => !!s);
}

export function flowPorts(flow: Flow): PortSpan[] {
  return portSpans(flow.protocol === 'tcp' || flow.protocol === 'udp' ? flow.ports : undefined);
}

export const ruleProtocolMatches = (rule: PlannedRule, flow: Flow) => rule.protocol === 'all' || rule.protocol === flow.protocol || (rule.protocol === 'icmp' && flow.protocol === 'icmpv6');

/** Does the flow lie within the rule's packets (protocol, ports, sources)? */
function flowWithinRule(plan: FirewallPlan, rule: PlannedRule, flow: Flow): boolean {
  return ruleProtocolMatches(rule, flow) && portsOverlap(flowPorts(flow), portSpans(rule.ports ? planPortText(rule.ports) : '*')) && overlaps(flowSources(flow), ruleSources(rule, plan.config.ipv6));
}

export function flowText(flow: Flow): string {
  const ports = flow.ports !== undefined ? ` ${flow.ports}` : '';
  const to = flow.destinations ? ` to ${flow.destinations.join(', ')}` : '';
  return `${flow.protocol}${ports} from ${flow.sources.join(', ')}${to}`;
}

/**
 * How an admitting rule must change so the extra flow no longer matches, cloud-neutral: remove it
 * (the flow is all it admits), keep fewer sources, keep fewer ports, or nothing this simple (the
 * cloud file then says "narrow"). A narrowing is offered only when what it takes away besides the
 * flow is wanted by no vendor row (`wanted`), so closing one divergence never opens another.
 */
export type Narrowing =
  | { readonly kind: 'remove' }
  | { readonly kind: 'sources'; readonly keep: readonly Span[] }
  | { readonly kind: 'ports'; readonly keep: readonly PortSpan[] }
  | { readonly kind: 'narrow' };

/** What an admitting rule matches: its ports and its sources (group references resolved to their members). */
export interface RuleSet {
  readonly ports: readonly PortSpan[];
  readonly sources?: readonly Span[];
}

/** Does a vendor row of the group admit any of these packets (the flow's protocol)? */
export type Wanted = (ports: readonly PortSpan[], sources: readonly Span[]) => boolean;

export function narrowing(rule: RuleSet, flow: Flow, wanted: Wanted): Narrowing {
  const [fp, fs] = [flowPorts(flow), flowSources(flow)];
  const keepPorts = subtractPorts(rule.ports, fp);
  if (!rule.sources) return keepPorts.length > 0 && !wanted(fp, []) ? { kind: 'ports', keep: keepPorts } : { kind: 'narrow' };
  const keepSources = normalise(subtract(rule.sources, fs));
  // Dropping the flow's sources also drops the rule's other ports from them.
  if (keepPorts.length === 0 || !wanted(keepPorts, fs)) return keepSources.length === 0 ? { kind: 'remove' } : { kind: 'sources', keep: keepSources };
  // Dropping the flow's ports also drops them from the rule's other sources.
  if (keepSources.length === 0 || !wanted(fp, keepSources)) return keepPorts.length === 0 ? { kind: 'remove' } : { kind: 'ports', keep: keepPorts };
  return { kind: 'narrow' };
}

/** `wanted` for one group of a plan: any allow row of the flow's protocol overlapping those ports and sources. */
export function wantedBy(cloud: Cloud, plan: FirewallPlan, group: ProtectedGroup, flow: Flow): Wanted {
  const rules = expectedRules(cloud, plan, group).filter((rule) => rule.action === 'allow' && ruleProtocolMatches(rule, flow));
  return (ports, sources) => rules.some((rule) => portsOverlap(ports, portSpans(rule.ports ? planPortText(rule.ports) : '*')) && overlaps(sources, ruleSources(rule, plan.config.ipv6)));
}

/** Which planned rules of the group a flow falls in (for "re-add these rows" advice). */
export function rowsWithin(cloud: Cloud, plan: FirewallPlan, group: ProtectedGroup, flow: Flow): PlannedRule[] {
  return expectedRules(cloud, plan, group).filter((rule) => rule.action === 'allow' && flowWithinRule(plan, rule, flow));
}
