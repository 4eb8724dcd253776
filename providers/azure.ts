/**
 * Azure emitter: one network security group per protected group, one
 * azurerm_network_security_rule per planned rule (priority = the plan's priority), then two
 * closing rules. Azure's default AllowVnetInBound (65000) lets every host of the virtual network
 * in on every port, so each NSG ends with its own deny-all (4096), preceded by an allow for the
 * AzureLoadBalancer tag (4095) so health probes keep working, as the default 65001 rule did.
 * (In icmp "vendor" mode the vendor's own deny-TCP/deny-UDP rows, source "*", come first and
 * block TCP/UDP probes to the Servers, exactly as they shadow 65001 on the vendor's page.)
 */
import { Construct } from 'constructs';
import { ApplicationSecurityGroup } from '@cdktf/provider-azurerm/lib/application-security-group';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { ANY_IPV4, Family } from '../src/net/cidr';
import { ofFamily } from '../src/plan/families';
import { AZURE_PROTOCOL, fitBytes, HOST_SLUGS, tfName } from '../src/plan/naming';
import { FirewallPlan, PlannedRule, portText } from '../src/plan/plan';
import { HOST_GROUPS, HostGroup, PROTECTED_GROUPS, ProtectedGroup } from '../src/spec/rule';
import { EmitResult, GROUP_TITLES } from './emit-result';

export { AZURE_PROTOCOL };
export const AZURE_LB_ALLOW_PRIORITY = 4095;
export const AZURE_DENY_ALL_PRIORITY = 4096;
/** Azure limits a rule description to 140 bytes of UTF-8 (the provider's check is Go's `len`). */
const DESCRIPTION_MAX_BYTES = 140;

type RuleFields = Omit<NetworkSecurityRuleConfig, 'networkSecurityGroupName' | 'resourceGroupName' | 'direction'>;

/** In groups mode, the application security group of each host group; otherwise none. */
type Asgs = Readonly<Record<HostGroup, string>> | undefined;

/** One side of a rule: fields that hold any family (tags, ASGs), or fields per family (prefixes). */
type Side = { any: object } | { byFamily: Partial<Record<Family, object>> };

const prefixes = (key: string, cidrs: readonly string[]): Side => ({
  byFamily: Object.fromEntries(([4, 6] as Family[]).flatMap((f) => (ofFamily(cidrs, f).length > 0 ? [[f, { [key]: ofFamily(cidrs, f) }]] : []))),
});

/**
 * One NSG rule per address family the rule needs: Azure takes one family per rule ("all IP
 * addresses or prefixes in the resource should belong to the same address family"). The IPv4
 * rule keeps the rule's name and priority; the IPv6 one is "<id>-v6" at the next priority (the
 * plan keeps those free). Allows are scoped to the group's hosts, as the vendor's "Destination"
 * says (their CIDRs, or their application security group); denies cover every destination.
 * NSGs have no ICMPv6 protocol: the IPv6 half of an ICMP rule is left out (a warning says so),
 * the safe side of the closest mapping, and every Icmp rule has an IPv4-only side.
 */
function ruleFields(rule: PlannedRule, hosts: readonly string[], asgs: Asgs, warn: (text: string) => void): RuleFields[] {
  const { source: from } = rule;
  let source: Side =
    from.kind === 'any' ? { any: { sourceAddressPrefix: '*' } } : asgs && from.group ? { any: { sourceApplicationSecurityGroupIds: [asgs[from.group]] } } : prefixes('sourceAddressPrefixes', from.cidrs);
  let destination: Side =
    rule.action !== 'allow' ? { any: { destinationAddressPrefix: '*' } } : asgs ? { any: { destinationApplicationSecurityGroupIds: [asgs[rule.target]] } } : prefixes('destinationAddressPrefixes', hosts);
  const common = {
    access: rule.action === 'allow' ? 'Allow' : 'Deny',
    protocol: AZURE_PROTOCOL[rule.protocol],
    sourcePortRange: '*',
    destinationPortRange: portText(rule.ports),
    description: fitBytes(rule.description, DESCRIPTION_MAX_BYTES),
  };
  if (rule.protocol === 'icmp' && 'any' in source && 'any' in destination) {
    // `*` and application security groups hold both families, and whether `Icmp` matches
    // ICMPv6 is undocumented: one side becomes IPv4-only, so the rule is ICMPv4 by construction.
    // `*` turns into 0.0.0.0/0 (the same IPv4 addresses); when both sides are groups, the
    // destination does (every IPv4 address the NSG covers, i.e. the group's NICs it is attached to).
    if ('sourceAddressPrefix' in source.any) source = { any: { sourceAddressPrefix: ANY_IPV4 } };
    else destination = { any: { destinationAddressPrefix: ANY_IPV4 } };
  }
  const sideFor = (side: Side, family: Family) => ('any' in side ? side.any : side.byFamily[family]);
  const families = ([4, 6] as Family[]).filter((f) => sideFor(source, f) && sideFor(destination, f));
  const agnostic = 'any' in source && 'any' in destination;
  const ipv6Icmp = rule.protocol === 'icmp' && rule.action === 'allow' && (agnostic ? ipv6Hosts(hosts) : families.includes(6));
  if (ipv6Icmp) warn(`azure: rule ${rule.id} allows ICMP; NSGs have no ICMPv6 protocol, so its IPv6 half is left out (ICMPv6 to the ${rule.target} group stays blocked)`);
  return (agnostic ? [4 as Family] : families)
    .filter((f) => !(f === 6 && rule.protocol === 'icmp'))
    .map((f) => ({
      name: f === 4 ? rule.id : `${rule.id}-v6`,
      priority: f === 4 ? rule.priority : rule.priority + 1,
      ...common,
      ...sideFor(source, f),
      ...sideFor(destination, f),
    }));
}

