/**
 * The published modules' inputs (a contract: names are kept, never renamed), with types,
 * descriptions and validation blocks that refuse at plan time what `st-firewall synth` refuses
 * at synth time.
 */
import { EDGE_INBOUND, EDGE_INTERNAL, EDGE_STREAMING } from '../catalog/securetransport';
import { Cloud } from '../clouds';
import type { SourcesMode } from '../config/load';
import { MAX_HOSTS_PER_GROUP, NAME_MAX_LENGTH, SERVICE_ACCOUNT_PATTERN as SERVICE_ACCOUNT } from '../config/schema';
import { validateConfig } from '../config/load';
import { plan } from '../plan/plan';
import { awsIngressCounts, GCP_MAX_SOURCE_RANGES } from '../plan/quotas';
import { HOST_GROUPS, HostGroup } from '../spec/rule';
import { OWN_TAG_KEYS, TAG_LIMITS } from '../config/tags';
import { Json } from './hcl';
import { awsExtraRuleCount, extraRulesVariable } from './extra-rules';

export interface ModuleVariable {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly default?: Json;
  readonly validation?: readonly { condition: string; error_message: string }[];
}

/** The entry as a CIDR: a bare address becomes /32 (IPv4) or /128 (IPv6). */
const asCidr = (ip: string) => `length(split("/", ${ip})) == 2 ? ${ip} : (length(split(":", ${ip})) > 1 ? "\${${ip}}/128" : "\${${ip}}/32")`;
const IPV4 = '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$';
/**
 * IPv4 (four-part decimal, as the CLI takes it) or IPv6 (what Terraform's cidrhost parses) text,
 * address or CIDR.
 */
const validAddress = (ip: string) => `(length(split(":", ${ip})) > 1 ? can(cidrhost(${asCidr(ip)}, 0)) : can(regex("${IPV4}", ${ip})))`;
/** Host bits clear: the network address of the CIDR is its address (both canonical, via cidrhost). */
const noHostBits = (ip: string) => `try(cidrhost(${asCidr(ip)}, 0) == cidrhost(length(split(":", ${ip})) > 1 ? "\${split("/", ${ip})[0]}/128" : "\${split("/", ${ip})[0]}/32", 0), true)`; // an entry that is not an address is the previous check's to report

/** The list as canonical CIDRs (as the CLI prints them: cidrsubnet(x, 0, 0) prints the network); bad entries as they are. */
const canonicalList = (list: string) => `[for ip in ${list} : try(cidrsubnet(${asCidr('ip')}, 0, 0), ip)]`;
/**
 * Two canonical CIDRs overlap (one host twice in any spelling, or one range inside another):
 * same family, and the same network at the shorter of their two prefix lengths.
 */
function overlap(a: string, b: string): string {
  const shorter = `min(tonumber(split("/", ${a})[1]), tonumber(split("/", ${b})[1]))`;
  return `try((length(split(":", ${a})) > 1) == (length(split(":", ${b})) > 1) && cidrhost("\${split("/", ${a})[0]}/\${${shorter}}", 0) == cidrhost("\${split("/", ${b})[0]}/\${${shorter}}", 0), false)`;
}

/** The host lists in the CLI's order: an entry is checked against its own list and the lists before it. */
const HOST_LISTS = ['edge_private_ips', 'server_private_ips', 'admin_host_private_ips'];

/**
 * A host list for the pairwise checks: empty when over the length limit, which its own check
 * refuses, since Terraform evaluates every validation and n² pairs of 4001 entries take minutes.
 */
const pairable = (variable: string) => canonicalList(`slice(var.${variable}, 0, length(var.${variable}) > ${MAX_HOSTS_PER_GROUP} ? 0 : length(var.${variable}))`);

/** Overlaps of one list with itself (pairs i < j) and with each earlier list, as messages. */
function overlapChecks(variable: string): NonNullable<ModuleVariable['validation']> {
  const list = pairable(variable);
  const within = `flatten([for i, a in ${list} : [for j, b in ${list} : format("%q and %q", var.${variable}[i], var.${variable}[j]) if j > i && ${overlap('a', 'b')}]])`;
  const checks = [
    {
      condition: `\${length(${within}) == 0}`,
      error_message: `${variable}: one host listed twice (in any spelling) or overlapping CIDRs, list each host once: \${join(", ", ${within})}.`,
    },
  ];
  for (const earlier of HOST_LISTS.slice(0, HOST_LISTS.indexOf(variable))) {
    const across = `flatten([for i, a in ${list} : [for j, b in ${pairable(earlier)} : format("%q (${earlier} %q)", var.${variable}[i], var.${earlier}[j]) if ${overlap('a', 'b')}]])`;
    checks.push({
      condition: `\${length(${across}) == 0}`,
      error_message: `${variable}: hosts also in ${earlier} (each host belongs to one group, once): \${join(", ", ${across})}.`,
    });
  }
  return checks;
}

