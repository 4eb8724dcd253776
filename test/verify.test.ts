/**
 * `st-firewall verify` and `explain` from the command line: the project's own output passes,
 * hand edits of the synthesized files are caught with one actionable line each, and the
 * security findings show up.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli';
import { validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { Peer, Port, Rule } from '../src/spec/rule';
import { shadowFindings } from '../src/verify/verify';

const EXAMPLE = resolve(__dirname, '../examples/st-prod.json');
const work = mkdtempSync(join(tmpdir(), 'st-verify-'));
const out = join(work, 'out');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = runCli;

const stackFile = (cloud: string) => join(out, 'stacks', cloud, 'cdk.tf.json');
let pristine: Record<string, string>;

beforeAll(async () => {
  expect((await run(['synth', '--config', EXAMPLE, '--out', out])).code).toBe(0);
  pristine = Object.fromEntries(['aws', 'azure', 'gcp'].map((c) => [c, readFileSync(stackFile(c), 'utf8')]));
});
afterEach(() => {
  for (const [cloud, text] of Object.entries(pristine)) writeFileSync(stackFile(cloud), text);
});

/** Applies a hand edit to one synthesized file. */
function edit(cloud: string, change: (tf: any) => void): void {
  const tf = JSON.parse(pristine[cloud]);
  change(tf);
  writeFileSync(stackFile(cloud), JSON.stringify(tf));
}

