/**
 * One cloud's deployment against the plan: per protected group the exhaustive comparison
 * (space.ts) of the cloud's policy (aws.ts, azure.ts, gcp.ts) with the expected one (spec.ts),
 * its disagreements compressed into concrete flows, and the findings (findings.ts).
 */
import type { Cloud } from '../clouds';
import { cidr, Cidr, Family } from '../net/cidr';
import type { FirewallPlan } from '../plan/plan';
import { PROTECTED_GROUPS, ProtectedGroup } from '../spec/rule';
import type { AwsModel } from '../model/aws';
import type { AzureModel } from '../model/azure';
import type { Deployment } from '../model/common';
import { UnsupportedConstruct } from '../model/errors';
import type { GcpModel } from '../model/gcp';
import type { FirewallModel } from '../model/index';
import { awsEgressGaps, awsPolicy } from './aws';
import { AnalysisOptions, azurePolicies } from './azure';
import { portsText, protocolText } from './flow-text';
import type { Range } from '../model/common';
import { gcpPolicy } from './gcp';
import { fromCidrs, Interval, IntervalList, listTexts, normalize, sameSet } from './intervals';
import type { CloudResult, Decision, Divergence, Finding, Flow } from './result';
import { CellResult, compare, Comparison, PerFamily, Policy } from './space';
import { expectedPolicy } from './spec';
import { cloudFindings } from './findings';

export type { AnalysisOptions };

/** The cloud's policies on the path to the group's hosts (several only for Azure NSGs on subnet and NIC). */
export function cloudPolicies(deployment: Deployment<FirewallModel>, group: ProtectedGroup, options: AnalysisOptions): Policy[] {
  const model = deployment.model;
  switch (model.cloud) {
    case 'aws':
      return [awsPolicy(deployment as Deployment<AwsModel>, group)];
    case 'azure':
      return azurePolicies(deployment as Deployment<AzureModel>, group, options.vnetCidrs.map((text) => cidr(text)));
    case 'gcp':
      return [gcpPolicy(deployment as Deployment<GcpModel>, group)];
  }
}

export function hostSets(hosts: readonly string[]): PerFamily<IntervalList> {
  const cidrs: Cidr[] = hosts.map((text) => cidr(text));
  return { 4: fromCidrs(cidrs, 4), 6: fromCidrs(cidrs, 6) };
}

const key = (list: IntervalList) => list.map(({ lo, hi }) => `${lo}-${hi}`).join(',');
const decisionKey = (d: Decision) => `${d.allowed}:${d.rule}`;

/** Disagreements of every cell, merged along ports (contiguous cells) and then across destination classes. */
export function divergencesOf(cloud: Cloud, group: ProtectedGroup, comparison: Comparison & { protocolNames: PerFamily<number[]> }, hosts: PerFamily<IntervalList>): Divergence[] {
  interface Open { family: Family; protocol: number; expected: Decision; actual: Decision; sources: IntervalList; destinations: IntervalList; ports: Range }
  const byCell = new Map<string, Open[]>();
  for (const { cell, disagreements } of comparison.cells as CellResult[]) {
    for (const d of disagreements) {
      const k = `${cell.family}|${cell.protocol}|${decisionKey(d.expected)}|${decisionKey(d.actual)}|${key(d.sources)}|${key(cell.destinations)}`;
      const runs = byCell.get(k) ?? [];
      byCell.set(k, runs);
      const last = runs[runs.length - 1];
      if (last && last.ports.to + 1 === cell.ports.from) last.ports = { from: last.ports.from, to: cell.ports.to };
      else runs.push({ family: cell.family, protocol: cell.protocol, expected: d.expected, actual: d.actual, sources: d.sources, destinations: cell.destinations, ports: cell.ports });
    }
  }
  // Across destination classes: the same flow to several classes is one flow to their union.
  const merged = new Map<string, Open>();
  for (const runs of byCell.values()) {
    for (const run of runs) {
      const k = `${run.family}|${run.protocol}|${decisionKey(run.expected)}|${decisionKey(run.actual)}|${key(run.sources)}|${run.ports.from}-${run.ports.to}`;
      const before = merged.get(k);
      if (before) before.destinations = normalize([...before.destinations, ...run.destinations] as Interval[]);
      else merged.set(k, { ...run });
    }
  }
  const order = [...merged.values()].sort(
    (a, b) => a.family - b.family || a.protocol - b.protocol || a.ports.from - b.ports.from || (a.sources[0].lo < b.sources[0].lo ? -1 : a.sources[0].lo > b.sources[0].lo ? 1 : 0) || decisionKey(a.actual).localeCompare(decisionKey(b.actual)),
  );
  return order.map((run) => {
    const ports = portsText(run.protocol, run.ports);
    const flow: Flow = {
      sources: listTexts(run.sources, run.family),
      protocol: protocolText(run.protocol, comparison.protocolNames[run.family]),
      ...(ports === undefined ? {} : { ports }),
      ...(sameSet(run.destinations, hosts[run.family]) ? {} : { destinations: listTexts(run.destinations, run.family) }),
    };
    return { cloud, group, flow, expected: run.expected, actual: run.actual };
  });
}

/** The whole analysis of one cloud; what it will not guess about ends it with `unsupported`. */
export function analyzeCloud(cloud: Cloud, deployment: Deployment<FirewallModel>, plan: FirewallPlan, options: AnalysisOptions): CloudResult {
  try {
    let cells = 0;
    const divergences: Divergence[] = [];
    const problems: string[] = [];
    const groups = PROTECTED_GROUPS.map((group) => {
      const hosts = hostSets(plan.groups[group].hosts);
      const policies = cloudPolicies(deployment, group, options);
      const comparison = compare({ spec: expectedPolicy(cloud, plan.groups[group]), cloud: policies, destinations: hosts });
      cells += comparison.cells.reduce((n, c) => n + c.pieces, 0);
      divergences.push(...divergencesOf(cloud, group, comparison, hosts));
      if (deployment.model.cloud === 'aws') {
        const families: Family[] = plan.config.ipv6 ? [4, 6] : [4];
        for (const { family, missing } of awsEgressGaps(deployment as Deployment<AwsModel>, group, families)) {
          const all = family === 4 ? '0.0.0.0/0' : '::/0';
          const what = missing.length === 1 && sameSet(missing, hostSets([all])[family]) ? 'got no such rule' : `got none to ${listTexts(missing, family).join(', ')}`;
          problems.push(`aws ${group}: egress: expected allow all outbound to ${all}, ${what}`);
        }
      }
      return { group, hosts, policies, comparison };
    });
    const findings: Finding[] = cloudFindings(cloud, deployment, plan, options, groups);
    return { cloud, cells, divergences, problems, findings };
  } catch (err) {
    if (!(err instanceof UnsupportedConstruct)) throw err;
    return { cloud, cells: 0, divergences: [], problems: [], findings: [], unsupported: err.message };
  }
}
