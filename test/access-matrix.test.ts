/**
 * The multi-cloud behavioural matrix: for each config, synthesize the three stacks in process,
 * then ask each cloud's evaluator (src/verify/, plain TypeScript over cdk.tf.json) about ~1,700
 * probes per protected group, and compare every answer with the plan's own. What the plan
 * expects per cloud is documented in src/verify/compare.ts (AWS: after allowOnly(); Azure: the
 * load balancer's health probes let in where no planned rule decides; AWS/GCP: no
 * 'AzureLoadBalancer' probe). Then a few named cases a reviewer can read one by one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synthApp } from '../stacks/app';
import { Cloud, CLOUDS } from '../src/clouds';
import { Config, validateConfig } from '../src/config/load';
import { FirewallPlan, plan } from '../src/plan/plan';
import { PROTECTED_GROUPS, ProtectedGroup } from '../src/spec/rule';
import { awsEgressOpen, AZURE_DEFAULTS } from '../src/verify/evaluate';
import { cloudEvaluator, compareGroup, expectedEvaluator, formatMismatch, Mismatch } from '../src/verify/compare';
import { Probe, ProbeProtocol, Verdict } from '../src/verify/probe';
import { probesFor } from '../src/verify/probes';
import { resourceAt, TfJson } from '../src/sources/cdktf-json';
import { formatDivergence, verify } from '../src/verify/verify';

const example = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));

interface Case {
  readonly config: Config;
  /** Azure's VirtualNetwork address space, and a host in it that belongs to no group. */
  readonly vnetCidrs: readonly string[];
  readonly vnetHost: string;
}

