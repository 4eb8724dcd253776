/**
 * The analysis' building blocks on their own: interval sets against brute force over small
 * numbers, and model constructs the stacks never emit (two NSGs on one path, exported Azure
 * default rules, GCP destination ranges), each through the exhaustive comparison.
 */
import * as fc from 'fast-check';
import { cidr } from '../src/net/cidr';
import type { AzureNsg, AzureRule } from '../src/model/azure';
import type { GcpFirewall } from '../src/model/gcp';
import { azurePolicies } from '../src/analysis/azure';
import { gcpPolicy } from '../src/analysis/gcp';
import { analyzeCloud, divergencesOf, hostSets } from '../src/analysis/analyze';
import { intersect, Interval, normalize, subtract, union } from '../src/analysis/intervals';
import { compare, Policy } from '../src/analysis/space';
import { planPolicy } from '../src/analysis/spec';
import type { GroupPlan } from '../src/plan/plan';
import { formatDivergence } from '../src/verify/verify';

describe('interval sets', () => {
  const setArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 6 })), { maxLength: 6 }).map((pairs) => normalize(pairs.map(([lo, w]): Interval => ({ lo: BigInt(lo), hi: BigInt(lo + w) }))));
  const members = (list: readonly Interval[]) => Array.from({ length: 50 }, (_, i) => BigInt(i)).filter((v) => list.some((x) => x.lo <= v && v <= x.hi));
  it('intersect, subtract and union agree with element-wise sets, and stay normalized', () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        const [ma, mb] = [new Set(members(a)), new Set(members(b))];
        expect(members(intersect(a, b))).toEqual([...ma].filter((v) => mb.has(v)));
        expect(members(subtract(a, b))).toEqual([...ma].filter((v) => !mb.has(v)));
        expect(members(union(a, b))).toEqual([...new Set([...ma, ...mb])].sort((x, y) => Number(x - y)));
        for (const list of [intersect(a, b), subtract(a, b), union(a, b)]) list.forEach((x, i) => i > 0 && expect(x.lo > list[i - 1].hi + 1n).toBe(true));
      }),
      { numRuns: 500 },
    );
  });
});

const plainRule = (priority: number, access: 'Allow' | 'Deny', protocol: AzureRule['protocol'], ports: AzureRule['destinationPorts'], source: AzureRule['source'], address: string): AzureRule => ({
  origin: { address, name: address.split('.')[1] },
  priority,
  direction: 'Inbound',
  access,
  protocol,
  sourcePorts: null,
  destinationPorts: ports,
  source,
  destination: { kind: 'any' },
});
const nsg = (key: string, rules: AzureRule[], defaultRules?: AzureRule[]): AzureNsg => ({ key, origin: { address: key }, name: key, rules, ...(defaultRules ? { defaultRules } : {}) });
const group = (rules: GroupPlan['rules']): GroupPlan => ({ group: 'edge', hosts: ['10.0.1.10/32'], rules });
const httpsFromAny = group([{ id: 'edge-https', target: 'edge', action: 'allow', protocol: 'tcp', ports: { from: 443, to: 443 }, source: { kind: 'any' }, description: '', section: '', priority: 100 }]);

function diverging(spec: Policy, cloud: Policy[], plan: GroupPlan): string[] {
  const hosts = hostSets(plan.hosts);
  return divergencesOf('azure', 'edge', compare({ spec, cloud, destinations: hosts }), hosts).map(formatDivergence);
}

describe('azure: several NSGs on one path each must allow', () => {
  const subnet = nsg('azurerm_network_security_group.subnet', [
    plainRule(100, 'Allow', 'Tcp', [{ from: 443, to: 443 }], { kind: 'any' }, 'azurerm_network_security_rule.subnet_https'),
    plainRule(4096, 'Deny', '*', null, { kind: 'any' }, 'azurerm_network_security_rule.subnet_deny'),
  ]);
  const nic = (rules: AzureRule[]) => nsg('azurerm_network_security_group.nic', rules);
  const deployment = (nics: AzureNsg) => ({ model: { cloud: 'azure' as const, nsgs: [subnet, nics] }, bindings: { edge: { attached: [subnet.key, nics.key] }, server: { attached: [subnet.key] } }, membership: new Map() });

  it('the NIC NSG denying what the subnet allows closes the flow, and names the deny', () => {
    const nicDeny = nic([plainRule(100, 'Deny', 'Tcp', [{ from: 443, to: 443 }], { kind: 'cidrs', cidrs: [cidr('203.0.113.0/24')] }, 'azurerm_network_security_rule.nic_block'), plainRule(200, 'Allow', '*', null, { kind: 'any' }, 'azurerm_network_security_rule.nic_all')]);
    expect(diverging(planPolicy(httpsFromAny), azurePolicies(deployment(nicDeny), 'edge', [cidr('10.0.0.0/16')]), httpsFromAny)).toEqual([
      'azure edge: tcp/443 from 203.0.113.0/24: expected allow (edge-https), got deny (azurerm_network_security_rule.nic_block)',
    ]);
  });
});

