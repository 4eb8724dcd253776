/**
 * GCP emitter: one google_compute_firewall per planned rule, applied to the group's instances
 * by network tag (`${name}-edge`, `${name}-server`), priority = the plan's priority, then a
 * per-group deny-all ingress below the allows. The network's implied deny would do the same,
 * but the auto-created `default` network also carries default-allow-internal (65534) and
 * friends: our deny at 4096 overrides those for the tagged instances.
 */
import { Construct } from 'constructs';
import { ComputeFirewall, ComputeFirewallConfig } from '@cdktf/provider-google/lib/compute-firewall';
import { ANY_IPV4 } from '../src/net/cidr';
import { PlannedRule, FirewallPlan, portText } from '../src/plan/plan';
import { tfName } from '../src/plan/naming';
import { GCP_NAME_PATTERN } from '../src/plan/quotas';
import { HOST_GROUPS, HostGroup, PROTECTED_GROUPS, ProtectedGroup } from '../src/spec/rule';
import { EmitResult, HOST_SLUGS } from './emit-result';

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

/** tcp/udp carry ports ("80", "7800-7802"; none = all ports); icmp and all carry none. */
function match(rule: PlannedRule): { protocol: string; ports?: string[] } {
  if ((rule.protocol === 'tcp' || rule.protocol === 'udp') && rule.ports) return { protocol: rule.protocol, ports: [portText(rule.ports)] };
  return { protocol: rule.protocol };
}

type FirewallFields = Omit<ComputeFirewallConfig, 'network' | 'direction'>;

/**
 * How a host group is named in rules: its CIDRs (cidr mode), its network tag, or its service
 * account (groups mode; GCP does not mix tags and service accounts in one rule).
 */
function identities(plan: FirewallPlan) {
  const { name, gcp } = plan.config;
  const accounts = gcp.sources === 'groups' ? gcp.serviceAccounts : undefined;
  const target = (group: ProtectedGroup): Partial<FirewallFields> =>
    accounts ? { targetServiceAccounts: [accounts[group]] } : { targetTags: [gcpTag(name, group)] };
  const source = (rule: PlannedRule): Partial<FirewallFields> => {
    const from = rule.source;
    if (from.kind === 'any') return { sourceRanges: [ANY_IPV4] };
    if (gcp.sources === 'groups' && from.group) return accounts ? { sourceServiceAccounts: [accounts[from.group]] } : { sourceTags: [gcpTag(name, from.group)] };
    return { sourceRanges: [...from.cidrs] };
  };
  return { accounts, target, source };
}

export function emitGcp(scope: Construct, plan: FirewallPlan): EmitResult {
  const { name, gcp } = plan.config;
  const { accounts, target, source } = identities(plan);
  for (const group of PROTECTED_GROUPS) {
    const firewalls: [string, FirewallFields][] = plan.groups[group].rules.map((rule) => [
      rule.id,
      {
        name: gcpName(name, rule.id),
        description: rule.description,
        priority: rule.priority,
        ...source(rule),
        ...target(group),
        ...(rule.action === 'allow' ? { allow: [match(rule)] } : { deny: [match(rule)] }),
      },
    ]);
    firewalls.push([
      `${group}-deny-all`,
      {
        name: gcpName(name, group, 'deny-all'),
        description: 'Deny all ingress not allowed above (overrides default-allow-* rules of the default network)',
        priority: GCP_DENY_ALL_PRIORITY,
        sourceRanges: [ANY_IPV4],
        ...target(group),
        deny: [{ protocol: 'all' }],
      },
    ]);
    for (const [id, fields] of firewalls) {
      new ComputeFirewall(scope, tfName(id), { ...fields, network: gcp.network, direction: 'INGRESS' });
    }
  }
  const tagsUsed = !accounts;
  const INSTANCES: Record<HostGroup, string> = { edge: 'SecureTransport Edge', server: 'SecureTransport Server', adminHost: 'Administration host' };
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
