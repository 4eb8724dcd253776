/** The README of a published module: what it creates, usage, and terraform-docs' tables. */
import { Cloud } from '../clouds';
import type { SourcesMode } from '../config/load';
import { expression, Json } from './hcl';

const TITLES: Readonly<Record<Cloud, { title: string; creates: string }>> = {
  aws: {
    title: 'AWS security groups',
    creates:
      'One `aws_security_group` per host group (Edge, Server), one `aws_vpc_security_group_ingress_rule` per vendor rule and source CIDR (`for_each` over the host list), and an explicit allow-all egress rule per group (Terraform deletes the one AWS creates). Security groups have no deny rules: `icmp_mode = "vendor"` keeps the native ICMP rule.',
  },
  azure: {
    title: 'Azure network security groups',
    creates:
      'One `azurerm_network_security_group` per host group (Edge, Server) and one `azurerm_network_security_rule` per vendor rule, then an allow for `AzureLoadBalancer` (4095) and a deny-all (4096), because the default `AllowVnetInBound` (65000) would otherwise let the whole virtual network in.',
  },
  gcp: {
    title: 'GCP VPC firewall rules',
    creates:
      'One `google_compute_firewall` per vendor rule, applied by network tag (`<name>-edge`, `<name>-server`), and a deny-all ingress per group at priority 4096, below every allow (it also overrides the `default` network\'s `default-allow-internal`).',
  },
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n\s*/g, ' ');

/** What groups mode changes, per cloud. */
const GROUPS: Readonly<Record<Cloud, string>> = {
  aws: 'Host groups are security groups: rules from the Edges, Servers and Administration host reference their security groups (the module creates one for the Administration host), one rule per vendor row whatever the number of hosts. Attach each host to its group with the outputs.',
  azure: 'Host groups are application security groups (the module creates one per host group): rules name them as sources and destinations, one rule per vendor row whatever the number of hosts. Add each host\'s NIC to its group with the outputs.',
  gcp: 'Host groups are network tags (`<name>-edge`, `<name>-server`, `<name>-admin-host`): rules name them as sources and targets, one rule per vendor row whatever the number of hosts. Give each instance its tag from the outputs.',
};

type JsonObject = { [key: string]: Json };

/** The module as the generator's Terraform JSON documents, by file (versions.tf, variables.tf, main.tf, outputs.tf). */
export type ModuleDocuments = Record<string, JsonObject>;

/** terraform-docs escapes underscores in anchor links. */
const anchor = (kind: string, name: string) => `<a name="${kind}_${name}"></a> [${name}](#${kind}\\_${name.replace(/_/g, '\\_')})`;
const code = (text: string) => (text.includes('\n') ? `<pre>${cell(text).replace(/ /g, '&nbsp;')}</pre>` : `\`${cell(text)}\``);

/** Registry documentation of a resource type: hashicorp/<provider>, the type without its provider prefix. */
function resourceLink(type: string, name: string, provider: string): string {
  return `[${type}.${name}](https://registry.terraform.io/providers/hashicorp/${provider}/latest/docs/resources/${type.replace(/^[a-z]+_/, '')})`;
}

/**
 * Requirements, Providers, Modules, Resources, Inputs and Outputs in terraform-docs' markdown
 * table layout (its default sort, by name), between its injection markers, so running
 * terraform-docs on the module rewrites the same section.
 */
