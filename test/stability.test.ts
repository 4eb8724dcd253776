/**
 * Stable identity: adding, removing or reordering one rule or host changes only what it must.
 * No other resource address, priority or body moves, so a Terraform plan shows the one change.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { catalogRules } from '../src/catalog/securetransport';
import { CLOUDS } from '../src/clouds';
import { validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { Peer, Port, Rule } from '../src/spec/rule';
import { synthApp } from '../stacks/app';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
const config = validateConfig(EXAMPLE);
const catalog = catalogRules('native');

/** Every resource of every stack, by "cloud type.name", with its body as JSON text. */
function resources(rules: readonly Rule[], cfg = config): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), 'st-stable-'));
  try {
    synthApp(plan(cfg, rules), CLOUDS, out);
    const map = new Map<string, string>();
    for (const cloud of CLOUDS) {
      const tf = JSON.parse(readFileSync(join(out, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
      for (const [type, byName] of Object.entries<Record<string, unknown>>(tf.resource)) {
        for (const [name, body] of Object.entries(byName)) map.set(`${cloud} ${type}.${name}`, JSON.stringify(body));
      }
    }
    return map;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** What a plan would show: added, removed and changed addresses. */
function diff(before: Map<string, string>, after: Map<string, string>) {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)).sort(),
    removed: [...before.keys()].filter((k) => !after.has(k)).sort(),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)).sort(),
  };
}

const base = resources(catalog);

it('a rule added to a table adds its resources and changes nothing else', () => {
  const added: Rule = { id: 'edge-sftp-alt', target: 'edge', action: 'allow', port: Port.tcp(10023), source: Peer.any(), description: 'SFTP, second listener', section: 'test', priority: 125 };
  const withIt = [...catalog.slice(0, 3), added, ...catalog.slice(3)];
  expect(diff(base, resources(withIt))).toEqual({
    added: ['aws aws_vpc_security_group_ingress_rule.edge_sftp_alt', 'azure azurerm_network_security_rule.edge_sftp_alt', 'gcp google_compute_firewall.edge_sftp_alt'],
    removed: [],
    changed: [],
  });
});

it('a rule removed from the middle of a table removes its resources and moves no other priority', () => {
  const without = catalog.filter((rule) => rule.id !== 'edge-as2');
  expect(diff(base, resources(without))).toEqual({
    added: [],
    removed: ['aws aws_vpc_security_group_ingress_rule.edge_as2', 'azure azurerm_network_security_rule.edge_as2', 'gcp google_compute_firewall.edge_as2'],
    changed: [],
  });
});

it('the order of the catalog list changes nothing', () => {
  expect(diff(base, resources([...catalog].reverse()))).toEqual({ added: [], removed: [], changed: [] });
});

it('a host added changes only the rules that name its group, in place; AWS adds one resource per rule', () => {
  const more = validateConfig({ ...EXAMPLE, server: { privateIps: [...EXAMPLE.server.privateIps, '10.0.2.12'] } });
  const { added, removed, changed } = diff(base, resources(catalog, more));
  expect(removed).toEqual([]);
  // AWS: one new resource for each rule sourced from the Servers (6 streaming + 11 cluster + 2 note + ICMP).
  expect(added).toHaveLength(6 + 11 + 2 + 1);
  for (const address of added) expect(address).toMatch(/^aws aws_vpc_security_group_ingress_rule\..*_from_10_0_2_12_32$/);
  // Azure and GCP: the same addresses, new source lists (and, on Azure, new destinations for the Server NSG).
  for (const address of changed) expect(address).toMatch(/^(azure azurerm_network_security_rule\.(edge_streaming|server)_|gcp google_compute_firewall\.(edge_streaming|server)_)/);
  expect(changed.filter((a) => a.startsWith('gcp'))).toHaveLength(6 + 11 + 2 + 1);
});

it('the order hosts are listed in changes nothing', () => {
  const reordered = validateConfig({ ...EXAMPLE, edge: { privateIps: [...EXAMPLE.edge.privateIps].reverse() } });
  expect(diff(base, resources(catalog, reordered))).toEqual({ added: [], removed: [], changed: [] });
});

it('a rule inserted into the config\'s `rules` adds its resources and changes nothing else', () => {
  const rule = (id: string, port: number, priority: number) => ({ id, group: 'server', protocol: 'tcp', ports: String(port), source: 'adminHost', priority, description: id });
  const before = validateConfig({ ...EXAMPLE, rules: [rule('server-exporter', 9100, 1000), rule('server-jolokia', 8778, 1020)] });
  const after = validateConfig({ ...EXAMPLE, rules: [rule('server-exporter', 9100, 1000), rule('server-metrics', 9101, 1010), rule('server-jolokia', 8778, 1020)] });
  expect(diff(resources([...catalog, ...before.extraRules], before), resources([...catalog, ...after.extraRules], after))).toEqual({
    added: ['aws aws_vpc_security_group_ingress_rule.server_metrics_from_10_0_9_5_32', 'azure azurerm_network_security_rule.server_metrics', 'gcp google_compute_firewall.server_metrics'],
    removed: [],
    changed: [],
  });
});
