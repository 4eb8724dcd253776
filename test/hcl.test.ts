/**
 * The synthesized stacks through a real HCL parser: tfjsoncheck, built from Debian's hcl-v2
 * (the parser Terraform uses), checks syntax, blocks, references and outputs. .ci/run builds
 * it and sets TFJSONCHECK; outside CI, set TFJSONCHECK to a binary built with
 * ../shared/tools/tfjsoncheck/build.sh to run these tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { synthApp } from '../stacks/app';
import { CLOUDS } from '../src/clouds';

const checker = process.env.TFJSONCHECK;
const available = !!checker && existsSync(checker);
if (process.env.CI && !available) throw new Error('CI=true but TFJSONCHECK does not point at a tfjsoncheck binary (.ci/run builds one)');

const EXAMPLE = require(resolve(__dirname, '../examples/st-prod.json'));

const VARIANTS: [string, object][] = [
  ['icmp native', { icmp: 'native' }],
  ['icmp vendor', { icmp: 'vendor' }],
  ['host groups as native groups', { sources: 'groups' }],
  ['dual stack', { ipv6: true, edge: { privateIps: ['10.0.1.10', 'fd00:1::10'] }, server: { privateIps: ['10.0.2.10', 'fd00:2::/126'] } }],
  [
    'native groups with GCP service accounts and existing AWS groups',
    {
      sources: 'groups',
      aws: { ...EXAMPLE.aws, adminHostSecurityGroupId: 'sg-0aaaaaaaaaaaaaaa1', loadBalancerSecurityGroupId: 'sg-0bbbbbbbbbbbbbbb2' },
      gcp: { ...EXAMPLE.gcp, serviceAccounts: { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', adminHost: 'st-admin@my-project.iam.gserviceaccount.com' } },
    },
  ],
];

(available ? describe : describe.skip).each(VARIANTS)('tfjsoncheck on the stacks (%s)', (_title, variant) => {
  let out: string;
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let summary: any[];
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'st-hcl-'));
    synthApp(plan(validateConfig({ ...EXAMPLE, ...variant })), CLOUDS, out);
    const files = CLOUDS.map((cloud) => join(out, 'stacks', cloud, 'cdk.tf.json'));
    summary = JSON.parse(execFileSync(checker!, ['-summary', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  });

  it.each(CLOUDS.map((cloud, i) => [cloud, i]))('%s parses with no errors or warnings', (_cloud, i) => {
    expect(summary[i as number]).toMatchObject({ errors: 0, warnings: 0, has_provider_block: true, has_backend_block: true });
  });

  it('declares namespaced providers and the contract outputs', () => {
    expect(summary.map((s) => Object.values(s.required_providers).map((p: any) => p.source))).toEqual([['hashicorp/aws'], ['hashicorp/azurerm'], ['hashicorp/google']]);
    expect(summary[0].outputs).toEqual(expect.arrayContaining(['edge_security_group_id', 'server_security_group_id']));
    expect(summary[1].outputs).toEqual(expect.arrayContaining(['edge_network_security_group_id', 'server_network_security_group_id']));
    expect(summary[2].outputs).toEqual(expect.arrayContaining(['edge_network_tags', 'server_network_tags']));
  });
});