describe('azure: exported default rules replace the documented ones', () => {
  it('an export without AllowVnetInBound lets nothing of the VNet in by default', () => {
    const rules = [plainRule(100, 'Allow', 'Tcp', [{ from: 443, to: 443 }], { kind: 'any' }, 'azurerm_network_security_rule.https')];
    const exported = [plainRule(4096, 'Deny', '*', null, { kind: 'any' }, 'default.DenyAllInBound')];
    const with65000 = azurePolicies({ model: { cloud: 'azure', nsgs: [nsg('n', rules)] }, bindings: { edge: { attached: ['n'] }, server: { attached: ['n'] } }, membership: new Map() }, 'edge', [cidr('10.0.0.0/16')]);
    const withExport = azurePolicies({ model: { cloud: 'azure', nsgs: [nsg('n', rules, exported)] }, bindings: { edge: { attached: ['n'] }, server: { attached: ['n'] } }, membership: new Map() }, 'edge', [cidr('10.0.0.0/16')]);
    const spec = planPolicy(httpsFromAny);
    expect(diverging(spec, with65000, httpsFromAny).some((line) => line.includes('azure:AllowVnetInBound(65000)'))).toBe(true);
    expect(diverging(spec, withExport, httpsFromAny)).toEqual([]);
  });
});

describe('gcp: destination ranges split the group', () => {
  const firewall = (name: string, priority: number, action: 'allow' | 'deny', destinationRanges: string[]): GcpFirewall => ({
    origin: { address: `google_compute_firewall.${name}`, name }, name, network: 'net', priority, direction: 'INGRESS', disabled: false, action,
    entries: [{ protocol: 6, ports: [{ from: 443, to: 443 }] }], sourceRanges: [cidr('0.0.0.0/0')], sourceTags: [], sourceServiceAccounts: [], targetTags: ['web'], targetServiceAccounts: [],
    destinationRanges: destinationRanges.map((t) => cidr(t)),
  });
  it('an allow scoped to part of the hosts leaves the others shut, and names them', () => {
    const plan: GroupPlan = { ...httpsFromAny, hosts: ['10.0.1.8/30'] };
    const policy = gcpPolicy({ model: { cloud: 'gcp', firewalls: [firewall('https', 100, 'allow', ['10.0.1.8/31'])] }, bindings: { edge: { attached: ['web'], network: 'net' }, server: { attached: [], network: 'net' } }, membership: new Map() }, 'edge');
    const hosts = hostSets(plan.hosts);
    const lines = divergencesOf('gcp', 'edge', compare({ spec: planPolicy(plan), cloud: [policy], destinations: hosts }), hosts).map(formatDivergence);
    expect(lines).toEqual(['gcp edge: tcp/443 from 0.0.0.0/0 to 10.0.1.10/31: expected allow (edge-https), got deny (gcp:implied-deny-ingress(65535))']);
  });
});

it('analyzeCloud reports a construct it will not evaluate instead of a verdict', () => {
  const model = { cloud: 'aws' as const, groups: [{ key: 'sg', origin: { address: 'sg' }, ingress: [{ origin: { address: 'r' }, protocol: 6, ports: null, source: { kind: 'prefix-list' as const, id: 'pl-1' } }], egress: [] }] };
  const plan = { config: { ipv6: false }, groups: { edge: httpsFromAny, server: { ...httpsFromAny, group: 'server' } } } as never;
  const result = analyzeCloud('aws', { model, bindings: { edge: { attached: ['sg'] }, server: { attached: ['sg'] } }, membership: new Map() }, plan, { vnetCidrs: [] });
  expect(result.unsupported).toMatch(/^r: prefix_list_id pl-1 is not evaluated/);
  expect(result.cells).toBe(0);
});
