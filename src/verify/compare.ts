/**
 * Compares what a cloud's synthesized Terraform lets in with what the plan says, probe by probe.
 * What the plan "says" per cloud:
 * - AWS: the plan after allowOnly() (security groups cannot express deny);
 * - Azure: the plan, except that the 'AzureLoadBalancer' probe is let in when no planned rule
 *   decides it (the emitter allows AzureLoadBalancer just before its own deny-all, so health
 *   probes keep working as they did under the default rule 65001);
 * - GCP: the plan.
 * The 'AzureLoadBalancer' probe is skipped on AWS and GCP, which have no such source.
 */
import { ANY_IPV4, ANY_IPV6, Cidr, cidr, Family, familyOf } from '../net/cidr';
import { allowOnly } from '../plan/allow-only';
import type { FirewallPlan } from '../plan/plan';
import type { Cloud } from '../clouds';
import { HOST_SLUGS, tfName } from '../plan/naming';
import { HOST_GROUPS, ProtectedGroup } from '../spec/rule';
import { awsEvaluator } from './aws';
import { azureEvaluator } from './azure';
import { gcpEvaluator } from './gcp';
import { AZURE_LOAD_BALANCER, describeProbe, Probe, Verdict } from './probe';
import { cidrEnds } from './probes';
import { SPEC_DEFAULT_DENY, specEvaluator } from './spec';
import { Membership, TfJson } from './tfjson';

export interface CompareContext {
  /** Azure: the address space of the VirtualNetwork tag. */
  readonly vnetCidrs: readonly string[];
}

export interface Mismatch {
  readonly cloud: Cloud;
  readonly group: ProtectedGroup;
  readonly probe: Probe;
  readonly expected: Verdict;
  readonly got: Verdict;
}

/** Expected verdict label for the Azure health-probe exception. */
export const AZURE_LB_EXCEPTION = 'azure-emitter:allow-azure-load-balancer';

/** The first address of the group's first CIDR of a family: the host Azure's destination prefixes are probed with. */
export function firstHost(plan: FirewallPlan, group: ProtectedGroup, family: Family = 4): string | undefined {
  const text = plan.groups[group].hosts.find((h) => familyOf(h) === family);
  return text === undefined ? undefined : cidrEnds(cidr(text))[0];
}

/**
 * Where each emitter puts a group, by the naming conventions of providers/*.ts (not imported:
 * they load CDKTF): aws_security_group.<group>, azurerm_network_security_group.<group>, and the
 * GCP network tag `${name}-${group}`.
 */
export function cloudEvaluator(cloud: Cloud, tf: TfJson, plan: FirewallPlan, group: ProtectedGroup, ctx: CompareContext): (probe: Probe) => Verdict {
  const membership = groupMembership(plan);
  switch (cloud) {
    case 'aws':
      return awsEvaluator(tf, `aws_security_group.${group}`, membership);
    case 'azure': {
      // A packet has one family end to end: an IPv6 probe goes to the group's IPv6 host.
      const byFamily = new Map<Family, (probe: Probe) => Verdict>();
      for (const family of [4, 6] as Family[]) {
        const destination = firstHost(plan, group, family);
        if (destination) byFamily.set(family, azureEvaluator(tf, `azurerm_network_security_group.${group}`, { vnetCidrs: ctx.vnetCidrs, destination, membership }));
      }
      return (probe) => {
        const evaluate = byFamily.get(familyOf(probe.source));
        if (!evaluate) throw new Error(`azure ${group}: no host of the probe's family to send it to (${probe.source})`);
        return evaluate(probe);
      };
    }
    case 'gcp':
      return gcpEvaluator(tf, `${plan.config.name}-${group}`, { network: plan.config.gcp.network, targetServiceAccount: plan.config.gcp.serviceAccounts?.[group], membership });
  }
}

/**
 * Who is in each native group (groups mode), as the emitters name them: the security groups,
 * application security groups, network tags and service accounts hold the config's hosts. The
 * load balancer's security group stands for "Any": traffic from anywhere arrives through it.
 */
export function groupMembership(plan: FirewallPlan): Membership {
  const { config } = plan;
  const members = new Map<string, Cidr[]>();
  for (const group of HOST_GROUPS) {
    const hosts = config.hosts[group].map((text) => cidr(text));
    // Named as the emitters name them (providers/ load CDKTF, so the names are shared from src/plan/naming.ts).
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

/** What the cloud should answer for the probe, or undefined when the probe does not apply to it. */
export function expectedEvaluator(cloud: Cloud, plan: FirewallPlan, group: ProtectedGroup): (probe: Probe) => Verdict | undefined {
  const groupPlan = plan.groups[group];
  if (cloud === 'aws') {
    const spec = specEvaluator({ ...groupPlan, rules: allowOnly(groupPlan, 'aws').rules });
    return (probe) => (probe.source === AZURE_LOAD_BALANCER ? undefined : spec(probe));
  }
  const spec = specEvaluator(groupPlan);
  if (cloud === 'gcp') return (probe) => (probe.source === AZURE_LOAD_BALANCER ? undefined : spec(probe));
  // Azure has no ICMPv6 protocol: the emitter leaves the IPv6 half of ICMP rules out.
  const withoutIcmp = specEvaluator({ ...groupPlan, rules: groupPlan.rules.filter((rule) => rule.protocol !== 'icmp') });
  const families = new Set(groupPlan.hosts.map(familyOf));
  return (probe) => {
    // Azure rules name destinations: a probe of a family the group has no host of goes nowhere
    // (the load balancer's probes come from 168.63.129.16, IPv4).
    if (!families.has(probe.source === AZURE_LOAD_BALANCER ? 4 : familyOf(probe.source))) return undefined;
    const verdict = probe.protocol === 'icmpv6' ? withoutIcmp(probe) : spec(probe);
    return probe.source === AZURE_LOAD_BALANCER && verdict.rule === SPEC_DEFAULT_DENY ? { allowed: true, rule: AZURE_LB_EXCEPTION } : verdict;
  };
}

/** Every probe of one group on one cloud: how many were compared, and where `allowed` differs. */
export function compareGroup(cloud: Cloud, tf: TfJson, plan: FirewallPlan, group: ProtectedGroup, probes: readonly Probe[], ctx: CompareContext): { compared: number; mismatches: Mismatch[] } {
  const actual = cloudEvaluator(cloud, tf, plan, group, ctx);
  const expected = expectedEvaluator(cloud, plan, group);
  const mismatches: Mismatch[] = [];
  let compared = 0;
  for (const probe of probes) {
    const want = expected(probe);
    if (!want) continue;
    compared += 1;
    const got = actual(probe);
    if (got.allowed !== want.allowed) mismatches.push({ cloud, group, probe, expected: want, got });
  }
  return { compared, mismatches };
}

const verb = (allowed: boolean) => (allowed ? 'allow' : 'deny');

/** One line a reviewer can act on. */
export function formatMismatch({ cloud, group, probe, expected, got }: Mismatch): string {
  return `${cloud} ${group}: ${describeProbe(probe)}: expected ${verb(expected.allowed)} (${expected.rule}), got ${verb(got.allowed)} (${got.rule})`;
}
