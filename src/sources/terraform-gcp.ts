/**
 * GCP Terraform resources -> GcpModel: `google_compute_firewall`, one small function per block.
 */
import type { IpProtocol, Range } from '../model/common';
import { InvalidTerraform, UnsupportedConstruct } from '../model/errors';
import type { GcpEntry, GcpFirewall, GcpModel } from '../model/gcp';
import { checkKeys, cidrAt, integerAt, ofType, portRangeText, present, stringAt, stringListAt, TfBody, TfResource } from './terraform-common';

const RULE_KEYS = [
  'name', 'project', 'network', 'description', 'priority', 'direction', 'disabled', 'allow', 'deny',
  'source_ranges', 'source_tags', 'source_service_accounts', 'target_tags', 'target_service_accounts',
  'destination_ranges', 'log_config', 'enable_logging',
  'id', 'self_link', 'creation_timestamp', // computed (plan and state JSON)
];
/** Named protocols GCP accepts, as IANA numbers ("gre" is not a name GCP knows: it is 47). */
export const GCP_PROTOCOLS: Readonly<Record<string, number>> = { icmp: 1, ipip: 4, tcp: 6, udp: 17, esp: 50, ah: 51, 'ipv6-icmp': 58, sctp: 132 };
const WITH_PORTS = ['tcp', 'udp', 'sctp', '6', '17', '132'];

/** One `allow` or `deny` entry. */
export function gcpEntry(address: string, field: string, raw: unknown): GcpEntry {
  if (typeof raw !== 'object' || raw === null) throw new UnsupportedConstruct(`${address}: ${field} entry ${JSON.stringify(raw)}`);
  const body = raw as TfBody;
  checkKeys(`${address} ${field}`, body, ['protocol', 'ports']);
  const text = stringAt(address, body, 'protocol');
  const protocol: IpProtocol | undefined = text === 'all' ? 'all' : GCP_PROTOCOLS[text] ?? (/^\d{1,3}$/.test(text) && Number(text) <= 255 ? Number(text) : undefined);
  if (protocol === undefined) throw new UnsupportedConstruct(`${address}: ${field} protocol "${text}" (GCP's are all, ${Object.keys(GCP_PROTOCOLS).join(', ')} or a number)`);
  if (!present(body, 'ports')) return { protocol, ports: null };
  // "ports only for tcp/udp (and sctp)".
  if (!WITH_PORTS.includes(text)) throw new InvalidTerraform(`${address}: ${field} protocol "${text}" takes no ports`);
  const ports: Range[] = stringListAt(address, body, 'ports').map((port) => portRangeText(address, `${field}.ports`, port));
  return { protocol, ports };
}

const list = (address: string, body: TfBody, key: string): string[] => (present(body, key) ? stringListAt(address, body, key) : []);

/** One google_compute_firewall. */
export function computeFirewall(resource: TfResource): GcpFirewall {
  const { address, body } = resource;
  checkKeys(address, body, RULE_KEYS);
  const network = stringAt(address, body, 'network');
  const direction = body.direction === undefined || body.direction === null ? 'INGRESS' : stringAt(address, body, 'direction');
  if (direction !== 'INGRESS' && direction !== 'EGRESS') throw new InvalidTerraform(`${address}: direction "${direction}"`);
  if (body.disabled !== undefined && body.disabled !== null && typeof body.disabled !== 'boolean') throw new UnsupportedConstruct(`${address}: disabled ${JSON.stringify(body.disabled)}`);
  const priority = body.priority === undefined || body.priority === null ? 1000 : integerAt(address, body, 'priority');
  if (priority < 0 || priority > 65535) throw new InvalidTerraform(`${address}: priority ${priority} is outside 0-65535`);
  // "One google_compute_firewall is either allow or deny, never both."
  const hasAllow = present(body, 'allow');
  if (hasAllow === present(body, 'deny')) throw new InvalidTerraform(`${address}: needs exactly one of allow, deny`);
  const action = hasAllow ? 'allow' : 'deny';
  const raw = body[action];
  if (!Array.isArray(raw)) throw new UnsupportedConstruct(`${address}: ${action} must be a list`);
  // "Service-account fields cannot be mixed with tag fields."
  const tags = present(body, 'target_tags') || present(body, 'source_tags');
  const accounts = present(body, 'target_service_accounts') || present(body, 'source_service_accounts');
  if (tags && accounts) throw new InvalidTerraform(`${address}: mixes network tags with service accounts`);
  // "IPv4 and IPv6 ranges cannot share one rule".
  const ranges = list(address, body, 'source_ranges');
  if (ranges.some((t) => t.includes(':')) && ranges.some((t) => !t.includes(':'))) throw new InvalidTerraform(`${address}: source_ranges mixes IPv4 and IPv6 (GCP takes one family per rule)`);
  const sourceTags = list(address, body, 'source_tags');
  const sourceServiceAccounts = list(address, body, 'source_service_accounts');
  // "Ingress rules need at least one of source_ranges, source_tags, source_service_accounts".
  if (direction === 'INGRESS' && ranges.length + sourceTags.length + sourceServiceAccounts.length === 0) {
    throw new InvalidTerraform(`${address}: an ingress rule without source_ranges, source_tags or source_service_accounts`);
  }
  const name = typeof body.name === 'string' && !body.name.includes('${') ? body.name : address;
  return {
    origin: { address, name },
    name,
    // A network is given by name or by URL ending in /networks/<name>.
    network: network.split('/').pop() as string,
    priority,
    direction,
    disabled: body.disabled === true,
    action,
    entries: raw.map((entry, i) => gcpEntry(address, `${action}[${i}]`, entry)),
    sourceRanges: ranges.map((text) => cidrAt(address, 'source_ranges', text)),
    sourceTags,
    sourceServiceAccounts,
    targetTags: list(address, body, 'target_tags'),
    targetServiceAccounts: list(address, body, 'target_service_accounts'),
    destinationRanges: list(address, body, 'destination_ranges').map((text) => cidrAt(address, 'destination_ranges', text)),
  };
}

export function gcpModel(resources: readonly TfResource[]): GcpModel {
  return { cloud: 'gcp', firewalls: ofType(resources, 'google_compute_firewall').map(computeFirewall) };
}
