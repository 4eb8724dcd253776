/**
 * Cloud limits at synth: each driven to the limit (passes) and one past it (fails with the group,
 * the count and the way out, exit 2, nothing written).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../cli/main';
import { ConfigError, validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { awsIngressCount, quotaIssues } from '../src/plan/quotas';
import { Peer, Port, Rule } from '../src/spec/rule';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
const hosts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${i + 1}`);
/** The example with this many hosts per group. */
const sized = (edges: number, servers: number, admins: number, extra: object = {}) =>
  validateConfig({ ...EXAMPLE, edge: { privateIps: hosts('10.0.1', edges) }, server: { privateIps: hosts('10.0.2', servers) }, adminHost: { privateIps: hosts('10.0.9', admins) }, ...extra });

describe('AWS: 60 inbound rules per security group, one per source CIDR', () => {
  // Edge: 13 from Any + 6 per server + 3 per admin host + 5 per edge.
  it('counts rules the way AWS does', () => {
    expect(awsIngressCount(plan(sized(2, 2, 1)).groups.edge)).toBe(13 + 12 + 3 + 10);
    expect(awsIngressCount(plan(sized(2, 2, 1)).groups.server)).toBe(14 * 2 + 1);
  });

  it('exactly 60 passes', () => {
    const firewall = plan(sized(7, 1, 2)); // 13 + 6 + 6 + 35
    expect(awsIngressCount(firewall.groups.edge)).toBe(60);
    expect(quotaIssues(firewall, ['aws'])).toEqual([]);
  });

  it('61 fails, naming the group, the count and the ways out', () => {
    const firewall = plan(sized(6, 2, 2)); // 13 + 12 + 6 + 30
    expect(quotaIssues(firewall, ['aws'])).toEqual([
      expect.objectContaining({ path: 'aws.maxRulesPerSecurityGroup', value: 60, message: expect.stringMatching(/^aws: the edge security group needs 61 inbound IPv4 rules, over the quota of 60 .*wider CIDRs.*raise the quota.*--cloud azure,gcp/) }),
    ]);
    expect(quotaIssues(firewall, ['azure', 'gcp'])).toEqual([]);
  });

  it('a raised quota (aws.maxRulesPerSecurityGroup) is honoured, up to 1000', () => {
    expect(quotaIssues(plan(sized(6, 2, 2, { aws: { maxRulesPerSecurityGroup: 61 } })), ['aws'])).toEqual([]);
    expect(() => sized(1, 1, 1, { aws: { maxRulesPerSecurityGroup: 1001 } })).toThrow(ConfigError);
  });

  it('the five-server cluster that breaks the default: one CIDR for the servers fits', () => {
    expect(quotaIssues(plan(sized(2, 5, 1)), ['aws']).map((i) => i.message)).toEqual([expect.stringContaining('the server security group needs 71')]);
    expect(quotaIssues(plan(validateConfig({ ...EXAMPLE, server: { privateIps: ['10.0.2.8/29'] } })), ['aws'])).toEqual([]);
  });
});

describe('Azure: rules per NSG, prefixes per rule side', () => {
  const config = validateConfig(EXAMPLE);
  const many = (n: number): Rule[] => Array.from({ length: n }, (_, i) => ({ id: `edge-r${i}`, target: 'edge', action: 'allow', port: Port.tcp(1000 + i), source: Peer.any(), description: 'x', section: 's', priority: 100 + i }));

  it('998 rules + the two closing rules = 1000 passes; 999 fails', () => {
    expect(quotaIssues(plan(config, many(998)), ['azure'])).toEqual([]);
    expect(quotaIssues(plan(config, many(999)), ['azure'])).toEqual([expect.objectContaining({ path: 'edge', message: 'azure: the edge NSG would hold 1001 rules, over Azure\'s 1000 per NSG' })]);
  });

  it('4000 source prefixes pass, 4001 fail', () => {
    const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `172.${16 + (i >> 8)}.${i & 255}.0/24`);
    const rule = (n: number): Rule[] => [{ id: 'edge-wide', target: 'edge', action: 'allow', port: Port.tcp(80), source: Peer.cidrs(...cidrs(n)), description: 'x', section: 's', priority: 100 }];
    expect(quotaIssues(plan(config, rule(4000)), ['azure'])).toEqual([]);
    expect(quotaIssues(plan(config, rule(4001)), ['azure'])[0].message).toMatch(/rule edge-wide would list 4001 source prefixes, over Azure's 4000/);
  });
});

