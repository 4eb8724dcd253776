/**
 * One probe (a single packet) against one cloud's stack, through the same reader and evaluator
 * the exhaustive verify uses (src/sources/, src/analysis/): what the probe tests and the
 * access matrix ask, one packet at a time.
 */
import { cidr, familyOf, parseAddress } from '../net/cidr';
import type { AwsModel } from '../model/aws';
import type { AzureModel } from '../model/azure';
import type { Deployment, GroupBinding, Membership } from '../model/common';
import type { GcpModel } from '../model/gcp';
import { awsEgressGaps, awsPolicy } from '../analysis/aws';
import { azurePolicies } from '../analysis/azure';
import { gcpPolicy } from '../analysis/gcp';
import { decide, decideAll, Packet, Policy } from '../analysis/space';
import { cdktfModel, TfJson } from '../sources/cdktf-json';
import { AZURE_LOAD_BALANCER, AZURE_LOAD_BALANCER_IP, Probe, probeSource, PROTOCOL_NUMBER, Verdict } from './probe';

export { AWS_DEFAULT_DENY } from '../analysis/aws';
export { AZURE_DEFAULTS } from '../analysis/azure';
export { GCP_IMPLIED_DENY } from '../analysis/gcp';

/** The probe as a packet to `destination` (an address of the probe's family; 0 when nothing depends on it). */
export function probePacket(probe: Probe, destination?: string): Packet {
  const source = probeSource(probe);
  const address = source === 'lb' ? AZURE_LOAD_BALANCER_IP : source;
  const to = destination === undefined ? undefined : parseAddress(destination);
  return { family: address.family, source: address.value, protocol: PROTOCOL_NUMBER[probe.protocol], port: probe.port, destination: to?.value ?? 0n };
}

const verdict = (policies: readonly Policy[], packet: Packet): Verdict => {
  const { allowed, rule } = policies.length === 1 ? decide(policies[0], packet).decision : decideAll(policies, packet);
  return { allowed, rule };
};

/** Both protected groups bound alike: the probe functions name one native group. */
const bound = <M>(model: M, binding: GroupBinding, membership: Membership | undefined): Deployment<M> => ({ model, bindings: { edge: binding, server: binding }, membership: membership ?? new Map() });

function notAzure(cloud: string, probe: Probe): void {
  if (probe.source === AZURE_LOAD_BALANCER) throw new Error(`${cloud}: the '${probe.source}' probe is Azure's; ${cloud.toUpperCase()} has no such source`);
}

/** Compiles the security group once; the returned function judges probes. */
export function awsEvaluator(tf: TfJson, sgAddress: string, membership?: Membership): (probe: Probe) => Verdict {
  const policy = awsPolicy(bound(cdktfModel('aws', tf), { attached: [sgAddress] }, membership), 'edge');
  return (probe) => {
    notAzure('aws', probe);
    return verdict([policy], probePacket(probe));
  };
}

export function evaluateAws(tf: TfJson, sgAddress: string, probe: Probe, membership?: Membership): Verdict {
  return awsEvaluator(tf, sgAddress, membership)(probe);
}

/** True when the group's egress allows every protocol to all of 0.0.0.0/0 (Terraform removed AWS's own). */
export function awsEgressOpen(tf: TfJson, sgAddress: string): boolean {
  return awsEgressGaps(bound<AwsModel>(cdktfModel('aws', tf), { attached: [sgAddress] }, undefined), 'edge', [4]).length === 0;
}

export interface AzureContext {
  readonly vnetCidrs: readonly string[];
  /** The protected host the probe is sent to. */
  readonly destination: string;
  readonly membership?: Membership;
}

export function azureEvaluator(tf: TfJson, nsgAddress: string, ctx: AzureContext): (probe: Probe) => Verdict {
  const policies = azurePolicies(bound<AzureModel>(cdktfModel('azure', tf), { attached: [nsgAddress] }, ctx.membership), 'edge', ctx.vnetCidrs.map((text) => cidr(text)));
  return (probe) => verdict(policies, probePacket(probe, ctx.destination));
}

export function evaluateAzure(tf: TfJson, nsgAddress: string, probe: Probe, ctx: AzureContext): Verdict {
  return azureEvaluator(tf, nsgAddress, ctx)(probe);
}

export interface GcpContext {
  readonly network: string;
  readonly targetServiceAccount?: string;
  readonly membership?: Membership;
  /** The instance the probe is sent to, for rules with destination_ranges. */
  readonly destination?: string;
}

export function gcpEvaluator(tf: TfJson, targetTag: string, ctx: GcpContext): (probe: Probe) => Verdict {
  const binding: GroupBinding = { attached: [targetTag], network: ctx.network, ...(ctx.targetServiceAccount ? { serviceAccount: ctx.targetServiceAccount } : {}) };
  const policy = gcpPolicy(bound<GcpModel>(cdktfModel('gcp', tf), binding, ctx.membership), 'edge');
  return (probe) => {
    notAzure('gcp', probe);
    const destination = ctx.destination !== undefined && familyOf(ctx.destination) === familyOf(probe.source) ? ctx.destination : undefined;
    return verdict([policy], probePacket(probe, destination));
  };
}

export function evaluateGcp(tf: TfJson, targetTag: string, probe: Probe, ctx: GcpContext): Verdict {
  return gcpEvaluator(tf, targetTag, ctx)(probe);
}
