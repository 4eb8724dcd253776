/**
 * Host groups as native groups (`"sources": "groups"`): security-group references, application
 * security groups, network tags or service accounts instead of address lists. The rule count no
 * longer grows with the number of hosts; effective access is the same (test/access-matrix.test.ts
 * evaluates it probe by probe, with membership taken from the config).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLOUDS, Cloud } from '../src/clouds';
import { validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { awsIngressCount, quotaIssues } from '../src/plan/quotas';
import { synthApp } from '../stacks/app';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
const hosts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${Math.floor(i / 250)}.${(i % 250) + 1}`);
const ACCOUNTS = { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', adminHost: 'st-admin@my-project.iam.gserviceaccount.com' };

function synth(raw: object): Record<Cloud, any> {
  const out = mkdtempSync(join(tmpdir(), 'st-groups-'));
  try {
    synthApp(plan(validateConfig(raw)), CLOUDS, out);
    return Object.fromEntries(CLOUDS.map((c) => [c, JSON.parse(readFileSync(join(out, 'stacks', c, 'cdk.tf.json'), 'utf8'))])) as Record<Cloud, any>;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
const count = (tf: any) => Object.values<object>(tf.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);

describe('groups mode', () => {
  const small = synth({ ...EXAMPLE, sources: 'groups' });
  const big = synth({ ...EXAMPLE, sources: 'groups', edge: { privateIps: hosts('10.1', 1000) }, server: { privateIps: hosts('10.2', 1000) }, adminHost: { privateIps: hosts('10.3', 20) } });

  it.each(CLOUDS)('%s: the same number of resources for 2 hosts per group as for 1000', (cloud) => {
    expect(count(big[cloud])).toBe(count(small[cloud]));
  });

  it('aws: one rule per host-group rule, referencing the group; 27 Edge and 15 Server rules, far under the quota', () => {
    const rules = Object.values<any>(small.aws.resource.aws_vpc_security_group_ingress_rule);
    expect(rules).toHaveLength(27 + 15);
    const refs = rules.filter((r) => r.referenced_security_group_id).map((r) => r.referenced_security_group_id);
    expect(new Set(refs)).toEqual(new Set(['${aws_security_group.edge.id}', '${aws_security_group.server.id}', '${aws_security_group.admin_host.id}']));
    expect(rules.filter((r) => r.cidr_ipv4).map((r) => r.cidr_ipv4)).toEqual(Array(13).fill('0.0.0.0/0'));
    const firewall = plan(validateConfig({ ...EXAMPLE, sources: 'groups', server: { privateIps: hosts('10.2', 1000) } }));
    expect([awsIngressCount(firewall.groups.edge, 'groups'), awsIngressCount(firewall.groups.server, 'groups')]).toEqual([27, 15]);
    expect(quotaIssues(firewall, ['aws'])).toEqual([]);
  });

  it('aws: an admin-host security group with its egress, and its id as an output', () => {
    expect(small.aws.resource.aws_security_group.admin_host.name).toBe('st-prod-admin-host');
    expect(small.aws.resource.aws_vpc_security_group_egress_rule.admin_host_egress_all.cidr_ipv4).toBe('0.0.0.0/0');
    expect(small.aws.output.admin_host_security_group_id.value).toBe('${aws_security_group.admin_host.id}');
  });

  it('aws: existing admin-host and load balancer security groups are used, not created', () => {
    const tf = synth({ ...EXAMPLE, sources: 'groups', aws: { ...EXAMPLE.aws, adminHostSecurityGroupId: 'sg-0aaaaaaaaaaaaaaa1', loadBalancerSecurityGroupId: 'sg-0bbbbbbbbbbbbbbb2' } }).aws;
    expect(tf.resource.aws_security_group.admin_host).toBeUndefined();
    const rules = tf.resource.aws_vpc_security_group_ingress_rule;
    expect(rules.edge_http.referenced_security_group_id).toBe('sg-0bbbbbbbbbbbbbbb2');
    expect(rules.edge_ssh_admin.referenced_security_group_id).toBe('sg-0aaaaaaaaaaaaaaa1');
    expect(tf.output.admin_host_security_group_id.value).toBe('sg-0aaaaaaaaaaaaaaa1');
  });

  it('azure: one application security group per host group, as sources and destinations, with outputs', () => {
    const tf = small.azure;
    expect(Object.keys(tf.resource.azurerm_application_security_group).sort()).toEqual(['admin_host_asg', 'edge_asg', 'server_asg']);
    const streaming = tf.resource.azurerm_network_security_rule.edge_streaming_http;
    expect(streaming.source_application_security_group_ids).toEqual(['${azurerm_application_security_group.server_asg.id}']);
    expect(streaming.destination_application_security_group_ids).toEqual(['${azurerm_application_security_group.edge_asg.id}']);
    expect(streaming.source_address_prefixes).toBeUndefined();
    expect(tf.resource.azurerm_network_security_rule.edge_http.source_address_prefix).toBe('*');
    expect(Object.keys(tf.output).sort()).toEqual([
      'admin_host_application_security_group_id',
      'edge_application_security_group_id',
      'edge_network_security_group_id',
      'server_application_security_group_id',
      'server_network_security_group_id',
    ]);
  });

  it('gcp: source tags for host groups, 0.0.0.0/0 for Any, and the admin host\'s tag as an output', () => {
    const fw = small.gcp.resource.google_compute_firewall;
    expect(fw.edge_streaming_http.source_tags).toEqual(['st-prod-server']);
    expect(fw.edge_streaming_http.source_ranges).toBeUndefined();
    expect(fw.edge_ssh_admin.source_tags).toEqual(['st-prod-admin-host']);
    expect(fw.edge_http.source_ranges).toEqual(['0.0.0.0/0']);
    expect(small.gcp.output.admin_host_network_tags.value).toEqual(['st-prod-admin-host']);
  });

  it('gcp: with service accounts, sources and targets are accounts (never mixed with tags)', () => {
    const tf = synth({ ...EXAMPLE, sources: 'groups', gcp: { ...EXAMPLE.gcp, serviceAccounts: ACCOUNTS } }).gcp;
    for (const body of Object.values<any>(tf.resource.google_compute_firewall)) {
      expect(body.target_tags).toBeUndefined();
      expect(body.source_tags).toBeUndefined();
      expect(body.target_service_accounts).toHaveLength(1);
    }
    expect(tf.resource.google_compute_firewall.server_snmp.source_service_accounts).toEqual([ACCOUNTS.server]);
    expect(tf.output.server_service_account.value).toBe(ACCOUNTS.server);
    expect(tf.output.edge_network_tags.value).toEqual([]);
  });

  it('a per-cloud override: groups on AWS only', () => {
    const tf = synth({ ...EXAMPLE, aws: { ...EXAMPLE.aws, sources: 'groups' } });
    expect(tf.aws.resource.aws_security_group.admin_host).toBeDefined();
    expect(tf.azure.resource.azurerm_application_security_group).toBeUndefined();
    expect(tf.gcp.resource.google_compute_firewall.edge_streaming_http.source_ranges).toEqual(['10.0.2.10/32', '10.0.2.11/32']);
  });
});
