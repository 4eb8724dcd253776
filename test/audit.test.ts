/**
 * st-firewall audit over hand-built deployments, exported in each cloud CLI's own format
 * (test/fixtures/exports/, names st-firewall would not choose, rules grouped as people group
 * them): the correct ones exit 0, each broken one exits 1 naming the flow that differs and the
 * change that closes it, malformed exports and unknown names exit 2 naming the field path. Output
 * files are never written over a file the tool did not write.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../cli/main';
import { REPORT_MARKER } from '../src/report/html';
import { IMPORT_MARKER } from '../src/report/import-blocks';
import { readExportFile } from '../src/sources/export-json';
import { readAwsExports } from '../src/sources/aws-export';
import { readAzureExports } from '../src/sources/azure-export';
import { readGcpExports } from '../src/sources/gcp-export';

const DIR = resolve(__dirname, 'fixtures/exports');
const CONFIG = join(DIR, 'config.json');
const work = mkdtempSync(join(tmpdir(), 'st-audit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FLAGS = {
  aws: ['--edge', 'mft-dmz-edge', '--server', 'sg-05f4e3d2c1b0a9817'],
  azure: ['--edge', 'nsg-mft-dmz', '--server', 'NSG-MFT-CORE'],
  gcp: ['--edge', 'dmz-node', '--server', 'backend-node'],
} as const;
const CORRECT = { aws: ['aws/security-groups.json'], azure: ['azure/nsg-list.json'], gcp: ['gcp/firewall-rules.json'] } as const;
type FixtureCloud = keyof typeof FLAGS;

async function audit(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(['audit', '--config', CONFIG, ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const exportsOf = (files: readonly string[]) => files.flatMap((f) => ['--export', join(DIR, f)]);

describe('correct hand-built deployments exit 0', () => {
  it.each([
    ['aws', ['aws/security-groups.json']],
    ['aws', ['aws/security-groups.json', 'aws/security-group-rules.json']],
    ['azure', ['azure/nsg-list.json']],
    ['azure', ['azure/nsg-show-dmz.json', 'azure/nsg-show-core.json']],
    ['gcp', ['gcp/firewall-rules.json']],
  ] as [FixtureCloud, string[]][])('%s %j', async (cloud, files) => {
    const { code, stdout } = await audit(['--cloud', cloud, ...exportsOf(files), ...FLAGS[cloud]]);
    expect(stdout).toContain(`${cloud}: `);
    expect(stdout).toMatch(/effective access equals the vendor's rows/);
    expect(stdout).toContain('vendor rows: 42 present, 0 missing, 0 different');
    expect(code).toBe(0);
  });
});

it('AWS from describe-security-group-rules alone: groups by id (that export has no group names)', async () => {
  const ids = ['--edge', 'sg-0e1d2c3b4a5968701', '--server', 'sg-05f4e3d2c1b0a9817'];
  const { code, stdout } = await audit(['--cloud', 'aws', ...exportsOf(['aws/security-group-rules.json']), ...ids]);
  expect(stdout).toMatch(/effective access equals the vendor's rows/);
  expect(code).toBe(0);
  const byName = await audit(['--cloud', 'aws', ...exportsOf(['aws/security-group-rules.json']), ...FLAGS.aws]);
  expect(byName.stderr).toMatch(/--edge: .*no security group "mft-dmz-edge" in the export/);
  expect(byName.code).toBe(2);
});

describe('each broken deployment exits 1 naming the flow and the change', () => {
  const cases: [FixtureCloud, string, RegExp, RegExp][] = [
    ['aws', 'missing-row', /missing aws edge: tcp 17637 from 0\.0\.0\.0\/0: vendor row edge-pesit-ssl-cft/, /authorize-security-group-ingress --group-id sg-0e1d2c3b4a5968701 --ip-permissions 'IpProtocol=tcp,FromPort=17637,ToPort=17637,IpRanges=\[\{CidrIp=0\.0\.0\.0\/0\}\]'/],
    ['aws', 'extra-port', /extra aws server: tcp 23 from 10\.20\.2\.10\/31: admitted by sg-05f4e3d2c1b0a9817 IpPermissions\[4\]/, /authorize-security-group-ingress --group-id sg-05f4e3d2c1b0a9817 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=\[\{CidrIp=10\.20\.2\.10\/31\}\]'/],
    ['aws', 'wrong-source', /extra aws edge: tcp 22 from 10\.20\.9\.0-10\.20\.9\.4, 10\.20\.9\.6-10\.20\.9\.255/, /IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=\[\{CidrIp=10\.20\.9\.5\/32\}\]/],
    ['azure', 'missing-row', /missing azure edge: tcp 20444 from 10\.20\.2\.10\/31: vendor row edge-streaming-admin; denied by Deny-Everything-Else/, /az network nsg rule create -g rg-mft-prod --nsg-name nsg-mft-dmz -n allow-edge-streaming-admin --priority 3999 .*--destination-port-ranges 20444/],
    ['azure', 'extra-port', /extra azure edge: tcp 8080 from .*Allow-Client-Protocols/, /az network nsg rule update -g rg-mft-prod --nsg-name nsg-mft-dmz -n Allow-Client-Protocols --destination-port-ranges 80 443 10022 21 20 40000-40100 10080 10443 17617 17627 17637 19617 19627$/m],
    ['azure', 'wrong-source', /extra azure server: tcp 444 from 10\.20\.9\.0-10\.20\.9\.4, 10\.20\.9\.6-10\.20\.9\.255: admitted by .*Core-Admin-Tool/, /-n Core-Admin-Tool --source-address-prefixes 10\.20\.9\.5\/32/],
    ['gcp', 'missing-row', /missing gcp edge: tcp 19627 from 0\.0\.0\.0\/0: vendor row edge-pesit-ptcp-ssl; denied by mft-edge-deny/, /gcloud compute firewall-rules create allow-edge-pesit-ptcp-ssl --project acme-mft-prod --network mft-vpc --direction INGRESS --priority 1999 --action ALLOW --rules tcp:19627 --source-ranges 0\.0\.0\.0\/0 --target-tags dmz-node/],
    ['gcp', 'extra-port', /extra gcp server: tcp 8080 from 10\.20\.2\.10\/31: admitted by mft-core-cluster/, /gcloud compute firewall-rules update mft-core-cluster --project acme-mft-prod --rules (?!.*8080)/],
    ['gcp', 'wrong-source', /extra gcp edge: tcp 22 from 10\.20\.9\.0-10\.20\.9\.4, 10\.20\.9\.6-10\.20\.9\.255: admitted by mft-edge-admin/, /gcloud compute firewall-rules update mft-edge-admin --project acme-mft-prod --source-ranges 10\.20\.9\.5\/32/],
  ];
  it.each(cases)('%s %s', async (cloud, broken, flow, command) => {
    const { code, stdout } = await audit(['--cloud', cloud, '--export', join(DIR, cloud, `broken-${broken}.json`), ...FLAGS[cloud]]);
    expect(stdout).toMatch(flow);
    expect(stdout).toMatch(command);
    expect(code).toBe(1);
  });

  it('the missing row is marked missing, a wider source marks its row different', async () => {
    const missing = await audit(['--cloud', 'aws', '--export', join(DIR, 'aws/broken-missing-row.json'), ...FLAGS.aws, '--format', 'json']);
    const rows = JSON.parse(missing.stdout).rows as { id: string; status: string }[];
    expect(rows.filter((r) => r.status !== 'present')).toEqual([expect.objectContaining({ id: 'edge-pesit-ssl-cft', status: 'missing' })]);
    const wrong = await audit(['--cloud', 'azure', '--export', join(DIR, 'azure/broken-wrong-source.json'), ...FLAGS.azure, '--format', 'json']);
    const report = JSON.parse(wrong.stdout);
    expect(report.rows.filter((r: { status: string }) => r.status !== 'present').map((r: { id: string }) => r.id)).toEqual(['server-admin-tool']);
    expect(report.extra).toHaveLength(1);
    expect(report.equal).toBe(false);
  });
});

describe('bad input exits 2 naming the field path or the name', () => {
  it.each([
    ['aws', 'aws/bad-from-port.json', 'SecurityGroups[2].IpPermissions[0].FromPort: expected a number (got "x")'],
    ['azure', 'azure/bad-priority.json', '[1].securityRules[2].priority: expected a number (got "high")'],
    ['gcp', 'gcp/bad-ports.json', '[6].allowed[0].ports[0]: expected a string (got 444)'],
    ['gcp', 'aws/security-groups.json', '(file): expected a firewall rule as "gcloud compute firewall-rules list --format=json" prints it'],
    ['aws', 'config.json', '(file): expected the output of "aws ec2 describe-security-groups"'],
  ] as [FixtureCloud, string, string][])('%s %s', async (cloud, file, message) => {
    const { code, stderr, stdout } = await audit(['--cloud', cloud, '--export', join(DIR, file), ...FLAGS[cloud]]);
    expect(stderr).toContain(`${join(DIR, file)}: ${message}`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('names that are not in the export', async () => {
    const aws = await audit(['--cloud', 'aws', ...exportsOf(CORRECT.aws), '--edge', 'no-such-sg', '--server', 'mft-backend']);
    expect(aws.stderr).toMatch(/--edge: .*no security group "no-such-sg" in the export \(groups: .*sg-0e1d2c3b4a5968701 \(mft-dmz-edge\)/);
    expect(aws.code).toBe(2);
    // Without flags the defaults are st-firewall's own names, and the hand-built ones differ.
    const defaults = await audit(['--cloud', 'azure', ...exportsOf(CORRECT.azure)]);
    expect(defaults.stderr).toMatch(/--edge \(default acme-mft-edge-nsg\): .*no network security group "acme-mft-edge-nsg"/);
    expect(defaults.code).toBe(2);
    const network = await audit(['--cloud', 'gcp', ...exportsOf(CORRECT.gcp), ...FLAGS.gcp, '--network', 'prod-vpc']);
    expect(network.stderr).toMatch(/--network: .*no firewall rule of network "prod-vpc" in the export \(networks: mft-vpc, default\)/);
    expect(network.code).toBe(2);
  });

  it('rules of other networks do not apply: the default network audits as open everywhere but the implied deny', async () => {
    const { code, stdout } = await audit(['--cloud', 'gcp', ...exportsOf(CORRECT.gcp), ...FLAGS.gcp, '--network', 'default', '--format', 'json']);
    const report = JSON.parse(stdout);
    // On "default" no firewall targets the tags but the untargeted default-allow-* rules: the vendor rows are missing.
    expect(report.missing.length).toBeGreaterThan(0);
    expect(report.extra.map((e: { divergence: { actual: { rule: string } } }) => e.divergence.actual.rule)).toContain('default-allow-internal');
    expect(code).toBe(1);
  });
});

describe('the readers', () => {
  it('both AWS exports together count each rule once, and keep the rule ids', () => {
    const both = readAwsExports([readExportFile(join(DIR, 'aws/security-groups.json')), readExportFile(join(DIR, 'aws/security-group-rules.json'))]);
    const groups = readAwsExports([readExportFile(join(DIR, 'aws/security-groups.json'))]);
    expect(both.groups.map((g) => g.ingress.length)).toEqual(groups.groups.map((g) => g.ingress.length));
    expect(both.groups.map((g) => g.egress.length)).toEqual([1, 1, 1]);
    expect(both.groups.flatMap((g) => g.ingress).every((p) => /^sgr-/.test(p.origin.address))).toBe(true);
    // One hand-made permission with two sources is two model permissions.
    const edge = groups.groups.find((g) => g.origin.name === 'mft-dmz-edge')!;
    expect(edge.ingress.filter((p) => p.ports?.from === 33060).map((p) => p.source.kind).sort()).toEqual(['cidr', 'security-group']);
  });

  it('Azure: az prints the rules flattened; the REST shape with properties reads the same', () => {
    const flat = readAzureExports([readExportFile(join(DIR, 'azure/nsg-show-dmz.json'))]);
    const raw = JSON.parse(readFileSync(join(DIR, 'azure/nsg-show-dmz.json'), 'utf8'));
    const rest = {
      name: raw.name,
      id: raw.id,
      properties: {
        securityRules: raw.securityRules.map(({ name, id, ...properties }: Record<string, unknown>) => ({ name, id, properties })),
        defaultSecurityRules: raw.defaultSecurityRules.map(({ name, id, ...properties }: Record<string, unknown>) => ({ name, id, properties })),
      },
    };
    const nested = readAzureExports([{ file: 'rest.json', json: rest }]);
    expect(nested).toEqual(flat);
    const ports = flat.nsgs[0].rules[0].destinationPorts;
    expect(ports).toHaveLength(13);
    expect(flat.nsgs[0].defaultRules).toHaveLength(6);
  });

  it('GCP: disabled rules and the network URL are read, priority defaults to 1000', () => {
    const model = readGcpExports([readExportFile(join(DIR, 'gcp/firewall-rules.json'))]);
    expect(model.firewalls.find((f) => f.name === 'mft-debug-open')?.disabled).toBe(true);
    expect(new Set(model.firewalls.map((f) => f.network))).toEqual(new Set(['mft-vpc', 'default']));
    expect(model.firewalls[0].project).toBe('acme-mft-prod');
    const bare = readGcpExports([{ file: 'x.json', json: [{ name: 'a', network: 'n', allowed: [{ IPProtocol: 'tcp', ports: ['22'] }] }] }]);
    expect(bare.firewalls[0]).toMatchObject({ priority: 1000, direction: 'INGRESS', disabled: false, action: 'allow' });
    expect(() => readGcpExports([{ file: 'x.json', json: [{ name: 'a', network: 'n', allowed: [{ IPProtocol: 'icmp', ports: ['22'] }] }] }])).toThrow('x.json: [0].allowed[0].ports: ports apply to tcp, udp and sctp only');
    expect(() => readGcpExports([{ file: 'x.json', json: [{ name: 'a', network: 'n', allowed: [{ IPProtocol: 'tcp' }], denied: [{ IPProtocol: 'tcp' }] }] }])).toThrow('expected exactly one of allowed or denied');
  });
});

describe('output files', () => {
  it('--report and --import-blocks refuse a file the tool did not write, which survives byte for byte', async () => {
    const user = join(work, 'mine.html');
    const bytes = Buffer.from('<html><body>my own notes\r\n\u00e9</body></html>\n', 'utf8');
    writeFileSync(user, bytes);
    const refused = await audit(['--cloud', 'aws', ...exportsOf(CORRECT.aws), ...FLAGS.aws, '--report', user]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--report: .*mine\.html exists and was not written by st-firewall audit/);
    expect(refused.stdout).toBe('');
    expect(readFileSync(user).equals(bytes)).toBe(true);
    const tf = join(work, 'imports.tf');
    writeFileSync(tf, 'import {\n  to = x.y\n  id = "z"\n}\n');
    const refusedTf = await audit(['--cloud', 'aws', ...exportsOf(CORRECT.aws), ...FLAGS.aws, '--import-blocks', tf]);
    expect(refusedTf.code).toBe(2);
    expect(readFileSync(tf, 'utf8')).toBe('import {\n  to = x.y\n  id = "z"\n}\n');
    expect(readdirSync(work).sort()).toEqual(['imports.tf', 'mine.html']);
  });

  it('an earlier report is replaced; the output is byte-identical from run to run', async () => {
    const file = join(work, 'report.html');
    expect((await audit(['--cloud', 'gcp', ...exportsOf(CORRECT.gcp), ...FLAGS.gcp, '--report', file])).code).toBe(0);
    const first = readFileSync(file, 'utf8');
    expect(first.startsWith(`${REPORT_MARKER}\n<!DOCTYPE html>`)).toBe(true);
    expect((await audit(['--cloud', 'gcp', '--export', join(DIR, 'gcp/broken-extra-port.json'), ...FLAGS.gcp, '--report', file])).code).toBe(1);
    expect(readFileSync(file, 'utf8')).toContain('data-verdict="diverges"');
    expect((await audit(['--cloud', 'gcp', ...exportsOf(CORRECT.gcp), ...FLAGS.gcp, '--report', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a bad export writes no report', async () => {
    const file = join(work, 'never.html');
    expect((await audit(['--cloud', 'aws', '--export', join(DIR, 'aws/bad-from-port.json'), ...FLAGS.aws, '--report', file])).code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });
});

describe('--import-blocks', () => {
  it('AWS with rule ids: imports the groups and the rules that correspond one to one, says why for the others', async () => {
    const file = join(work, 'aws-imports.tf');
    const { code, stderr } = await audit(['--cloud', 'aws', ...exportsOf(['aws/security-groups.json', 'aws/security-group-rules.json']), ...FLAGS.aws, '--import-blocks', file]);
    expect(code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`${IMPORT_MARKER}\n`)).toBe(true);
    expect(text).toContain('import {\n  to = aws_security_group.edge\n  id = "sg-0e1d2c3b4a5968701"\n}');
    expect(text).toMatch(/# mft-dmz-edge -> acme-mft-edge: a security group's name forces a new resource/);
    // tcp 80 from 0.0.0.0/0 is one rule on both sides.
    expect(text).toMatch(/import \{\n {2}to = aws_vpc_security_group_ingress_rule\.edge_http\n {2}id = "sgr-[0-9a-f]+"\n\}/);
    expect(text).toMatch(/import \{\n {2}to = aws_vpc_security_group_egress_rule\.edge_egress_all\n {2}id = "sgr-[0-9a-f]+"\n\}/);
    // The Servers' /31 stands for both of our /32 resources: not one to one.
    expect(text).toMatch(/# {3}aws_vpc_security_group_ingress_rule\.server_snmp_from_10_20_2_10_32: no exported resource matches exactly/);
    expect(text).toMatch(/# {3}sgr-[0-9a-f]+: ingress proto 6 80-80 10\.20\.2\.10\/31/);
    expect(stderr).toMatch(/import blocks, \d+ resources of the stack without a one-to-one counterpart/);
    const ids = [...text.matchAll(/id = "([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('AWS from describe-security-groups alone: rules have no ids, so only the groups import', async () => {
    const file = join(work, 'aws-groups-only.tf');
    expect((await audit(['--cloud', 'aws', ...exportsOf(CORRECT.aws), ...FLAGS.aws, '--import-blocks', file])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('to = aws_security_group.server');
    expect(text).not.toContain('to = aws_vpc_security_group_ingress_rule');
    expect(text).toContain('aws_vpc_security_group_ingress_rule.edge_http: the export has no rule id: add `aws ec2 describe-security-group-rules --output json` as another --export');
  });

  it('GCP and Azure: ids in the providers\' formats; a divergent deployment writes none', async () => {
    const gcp = join(work, 'gcp.tf');
    expect((await audit(['--cloud', 'gcp', ...exportsOf(CORRECT.gcp), ...FLAGS.gcp, '--import-blocks', gcp])).code).toBe(0);
    const gcpText = readFileSync(gcp, 'utf8');
    // Hand-built firewalls group several ports: none is one of ours exactly.
    expect(gcpText).toMatch(/google_compute_firewall\.edge_http: no exported resource matches exactly/);
    expect(gcpText).toMatch(/projects\/acme-mft-prod\/global\/firewalls\/mft-edge-public: /);
    const azure = join(work, 'azure.tf');
    expect((await audit(['--cloud', 'azure', ...exportsOf(CORRECT.azure), ...FLAGS.azure, '--import-blocks', azure])).code).toBe(0);
    const azureText = readFileSync(azure, 'utf8');
    expect(azureText).toContain('to = azurerm_network_security_group.edge\n  id = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-mft-prod/providers/Microsoft.Network/networkSecurityGroups/nsg-mft-dmz"');
    expect(azureText).toContain('to = azurerm_network_security_rule.edge_deny_all_inbound\n  id = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-mft-prod/providers/Microsoft.Network/networkSecurityGroups/nsg-mft-dmz/securityRules/Deny-Everything-Else"');
    const none = join(work, 'none.tf');
    const diverged = await audit(['--cloud', 'azure', '--export', join(DIR, 'azure/broken-missing-row.json'), ...FLAGS.azure, '--import-blocks', none]);
    expect(diverged.code).toBe(1);
    expect(diverged.stderr).toMatch(/--import-blocks: not written: the deployment does not match/);
    expect(existsSync(none)).toBe(false);
  });
});

describe('what the flags bind', () => {
  const load = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8'));
  const save = (name: string, json: unknown) => {
    const file = join(work, name);
    writeFileSync(file, JSON.stringify(json));
    return file;
  };

  it('AWS: an instance with two security groups gets their union', async () => {
    const json = load('aws/security-groups.json');
    const edge = json.SecurityGroups[0];
    const isPublic = (p: { IpRanges: { CidrIp: string }[] }) => p.IpRanges.some((r) => r.CidrIp === '0.0.0.0/0');
    json.SecurityGroups.push({ ...edge, GroupId: 'sg-0fedcba987654321a', GroupName: 'mft-edge-public', IpPermissions: edge.IpPermissions.filter(isPublic) });
    edge.IpPermissions = edge.IpPermissions.filter((p: { IpRanges: { CidrIp: string }[] }) => !isPublic(p));
    const file = save('aws-two-groups.json', json);
    const union = await audit(['--cloud', 'aws', '--export', file, '--edge', 'mft-dmz-edge,mft-edge-public', '--server', 'mft-backend']);
    expect(union.stdout).toMatch(/effective access equals the vendor's rows/);
    expect(union.code).toBe(0);
    const one = await audit(['--cloud', 'aws', '--export', file, '--edge', 'mft-dmz-edge', '--server', 'mft-backend', '--format', 'json']);
    expect(JSON.parse(one.stdout).rows.filter((r: { status: string }) => r.status === 'missing')).toHaveLength(13);
    expect(one.code).toBe(1);
  });

  it('Azure: one NSG may serve both groups; application security groups are named by flag', async () => {
    const [dmz, core] = load('azure/nsg-list.json');
    const asg = '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-mft-prod/providers/Microsoft.Network/applicationSecurityGroups/asg-mft-core';
    const coreRules = core.securityRules
      .filter((r: { name: string }) => !['Allow-LB-Probes', 'Deny-Everything-Else'].includes(r.name))
      .map((r: Record<string, unknown>) => ({ ...r, priority: (r.priority as number) + 1000, ...(r.sourceAddressPrefix === '10.20.2.10/31' ? { sourceAddressPrefix: null, sourceApplicationSecurityGroups: [{ id: asg, resourceGroup: 'rg-mft-prod' }] } : {}) }));
    const shared = { ...dmz, name: 'nsg-mft-all', id: dmz.id.replace('nsg-mft-dmz', 'nsg-mft-all'), securityRules: [...dmz.securityRules, ...coreRules] };
    const file = save('azure-shared.json', shared);
    const ok = await audit(['--cloud', 'azure', '--export', file, '--edge', 'nsg-mft-all', '--server', 'nsg-mft-all', '--server-asg', 'asg-mft-core']);
    expect(ok.stdout).toMatch(/effective access equals the vendor's rows/);
    expect(ok.code).toBe(0);
    // Without the flag nobody is known to be in the ASG: no verdict, not a guess.
    const unknown = await audit(['--cloud', 'azure', '--export', file, '--edge', 'nsg-mft-all', '--server', 'nsg-mft-all']);
    expect(unknown.stdout).toMatch(/azure: no verdict: .*asg-mft-core/);
    expect(unknown.code).toBe(1);
  });

  it('GCP: rules by service account apply to the instances running as it', async () => {
    const sa = 'mft-core@acme-mft-prod.iam.gserviceaccount.com';
    const json = load('gcp/firewall-rules.json').map((f: { name: string; targetTags?: string[]; sourceRanges?: string[] }) => {
      if (!f.name.startsWith('mft-core-')) return f;
      const { targetTags, ...rest } = f;
      void targetTags;
      const bySa = f.name === 'mft-core-cluster' ? { sourceServiceAccounts: [sa], sourceRanges: undefined } : {};
      return { ...rest, targetServiceAccounts: [sa], ...bySa };
    });
    const file = save('gcp-sa.json', json);
    const edgeSa = 'mft-edge@acme-mft-prod.iam.gserviceaccount.com';
    const ok = await audit(['--cloud', 'gcp', '--export', file, '--edge', 'dmz-node', '--server', 'backend-node', '--server-sa', sa, '--edge-sa', edgeSa]);
    expect(ok.stdout).toMatch(/effective access equals the vendor's rows/);
    expect(ok.code).toBe(0);
    // Which account the Edges run as decides whether those rules reach them: not given, no verdict.
    const unknown = await audit(['--cloud', 'gcp', '--export', file, '--edge', 'dmz-node', '--server', 'backend-node', '--server-sa', sa]);
    expect(unknown.stdout).toMatch(/gcp: no verdict: .*service account is not known/);
    expect(unknown.stdout).not.toMatch(/vendor rows:/);
    expect(unknown.code).toBe(1);
    // The Servers running as another account: the core rules miss them.
    const other = await audit(['--cloud', 'gcp', '--export', file, '--edge', 'dmz-node', '--server', 'backend-node', '--server-sa', 'other@acme-mft-prod.iam.gserviceaccount.com', '--edge-sa', edgeSa, '--format', 'json']);
    expect(JSON.parse(other.stdout).missing.length).toBeGreaterThan(0);
    expect(other.code).toBe(1);
  });
});
