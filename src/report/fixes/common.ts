/** What the per-cloud fixes share: the flow's CIDRs and ports in the form CLI flags take. */
import type { Flow } from '../../analysis/result';
import { flowPorts, flowSources } from '../flow-sets';
import { portText, spansToCidrs } from '../ranges';

/** The flow's sources as CIDRs (a flow may name "first-last" ranges). */
export const flowCidrs = (flow: Flow): string[] => spansToCidrs(flowSources(flow));

/** The flow's ports as "80", "40000-40100" items; empty for protocols without ports. */
export const flowPortTexts = (flow: Flow): string[] => (flow.protocol === 'tcp' || flow.protocol === 'udp' ? flowPorts(flow).map(portText) : []);

/** A shell word, quoted when it holds anything a shell would expand. */
export const sh = (text: string): string => (/^[A-Za-z0-9_./:=,@+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** "esp" -> 50, "proto 47" -> 47: IANA numbers for the protocols a Flow may name. */
export function protocolNumber(protocol: string): number | undefined {
  const named: Record<string, number> = { icmp: 1, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, icmpv6: 58, sctp: 132 };
  if (protocol in named) return named[protocol];
  const match = /^proto (\d+)$/.exec(protocol);
  return match ? Number(match[1]) : undefined;
}