function terraformDocs(documents: ModuleDocuments): string[] {
  const terraform = documents['versions.tf'].terraform as JsonObject;
  const providers = terraform.required_providers as Record<string, { source: string; version: string }>;
  const variables = documents['variables.tf'].variable as Record<string, { description: string; type: string; default?: Json }>;
  const outputs = documents['outputs.tf'].output as Record<string, { description?: string }>;
  const resources = documents['main.tf'].resource as Record<string, Record<string, Json>>;
  const [providerName] = Object.keys(providers);
  const byName = <T>(record: Record<string, T>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    '<!-- BEGIN_TF_DOCS -->',
    '## Requirements',
    '',
    '| Name | Version |',
    '|------|---------|',
    `| ${anchor('requirement', 'terraform')} | ${terraform.required_version} |`,
    ...byName(providers).map(([name, p]) => `| ${anchor('requirement', name)} | ${p.version} |`),
    '',
    '## Providers',
    '',
    '| Name | Version |',
    '|------|---------|',
    ...byName(providers).map(([name, p]) => `| ${anchor('provider', name)} | ${p.version} |`),
    '',
    '## Modules',
    '',
    'No modules.',
    '',
    '## Resources',
    '',
    '| Name | Type |',
    '|------|------|',
    ...byName(resources).flatMap(([type, named]) => Object.keys(named).sort().map((name) => `| ${resourceLink(type, name, providerName)} | resource |`)),
    '',
    '## Inputs',
    '',
    '| Name | Description | Type | Default | Required |',
    '|------|-------------|------|---------|:--------:|',
    ...byName(variables).map(([name, v]) => `| ${anchor('input', name)} | ${cell(v.description)} | ${code(v.type)} | ${v.default === undefined ? 'n/a' : code(expression(v.default))} | ${v.default === undefined ? 'yes' : 'no'} |`),
    '',
    '## Outputs',
    '',
    '| Name | Description |',
    '|------|-------------|',
    ...byName(outputs).map(([name, o]) => `| ${anchor('output', name)} | ${cell(o.description ?? '')} |`),
    '<!-- END_TF_DOCS -->',
  ];
}

/** What the modules leave out, per cloud, said once in every README of that cloud. */
const NOTES: Readonly<Record<Cloud, string>> = {
  aws: 'Tags: `tags` is merged into every security group and rule; `Name` and `st-firewall:rule` stay st-firewall\'s. Security groups have no deny rules.',
  azure: 'Tags: `tags` is merged into every network security group (and application security group); `purpose` and `generator` stay st-firewall\'s. NSGs have no ICMPv6 protocol: with `ipv6 = true`, ICMPv6 stays blocked.',
  gcp: 'Tags: GCP firewall rules have no labels, so this module takes no `tags` input.',
};

export function moduleReadme(variant: { cloud: Cloud; sources: SourcesMode }, dir: string, documents: ModuleDocuments, usage: string): string {
  const { cloud, sources } = variant;
  const { title, creates } = TITLES[cloud];
  return [
    `# SecureTransport firewall: ${title}${sources === 'groups' ? ', host groups as native groups' : ''}`,
    '',
    '<!-- Generated by `npm run modules` (st-firewall module); do not edit by hand. -->',
    '',
    `The firewall rules Axway SecureTransport Edge and Server hosts need, from the vendor's tables, as a Terraform/OpenTofu module. ${sources === 'groups' ? GROUPS[cloud] : creates}`,
    '',
    sources === 'groups'
      ? `For address lists instead, see [\`modules/${cloud}\`](../${cloud}).`
      : `For host groups as native groups (no address lists, a rule count that does not grow with the hosts), see [\`modules/${cloud}-groups\`](../${cloud}-groups).`,
    '',
    `IPv6: \`ipv6 = true\` takes dual-stack host lists, adds "Any" as \`::/0\` and ICMPv6 beside ICMP, as the stacks' \`"ipv6": true\` does. ${NOTES[cloud]}`,
    '',
    'Generated from the same rule catalog and emitters as the st-firewall CDKTF stacks; see the repository README for the rule-by-rule mapping and the vendor oddities. Bad inputs fail at plan with a message naming the input and the value (one host twice in any spelling, a host in two groups, overlapping CIDRs, the passive range over an Edge port, the cloud\'s limits).',
    '',
    '## Usage',
    '',
    '```hcl',
    usage.trimEnd(),
    '```',
    '',
    `A complete example: [\`examples/${dir}\`](../../examples/${dir}).`,
    '',
    ...terraformDocs(documents),
    '',
  ].join('\n');
}