/** Address-list checks, each naming the input and the offending entries. */
function ipListChecks(variable: string): ModuleVariable['validation'] {
  const list = `var.${variable}`;
  return [
    { condition: `\${length(${list}) >= 1}`, error_message: `${variable}: list at least one address or CIDR.` },
    {
      condition: `\${length(${list}) <= ${MAX_HOSTS_PER_GROUP}}`,
      error_message: `${variable}: more than ${MAX_HOSTS_PER_GROUP} entries (Azure's limit for one rule side; GCP takes ${GCP_MAX_SOURCE_RANGES} source ranges per rule), use wider CIDRs: \${length(${list})}.`,
    },
    {
      condition: `\${alltrue([for ip in ${list} : ${validAddress('ip')}])}`,
      error_message: `${variable}: every entry must be an IPv4 or IPv6 address or CIDR, such as "10.0.1.10" or "10.0.1.0/24": \${jsonencode([for ip in ${list} : ip if !${validAddress('ip')}])}.`,
    },
    {
      condition: `\${var.ipv6 || alltrue([for ip in ${list} : length(split(":", ip)) == 1])}`,
      error_message: `${variable}: IPv6 entries need ipv6 = true: \${jsonencode([for ip in ${list} : ip if length(split(":", ip)) > 1])}.`,
    },
    {
      condition: `\${alltrue([for ip in ${list} : ${noHostBits('ip')}])}`,
      error_message: `${variable}: a CIDR has host bits set, write its network address ("10.0.1.0/24", not "10.0.1.5/24"): \${jsonencode([for ip in ${list} : ip if !${noHostBits('ip')}])}.`,
    },
    ...overlapChecks(variable),
  ];
}

/** The config's tag rules (src/config/tags.ts) for one cloud's module. */
function tagChecks(cloud: 'aws' | 'azure'): ModuleVariable['validation'] {
  const limits = TAG_LIMITS[cloud];
  const own = JSON.stringify(OWN_TAG_KEYS[cloud]).replace(/,/g, ', ');
  const checks = [
    {
      condition: `\${length(setunion(keys(var.tags), ${own})) <= ${TAG_LIMITS.maxTags}}`,
      error_message: `tags: more than ${cloud === 'aws' ? 'AWS' : 'Azure'}'s ${TAG_LIMITS.maxTags} tags per resource with st-firewall's own (${OWN_TAG_KEYS[cloud].join(', ')}): \${length(var.tags)} given, \${length(setunion(keys(var.tags), ${own}))} in all.`,
    },
    {
      condition: `\${alltrue([for k in keys(var.tags) : length(k) >= 1 && length(k) <= ${limits.keyMax}])}`,
      error_message: `tags: keys must be 1-${limits.keyMax} characters: \${jsonencode([for k in keys(var.tags) : k if length(k) < 1 || length(k) > ${limits.keyMax}])}.`,
    },
    {
      condition: `\${alltrue([for v in values(var.tags) : length(v) <= ${limits.valueMax}])}`,
      error_message: `tags: values must be at most ${limits.valueMax} characters: \${jsonencode({ for k, v in var.tags : k => v if length(v) > ${limits.valueMax} })}.`,
    },
  ];
  if (cloud === 'aws') {
    checks.push({
      condition: '${alltrue([for k in keys(var.tags) : !startswith(lower(k), "aws:")])}',
      error_message: 'tags: the "aws:" prefix is reserved by AWS: ${jsonencode([for k in keys(var.tags) : k if startswith(lower(k), "aws:")])}.',
    });
  } else {
    checks.push({
      condition: '${alltrue([for k in keys(var.tags) : !can(regex("[<>%&\\\\\\\\?/]", k))])}',
      error_message: 'tags: Azure refuses < > % & \\ ? / in tag names: ${jsonencode([for k in keys(var.tags) : k if can(regex("[<>%&\\\\\\\\?/]", k))])}.',
    });
  }
  return checks;
}

/** TCP ports the Edge lists for other rules: the passive range is opened to Any, so it must not cover them. */
function edgeTcpRanges(): { from: number; to: number }[] {
  return [...EDGE_INBOUND, ...EDGE_STREAMING, ...EDGE_INTERNAL].flatMap(({ port }) =>
    port.protocol === 'tcp' && typeof port.ports === 'object' && 'from' in port.ports ? [port.ports] : [],
  );
}

