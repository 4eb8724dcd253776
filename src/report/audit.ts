/**
 * What `audit` tells a person about one cloud's deployment, built from the analysis's CloudResult:
 * the vendor's rows with their status (present, missing, different), the missing flows, the extra
 * flows with the rule that admits each, the findings, and per divergence the change that closes
 * it in that cloud's terms (src/report/fixes/<cloud>.ts). Renderers (text, JSON, HTML) read this.
 */
import type { CloudResult, Divergence, Finding } from '../analysis/result';
import type { Cloud } from '../clouds';
import { PlannedRule, portText as planPortText } from '../plan/plan';
import type { AuditContext, Fix } from './audit-types';
import type { RowState } from './diagram';
import { HostGroup, PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';
import { expectedRules, flowPorts, flowSources, flowText, ruleProtocolMatches, ruleSources } from './flow-sets';
import { portSpans, portsOverlap, sameSpans, samePorts } from './ranges';
import { fixAws } from './fixes/aws';
import { fixAzure } from './fixes/azure';
import { fixGcp } from './fixes/gcp';


export interface RowStatus {
  readonly group: ProtectedGroup;
  readonly id: string;
  readonly action: 'allow' | 'deny';
  /** The vendor's cells, or our reading of the rule where the vendor has no row. */
  readonly protocol: string;
  readonly port: string;
  readonly source: string;
  readonly description: string;
  /** The concrete match: "tcp 40000-40100 from 0.0.0.0/0". */
  readonly match: string;
  readonly status: RowState;
  readonly note?: string;
}


export interface AuditDivergence {
  readonly divergence: Divergence;
  readonly fix: Fix;
}


export interface AuditReport {
  readonly cloud: Cloud;
  readonly name: string;
  readonly exports: readonly string[];
  readonly labels: Readonly<Record<HostGroup, readonly string[]>>;
  readonly network?: string;
  readonly cells: number;
  readonly rows: readonly RowStatus[];
  readonly missing: readonly AuditDivergence[];
  readonly extra: readonly AuditDivergence[];
  readonly problems: readonly string[];
  readonly findings: readonly Finding[];
  readonly unsupported?: string;
  /** Effective access equals the vendor's rows: exit 0. */
  readonly equal: boolean;
}

export const GROUP_NAMES: Readonly<Record<HostGroup, string>> = { edge: 'Edges', server: 'Servers', adminHost: 'Administration host' };

export function ruleMatch(rule: PlannedRule): string {
  const ports = rule.protocol === 'tcp' || rule.protocol === 'udp' ? ` ${planPortText(rule.ports)}` : '';
  const source = rule.source.kind === 'any' ? 'Any' : rule.source.cidrs.join(', ');
  return `${rule.protocol}${ports} from ${source}`;
}

function rowStatus(cloud: Cloud, ipv6: boolean, rule: PlannedRule, missing: readonly Divergence[], extra: readonly Divergence[]): { status: RowState; note?: string } {
  const own = missing.filter((d) => d.group === rule.target && d.expected.rule === rule.id);
  if (own.length > 0) {
    const whole = own.some((d) => !d.flow.destinations && sameSpans(flowSources(d.flow), ruleSources(rule, ipv6)) && samePorts(flowPorts(d.flow), portSpans(rule.ports ? planPortText(rule.ports) : '*')));
    return whole ? { status: 'missing', note: `no rule on ${cloud} admits it` } : { status: 'different', note: `only part of it reaches: ${own.map((d) => flowText(d.flow)).join('; ')} does not` };
  }
  // Extra packets on the row's own protocol and ports (a wider source, a wider range): the row is there, but not as the vendor wrote it.
  const around = extra.filter((d) => d.group === rule.target && ruleProtocolMatches(rule, d.flow) && portsOverlap(flowPorts(d.flow), portSpans(rule.ports ? planPortText(rule.ports) : '*')));
  if (around.length > 0 && rule.action === 'allow') return { status: 'different', note: `also admitted on the same port: ${around.map((d) => flowText(d.flow)).join('; ')}` };
  return { status: 'present' };
}

function fixFor(ctx: AuditContext, divergence: Divergence): Fix {
  switch (ctx.cloud) {
    case 'aws':
      return fixAws(ctx, divergence);
    case 'azure':
      return fixAzure(ctx, divergence);
    case 'gcp':
      return fixGcp(ctx, divergence);
  }
}

export function auditReport(ctx: AuditContext, result: CloudResult): AuditReport {
  const missing = result.divergences.filter((d) => d.expected.allowed && !d.actual.allowed);
  const extra = result.divergences.filter((d) => !d.expected.allowed && d.actual.allowed);
  const rows: RowStatus[] = PROTECTED_GROUPS.flatMap((group) =>
    expectedRules(ctx.cloud, ctx.plan, group).map((rule) => {
      const cells = rule.vendor ?? { protocol: rule.protocol.toUpperCase(), port: planPortText(rule.ports), source: rule.source.kind === 'any' ? 'Any' : rule.source.group ? GROUP_NAMES[rule.source.group] : rule.source.cidrs.join(', '), description: rule.description };
      return { group, id: rule.id, action: rule.action, protocol: cells.protocol, port: cells.port, source: cells.source, description: cells.description, match: ruleMatch(rule), ...rowStatus(ctx.cloud, ctx.plan.config.ipv6, rule, missing, extra) };
    }),
  );
  return {
    cloud: ctx.cloud,
    name: ctx.plan.config.name,
    exports: ctx.exports,
    labels: ctx.labels,
    ...(ctx.network ? { network: ctx.network } : {}),
    cells: result.cells,
    rows,
    missing: missing.map((divergence) => ({ divergence, fix: fixFor(ctx, divergence) })),
    extra: extra.map((divergence) => ({ divergence, fix: fixFor(ctx, divergence) })),
    problems: result.problems,
    findings: result.findings,
    ...(result.unsupported ? { unsupported: result.unsupported } : {}),
    equal: !result.unsupported && result.divergences.length === 0 && result.problems.length === 0,
  };
}

export { expectedRules, flowText } from './flow-sets';
export type { AuditContext, Fix } from './audit-types';
export type { RowState } from './diagram';
