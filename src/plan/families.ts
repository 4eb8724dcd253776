/**
 * Address families of a rule. Clouds keep IPv4 and IPv6 apart (AWS: cidr_ipv4 or cidr_ipv6 per
 * rule; Azure: one family per rule; GCP: "IPv4 and IPv6 ranges cannot share one rule"), so the
 * emitters build a rule once per family its sources hold.
 */
import { ANY_IPV4, ANY_IPV6, Family, familyOf } from '../net/cidr';
import { PlannedRule } from './plan';

export interface FamilyPart {
  readonly family: Family;
  /** True for the vendor's "Any": 0.0.0.0/0, or ::/0. */
  readonly any: boolean;
  readonly cidrs: readonly string[];
}

/** The rule's sources by family: "Any" is 0.0.0.0/0, and also ::/0 when IPv6 is on. */
export function sourceParts(rule: PlannedRule, ipv6: boolean): FamilyPart[] {
  const { source } = rule;
  if (source.kind === 'any') return [{ family: 4, any: true, cidrs: [ANY_IPV4] }, ...(ipv6 ? [{ family: 6 as const, any: true, cidrs: [ANY_IPV6] }] : [])];
  return ([4, 6] as const).map((family) => ({ family, any: false, cidrs: source.cidrs.filter((c) => familyOf(c) === family) })).filter((part) => part.cidrs.length > 0);
}

export function ofFamily(cidrs: readonly string[], family: Family): string[] {
  return cidrs.filter((c) => familyOf(c) === family);
}
