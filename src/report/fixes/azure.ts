/**
 * Closing a divergence on Azure: NSG rules are evaluated by priority, first match decides. A
 * missing flow needs an Allow rule at a free priority before the rule that denies it; an extra
 * flow needs the admitting rule narrowed (a port out of its destinationPortRanges, a prefix out of
 * its sources) or removed, or, when a default rule admits it (AllowVnetInBound), a Deny before
 * it. Commands are `az network nsg rule create|update|delete`.
 */
import type { Divergence } from '../../analysis/result';
import type { AzureModel, AzureNsg, AzureRule } from '../../model/azure';
import type { AuditContext, Fix } from '../audit-types';
import { flowText, narrowing, wantedBy } from '../flow-sets';
import { fromCidr, PortSpan, portText, Span, spansToCidrs } from '../ranges';
import { flowCidrs, flowPortTexts, sh } from './common';

const PROTOCOL: Readonly<Record<string, string>> = { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', esp: 'Esp', ah: 'Ah' };
const FULL: Span[] = [{ family: 4, first: 0n, last: (1n << 32n) - 1n }, { family: 6, first: 0n, last: (1n << 128n) - 1n }];

function locate(model: AzureModel, rule: string): { nsg: AzureNsg; rule: AzureRule } | undefined {
  for (const nsg of model.nsgs) {
    const hit = [...nsg.rules, ...(nsg.defaultRules ?? [])].find((r) => r.origin.address === rule || (r.origin.name === rule && r.direction === 'Inbound'));
    if (hit) return { nsg, rule: hit };
  }
  return undefined;
}

const resourceGroup = (ctx: AuditContext, nsg: AzureNsg | undefined) => (nsg && /\/resourceGroups\/([^/]+)\//i.exec(nsg.key)?.[1]) ?? ctx.plan.config.azure.resourceGroupName;

/** The highest free inbound priority below `before` (100-4096): the new rule runs just before the one that decides today. */
function freePriority(nsg: AzureNsg | undefined, before: number): number {
  const taken = new Set((nsg?.rules ?? []).filter((r) => r.direction === 'Inbound').map((r) => r.priority));
  for (let p = Math.min(before - 1, 4096); p >= 100; p -= 1) if (!taken.has(p)) return p;
  return 100;
}

const base = (ctx: AuditContext, nsg: AzureNsg | undefined, fallback: string) => `-g ${sh(resourceGroup(ctx, nsg))} --nsg-name ${sh(nsg?.name ?? fallback)}`;

export function fixAzure(ctx: AuditContext, d: Divergence): Fix {
  const model = ctx.deployment.model as AzureModel;
  const attached = ctx.deployment.bindings[d.group].attached;
  const found = locate(model, d.actual.rule);
  if (d.expected.allowed) {
    const nsg = found?.nsg ?? model.nsgs.find((n) => n.key === attached[0]);
    const before = found?.rule.priority ?? 65500;
    const priority = freePriority(nsg, before);
    const ports = flowPortTexts(d.flow);
    const destinations = d.flow.destinations ?? ctx.plan.groups[d.group].hosts;
    const command = [
      `az network nsg rule create ${base(ctx, nsg, attached[0])} -n ${sh(`allow-${d.expected.rule}`)} --priority ${priority} --direction Inbound --access Allow`,
      `--protocol ${PROTOCOL[d.flow.protocol] ?? "'*'"} --source-address-prefixes ${flowCidrs(d.flow).map(sh).join(' ')} --source-port-ranges '*'`,
      `--destination-address-prefixes ${destinations.map(sh).join(' ')} --destination-port-ranges ${ports.length ? ports.join(' ') : "'*'"}`,
    ].join(' ');
    const decided = found ? `${found.rule.origin.name ?? found.rule.origin.address} (${found.rule.priority})` : d.actual.rule;
    return { change: `add an Allow rule to NSG ${nsg?.name ?? attached[0]} at priority ${priority}, before ${decided} which denies ${flowText(d.flow)} (vendor row ${d.expected.rule})`, commands: [command] };
  }
  if (!found) return { change: `remove or narrow ${d.actual.rule}, which admits ${flowText(d.flow)}`, commands: [] };
  const { nsg, rule } = found;
  const name = rule.origin.name ?? rule.origin.address;
  const isDefault = rule.priority >= 65000;
  if (isDefault) {
    const priority = freePriority(nsg, 4097);
    return {
      change: `NSG ${nsg.name}: the default rule ${name} (${rule.priority}) admits ${flowText(d.flow)}; add a Deny of everything the vendor does not list before it (priority ${priority}, after the allows)`,
      commands: [`az network nsg rule create ${base(ctx, nsg, nsg.name)} -n deny-all-inbound --priority ${priority} --direction Inbound --access Deny --protocol '*' --source-address-prefixes '*' --source-port-ranges '*' --destination-address-prefixes '*' --destination-port-ranges '*'`],
    };
  }
  const ports: PortSpan[] = rule.destinationPorts ? rule.destinationPorts.map((r) => ({ from: r.from, to: r.to })) : [{ from: 0, to: 65535 }];
  const asgMembers = rule.source.kind === 'asgs' ? rule.source.groups.map((g) => ctx.deployment.membership.get(g)) : [];
  const sources: Span[] | undefined =
    rule.source.kind === 'any' ? FULL : rule.source.kind === 'cidrs' ? rule.source.cidrs.map(fromCidr) : rule.source.kind === 'asgs' && asgMembers.every(Boolean) ? asgMembers.flatMap((m) => m!.map(fromCidr)) : undefined;
  const how = narrowing({ ports, sources }, d.flow, wantedBy(ctx.cloud, ctx.plan, d.group, d.flow));
  const update = `az network nsg rule update ${base(ctx, nsg, nsg.name)} -n ${sh(name)}`;
  const label = `rule ${name} (priority ${rule.priority}) of NSG ${nsg.name}`;
  switch (how.kind) {
    case 'remove':
      return { change: `remove ${label}: it admits ${flowText(d.flow)}`, commands: [`az network nsg rule delete ${base(ctx, nsg, nsg.name)} -n ${sh(name)}`] };
    case 'sources': {
      const keep = spansToCidrs(how.keep);
      return { change: `narrow the sources of ${label} to ${keep.join(', ')}: it also admits ${flowText(d.flow)}`, commands: [`${update} --source-address-prefixes ${keep.map(sh).join(' ')}`] };
    }
    case 'ports':
      return how.keep.length === 0
        ? { change: `remove ${label}: it admits ${flowText(d.flow)}`, commands: [`az network nsg rule delete ${base(ctx, nsg, nsg.name)} -n ${sh(name)}`] }
        : { change: `take ${flowPortTexts(d.flow).join(', ') || d.flow.protocol} out of ${label} (keep ${how.keep.map(portText).join(', ')}): it admits ${flowText(d.flow)}`, commands: [`${update} --destination-port-ranges ${how.keep.map(portText).join(' ')}`] };
    case 'narrow':
      return { change: `narrow ${label}: it admits ${flowText(d.flow)}`, commands: [] };
  }
}
