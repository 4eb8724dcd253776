/**
 * For clouds whose firewalls have no deny rules (AWS security groups). Everything there is a
 * union of allows over a default deny, so a plan with deny rules must be rewritten, or refused.
 */
import { SERVER_ICMP_NATIVE, SERVER_ICMP_VENDOR } from '../catalog/securetransport';
import { GroupPlan, PlannedRule } from './plan';

export interface AllowOnlyRules {
  readonly rules: readonly PlannedRule[];
  /** What was rewritten, for the user: printed by synth and kept in the README. */
  readonly warnings: readonly string[];
}

const VENDOR_IDS = SERVER_ICMP_VENDOR.map((rule) => rule.id);

/**
 * The one deny pattern in the catalog is the vendor's "ICMP only" (deny TCP, deny UDP, allow
 * every protocol from the Servers). Without deny rules its closest safe reading is its intent,
 * ICMP from the Servers: allowing every protocol would open every TCP and UDP port between them.
 * Any other deny rule is an error, never silently dropped.
 */
export function allowOnly(group: GroupPlan, cloud: string): AllowOnlyRules {
  const vendorRules = group.rules.filter((rule) => VENDOR_IDS.includes(rule.id));
  const otherDenies = group.rules.filter((rule) => rule.action === 'deny' && !VENDOR_IDS.includes(rule.id));
  if (otherDenies.length > 0) {
    throw new Error(`${cloud}: the ${group.group} group has deny rules (${otherDenies.map((r) => r.id).join(', ')}), which ${cloud} firewalls cannot express`);
  }
  if (vendorRules.length === 0) return { rules: group.rules, warnings: [] };
  const [allowAll] = vendorRules.filter((rule) => rule.action === 'allow');
  const native = SERVER_ICMP_NATIVE[0];
  const icmp: PlannedRule = { ...allowAll, id: native.id, protocol: 'icmp', ports: null, description: native.description, vendor: undefined };
  return {
    rules: [...group.rules.filter((rule) => !VENDOR_IDS.includes(rule.id)), icmp],
    warnings: [
      `${cloud}: icmp "vendor" cannot be built here (security groups have no deny rules); the ${group.group} group gets the native rule instead: ` +
        'ICMP from the Servers. Other non-TCP/UDP protocols from the Servers (ESP, AH, GRE...), which the vendor pattern admits on Azure and GCP, stay blocked.',
    ],
  };
}
