/**
 * GCP CLI export into the GCP model: `gcloud compute firewall-rules list --format=json`, an array
 * of Compute Engine Firewall resources as the API returns them (REST reference, Firewall:
 * https://cloud.google.com/compute/docs/reference/rest/v1/firewalls; gcloud prints the resource's
 * fields unchanged with --format=json): `name`, `network` (a URL,
 * ".../projects/P/global/networks/N"), `priority` (0-65535, default 1000), `direction` (INGRESS or
 * EGRESS, default INGRESS), `disabled`, `allowed` or `denied`: [{ IPProtocol, ports: ["22",
 * "8000-8080"] }] (IPProtocol a name: tcp, udp, icmp, esp, ah, sctp, ipip, all, or a number),
 * `sourceRanges`, `sourceTags`, `sourceServiceAccounts`, `targetTags`, `targetServiceAccounts`,
 * `destinationRanges`, `selfLink`. `gcloud compute firewall-rules describe NAME --format=json`
 * prints one such object; it is read too.
 */
import { ConfigError } from '../config/load';
import { IANA, IpProtocol, Range } from '../model/common';
import type { GcpEntry, GcpFirewall, GcpModel } from '../model/gcp';
import { describeTopLevel, ExportFile, Field } from './export-json';

const NAMED: Readonly<Record<string, IpProtocol>> = { all: 'all', tcp: IANA.tcp, udp: IANA.udp, icmp: IANA.icmp, esp: IANA.esp, ah: IANA.ah, sctp: IANA.sctp, ipip: 4 };
const WITH_PORTS = new Set<IpProtocol>([IANA.tcp, IANA.udp, IANA.sctp]);

function entry(item: Field): GcpEntry {
  const field = item.get('IPProtocol');
  const text = field.string().toLowerCase();
  const protocol = text in NAMED ? NAMED[text] : /^\d{1,3}$/.test(text) && Number(text) <= 255 ? Number(text) : field.fail('expected tcp, udp, icmp, esp, ah, sctp, ipip, all or an IP protocol number');
  const portFields = item.get('ports').optionalItems();
  if (portFields.length > 0 && !WITH_PORTS.has(protocol)) item.get('ports').fail(`ports apply to tcp, udp and sctp only (IPProtocol is "${field.value as string}")`);
  const ports: Range[] | null = portFields.length > 0 ? portFields.map((p) => p.portRange()) : null;
  return { protocol, ports };
}

/** ".../projects/P/global/networks/N" or "N": N. */
export function lastSegment(text: string): string {
  return text.split('/').filter(Boolean).pop() ?? text;
}

/** The project of a firewall, from its selfLink or its network URL. */
function projectOf(item: Field): string | undefined {
  for (const key of ['selfLink', 'network']) {
    const text = item.get(key).optionalString();
    const match = text ? /\/projects\/([^/]+)\//.exec(text) : null;
    if (match) return match[1];
  }
  return undefined;
}

function strings(item: Field, key: string): string[] {
  return item.get(key).optionalItems().map((f) => f.string());
}

function readFirewall(item: Field): GcpFirewall {
  const name = item.get('name').string();
  const allowed = item.get('allowed').optionalItems();
  const denied = item.get('denied').optionalItems();
  if ((allowed.length > 0) === (denied.length > 0)) item.fail(`firewall ${name}: expected exactly one of allowed or denied`);
  const priorityField = item.get('priority');
  const priority = priorityField.present ? priorityField.int() : 1000;
  if (priority < 0 || priority > 65535) priorityField.fail('expected a priority 0-65535');
  const direction = item.get('direction').present ? item.get('direction').oneOf(['INGRESS', 'EGRESS'] as const) : 'INGRESS';
  const project = projectOf(item);
  return {
    origin: { address: name, name },
    name,
    network: lastSegment(item.get('network').string()),
    priority,
    direction,
    disabled: item.get('disabled').present ? item.get('disabled').bool() : false,
    action: allowed.length > 0 ? 'allow' : 'deny',
    entries: (allowed.length > 0 ? allowed : denied).map(entry),
    sourceRanges: item.get('sourceRanges').optionalItems().map((f) => f.cidr()),
    sourceTags: strings(item, 'sourceTags'),
    sourceServiceAccounts: strings(item, 'sourceServiceAccounts'),
    targetTags: strings(item, 'targetTags'),
    targetServiceAccounts: strings(item, 'targetServiceAccounts'),
    destinationRanges: item.get('destinationRanges').optionalItems().map((f) => f.cidr()),
    ...(project ? { project } : {}),
  };
}

/** Every firewall of the exports; one exported twice (same project and name) is kept once. */
export function readGcpExports(files: readonly ExportFile[]): GcpModel {
  const firewalls = new Map<string, GcpFirewall>();
  for (const source of files) {
    const root = Field.root(source);
    const items = Array.isArray(source.json) ? root.items() : [root];
    for (const item of items) {
      if (!item.isObject() || !item.has('name') || !(item.has('allowed') || item.has('denied'))) {
        throw new ConfigError([{ path: item.path, message: `expected a firewall rule as "gcloud compute firewall-rules list --format=json" prints it (name, network, allowed or denied...), got ${describeTopLevel(item.value)}` }], source.file);
      }
      const firewall = readFirewall(item);
      firewalls.set(`${firewall.project ?? ''}/${firewall.name}`, firewall);
    }
  }
  return { cloud: 'gcp', firewalls: [...firewalls.values()] };
}
