/**
 * For clouds whose firewalls have no deny rules (AWS security groups). Everything there is a
 * union of allows over a default deny, so a plan with deny rules must be rewritten, or refused.
 */
import { SERVER_ICMP_NATIVE } from '../catalog/securetransport';
import { GroupPlan, PlannedRule } from './plan';

export interface AllowOnlyRules {
  readonly rules: readonly PlannedRule[];
  /** What was rewritten, for the user: printed by synth and kept in the README. */
  readonly warnings: readonly string[];
}

/** The vendor's pattern, recognised by what its rules do, not by their ids. */
function isVendorPattern(denies: readonly PlannedRule[], allowAll: PlannedRule | undefined): boolean {
  const denyAllFromAny = (protocol: string) => denies.some((r) => r.protocol === protocol && r.ports === null && r.source.kind === 'any');
  return denies.length === 2 && denyAllFromAny('tcp') && denyAllFromAny('udp') && !!allowAll && allowAll.source.kind === 'cidrs' && allowAll.source.group === 'server';
}

/**
 * The one deny pattern in the catalog is the vendor's "ICMP only" (deny TCP, deny UDP, allow
 * every protocol from the Servers). Without deny rules its closest safe reading is its intent,
 * ICMP from the Servers: allowing every protocol would open every TCP and UDP port between them.
 * Any other deny rule is an error, never silently dropped.
 */
export function allowOnly(group: GroupPlan, cloud: string): AllowOnlyRules {
  const denies = group.rules.filter((rule) => rule.action === 'deny');
  if (denies.length === 0) return { rules: group.rules, warnings: [] };
  // The allow-all that follows the denies: what they leave of it is every non-TCP/UDP protocol.
  const lastDeny = Math.max(...denies.map((r) => r.priority));
  const allowAll = group.rules.find((r) => r.action === 'allow' && r.protocol === 'all' && r.priority > lastDeny);
  if (!isVendorPattern(denies, allowAll)) {
    throw new Error(`${cloud}: the ${group.group} group has deny rules (${denies.map((r) => r.id).join(', ')}), which ${cloud} firewalls cannot express`);
  }
  const native = SERVER_ICMP_NATIVE[0];
  const icmp: PlannedRule = { ...allowAll!, id: native.id, protocol: 'icmp', ports: null, description: native.description, vendor: undefined };
  return {
    rules: [...group.rules.filter((rule) => rule.action !== 'deny' && rule !== allowAll), icmp],
    warnings: [
      `${cloud}: icmp "vendor" cannot be built here (security groups have no deny rules); the ${group.group} group gets the native rule instead: ` +
        'ICMP from the Servers. Other non-TCP/UDP protocols from the Servers (ESP, AH, GRE...), which the vendor pattern admits on Azure and GCP, stay blocked.',
    ],
  };
}
