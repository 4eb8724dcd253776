/** Planning edge cases found by the property tests, pinned. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SERVER_ICMP_VENDOR } from '../src/catalog/securetransport';
import { validateConfig } from '../src/config/load';
import { allowOnly } from '../src/plan/allow-only';
import { plan } from '../src/plan/plan';
import { Peer, Port, Rule } from '../src/spec/rule';
import { specEvaluator } from '../src/verify/spec';

const config = validateConfig(JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8')));
const rule = (id: string, priority: number, extra: Partial<Rule> = {}): Rule => ({ id, target: 'server', action: 'allow', port: Port.tcp(443), source: Peer.any(), description: id, section: 's', priority, ...extra });

describe('allowOnly recognises the vendor pattern by what it does, not by ids', () => {
  it('rewrites the real pattern to ICMP from the Servers', () => {
    const { rules, warnings } = allowOnly(plan({ ...config, icmp: 'vendor' }).groups.server, 'aws');
    expect(rules.filter((r) => r.protocol === 'icmp').map((r) => [r.id, r.source])).toEqual([['server-icmp', { kind: 'cidrs', cidrs: ['10.0.2.10/32', '10.0.2.11/32'], group: 'server' }]]);
    expect(rules.some((r) => r.action === 'deny' || r.protocol === 'all')).toBe(false);
    expect(warnings).toHaveLength(1);
  });

  it('refuses lookalikes: the vendor ids with other contents', () => {
    const [denyTcp, , allowAll] = SERVER_ICMP_VENDOR;
    const lookalike = plan(config, [
      { ...denyTcp, port: Port.tcp(22), source: Peer.cidrs('198.51.100.0/24') },
      { ...allowAll, port: Port.tcp(443), source: Peer.any() },
    ]).groups.server;
    expect(() => allowOnly(lookalike, 'aws')).toThrow(/aws: the server group has deny rules \(server-deny-tcp\)/);
    const half = plan(config, [denyTcp]).groups.server;
    expect(() => allowOnly(half, 'aws')).toThrow(/deny rules \(server-deny-tcp\)/);
  });
});

describe('plan refuses ids that would clash as resource names', () => {
  it.each([
    ['a duplicate id', [rule('server-a', 100), rule('server-a', 110)], /"server-a" is used twice/],
    ['the same id in two groups', [rule('server-a', 100), rule('server-a', 100, { target: 'edge' })], /"server-a" is used twice/],
    ['an emitter\'s own name', [rule('server-deny-all', 100)], /"server-deny-all" is used twice \(or is one of the emitters' own names\)/],
    ['capitals', [rule('Server_A', 100)], /use lowercase letters/],
    ['a CIDR twice in one rule', [rule('server-a', 100, { source: Peer.cidrs('10.9.0.0/24', '10.9.0.0/24') })], /a source CIDR is listed twice/],
  ])('%s', (_title, rules, message) => {
    expect(() => plan(config, rules)).toThrow(message);
  });
});

it('the spec matches Azure\'s health probe address with CIDRs that hold it, as Azure does', () => {
  const group = plan(config, [rule('server-deny-web', 100, { action: 'deny', port: Port.tcp(80), source: Peer.cidrs('168.63.0.0/16') })]).groups.server;
  expect(specEvaluator(group)({ source: 'AzureLoadBalancer', protocol: 'tcp', port: 80 })).toEqual({ allowed: false, rule: 'server-deny-web' });
  expect(specEvaluator(group)({ source: 'AzureLoadBalancer', protocol: 'tcp', port: 81 }).rule).toBe('spec:default-deny');
});
