/**
 * `aws.backend`, `azure.backend`, `gcp.backend`: each synthesized stack's terraform block holds
 * exactly the configured backend, under Terraform's names; bad backends exit 2 naming the field.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../cli/main';
import { ConfigError, validateConfig } from '../src/config/load';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'st-backend-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let runs = 0;
/** Runs `synth` on the example with `set` applied; returns the exit code, stderr and the stacks. */
async function synth(set: (config: any) => void, clouds = 'aws,azure,gcp'): Promise<{ code: number; stderr: string; stack: (cloud: string) => any; text: (cloud: string) => string }> {
  const config = structuredClone(EXAMPLE);
  set(config);
  const file = join(work, `config-${++runs}.json`);
  writeFileSync(file, JSON.stringify(config));
  const out = join(work, `out-${runs}`);
  let stderr = '';
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(['synth', '--config', file, '--out', out, '--cloud', clouds]);
    const text = (cloud: string) => readFileSync(join(out, 'stacks', cloud, 'cdk.tf.json'), 'utf8');
    return { code, stderr, text, stack: (cloud) => JSON.parse(text(cloud)) };
  } finally {
    err.mockRestore();
    stdout.mockRestore();
  }
}

const S3 = {
  type: 's3',
  bucket: 'acme-tfstate',
  key: 'securetransport/aws.tfstate',
  region: 'eu-west-1',
  use_lockfile: true,
  encrypt: true,
  kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  workspace_key_prefix: 'st',
  assume_role: { role_arn: 'arn:aws:iam::123456789012:role/terraform', session_name: 'st-firewall', tags: { CostCenter: 'Net-Ops', project_id: 'st' } },
  endpoints: { s3: 'https://s3.eu-west-1.amazonaws.com', sts: 'https://sts.eu-west-1.amazonaws.com' },
  ec2_metadata_service_endpoint_mode: 'IPv4',
  use_fips_endpoint: false,
  skip_region_validation: false,
  max_retries: 5,
};
const AZURERM = {
  type: 'azurerm',
  storage_account_name: 'acmetfstate01',
  container_name: 'tfstate',
  key: 'securetransport/azure.tfstate',
  use_azuread_auth: true,
  use_cli: false,
  use_oidc: true,
  oidc_token_file_path: 'token.jwt',
  subscription_id: '00000000-0000-0000-0000-000000000000',
  tenant_id: '11111111-1111-1111-1111-111111111111',
  client_id: '22222222-2222-2222-2222-222222222222',
};
const GCS = { type: 'gcs', bucket: 'acme-tfstate', prefix: 'securetransport/gcp', impersonate_service_account: 'tf@acme.iam.gserviceaccount.com', storage_custom_endpoint: 'https://storage.example.com/storage/v1/' };

const withoutType = ({ type, ...settings }: Record<string, unknown>) => settings;