const CASES: Readonly<Record<string, Case>> = {
  'st-prod (native ICMP)': { config: validateConfig(example), vnetCidrs: ['10.0.0.0/16'], vnetHost: '10.0.200.7' },
  'st-prod (vendor ICMP)': { config: validateConfig({ ...example, icmp: 'vendor' }), vnetCidrs: ['10.0.0.0/16'], vnetHost: '10.0.200.7' },
  'st-prod, host groups as native groups': { config: validateConfig({ ...example, sources: 'groups' }), vnetCidrs: ['10.0.0.0/16'], vnetHost: '10.0.200.7' },
  'st-prod, native groups, vendor ICMP, load balancer and admin security groups, GCP service accounts': {
    config: validateConfig({
      ...example,
      sources: 'groups',
      icmp: 'vendor',
      aws: { ...example.aws, adminHostSecurityGroupId: 'sg-0aaaaaaaaaaaaaaa1', loadBalancerSecurityGroupId: 'sg-0bbbbbbbbbbbbbbb2' },
      gcp: {
        ...example.gcp,
        serviceAccounts: { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', adminHost: 'st-admin@my-project.iam.gserviceaccount.com' },
      },
    }),
    vnetCidrs: ['10.0.0.0/16'],
    vnetHost: '10.0.200.7',
  },
  'dual stack (IPv6 on): IPv4 and IPv6 hosts, an IPv6-only admin host, an IPv6 extra rule': {
    config: validateConfig({
      ...example,
      ipv6: true,
      edge: { privateIps: ['10.0.1.10', 'fd00:1::10'] },
      server: { privateIps: ['10.0.2.10', 'fd00:2::/126'] },
      adminHost: { privateIps: ['fd00:9::5'] },
      rules: [{ id: 'server-monitoring', group: 'server', protocol: 'tcp', ports: '9100', source: ['2001:db8:100::/48', '198.51.100.0/24'], priority: 1000, description: 'Monitoring' }],
    }),
    vnetCidrs: ['10.0.0.0/16'],
    vnetHost: '10.0.200.7',
  },
  'dual stack, native groups, vendor ICMP': {
    config: validateConfig({
      ...example,
      ipv6: true,
      sources: 'groups',
      icmp: 'vendor',
      edge: { privateIps: ['10.0.1.10', 'fd00:1::10'] },
      server: { privateIps: ['10.0.2.10', 'fd00:2::10'] },
    }),
    vnetCidrs: ['10.0.0.0/16'],
    vnetHost: '10.0.200.7',
  },
  'st-prod + extra rules from the config': {
    config: validateConfig({
      ...example,
      rules: [
        { id: 'edge-node-exporter', group: 'edge', protocol: 'tcp', ports: '9100-9101', source: 'adminHost', priority: 1000, description: 'Prometheus exporters' },
        { id: 'server-ntp', group: 'server', protocol: 'udp', ports: 123, source: ['10.0.50.0/24'], priority: 1000, description: 'NTP from the time servers' },
        { id: 'server-ping-monitor', group: 'server', protocol: 'icmp', source: ['198.51.100.0/24'], priority: 1010, description: 'Ping from the monitoring service' },
      ],
    }),
    vnetCidrs: ['10.0.0.0/16'],
    vnetHost: '10.0.200.7',
  },
  'ranges, 3 edges, 2 admin hosts': {
    config: validateConfig({
      name: 'st-alt',
      edge: { privateIps: ['10.1.1.10', '10.1.1.11', '10.1.1.12'] },
      server: { privateIps: ['10.1.4.0/28', '10.1.5.8/29'] },
      adminHost: { privateIps: ['10.1.9.5', '10.1.9.6'] },
      ftpPassivePorts: '40000-40099',
      azure: { location: 'northeurope', resourceGroupName: 'rg-st-alt' },
      gcp: { network: 'st-alt-net' },
    }),
    vnetCidrs: ['10.1.0.0/16'],
    vnetHost: '10.1.200.7',
  },
};
const LABELS = Object.keys(CASES);
const NATIVE = LABELS[0];
const VENDOR = LABELS[1];

interface Synthesized {
  readonly plan: FirewallPlan;
  readonly tf: Readonly<Record<Cloud, TfJson>>;
  readonly probes: readonly Probe[];
}
const synthesized: Record<string, Synthesized> = {};

beforeAll(() => {
  for (const label of LABELS) {
    const { config, vnetHost } = CASES[label];
    const firewallPlan = plan(config);
    const dir = mkdtempSync(join(tmpdir(), 'st-matrix-'));
    try {
      synthApp(firewallPlan, CLOUDS, dir);
      const tf = Object.fromEntries(CLOUDS.map((cloud) => [cloud, JSON.parse(readFileSync(join(dir, 'stacks', cloud, 'cdk.tf.json'), 'utf8'))])) as Record<Cloud, TfJson>;
      synthesized[label] = { plan: firewallPlan, tf, probes: probesFor(firewallPlan, { vnetHost }) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

/** The cloud's verdict for one probe against one group of one config. */
function verdict(cloud: Cloud, label: string, group: ProtectedGroup, probe: Probe): Verdict {
  const { plan: firewallPlan, tf } = synthesized[label];
  return cloudEvaluator(cloud, tf[cloud], firewallPlan, group, { vnetCidrs: CASES[label].vnetCidrs })(probe);
}

const EDGE = '10.0.1.10';
const SERVER = '10.0.2.10';
const OTHER_SERVER = '10.0.2.11';
const ADMIN = '10.0.9.5';
const VNET_HOST = '10.0.200.7';
const INTERNET = '203.0.113.9';
const probe = (source: string, protocol: ProbeProtocol, port?: number): Probe => ({ source, protocol, port });

describe.each(CLOUDS)('%s: effective access equals the plan', (cloud) => {
  it.each(LABELS)('%s: every probe, both groups', (label) => {
    const { plan: firewallPlan, tf, probes } = synthesized[label];
    const mismatches: Mismatch[] = [];
    let compared = 0;
    for (const group of PROTECTED_GROUPS) {
      const result = compareGroup(cloud, tf[cloud], firewallPlan, group, probes, { vnetCidrs: CASES[label].vnetCidrs });
      compared += result.compared;
      mismatches.push(...result.mismatches);
    }
    expect(compared).toBeGreaterThan(2000);
    // Printed whole, so a failure says which cloud, group, packet and rule.
    expect(mismatches.map(formatMismatch)).toEqual([]);
  });

  it('compares more than 1000 probes', () => {
    let total = 0;
    for (const label of LABELS) {
      const { plan: firewallPlan, probes } = synthesized[label];
      for (const group of PROTECTED_GROUPS) {
        const expected = expectedEvaluator(cloud, firewallPlan, group);
        total += probes.filter((p) => expected(p) !== undefined).length;
      }
    }
    expect(total).toBeGreaterThan(1000);
  });

  it('ICMP from a Server to a Server is allowed natively, by an all-ICMP rule', () => {
    const result = verdict(cloud, NATIVE, 'server', probe(OTHER_SERVER, 'icmp'));
    expect(result.allowed).toBe(true);
    const { body } = resourceAt(synthesized[NATIVE].tf[cloud], result.rule);
    if (cloud === 'aws') expect(body).toMatchObject({ ip_protocol: 'icmp', from_port: -1, to_port: -1 });
    if (cloud === 'azure') expect(body).toMatchObject({ protocol: 'Icmp', access: 'Allow', destination_port_range: '*' });
    if (cloud === 'gcp') expect(body).toMatchObject({ allow: [{ protocol: 'icmp' }] });
  });

  it.each([EDGE, VNET_HOST, ADMIN, INTERNET])('ICMP from %s (not a Server) to a Server is denied', (source) => {
    expect(verdict(cloud, NATIVE, 'server', probe(source, 'icmp')).allowed).toBe(false);
  });

  it('ESP from a Server to a Server: denied natively; in vendor mode allowed on Azure and GCP (the allow-all), still denied on AWS', () => {
    expect(verdict(cloud, NATIVE, 'server', probe(OTHER_SERVER, 'esp')).allowed).toBe(false);
    expect(verdict(cloud, VENDOR, 'server', probe(OTHER_SERVER, 'esp')).allowed).toBe(cloud !== 'aws');
    // ...while the vendor's deny-TCP/deny-UDP keep unlisted ports shut in vendor mode too.
    expect(verdict(cloud, VENDOR, 'server', probe(OTHER_SERVER, 'tcp', 1024)).allowed).toBe(false);
    expect(verdict(cloud, VENDOR, 'server', probe(OTHER_SERVER, 'icmp')).allowed).toBe(true);
  });

  it.each([
    ['tcp', 8089, true],
    ['udp', 8089, true],
    ['tcp', 8088, true],
    ['udp', 8093, true],
    ['tcp', 8094, false],
    ['udp', 8094, false],
    ['udp', 8087, false],
  ] as const)('%s/%i from a Server to a Server: allowed %s (the note above the Server table)', (protocol, port, allowed) => {
    for (const label of [NATIVE, VENDOR]) expect(verdict(cloud, label, 'server', probe(SERVER, protocol, port)).allowed).toBe(allowed);
  });

  it.each([
    [30000, true],
    [30050, true],
    [30100, true],
    [29999, false],
    [30101, false],
  ])('FTP passive tcp/%i from the internet to an Edge: allowed %s', (port, allowed) => {
    expect(verdict(cloud, NATIVE, 'edge', probe(INTERNET, 'tcp', port)).allowed).toBe(allowed);
  });

  it('tcp/22 to an Edge: denied from the internet and from a Server, allowed from the Administration host', () => {
    expect(verdict(cloud, NATIVE, 'edge', probe(INTERNET, 'tcp', 22)).allowed).toBe(false);
    expect(verdict(cloud, NATIVE, 'edge', probe(SERVER, 'tcp', 22)).allowed).toBe(false);
    expect(verdict(cloud, NATIVE, 'edge', probe(ADMIN, 'tcp', 22)).allowed).toBe(true);
  });
});

describe('azure: the defaults are overridden', () => {
  it('a VNet host in no group reaches only what "Any" rules allow, never through AllowVnetInBound', () => {
    const { tf, probes } = synthesized[NATIVE];
    for (const group of PROTECTED_GROUPS) {
      const evaluate = cloudEvaluator('azure', tf.azure, synthesized[NATIVE].plan, group, { vnetCidrs: CASES[NATIVE].vnetCidrs });
      const verdicts = probes.filter((p) => p.source === VNET_HOST).map(evaluate);
      expect(verdicts.map((v) => v.rule)).not.toContain(AZURE_DEFAULTS.allowVnet);
      for (const { rule } of verdicts.filter((v) => v.allowed)) expect(resourceAt(tf.azure, rule).body.source_address_prefix).toBe('*');
    }
    expect(verdict('azure', NATIVE, 'edge', probe(VNET_HOST, 'tcp', 443))).toEqual({ allowed: true, rule: 'azurerm_network_security_rule.edge_https' });
    expect(verdict('azure', NATIVE, 'edge', probe(VNET_HOST, 'tcp', 33060))).toEqual({ allowed: false, rule: 'azurerm_network_security_rule.edge_deny_all_inbound' });
    expect(verdict('azure', NATIVE, 'server', probe(VNET_HOST, 'tcp', 443))).toEqual({ allowed: false, rule: 'azurerm_network_security_rule.server_deny_all_inbound' });
  });

  it('load balancer health probes are let in before the deny-all', () => {
    expect(verdict('azure', NATIVE, 'edge', probe('AzureLoadBalancer', 'tcp', 8080))).toEqual({ allowed: true, rule: 'azurerm_network_security_rule.edge_allow_azure_load_balancer' });
    expect(verdict('azure', NATIVE, 'server', probe('AzureLoadBalancer', 'tcp', 8080))).toEqual({ allowed: true, rule: 'azurerm_network_security_rule.server_allow_azure_load_balancer' });
  });

  it('in vendor mode, the vendor deny-TCP/deny-UDP (source Any) also shut TCP/UDP health probes out of the Servers', () => {
    // Not an emitter slip: the vendor's rows deny every TCP/UDP source and come first. Pinned so it stays visible.
    expect(verdict('azure', VENDOR, 'server', probe('AzureLoadBalancer', 'tcp', 8080))).toEqual({ allowed: false, rule: 'azurerm_network_security_rule.server_deny_tcp' });
    expect(verdict('azure', VENDOR, 'server', probe('AzureLoadBalancer', 'icmp')).allowed).toBe(true);
  });
});

describe('aws: egress', () => {
  it.each(LABELS)('%s: both groups keep allow-all egress (Terraform removes the default one)', (label) => {
    for (const group of PROTECTED_GROUPS) expect(awsEgressOpen(synthesized[label].tf.aws, `aws_security_group.${group}`)).toBe(true);
  });
});

describe('exhaustive verify (every packet) on every config', () => {
  it.each(LABELS)('%s: equal to the spec on every cloud, no finding but what icmp "vendor" admits', (label) => {
    const { plan: firewallPlan, tf } = synthesized[label];
    const report = verify(firewallPlan, tf, { vnetCidrs: CASES[label].vnetCidrs });
    for (const cloud of report.clouds) {
      expect({ cloud: cloud.cloud, unsupported: cloud.unsupported, lines: [...cloud.divergences.map(formatDivergence), ...cloud.problems] }).toEqual({ cloud: cloud.cloud, unsupported: undefined, lines: [] });
      expect(cloud.cells).toBeGreaterThan(50);
    }
    const findings = report.findings.filter((f) => f.kind !== 'icmp-vendor-flows').map((f) => f.message);
    expect(findings).toEqual([]);
    expect(report.findings.length > 0).toBe(firewallPlan.config.icmp === 'vendor');
    expect(report.ok).toBe(true);
  });
});
