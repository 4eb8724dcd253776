/**
 * The configs the real-Terraform tests plan (the variants test/access-matrix.test.ts,
 * test/groups.test.ts and test/ipv6.test.ts cover), and the same configs as published-module
 * inputs, where the module has the inputs a variant needs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cloud } from '../src/clouds';
import { ROOT } from './terraform-harness';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'examples/st-prod.json'), 'utf8'));

export interface Variant {
  /** A Terraform identifier: module call and directory name. */
  readonly id: string;
  readonly raw: Json;
}

export const VARIANTS: readonly Variant[] = [
  { id: 'native', raw: EXAMPLE },
  { id: 'vendor', raw: { ...EXAMPLE, icmp: 'vendor' } },
  { id: 'groups', raw: { ...EXAMPLE, sources: 'groups' } },
  {
    id: 'groups_existing_sgs',
    raw: {
      ...EXAMPLE,
      sources: 'groups',
      icmp: 'vendor',
      aws: { ...EXAMPLE.aws, adminHostSecurityGroupId: 'sg-0aaaaaaaaaaaaaaa1', loadBalancerSecurityGroupId: 'sg-0bbbbbbbbbbbbbbb2' },
      // GCP's existing identities: rules match instances by service account instead of network tag.
      gcp: {
        ...EXAMPLE.gcp,
        serviceAccounts: { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', adminHost: 'st-admin@my-project.iam.gserviceaccount.com' },
      },
    },
  },
  {
    id: 'ipv6',
    raw: {
      ...EXAMPLE,
      ipv6: true,
      edge: { privateIps: ['10.0.1.10', 'fd00:1::10'] },
      server: { privateIps: ['10.0.2.10', 'fd00:2::/126'] },
      // An IPv4 address too: the Azure and GCP modules write every rule's IPv4 half (an IPv6-only group: ipv6_extra_rules).
      adminHost: { privateIps: ['10.0.9.5', 'fd00:9::5'] },
    },
  },
  {
    // Extra rules with IPv6 sources, on dual-stack hosts (the Azure and GCP modules need an IPv4 address per group).
    id: 'ipv6_extra_rules',
    raw: {
      ...EXAMPLE,
      ipv6: true,
      edge: { privateIps: ['10.0.1.10', 'fd00:1::10'] },
      server: { privateIps: ['10.0.2.10', 'fd00:2::/126'] },
      adminHost: { privateIps: ['10.0.9.5', 'fd00:9::5'] },
      rules: [{ id: 'server-monitoring', group: 'server', protocol: 'tcp', ports: '9100', source: ['2001:db8:100::/48', '198.51.100.0/24'], priority: 1000, description: 'Monitoring' }],
    },
  },
  {
    id: 'ipv6_groups_vendor',
    raw: { ...EXAMPLE, ipv6: true, sources: 'groups', icmp: 'vendor', edge: { privateIps: ['10.0.1.10', 'fd00:1::10'] }, server: { privateIps: ['10.0.2.10', 'fd00:2::10'] } },
  },
  {
    id: 'extra_rules',
    raw: {
      ...EXAMPLE,
      rules: [
        { id: 'edge-node-exporter', group: 'edge', protocol: 'tcp', ports: '9100-9101', source: 'adminHost', priority: 1000, description: 'Prometheus exporters' },
        { id: 'server-ntp', group: 'server', protocol: 'udp', ports: 123, source: ['10.0.50.0/24'], priority: 1000, description: 'NTP from the time servers' },
        { id: 'server-ping-monitor', group: 'server', protocol: 'icmp', source: ['198.51.100.0/24'], priority: 1010, description: 'Ping from the monitoring service' },
      ],
    },
  },
];

export function sourcesOf(raw: Json, cloud: Cloud): 'cidr' | 'groups' {
  return raw[cloud]?.sources ?? raw.sources ?? 'cidr';
}

/** modules/<dir> for a cloud and sources mode. */
export function moduleDir(cloud: Cloud, sources: 'cidr' | 'groups'): string {
  return sources === 'cidr' ? cloud : `${cloud}-groups`;
}

/**
 * Config features no module has an input for yet: the only reason a variant may go unplanned by
 * a module of its sources mode. None today: every variant is planned by its modules.
 */
export const INPUTS_TO_COME: readonly string[] = [];

/** Module inputs for a raw config, or the config features the module has no input for. */
export function moduleInputs(cloud: Cloud, raw: Json, variables: readonly string[]): { inputs: Record<string, Json> } | { lacks: string[] } {
  const sources = sourcesOf(raw, cloud);
  const [from, to] = String(raw.ftpPassivePorts).split('-').map(Number);
  const inputs: Record<string, Json> = { name: raw.name, ftp_passive_ports: { from, to: to ?? from }, icmp_mode: raw.icmp ?? 'native' };
  if (sources === 'cidr') Object.assign(inputs, { edge_private_ips: raw.edge.privateIps, server_private_ips: raw.server.privateIps, admin_host_private_ips: raw.adminHost.privateIps });
  const c = raw[cloud] ?? {};
  if (cloud === 'aws') inputs.vpc_id = c.vpcId ?? null;
  if (cloud === 'azure') Object.assign(inputs, { resource_group_name: c.resourceGroupName ?? `rg-${raw.name}`, location: c.location ?? 'westeurope' });
  if (cloud === 'gcp') inputs.network = c.network ?? 'default';
  // Features the modules gain over time (#14): an input is passed only where the module has it.
  const optional: [string, boolean, () => Json][] = [
    ['ipv6', raw.ipv6 === true, () => true],
    ['extra_rules', (raw.rules ?? []).length > 0, () => Object.fromEntries(raw.rules.map(({ id, ...rule }: Json) => [id, { ...rule, ports: rule.ports === undefined ? undefined : String(rule.ports) }]))],
    ['admin_host_security_group_id', cloud === 'aws' && !!c.adminHostSecurityGroupId, () => c.adminHostSecurityGroupId],
    ['load_balancer_security_group_id', cloud === 'aws' && !!c.loadBalancerSecurityGroupId, () => c.loadBalancerSecurityGroupId],
    ['service_accounts', cloud === 'gcp' && !!c.serviceAccounts, () => ({ edge: c.serviceAccounts.edge, server: c.serviceAccounts.server, admin_host: c.serviceAccounts.adminHost })],
    ['tags', !!raw.tags, () => raw.tags],
  ];
  const lacks: string[] = [];
  for (const [name, used, value] of optional) {
    if (!used) continue;
    if (variables.includes(name)) inputs[name] = value();
    else lacks.push(name);
  }
  return lacks.length > 0 ? { lacks } : { inputs };
}
