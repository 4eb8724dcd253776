/**
 * Bad module inputs and the message each must fail `terraform plan` with: the one table of what
 * the modules' `validation` blocks (and preconditions) claim to reject. test/terraform.test.ts
 * plans every row with real Terraform (AWS with its provider; Azure and GCP on a terraform_data
 * copy) and fails when a validation block of modules/* has no row here. A new validation: add
 * a row with a value it rejects and the start of its error_message.
 */
import { EXTRA_RULE_CASES } from './extra-rule-cases';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface BadInput {
  /** modules/<dir> the row applies to; absent: every module that has the variable. */
  readonly modules?: readonly string[];
  readonly variable: string;
  /** The value (merged over the example inputs); other inputs may be overridden with `also`. */
  readonly value: Json;
  readonly also?: Readonly<Record<string, Json>>;
  /** The start of the error_message Terraform must print for this call. */
  readonly message: string;
}

const ipList = (variable: string): BadInput[] => [
  { variable, value: [], message: `${variable}: list at least one address or CIDR.` },
  { variable, value: ['10.0.1.300'], message: `${variable}: every entry must be an IPv4 or IPv6 address or CIDR` },
  // With an IPv4 entry, which the Azure and GCP modules need anyway: only the IPv6 check fails.
  { variable, value: ['10.0.7.10', 'fd00:1::10'], message: `${variable}: IPv6 entries need ipv6 = true` },
  { variable, value: ['10.0.7.5/24'], message: `${variable}: a CIDR has host bits set` },
  // One host twice in two spellings, and overlapping CIDRs.
  { variable, value: ['10.0.7.10', '10.0.7.10/32'], message: `${variable}: one host listed twice (in any spelling)` },
  { variable, value: ['10.0.7.0/24', '10.0.7.128/25'], message: `${variable}: one host listed twice (in any spelling)` },
  { variable, value: Array.from({ length: 4001 }, (_, i) => `10.${100 + Math.floor(i / 256)}.${i % 256}.1`), message: `${variable}: more than 4000 entries` },
];

/** Azure and GCP modules write every rule's IPv4 half: a group needs an IPv4 address. */
const ipv4Needed = (variable: string): BadInput => ({ modules: ['azure', 'gcp'], variable, value: ['fd00:7::10'], also: { ipv6: true }, message: `${variable}: list at least one IPv4 address or CIDR (this module` });

const AWS_TAGGED = ['aws', 'aws-groups'];
const AZURE_TAGGED = ['azure', 'azure-groups'];
const manyTags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));

