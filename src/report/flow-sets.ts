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
import { normalise, overlaps, PortSpan, portSpans, portsOverlap, sameSpans, samePorts, Span, spanOf, subtract, subtractPorts } from './ranges';

/** The rules each cloud is held to: on AWS, the plan as security groups can express it. */
export function expectedRules(cloud: Cloud, plan: FirewallPlan, group: ProtectedGroup): readonly PlannedRule[] {
  return cloud === 'aws' ? allowOnly(plan.groups[group], 'aws').rules : plan.groups[group].rules;
}


/** The rule's sources as spans ("any": both families whole). */
export function ruleSources(rule: PlannedRule): Span[] {
  if (rule.source.kind === 'any') return [{ family: 4, first: 0n, last: (1n << 32n) - 1n }, { family: 6, first: 0n, last: (1n << 128n) - 1n }];
  return rule.source.cidrs.map((text) => spanOf(text)).filter((s): s is Span => !!s);
}

const ANY_SPANS = (family: 4 | 6) => (family === 4 ? { family, first: 0n, last: (1n << 32n) - 1n } : { family, first: 0n, last: (1n << 128n) - 1n });

export function flowSources(flow: Flow): Span[] {
  return flow.sources.map((text) => (text === '*' || text === 'any' ? ANY_SPANS(4) : spanOf(text))).filter((s): s is Span => !!s);
}

export function flowPorts(flow: Flow): PortSpan[] {
  return portSpans(flow.protocol === 'tcp' || flow.protocol === 'udp' ? flow.ports : undefined);
}

export const ruleProtocolMatches = (rule: PlannedRule, flow: Flow) => rule.protocol === 'all' || rule.protocol === flow.protocol || (rule.protocol === 'icmp' && flow.protocol === 'icmpv6');

/** Does the flow lie within the rule's packets (protocol, ports, sources)? */
function flowWithinRule(rule: PlannedRule, flow: Flow): boolean {
  return ruleProtocolMatches(rule, flow) && portsOverlap(flowPorts(flow), portSpans(rule.ports ? planPortText(rule.ports) : '*')) && overlaps(flowSources(flow), ruleSources(rule));
}

export function flowText(flow: Flow): string {
  const ports = flow.ports !== undefined ? ` ${flow.ports}` : '';
  const to = flow.destinations ? ` to ${flow.destinations.join(', ')}` : '';
  return `${flow.protocol}${ports} from ${flow.sources.join(', ')}${to}`;
}

/**
 * How an admitting rule must change so the extra flow no longer matches, cloud-neutral: remove it
 * (the flow is all it admits), keep fewer sources (same ports), keep fewer ports (same sources),
 * or nothing this simple (the cloud file then says "narrow").
 */
export type Narrowing =
  | { readonly kind: 'remove' }
  | { readonly kind: 'sources'; readonly keep: readonly Span[] }
  | { readonly kind: 'ports'; readonly keep: readonly PortSpan[] }
  | { readonly kind: 'narrow' };

/** What an admitting rule matches, as far as sets of sources and ports go (undefined sources: tags, groups). */
export interface RuleSet {
  readonly ports: readonly PortSpan[];
  readonly sources?: readonly Span[];
}

export function narrowing(rule: RuleSet, flow: Flow): Narrowing {
  const [fp, fs] = [flowPorts(flow), flowSources(flow)];
  const portsEqual = samePorts(rule.ports, fp) || subtractPorts(rule.ports, fp).length === 0;
  if (rule.sources) {
    const keepSources = subtract(rule.sources, fs);
    if (portsEqual && keepSources.length === 0) return { kind: 'remove' };
    if (portsEqual) return { kind: 'sources', keep: normalise(keepSources) };
    if (sameSpans(rule.sources, fs) || subtract(rule.sources, fs).length === 0) return { kind: 'ports', keep: subtractPorts(rule.ports, fp) };
    return { kind: 'narrow' };
  }
  if (!portsEqual) return { kind: 'ports', keep: subtractPorts(rule.ports, fp) };
  return { kind: 'narrow' };
}

/** Which planned rules of the group a flow falls in (for "re-add these rows" advice). */
export function rowsWithin(cloud: Cloud, plan: FirewallPlan, group: ProtectedGroup, flow: Flow): PlannedRule[] {
  return expectedRules(cloud, plan, group).filter((rule) => rule.action === 'allow' && flowWithinRule(rule, flow));
}