const ipv6Hosts = (hosts: readonly string[]) => ofFamily(hosts, 6).length > 0;

/** Named after their group, like the catalog's ids, so NSG rule names and Terraform addresses stay unique. */
const closingRules = (group: ProtectedGroup): RuleFields[] => [
  {
    name: `${group}-allow-azure-load-balancer`,
    priority: AZURE_LB_ALLOW_PRIORITY,
    access: 'Allow',
    protocol: '*',
    sourcePortRange: '*',
    destinationPortRange: '*',
    sourceAddressPrefix: 'AzureLoadBalancer',
    destinationAddressPrefix: '*',
    description: 'Load balancer health probes (the default rule 65001 would be shadowed by the deny-all below)',
  },
  {
    name: `${group}-deny-all-inbound`,
    priority: AZURE_DENY_ALL_PRIORITY,
    access: 'Deny',
    protocol: '*',
    sourcePortRange: '*',
    destinationPortRange: '*',
    sourceAddressPrefix: '*',
    destinationAddressPrefix: '*',
    description: 'Deny everything not allowed above (overrides the default AllowVnetInBound, 65000)',
  },
];

export function emitAzure(scope: Construct, plan: FirewallPlan): EmitResult {
  const { name, azure } = plan.config;
  const warnings = new Set<string>();
  const asgs = azure.sources === 'groups' ? applicationSecurityGroups(scope, plan) : undefined;
  const nsgIds = {} as Record<ProtectedGroup, string>;
  for (const group of PROTECTED_GROUPS) {
    const groupPlan = plan.groups[group];
    const nsg = new NetworkSecurityGroup(scope, group, {
      name: `${name}-${group}-nsg`,
      location: azure.location,
      resourceGroupName: azure.resourceGroupName,
      tags: { ...plan.config.tags, purpose: `SecureTransport ${GROUP_TITLES[group]}`, generator: 'st-firewall' },
    });
    nsgIds[group] = nsg.id;
    const rules = [...groupPlan.rules.flatMap((rule) => ruleFields(rule, groupPlan.hosts, asgs, (w) => warnings.add(w))), ...closingRules(group)];
    for (const fields of rules) {
      new NetworkSecurityRule(scope, tfName(fields.name), {
        ...fields,
        direction: 'Inbound',
        networkSecurityGroupName: nsg.name,
        resourceGroupName: azure.resourceGroupName,
      });
    }
  }
  const asgOutputs = asgs
    ? Object.fromEntries(
        HOST_GROUPS.map((group) => [
          `${tfName(HOST_SLUGS[group])}_application_security_group_id`,
          { value: asgs[group], description: `Application security group for the network interfaces of the ${group === 'adminHost' ? 'Administration host (SecureTransport admin traffic)' : `SecureTransport ${GROUP_TITLES[group]}`}` },
        ]),
      )
    : {};
  return {
    outputs: {
      edge_network_security_group_id: { value: nsgIds.edge, description: 'Network security group to associate with the SecureTransport Edge hosts (NICs or subnet)' },
      server_network_security_group_id: { value: nsgIds.server, description: 'Network security group to associate with the SecureTransport Server hosts (NICs or subnet)' },
      ...asgOutputs,
    },
    warnings: [...warnings],
  };
}

/** groups mode: one application security group per host group; hosts join by NIC. */
function applicationSecurityGroups(scope: Construct, plan: FirewallPlan): Record<HostGroup, string> {
  const { name, azure } = plan.config;
  return Object.fromEntries(
    HOST_GROUPS.map((group) => {
      const slug = HOST_SLUGS[group];
      const asg = new ApplicationSecurityGroup(scope, tfName(slug, 'asg'), {
        name: `${name}-${slug}-asg`,
        location: azure.location,
        resourceGroupName: azure.resourceGroupName,
        tags: { ...plan.config.tags, purpose: `SecureTransport ${GROUP_TITLES[group]}`, generator: 'st-firewall' },
      });
      return [group, asg.id];
    }),
  ) as Record<HostGroup, string>;
}
