/**
 * Renders an Explanation as Markdown (for people: docs/rules.md) or JSON (for tools). Both are
 * deterministic: no timestamps, no paths, keys in a fixed order, so a regenerated file diffs clean.
 */
import type { Cloud } from '../clouds';
import { renderMermaid } from '../report/mermaid';
import type { AddedRow, CloudExplanation, Explanation, GroupExplanation, NativeEntry, RuleRow } from './explain';
import { stableJson } from '../report/json';

export interface MarkdownOptions {
  /** The command that regenerates the file, printed in its header. */
  readonly regenerate?: string;
}

const TITLES: Readonly<Record<Cloud, string>> = { aws: 'AWS security groups', azure: 'Azure network security groups', gcp: 'GCP firewall rules' };
const GROUP_TITLES = { edge: 'Edge hosts', server: 'Server hosts' } as const;

/** What each cloud's native columns mean, so a reader does not have to know the providers. */
const CLOUD_NOTES: Readonly<Record<Cloud, string>> = {
  aws:
    'One `aws_vpc_security_group_ingress_rule` per rule and source CIDR (the resource takes exactly one), found by the tag `st-firewall:rule` = rule id. ' +
    'Security groups are allow-only over a default deny and have no priorities: order does not matter. ' +
    '`ip_protocol` `-1` is every protocol; for `icmp` the two numbers are ICMP type/code, -1 meaning any.',
  azure:
    'One `azurerm_network_security_rule` per rule, found by `name` = rule id. Lower priority is evaluated first, the first match wins. ' +
    'Native match: protocol and destination port range, from the source prefixes, to the destination prefixes.',
  gcp:
    'One `google_compute_firewall` per rule, found by `name` = `<config name>-<rule id>`, applied to instances by target tag. ' +
    'Lower priority is evaluated first. Native match: protocol:ports, from the source ranges, on the target tags.',
};
const APPLIES_TO: Readonly<Record<Cloud, string>> = { aws: 'on security group', azure: 'to', gcp: 'on tags' };

const HEADER = ['#', 'Rule', 'Vendor protocol', 'Port', 'Source', 'Description', 'Native resource', 'Priority', 'Action', 'Native match'];

