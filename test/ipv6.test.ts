/**
 * IPv6 (`"ipv6": true`): hosts of both families, "Any" as 0.0.0.0/0 and ::/0, ICMP as ICMP and
 * ICMPv6, each cloud keeping the families in separate rules. test/access-matrix.test.ts checks
 * the effective access of dual-stack configs probe by probe.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLOUDS, Cloud } from '../src/clouds';
import { ConfigError, validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { awsIngressCounts, quotaIssues } from '../src/plan/quotas';
import { synthApp } from '../stacks/app';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
const DUAL = { ...EXAMPLE, ipv6: true, edge: { privateIps: ['10.0.1.10', 'fd00:1::10'] }, server: { privateIps: ['10.0.2.10', 'fd00:2::10'] } };
const strip = ({ '//': _m, ...body }: any) => body;

function synth(raw: object): { tf: Record<Cloud, any>; warnings: readonly string[] } {
  const out = mkdtempSync(join(tmpdir(), 'st-ipv6-'));
  try {
    const { warnings } = synthApp(plan(validateConfig(raw)), CLOUDS, out);
    const tf = Object.fromEntries(CLOUDS.map((c) => [c, JSON.parse(readFileSync(join(out, 'stacks', c, 'cdk.tf.json'), 'utf8')).resource])) as Record<Cloud, any>;
    return { tf, warnings };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('config', () => {
  it('IPv6 addresses need "ipv6": true, and are kept canonical', () => {
    expect(() => validateConfig({ ...EXAMPLE, edge: { privateIps: ['fd00:1::10'] } })).toThrow(/edge\.privateIps\[0\]: is IPv6; set "ipv6": true/);
    expect(validateConfig({ ...DUAL, edge: { privateIps: ['FD00:1:0::10', '10.0.1.10'] } }).hosts.edge).toEqual(['10.0.1.10/32', 'fd00:1::10/128']);
    expect(() => validateConfig({ ...DUAL, edge: { privateIps: ['fd00:1::10/64'] } })).toThrow(/host bits set \(did you mean "fd00:1::\/64"\?\)/);
    expect(() => validateConfig({ ...DUAL, server: { privateIps: ['fd00:1::/120'] } })).toThrow(ConfigError); // overlaps an Edge
  });

  it('with IPv6 on, priorities of one group stay 2 apart (Azure takes the next one for the IPv6 half)', () => {
    const rule = { id: 'server-x', group: 'server', protocol: 'tcp', ports: '9', source: 'any', priority: 101, description: 'x' };
    expect(() => validateConfig({ ...DUAL, rules: [rule] })).toThrow(/rules\[0\]\.priority: is already the priority of server-snmp .*2 apart with IPv6 on/);
    expect(validateConfig({ ...EXAMPLE, rules: [rule] }).extraRules).toHaveLength(1);
  });
});

describe('emitters', () => {
  const { tf, warnings } = synth(DUAL);

  it('aws: cidr_ipv6 rules beside the IPv4 ones, ::/0 for Any, icmpv6 with no ports, IPv6 egress', () => {
    const rules = tf.aws.aws_vpc_security_group_ingress_rule;
    expect(strip(rules.edge_http_ipv6)).toMatchObject({ cidr_ipv6: '::/0', ip_protocol: 'tcp', from_port: 80, to_port: 80 });
    expect(strip(rules.server_icmp_from_fd00_2_10_128)).toMatchObject({ cidr_ipv6: 'fd00:2::10/128', ip_protocol: 'icmpv6' });
    expect(rules.server_icmp_from_fd00_2_10_128.from_port).toBeUndefined();
    expect(strip(rules.server_icmp_from_10_0_2_10_32)).toMatchObject({ cidr_ipv4: '10.0.2.10/32', ip_protocol: 'icmp', from_port: -1, to_port: -1 });
    expect(tf.aws.aws_vpc_security_group_egress_rule.edge_egress_all_ipv6.cidr_ipv6).toBe('::/0');
    for (const body of Object.values<any>(rules)) expect(!!body.cidr_ipv4 !== !!body.cidr_ipv6).toBe(true);
  });

  it('aws: quotas count each family on its own', () => {
    const counts = awsIngressCounts(plan(validateConfig(DUAL)).groups.edge, 'cidr', true);
    // Edge: 13 Any per family; 6 streaming + 5 edge-to-edge per host of that family; 3 admin (IPv4 admin host).
    expect(counts).toEqual({ 4: 13 + 6 + 5 + 3, 6: 13 + 6 + 5 });
    expect(quotaIssues(plan(validateConfig(DUAL)), ['aws'])).toEqual([]);
  });

  it('azure: one family per rule, the IPv6 half "<id>-v6" at the next priority; no ICMPv6, and a warning', () => {
    const rules = tf.azure.azurerm_network_security_rule;
    expect([rules.edge_http.priority, rules.edge_http_v6.priority]).toEqual([100, 101]);
    expect(rules.edge_http_v6.destination_address_prefixes).toEqual(['fd00:1::10/128']);
    expect(rules.edge_streaming_http_v6.source_address_prefixes).toEqual(['fd00:2::10/128']);
    expect(rules.server_icmp.source_address_prefixes).toEqual(['10.0.2.10/32']);
    expect(rules.server_icmp_v6).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/azure: rule server-icmp allows ICMP; NSGs have no ICMPv6 protocol/);
    for (const body of Object.values<any>(rules)) {
      const families = new Set([...(body.source_address_prefixes ?? []), ...(body.destination_address_prefixes ?? [])].map((p: string) => p.includes(':')));
      expect(families.size).toBeLessThanOrEqual(1);
    }
  });

  it('gcp: IPv6 ranges in their own firewalls ("<name>-<id>-v6"), ICMPv6 as protocol 58, an IPv6 deny-all', () => {
    const fw = tf.gcp.google_compute_firewall;
    expect(strip(fw.server_icmp_v6)).toMatchObject({ name: 'st-prod-server-icmp-v6', allow: [{ protocol: '58' }], source_ranges: ['fd00:2::10/128'], priority: 3000 });
    expect(strip(fw.edge_deny_all_v6)).toMatchObject({ deny: [{ protocol: 'all' }], source_ranges: ['::/0'], priority: 4096 });
    for (const body of Object.values<any>(fw)) {
      expect(new Set((body.source_ranges ?? []).map((r: string) => r.includes(':'))).size).toBeLessThanOrEqual(1);
      expect(body.name.length).toBeLessThanOrEqual(63);
    }
  });

  it('gcp: a name that would pass 63 characters only with "-v6" is refused when IPv6 is on', () => {
    expect(quotaIssues(plan(validateConfig({ ...DUAL, name: 'a'.repeat(33), icmp: 'vendor' })), ['gcp']).map((i) => i.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/firewall name "a{33}-server-allow-all-from-servers-v6" \(66 characters\)/)]),
    );
  });

  it('azure: a deny of ICMP is refused with IPv6 on (it could not deny ICMPv6), allows are not', () => {
    const rule = (action: string) => ({ id: 'server-no-ping', group: 'server', protocol: 'icmp', source: ['198.51.100.0/24'], action, priority: 1000, description: 'x' });
    const issues = quotaIssues(plan(validateConfig({ ...DUAL, rules: [rule('deny')] })), ['azure']);
    expect(issues).toEqual([expect.objectContaining({ path: 'rules[0].protocol', message: expect.stringMatching(/^azure: rule server-no-ping denies ICMP with IPv6 on/) })]);
    expect(quotaIssues(plan(validateConfig({ ...DUAL, rules: [rule('allow')] })), ['azure'])).toEqual([]);
    expect(quotaIssues(plan(validateConfig({ ...EXAMPLE, rules: [rule('deny')] })), ['azure'])).toEqual([]);
  });

  it('off by default: no IPv6 resource at all', () => {
    const plain = synth(EXAMPLE).tf;
    expect(JSON.stringify(plain)).not.toMatch(/::\/0|icmpv6|cidr_ipv6|"58"/);
  });
});
