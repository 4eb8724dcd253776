/**
 * The published modules' inputs (a contract: names are kept, never renamed), with types,
 * descriptions and validation blocks that refuse at plan time what `st-firewall synth` refuses
 * at synth time.
 */
import { EDGE_INBOUND, EDGE_INTERNAL, EDGE_STREAMING } from '../catalog/securetransport';
import { Cloud } from '../clouds';
import type { SourcesMode } from '../config/load';
import { NAME_MAX_LENGTH } from '../config/schema';
import { Json } from './hcl';

export interface ModuleVariable {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly default?: Json;
  readonly validation?: readonly { condition: string; error_message: string }[];
}

/** An IPv4 address or CIDR with no host bits set (Terraform has no IP type: regex, then cidrhost). */
function ipListChecks(variable: string, what: string): ModuleVariable['validation'] {
  const cidr = `length(split("/", ip)) == 2 ? ip : "\${ip}/32"`;
  return [
    { condition: `\${length(var.${variable}) >= 1}`, error_message: `${what}: list at least one IPv4 address or CIDR.` },
    {
      condition: `\${alltrue([for ip in var.${variable} : can(regex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$", ip))])}`,
      error_message: `${what}: every entry must be an IPv4 address or CIDR, such as "10.0.1.10" or "10.0.1.0/24" (IPv6 is not supported).`,
    },
    {
      condition: `\${alltrue([for ip in var.${variable} : try(cidrhost(${cidr}, 0) == split("/", ip)[0], false)])}`,
      error_message: `${what}: a CIDR has host bits set; write its network address (for example "10.0.1.0/24", not "10.0.1.5/24").`,
    },
    { condition: `\${length(distinct(var.${variable})) == length(var.${variable})}`, error_message: `${what}: an address is listed twice.` },
  ];
}

/** TCP ports the Edge lists for other rules: the passive range is opened to Any, so it must not cover them. */
function edgeTcpRanges(): { from: number; to: number }[] {
  return [...EDGE_INBOUND, ...EDGE_STREAMING, ...EDGE_INTERNAL].flatMap(({ port }) =>
    port.protocol === 'tcp' && typeof port.ports === 'object' && 'from' in port.ports ? [port.ports] : [],
  );
}

const COMMON: readonly ModuleVariable[] = [
  {
    name: 'name',
    type: 'string',
    description: `Prefix of every name this module creates (security groups, NSGs, firewall rules, network tags). Lowercase letters, digits and hyphens, starting with a letter, at most ${NAME_MAX_LENGTH} characters.`,
    default: 'securetransport',
    validation: [
      {
        condition: `\${can(regex("^[a-z]([-a-z0-9]*[a-z0-9])?$", var.name)) && length(var.name) <= ${NAME_MAX_LENGTH}}`,
        error_message: `name: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, at most ${NAME_MAX_LENGTH} characters (GCP names derived from it must fit in 63).`,
      },
    ],
  },
  { name: 'edge_private_ips', type: 'list(string)', description: 'Private IPv4 addresses or CIDRs of the SecureTransport Edge hosts.', validation: ipListChecks('edge_private_ips', 'edge_private_ips') },
  { name: 'server_private_ips', type: 'list(string)', description: 'Private IPv4 addresses or CIDRs of the SecureTransport Server hosts.', validation: ipListChecks('server_private_ips', 'server_private_ips') },
  { name: 'admin_host_private_ips', type: 'list(string)', description: 'Private IPv4 addresses or CIDRs of the Administration host(s).', validation: ipListChecks('admin_host_private_ips', 'admin_host_private_ips') },
  {
    name: 'ftp_passive_ports',
    type: 'object({ from = number, to = number })',
    description: 'The FTP passive-mode port range (the vendor\'s "User-defined range"), opened to Any on the Edges.',
    validation: [
      {
        condition: '${var.ftp_passive_ports.from >= 1 && var.ftp_passive_ports.to <= 65535 && var.ftp_passive_ports.from <= var.ftp_passive_ports.to && floor(var.ftp_passive_ports.from) == var.ftp_passive_ports.from && floor(var.ftp_passive_ports.to) == var.ftp_passive_ports.to}',
        error_message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to.',
      },
      {
        condition: `\${alltrue([for r in ${JSON.stringify(edgeTcpRanges().map((r) => [r.from, r.to])).replace(/,/g, ', ')} : r[1] < var.ftp_passive_ports.from || r[0] > var.ftp_passive_ports.to])}`,
        error_message: 'ftp_passive_ports: the range overlaps a TCP port the Edge already lists (20-22, 80, 443, 444, 7800-7802, 8005, 8006, 10022, 10080, 10443, 17617-19627 PeSIT, 20021-27617 streaming, 33060); choose a range clear of them.',
      },
    ],
  },
  {
    name: 'icmp_mode',
    type: 'string',
    description: '"native": ICMP from the Servers as one native rule. "vendor": the vendor page\'s deny TCP, deny UDP, allow all from the Servers (AWS has no deny rules and keeps the native rule).',
    default: 'native',
    validation: [{ condition: '${contains(["native", "vendor"], var.icmp_mode)}', error_message: 'icmp_mode: "native" or "vendor".' }],
  },
];

const PER_CLOUD: Readonly<Record<Cloud, readonly ModuleVariable[]>> = {
  aws: [{ name: 'vpc_id', type: 'string', description: 'VPC of the security groups; null for the default VPC.', default: null }],
  azure: [
    { name: 'resource_group_name', type: 'string', description: 'Existing resource group the network security groups go into.' },
    { name: 'location', type: 'string', description: 'Azure location of the network security groups, such as "westeurope".' },
  ],
  gcp: [{ name: 'network', type: 'string', description: 'Name or self link of the existing VPC network the firewall rules apply to.', default: 'default' }],
};

/** In groups mode the host groups are the cloud's own groups: no address list is asked for. */
const ADDRESS_LISTS = ['edge_private_ips', 'server_private_ips', 'admin_host_private_ips'];

export function moduleVariables(cloud: Cloud, sources: SourcesMode = 'cidr'): readonly ModuleVariable[] {
  return [...COMMON, ...PER_CLOUD[cloud]].filter((v) => sources === 'cidr' || !ADDRESS_LISTS.includes(v.name));
}

/** The variables as a Terraform JSON `variable` object. */
export function variablesJson(cloud: Cloud, sources: SourcesMode = 'cidr'): Record<string, Json> {
  return Object.fromEntries(
    moduleVariables(cloud, sources).map((v) => [
      v.name,
      {
        description: v.description,
        type: v.type, // Terraform JSON takes the type constraint as a plain string
        ...(v.default !== undefined ? { default: v.default } : {}),
        ...(v.validation ? { validation: v.validation.map((check) => ({ ...check })) } : {}),
      },
    ]),
  );
}

/** Bare addresses become /32, so every source list holds CIDRs. */
export function hostLocals(): Record<string, Json> {
  const cidrs = (variable: string) => `\${[for ip in var.${variable} : length(split("/", ip)) == 2 ? ip : "\${ip}/32"]}`;
  return { edge_cidrs: cidrs('edge_private_ips'), server_cidrs: cidrs('server_private_ips'), admin_host_cidrs: cidrs('admin_host_private_ips') };
}
