/**
 * Closing a divergence on GCP: of the enabled firewalls of the network that apply to the
 * instance, the lowest priority number decides and deny wins ties. A missing flow needs an allow
 * at a priority number lower than the rule that denies it; an extra flow needs the admitting
 * firewall narrowed (`--rules` without the port, `--source-ranges` without the source) or
 * deleted. Commands are `gcloud compute firewall-rules create|update|delete`.
 */
import type { Divergence } from '../../analysis/result';
import type { GcpEntry, GcpFirewall, GcpModel } from '../../model/gcp';
import { IANA } from '../../model/common';
import type { AuditContext, Fix } from '../audit-types';
import { flowText, narrowing, wantedBy } from '../flow-sets';
import { fromCidr, PortSpan, portText, Span, spansToCidrs } from '../ranges';
import { flowCidrs, flowPortTexts, protocolNumber, sh } from './common';

const NAMES: Readonly<Record<number, string>> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 50: 'esp', 51: 'ah', 132: 'sctp' };
const protocolName = (p: GcpEntry['protocol']) => (p === 'all' ? 'all' : (NAMES[p] ?? String(p)));

/** An entry in --rules syntax: "tcp:80,tcp:443", "icmp". */
const entryText = (protocol: string, ports: readonly PortSpan[] | null) => (ports && ports.length ? ports.map((p) => `${protocol}:${portText(p)}`).join(',') : protocol);

function target(ctx: AuditContext, group: 'edge' | 'server'): string {
  const binding = ctx.deployment.bindings[group];
  return binding.serviceAccount ? `--target-service-accounts ${sh(binding.serviceAccount)}` : `--target-tags ${binding.attached.map(sh).join(',')}`;
}

export function fixGcp(ctx: AuditContext, d: Divergence): Fix {
  const model = ctx.deployment.model as GcpModel;
  const network = ctx.network ?? ctx.plan.config.gcp.network;
  const firewall: GcpFirewall | undefined = model.firewalls.find((f) => f.network === network && (f.origin.address === d.actual.rule || f.name === d.actual.rule));
  const project = firewall?.project ?? ctx.plan.config.gcp.project;
  const projectFlag = project ? ` --project ${sh(project)}` : '';
  if (d.expected.allowed) {
    const priority = Math.max(0, (firewall?.priority ?? 65535) - 1);
    const ports = flowPortTexts(d.flow);
    const protocol = d.flow.protocol in { tcp: 1, udp: 1, icmp: 1, esp: 1, ah: 1, sctp: 1 } ? d.flow.protocol : String(protocolNumber(d.flow.protocol) ?? d.flow.protocol);
    const rules = ports.length ? ports.map((p) => `${protocol}:${p}`).join(',') : protocol;
    const decided = firewall ? `${firewall.name} (priority ${firewall.priority})` : d.actual.rule;
    return {
      change: `add an allow firewall on network ${network} at priority ${priority}, before ${decided} which denies ${flowText(d.flow)} (vendor row ${d.expected.rule})`,
      commands: [`gcloud compute firewall-rules create ${sh(`allow-${d.expected.rule}`)}${projectFlag} --network ${sh(network)} --direction INGRESS --priority ${priority} --action ALLOW --rules ${rules} --source-ranges ${flowCidrs(d.flow).join(',')} ${target(ctx, d.group)}`],
    };
  }
  if (!firewall) return { change: `remove or narrow ${d.actual.rule}, which admits ${flowText(d.flow)}`, commands: [] };
  const flowProtocol = protocolNumber(d.flow.protocol);
  const entry = firewall.entries.find((e) => e.protocol === 'all' || e.protocol === flowProtocol);
  const withPorts = entry && (entry.protocol === IANA.tcp || entry.protocol === IANA.udp || entry.protocol === IANA.sctp);
  const ports: PortSpan[] = withPorts && entry.ports ? entry.ports.map((r) => ({ from: r.from, to: r.to })) : [{ from: 0, to: 65535 }];
  // Source tags and service accounts stand for their members (the config's hosts); ranges for themselves.
  const named = [...firewall.sourceTags, ...firewall.sourceServiceAccounts].map((key) => ctx.deployment.membership.get(key));
  const bySource = firewall.sourceTags.length === 0 && firewall.sourceServiceAccounts.length === 0;
  const sources: Span[] | undefined = named.every(Boolean) ? [...firewall.sourceRanges.map(fromCidr), ...named.flatMap((m) => m!.map(fromCidr))] : undefined;
  const how = narrowing({ ports, sources }, d.flow, wantedBy(ctx.cloud, ctx.plan, d.group, d.flow));
  const label = `firewall ${firewall.name} (priority ${firewall.priority})`;
  const update = `gcloud compute firewall-rules update ${sh(firewall.name)}${projectFlag}`;
  const otherEntries = firewall.entries.filter((e) => e !== entry).map((e) => entryText(protocolName(e.protocol), e.ports));
  const deleteIt = `gcloud compute firewall-rules delete ${sh(firewall.name)}${projectFlag}`;
  const rulesWith = (keep: readonly PortSpan[]) => [...otherEntries, ...(keep.length ? [entryText(protocolName(entry!.protocol), keep)] : [])];
  switch (how.kind) {
    case 'remove':
      return otherEntries.length === 0
        ? { change: `delete ${label}: it admits ${flowText(d.flow)}`, commands: [deleteIt] }
        : { change: `take ${protocolName(entry!.protocol)} out of ${label}: it admits ${flowText(d.flow)}`, commands: [`${update} --rules ${rulesWith([]).join(',')}`] };
    case 'sources': {
      if (!bySource) return { change: `narrow the sources of ${label} (tags or service accounts): it also admits ${flowText(d.flow)}`, commands: [] };
      const keep = spansToCidrs(how.keep);
      return { change: `narrow the source ranges of ${label} to ${keep.join(', ')}: it also admits ${flowText(d.flow)}`, commands: [`${update} --source-ranges ${keep.join(',')}`] };
    }
    case 'ports': {
      const rules = rulesWith(how.keep);
      return rules.length === 0
        ? { change: `delete ${label}: it admits ${flowText(d.flow)}`, commands: [deleteIt] }
        : { change: `take ${flowPortTexts(d.flow).join(', ') || d.flow.protocol} out of ${label}: it admits ${flowText(d.flow)}`, commands: [`${update} --rules ${rules.join(',')}`] };
    }
    case 'narrow':
      return { change: `narrow ${label}: it admits ${flowText(d.flow)}`, commands: [] };
  }
}
