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
import { fitText, tfName } from '../src/plan/naming';
import { FirewallPlan, PlannedRule, portText } from '../src/plan/plan';
import { HOST_GROUPS, HostGroup, PROTECTED_GROUPS, ProtectedGroup } from '../src/spec/rule';
import { EmitResult, GROUP_TITLES, HOST_SLUGS } from './emit-result';

export const AZURE_PROTOCOL = { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', all: '*' } as const;
export const AZURE_LB_ALLOW_PRIORITY = 4095;
export const AZURE_DENY_ALL_PRIORITY = 4096;
/** Azure limits a rule description to 140 characters. */
const DESCRIPTION_MAX = 140;

type RuleFields = Omit<NetworkSecurityRuleConfig, 'networkSecurityGroupName' | 'resourceGroupName' | 'direction'>;

/** In groups mode, the application security group of each host group; otherwise none. */
type Asgs = Readonly<Record<HostGroup, string>> | undefined;

/**
 * Allows are scoped to the group's hosts, as the vendor's "Destination" says (their CIDRs, or
 * their application security group); denies cover every destination.
 */
function ruleFields(rule: PlannedRule, hosts: readonly string[], asgs: Asgs): RuleFields {
  const { source: from } = rule;
  const source =
    from.kind === 'any'
      ? { sourceAddressPrefix: '*' }
      : asgs && from.group
        ? { sourceApplicationSecurityGroupIds: [asgs[from.group]] }
        : { sourceAddressPrefixes: [...from.cidrs] };
  const destination =
    rule.action !== 'allow'
      ? { destinationAddressPrefix: '*' }
      : asgs
        ? { destinationApplicationSecurityGroupIds: [asgs[rule.target]] }
        : { destinationAddressPrefixes: [...hosts] };
  return {
    name: rule.id,
    priority: rule.priority,
    access: rule.action === 'allow' ? 'Allow' : 'Deny',
    protocol: AZURE_PROTOCOL[rule.protocol],
    sourcePortRange: '*',
    destinationPortRange: portText(rule.ports),
    ...source,
    ...destination,
    description: fitText(rule.description, DESCRIPTION_MAX),
  };
}

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
  const asgs = azure.sources === 'groups' ? applicationSecurityGroups(scope, plan) : undefined;
  const nsgIds = {} as Record<ProtectedGroup, string>;
  for (const group of PROTECTED_GROUPS) {
    const groupPlan = plan.groups[group];
    const nsg = new NetworkSecurityGroup(scope, group, {
      name: `${name}-${group}-nsg`,
      location: azure.location,
      resourceGroupName: azure.resourceGroupName,
      tags: { purpose: `SecureTransport ${GROUP_TITLES[group]}`, generator: 'st-firewall' },
    });
    nsgIds[group] = nsg.id;
    const rules = [...groupPlan.rules.map((rule) => ruleFields(rule, groupPlan.hosts, asgs)), ...closingRules(group)];
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
          { value: asgs[group], description: `Application security group to add the ${GROUP_TITLES[group]}' network interfaces to` },
        ]),
      )
    : {};
  return {
    outputs: {
      edge_network_security_group_id: { value: nsgIds.edge, description: 'Network security group to associate with the SecureTransport Edge hosts (NICs or subnet)' },
      server_network_security_group_id: { value: nsgIds.server, description: 'Network security group to associate with the SecureTransport Server hosts (NICs or subnet)' },
      ...asgOutputs,
    },
    warnings: [],
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
        tags: { purpose: `SecureTransport ${GROUP_TITLES[group]}`, generator: 'st-firewall' },
      });
      return [group, asg.id];
    }),
  ) as Record<HostGroup, string>;
}
