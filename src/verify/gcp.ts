/**
 * GCP VPC firewall rules (cloud-semantics.md, "GCP VPC firewall rules"): of the enabled ingress
 * rules that apply to the instance, the lowest priority number decides; at equal priority a deny
 * beats an allow; below everything, the implied deny-all ingress at 65535.
 */
import { Cidr, cidrContains } from '../net/cidr';
import { InvalidTerraform, Probe, PROTOCOL_NUMBER, probeSource, UnsupportedConstruct, Verdict } from './probe';
import { checkKeys, cidrAt, integerAt, Membership, membersOf, portRangeText, present, resourcesOf, stringAt, stringListAt, TfBody, TfJson } from './tfjson';

export interface GcpContext {
  /** The VPC network the instances sit in (the firewall's `network`). */
  readonly network: string;
  /** The protected instance's service account, when rules target service accounts. */
  readonly targetServiceAccount?: string;
  /** Who carries the source tags and service accounts rules name (groups mode). */
  readonly membership?: Membership;
}

export const GCP_IMPLIED_DENY = 'gcp:implied-deny-ingress(65535)';

const RULE_KEYS = [
  'name', 'project', 'network', 'description', 'priority', 'direction', 'disabled', 'allow', 'deny',
  'source_ranges', 'source_tags', 'source_service_accounts', 'target_tags', 'target_service_accounts',
  'destination_ranges', 'log_config', 'enable_logging',
];
/** Named protocols GCP accepts, as IANA numbers ("gre" is not a name GCP knows: it is 47). */
const NAMED: Readonly<Record<string, number>> = { icmp: 1, ipip: 4, tcp: 6, udp: 17, esp: 50, ah: 51, 'ipv6-icmp': 58, sctp: 132 };
const WITH_PORTS = ['tcp', 'udp', 'sctp'];

interface Entry {
  /** 'all' or an IANA number. */
  readonly protocol: 'all' | number;
  /** null: every port. */
  readonly ports: readonly { from: number; to: number }[] | null;
}

interface CompiledRule {
  readonly address: string;
  readonly priority: number;
  readonly allow: boolean;
  readonly entries: readonly Entry[];
  readonly sources: readonly Cidr[];
}

function compileEntry(address: string, field: string, raw: unknown): Entry {
  if (typeof raw !== 'object' || raw === null) throw new UnsupportedConstruct(`${address}: ${field} entry ${JSON.stringify(raw)}`);
  const body = raw as TfBody;
  checkKeys(`${address} ${field}`, body, ['protocol', 'ports']);
  const text = stringAt(address, body, 'protocol');
  const protocol = text === 'all' ? 'all' : NAMED[text] ?? (/^\d{1,3}$/.test(text) && Number(text) <= 255 ? Number(text) : undefined);
  if (protocol === undefined) throw new UnsupportedConstruct(`${address}: ${field} protocol "${text}" (GCP's are all, ${Object.keys(NAMED).join(', ')} or a number)`);
  if (!present(body, 'ports')) return { protocol, ports: null };
  // "ports only for tcp/udp (and sctp)".
  if (!WITH_PORTS.includes(text)) throw new InvalidTerraform(`${address}: ${field} protocol "${text}" takes no ports`);
  return { protocol, ports: stringListAt(address, body, 'ports').map((port) => portRangeText(address, `${field}.ports`, port)) };
}

/** Does the rule apply to this network and this instance (tag or service account)? Refuses what it cannot decide. */
function applies(address: string, body: TfBody, targetTag: string, ctx: GcpContext): boolean {
  const { network } = ctx;
  checkKeys(address, body, RULE_KEYS);
  const ruleNetwork = stringAt(address, body, 'network');
  // A network is given by name or by URL ending in /networks/<name>.
  if (ruleNetwork !== network && !ruleNetwork.endsWith(`/networks/${network}`)) return false;
  const direction = body.direction === undefined ? 'INGRESS' : stringAt(address, body, 'direction');
  if (direction !== 'INGRESS' && direction !== 'EGRESS') throw new InvalidTerraform(`${address}: direction "${direction}"`);
  if (direction !== 'INGRESS' || body.disabled === true) return false;
  if (body.disabled !== undefined && body.disabled !== false) throw new UnsupportedConstruct(`${address}: disabled ${JSON.stringify(body.disabled)}`);
  if (present(body, 'destination_ranges')) throw new UnsupportedConstruct(`${address}: destination_ranges is not evaluated`);
  // "Service-account fields cannot be mixed with tag fields."
  const tags = present(body, 'target_tags') || present(body, 'source_tags');
  const accounts = present(body, 'target_service_accounts') || present(body, 'source_service_accounts');
  if (tags && accounts) throw new InvalidTerraform(`${address}: mixes network tags with service accounts`);
  if (present(body, 'target_service_accounts')) {
    if (!ctx.targetServiceAccount) throw new UnsupportedConstruct(`${address}: target_service_accounts, but the instance's service account is not known`);
    return stringListAt(address, body, 'target_service_accounts').includes(ctx.targetServiceAccount);
  }
  // No target: the rule applies to every instance of the network.
  return !present(body, 'target_tags') || stringListAt(address, body, 'target_tags').includes(targetTag);
}

