/**
 * cdk.tf.json (what `cdktf synth` writes) -> the per-cloud model, and the Deployment a plan
 * implies: which native groups protect whom, by the emitters' names (providers/*.ts, not
 * imported: they load CDKTF; the names come from src/plan/naming.ts), and who is in each
 * native group (groups mode).
 */
import type { Cloud } from '../clouds';
import { ANY_IPV4, ANY_IPV6, Cidr, cidr } from '../net/cidr';
import { HOST_SLUGS, tfName } from '../plan/naming';
import type { FirewallPlan } from '../plan/plan';
import { HOST_GROUPS, PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';
import type { AwsModel } from '../model/aws';
import type { AzureModel } from '../model/azure';
import type { Deployment, GroupBinding, Membership } from '../model/common';
import { UnsupportedConstruct } from '../model/errors';
import type { GcpModel } from '../model/gcp';
import { awsModel } from './terraform-aws';
import { azureModel } from './terraform-azure';
import { RefResolver, TfBody, TfResource } from './terraform-common';
import { gcpModel } from './terraform-gcp';

/** A parsed cdk.tf.json (only `resource` is read). */
export interface TfJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TfBody>>>>;
  readonly [key: string]: unknown;
}

/** Every resource as { address, type, body }, sorted by address so verdicts are deterministic. */
export function tfResources(tf: TfJson): TfResource[] {
  return Object.keys(tf.resource ?? {})
    .sort()
    .flatMap((type) => {
      const byName = tf.resource?.[type] ?? {};
      return Object.keys(byName)
        .sort()
        .map((name) => ({ address: `${type}.${name}`, type, body: byName[name] }));
    });
}

/** "aws_security_group.edge" -> its type, name and body; throws when it is not in the JSON. */
export function resourceAt(tf: TfJson, address: string): { type: string; name: string; body: TfBody } {
  const match = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(address);
  if (!match) throw new Error(`"${address}" is not a resource address (type.name)`);
  const [, type, name] = match;
  const body = tf.resource?.[type]?.[name];
  if (!body) throw new Error(`${address} is not in this Terraform JSON`);
  return { type, name, body };
}

const REF = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z_][a-z0-9_]*)\}$/;

/**
 * cdk.tf.json references are `${type.name.attribute}`: the key is "type.name". A literal is its
 * own key (an "sg-..." id, an NSG name); data sources, variables, locals, modules and any other
 * expression cannot be resolved here.
 */
export const cdktfResolver: RefResolver = (value, site) => {
  if (typeof value !== 'string') return undefined;
  if (!value.includes('${')) return value;
  const match = REF.exec(value);
  if (!match || ['data', 'var', 'local', 'module'].includes(match[1])) return undefined;
  if (match[3] !== site.attribute) throw new UnsupportedConstruct(`${site.address}: ${site.field} references .${match[3]}, not .${site.attribute}`);
  return `${match[1]}.${match[2]}`;
};

export function cdktfModel(cloud: 'aws', tf: TfJson): AwsModel;
export function cdktfModel(cloud: 'azure', tf: TfJson): AzureModel;
export function cdktfModel(cloud: 'gcp', tf: TfJson): GcpModel;
export function cdktfModel(cloud: Cloud, tf: TfJson): AwsModel | AzureModel | GcpModel;
export function cdktfModel(cloud: Cloud, tf: TfJson): AwsModel | AzureModel | GcpModel {
  const resources = tfResources(tf);
  switch (cloud) {
    case 'aws':
      return awsModel(resources, cdktfResolver);
    case 'azure':
      return azureModel(resources, cdktfResolver);
    case 'gcp':
      return gcpModel(resources);
  }
}

/**
 * Who is in each native group (groups mode), as the emitters name them: the security groups,
 * application security groups, network tags and service accounts hold the config's hosts. The
 * load balancer's security group stands for "Any": traffic from anywhere arrives through it.
 */
export function planMembership(plan: FirewallPlan): Membership {
  const { config } = plan;
  const members = new Map<string, Cidr[]>();
  for (const group of HOST_GROUPS) {
    const hosts = config.hosts[group].map((text) => cidr(text));
    const [tag, address] = [HOST_SLUGS[group], tfName(HOST_SLUGS[group])];
    members.set(`aws_security_group.${address}`, hosts);
    members.set(`azurerm_application_security_group.${address}_asg`, hosts);
    members.set(`${config.name}-${tag}`, hosts);
    const account = config.gcp.serviceAccounts?.[group];
    if (account) members.set(account, hosts);
  }
  if (config.aws.adminHostSecurityGroupId) members.set(config.aws.adminHostSecurityGroupId, config.hosts.adminHost.map((text) => cidr(text)));
  // Traffic from Any arrives through the load balancer: of both families when IPv6 is on.
  if (config.aws.loadBalancerSecurityGroupId) members.set(config.aws.loadBalancerSecurityGroupId, [cidr(ANY_IPV4), ...(config.ipv6 ? [cidr(ANY_IPV6)] : [])]);
  return members;
}

/** Where each emitter puts a protected group: aws_security_group.<group>, azurerm_network_security_group.<group>, GCP tag `${name}-${group}`. */
export function planBinding(cloud: Cloud, plan: FirewallPlan, group: ProtectedGroup): GroupBinding {
  switch (cloud) {
    case 'aws':
      return { attached: [`aws_security_group.${group}`] };
    case 'azure':
      return { attached: [`azurerm_network_security_group.${group}`] };
    case 'gcp': {
      const account = plan.config.gcp.serviceAccounts?.[group];
      return { attached: [`${plan.config.name}-${HOST_SLUGS[group]}`], ...(account ? { serviceAccount: account } : {}), network: plan.config.gcp.network };
    }
  }
}

/** The model with the plan's bindings and membership. */
export function planDeployment<M>(cloud: Cloud, plan: FirewallPlan, model: M): Deployment<M> {
  const bindings = Object.fromEntries(PROTECTED_GROUPS.map((group) => [group, planBinding(cloud, plan, group)])) as Record<ProtectedGroup, GroupBinding>;
  return { model, bindings, membership: planMembership(plan) };
}
