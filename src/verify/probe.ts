/**
 * What the evaluators answer: is this packet, arriving at a protected host, let in, and which
 * rule decided it. The evaluators read parsed Terraform JSON only; nothing here touches CDKTF.
 */
import { Address, parseAddress } from '../net/cidr';

export type ProbeProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'esp' | 'ah' | 'gre';

/** The one source that is not an address: Azure's health probes, named by their service tag. */
export const AZURE_LOAD_BALANCER = 'AzureLoadBalancer';
/**
 * The AzureLoadBalancer tag "translates to the virtual IP address of the host, 168.63.129.16,
 * where Azure health probes originate" (Azure service tags): a CIDR rule holding it matches them.
 */
export const AZURE_LOAD_BALANCER_IP: Address = parseAddress('168.63.129.16')!;

export interface Probe {
  /** An IPv4 address such as "10.0.2.10", or the special 'AzureLoadBalancer' (Azure only). */
  readonly source: string;
  readonly protocol: ProbeProtocol;
  /** tcp/udp only: the destination port. */
  readonly port?: number;
}

export interface Verdict {
  readonly allowed: boolean;
  /**
   * The deciding rule: a Terraform address ("azurerm_network_security_rule.edge_http"), a plan
   * rule id, or a named default ("azure:DenyAllInBound(65500)", "aws:default-deny").
   */
  readonly rule: string;
}

/** One pair of error classes for readers, analysis and these probes: "cannot give a verdict" is one catch. */
export { InvalidTerraform, UnsupportedConstruct } from '../model/errors';

/** IANA protocol numbers: AWS and GCP accept these in place of names. */
export const PROTOCOL_NUMBER: Readonly<Record<ProbeProtocol, number>> = { icmp: 1, tcp: 6, gre: 47, esp: 50, ah: 51, udp: 17, icmpv6: 58 };

/** The probe's source as an unsigned 32-bit address, or 'lb' for AzureLoadBalancer. Validates the probe. */
export function probeSource(probe: Probe): Address | 'lb' {
  const { protocol, port } = probe;
  if (!(protocol in PROTOCOL_NUMBER)) throw new Error(`probe: unknown protocol ${JSON.stringify(protocol)}`);
  if (protocol === 'tcp' || protocol === 'udp') {
    if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`probe: ${protocol} needs a port 0-65535 (got ${port})`);
  } else if (port !== undefined) {
    throw new Error(`probe: ${protocol} takes no port (got ${port})`);
  }
  if (probe.source === AZURE_LOAD_BALANCER) return 'lb';
  const address = parseAddress(probe.source);
  if (!address) throw new Error(`probe: source ${JSON.stringify(probe.source)} is neither an IP address nor '${AZURE_LOAD_BALANCER}'`);
  // ICMP is ICMPv4's, ICMPv6 is IPv6's: a probe that mixes them is a mistake.
  if ((protocol === 'icmp' && address.family === 6) || (protocol === 'icmpv6' && address.family === 4)) throw new Error(`probe: ${protocol} from ${probe.source}`);
  return address;
}

/** "tcp/8089 from 10.0.2.10", for messages. */
export function describeProbe(probe: Probe): string {
  return `${probe.protocol}${probe.port === undefined ? '' : `/${probe.port}`} from ${probe.source}`;
}
