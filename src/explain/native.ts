/**
 * Reads the firewall resources out of a synthesized cdk.tf.json into one shape for all three
 * clouds. It describes what is there and never throws on odd values: `explain` exists so that
 * hand edits and emitter changes show, so a missing or strange attribute is printed, not refused.
 * Plain data; no CDKTF.
 */
import type { Cloud } from '../clouds';
import { PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';

/**
 * A parsed cdk.tf.json; only `resource` is read. Structurally compatible with src/sources/cdktf-json.ts's
 * TfJson, kept local so this module does not depend on the evaluators.
 */
export interface TfJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly [key: string]: unknown;
}

export type Direction = 'ingress' | 'egress';

/** One firewall resource, in the cloud's own spelling. */
export interface NativeResource {
  readonly address: string;
  /** What ties it to a plan rule: tags["st-firewall:rule"] (aws), name (azure, gcp). '' when absent. */
  readonly key: string;
  /** The protected group it applies to (its security group, NSG or target tag), if recognised. */
  readonly group: ProtectedGroup | undefined;
  readonly direction: Direction;
  /** null on AWS: security groups have no priorities. */
  readonly priority: number | null;
  /** As the cloud spells it: allow (aws), Allow/Deny (azure), allow/deny (gcp). */
  readonly action: string;
  /** Protocol and ports: "tcp 80-80", "icmp -1/-1" (aws), "Tcp 444" (azure), "tcp:80" (gcp). */
  readonly traffic: string;
  /** The other end: sources for ingress, destinations for egress. */
  readonly peers: readonly string[];
  /** What the rule protects: security group name (aws), destination prefixes (azure), target tags (gcp). */
  readonly appliesTo: readonly string[];
}

type Body = Readonly<Record<string, unknown>>;

const obj = (value: unknown): Body | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
const strs = (value: unknown): string[] => (Array.isArray(value) ? value.map((item) => str(item) ?? JSON.stringify(item)) : []);
/** A single-valued attribute and its list twin (source_address_prefix / _prefixes) as one list. */
const oneOrMany = (body: Body, one: string, many: string): string[] => [...(str(body[one]) !== undefined ? [str(body[one])!] : []), ...strs(body[many])];

function bodies(tf: TfJson, type: string): [string, Body][] {
  const byName = tf.resource?.[type] ?? {};
  return Object.keys(byName).map((name) => [`${type}.${name}`, obj(byName[name]) ?? {}]);
}

/** `${type.name.attr}` -> the referenced resource's body, so a security group id leads to its name. */
function referenced(tf: TfJson, value: unknown): Body | undefined {
  const match = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\.[a-z_]+\}$/.exec(str(value) ?? '');
  return match ? obj(tf.resource?.[match[1]]?.[match[2]]) : undefined;
}

/** The protected group whose native container (security group, NSG, tag) carries this name. */
function groupNamed(names: readonly string[], nameOf: (group: ProtectedGroup) => string): ProtectedGroup | undefined {
  return PROTECTED_GROUPS.find((group) => names.includes(nameOf(group)));
}

function aws(tf: TfJson, name: string): NativeResource[] {
  const types: [string, Direction][] = [
    ['aws_vpc_security_group_ingress_rule', 'ingress'],
    ['aws_vpc_security_group_egress_rule', 'egress'],
  ];
  return types.flatMap(([type, direction]) =>
    bodies(tf, type).map(([address, body]) => {
      const sg = str(referenced(tf, body.security_group_id)?.name) ?? str(body.security_group_id) ?? '?';
      const protocol = str(body.ip_protocol) ?? '?';
      const [from, to] = [str(body.from_port), str(body.to_port)];
      // For ICMP the two "ports" are the type and the code; -1 means any.
      const ports = from === undefined && to === undefined ? '' : protocol === 'icmp' ? ` ${from}/${to}` : ` ${from}-${to}`;
      const peers = ['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id'].flatMap((key) => (str(body[key]) !== undefined ? [str(body[key])!] : []));
      const group = body.referenced_security_group_id;
      if (group !== undefined) peers.push(`security group ${str(referenced(tf, group)?.name) ?? str(group)}`);
      return {
        address,
        key: str(obj(body.tags)?.['st-firewall:rule']) ?? '',
        group: groupNamed([sg], (group) => `${name}-${group}`),
        direction,
        priority: null,
        action: 'allow',
        traffic: `${protocol}${ports}`,
        peers,
        appliesTo: [sg],
      };
    }),
  );
}