const BASE_INPUTS: readonly BadInput[] = [
  { variable: 'name', value: 'ST-Prod', message: 'name: lowercase letters, digits and hyphens' },
  { variable: 'name', value: 'a'.repeat(34), message: 'name: lowercase letters, digits and hyphens' },
  { variable: 'name', value: 'st-prod-', message: 'name: lowercase letters, digits and hyphens' },
  ...ipList('edge_private_ips'),
  ...ipList('server_private_ips'),
  ...ipList('admin_host_private_ips'),
  ipv4Needed('edge_private_ips'),
  ipv4Needed('server_private_ips'),
  ipv4Needed('admin_host_private_ips'),
  // One address in two groups, in any spelling, or a CIDR of one group holding another's host.
  { variable: 'server_private_ips', value: ['10.0.1.10/32'], message: 'server_private_ips: hosts also in edge_private_ips' },
  { variable: 'admin_host_private_ips', value: ['10.0.1.0/24'], message: 'admin_host_private_ips: hosts also in edge_private_ips' },
  { variable: 'admin_host_private_ips', value: ['10.0.2.11'], message: 'admin_host_private_ips: hosts also in server_private_ips' },
  { variable: 'ftp_passive_ports', value: { from: 30100, to: 30000 }, message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to' },
  { variable: 'ftp_passive_ports', value: { from: 0, to: 10 }, message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to' },
  { variable: 'ftp_passive_ports', value: { from: 60000, to: 65536 }, message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to' },
  { variable: 'ftp_passive_ports', value: { from: 30000.5, to: 30100 }, message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to' },
  { variable: 'ftp_passive_ports', value: { from: 440, to: 450 }, message: 'ftp_passive_ports: the range overlaps a TCP port the Edge already lists' },
  { variable: 'ftp_passive_ports', value: { from: 7802, to: 7802 }, message: 'ftp_passive_ports: the range overlaps a TCP port the Edge already lists' },
  { variable: 'ftp_passive_ports', value: { from: 20000, to: 20100 }, message: 'ftp_passive_ports: the range overlaps a TCP port the Edge already lists' },
  { variable: 'icmp_mode', value: 'both', message: 'icmp_mode: "native" or "vendor"' },
  // Tags: each cloud's limits (AWS counts Name and st-firewall:rule, Azure purpose and generator).
  { modules: AWS_TAGGED, variable: 'tags', value: manyTags, message: "tags: more than AWS's 50 tags per resource" },
  { modules: AZURE_TAGGED, variable: 'tags', value: manyTags, message: "tags: more than Azure's 50 tags per resource" },
  { modules: AWS_TAGGED, variable: 'tags', value: { '': 'x' }, message: 'tags: keys must be 1-128 characters' },
  { modules: AZURE_TAGGED, variable: 'tags', value: { '': 'x' }, message: 'tags: keys must be 1-512 characters' },
  { variable: 'tags', value: { owner: 'x'.repeat(257) }, message: 'tags: values must be at most 256 characters' },
  { modules: AWS_TAGGED, variable: 'tags', value: { 'aws:owner': 'x' }, message: 'tags: the "aws:" prefix is reserved by AWS' },
  { modules: AZURE_TAGGED, variable: 'tags', value: { 'a/b': 'x' }, message: 'tags: Azure refuses < > % & \\ ? / in tag names' },
  // AWS: the quota of inbound rules per security group, and its own range.
  { modules: ['aws'], variable: 'max_rules_per_security_group', value: 2000, message: 'max_rules_per_security_group: a whole number within 1-1000' },
  {
    modules: ['aws'],
    variable: 'max_rules_per_security_group',
    value: 60,
    also: { edge_private_ips: Array.from({ length: 10 }, (_, i) => `10.0.1.${20 + i}`) },
    message: 'max_rules_per_security_group: a security group would need more inbound rules per address family than this',
  },
  { modules: ['aws-groups'], variable: 'admin_host_security_group_id', value: 'sg-1', message: 'admin_host_security_group_id: must be a security group id' },
  { modules: ['aws-groups'], variable: 'load_balancer_security_group_id', value: 'sg-1', message: 'load_balancer_security_group_id: must be a security group id' },
  {
    modules: ['gcp-groups'],
    variable: 'service_accounts',
    value: { edge: 'x@y', server: 'st-server@my-project.iam.gserviceaccount.com', admin_host: 'st-admin@my-project.iam.gserviceaccount.com' },
    message: 'service_accounts: every entry must be a service account email',
  },
];

/** extra_rules (every module): the cases test/module.test.ts also checks against the CLI. */
const EXTRA_RULE_INPUTS: readonly BadInput[] = EXTRA_RULE_CASES.map(([clouds, rules, inputs, message]) => {
  const modules = clouds === 'all' ? undefined : clouds === 'aws' && message.startsWith('max_rules_per_security_group') ? ['aws'] : [clouds, `${clouds}-groups`];
  const variable = message.slice(0, message.indexOf(':'));
  return variable === 'extra_rules'
    ? { modules, variable, value: rules, also: inputs, message }
    : { modules, variable, value: 60, also: { ...inputs, extra_rules: rules }, message };
});

export const BAD_INPUTS: readonly BadInput[] = [...BASE_INPUTS, ...EXTRA_RULE_INPUTS];
