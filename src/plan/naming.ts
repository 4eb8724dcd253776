/** Names derived from rule ids and CIDRs, shared by the emitters so addresses stay predictable. */
import { HostGroup } from '../spec/rule';

/** Host groups in cloud names and Terraform addresses: edge, server, admin-host (admin_host). */
export const HOST_SLUGS: Readonly<Record<HostGroup, string>> = { edge: 'edge', server: 'server', adminHost: 'admin-host' };

/** A Terraform resource name: "edge-http" -> "edge_http"; "10.0.2.10/32" -> "10_0_2_10_32". */
export function tfName(...parts: string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9]+/g, '_')).join('_');
}

/** Cuts text to a cloud's length limit, marking the cut, so a long vendor description still fits. */
export function fitText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/**
 * The same for a limit in bytes of UTF-8 (Azure's provider checks descriptions with Go's `len`):
 * cut between code points, never inside one, so the result is valid UTF-8 and at most `max` bytes.
 */
export function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let kept = '';
  let bytes = 3; // the "..." marking the cut
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > max) break;
    kept += char;
    bytes += size;
  }
  return `${kept}...`;
}

/** The AWS tag that ties a rule resource back to its plan rule (one rule, one resource per source CIDR). */
export const RULE_TAG = 'st-firewall:rule';

/** Azure's protocol names (case-sensitive) for the plan's protocols. */
export const AZURE_PROTOCOL = { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', all: '*' } as const;