describe('verify', () => {
  it('passes on the project\'s own output, with a summary per cloud', async () => {
    const { code, stdout } = (await run(['verify', '--config', EXAMPLE, '--stacks', out]));
    expect(stdout).toMatch(/^aws: every packet compared \(\d+ cells\), effective access equals the spec\nazure: every packet compared \(\d+ cells\), effective access equals the spec\ngcp: every packet compared \(\d+ cells\), effective access equals the spec\n$/);
    expect(code).toBe(0);
  });

  it('synthesizes by itself when --stacks is not given', async () => {
    expect((await run(['verify', '--config', EXAMPLE, '--cloud', 'gcp'])).stdout).toMatch(/^gcp: every packet compared \(\d+ cells\), effective access equals the spec\n$/);
  });

  it.each([
    ['aws: a rule deleted', 'aws', (tf: any) => delete tf.resource.aws_vpc_security_group_ingress_rule.edge_https, /^  aws edge: tcp\/443 from 0\.0\.0\.0\/0: expected allow \(edge-https\), got deny \(aws:default-deny\)$/m],
    ['aws: a port changed', 'aws', (tf: any) => Object.assign(tf.resource.aws_vpc_security_group_ingress_rule.edge_http, { from_port: 81, to_port: 81 }), /^  aws edge: tcp\/80 from 0\.0\.0\.0\/0: expected allow \(edge-http\), got deny \(aws:default-deny\)\n  aws edge: tcp\/81 from 0\.0\.0\.0\/0: expected deny \(spec:default-deny\), got allow \(aws_vpc_security_group_ingress_rule\.edge_http "st-prod-edge-http"\)$/m],
    ['aws: a source widened', 'aws', (tf: any) => (tf.resource.aws_vpc_security_group_ingress_rule.edge_ssh_admin_from_10_0_9_5_32.cidr_ipv4 = '0.0.0.0/0'), /^  aws edge: tcp\/22 from 0\.0\.0\.0-10\.0\.9\.4, 10\.0\.9\.6-255\.255\.255\.255: expected deny \(spec:default-deny\), got allow \(aws_vpc_security_group_ingress_rule\.edge_ssh_admin_from_10_0_9_5_32 "st-prod-edge-ssh-admin"\)$/m],
    ['aws: egress removed', 'aws', (tf: any) => delete tf.resource.aws_vpc_security_group_egress_rule.server_egress_all, /aws server: egress: expected allow all outbound/],
    ['azure: the deny-all moved above an allow', 'azure', (tf: any) => (tf.resource.azurerm_network_security_rule.edge_deny_all_inbound.priority = 105), /^  azure edge: tcp\/443 from 0\.0\.0\.0\/0: expected allow \(edge-https\), got deny \(azurerm_network_security_rule\.edge_deny_all_inbound "edge-deny-all-inbound"\)$/m],
    ['azure: the deny-all removed', 'azure', (tf: any) => delete tf.resource.azurerm_network_security_rule.server_deny_all_inbound, /^  azure server: tcp\/0-6 from 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16: expected deny \(spec:default-deny\), got allow \(azure:AllowVnetInBound\(65000\)\)$/m],
    ['gcp: a source widened', 'gcp', (tf: any) => (tf.resource.google_compute_firewall.server_jmx.source_ranges = ['0.0.0.0/0']), /^  gcp server: tcp\/9999 from 0\.0\.0\.0-10\.0\.2\.9, 10\.0\.2\.12-255\.255\.255\.255: expected deny \(spec:default-deny\), got allow \(google_compute_firewall\.server_jmx "st-prod-server-jmx"\)$/m],
    ['gcp: the deny-all moved above the allows', 'gcp', (tf: any) => (tf.resource.google_compute_firewall.edge_deny_all.priority = 50), /^  gcp edge: tcp\/80 from 0\.0\.0\.0\/0: expected allow \(edge-http\), got deny \(google_compute_firewall\.edge_deny_all "st-prod-edge-deny-all"\)$/m],
  ])('catches %s: exit 1, one line per divergence', async (_title, cloud, change, line) => {
    edit(cloud, change);
    const { code, stdout } = (await run(['verify', '--config', EXAMPLE, '--stacks', out]));
    expect(stdout).toMatch(line);
    expect(stdout).toMatch(new RegExp(`^${cloud}: every packet compared \\(\\d+ cells\\), \\d+ divergences$`, 'm'));
    expect(code).toBe(1);
  });

  // The three hand edits that passed the sampled verify (issue #10): no vendor row names their ports or sources.
  it.each([
    [
      'azure: an Edge rule allowing tcp/51234 from 198.51.100.77 at priority 155',
      'azure',
      (tf: any) =>
        (tf.resource.azurerm_network_security_rule.hand_edit = {
          name: 'hand-edit', network_security_group_name: '${azurerm_network_security_group.edge.name}', resource_group_name: 'rg-securetransport',
          direction: 'Inbound', priority: 155, access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '51234',
          source_address_prefix: '198.51.100.77', destination_address_prefix: '*',
        }),
      /^  azure edge: tcp\/51234 from 198\.51\.100\.77\/32: expected deny \(spec:default-deny\), got allow \(azurerm_network_security_rule\.hand_edit "hand-edit"\)$/m,
    ],
    [
      'gcp: a rule allowing udp/5353 to the Servers from 10.99.0.0/16 at priority 150',
      'gcp',
      (tf: any) =>
        (tf.resource.google_compute_firewall.hand_edit = {
          name: 'st-prod-hand-edit', network: 'securetransport', direction: 'INGRESS', priority: 150,
          allow: [{ protocol: 'udp', ports: ['5353'] }], source_ranges: ['10.99.0.0/16'], target_tags: ['st-prod-server'],
        }),
      /^  gcp server: udp\/5353 from 10\.99\.0\.0\/16: expected deny \(spec:default-deny\), got allow \(google_compute_firewall\.hand_edit "st-prod-hand-edit"\)$/m,
    ],
    [
      'aws: a Server ingress rule for tcp/40100-40110 from 192.0.2.0/24',
      'aws',
      (tf: any) =>
        (tf.resource.aws_vpc_security_group_ingress_rule.hand_edit = {
          security_group_id: '${aws_security_group.server.id}', ip_protocol: 'tcp', from_port: 40100, to_port: 40110, cidr_ipv4: '192.0.2.0/24',
        }),
      /^  aws server: tcp\/40100-40110 from 192\.0\.2\.0\/24: expected deny \(spec:default-deny\), got allow \(aws_vpc_security_group_ingress_rule\.hand_edit\)$/m,
    ],
  ])('catches the hole sampling missed: %s', async (_title, cloud, change, line) => {
    edit(cloud, change);
    const { code, stdout } = await run(['verify', '--config', EXAMPLE, '--stacks', out, '--cloud', cloud]);
    expect(stdout).toMatch(line);
    expect(stdout).toMatch(new RegExp(`^${cloud}: every packet compared \\(\\d+ cells\\), 1 divergences$`, 'm'));
    expect(code).toBe(1);
  });

  it('names a flow that a narrowed ICMP rule opens: aws icmp type 8 from anywhere', async () => {
    edit('aws', (tf) => (tf.resource.aws_vpc_security_group_ingress_rule.echo = { security_group_id: '${aws_security_group.edge.id}', ip_protocol: 'icmp', from_port: 8, to_port: -1, cidr_ipv4: '0.0.0.0/0' }));
    const { code, stdout } = await run(['verify', '--config', EXAMPLE, '--stacks', out, '--cloud', 'aws']);
    expect(stdout).toMatch(/^  aws edge: icmp type 8 from 0\.0\.0\.0\/0: expected deny \(spec:default-deny\), got allow \(aws_vpc_security_group_ingress_rule\.echo\)$/m);
    expect(code).toBe(1);
  });

  it('closing a flow at a port no vendor row names: a deny inside the FTP passive range', async () => {
    edit('gcp', (tf) => (tf.resource.google_compute_firewall.hand_deny = { name: 'st-prod-hand-deny', network: 'securetransport', priority: 50, deny: [{ protocol: 'tcp', ports: ['30042-30043'] }], source_ranges: ['203.0.113.0/24'], target_tags: ['st-prod-edge'] }));
    const { code, stdout } = await run(['verify', '--config', EXAMPLE, '--stacks', out, '--cloud', 'gcp']);
    expect(stdout).toMatch(/^  gcp edge: tcp\/30042-30043 from 203\.0\.113\.0\/24: expected allow \(edge-ftp-passive-data\), got deny \(google_compute_firewall\.hand_deny "st-prod-hand-deny"\)$/m);
    expect(code).toBe(1);
  });

  it('warns about an admin port open to Any, and fails on it with --strict', async () => {
    edit('gcp', (tf) => (tf.resource.google_compute_firewall.edge_ssh_admin.source_ranges = ['0.0.0.0/0']));
    const { stdout } = (await run(['verify', '--config', EXAMPLE, '--stacks', out, '--cloud', 'gcp']));
    expect(stdout).toMatch(/warning: gcp edge: admin\/cluster port tcp\/22 is reachable from Any \(google_compute_firewall\.edge_ssh_admin\)/);
  });

  it('--strict turns findings into exit 1', async () => {
    const vendor = join(work, 'vendor.json');
    writeFileSync(vendor, JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE, 'utf8')), icmp: 'vendor' }));
    const loose = (await run(['verify', '--config', vendor, '--cloud', 'azure']));
    expect(loose.code).toBe(0);
    expect(loose.stdout).toMatch(/warning: azure server: icmp "vendor" admits every IP protocol but tcp and udp \(icmp, esp, ah, gre\.\.\.\) from the Servers \(icmp "native" admits icmp only\)/);
    expect(loose.stdout).toMatch(/warning: azure server: the vendor's page as written \(no deny-all\) would admit every IP protocol but tcp and udp \(icmp, esp, ah, gre\.\.\.\) from every other host of the virtual network \(e\.g\. 10\.0\.0\.7\) through AllowVnetInBound/);
    expect((await run(['verify', '--config', vendor, '--cloud', 'azure', '--strict'])).code).toBe(1);
  });

  it('an allow moved below the deny-all (4096, Azure\'s last priority) is invalid Terraform: exit 1', async () => {
    edit('azure', (tf) => (tf.resource.azurerm_network_security_rule.edge_https.priority = 4097));
    const { code, stdout } = (await run(['verify', '--config', EXAMPLE, '--stacks', out, '--cloud', 'azure']));
    expect(stdout).toMatch(/^azure: cannot verify: azurerm_network_security_rule\.edge_https: priority 4097 is outside 100-4096$/m);
    expect(code).toBe(1);
  });

  it('reports what it will not evaluate instead of guessing', async () => {
    edit('aws', (tf) => (tf.resource.aws_vpc_security_group_ingress_rule.edge_http.prefix_list_id = 'pl-123'));
    const { code, stdout } = (await run(['verify', '--config', EXAMPLE, '--stacks', out, '--cloud', 'aws']));
    expect(stdout).toMatch(/^aws: cannot verify: .*prefix_list_id/m);
    expect(code).toBe(1);
  });
});

