/**
 * The plan's own semantics for one probe: the group's rules in priority order, first match
 * wins, anything unmatched is denied (src/analysis/spec.ts builds the policy; this asks it about
 * one packet). Azure's 'AzureLoadBalancer' probe is the address 168.63.129.16: `any` and any
 * CIDR holding it match it.
 */
import type { GroupPlan, PlannedRule } from '../plan/plan';
import { planPolicy, specMatcher, SPEC_DEFAULT_DENY } from '../analysis/spec';
import { decide } from '../analysis/space';
import { probePacket } from './evaluate';
import type { Probe, Verdict } from './probe';

export { SPEC_DEFAULT_DENY };

export function specRuleMatches(rule: PlannedRule, probe: Probe): boolean {
  return decide({ matchers: [specMatcher(rule)], fallback: { allowed: false, rule: SPEC_DEFAULT_DENY } }, probePacket(probe)).by !== undefined;
}

/** Compiles the group once; the returned function judges probes. */
export function specEvaluator(group: GroupPlan): (probe: Probe) => Verdict {
  const policy = planPolicy(group);
  return (probe) => {
    const { allowed, rule } = decide(policy, probePacket(probe)).decision;
    return { allowed, rule };
  };
}

export function evaluateSpec(group: GroupPlan, probe: Probe): Verdict {
  return specEvaluator(group)(probe);
}
