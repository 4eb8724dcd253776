/**
 * The multi-cloud matrix, rule by rule: the same cases against all three emitters. Each cloud
 * has a reader that turns its synthesized resources back into neutral rows (written from the
 * providers' documented schemas, not from the emitters' code); every plan rule must come back
 * with its protocol, ports, sources and action, and each cloud's closing rules must be there.
 * test/access-matrix.test.ts then evaluates the effective access probe by probe.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Cloud, CLOUDS } from '../src/clouds';
import { validateConfig } from '../src/config/load';
import { allowOnly } from '../src/plan/allow-only';
import { FirewallPlan, plan, PlannedRule, portText } from '../src/plan/plan';
import { PROTECTED_GROUPS, ProtectedGroup } from '../src/spec/rule';
import { synthApp } from '../stacks/app';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));

/** A rule as read back from Terraform JSON, in neutral terms. */
interface Row {
  group: ProtectedGroup;
  id: string;
  action: 'allow' | 'deny';
  protocol: string;
  ports: string;
  sources: string[];
  priority?: number;
}

type Tf = Record<string, any>;
const resources = (tf: Tf, type: string): [string, any][] => Object.entries(tf.resource?.[type] ?? {});

/** Which group a resource belongs to, from the reference it holds. */
const groupOf = (ref: string): ProtectedGroup => (/\.(edge|server)\.(id|name)\}$/.exec(ref)?.[1] as ProtectedGroup) ?? fail(`unexpected reference ${ref}`);
function fail(message: string): never {
  throw new Error(message);
}