describe('shadowed and duplicate rules', () => {
  const config = validateConfig(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
  const rule = (id: string, priority: number, port: Port, source: Peer, action: Rule['action'] = 'allow'): Rule => ({ id, target: 'edge', action, port, source, description: id, section: 'test', priority });

  it('names the rule that can never decide a packet, and the one that does', async () => {
    const firewall = plan(config, [
      rule('edge-wide', 100, Port.tcpRange(8000, 9000), Peer.any()),
      rule('edge-narrow', 110, Port.tcp(8080), Peer.group('server')),
      rule('edge-twin', 120, Port.tcpRange(8000, 9000), Peer.any()),
      rule('edge-deny', 130, Port.allTcp(), Peer.any(), 'deny'),
      rule('edge-late', 140, Port.udp(53), Peer.any()),
    ]);
    expect(shadowFindings(firewall.groups.edge).map((f) => f.message)).toEqual([
      'edge: rule edge-narrow (tcp 8080) is shadowed by edge-wide (priority 100)',
      'edge: rule edge-twin (tcp 8000-9000) duplicates edge-wide (priority 100)',
    ]);
  });

  it('finds none in the catalog', async () => {
    for (const icmp of ['native', 'vendor'] as const) {
      const firewall = plan({ ...config, icmp });
      expect([...shadowFindings(firewall.groups.edge), ...shadowFindings(firewall.groups.server)]).toEqual([]);
    }
  });
});

describe('explain', () => {
  it('prints Markdown tables, or JSON', async () => {
    const md = (await run(['explain', '--config', EXAMPLE, '--stacks', out, '--cloud', 'azure']));
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\| `server-icmp` \|.*`azurerm_network_security_rule\.server_icmp` \| 3000 \| Allow \| `Icmp \*`/);
    const json = JSON.parse((await run(['explain', '--config', EXAMPLE, '--stacks', out, '--format', 'json'])).stdout);
    expect(Object.keys(json)).toContain('clouds');
  });

  it('rejects an unknown format with exit 2', async () => {
    expect((await run(['explain', '--config', EXAMPLE, '--format', 'html'])).code).toBe(2);
  });
});