describe('GCP: firewall names of at most 63 characters', () => {
  it('the longest catalog name fits with the longest allowed config name', () => {
    const config = validateConfig({ ...EXAMPLE, name: 'a'.repeat(33), icmp: 'vendor' });
    expect(quotaIssues(plan(config), ['gcp'])).toEqual([]);
    expect(`${'a'.repeat(33)}-server-allow-all-from-servers`).toHaveLength(63);
  });

  it('a rule id that would push a name past 63 fails, naming it', () => {
    const config = validateConfig({ ...EXAMPLE, name: 'a'.repeat(33) });
    const long: Rule = { id: 'edge-a-rule-id-that-is-far-too-long', target: 'edge', action: 'allow', port: Port.tcp(80), source: Peer.any(), description: 'x', section: 's', priority: 100 };
    expect(quotaIssues(plan(config, [long]), ['gcp'])[0].message).toMatch(/firewall name "a{33}-edge-a-rule-id-that-is-far-too-long" \(69 characters\)/);
  });
});

describe('GCP: source ranges per firewall rule', () => {
  const config = validateConfig(EXAMPLE);
  const wide = (n: number): Rule[] => [
    { id: 'edge-wide', target: 'edge', action: 'allow', port: Port.tcp(80), source: Peer.cidrs(...Array.from({ length: n }, (_, i) => `172.${16 + (i >> 8)}.${i & 255}.0/24`)), description: 'x', section: 's', priority: 100 },
  ];
  it('5000 pass, 5001 fail, naming the rule', () => {
    expect(quotaIssues(plan(config, wide(5000)), ['gcp'])).toEqual([]);
    expect(quotaIssues(plan(config, wide(5001)), ['gcp']).map((i) => i.message)).toEqual([expect.stringMatching(/^gcp: rule edge-wide would list 5001 IPv4 source ranges, over 5000 per firewall rule/)]);
  });
});

describe('synth refuses a plan over a limit', () => {
  it('exit 2, the message, and nothing written', async () => {
    const work = mkdtempSync(join(tmpdir(), 'st-quota-'));
    try {
      const file = join(work, 'big.json');
      writeFileSync(file, JSON.stringify({ ...EXAMPLE, server: { privateIps: hosts('10.0.2', 5) } }));
      let stderr = '';
      const spy = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true));
      const code = await main(['synth', '--config', file, '--out', join(work, 'out')]);
      spy.mockRestore();
      expect(code).toBe(2);
      expect(stderr).toMatch(/^\S*big\.json: aws\.maxRulesPerSecurityGroup: aws: the server security group needs 71 inbound IPv4 rules/);
      expect(existsSync(join(work, 'out'))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('AWS: no deny rules', () => {
  it('a deny rule from the config is refused for AWS only, naming it', () => {
    const config = validateConfig({ ...EXAMPLE, rules: [{ id: 'edge-no-smtp', group: 'edge', protocol: 'tcp', ports: '25', source: 'any', action: 'deny', priority: 1000, description: 'x' }] });
    expect(quotaIssues(plan(config), ['aws'])).toEqual([expect.objectContaining({ path: 'rules[0].action', value: 'deny', message: expect.stringMatching(/^aws: rule edge-no-smtp denies, and security groups have no deny rules/) })]);
    expect(quotaIssues(plan(config), ['azure', 'gcp'])).toEqual([]);
  });
});
