/**
 * `st-firewall verify`: every cloud's synthesized Terraform against the plan, probe by probe,
 * plus security findings. Reads Terraform JSON only, so hand edits and drift are caught.
 */
import { Cloud } from '../clouds';
import { addressText, cidr, cidrContains } from '../net/cidr';
import { shadowedRules } from '../plan/overlap';
import { FirewallPlan, GroupPlan, portText } from '../plan/plan';
import { HOST_GROUPS, PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';
import { cloudEvaluator, CompareContext, compareGroup, formatMismatch, Mismatch } from './compare';
import { awsEgressOpen } from './aws';
import { Probe, UnsupportedConstruct } from './probe';
import { cidrEnds, probesFor } from './probes';
import { TfJson } from './tfjson';

/** Ports the vendor lists for administration or the cluster: never meant for Any. */
export const ADMIN_PORTS = [22, 444, 7800, 7801, 7802, 8005, 8006, 8009, 9999, 20444, 33060, 44431];
/** Azure's VirtualNetwork tag, when the real address space is not given: every private range. */
export const DEFAULT_VNET = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const INTERNET_HOST = '203.0.113.9';

export interface CloudReport {
  readonly cloud: Cloud;
  readonly compared: number;
  readonly mismatches: readonly Mismatch[];
  /** Divergences that are not a probe's verdict (egress). */
  readonly problems: readonly string[];
  /** Set when the evaluator met something it will not guess about. */
  readonly unsupported?: string;
}

export interface Finding {
  readonly kind: 'admin-port-from-any' | 'shadowed-rule' | 'duplicate-rule' | 'icmp-vendor-flows';
  readonly message: string;
}

export interface VerifyReport {
  readonly clouds: readonly CloudReport[];
  readonly findings: readonly Finding[];
  readonly ok: boolean;
}

export interface VerifyOptions {
  readonly vnetCidrs?: readonly string[];
}

/** An address inside the VNet that belongs to no host group, for "another host of the network" probes. */
function strangerIn(plan: FirewallPlan, vnet: readonly string[]): string {
  const taken = HOST_GROUPS.flatMap((group) => plan.config.hosts[group].map((text) => cidr(text)));
  for (const range of vnet.map((text) => cidr(text))) {
    for (let value = range.first + 7n; value <= range.last; value += 65_536n) {
      const address = { family: range.family, value };
      if (!taken.some((c) => cidrContains(c, address))) return addressText(address);
    }
  }
  throw new Error(`verify: every address of the VNet (${vnet.join(', ')}) probed belongs to a host group; pass --vnet`);
}

export function verify(plan: FirewallPlan, stacks: Partial<Record<Cloud, TfJson>>, options: VerifyOptions = {}): VerifyReport {
  const ctx: CompareContext = { vnetCidrs: options.vnetCidrs ?? DEFAULT_VNET };
  const probes = probesFor(plan, { vnetHost: strangerIn(plan, ctx.vnetCidrs), internetHost: INTERNET_HOST });
  const clouds: CloudReport[] = [];
  for (const [cloud, tf] of Object.entries(stacks) as [Cloud, TfJson][]) {
    try {
      const results = PROTECTED_GROUPS.map((group) => compareGroup(cloud, tf, plan, group, probes, ctx));
      // Terraform deletes the allow-all egress AWS creates; without ours the hosts cannot talk out.
      const problems = cloud === 'aws' ? PROTECTED_GROUPS.filter((g) => !awsEgressOpen(tf, `aws_security_group.${g}`)).map((g) => `aws ${g}: egress: expected allow all outbound to 0.0.0.0/0, got no such rule`) : [];
      clouds.push({ cloud, compared: results.reduce((n, r) => n + r.compared, 0), mismatches: results.flatMap((r) => r.mismatches), problems });
    } catch (err) {
      if (!(err instanceof UnsupportedConstruct)) throw err;
      clouds.push({ cloud, compared: 0, mismatches: [], problems: [], unsupported: err.message });
    }
  }
  const supported = Object.fromEntries(Object.entries(stacks).filter(([cloud]) => !clouds.find((c) => c.cloud === cloud)?.unsupported));
  return { clouds, findings: securityFindings(plan, supported, options), ok: clouds.every((c) => c.mismatches.length === 0 && c.problems.length === 0 && !c.unsupported) };
}

/**
 * The security findings alone, without comparing every probe: shadowed and duplicate rules,
 * admin or cluster ports reachable from Any, what icmp "vendor" admits. `synth` prints them.
 */
export function securityFindings(plan: FirewallPlan, stacks: Partial<Record<Cloud, TfJson>>, options: VerifyOptions = {}): Finding[] {
  const ctx: CompareContext = { vnetCidrs: options.vnetCidrs ?? DEFAULT_VNET };
  const findings: Finding[] = [...planFindings(plan)];
  for (const [cloud, tf] of Object.entries(stacks) as [Cloud, TfJson][]) {
    try {
      findings.push(...adminPortFindings(cloud, tf, plan, ctx), ...vendorIcmpFindings(cloud, tf, plan, ctx));
    } catch (err) {
      if (!(err instanceof UnsupportedConstruct)) throw err; // reported by verify per cloud
    }
  }
  return findings;
}

/** Admin and cluster ports reachable from an internet address, as the cloud would decide it. */
function adminPortFindings(cloud: Cloud, tf: TfJson, plan: FirewallPlan, ctx: CompareContext): Finding[] {
  return PROTECTED_GROUPS.flatMap((group) => {
    const evaluate = cloudEvaluator(cloud, tf, plan, group, ctx);
    return ADMIN_PORTS.flatMap((port) => {
      const verdict = evaluate({ source: INTERNET_HOST, protocol: 'tcp', port });
      return verdict.allowed ? [{ kind: 'admin-port-from-any' as const, message: `${cloud} ${group}: admin/cluster port tcp/${port} is reachable from Any (${verdict.rule})` }] : [];
    });
  });
}

/** What `icmp: "vendor"` lets in beyond ICMP, shown as flows from a Server and from a VNet host. */
function vendorIcmpFindings(cloud: Cloud, tf: TfJson, plan: FirewallPlan, ctx: CompareContext): Finding[] {
  if (plan.config.icmp !== 'vendor') return [];
  const server = cidrEnds(cidr(plan.config.hosts.server[0]))[0];
  const probes: Probe[] = (['icmp', 'esp', 'ah', 'gre'] as const).map((protocol) => ({ source: server, protocol }));
  const allowed = (evaluate: (p: Probe) => { allowed: boolean }, list: Probe[]) => list.filter((p) => evaluate(p).allowed).map((p) => p.protocol);
  const findings: Finding[] = [];
  const admitted = allowed(cloudEvaluator(cloud, tf, plan, 'server', ctx), probes);
  findings.push({
    kind: 'icmp-vendor-flows',
    message: `${cloud} server: icmp "vendor" admits ${admitted.join(', ') || 'nothing'} from the Servers (icmp "native" admits icmp only)`,
  });
  if (cloud === 'azure') {
    // The vendor's page has no deny-all of its own: without ours, AllowVnetInBound (65000)
    // decides every non-TCP/UDP packet from any host of the virtual network.
    const literal = structuredClone(tf) as { resource?: Record<string, Record<string, unknown>> };
    const rules = literal.resource?.azurerm_network_security_rule ?? {};
    for (const [name, body] of Object.entries(rules)) if ((body as { name?: string }).name === 'server-deny-all-inbound') delete rules[name];
    const stranger = strangerIn(plan, ctx.vnetCidrs);
    const fromVnet = allowed(cloudEvaluator(cloud, literal as TfJson, plan, 'server', ctx), probes.map((p) => ({ ...p, source: stranger })));
    findings.push({
      kind: 'icmp-vendor-flows',
      message: `azure server: the vendor's page as written (no deny-all) would admit ${fromVnet.join(', ') || 'nothing'} from every host of the virtual network (e.g. ${stranger}) through AllowVnetInBound; this project's deny-all-inbound (4096) stops that`,
    });
  }
  return findings;
}

/** Rules that can never decide a packet: an earlier rule matches everything they match. */
export function shadowFindings(group: GroupPlan): Finding[] {
  return shadowedRules(group).map(({ rule, by, duplicate }) => ({
    kind: duplicate ? ('duplicate-rule' as const) : ('shadowed-rule' as const),
    message: `${group.group}: rule ${rule.id} (${rule.protocol} ${portText(rule.ports)}) ${duplicate ? 'duplicates' : 'is shadowed by'} ${by.id} (priority ${by.priority})`,
  }));
}

function planFindings(plan: FirewallPlan): Finding[] {
  return PROTECTED_GROUPS.flatMap((group: ProtectedGroup) => shadowFindings(plan.groups[group]));
}

/** The per-cloud summary and one line per divergence or finding. */
export function renderReport(report: VerifyReport): string {
  const lines: string[] = [];
  for (const { cloud, compared, mismatches, problems, unsupported } of report.clouds) {
    const divergences = mismatches.length + problems.length;
    if (unsupported) lines.push(`${cloud}: cannot verify: ${unsupported}`);
    else lines.push(`${cloud}: ${compared} probes, ${divergences === 0 ? 'effective access equals the spec' : `${divergences} divergences`}`);
    for (const line of [...mismatches.map(formatMismatch), ...problems]) lines.push(`  ${line}`);
  }
  for (const finding of report.findings) lines.push(`warning: ${finding.message}`);
  return `${lines.join('\n')}\n`;
}