/** Table cell text: pipes would end the cell, and * and _ would turn into emphasis. */
function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/([|*_`<>[\]])/g, '\\$1');
}

/** A literal value; pipes still need escaping inside a table, even in a code span. */
function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

const codes = (items: readonly string[]): string => (items.length > 0 ? items.map(code).join(', ') : '—');
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

function match(cloud: Cloud, entry: NativeEntry): string {
  const target = `${APPLIES_TO[cloud]} ${codes(entry.appliesTo)}`;
  return entry.direction === 'ingress' ? `${code(entry.traffic)} from ${codes(entry.peers)} ${target}` : `egress ${code(entry.traffic)} to ${codes(entry.peers)}, ${target}`;
}

/** The four native columns; several entries (resources that disagree) stack with <br>. */
function nativeCells(cloud: Cloud, entries: readonly NativeEntry[], lead = ''): string[] {
  const column = (cell: (entry: NativeEntry) => string) => entries.map(cell).join('<br>');
  return [
    lead + column((entry) => entry.addresses.map(code).join('<br>')),
    column((entry) => (entry.priority === null ? '—' : String(entry.priority))),
    column((entry) => entry.action),
    column((entry) => match(cloud, entry)),
  ];
}

function ruleRow(cloud: Cloud, rule: RuleRow): string {
  const { protocol, port, source, description } = rule.cells;
  const vendorProtocol = rule.cellsFrom === 'vendor table' ? md(protocol) : `${md(protocol)} *(${md(rule.cellsFrom)})*`;
  const lead = rule.note ? `*${md(rule.note)}:*<br>` : '';
  const native =
    rule.status === 'MISSING'
      ? [`**MISSING**${rule.note ? ` *(${md(rule.note)})*` : ''}`, '—', '—', '—']
      : rule.status === 'not expressible'
        ? [`**not expressible** *(${md(rule.note ?? '')})*`, '—', '—', '—']
        : nativeCells(cloud, rule.native, lead);
  return row([String(rule.index), code(rule.id), vendorProtocol, md(port), md(source), md(description), ...native]);
}

function addedRow(cloud: Cloud, added: AddedRow, index: number): string {
  const origin = added.addedBy === 'emitter' ? '*(added by the emitter)*' : '*(not in the plan)*';
  return row([`+${index + 1}`, code(added.key || '(no name)'), origin, '—', '—', md(added.reason), ...nativeCells(cloud, [added.native])]);
}

function table(cloud: Cloud, rules: readonly RuleRow[], added: readonly AddedRow[]): string[] {
  return [row(HEADER), row(HEADER.map(() => '---')), ...rules.map((rule) => ruleRow(cloud, rule)), ...added.map((extra, i) => addedRow(cloud, extra, i))];
}

function group(cloud: Cloud, g: GroupExplanation): string[] {
  const types = [...new Set(g.rules.filter((rule) => rule.cellsFrom === 'vendor table').map((rule) => rule.cells.type))];
  const lines = [
    `### ${GROUP_TITLES[g.group]} (\`${g.group}\`)`,
    '',
    `Protected hosts: ${codes(g.hosts)}. Vendor table type: ${types.map(md).join(', ') || '—'}.`,
    '',
    ...table(cloud, g.rules, g.added),
  ];
  for (const warning of g.warnings) lines.push('', `> **${cloud} could not build the plan literally:** ${md(warning)}`);
  const notInPlan = g.vendorRowsNotInPlan;
  if (notInPlan) {
    lines.push('', `Vendor rows that are not rules of this plan (${md(notInPlan.reason)}):`, '', row(['Vendor protocol', 'Port', 'Source', 'Description']), row(['---', '---', '---', '---']));
    for (const cells of notInPlan.rows) lines.push(row([md(cells.protocol), md(cells.port), md(cells.source), md(cells.description)]));
  }
  return lines;
}

function cloudSection(c: CloudExplanation): string[] {
  const lines = [`## ${c.cloud}: ${TITLES[c.cloud]}`, '', CLOUD_NOTES[c.cloud]];
  for (const g of c.groups) lines.push('', ...group(c.cloud, g));
  if (c.unplaced.length > 0) {
    lines.push('', '### Resources of no protected group', '', ...table(c.cloud, [], c.unplaced));
  }
  return lines;
}

export function renderMarkdown(e: Explanation, options: MarkdownOptions = {}): string {
  const lines = [
    '# SecureTransport firewall rules, cloud by cloud',
    '',
    '<!-- Generated by `st-firewall explain`. Do not edit by hand. -->',
    `Generated by \`st-firewall explain\` from the synthesized Terraform JSON; do not edit by hand${options.regenerate ? `: regenerate with \`${options.regenerate}\`` : ''}.`,
    '',
    `Config \`${e.name}\`, icmp \`${e.icmp}\`. One row per rule of the plan, in evaluation order. ` +
      'The vendor columns are the cells of the vendor\'s tables; where the vendor has no row, they hold our reading of the rule, marked in *Vendor protocol*. ' +
      'The native columns are read from the resources in `cdk.tf.json`: **MISSING** means the plan rule has no resource there. ' +
      'Rows numbered +1, +2... are resources that are not in the plan: rules the emitter adds, with its reason, or anything else found.',
  ];
  lines.push(
    '',
    '## Flows',
    '',
    'The plan\'s flows between the host classes, with protocols and ports on the arrows (the same on every cloud; the tables below show how each is built).',
    '',
    '```mermaid',
    ...renderMermaid(e.flows).trimEnd().split('\n'),
    '```',
  );
  for (const c of e.clouds) lines.push('', ...cloudSection(c));
  return `${lines.join('\n')}\n`;
}

export function renderJson(e: Explanation): string {
  return stableJson(e);
}
