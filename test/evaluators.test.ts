/**
 * The evaluators on their own: small hand-written Terraform JSON (not produced by the emitters)
 * pins each cloud's documented semantics (shared/reference/cloud-semantics.md), every construct
 * they refuse, and then mutations of the real synthesized example, each of which the comparison
 * with the plan must catch.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { synthApp } from '../stacks/app';
import { Cloud, CLOUDS } from '../src/clouds';
import { validateConfig } from '../src/config/load';
import { FirewallPlan, GroupPlan, plan, PlannedRule } from '../src/plan/plan';
import { PROTECTED_GROUPS } from '../src/spec/rule';
import { AZURE_DEFAULTS, awsEgressOpen, evaluateAws, evaluateAzure, evaluateGcp, GCP_IMPLIED_DENY } from '../src/verify/evaluate';
import { compareGroup, formatMismatch } from '../src/verify/compare';
import { InvalidTerraform, Probe, ProbeProtocol, UnsupportedConstruct } from '../src/verify/probe';
import { probesFor } from '../src/verify/probes';
import { evaluateSpec } from '../src/verify/spec';
import { TfJson } from '../src/sources/cdktf-json';

const probe = (source: string, protocol: ProbeProtocol, port?: number): Probe => ({ source, protocol, port });
type Body = Record<string, unknown>;

describe('src/verify, src/analysis and src/sources stay free of CDKTF', () => {
  it('no module it imports, directly or not, is cdktf or @cdktf/*', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|require\()\s*'([^']+)'/g)) {
        const path = resolve(dirname(file), spec);
        if (spec.startsWith('.')) visit(existsSync(`${path}.ts`) ? `${path}.ts` : join(path, 'index.ts'));
        else packages.add(spec);
      }
    };
    for (const name of ['verify', 'analysis', 'sources']) {
      const dir = resolve(__dirname, '../src', name);
      for (const file of readdirSync(dir)) visit(join(dir, file));
    }
    expect([...packages].filter((name) => name === 'cdktf' || name.startsWith('@cdktf/') || name === 'constructs')).toEqual([]);
    expect(seen.size).toBeGreaterThan(8);
  });
});

describe('spec evaluator', () => {
  const rule = (id: string, priority: number, fields: Partial<PlannedRule>): PlannedRule => ({
    id, priority, target: 'server', action: 'allow', protocol: 'tcp', ports: null, source: { kind: 'any' }, description: id, section: 's', ...fields,
  });
  const group: GroupPlan = {
    group: 'server',
    hosts: ['10.0.2.10/32'],
    rules: [
      rule('deny-tcp', 20, { action: 'deny' }),
      rule('allow-ssh', 10, { ports: { from: 22, to: 22 }, source: { kind: 'cidrs', cidrs: ['10.0.9.0/24'] } }),
      rule('all-from-servers', 30, { protocol: 'all', source: { kind: 'cidrs', cidrs: ['10.0.2.0/24'] } }),
    ],
  };
  it('sorts by priority, first match wins, default deny', () => {
    expect(evaluateSpec(group, probe('10.0.9.5', 'tcp', 22))).toEqual({ allowed: true, rule: 'allow-ssh' });
    expect(evaluateSpec(group, probe('10.0.2.11', 'tcp', 22))).toEqual({ allowed: false, rule: 'deny-tcp' });
    expect(evaluateSpec(group, probe('10.0.2.11', 'gre'))).toEqual({ allowed: true, rule: 'all-from-servers' });
    expect(evaluateSpec(group, probe('10.0.9.5', 'esp'))).toEqual({ allowed: false, rule: 'spec:default-deny' });
  });
  it("matches 'AzureLoadBalancer' only with Any sources", () => {
    expect(evaluateSpec(group, probe('AzureLoadBalancer', 'tcp', 22)).rule).toBe('deny-tcp');
    expect(evaluateSpec(group, probe('AzureLoadBalancer', 'icmp')).rule).toBe('spec:default-deny');
  });
});

describe('aws evaluator', () => {
  const SG = 'aws_security_group.web';
  const tf = (rules: Record<string, Body>, extra: Record<string, Record<string, Body>> = {}, sg: Body = {}): TfJson => ({
    resource: {
      aws_security_group: { web: { name: 'web', ...sg }, other: { name: 'other' } },
      aws_vpc_security_group_ingress_rule: Object.fromEntries(
        Object.entries(rules).map(([name, body]) => [name, { security_group_id: '${aws_security_group.web.id}', ...body }]),
      ),
      ...extra,
    },
  });
  const base = tf({
    ssh: { ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '10.0.0.0/8' },
    web: { ip_protocol: 'tcp', from_port: 80, to_port: 81, cidr_ipv4: '0.0.0.0/0' },
    ping: { ip_protocol: 'icmp', from_port: -1, to_port: -1, cidr_ipv4: '10.0.2.0/24' },
    esp: { ip_protocol: '50', cidr_ipv4: '10.0.3.0/24' },
    all: { ip_protocol: '-1', cidr_ipv4: '10.0.4.0/24' },
    v6: { ip_protocol: '-1', cidr_ipv6: '::/0' },
    elsewhere: { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0', security_group_id: '${aws_security_group.other.id}' },
  });
  const aws = (p: Probe, json = base) => evaluateAws(json, SG, p);

  it('is a union of allows over a default deny', () => {
    expect(aws(probe('10.1.1.1', 'tcp', 22))).toEqual({ allowed: true, rule: 'aws_vpc_security_group_ingress_rule.ssh' });
    expect(aws(probe('203.0.113.9', 'tcp', 81))).toEqual({ allowed: true, rule: 'aws_vpc_security_group_ingress_rule.web' });
    expect(aws(probe('203.0.113.9', 'tcp', 22))).toEqual({ allowed: false, rule: 'aws:default-deny' });
    expect(aws(probe('203.0.113.9', 'tcp', 82)).allowed).toBe(false);
    expect(aws(probe('10.1.1.1', 'udp', 22)).allowed).toBe(false);
  });
  it('"-1" takes every protocol and port; a protocol number only its own; icmp -1/-1 all ICMP', () => {
    for (const p of [probe('10.0.4.9', 'tcp', 65535), probe('10.0.4.9', 'udp', 1), probe('10.0.4.9', 'gre'), probe('10.0.4.9', 'ah')]) {
      expect(aws(p)).toEqual({ allowed: true, rule: 'aws_vpc_security_group_ingress_rule.all' });
    }
    expect(aws(probe('10.0.3.1', 'esp')).rule).toBe('aws_vpc_security_group_ingress_rule.esp');
    expect(aws(probe('10.0.3.1', 'ah')).allowed).toBe(false);
    expect(aws(probe('10.0.2.7', 'icmp')).rule).toBe('aws_vpc_security_group_ingress_rule.ping');
    expect(aws(probe('10.0.2.7', 'tcp', 7)).allowed).toBe(false);
  });
  it('"6" is tcp with its ports; an IPv6-only rule matches no IPv4 probe; other groups\' rules do not count', () => {
    const numbered = tf({ t: { ip_protocol: '6', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' } });
    expect(aws(probe('1.2.3.4', 'tcp', 443), numbered).allowed).toBe(true);
    expect(aws(probe('1.2.3.4', 'tcp', 444), numbered).allowed).toBe(false);
    expect(aws(probe('1.2.3.4', 'esp')).allowed).toBe(false);
  });
  it.each<[string, TfJson, typeof UnsupportedConstruct]>([
    ['prefix_list_id', tf({ r: { ip_protocol: 'tcp', from_port: 1, to_port: 1, prefix_list_id: 'pl-123' } }), UnsupportedConstruct],
    ['referenced_security_group_id', tf({ r: { ip_protocol: '-1', referenced_security_group_id: '${aws_security_group.other.id}' } }), UnsupportedConstruct],
    ['two sources', tf({ r: { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0', cidr_ipv6: '::/0' } }), InvalidTerraform],
    ['-1 with ports', tf({ r: { ip_protocol: '-1', from_port: 0, to_port: 65535, cidr_ipv4: '0.0.0.0/0' } }), InvalidTerraform],
    ['an ICMP code without a type', tf({ r: { ip_protocol: 'icmp', from_port: -1, to_port: 3, cidr_ipv4: '0.0.0.0/0' } }), InvalidTerraform],
    ['a protocol name it does not know', tf({ r: { ip_protocol: 'TCP', from_port: 1, to_port: 1, cidr_ipv4: '0.0.0.0/0' } }), UnsupportedConstruct],
    ['a computed CIDR', tf({ r: { ip_protocol: '-1', cidr_ipv4: '${var.cidr}' } }), UnsupportedConstruct],
    ['count', tf({ r: { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0', count: 0 } }), UnsupportedConstruct],
    ['a literal group id', tf({ r: { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0', security_group_id: 'sg-0123' } }), UnsupportedConstruct],
    // Inline blocks and aws_security_group_rule are read (src/sources/terraform-aws.ts); two forms on one group are refused.
    ['inline ingress blocks beside rule resources', tf({ r: { ip_protocol: 'tcp', from_port: 1, to_port: 1, cidr_ipv4: '0.0.0.0/0' } }, {}, { ingress: [{ protocol: '-1', cidr_blocks: ['0.0.0.0/0'], from_port: 0, to_port: 0 }] }), UnsupportedConstruct],
    [
      'aws_security_group_rule beside aws_vpc_security_group_ingress_rule on the group',
      tf({ r: { ip_protocol: 'tcp', from_port: 1, to_port: 1, cidr_ipv4: '0.0.0.0/0' } }, { aws_security_group_rule: { r: { type: 'ingress', security_group_id: '${aws_security_group.web.id}', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] } } }),
      UnsupportedConstruct,
    ],
  ])('refuses %s', (_, json, error) => {
    expect(() => aws(probe('10.0.0.1', 'tcp', 1), json)).toThrow(error);
  });
  it('awsEgressOpen: only an all-protocol rule to 0.0.0.0/0 of this group', () => {
    const egress = (body: Body) => tf({}, { aws_vpc_security_group_egress_rule: { e: { security_group_id: '${aws_security_group.web.id}', ...body } } });
    expect(awsEgressOpen(egress({ ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' }), SG)).toBe(true);
    expect(awsEgressOpen(egress({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }), SG)).toBe(false);
    expect(awsEgressOpen(egress({ ip_protocol: '-1', cidr_ipv4: '10.0.0.0/8' }), SG)).toBe(false);
    expect(awsEgressOpen(egress({ ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0', security_group_id: '${aws_security_group.other.id}' }), SG)).toBe(false);
    expect(awsEgressOpen(base, SG)).toBe(false);
    expect(() => awsEgressOpen(tf({ r: { ip_protocol: 'tcp', from_port: 1, to_port: 1, cidr_ipv4: '0.0.0.0/0' } }, {}, { egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }] }), SG)).toThrow(UnsupportedConstruct);
  });
});

describe('azure evaluator', () => {
  const NSG = 'azurerm_network_security_group.web';
  const ctx = { vnetCidrs: ['10.0.0.0/16'], destination: '10.0.1.10' };
  const rule = (priority: number, access: 'Allow' | 'Deny', protocol: string, port: string, source: Body = { source_address_prefix: '*' }, extra: Body = {}): Body => ({
    network_security_group_name: '${azurerm_network_security_group.web.name}',
    direction: 'Inbound', priority, access, protocol,
    source_port_range: '*', destination_port_range: port, destination_address_prefix: '*',
    ...source, ...extra,
  });
  const tf = (rules: Record<string, Body>, nsg: Body = {}): TfJson => ({
    resource: { azurerm_network_security_group: { web: { name: 'web-nsg', ...nsg } }, azurerm_network_security_rule: rules },
  });
  const azure = (json: TfJson, p: Probe, c = ctx) => evaluateAzure(json, NSG, p, c);

  it('first match by priority decides, a deny before an allow included (not the order of the resources)', () => {
    const json = tf({
      a_allow_ssh: rule(300, 'Allow', 'Tcp', '22'),
      b_deny_ssh_internet: rule(200, 'Deny', 'Tcp', '22', { source_address_prefix: 'Internet' }),
      c_allow_ssh_admin: rule(100, 'Allow', 'Tcp', '22', { source_address_prefixes: ['10.0.9.5/32'] }),
    });
    expect(azure(json, probe('203.0.113.9', 'tcp', 22))).toEqual({ allowed: false, rule: 'azurerm_network_security_rule.b_deny_ssh_internet' });
    expect(azure(json, probe('10.0.9.5', 'tcp', 22))).toEqual({ allowed: true, rule: 'azurerm_network_security_rule.c_allow_ssh_admin' });
    expect(azure(json, probe('10.0.7.7', 'tcp', 22))).toEqual({ allowed: true, rule: 'azurerm_network_security_rule.a_allow_ssh' });
  });
  it('without a deny-all of its own, the defaults decide: AllowVnetInBound, AllowAzureLoadBalancerInBound, DenyAllInBound', () => {
    const json = tf({ web: rule(100, 'Allow', 'Tcp', '80', { source_address_prefix: 'Internet' }) });
    expect(azure(json, probe('203.0.113.9', 'tcp', 80)).allowed).toBe(true);
    expect(azure(json, probe('10.0.200.7', 'tcp', 33060))).toEqual({ allowed: true, rule: AZURE_DEFAULTS.allowVnet });
    expect(azure(json, probe('10.0.200.7', 'esp'))).toEqual({ allowed: true, rule: AZURE_DEFAULTS.allowVnet });
    expect(azure(json, probe('AzureLoadBalancer', 'tcp', 8080))).toEqual({ allowed: true, rule: AZURE_DEFAULTS.allowLoadBalancer });
    expect(azure(json, probe('203.0.113.9', 'tcp', 22))).toEqual({ allowed: false, rule: AZURE_DEFAULTS.denyAll });
    // A destination outside the VirtualNetwork space is not VNet-to-VNet traffic.
    expect(azure(json, probe('10.0.200.7', 'tcp', 22), { ...ctx, destination: '192.168.1.1' }).rule).toBe(AZURE_DEFAULTS.denyAll);
  });
  it('a deny-all of its own overrides AllowVnetInBound, and the load balancer too unless allowed before it', () => {
    const json = tf({ deny: rule(4096, 'Deny', '*', '*') });
    expect(azure(json, probe('10.0.200.7', 'tcp', 22))).toEqual({ allowed: false, rule: 'azurerm_network_security_rule.deny' });
    expect(azure(json, probe('AzureLoadBalancer', 'tcp', 80)).allowed).toBe(false);
    const withLb = tf({ deny: rule(4096, 'Deny', '*', '*'), lb: rule(4095, 'Allow', '*', '*', { source_address_prefix: 'AzureLoadBalancer' }) });
    expect(azure(withLb, probe('AzureLoadBalancer', 'tcp', 80)).rule).toBe('azurerm_network_security_rule.lb');
    expect(azure(withLb, probe('10.0.200.7', 'tcp', 80)).allowed).toBe(false);
  });
  it('protocols, port lists, tags and destinations', () => {
    const json = tf({
      esp: rule(100, 'Allow', 'Esp', '*', { source_address_prefix: '10.0.3.0/24' }),
      icmp: rule(110, 'Allow', 'Icmp', '*', { source_address_prefix: 'VirtualNetwork' }),
      ports: rule(120, 'Allow', 'Udp', '', { source_address_prefix: '*' }, { destination_port_range: undefined, destination_port_ranges: ['53', '7800-7802'] }),
      elsewhere: rule(130, 'Allow', 'Tcp', '*', { source_address_prefix: '*' }, { destination_address_prefix: undefined, destination_address_prefixes: ['10.0.5.0/24'] }),
      any_proto: rule(140, 'Allow', '*', '*', { source_address_prefix: '10.0.4.4' }),
      deny: rule(4096, 'Deny', '*', '*'),
    });
    expect(azure(json, probe('10.0.3.3', 'esp')).allowed).toBe(true);
    expect(azure(json, probe('10.0.3.3', 'ah')).allowed).toBe(false);
    expect(azure(json, probe('10.0.9.9', 'icmp')).rule).toBe('azurerm_network_security_rule.icmp');
    expect(azure(json, probe('203.0.113.9', 'icmp')).allowed).toBe(false);
    expect(azure(json, probe('203.0.113.9', 'udp', 7801)).rule).toBe('azurerm_network_security_rule.ports');
    expect(azure(json, probe('203.0.113.9', 'udp', 7803)).allowed).toBe(false);
    expect(azure(json, probe('203.0.113.9', 'tcp', 53)).allowed).toBe(false); // the destination is 10.0.1.10, not 10.0.5.0/24
    expect(azure(json, probe('203.0.113.9', 'tcp', 53), { ...ctx, destination: '10.0.5.5' }).rule).toBe('azurerm_network_security_rule.elsewhere');
    expect(azure(json, probe('10.0.4.4', 'gre')).rule).toBe('azurerm_network_security_rule.any_proto');
  });
  it('reads rules of this NSG only; priorities may repeat across directions', () => {
    const json = tf({
      in: rule(100, 'Allow', 'Tcp', '22'),
      out: rule(100, 'Deny', '*', '*', undefined, { direction: 'Outbound' }),
      other: rule(100, 'Deny', '*', '*', undefined, { network_security_group_name: '${azurerm_network_security_group.other.name}' }),
    });
    expect(azure(json, probe('203.0.113.9', 'tcp', 22)).allowed).toBe(true);
  });
  it.each<[string, Record<string, Body>, Body | undefined, typeof UnsupportedConstruct]>([
    ['a duplicate inbound priority', { a: rule(100, 'Allow', 'Tcp', '22'), b: rule(100, 'Deny', '*', '*') }, undefined, InvalidTerraform],
    ['priority 4097', { a: rule(4097, 'Deny', '*', '*') }, undefined, InvalidTerraform],
    ['priority 99', { a: rule(99, 'Deny', '*', '*') }, undefined, InvalidTerraform],
    ['lowercase "tcp"', { a: rule(100, 'Allow', 'tcp', '22') }, undefined, UnsupportedConstruct],
    ['an unknown service tag', { a: rule(100, 'Allow', 'Tcp', '22', { source_address_prefix: 'Storage' }) }, undefined, UnsupportedConstruct],
    ['a tag in *_address_prefixes', { a: rule(100, 'Allow', 'Tcp', '22', { source_address_prefixes: ['VirtualNetwork'] }) }, undefined, InvalidTerraform],
    ['application security groups', { a: rule(100, 'Allow', 'Tcp', '22', { source_application_security_group_ids: ['${azurerm_application_security_group.x.id}'] }) }, undefined, UnsupportedConstruct],
    ['two source forms', { a: rule(100, 'Allow', 'Tcp', '22', { source_address_prefix: '*', source_address_prefixes: ['10.0.0.0/8'] }) }, undefined, InvalidTerraform],
    ['a source port', { a: rule(100, 'Allow', 'Tcp', '22', undefined, { source_port_range: '1024-65535' }) }, undefined, UnsupportedConstruct],
    [
      'inline security_rule beside rule resources',
      { a: rule(100, 'Allow', 'Tcp', '22') },
      { security_rule: [{ name: 'x', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '22', source_address_prefix: '*', destination_address_prefix: '*' }] },
      UnsupportedConstruct,
    ],
  ])('refuses %s', (_, rules, nsg, error) => {
    expect(() => azure(tf(rules, nsg), probe('10.0.0.1', 'tcp', 22))).toThrow(error);
  });
  it('names the clash of a duplicate priority', () => {
    expect(() => azure(tf({ a: rule(100, 'Allow', 'Tcp', '22'), b: rule(100, 'Deny', '*', '*') }), probe('10.0.0.1', 'tcp', 22))).toThrow(
      /azurerm_network_security_rule\.a and azurerm_network_security_rule\.b share Inbound priority 100/,
    );
  });
});

describe('gcp evaluator', () => {
  const ctx = { network: 'net' };
  const fw = (priority: number | undefined, kind: 'allow' | 'deny', entries: Body[], extra: Body = {}): Body => ({
    network: 'net', direction: 'INGRESS', source_ranges: ['0.0.0.0/0'], target_tags: ['web'], [kind]: entries,
    ...(priority === undefined ? {} : { priority }), ...extra,
  });
  const tf = (rules: Record<string, Body>): TfJson => ({ resource: { google_compute_firewall: rules } });
  const gcp = (json: TfJson, p: Probe) => evaluateGcp(json, 'web', p, ctx);

  it('at equal priority, deny beats allow (whatever the address order)', () => {
    const json = tf({ a_allow: fw(1000, 'allow', [{ protocol: 'tcp', ports: ['22'] }]), z_deny: fw(1000, 'deny', [{ protocol: 'tcp' }]) });
    expect(gcp(json, probe('1.2.3.4', 'tcp', 22))).toEqual({ allowed: false, rule: 'google_compute_firewall.z_deny' });
  });
  it('the lower number wins; absent priority is 1000; implied deny at 65535', () => {
    const json = tf({ deny: fw(undefined, 'deny', [{ protocol: 'all' }]), allow: fw(999, 'allow', [{ protocol: 'tcp', ports: ['80', '7800-7802'] }]) });
    expect(gcp(json, probe('1.2.3.4', 'tcp', 7802))).toEqual({ allowed: true, rule: 'google_compute_firewall.allow' });
    expect(gcp(json, probe('1.2.3.4', 'tcp', 81))).toEqual({ allowed: false, rule: 'google_compute_firewall.deny' });
    const later = tf({ deny: fw(undefined, 'deny', [{ protocol: 'all' }]), allow: fw(1001, 'allow', [{ protocol: 'tcp', ports: ['80'] }]) });
    expect(gcp(later, probe('1.2.3.4', 'tcp', 80)).allowed).toBe(false);
    expect(gcp(tf({}), probe('1.2.3.4', 'tcp', 80))).toEqual({ allowed: false, rule: GCP_IMPLIED_DENY });
  });
  it('protocol names and numbers, sources, targets, network, direction, disabled', () => {
    const json = tf({
      esp: fw(100, 'allow', [{ protocol: 'esp' }], { source_ranges: ['10.0.3.0/24'] }),
      gre: fw(110, 'allow', [{ protocol: '47' }]),
      icmp: fw(120, 'allow', [{ protocol: 'icmp' }, { protocol: 'udp', ports: ['53'] }], { target_tags: undefined }),
      other_tag: fw(130, 'allow', [{ protocol: 'all' }], { target_tags: ['db'] }),
      other_net: fw(140, 'allow', [{ protocol: 'all' }], { network: 'elsewhere' }),
      egress: fw(150, 'allow', [{ protocol: 'all' }], { direction: 'EGRESS' }),
      disabled: fw(160, 'allow', [{ protocol: 'all' }], { disabled: true }),
      url_net: fw(170, 'allow', [{ protocol: 'tcp', ports: ['8443'] }], { network: 'projects/p/global/networks/net', direction: undefined }),
    });
    expect(gcp(json, probe('10.0.3.1', 'esp')).allowed).toBe(true);
    expect(gcp(json, probe('10.0.4.1', 'esp')).allowed).toBe(false);
    expect(gcp(json, probe('1.2.3.4', 'gre')).rule).toBe('google_compute_firewall.gre');
    expect(gcp(json, probe('1.2.3.4', 'icmp')).rule).toBe('google_compute_firewall.icmp'); // no target_tags: every instance
    expect(gcp(json, probe('1.2.3.4', 'udp', 53)).rule).toBe('google_compute_firewall.icmp');
    expect(gcp(json, probe('1.2.3.4', 'tcp', 8443)).rule).toBe('google_compute_firewall.url_net');
    expect(gcp(json, probe('1.2.3.4', 'ah'))).toEqual({ allowed: false, rule: GCP_IMPLIED_DENY });
  });
  it.each<[string, Body, typeof UnsupportedConstruct]>([
    ['source_tags', fw(100, 'allow', [{ protocol: 'all' }], { source_tags: ['app'] }), UnsupportedConstruct],
    ['source_service_accounts', fw(100, 'allow', [{ protocol: 'all' }], { source_service_accounts: ['a@p.iam.gserviceaccount.com'] }), UnsupportedConstruct],
    ['target_service_accounts', fw(100, 'allow', [{ protocol: 'all' }], { target_tags: undefined, target_service_accounts: ['a@p.iam.gserviceaccount.com'] }), UnsupportedConstruct],
    ['"gre" (GCP knows 47)', fw(100, 'allow', [{ protocol: 'gre' }]), UnsupportedConstruct],
    ['an upper-case protocol', fw(100, 'allow', [{ protocol: 'TCP' }]), UnsupportedConstruct],
    ['ports on icmp', fw(100, 'allow', [{ protocol: 'icmp', ports: ['8'] }]), InvalidTerraform],
    ['allow and deny together', fw(100, 'allow', [{ protocol: 'all' }], { deny: [{ protocol: 'tcp' }] }), InvalidTerraform],
    ['no source_ranges', fw(100, 'allow', [{ protocol: 'all' }], { source_ranges: undefined }), InvalidTerraform],
    ['priority 65536', fw(65536, 'allow', [{ protocol: 'all' }]), InvalidTerraform],
  ])('refuses %s', (_, body, error) => {
    expect(() => gcp(tf({ r: JSON.parse(JSON.stringify(body)) }), probe('1.2.3.4', 'tcp', 80))).toThrow(error);
  });
});

describe('mutations of the synthesized example are caught', () => {
  type MutableTf = { resource: Record<string, Record<string, Body>> };
  let examplePlan: FirewallPlan;
  let probes: Probe[];
  const original = {} as Record<Cloud, TfJson>;
  const VNET = { vnetCidrs: ['10.0.0.0/16'] };

  beforeAll(() => {
    const config = validateConfig(JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8')));
    examplePlan = plan(config);
    probes = probesFor(examplePlan);
    const dir = mkdtempSync(join(tmpdir(), 'st-mutation-'));
    try {
      synthApp(examplePlan, CLOUDS, dir);
      for (const cloud of CLOUDS) original[cloud] = JSON.parse(readFileSync(join(dir, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const mismatches = (cloud: Cloud, tf: TfJson): string[] =>
    PROTECTED_GROUPS.flatMap((group) => compareGroup(cloud, tf, examplePlan, group, probes, VNET).mismatches.map(formatMismatch));
  const mutate = (cloud: Cloud, change: (tf: MutableTf) => void): TfJson => {
    const copy = structuredClone(original[cloud]) as unknown as MutableTf;
    change(copy);
    return copy as unknown as TfJson;
  };
  const AWS_IN = 'aws_vpc_security_group_ingress_rule';
  const AZ = 'azurerm_network_security_rule';
  const GCP = 'google_compute_firewall';

  it.each(CLOUDS)('%s: the unmutated output agrees with the plan', (cloud) => {
    expect(mismatches(cloud, original[cloud])).toEqual([]);
  });

  it.each<[Cloud, string, (tf: MutableTf) => void, string]>([
    ['aws', 'delete an ingress rule', (tf) => delete tf.resource[AWS_IN].edge_http, 'aws edge: tcp/80 from 203.0.113.9: expected allow'],
    ['aws', 'change a port', (tf) => Object.assign(tf.resource[AWS_IN].edge_https, { from_port: 8443, to_port: 8443 }), 'aws edge: tcp/443 from 203.0.113.9: expected allow'],
    ['aws', 'widen a source to 0.0.0.0/0', (tf) => (tf.resource[AWS_IN].edge_ssh_admin_from_10_0_9_5_32.cidr_ipv4 = '0.0.0.0/0'), 'aws edge: tcp/22 from 203.0.113.9: expected deny'],
    ['aws', 'turn a port rule into all traffic', (tf) => Object.assign(tf.resource[AWS_IN].server_jmx_from_10_0_2_10_32, { ip_protocol: '-1', from_port: undefined, to_port: undefined }), 'aws server: tcp/1 from 10.0.2.10: expected deny'],
    ['azure', 'delete a rule', (tf) => delete tf.resource[AZ].edge_http, 'azure edge: tcp/80 from 203.0.113.9: expected allow'],
    ['azure', 'change a port', (tf) => (tf.resource[AZ].edge_https.destination_port_range = '8443'), 'azure edge: tcp/443 from 203.0.113.9: expected allow'],
    ['azure', 'widen a source to 0.0.0.0/0', (tf) => (tf.resource[AZ].edge_ssh_admin.source_address_prefixes = ['0.0.0.0/0']), 'azure edge: tcp/22 from 203.0.113.9: expected deny'],
    ['azure', 'move the deny-all before the allows', (tf) => (tf.resource[AZ].edge_deny_all_inbound.priority = 105), 'azure edge: tcp/443 from 203.0.113.9: expected allow'],
    ['azure', 'delete the deny-all (AllowVnetInBound comes back)', (tf) => delete tf.resource[AZ].server_deny_all_inbound, 'azure server: tcp/1 from 10.0.1.10: expected deny (spec:default-deny), got allow (azure:AllowVnetInBound(65000))'],
    ['azure', 'delete the load balancer allow', (tf) => delete tf.resource[AZ].edge_allow_azure_load_balancer, 'azure edge: tcp/1 from AzureLoadBalancer: expected allow'],
    ['azure', 'scope an allow to the wrong hosts', (tf) => (tf.resource[AZ].server_snmp.destination_address_prefixes = ['10.0.2.11/32']), 'azure server: tcp/80 from 10.0.2.10: expected allow'],
    ['gcp', 'delete a rule', (tf) => delete tf.resource[GCP].edge_http, 'gcp edge: tcp/80 from 203.0.113.9: expected allow'],
    ['gcp', 'change a port', (tf) => (tf.resource[GCP].edge_https.allow = [{ protocol: 'tcp', ports: ['8443'] }]), 'gcp edge: tcp/443 from 203.0.113.9: expected allow'],
    ['gcp', 'widen a source to 0.0.0.0/0', (tf) => (tf.resource[GCP].edge_ssh_admin.source_ranges = ['0.0.0.0/0']), 'gcp edge: tcp/22 from 203.0.113.9: expected deny'],
    ['gcp', 'move the deny-all before the allows', (tf) => (tf.resource[GCP].edge_deny_all.priority = 100), 'gcp edge: tcp/80 from 203.0.113.9: expected allow'],
    ['gcp', 'tag a rule for the wrong group', (tf) => (tf.resource[GCP].server_icmp.target_tags = ['st-prod-edge']), 'gcp server: icmp from 10.0.2.10: expected allow'],
    ['gcp', 'disable a rule', (tf) => (tf.resource[GCP].edge_https.disabled = true), 'gcp edge: tcp/443 from 203.0.113.9: expected allow'],
  ])('%s: %s', (cloud, _, change, expected) => {
    const found = mismatches(cloud, mutate(cloud, change));
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((line) => line.startsWith(expected))).toBe(true);
  });

  it('azure: an allow moved to priority 4097 (after the deny-all) is refused as invalid', () => {
    const tf = mutate('azure', (t) => (t.resource[AZ].edge_http.priority = 4097));
    expect(() => mismatches('azure', tf)).toThrow(InvalidTerraform);
  });

  it('azure: a rule moved onto a taken priority is refused as invalid', () => {
    const tf = mutate('azure', (t) => (t.resource[AZ].edge_http.priority = t.resource[AZ].edge_https.priority));
    expect(() => mismatches('azure', tf)).toThrow(/share Inbound priority/);
  });

  it('aws: removing an egress rule is caught by awsEgressOpen', () => {
    expect(awsEgressOpen(original.aws, 'aws_security_group.edge')).toBe(true);
    const tf = mutate('aws', (t) => delete t.resource.aws_vpc_security_group_egress_rule.edge_egress_all);
    expect(awsEgressOpen(tf, 'aws_security_group.edge')).toBe(false);
    expect(awsEgressOpen(tf, 'aws_security_group.server')).toBe(true);
  });
});