const EDGE_RANGES = JSON.stringify(edgeTcpRanges().map((r) => [r.from, r.to])).replace(/,/g, ', ');

const COMMON: readonly ModuleVariable[] = [
  {
    name: 'name',
    type: 'string',
    description: `Prefix of every name this module creates (security groups, NSGs, firewall rules, network tags). Lowercase letters, digits and hyphens, starting with a letter, at most ${NAME_MAX_LENGTH} characters.`,
    default: 'securetransport',
    validation: [
      {
        condition: `\${can(regex("^[a-z]([-a-z0-9]*[a-z0-9])?$", var.name)) && length(var.name) <= ${NAME_MAX_LENGTH}}`,
        error_message: `name: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, at most ${NAME_MAX_LENGTH} characters (GCP names derived from it must fit in 63): "\${var.name}".`,
      },
    ],
  },
  { name: 'edge_private_ips', type: 'list(string)', description: 'Private addresses or CIDRs of the SecureTransport Edge hosts (IPv6 too with ipv6 = true).', validation: ipListChecks('edge_private_ips') },
  { name: 'server_private_ips', type: 'list(string)', description: 'Private addresses or CIDRs of the SecureTransport Server hosts (IPv6 too with ipv6 = true).', validation: ipListChecks('server_private_ips') },
  { name: 'admin_host_private_ips', type: 'list(string)', description: 'Private addresses or CIDRs of the Administration host(s) (IPv6 too with ipv6 = true).', validation: ipListChecks('admin_host_private_ips') },
  {
    name: 'ftp_passive_ports',
    type: 'object({ from = number, to = number })',
    description: 'The FTP passive-mode port range (the vendor\'s "User-defined range"), opened to Any on the Edges.',
    validation: [
      {
        condition: '${var.ftp_passive_ports.from >= 1 && var.ftp_passive_ports.to <= 65535 && var.ftp_passive_ports.from <= var.ftp_passive_ports.to && floor(var.ftp_passive_ports.from) == var.ftp_passive_ports.from && floor(var.ftp_passive_ports.to) == var.ftp_passive_ports.to}',
        error_message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to: ${jsonencode(var.ftp_passive_ports)}.',
      },
      {
        condition: `\${alltrue([for r in ${EDGE_RANGES} : r[1] < var.ftp_passive_ports.from || r[0] > var.ftp_passive_ports.to])}`,
        error_message: `ftp_passive_ports: the range overlaps a TCP port the Edge already lists (the range is opened to Any; choose one clear of them): \${var.ftp_passive_ports.from}-\${var.ftp_passive_ports.to} overlaps \${join(", ", [for r in ${EDGE_RANGES} : r[0] == r[1] ? "\${r[0]}" : "\${r[0]}-\${r[1]}" if !(r[1] < var.ftp_passive_ports.from || r[0] > var.ftp_passive_ports.to)])}.`,
      },
    ],
  },
  {
    name: 'icmp_mode',
    type: 'string',
    description: '"native": ICMP from the Servers as one native rule. "vendor": the vendor page\'s deny TCP, deny UDP, allow all from the Servers (AWS has no deny rules and keeps the native rule).',
    default: 'native',
    validation: [{ condition: '${contains(["native", "vendor"], var.icmp_mode)}', error_message: 'icmp_mode: "native" or "vendor", not "${var.icmp_mode}".' }],
  },
  {
    name: 'ipv6',
    type: 'bool',
    description: 'IPv6 on: the address lists may hold IPv6 addresses and CIDRs, "Any" covers ::/0 too, and ICMP covers ICMPv6 where the cloud has it (as the config\'s "ipv6").',
    default: false,
  },
];

/**
 * AWS counts one inbound rule per source CIDR, per address family: the count is linear in the
 * host lists' sizes. Its coefficients come from the CLI's own count (awsIngressCounts) on
 * sample configs, so the module and `synth` agree.
 */
