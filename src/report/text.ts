/**
 * `audit --format text|json`: the audit report for a terminal or for tools. One line per missing
 * or extra flow, naming the flow, the vendor row or the admitting rule, and the change (with the
 * cloud CLI commands) that closes it. Deterministic.
 */
import type { AuditReport } from './audit';
import { flowText, GROUP_NAMES } from './audit';
import type { HostGroup } from '../spec/rule';
import { stableJson } from './json';

export function renderAuditText(report: AuditReport): string {
  const { cloud } = report;
  const lines: string[] = [];
  const audited = (Object.keys(GROUP_NAMES) as HostGroup[]).filter((g) => report.labels[g].length > 0).map((g) => `${GROUP_NAMES[g]}: ${report.labels[g].join(', ')}`);
  lines.push(`${cloud}: audit of ${report.name} from ${report.exports.join(', ')}${report.network ? ` (network ${report.network})` : ''}`);
  if (audited.length) lines.push(`  ${audited.join('; ')}`);
  if (report.unsupported) lines.push(`${cloud}: no verdict: ${report.unsupported}`);
  else if (report.equal) lines.push(`${cloud}: ${report.cells} cells compared, effective access equals the vendor's rows`);
  else lines.push(`${cloud}: ${report.cells} cells compared, ${report.missing.length} missing, ${report.extra.length} extra${report.problems.length ? `, ${report.problems.length} other` : ''}`);
  for (const { divergence: d, fix } of report.missing) {
    lines.push(`  missing ${cloud} ${d.group}: ${flowText(d.flow)}: vendor row ${d.expected.rule}; denied by ${d.actual.name ?? d.actual.rule}`);
    lines.push(`    change: ${fix.change}`);
    for (const command of fix.commands) lines.push(`      $ ${command}`);
  }
  for (const { divergence: d, fix } of report.extra) {
    lines.push(`  extra ${cloud} ${d.group}: ${flowText(d.flow)}: admitted by ${d.actual.rule}${d.actual.name && d.actual.name !== d.actual.rule ? ` (${d.actual.name})` : ''}; the vendor lists no such flow`);
    lines.push(`    change: ${fix.change}`);
    for (const command of fix.commands) lines.push(`      $ ${command}`);
  }
  for (const problem of report.problems) lines.push(`  ${problem}`);
  if (report.unsupported) {
    for (const finding of report.findings) lines.push(`warning: ${finding.message}`);
    return `${lines.join('\n')}\n`;
  }
  const counts = (['present', 'missing', 'different'] as const).map((s) => `${report.rows.filter((r) => r.status === s).length} ${s}`).join(', ');
  lines.push(`  vendor rows: ${counts}`);
  for (const row of report.rows.filter((r) => r.status !== 'present')) lines.push(`    ${row.status} ${row.group} ${row.id} (${row.match})${row.note ? `: ${row.note}` : ''}`);
  for (const finding of report.findings) lines.push(`warning: ${finding.message}`);
  return `${lines.join('\n')}\n`;
}

export function renderAuditJson(report: AuditReport): string {
  return stableJson(report);
}