function azure(tf: TfJson, name: string): NativeResource[] {
  return bodies(tf, 'azurerm_network_security_rule').map(([address, body]) => {
    const nsg = str(referenced(tf, body.network_security_group_name)?.name) ?? str(body.network_security_group_name) ?? '?';
    const ports = oneOrMany(body, 'destination_port_range', 'destination_port_ranges').join(',');
    const sourcePorts = oneOrMany(body, 'source_port_range', 'source_port_ranges').join(',');
    const inbound = str(body.direction) !== 'Outbound';
    // Application security groups (groups mode) by their names.
    const asgs = (key: string) => (Array.isArray(body[key]) ? (body[key] as unknown[]) : []).map((id) => `application security group ${str(referenced(tf, id)?.name) ?? str(id)}`);
    const sources = [...oneOrMany(body, 'source_address_prefix', 'source_address_prefixes'), ...asgs('source_application_security_group_ids')];
    const destinations = [...oneOrMany(body, 'destination_address_prefix', 'destination_address_prefixes'), ...asgs('destination_application_security_group_ids')];
    return {
      address,
      key: str(body.name) ?? '',
      group: groupNamed([nsg], (group) => `${name}-${group}-nsg`),
      direction: inbound ? 'ingress' : 'egress',
      priority: typeof body.priority === 'number' ? body.priority : null,
      action: str(body.access) ?? '?',
      // Source ports are always "*" from our emitter; shown only when someone narrowed them.
      traffic: `${str(body.protocol) ?? '?'} ${ports || '?'}${sourcePorts && sourcePorts !== '*' ? ` (source ports ${sourcePorts})` : ''}`,
      peers: inbound ? sources : destinations,
      appliesTo: inbound ? destinations : sources,
    };
  });
}

/** "tcp:80", "tcp:80,443", "icmp", "all": one per allow/deny block, as gcloud prints them. */
function gcpTraffic(blocks: unknown): string[] {
  return (Array.isArray(blocks) ? blocks : []).map((block) => {
    const { protocol, ports } = obj(block) ?? {};
    const list = strs(ports);
    return `${str(protocol) ?? '?'}${list.length > 0 ? `:${list.join(',')}` : ''}`;
  });
}

function gcp(tf: TfJson, name: string): NativeResource[] {
  return bodies(tf, 'google_compute_firewall').map(([address, body]) => {
    const [allow, deny] = [gcpTraffic(body.allow), gcpTraffic(body.deny)];
    const tags = strs(body.target_tags);
    const ingress = str(body.direction) !== 'EGRESS';
    const targets = [...tags, ...strs(body.target_service_accounts).map((account) => `service account ${account}`)];
    return {
      address,
      key: str(body.name) ?? '',
      group: groupNamed(tags, (group) => `${name}-${group}`),
      direction: ingress ? 'ingress' : 'egress',
      // GCP's default when the attribute is left out.
      priority: typeof body.priority === 'number' ? body.priority : 1000,
      action: [allow.length > 0 ? 'allow' : '', deny.length > 0 ? 'deny' : ''].filter(Boolean).join('+') || '?',
      traffic: [...allow, ...deny].join(' '),
      peers: ingress
        ? [...strs(body.source_ranges), ...strs(body.source_tags).map((tag) => `tag ${tag}`), ...strs(body.source_service_accounts).map((account) => `service account ${account}`)]
        : strs(body.destination_ranges),
      appliesTo: targets.length > 0 ? targets : ['all instances of the network'],
    };
  });
}

const READERS: Readonly<Record<Cloud, (tf: TfJson, name: string) => NativeResource[]>> = { aws, azure, gcp };

/** Every firewall rule resource of one cloud's stack, in the JSON's order. `name` is config.name. */
export function nativeResources(cloud: Cloud, tf: TfJson, name: string): NativeResource[] {
  return READERS[cloud](tf, name);
}

/** How a plan rule is found in the JSON: tags["st-firewall:rule"] (aws) or name (azure) is the rule id; gcp names carry config.name first. */
export function nativeKey(cloud: Cloud, name: string, ruleId: string): string {
  return cloud === 'gcp' ? `${name}-${ruleId}` : ruleId;
}