describe('a configured backend', () => {
  it('s3, azurerm and gcs: each stack holds exactly its settings under Terraform\'s names', async () => {
    const { code, stack } = await synth((c) => {
      c.aws.backend = S3;
      c.azure.backend = AZURERM;
      c.gcp.backend = GCS;
    });
    expect(code).toBe(0);
    expect(stack('aws').terraform.backend).toEqual({ s3: withoutType(S3) });
    expect(stack('azure').terraform.backend).toEqual({ azurerm: withoutType(AZURERM) });
    expect(stack('gcp').terraform.backend).toEqual({ gcs: withoutType(GCS) });
    // Tag keys are the user's: not snake_cased on the way through CDKTF.
    expect(stack('aws').terraform.backend.s3.assume_role.tags).toEqual({ CostCenter: 'Net-Ops', project_id: 'st' });
  });

  it('cloud: a named or tagged workspace in a `cloud` block, and no terraform binary needed to synthesize it', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(work, 'no-such-dir'); // CDKTF's CloudBackend would run `terraform version` here
    try {
      const { code, stderr, stack } = await synth((c) => {
        c.aws.backend = { type: 'cloud', organization: 'acme', workspaces: { name: 'st-aws', project: 'firewalls' } };
        c.gcp.backend = { type: 'cloud', organization: 'acme', hostname: 'tfe.acme.example', workspaces: { tags: ['securetransport', 'gcp'] } };
      }, 'aws,gcp');
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stack('aws').terraform.cloud).toEqual({ organization: 'acme', workspaces: { name: 'st-aws', project: 'firewalls' } });
      expect(stack('gcp').terraform.cloud).toEqual({ organization: 'acme', hostname: 'tfe.acme.example', workspaces: { tags: ['securetransport', 'gcp'] } });
      expect(stack('aws').terraform.backend).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });

  it('local: a relative path of the user\'s; without a backend key, terraform.<cloud>.tfstate as before', async () => {
    const { code, stack } = await synth((c) => (c.aws.backend = { type: 'local', path: 'state/aws.tfstate', workspace_dir: 'state/workspaces' }));
    expect(code).toBe(0);
    expect(stack('aws').terraform.backend).toEqual({ local: { path: 'state/aws.tfstate', workspace_dir: 'state/workspaces' } });
    expect(stack('azure').terraform.backend).toEqual({ local: { path: 'terraform.azure.tfstate' } });
    expect(stack('gcp').terraform.backend).toEqual({ local: { path: 'terraform.gcp.tfstate' } });
    const bare = await synth((c) => (c.gcp.backend = { type: 'local' }), 'gcp');
    expect(bare.stack('gcp').terraform.backend).toEqual({ local: { path: 'terraform.gcp.tfstate' } });
  });

  it('is byte-identical whatever order the settings are written in', async () => {
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const a = await synth((c) => (c.aws.backend = S3), 'aws');
    const b = await synth((c) => (c.aws.backend = reversed({ ...S3, assume_role: reversed(S3.assume_role) })), 'aws');
    expect(b.text('aws')).toBe(a.text('aws'));
  });
});

