/** Rules that can never decide a packet because an earlier rule matches everything they match. */
import { cidr, cidrCovers } from '../net/cidr';
import { PlannedRule } from './planned';

/** Does `a` match every packet `b` matches? */
export function covers(a: PlannedRule, b: PlannedRule): boolean {
  const protocol = a.protocol === 'all' || (a.protocol === b.protocol && (a.ports === null || (b.ports !== null && a.ports.from <= b.ports.from && b.ports.to <= a.ports.to)));
  if (!protocol) return false;
  if (a.source.kind === 'any') return true;
  if (b.source.kind === 'any') return false;
  const outer = a.source.cidrs.map((text) => cidr(text));
  return b.source.cidrs.every((text) => outer.some((c) => cidrCovers(c, cidr(text))));
}

export interface Shadowed {
  readonly rule: PlannedRule;
  /** The first earlier rule that covers it. */
  readonly by: PlannedRule;
  /** Same action and the same matches both ways: a copy, not a conflict. */
  readonly duplicate: boolean;
}

/** Over one group's rules, sorted by priority. */
export function shadowedRules(rules: readonly PlannedRule[]): Shadowed[] {
  return rules.flatMap((rule, i) => {
    const by = rules.slice(0, i).find((candidate) => covers(candidate, rule));
    return by ? [{ rule, by, duplicate: by.action === rule.action && covers(rule, by) }] : [];
  });
}
