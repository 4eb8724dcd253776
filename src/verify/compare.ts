/**
 * Probe by probe: what a cloud's synthesized Terraform lets in (src/verify/evaluate.ts, over the
 * analysis' evaluators) next to what the plan expects (src/analysis/spec.ts: AWS after
 * allowOnly(), Azure with the load balancer exception and no ICMPv6, GCP the plan). verify
 * itself compares every packet (src/analysis/); this is what the probe tests and the access
 * matrix ask one packet at a time. The 'AzureLoadBalancer' probe is skipped on AWS and GCP.
 */
import { cidr, Family, familyOf } from '../net/cidr';
import type { FirewallPlan } from '../plan/plan';
import type { Cloud } from '../clouds';
import { ProtectedGroup } from '../spec/rule';
import { expectedPolicy } from '../analysis/spec';
import { decide } from '../analysis/space';
import { planBinding, planMembership, TfJson } from '../sources/cdktf-json';
import { awsEvaluator, azureEvaluator, gcpEvaluator, probePacket } from './evaluate';
import { AZURE_LOAD_BALANCER, describeProbe, Probe, Verdict } from './probe';
import { cidrEnds } from './probes';

export { AZURE_LB_EXCEPTION } from '../analysis/spec';
export { planMembership as groupMembership } from '../sources/cdktf-json';

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

/** The first address of the group's first CIDR of a family: the host probes are sent to. */
export function firstHost(plan: FirewallPlan, group: ProtectedGroup, family: Family = 4): string | undefined {
  const text = plan.groups[group].hosts.find((h) => familyOf(h) === family);
  return text === undefined ? undefined : cidrEnds(cidr(text))[0];
}

/** The cloud's verdict per probe, the group bound as the emitters name it (src/sources/cdktf-json.ts). */
export function cloudEvaluator(cloud: Cloud, tf: TfJson, plan: FirewallPlan, group: ProtectedGroup, ctx: CompareContext): (probe: Probe) => Verdict {
  const membership = planMembership(plan);
  const binding = planBinding(cloud, plan, group);
  switch (cloud) {
    case 'aws':
      return awsEvaluator(tf, binding.attached[0], membership);
    case 'azure': {
      // A packet has one family end to end: an IPv6 probe goes to the group's IPv6 host.
      const byFamily = new Map<Family, (probe: Probe) => Verdict>();
      for (const family of [4, 6] as Family[]) {
        const destination = firstHost(plan, group, family);
        if (destination) byFamily.set(family, azureEvaluator(tf, binding.attached[0], { vnetCidrs: ctx.vnetCidrs, destination, membership }));
      }
      return (probe) => {
        const evaluate = byFamily.get(probe.source === AZURE_LOAD_BALANCER ? 4 : familyOf(probe.source));
        if (!evaluate) throw new Error(`azure ${group}: no host of the probe's family to send it to (${probe.source})`);
        return evaluate(probe);
      };
    }
    case 'gcp':
      return gcpEvaluator(tf, binding.attached[0], { network: binding.network as string, targetServiceAccount: binding.serviceAccount, membership, destination: firstHost(plan, group, 4) });
  }
}

/** What the cloud should answer for the probe, or undefined when the probe does not apply to it. */
export function expectedEvaluator(cloud: Cloud, plan: FirewallPlan, group: ProtectedGroup): (probe: Probe) => Verdict | undefined {
  const policy = expectedPolicy(cloud, plan.groups[group]);
  const families = new Set(plan.groups[group].hosts.map(familyOf));
  return (probe) => {
    if (cloud !== 'azure' && probe.source === AZURE_LOAD_BALANCER) return undefined;
    // Azure rules name destinations: a probe of a family the group has no host of goes nowhere
    // (the load balancer's probes come from 168.63.129.16, IPv4).
    if (cloud === 'azure' && !families.has(probe.source === AZURE_LOAD_BALANCER ? 4 : familyOf(probe.source))) return undefined;
    const { allowed, rule } = decide(policy, probePacket(probe)).decision;
    return { allowed, rule };
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
