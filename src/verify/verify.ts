/**
 * `st-firewall verify`: every cloud's synthesized Terraform against the plan, over the whole
 * header space (src/analysis/), plus security findings. Reads Terraform JSON only, so hand edits
 * and drift are caught.
 */
import { Cloud } from '../clouds';
import { shadowedRules } from '../plan/overlap';
import { FirewallPlan, GroupPlan, portText } from '../plan/plan';
import { PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';
import { analyzeCloud } from '../analysis/analyze';
import type { CloudResult, Decision, Divergence, Finding, Flow } from '../analysis/result';
import { UnsupportedConstruct } from '../model/errors';
import { cdktfModel, planDeployment, TfJson } from '../sources/cdktf-json';

export { ADMIN_PORTS } from '../analysis/findings';
/** Azure's VirtualNetwork tag, when the real address space is not given: every private range. */
export const DEFAULT_VNET = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export interface VerifyReport {
  readonly clouds: readonly CloudResult[];
  /** The plan's own findings and every cloud's. */
  readonly findings: readonly Finding[];
  readonly ok: boolean;
}

export interface VerifyOptions {
  readonly vnetCidrs?: readonly string[];
}

/** One cloud's stack read and analysed; what the reader will not guess about ends it as unsupported. */
export function verifyCloud(cloud: Cloud, tf: TfJson, plan: FirewallPlan, vnetCidrs: readonly string[]): CloudResult {
  try {
    return analyzeCloud(cloud, planDeployment(cloud, plan, cdktfModel(cloud, tf)), plan, { vnetCidrs });
  } catch (err) {
    if (!(err instanceof UnsupportedConstruct)) throw err;
    return { cloud, cells: 0, divergences: [], problems: [], findings: [], unsupported: err.message };
  }
}

export function verify(plan: FirewallPlan, stacks: Partial<Record<Cloud, TfJson>>, options: VerifyOptions = {}): VerifyReport {
  const vnetCidrs = options.vnetCidrs ?? DEFAULT_VNET;
  const clouds = (Object.entries(stacks) as [Cloud, TfJson][]).map(([cloud, tf]) => verifyCloud(cloud, tf, plan, vnetCidrs));
  const findings = [...planFindings(plan), ...clouds.flatMap((c) => c.findings)];
  return { clouds, findings, ok: clouds.every((c) => c.divergences.length === 0 && c.problems.length === 0 && !c.unsupported) };
}

/**
 * The security findings alone (shadowed and duplicate rules, admin or cluster ports reachable
 * from Any, what icmp "vendor" admits), from the same analysis: `synth` prints them.
 */
export function securityFindings(plan: FirewallPlan, stacks: Partial<Record<Cloud, TfJson>>, options: VerifyOptions = {}): readonly Finding[] {
  return verify(plan, stacks, options).findings;
}

/** Rules that can never decide a packet: an earlier rule matches everything they match. */
export function shadowFindings(group: GroupPlan): Finding[] {
  return shadowedRules(group).map(({ rule, by, duplicate }) => ({
    kind: duplicate ? ('duplicate-rule' as const) : ('shadowed-rule' as const),
    group: group.group,
    message: `${group.group}: rule ${rule.id} (${rule.protocol} ${portText(rule.ports)}) ${duplicate ? 'duplicates' : 'is shadowed by'} ${by.id} (priority ${by.priority})`,
  }));
}

export function planFindings(plan: FirewallPlan): Finding[] {
  return PROTECTED_GROUPS.flatMap((group: ProtectedGroup) => shadowFindings(plan.groups[group]));
}

const verb = (allowed: boolean) => (allowed ? 'allow' : 'deny');
const decisionText = (d: Decision) => `${verb(d.allowed)} (${d.rule}${d.name && !d.rule.endsWith(`.${d.name}`) ? ` "${d.name}"` : ''})`;
/** At most this many sources or destinations per line; the rest is counted. */
const LIST_MAX = 8;
const listText = (items: readonly string[]) => (items.length <= LIST_MAX ? items.join(', ') : `${items.slice(0, LIST_MAX).join(', ')} and ${items.length - LIST_MAX} more`);

/** "tcp/40100-40110 from 192.0.2.0/24", "icmp from 10.0.2.10/32 to fd00:2::10/128", "ip protocols 0, 2-5... from ::/0". */
export function flowText(flow: Flow): string {
  const protocol = flow.ports === undefined ? flow.protocol : flow.protocol === 'tcp' || flow.protocol === 'udp' || flow.protocol === 'sctp' ? `${flow.protocol}/${flow.ports}` : `${flow.protocol} ${flow.ports}`;
  return `${protocol} from ${listText(flow.sources)}${flow.destinations ? ` to ${listText(flow.destinations)}` : ''}`;
}

/** One line a reviewer can act on. */
export function formatDivergence({ cloud, group, flow, expected, actual }: Divergence): string {
  return `${cloud} ${group}: ${flowText(flow)}: expected ${decisionText(expected)}, got ${decisionText(actual)}`;
}

/** The per-cloud summary and one line per divergence or finding. */
export function renderReport(report: VerifyReport): string {
  const lines: string[] = [];
  for (const { cloud, cells, divergences, problems, unsupported } of report.clouds) {
    const count = divergences.length + problems.length;
    if (unsupported) lines.push(`${cloud}: cannot verify: ${unsupported}`);
    else lines.push(`${cloud}: every packet compared (${cells} cells), ${count === 0 ? 'effective access equals the spec' : `${count} divergences`}`);
    for (const line of [...divergences.map(formatDivergence), ...problems]) lines.push(`  ${line}`);
  }
  for (const finding of report.findings) lines.push(`warning: ${finding.message}`);
  return `${lines.join('\n')}\n`;
}