function awsRuleCounts(): Record<'edge' | 'server', Record<4 | 6, string>> {
  const sample = (sizes: Record<HostGroup, number>, family: 4 | 6) => {
    const hosts = (g: HostGroup, n: number) => Array.from({ length: n }, (_, i) => (family === 4 ? `10.${HOST_GROUPS.indexOf(g)}.0.${i + 1}` : `fd00:${HOST_GROUPS.indexOf(g)}::${i + 1}`));
    const config = validateConfig({ edge: { privateIps: hosts('edge', sizes.edge) }, server: { privateIps: hosts('server', sizes.server) }, adminHost: { privateIps: hosts('adminHost', sizes.adminHost) }, ftpPassivePorts: 30000, ipv6: true });
    const planned = plan(config);
    return { edge: awsIngressCounts(planned.groups.edge, 'cidr', true)[family], server: awsIngressCounts(planned.groups.server, 'cidr', true)[family] };
  };
  const lengthOf = (g: HostGroup, family: 4 | 6) => `length([for ip in var.${LIST_OF[g]} : ip if length(split(":", ip)) ${family === 4 ? '==' : '>'} 1])`;
  const result = { edge: { 4: '', 6: '' }, server: { 4: '', 6: '' } };
  for (const family of [4, 6] as const) {
    const one = { edge: 1, server: 1, adminHost: 1 };
    const base = sample(one, family);
    for (const target of ['edge', 'server'] as const) {
      const terms: string[] = [];
      let constant = base[target];
      for (const g of HOST_GROUPS) {
        const coefficient = sample({ ...one, [g]: 2 }, family)[target] - base[target];
        constant -= coefficient;
        if (coefficient > 0) terms.push(`${coefficient === 1 ? '' : `${coefficient} * `}${lengthOf(g, family)}`);
      }
      // "Any" is one rule per family: ::/0 only with IPv6 on.
      const any = family === 6 ? `(var.ipv6 ? ${constant} : 0)` : String(constant);
      result[target][family] = [any, ...terms].join(' + ');
    }
  }
  return result;
}

const LIST_OF: Readonly<Record<HostGroup, string>> = { edge: 'edge_private_ips', server: 'server_private_ips', adminHost: 'admin_host_private_ips' };

function maxRulesVariable(): ModuleVariable {
  const vendor = awsRuleCounts();
  // The vendor's rules and the caller's extra rules (extra_rules).
  const counts = Object.fromEntries((['edge', 'server'] as const).map((g) => [g, { 4: `${vendor[g][4]} + ${awsExtraRuleCount(g, 4)}`, 6: `${vendor[g][6]} + ${awsExtraRuleCount(g, 6)}` }])) as Record<'edge' | 'server', Record<4 | 6, string>>;
  const over = (g: 'edge' | 'server', f: 4 | 6) => `try(${counts[g][f]}, 0) > var.max_rules_per_security_group`;
  return {
    name: 'max_rules_per_security_group',
    type: 'number',
    description: 'Your account\'s "inbound rules per security group" quota (60 by default, adjustable with AWS up to 1000), counted per address family: plan fails when a security group would need more (one rule per source CIDR).',
    default: 60,
    validation: [
      {
        condition: '${var.max_rules_per_security_group >= 1 && var.max_rules_per_security_group <= 1000 && floor(var.max_rules_per_security_group) == var.max_rules_per_security_group}',
        error_message: 'max_rules_per_security_group: a whole number within 1-1000 (the AWS maximum): ${var.max_rules_per_security_group}.',
      },
      {
        condition: `\${!(${(['edge', 'server'] as const).flatMap((g) => ([4, 6] as const).map((f) => over(g, f))).join(' || ')})}`,
        error_message: `max_rules_per_security_group: a security group would need more inbound rules per address family than this (one rule per source CIDR in edge_private_ips, server_private_ips, admin_host_private_ips and extra_rules; use wider CIDRs, the aws-groups module, or raise the quota with AWS and this input): edge group \${try(${counts.edge[4]}, 0)} IPv4 and \${try(${counts.edge[6]}, 0)} IPv6 rules, server group \${try(${counts.server[4]}, 0)} and \${try(${counts.server[6]}, 0)}, over \${var.max_rules_per_security_group} per family.`,
      },
    ],
  };
}

/** Azure and GCP rules take one family each and the modules always write the IPv4 ones. */
function ipv4PresentCheck(variable: string): NonNullable<ModuleVariable['validation']>[number] {
  return {
    condition: `\${length([for ip in var.${variable} : ip if length(split(":", ip)) == 1]) >= 1}`,
    error_message: `${variable}: list at least one IPv4 address or CIDR (this module writes every rule's IPv4 half): \${jsonencode(var.${variable})}.`,
  };
}

