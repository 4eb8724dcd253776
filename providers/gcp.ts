/**
 * GCP emitter: one google_compute_firewall per planned rule, applied to the group's instances
 * by network tag (`${name}-edge`, `${name}-server`), priority = the plan's priority, then a
 * per-group deny-all ingress below the allows. The network's implied deny would do the same,
 * but the auto-created `default` network also carries default-allow-internal (65534) and
 * friends: our deny at 4096 overrides those for the tagged instances.
 */
import { Construct } from 'constructs';
import { ComputeFirewall, ComputeFirewallConfig } from '@cdktf/provider-google/lib/compute-firewall';
import { ANY_IPV4, ANY_IPV6, Family } from '../src/net/cidr';
import { sourceParts } from '../src/plan/families';
import { PlannedRule, FirewallPlan, portText } from '../src/plan/plan';
import { HOST_SLUGS, tfName } from '../src/plan/naming';
import { GCP_NAME_PATTERN } from '../src/plan/quotas';
import { HOST_GROUPS, HostGroup, PROTECTED_GROUPS, ProtectedGroup } from '../src/spec/rule';
import { EmitResult } from './emit-result';

export const GCP_DENY_ALL_PRIORITY = 4096;

export function gcpTag(name: string, group: HostGroup): string {
  return `${name}-${HOST_SLUGS[group]}`;
}

/** A firewall name; quotaIssues() refuses bad ones before synth, this guards the emitter itself. */
export function gcpName(...parts: string[]): string {
  const value = parts.join('-');
  // A name built from a Terraform variable is checked by that variable's validation instead.
  if (!value.includes('${') && !GCP_NAME_PATTERN.test(value)) throw new Error(`gcp: firewall name "${value}" is not valid (1-63 characters, [a-z]([-a-z0-9]*[a-z0-9])?)`);
  return value;
}

/** tcp/udp carry ports ("80", "7800-7802"; none = all ports); icmp and all carry none; ICMPv6 is protocol 58. */
function match(rule: PlannedRule, family: Family): { protocol: string; ports?: string[] } {
  if ((rule.protocol === 'tcp' || rule.protocol === 'udp') && rule.ports) return { protocol: rule.protocol, ports: [portText(rule.ports)] };
  if (rule.protocol === 'icmp' && family === 6) return { protocol: '58' };
  return { protocol: rule.protocol };
}

type FirewallFields = Omit<ComputeFirewallConfig, 'network' | 'direction'>;

/**
 * How a host group is named in rules: its CIDRs (cidr mode), its network tag, or its service
 * account (groups mode; GCP does not mix tags and service accounts in one rule).
 */
function identities(plan: FirewallPlan) {
  const { name, gcp, ipv6 } = plan.config;
  const accounts = gcp.sources === 'groups' ? gcp.serviceAccounts : undefined;
  const target = (group: ProtectedGroup): Partial<FirewallFields> =>
    accounts ? { targetServiceAccounts: [accounts[group]] } : { targetTags: [gcpTag(name, group)] };
  /**
   * The rule's sources, one entry per firewall it needs: tags and service accounts name
   * instances of either family (one firewall; ICMP adds an ICMPv6 twin); ranges go one family
   * per firewall ("IPv4 and IPv6 ranges cannot share one rule").
   */
  const sources = (rule: PlannedRule): { family: Family; fields: Partial<FirewallFields> }[] => {
    const from = rule.source;
    if (gcp.sources === 'groups' && from.kind === 'cidrs' && from.group) {
      const fields = accounts ? { sourceServiceAccounts: [accounts[from.group]] } : { sourceTags: [gcpTag(name, from.group)] };
      return [{ family: 4, fields }, ...(ipv6 && rule.protocol === 'icmp' ? [{ family: 6 as const, fields }] : [])];
    }
    return sourceParts(rule, ipv6).map((part) => ({ family: part.family, fields: { sourceRanges: [...part.cidrs] } }));
  };
  return { accounts, target, sources };
}

export function emitGcp(scope: Construct, plan: FirewallPlan): EmitResult {
  const { name, gcp, ipv6 } = plan.config;
  const { accounts, target, sources } = identities(plan);
  for (const group of PROTECTED_GROUPS) {
    // The IPv4 firewall keeps the rule's name; the IPv6 one is "<name>-<id>-v6", same priority.
    const firewalls: [string, FirewallFields][] = plan.groups[group].rules.flatMap((rule) =>
      sources(rule).map(({ family, fields }): [string, FirewallFields] => [
        family === 4 ? rule.id : `${rule.id}-v6`,
        {
          name: family === 4 ? gcpName(name, rule.id) : gcpName(name, rule.id, 'v6'),
          description: rule.description,
          priority: rule.priority,
          ...fields,
          ...target(group),
          ...(rule.action === 'allow' ? { allow: [match(rule, family)] } : { deny: [match(rule, family)] }),
        },
      ]),
    );
    for (const family of ipv6 ? ([4, 6] as const) : ([4] as const)) {
      firewalls.push([
        family === 4 ? `${group}-deny-all` : `${group}-deny-all-v6`,
        {
          name: family === 4 ? gcpName(name, group, 'deny-all') : gcpName(name, group, 'deny-all', 'v6'),
          description: 'Deny all ingress not allowed above (overrides default-allow-* rules of the default network)',
          priority: GCP_DENY_ALL_PRIORITY,
          sourceRanges: [family === 4 ? ANY_IPV4 : ANY_IPV6],
          ...target(group),
          deny: [{ protocol: 'all' }],
        },
      ]);
    }
    for (const [id, fields] of firewalls) {
      new ComputeFirewall(scope, tfName(id), { ...fields, network: gcp.network, direction: 'INGRESS' });
    }
  }
  const tagsUsed = !accounts;
  const INSTANCES: Record<HostGroup, string> = { edge: 'SecureTransport Edge', server: 'SecureTransport Server', adminHost: 'SecureTransport Administration host' };
  const tagOutput = (group: HostGroup) => ({
    value: tagsUsed ? [gcpTag(name, group)] : [],
    description: tagsUsed ? `Network tags the ${INSTANCES[group]} instances must carry` : 'Unused: the rules match instances by service account',
  });
  return {
    outputs: {
      edge_network_tags: tagOutput('edge'),
      server_network_tags: tagOutput('server'),
      ...(gcp.sources === 'groups' ? { admin_host_network_tags: tagOutput('adminHost') } : {}),
      ...(accounts
        ? Object.fromEntries(HOST_GROUPS.map((g) => [`${tfName(HOST_SLUGS[g])}_service_account`, { value: accounts[g], description: `Service account the ${INSTANCES[g]} instances must run as` }]))
        : {}),
    },
    warnings: [],
  };
}