function compileRule(address: string, body: TfBody, membership: Membership | undefined): CompiledRule {
  const priority = body.priority === undefined ? 1000 : integerAt(address, body, 'priority');
  if (priority < 0 || priority > 65535) throw new InvalidTerraform(`${address}: priority ${priority} is outside 0-65535`);
  // "One google_compute_firewall is either allow or deny, never both."
  const hasAllow = present(body, 'allow');
  if (hasAllow === present(body, 'deny')) throw new InvalidTerraform(`${address}: needs exactly one of allow, deny`);
  const field = hasAllow ? 'allow' : 'deny';
  const raw = body[field];
  if (!Array.isArray(raw)) throw new UnsupportedConstruct(`${address}: ${field} must be a list`);
  // "Ingress rules need at least one of source_ranges, source_tags, source_service_accounts
  // (a packet matches if any of them matches)".
  const fields = ['source_ranges', 'source_tags', 'source_service_accounts'].filter((key) => present(body, key));
  // "IPv4 and IPv6 ranges cannot share one rule".
  const ranges = present(body, 'source_ranges') ? stringListAt(address, body, 'source_ranges') : [];
  if (ranges.some((t) => t.includes(':')) && ranges.some((t) => !t.includes(':'))) throw new InvalidTerraform(`${address}: source_ranges mixes IPv4 and IPv6 (GCP takes one family per rule)`);
  if (fields.length === 0) throw new InvalidTerraform(`${address}: an ingress rule without source_ranges, source_tags or source_service_accounts`);
  const sources = fields.flatMap((key) =>
    key === 'source_ranges'
      ? stringListAt(address, body, key).map((text) => cidrAt(address, key, text))
      : stringListAt(address, body, key).flatMap((member) => membersOf(address, key, member, membership)),
  );
  return { address, priority, allow: hasAllow, entries: raw.map((entry, i) => compileEntry(address, `${field}[${i}]`, entry)), sources };
}

function entryMatches(entry: Entry, probe: Probe): boolean {
  if (entry.protocol === 'all') return true;
  if (entry.protocol !== PROTOCOL_NUMBER[probe.protocol]) return false;
  const port = probe.port as number;
  return entry.ports === null || entry.ports.some(({ from, to }) => port >= from && port <= to);
}

/** Compiles the rules once; the returned function judges probes against an instance carrying targetTag. */
export function gcpEvaluator(tf: TfJson, targetTag: string, ctx: GcpContext): (probe: Probe) => Verdict {
  const rules = resourcesOf(tf, 'google_compute_firewall')
    .filter(([address, body]) => applies(address, body, targetTag, ctx))
    .map(([address, body]) => compileRule(address, body, ctx.membership))
    // Lower number first; at equal priority deny first ("deny beats allow"); then by address.
    .sort((a, b) => a.priority - b.priority || Number(a.allow) - Number(b.allow));
  return (probe) => {
    const source = probeSource(probe);
    if (source === 'lb') throw new Error(`gcp: the '${probe.source}' probe is Azure's; GCP has no such source`);
    const rule = rules.find((r) => r.sources.some((c) => cidrContains(c, source)) && r.entries.some((entry) => entryMatches(entry, probe)));
    return rule ? { allowed: rule.allow, rule: rule.address } : { allowed: false, rule: GCP_IMPLIED_DENY };
  };
}

export function evaluateGcp(tf: TfJson, targetTag: string, probe: Probe, ctx: GcpContext): Verdict {
  return gcpEvaluator(tf, targetTag, ctx)(probe);
}
