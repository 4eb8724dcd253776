/**
 * Scanner suppressions (src/module/scanner-skips.ts, src/scanners/skip-files.ts): the committed
 * scanners/ files are what the writer produces for the example; they suppress exactly the flagged
 * resources of the vendor's rules (never an extra rule of the config); the inline comments use the
 * syntax the scanners parse (checkov's COMMENT_REGEX, trivy's `#trivy:ignore:<id>`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogRules } from '../src/catalog/securetransport';
import { validateConfig } from '../src/config/load';
import { inlineComments, SCANNER_FINDINGS, skipsFor } from '../src/module/scanner-skips';
import { plan } from '../src/plan/plan';
import { checkovBaseline, flaggedResources, GENERATED_MARK, trivyIgnorePolicy } from '../src/scanners/skip-files';
import { readStacks } from '../src/sources/stacks-dir';
import { synthApp } from '../stacks/app';
import { exampleSkipFiles, SCANNERS_DIR, writeSkipFiles } from '../stacks/write-scanner-skips';
import { repoRoot } from '../stacks/write-docs';
import { CLOUDS } from '../src/clouds';

const EXAMPLE = JSON.parse(readFileSync(join(__dirname, '../examples/st-prod.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'st-scanners-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function stacksFor(raw: unknown, name: string) {
  const dir = join(work, name);
  synthApp(plan(validateConfig(raw)), CLOUDS, dir);
  return readStacks(dir, CLOUDS);
}

/** address -> ids, for one cloud and scanner. */
function suppressed(stacks: ReturnType<typeof stacksFor>, cloud: 'aws' | 'azure' | 'gcp', scanner: 'checkov' | 'trivy'): Record<string, string[]> {
  return Object.fromEntries((flaggedResources(stacks)[cloud] ?? []).map((f) => [f.address, f.skips.filter((s) => s.scanner === scanner).map((s) => s.id)]).filter(([, ids]) => ids.length > 0));
}

describe('scanner skip files', () => {
  it('scanners/ holds what the writer produces for the example (run node dist/stacks/write-scanner-skips.js)', () => {
    for (const [name, text] of Object.entries(exampleSkipFiles())) {
      expect({ name, text: readFileSync(join(repoRoot(), SCANNERS_DIR, name), 'utf8') }).toEqual({ name, text });
    }
  });

  describe('on the example plus an extra rule that opens port 80 to any', () => {
    let stacks: ReturnType<typeof stacksFor>;
    beforeAll(() => {
      const extra = { id: 'edge-metrics', group: 'edge', protocol: 'tcp', ports: '80-81', source: 'any', priority: 1000, description: 'Metrics' };
      stacks = stacksFor({ ...EXAMPLE, rules: [extra] }, 'extra');
    });

    it('aws: checkov port 80 on edge-http only; trivy egress on the two egress rules', () => {
      expect(suppressed(stacks, 'aws', 'checkov')).toEqual({ 'aws_vpc_security_group_ingress_rule.edge_http': ['CKV_AWS_260'] });
      expect(suppressed(stacks, 'aws', 'trivy')).toEqual({
        'aws_vpc_security_group_egress_rule.edge_egress_all': ['AVD-AWS-0104'],
        'aws_vpc_security_group_egress_rule.server_egress_all': ['AVD-AWS-0104'],
      });
    });

    it('azure: every public Edge rule for trivy, FTP 20/21 twice; checkov on edge-http', () => {
      expect(suppressed(stacks, 'azure', 'checkov')).toEqual({ 'azurerm_network_security_rule.edge_http': ['CKV_AZURE_160'] });
      const trivy = suppressed(stacks, 'azure', 'trivy');
      expect(Object.keys(trivy)).toHaveLength(13);
      expect(trivy['azurerm_network_security_rule.edge_ftp_control']).toEqual(['AVD-AZU-0047', 'AVD-AZU-0074']);
      expect(trivy['azurerm_network_security_rule.edge_deny_all_inbound']).toBeUndefined(); // a deny from * is not an allow
      expect(trivy['azurerm_network_security_rule.edge_allow_azure_load_balancer']).toBeUndefined();
    });

    it('gcp: checkov 80/21/20; trivy on the public rules, ICMP and the deny-alls', () => {
      expect(suppressed(stacks, 'gcp', 'checkov')).toEqual({
        'google_compute_firewall.edge_ftp_active_data': ['CKV_GCP_77'],
        'google_compute_firewall.edge_ftp_control': ['CKV_GCP_75'],
        'google_compute_firewall.edge_http': ['CKV_GCP_106'],
      });
      const trivy = suppressed(stacks, 'gcp', 'trivy');
      expect(trivy['google_compute_firewall.server_icmp']).toEqual(['AVD-GCP-0072', 'AVD-GCP-0074']);
      expect(trivy['google_compute_firewall.edge_deny_all']).toEqual(['AVD-GCP-0074']);
      expect(trivy['google_compute_firewall.edge_ftp_passive_data']).toEqual(['AVD-GCP-0073', 'AVD-GCP-0074']);
      expect(trivy['google_compute_firewall.edge_streaming_http']).toBeUndefined(); // sourced by CIDRs here
    });

    it('never suppresses a rule of the config\'s own', () => {
      const all = [checkovBaseline(stacks), trivyIgnorePolicy(stacks)].join('\n');
      expect(all).toMatch(/edge_http/);
      expect(all).not.toMatch(/edge_metrics|edge-metrics/);
    });
  });

  it('groups mode with IPv6: the group-sourced false positives and the IPv6 halves', () => {
    const stacks = stacksFor({ ...EXAMPLE, sources: 'groups', ipv6: true, edge: { privateIps: ['10.0.1.10', 'fd00::10'] } }, 'groups');
    const aws = suppressed(stacks, 'aws', 'checkov');
    expect(aws['aws_vpc_security_group_ingress_rule.server_snmp']).toEqual(['CKV_AWS_260']);
    expect(aws['aws_vpc_security_group_ingress_rule.edge_ssh_admin']).toEqual(['CKV_AWS_24']);
    expect(aws['aws_vpc_security_group_ingress_rule.server_icmp']).toEqual(['CKV_AWS_277']);
    expect(aws['aws_vpc_security_group_ingress_rule.edge_http_ipv6']).toEqual(['CKV_AWS_260']);
    expect(suppressed(stacks, 'aws', 'trivy')['aws_vpc_security_group_egress_rule.edge_egress_all_ipv6']).toEqual(['AVD-AWS-0104']);
    const gcp = suppressed(stacks, 'gcp', 'trivy');
    expect(gcp['google_compute_firewall.edge_streaming_http']).toEqual(['AVD-GCP-0073']);
    expect(gcp['google_compute_firewall.edge_http_v6']).toEqual(['AVD-GCP-0073']);
    expect(suppressed(stacks, 'gcp', 'checkov')['google_compute_firewall.edge_http_v6']).toBeUndefined(); // checkov's GCP port checks look for 0.0.0.0/0 only
  });

  it('refuses to replace a file it did not write', () => {
    const dir = join(work, 'own');
    writeSkipFiles(dir, { 'checkov.baseline': `{"${GENERATED_MARK}": 1}` });
    writeSkipFiles(dir, { 'checkov.baseline': `{"${GENERATED_MARK}": 2}` });
    writeFileSync(join(dir, 'trivy-ignore.rego'), 'package mine\n');
    expect(() => writeSkipFiles(dir, { 'checkov.baseline': 'x', 'trivy-ignore.rego': GENERATED_MARK })).toThrow(/not written by st-firewall/);
    expect(readFileSync(join(dir, 'checkov.baseline'), 'utf8')).toContain('2');
  });
});