const TAGS_DESCRIPTION = 'Tags for every taggable resource, merged under st-firewall\'s own';
const PER_CLOUD: Readonly<Record<Cloud, readonly ModuleVariable[]>> = {
  aws: [
    { name: 'vpc_id', type: 'string', description: 'VPC of the security groups; null for the default VPC.', default: null },
    { name: 'tags', type: 'map(string)', description: `${TAGS_DESCRIPTION} (Name, st-firewall:rule), which win on a conflict.`, default: {}, validation: tagChecks('aws') },
  ],
  azure: [
    { name: 'resource_group_name', type: 'string', description: 'Existing resource group the network security groups go into.' },
    { name: 'location', type: 'string', description: 'Azure location of the network security groups, such as "westeurope".' },
    { name: 'tags', type: 'map(string)', description: `${TAGS_DESCRIPTION} (purpose, generator), which win on a conflict.`, default: {}, validation: tagChecks('azure') },
  ],
  gcp: [{ name: 'network', type: 'string', description: 'Name or self link of the existing VPC network the firewall rules apply to.', default: 'default' }],
};

const securityGroupId = (name: string, what: string): ModuleVariable => ({
  name,
  type: 'string',
  description: what,
  default: null,
  validation: [
    {
      condition: `\${var.${name} == null || can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.${name}))}`,
      error_message: `${name}: must be a security group id such as "sg-0123456789abcdef0": "\${coalesce(var.${name}, "null")}".`,
    },
  ],
});

/** Inputs only the groups modules take (host groups as the cloud's own groups). */
const GROUPS_ONLY: Readonly<Record<Cloud, readonly ModuleVariable[]>> = {
  aws: [
    securityGroupId('admin_host_security_group_id', 'The Administration host\'s existing security group; null: the module creates one (output admin_host_security_group_id).'),
    securityGroupId('load_balancer_security_group_id', 'The load balancer\'s security group, as the source of the vendor\'s "Any" rules (as the vendor\'s AWS guide does) instead of 0.0.0.0/0 and ::/0; null: from anywhere.'),
  ],
  azure: [],
  gcp: [
    {
      name: 'service_accounts',
      type: 'object({ edge = string, server = string, admin_host = string })',
      description: 'Service account emails of the Edge, Server and Administration host instances; rules then match instances by service account instead of network tag (GCP does not mix the two). null: network tags.',
      default: null,
      validation: [
        {
          condition: `\${var.service_accounts == null || alltrue([for sa in values(coalesce(var.service_accounts, { edge = "", server = "", admin_host = "" })) : can(regex("${SERVICE_ACCOUNT.source.replace(/\\/g, '\\\\')}", sa))])}`,
          error_message: 'service_accounts: every entry must be a service account email such as "st-edge@my-project.iam.gserviceaccount.com": ${jsonencode(var.service_accounts)}.',
        },
      ],
    },
  ],
};

/** In groups mode the host groups are the cloud's own groups: no address list is asked for. */
const ADDRESS_LISTS = ['edge_private_ips', 'server_private_ips', 'admin_host_private_ips'];

export function moduleVariables(cloud: Cloud, sources: SourcesMode = 'cidr'): readonly ModuleVariable[] {
  const cidrOnly = sources === 'cidr' && cloud === 'aws' ? [maxRulesVariable()] : [];
  const all = [...COMMON, ...PER_CLOUD[cloud], ...cidrOnly, ...(sources === 'groups' ? GROUPS_ONLY[cloud] : []), extraRulesVariable(cloud, { valid: validAddress, noHostBits, asCidr })];
  return all
    .filter((v) => sources === 'cidr' || !ADDRESS_LISTS.includes(v.name))
    .map((v) => (cloud !== 'aws' && ADDRESS_LISTS.includes(v.name) ? { ...v, validation: [...(v.validation ?? []), ipv4PresentCheck(v.name)] } : v));
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

/**
 * The host lists as canonical CIDRs (cidrsubnet(x, 0, 0) prints the network as the CLI does:
 * bare addresses become /32 or /128, IPv6 compressed and lowercase), and each family apart
 * (clouds keep IPv4 and IPv6 in separate rules).
 */
export function hostLocals(): Record<string, Json> {
  const locals: Record<string, Json> = {};
  for (const group of ['edge', 'server', 'admin_host']) {
    locals[`${group}_cidrs`] = `\${[for ip in var.${group}_private_ips : cidrsubnet(${asCidr('ip')}, 0, 0)]}`;
    locals[`${group}_ipv4_cidrs`] = `\${[for c in local.${group}_cidrs : c if length(split(":", c)) == 1]}`;
    locals[`${group}_ipv6_cidrs`] = `\${[for c in local.${group}_cidrs : c if length(split(":", c)) > 1]}`;
  }
  return locals;
}