/** The issues validateConfig reports for the example with `aws|azure|gcp.backend` set. */
function issues(cloud: 'aws' | 'azure' | 'gcp', backend: unknown): { path: string; message: string }[] {
  const config = structuredClone(EXAMPLE);
  config[cloud] = { ...(config[cloud] ?? {}), backend };
  try {
    validateConfig(config, 'test.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map(({ path, message }) => ({ path, message }));
    throw err;
  }
  return [];
}

describe('a bad backend', () => {
  // [title, cloud, backend, field path, message fragment]
  const BAD: [string, 'aws' | 'azure' | 'gcp', unknown, string, string][] = [
    ['an unknown type', 'aws', { type: 'ftp' }, 'aws.backend.type', 'must be one of "local", "s3"'],
    ['no type', 'gcp', { bucket: 'b' }, 'gcp.backend.type', 'must be one of'],
    ['not an object', 'aws', 's3', 'aws.backend', 'expected object'],
    ['s3 without bucket', 'aws', { type: 's3', key: 'k' }, 'aws.backend.bucket', 'is required'],
    ['s3 without key', 'aws', { type: 's3', bucket: 'b' }, 'aws.backend.key', 'is required'],
    ['s3 key Terraform refuses', 'aws', { type: 's3', bucket: 'b', key: '/k' }, 'aws.backend.key', 'must not start or end with "/"'],
    ['a misspelt setting', 'aws', { type: 's3', bucket: 'b', key: 'k', dynamo_table: 't' }, 'aws.backend.dynamo_table', 'unknown key'],
    ['an unknown nested setting', 'aws', { type: 's3', bucket: 'b', key: 'k', assume_role: { role_arn: 'arn:aws:iam::123456789012:role/t', role: 'x' } }, 'aws.backend.assume_role.role', 'unknown key'],
    ['s3 removed top-level role_arn', 'aws', { type: 's3', bucket: 'b', key: 'k', role_arn: 'arn:aws:iam::123456789012:role/t' }, 'aws.backend.role_arn', 'use assume_role.role_arn'],
    ['s3 access key', 'aws', { type: 's3', bucket: 'b', key: 'k', access_key: 'AKIAEXAMPLE' }, 'aws.backend.access_key', 'is a credential'],
    ['s3 secret key', 'aws', { type: 's3', bucket: 'b', key: 'k', secret_key: 'x' }, 'aws.backend.secret_key', 'is a credential'],
    ['s3 bad role ARN', 'aws', { type: 's3', bucket: 'b', key: 'k', assume_role: { role_arn: 'terraform' } }, 'aws.backend.assume_role.role_arn', 'IAM role ARN'],
    ['s3 boolean as text', 'aws', { type: 's3', bucket: 'b', key: 'k', encrypt: 'true' }, 'aws.backend.encrypt', 'expected boolean'],
    ['a setting of another backend', 'azure', { type: 'azurerm', storage_account_name: 'acme01', container_name: 'tfstate', key: 'k', resource_group_name: 'rg', bucket: 'b' }, 'azure.backend.bucket', 'unknown key'],
    ['azurerm without container', 'azure', { type: 'azurerm', storage_account_name: 'acme01', key: 'k', resource_group_name: 'rg' }, 'azure.backend.container_name', 'is required'],
    ['azurerm bad account name', 'azure', { type: 'azurerm', storage_account_name: 'Acme-State', container_name: 'tfstate', key: 'k', resource_group_name: 'rg' }, 'azure.backend.storage_account_name', 'storage account name'],
    ['azurerm with neither resource group nor Azure AD', 'azure', { type: 'azurerm', storage_account_name: 'acme01', container_name: 'tfstate', key: 'k' }, 'azure.backend.resource_group_name', 'use_azuread_auth'],
    ['azurerm access key', 'azure', { type: 'azurerm', storage_account_name: 'acme01', container_name: 'tfstate', key: 'k', resource_group_name: 'rg', access_key: 'x' }, 'azure.backend.access_key', 'ARM_ACCESS_KEY'],
    ['azurerm client secret', 'azure', { type: 'azurerm', storage_account_name: 'acme01', container_name: 'tfstate', key: 'k', use_azuread_auth: true, client_secret: 'x' }, 'azure.backend.client_secret', 'is a credential'],
    ['gcs without bucket', 'gcp', { type: 'gcs', prefix: 'p' }, 'gcp.backend.bucket', 'is required'],
    ['gcs credentials', 'gcp', { type: 'gcs', bucket: 'acme-tfstate', credentials: '{"type":"service_account"}' }, 'gcp.backend.credentials', 'GOOGLE_APPLICATION_CREDENTIALS'],
    ['cloud without workspaces', 'aws', { type: 'cloud', organization: 'acme' }, 'aws.backend.workspaces', 'is required'],
    ['cloud with empty workspaces', 'aws', { type: 'cloud', organization: 'acme', workspaces: {} }, 'aws.backend.workspaces', 'must be { "name": ... } or { "tags": [...] }'],
    ['cloud with no tags', 'aws', { type: 'cloud', organization: 'acme', workspaces: { tags: [] } }, 'aws.backend.workspaces.tags', 'at least one'],
    ['cloud token', 'aws', { type: 'cloud', organization: 'acme', workspaces: { name: 'w' }, token: 'x' }, 'aws.backend.token', 'terraform login'],
    ['local absolute path', 'aws', { type: 'local', path: '/var/state/aws.tfstate' }, 'aws.backend.path', 'must be a relative path'],
    ['local Windows path', 'azure', { type: 'local', path: 'C:\\state\\azure.tfstate' }, 'azure.backend.path', 'must be a relative path'],
    ['local home path', 'gcp', { type: 'local', path: '~/gcp.tfstate' }, 'gcp.backend.path', 'must be a relative path'],
    ['local path out of the stack', 'aws', { type: 'local', path: '../aws.tfstate' }, 'aws.backend.path', 'no ".."'],
    ['local absolute workspace_dir', 'aws', { type: 'local', workspace_dir: '/tmp/ws' }, 'aws.backend.workspace_dir', 'must be a relative path'],
  ];

  it.each(BAD)('%s: refused, naming the field', (_title, cloud, backend, path, message) => {
    const found = issues(cloud, backend);
    expect(found).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('the CLI exits 2, names file and field (not the secret), and writes nothing', async () => {
    const { code, stderr } = await synth((c) => (c.aws.backend = { type: 's3', bucket: 'b', key: 'k', access_key: 'AKIAEXAMPLE' }));
    expect(code).toBe(2);
    expect(stderr).toMatch(/config-\d+\.json: aws\.backend\.access_key: is a credential/);
    expect(stderr).not.toContain('AKIAEXAMPLE'); // named, never echoed into CI logs
    expect(() => readFileSync(join(work, `out-${runs}`, 'manifest.json'))).toThrow();
  });
});