const NATIVE_PROTOCOL: Record<Cloud, Record<string, string>> = {
  aws: { tcp: 'tcp', udp: 'udp', icmp: 'icmp', all: '-1' },
  azure: { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', all: '*' },
  gcp: { tcp: 'tcp', udp: 'udp', icmp: 'icmp', all: 'all' },
};

const readers: Record<Cloud, (tf: Tf) => Row[]> = {
  // One resource per (rule, CIDR); the rule id is in the st-firewall:rule tag. Merge them back per rule.
  aws: (tf) => {
    const rows = new Map<string, Row>();
    for (const [, r] of resources(tf, 'aws_vpc_security_group_ingress_rule')) {
      const ports = r.ip_protocol === '-1' ? (r.from_port === undefined ? '*' : 'PORTS ON -1') : r.ip_protocol === 'icmp' ? `${r.from_port}/${r.to_port}` : r.from_port === r.to_port ? String(r.from_port) : `${r.from_port}-${r.to_port}`;
      const key = `${r.tags['st-firewall:rule']}`;
      expect(r.tags.Name).toBe(`st-prod-${key}`);
      const row: Row = rows.get(key) ?? { group: groupOf(r.security_group_id), id: key, action: 'allow', protocol: r.ip_protocol, ports, sources: [] };
      expect([row.protocol, row.ports]).toEqual([r.ip_protocol as string, ports]);
      row.sources.push(r.cidr_ipv4);
      rows.set(key, row);
    }
    return [...rows.values()];
  },
  azure: (tf) =>
    resources(tf, 'azurerm_network_security_rule').map(([, r]): Row => ({
      group: groupOf(r.network_security_group_name),
      id: r.name,
      action: r.access.toLowerCase(),
      protocol: r.protocol,
      ports: r.destination_port_range,
      sources: r.source_address_prefixes ?? [r.source_address_prefix],
      priority: r.priority,
    })),
  gcp: (tf) =>
    resources(tf, 'google_compute_firewall').map(([, r]): Row => {
      const action = r.allow ? 'allow' : 'deny';
      const [match] = r.allow ?? r.deny;
      return {
        group: (/-(edge|server)$/.exec(r.target_tags[0])?.[1] as ProtectedGroup) ?? fail(`tag ${r.target_tags}`),
        id: r.name.replace(/^st-prod-/, ''),
        action,
        protocol: match.protocol,
        ports: match.ports ? match.ports.join(',') : '*',
        sources: r.source_ranges,
        priority: r.priority,
      };
    }),
};

/** What a plan rule must look like on a cloud. */
function expected(cloud: Cloud, rule: PlannedRule): Row {
  return {
    group: rule.target,
    id: rule.id,
    action: rule.action,
    protocol: NATIVE_PROTOCOL[cloud][rule.protocol],
    ports: rule.protocol === 'icmp' && cloud === 'aws' ? '-1/-1' : portText(rule.ports),
    sources: rule.source.kind === 'any' ? ['0.0.0.0/0'].map((any) => (cloud === 'azure' ? '*' : any)) : [...rule.source.cidrs],
    ...(cloud === 'aws' ? {} : { priority: rule.priority }),
  };
}

function synth(icmp: 'native' | 'vendor'): { firewall: FirewallPlan; stacks: Record<Cloud, Tf> } {
  const firewall = plan(validateConfig({ ...EXAMPLE, icmp }));
  const out = mkdtempSync(join(tmpdir(), 'st-emit-'));
  try {
    synthApp(firewall, CLOUDS, out);
    const stacks = Object.fromEntries(CLOUDS.map((c) => [c, JSON.parse(readFileSync(join(out, 'stacks', c, 'cdk.tf.json'), 'utf8'))])) as Record<Cloud, Tf>;
    return { firewall, stacks };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const MODES = { native: synth('native'), vendor: synth('vendor') };

describe.each(CLOUDS)('%s emitter', (cloud) => {
  describe.each(['native', 'vendor'] as const)('icmp %s', (mode) => {
    const { firewall, stacks } = MODES[mode];
    const rows = readers[cloud](stacks[cloud]);
    const planRules = (group: ProtectedGroup) => (cloud === 'aws' ? allowOnly(firewall.groups[group], 'aws').rules : firewall.groups[group].rules);

    it.each(PROTECTED_GROUPS)('every %s rule of the plan lands with its protocol, ports, sources and action', (group) => {
      for (const rule of planRules(group)) {
        expect(rows.find((row) => row.id === rule.id)).toEqual(expected(cloud, rule));
      }
    });

    it('adds nothing but its documented closing rules', () => {
      const planned = new Set(PROTECTED_GROUPS.flatMap((g) => planRules(g).map((r) => r.id)));
      const extra = rows.filter((row) => !planned.has(row.id)).map((row) => [row.id, row.action, row.protocol, row.ports, row.sources, row.priority]);
      const closing: Record<Cloud, unknown[]> = {
        aws: [],
        azure: PROTECTED_GROUPS.flatMap((g) => [
          [`${g}-allow-azure-load-balancer`, 'allow', '*', '*', ['AzureLoadBalancer'], 4095],
          [`${g}-deny-all-inbound`, 'deny', '*', '*', ['*'], 4096],
        ]),
        gcp: PROTECTED_GROUPS.map((g) => [`${g}-deny-all`, 'deny', 'all', '*', ['0.0.0.0/0'], 4096]),
      };
      expect(extra).toEqual(closing[cloud]);
    });

    if (cloud !== 'aws') {
      it('priorities are unique per group, within 100-4096, and every deny-all comes after every allow', () => {
        for (const group of PROTECTED_GROUPS) {
          const mine = rows.filter((row) => row.group === group);
          const priorities = mine.map((row) => row.priority!);
          expect(new Set(priorities).size).toBe(priorities.length);
          for (const p of priorities) expect(p >= 100 && p <= 4096).toBe(true);
          const denyAll = mine.find((row) => row.id.endsWith('deny-all') || row.id.endsWith('deny-all-inbound'))!;
          expect(Math.max(...priorities)).toBe(denyAll.priority);
        }
      });
    }
  });
});

describe('cloud specifics', () => {
  const { stacks } = MODES.native;

  it('aws: an explicit allow-all egress per group (Terraform deletes the default one)', () => {
    const egress = resources(stacks.aws, 'aws_vpc_security_group_egress_rule').map(([, r]) => [groupOf(r.security_group_id), r.ip_protocol, r.cidr_ipv4, r.from_port]);
    expect(egress).toEqual([
      ['edge', '-1', '0.0.0.0/0', undefined],
      ['server', '-1', '0.0.0.0/0', undefined],
    ]);
  });

  it('aws: 38 Edge and 29 Server ingress rules for the example (one per source CIDR), under the 60 quota', () => {
    const count = (g: string) => resources(stacks.aws, 'aws_vpc_security_group_ingress_rule').filter(([, r]) => groupOf(r.security_group_id) === g).length;
    // Edge: 13 from Any + 6 streaming x 2 servers + 3 admin x 1 + 5 edge-to-edge x 2. Server: (11 + 2 note + 1 ICMP) x 2 + 1 admin.
    expect([count('edge'), count('server')]).toEqual([38, 29]);
  });

  it('aws: in vendor mode the Server group gets ICMP, never all protocols, and synth says so', () => {
    const { firewall, stacks: vendor } = MODES.vendor;
    const protocols = resources(vendor.aws, 'aws_vpc_security_group_ingress_rule').map(([, r]) => r.ip_protocol);
    expect(protocols).not.toContain('-1');
    expect(protocols).toContain('icmp');
    expect(allowOnly(firewall.groups.server, 'aws').warnings.join()).toMatch(/no deny rules.*ICMP from the Servers/);
  });

  it('azure: allows are scoped to the group\'s hosts, denies to every destination', () => {
    for (const [, r] of resources(stacks.azure, 'azurerm_network_security_rule')) {
      const hosts = EXAMPLE[groupOf(r.network_security_group_name)].privateIps.map((ip: string) => `${ip}/32`);
      if (r.source_address_prefix === 'AzureLoadBalancer' || r.access === 'Deny') expect(r.destination_address_prefix).toBe('*');
      else expect(r.destination_address_prefixes).toEqual(hosts);
      expect(r.description.length).toBeLessThanOrEqual(140);
      expect(r.direction).toBe('Inbound');
    }
  });

  it('gcp: names are valid, every rule targets its group by tag, on the configured network', () => {
    for (const [, r] of resources(stacks.gcp, 'google_compute_firewall')) {
      expect(r.name).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
      expect(r.network).toBe('securetransport');
      expect(r.direction).toBe('INGRESS');
      expect(r.target_tags).toHaveLength(1);
    }
  });

  it('gcp: vendor mode denies TCP and UDP from anywhere before allowing everything from the Servers', () => {
    const rules = Object.fromEntries(resources(MODES.vendor.stacks.gcp, 'google_compute_firewall').map(([, r]) => [r.name, r]));
    const [tcp, udp, all] = ['server-deny-tcp', 'server-deny-udp', 'server-allow-all-from-servers'].map((id) => rules[`st-prod-${id}`]);
    expect([tcp.deny, udp.deny, all.allow]).toEqual([[{ protocol: 'tcp' }], [{ protocol: 'udp' }], [{ protocol: 'all' }]]);
    expect(tcp.priority).toBeLessThan(all.priority);
    expect(udp.priority).toBeLessThan(all.priority);
    expect(Math.max(...Object.values(rules).filter((r: any) => r.allow && r.target_tags[0].endsWith('server') && r !== all).map((r: any) => r.priority))).toBeLessThan(tcp.priority);
  });
});