describe('scanner findings data', () => {
  const known = new Set([...catalogRules('native'), ...catalogRules('vendor')].map((r) => r.id));
  for (const id of ['edge-egress-all', 'server-egress-all', 'admin-host-egress-all', 'edge-deny-all', 'server-deny-all']) known.add(id);

  it('docs/security-scanners.md explains every finding the data holds', () => {
    const doc = readFileSync(join(repoRoot(), 'docs/security-scanners.md'), 'utf8');
    for (const f of SCANNER_FINDINGS) expect({ id: f.id, documented: doc.includes(`\`${f.id}\``) }).toEqual({ id: f.id, documented: true });
  });

  it('names only rule ids that exist', () => {
    for (const f of SCANNER_FINDINGS) for (const rule of f.rules) expect({ id: f.id, rule, known: known.has(rule) }).toEqual({ id: f.id, rule, known: true });
  });

  it('module comments: checkov skips inside the block, trivy ignores right above it, in the scanners\' syntax', () => {
    // checkov/common/comment/enum.py
    const CHECKOV = /(checkov:skip=|bridgecrew:skip=|cortex:skip=) *([A-Za-z_\d-]+(?:,[A-Za-z_\d-]+)*)?(:[^\n]*)?/;
    const { above, inside } = inlineComments(skipsFor('gcp', 'edge-ftp-passive-data', { module: true }));
    expect(inside.map((c) => CHECKOV.exec(c)?.[2])).toEqual(['CKV_GCP_2', 'CKV_GCP_75', 'CKV_GCP_77', 'CKV_GCP_106']);
    expect(inside.every((c) => c.startsWith('#checkov:skip=') && c.includes(':edge-ftp-passive-data: '))).toBe(true);
    // The ignore lines come last and together: trivy chains consecutive ignores to the next block.
    expect(above.slice(-3)).toEqual(['#trivy:ignore:AVD-GCP-0073', '#trivy:ignore:AVD-GCP-0072', '#trivy:ignore:AVD-GCP-0074']);
    expect(above.slice(0, -3).every((c) => c.startsWith('# AVD-GCP-'))).toBe(true);
    // The stacks' literal range is readable: no module-only skips there.
    expect(skipsFor('gcp', 'edge-ftp-passive-data', { module: false }).map((s) => s.id)).toEqual(['AVD-GCP-0073', 'AVD-GCP-0074']);
    expect(skipsFor('aws', 'edge-metrics', { module: true })).toEqual([]);
  });
});
