/**
 * What a plan or state JSON does not say by itself: which security groups, NSGs or network tags
 * protect the Edge and Server hosts, and who is in each native group. Our stacks and modules
 * say it through their outputs (edge_security_group_id, edge_network_security_group_id,
 * edge_network_tags...: found at the root or in exactly one module call); hand-written
 * Terraform through flags (--edge-group, --server-group, --members). Neither: reported.
 */
import type { Cloud } from '../clouds';
import { cidr, Cidr } from '../net/cidr';
import type { FirewallPlan } from '../plan/plan';
import { HOST_GROUPS, HostGroup, PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';
import type { FirewallModel } from '../model/index';
import type { Deployment, GroupBinding } from '../model/common';
import { UnsupportedConstruct } from '../model/errors';
import { planMembership } from './cdktf-json';
import { OutputTarget, PlanJsonInput, splitAddress } from './plan-json';
import { awsModel } from './terraform-aws';
import { azureModel } from './terraform-azure';
import { gcpModel } from './terraform-gcp';

export interface PlanFlags {
  /** What protects each group: AWS security group or Azure NSG addresses, or GCP network tags. */
  readonly groups?: Partial<Record<ProtectedGroup, readonly string[]>>;
  /** Native groups and the host group they hold (a security group address or id, an ASG, a tag, a service account). */
  readonly members?: readonly { key: string; group: HostGroup }[];
}

/** The resource types each cloud's reader takes: a plan with none of them is not that cloud's. */
export const FIREWALL_TYPES: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
  azure: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  gcp: ['google_compute_firewall'],
};

/** The outputs of our stacks and modules that name what protects a group. */
const OUTPUTS: Readonly<Record<Cloud, (group: ProtectedGroup) => string>> = {
  aws: (group) => `${group}_security_group_id`,
  azure: (group) => `${group}_network_security_group_id`,
  gcp: (group) => `${group}_network_tags`,
};

export function modelOf(cloud: Cloud, input: PlanJsonInput): FirewallModel {
  switch (cloud) {
    case 'aws':
      return awsModel(input.resources, input.resolve);
    case 'azure':
      return azureModel(input.resources, input.resolve);
    case 'gcp':
      return gcpModel(input.resources);
  }
}

/** The output at the root, else in the one module call that has it: [module prefix, target]. */
function findOutput(input: PlanJsonInput, name: string): [string, OutputTarget] | undefined {
  const root = input.outputs.get(name);
  if (root && (root.resources.length > 0 || root.value !== undefined)) return ['', root];
  const inModules = [...input.outputs].filter(([key]) => key.endsWith(`.${name}`));
  if (inModules.length > 1) throw new UnsupportedConstruct(`outputs ${inModules.map(([k]) => k).join(', ')}: several module calls have ${name}; name the group with --edge-group/--server-group`);
  return inModules.length === 1 ? [inModules[0][0].slice(0, -name.length - 1), inModules[0][1]] : undefined;
}

function bindingFromOutput(cloud: Cloud, group: ProtectedGroup, input: PlanJsonInput, plan: FirewallPlan): { binding: GroupBinding; module: string } {
  const name = OUTPUTS[cloud](group);
  const found = findOutput(input, name);
  const flag = `--${group}-group`;
  if (!found) throw new UnsupportedConstruct(`no output ${name} says what protects the ${group} hosts: pass ${flag}`);
  const [module, target] = found;
  if (cloud === 'gcp') {
    const tags = target.value;
    if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === 'string')) throw new UnsupportedConstruct(`output ${name} is not a known list of network tags (${JSON.stringify(tags)}): pass ${flag}`);
    const account = findOutput(input, `${group}_service_account`)?.[1].value;
    return { binding: { attached: tags as string[], network: plan.config.gcp.network, ...(typeof account === 'string' ? { serviceAccount: account } : {}) }, module };
  }
  if (target.resources.length === 1) return { binding: { attached: target.resources }, module };
  if (typeof target.value === 'string') return { binding: { attached: [target.value] }, module };
  throw new UnsupportedConstruct(`output ${name} does not reference one resource: pass ${flag}`);
}

/** The model with its bindings and membership. */
export function planJsonDeployment(cloud: Cloud, input: PlanJsonInput, plan: FirewallPlan, flags: PlanFlags = {}): Deployment<FirewallModel> {
  const model = modelOf(cloud, input);
  const modules = new Set<string>();
  const bindings = {} as Record<ProtectedGroup, GroupBinding>;
  for (const group of PROTECTED_GROUPS) {
    const named = flags.groups?.[group];
    if (named && named.length > 0) {
      bindings[group] = cloud === 'gcp' ? { attached: named, network: plan.config.gcp.network } : { attached: named };
    }
    else {
      const { binding, module } = bindingFromOutput(cloud, group, input, plan);
      bindings[group] = binding;
      modules.add(module);
    }
    // The module instance the protecting group sits in holds the other groups our names refer to.
    if (cloud !== 'gcp') for (const address of bindings[group].attached) modules.add(splitAddress(address).module);
  }
  if (cloud !== 'gcp') {
    const known = new Set(cloud === 'aws' ? input.resources.filter((r) => r.type === 'aws_security_group').map((r) => r.address) : input.resources.filter((r) => r.type === 'azurerm_network_security_group').map((r) => r.address));
    for (const group of PROTECTED_GROUPS) {
      for (const key of bindings[group].attached) if (!known.has(key) && !key.startsWith('sg-')) throw new UnsupportedConstruct(`--${group}-group ${key}: no such ${cloud === 'aws' ? 'aws_security_group' : 'azurerm_network_security_group'} in the plan`);
    }
  }
  // Our names (planMembership), in every module the outputs came from; then what protects each
  // group holds its hosts (a rule from that security group or tag comes from them); then the flags.
  const members = new Map<string, Cidr[]>();
  const add = (key: string, hosts: readonly Cidr[]) => members.set(key, [...(members.get(key) ?? []), ...hosts]);
  for (const [key, hosts] of planMembership(plan)) {
    add(key, hosts);
    for (const module of modules) if (module && /^[a-z]+_[a-z_]+\./.test(key)) add(`${module}.${key}`, hosts);
  }
  // A counted group of ours (modules/aws-groups' admin_host, count 0 or 1) is the same group at its instance address.
  for (const { address } of input.resources) {
    const base = address.replace(/\[\d+\]$/, '');
    if (base !== address && members.has(base) && !members.has(address)) members.set(address, members.get(base)!);
  }
  const hostsOf = (group: HostGroup) => plan.config.hosts[group].map((text) => cidr(text));
  for (const group of PROTECTED_GROUPS) for (const key of bindings[group].attached) if (!members.has(key)) add(key, hostsOf(group));
  for (const { key, group } of flags.members ?? []) {
    if (!(HOST_GROUPS as readonly string[]).includes(group)) throw new Error(`--members ${key}=${group}: the group must be one of ${HOST_GROUPS.join(', ')}`);
    members.set(key, hostsOf(group));
  }
  return { model, bindings, membership: members };
}
