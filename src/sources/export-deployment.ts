/**
 * What a CLI export cannot tell, from the command line and the config: which of the exported
 * groups protect the Edges and the Servers (bindings), and who is in each native group the rules
 * name (membership: the config's host addresses). Names default to st-firewall's own for the
 * config's `name` (providers/*.ts, via src/plan/naming.ts), so a deployment made by `synth`
 * audits without flags. Nothing is guessed: a name that is not in the export is an error.
 */
import { ConfigError } from '../config/load';
import type { Cloud } from '../clouds';
import { ANY_IPV4, ANY_IPV6, Cidr, cidr } from '../net/cidr';
import type { Deployment, FirewallModel, GroupBinding } from '../model';
import type { AwsModel } from '../model/aws';
import type { AzureModel } from '../model/azure';
import type { GcpModel } from '../model/gcp';
import { HOST_SLUGS } from '../plan/naming';
import type { FirewallPlan } from '../plan/plan';
import { HOST_GROUPS, HostGroup, PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';
import { resolveAwsGroup } from './aws-export';
import { azureIdName, resolveAzureAsg, resolveAzureNsg } from './azure-export';

/** The command line's names per host group (undefined: st-firewall's default). */
export interface ExportNames {
  /** --edge/--server/--admin-host: AWS security groups (ids or names), Azure NSG names, GCP network tags. */
  readonly groups: Partial<Record<HostGroup, readonly string[]>>;
  /** --*-asg: Azure application security groups (names or ids). */
  readonly asgs: Partial<Record<HostGroup, readonly string[]>>;
  /** --*-sa: GCP service accounts. */
  readonly serviceAccounts: Partial<Record<HostGroup, readonly string[]>>;
  /** --network: the GCP network (default: the config's gcp.network). */
  readonly network?: string;
}

export interface ExportDeployment {
  readonly deployment: Deployment<FirewallModel>;
  /** What was audited per host group, for the report: "mft-dmz-edge (sg-0e1d...)". */
  readonly labels: Record<HostGroup, string[]>;
  readonly network?: string;
}

const FLAGS: Readonly<Record<HostGroup, string>> = { edge: '--edge', server: '--server', adminHost: '--admin-host' };

function hostsOf(plan: FirewallPlan, group: HostGroup): Cidr[] {
  return plan.config.hosts[group].map((text) => cidr(text));
}

/** Adds a group's hosts to a native group's members (one security group may serve two host groups). */
function addMembers(members: Map<string, Cidr[]>, key: string, hosts: readonly Cidr[]): void {
  const known = members.get(key) ?? [];
  members.set(key, [...known, ...hosts.filter((h) => !known.some((k) => k.text === h.text))]);
}

function awsDeployment(model: AwsModel, plan: FirewallPlan, names: ExportNames): ExportDeployment {
  const { name, aws } = plan.config;
  const members = new Map<string, Cidr[]>();
  const labels = { edge: [], server: [], adminHost: [] } as Record<HostGroup, string[]>;
  const bindings = {} as Record<ProtectedGroup, GroupBinding>;
  for (const group of HOST_GROUPS) {
    const given = names.groups[group];
    const defaults = group === 'adminHost' && aws.adminHostSecurityGroupId ? [aws.adminHostSecurityGroupId] : [`${name}-${HOST_SLUGS[group]}`];
    const wanted = given ?? defaults;
    // The Administration host's group is optional (it matters only when rules reference it).
    const keys = group === 'adminHost' && !given ? wanted.filter((text) => model.groups.some((g) => g.id === text || g.origin.name === text)).map((text) => resolveAwsGroup(model, text, FLAGS[group])) : wanted.map((text) => resolveAwsGroup(model, text, `${FLAGS[group]}${given ? '' : ` (default ${defaults.join(',')})`}`));
    for (const key of keys) {
      addMembers(members, key, hostsOf(plan, group));
      const sg = model.groups.find((g) => g.key === key)!;
      labels[group].push(sg.origin.name ? `${sg.origin.name} (${sg.id})` : key);
    }
    if (group !== 'adminHost') bindings[group] = { attached: keys };
  }
  // Traffic from Any arrives through the load balancer's group (config aws.loadBalancerSecurityGroupId).
  if (aws.loadBalancerSecurityGroupId) members.set(aws.loadBalancerSecurityGroupId, [cidr(ANY_IPV4), ...(plan.config.ipv6 ? [cidr(ANY_IPV6)] : [])]);
  return { deployment: { model, bindings, membership: members }, labels };
}

function azureDeployment(model: AzureModel, plan: FirewallPlan, names: ExportNames): ExportDeployment {
  const { name } = plan.config;
  const members = new Map<string, Cidr[]>();
  const labels = { edge: [], server: [], adminHost: [] } as Record<HostGroup, string[]>;
  const bindings = {} as Record<ProtectedGroup, GroupBinding>;
  for (const group of PROTECTED_GROUPS) {
    const given = names.groups[group];
    const wanted = given ?? [`${name}-${HOST_SLUGS[group]}-nsg`];
    const keys = wanted.map((text) => resolveAzureNsg(model, text, `${FLAGS[group]}${given ? '' : ` (default ${wanted.join(',')})`}`));
    bindings[group] = { attached: keys };
    labels[group].push(...keys.map((key) => model.nsgs.find((n) => n.key === key)!.name));
  }
  if (names.groups.adminHost) throw new ConfigError([{ path: '', message: 'on Azure the Administration host is named by --admin-host-asg (application security groups) or by its addresses; NSGs protect the Edges and Servers only' }], '--admin-host');
  for (const group of HOST_GROUPS) {
    const asgs = names.asgs[group] ?? [`${name}-${HOST_SLUGS[group]}-asg`];
    for (const asg of asgs) {
      const ids = resolveAzureAsg(model, asg);
      for (const id of ids) addMembers(members, id, hostsOf(plan, group));
      if (ids.length > 0) labels[group].push(`ASG ${azureIdName(ids[0])}`);
    }
  }
  return { deployment: { model, bindings, membership: members }, labels };
}

function gcpDeployment(model: GcpModel, plan: FirewallPlan, names: ExportNames): ExportDeployment {
  const { name, gcp } = plan.config;
  const network = names.network ?? gcp.network;
  if (!model.firewalls.some((f) => f.network === network)) {
    const networks = [...new Set(model.firewalls.map((f) => f.network))].join(', ') || 'none';
    throw new ConfigError([{ path: '', message: `no firewall rule of network "${network}" in the export (networks: ${networks})`, value: network }], names.network ? '--network' : '--network (default gcp.network)');
  }
  const members = new Map<string, Cidr[]>();
  const labels = { edge: [], server: [], adminHost: [] } as Record<HostGroup, string[]>;
  const bindings = {} as Record<ProtectedGroup, GroupBinding>;
  for (const group of HOST_GROUPS) {
    const tags = names.groups[group] ?? [`${name}-${HOST_SLUGS[group]}`];
    const accounts = names.serviceAccounts[group] ?? (gcp.serviceAccounts?.[group] ? [gcp.serviceAccounts[group]] : []);
    if (accounts.length > 1 && group !== 'adminHost') throw new ConfigError([{ path: '', message: 'an instance runs as one service account: give one email', value: accounts.join(',') }], `--${HOST_SLUGS[group]}-sa`);
    for (const tag of tags) addMembers(members, tag, hostsOf(plan, group));
    for (const account of accounts) addMembers(members, account, hostsOf(plan, group));
    labels[group].push(...tags.map((t) => `tag ${t}`), ...accounts.map((a) => `service account ${a}`));
    if (group !== 'adminHost') bindings[group] = { attached: tags, ...(accounts[0] ? { serviceAccount: accounts[0] } : {}), network };
  }
  return { deployment: { model, bindings, membership: members }, labels, network };
}

export function exportDeployment(cloud: Cloud, model: FirewallModel, plan: FirewallPlan, names: ExportNames): ExportDeployment {
  if (model.cloud !== cloud) throw new Error(`exportDeployment: a ${model.cloud} model for ${cloud}`);
  switch (model.cloud) {
    case 'aws':
      return awsDeployment(model, plan, names);
    case 'azure':
      return azureDeployment(model, plan, names);
    case 'gcp':
      return gcpDeployment(model, plan, names);
  }
}
