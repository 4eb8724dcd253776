/**
 * Cloud limits, checked before anything is written, so a plan the cloud would reject at apply
 * time fails at synth with the group, the count and the way out. Numbers: see
 * shared/reference/cloud-semantics.md and the README's "Cloud limits".
 */
import { Cloud } from '../clouds';
import { ConfigIssue, SourcesMode } from '../config/load';
import { Family } from '../net/cidr';
import { sourceParts } from './families';
import { FirewallPlan, GroupPlan } from './plan';
import { PROTECTED_GROUPS } from '../spec/rule';

export const AZURE_MAX_RULES_PER_NSG = 1000;
export const AZURE_MAX_PREFIXES_PER_SIDE = 4000;
/** Rules the Azure emitter adds to every NSG (load balancer allow, deny-all). */
const AZURE_CLOSING_RULES = 2;

/**
 * AWS: one ingress rule per source CIDR ("Any" is one CIDR per family), counted per address
 * family as AWS counts them; in groups mode a host group is one referenced security group ("a
 * rule that references another security group counts as one rule"), counted in both families.
 */
export function awsIngressCounts(group: GroupPlan, sources: SourcesMode = 'cidr', ipv6 = false): Record<Family, number> {
  const counts: Record<Family, number> = { 4: 0, 6: 0 };
  for (const rule of group.rules) {
    if (sources === 'groups' && rule.source.kind === 'cidrs' && rule.source.group) {
      counts[4] += 1;
      if (ipv6) counts[6] += 1;
      continue;
    }
    for (const part of sourceParts(rule, ipv6)) counts[part.family] += part.cidrs.length;
  }
  return counts;
}

/** IPv4 inbound rules: the count the default quota is usually hit by. */
export function awsIngressCount(group: GroupPlan, sources: SourcesMode = 'cidr'): number {
  return awsIngressCounts(group, sources)[4];
}

function awsIssues(plan: FirewallPlan): ConfigIssue[] {
  const limit = plan.config.aws.maxRulesPerSecurityGroup;
  // Deny rules of the config (the vendor's ICMP pattern has its own reading, see allow-only.ts).
  const denies = plan.config.extraRules.filter((rule) => rule.action === 'deny');
  const denyIssues = denies.map((rule) => ({
    path: `rules[${plan.config.extraRules.indexOf(rule)}].action`,
    value: rule.action,
    message: `aws: rule ${rule.id} denies, and security groups have no deny rules (only what no rule allows is denied): drop it for AWS (--cloud azure,gcp), or narrow the allows instead`,
  }));
  return [
    ...denyIssues,
    ...PROTECTED_GROUPS.flatMap((group) => {
      const counts = awsIngressCounts(plan.groups[group], plan.config.aws.sources, plan.config.ipv6);
      return ([4, 6] as Family[])
        .filter((family) => counts[family] > limit)
        .map((family) => ({
          path: 'aws.maxRulesPerSecurityGroup',
          value: limit,
          message:
            `aws: the ${group} security group needs ${counts[family]} inbound IPv${family} rules, over the quota of ${limit} (each source CIDR of each rule is one rule). ` +
            'Ways out: "sources": "groups" (one rule per host group, whatever its size), list the hosts as fewer, wider CIDRs (their subnet), raise the quota with AWS and set aws.maxRulesPerSecurityGroup, or synthesize other clouds only (--cloud azure,gcp)',
        }));
    }),
  ];
}

function azureIssues(plan: FirewallPlan): ConfigIssue[] {
  // NSGs have no ICMPv6 protocol: an allow simply leaves ICMPv6 out (blocked, the safe side), but
  // a deny left without its IPv6 half would let a later allow through.
  const icmpDenies = plan.config.ipv6 ? plan.config.extraRules.filter((rule) => rule.action === 'deny' && rule.port.protocol === 'icmp') : [];
  const denyIssues = icmpDenies.map((rule) => ({
    path: `rules[${plan.config.extraRules.indexOf(rule)}].protocol`,
    value: 'icmp',
    message: `azure: rule ${rule.id} denies ICMP with IPv6 on, and NSGs have no ICMPv6 protocol to deny: deny "all" from those sources, or synthesize other clouds only (--cloud aws,gcp)`,
  }));
  return [...denyIssues, ...PROTECTED_GROUPS.flatMap((group) => {
    const { rules, hosts } = plan.groups[group];
    const issues: ConfigIssue[] = [];
    if (rules.length + AZURE_CLOSING_RULES > AZURE_MAX_RULES_PER_NSG) {
      issues.push({ path: group, value: rules.length, message: `azure: the ${group} NSG would hold ${rules.length + AZURE_CLOSING_RULES} rules, over Azure's ${AZURE_MAX_RULES_PER_NSG} per NSG` });
    }
    for (const rule of rules) {
      const sides = [['source', rule.source.kind === 'any' ? 1 : rule.source.cidrs.length], ['destination', hosts.length]] as const;
      for (const [side, count] of sides) {
        if (count > AZURE_MAX_PREFIXES_PER_SIDE) {
          issues.push({ path: `${group}.privateIps`, value: count, message: `azure: rule ${rule.id} would list ${count} ${side} prefixes, over Azure's ${AZURE_MAX_PREFIXES_PER_SIDE} per rule side: use wider CIDRs` });
        }
      }
    }
    return issues;
  })];
}

/** GCP: every firewall name (`<name>-<rule id>`, `<name>-<group>-deny-all`) must be a valid, 63-character name. */
export const GCP_NAME_PATTERN = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Source ranges one VPC firewall rule takes (the figure Google documents for firewall rule matchers). */
export const GCP_MAX_SOURCE_RANGES = 5000;

function gcpIssues(plan: FirewallPlan): ConfigIssue[] {
  const { name } = plan.config;
  const rangeIssues: ConfigIssue[] = PROTECTED_GROUPS.flatMap((group) =>
    plan.groups[group].rules.flatMap((rule) =>
      sourceParts(rule, plan.config.ipv6)
        .filter((part) => part.cidrs.length > GCP_MAX_SOURCE_RANGES)
        .map((part) => ({ path: `${group}`, value: part.cidrs.length, message: `gcp: rule ${rule.id} would list ${part.cidrs.length} IPv${part.family} source ranges, over ${GCP_MAX_SOURCE_RANGES} per firewall rule: use wider CIDRs, or "sources": "groups"` })),
    ),
  );
  const suffixes = plan.config.ipv6 ? ['', '-v6'] : [''];
  const names = PROTECTED_GROUPS.flatMap((group) => [...plan.groups[group].rules.map((rule) => `${name}-${rule.id}`), `${name}-${group}-deny-all`]).flatMap((n) => suffixes.map((suffix) => `${n}${suffix}`));
  const nameIssues: ConfigIssue[] = names
    .filter((candidate) => !GCP_NAME_PATTERN.test(candidate))
    .map((candidate) => ({ path: 'name', value: name, message: `gcp: firewall name "${candidate}" (${candidate.length} characters) is not a valid GCP name (1-63: [a-z]([-a-z0-9]*[a-z0-9])?): choose a shorter name` }));
  return [...nameIssues, ...rangeIssues];
}

const CHECKS: Record<Cloud, (plan: FirewallPlan) => ConfigIssue[]> = { aws: awsIssues, azure: azureIssues, gcp: gcpIssues };

/** Every limit the chosen clouds would break; empty when the plan fits. */
export function quotaIssues(plan: FirewallPlan, clouds: readonly Cloud[]): ConfigIssue[] {
  return clouds.flatMap((cloud) => CHECKS[cloud](plan));
}
