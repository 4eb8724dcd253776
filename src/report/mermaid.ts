/**
 * The flow diagram as a Mermaid flowchart (GitHub renders ```mermaid blocks): the vendor's flows
 * between the Internet/load balancer, the Edges, the Servers and the Administration host, with
 * protocols and ports on the arrows. Deterministic: nodes and arrows in a fixed order.
 */
import { DiagramEdge, DiagramNode, NODE_TITLES } from './diagram';

const IDS: Readonly<Record<DiagramNode, string>> = { internet: 'internet', edge: 'edges', server: 'servers', adminHost: 'admin', other: 'other' };

/** Mermaid label text: quotes and markup characters as entities. */
const text = (value: string) => value.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));

export function renderMermaid(edges: readonly DiagramEdge[]): string {
  const used = new Set<DiagramNode>(['internet', 'edge', 'server', 'adminHost']);
  for (const edge of edges) used.add(edge.from);
  const order: DiagramNode[] = ['internet', 'edge', 'server', 'adminHost', 'other'];
  const lines = ['flowchart LR'];
  for (const node of order.filter((n) => used.has(n))) lines.push(`  ${IDS[node]}["${text(NODE_TITLES[node])}"]`);
  for (const edge of edges) {
    const label = [...edge.label, ...(edge.missing?.length ? [`missing: ${edge.missing.join('; ')}`] : []), ...(edge.extra?.length ? [`extra: ${edge.extra.join(', ')}`] : [])].map(text).join('<br/>');
    lines.push(`  ${IDS[edge.from]} -->|"${label}"| ${IDS[edge.to]}`);
  }
  return `${lines.join('\n')}\n`;
}
