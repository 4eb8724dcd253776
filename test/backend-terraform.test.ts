/**
 * Every backend setting the config accepts (src/config/backend.ts) is one real Terraform knows:
 * each synthesized terraform block is fed to `terraform init`, which decodes the backend's schema
 * before it reaches any network, and must not answer "no argument named ...". The configs below
 * carry deliberately unusable values (an invalid KMS key, a missing token file, a host under
 * .invalid) so that init stops right after that decoding, offline. A test also checks they cover
 * every setting the schema accepts. Skipped, visibly, where there is no terraform binary.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { backendSchema } from '../src/config/backend';
import { validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { synthApp } from '../stacks/app';
import { CLOUDS } from '../src/clouds';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
const hasTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).status === 0;
if (!hasTerraform) console.warn('backend-terraform.test.ts: no terraform binary on PATH; the Terraform schema check of the backend settings is skipped');

const FULL: Record<string, Record<string, unknown>> = {
  s3: {
    type: 's3', bucket: 'acme-tfstate', key: 'st/aws.tfstate', region: 'eu-west-1', use_lockfile: true, dynamodb_table: 'locks', encrypt: true,
    kms_key_id: 'not-a-kms-key', acl: 'private', workspace_key_prefix: 'st', profile: 'p', shared_config_files: ['a'], shared_credentials_files: ['b'],
    assume_role: { role_arn: 'arn:aws:iam::123456789012:role/terraform', duration: '1h', external_id: 'abc', policy: '{"Version":"2012-10-17","Statement":[]}', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], session_name: 'st-firewall', source_identity: 'si', tags: { CostCenter: 'x' }, transitive_tag_keys: ['CostCenter'] },
    assume_role_with_web_identity: { role_arn: 'arn:aws:iam::123456789012:role/web', web_identity_token_file: 'token-file', duration: '1h', policy: '{"Version":"2012-10-17","Statement":[]}', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], session_name: 'st-web' },
    allowed_account_ids: ['123456789012'], sts_region: 'eu-west-1',
    endpoints: { s3: 'https://s3.example.com', dynamodb: 'https://d.example.com', iam: 'https://i.example.com', sts: 'https://s.example.com', sso: 'https://sso.example.com' },
    use_path_style: true, use_fips_endpoint: false, use_dualstack_endpoint: false, skip_credentials_validation: true, skip_requesting_account_id: true,
    skip_metadata_api_check: true, skip_region_validation: true, skip_s3_checksum: true, max_retries: 3, retry_mode: 'standard', custom_ca_bundle: 'ca.pem',
    ec2_metadata_service_endpoint: 'http://169.254.169.254', ec2_metadata_service_endpoint_mode: 'IPv4', http_proxy: 'http://proxy.invalid', https_proxy: 'http://proxy.invalid', no_proxy: 'x', insecure: false,
  },
  azurerm: {
    type: 'azurerm', storage_account_name: 'acme01', container_name: 'tfstate', key: 'k', resource_group_name: 'rg', subscription_id: 's', tenant_id: 't', client_id: 'c',
    client_id_file_path: 'missing-client-id', client_certificate_path: 'missing.pfx', client_secret_file_path: 'missing-secret', environment: 'public', snapshot: true,
    use_azuread_auth: true, use_cli: true, use_msi: false, msi_endpoint: 'http://msi.invalid', use_oidc: true, use_aks_workload_identity: false,
    oidc_request_url: 'https://oidc.invalid', oidc_token_file_path: 'missing-token', ado_pipeline_service_connection_id: 'a',
  },
  azurermMetadataHost: { type: 'azurerm', storage_account_name: 'acme01', container_name: 'tfstate', key: 'k', use_azuread_auth: true, metadata_host: 'metadata.invalid', oidc_token_file_path: 'missing-token', use_oidc: true },
  s3Forbidden: { type: 's3', bucket: 'acme-tfstate', key: 'k', kms_key_id: 'not-a-kms-key', forbidden_account_ids: ['210987654321'] },
  gcs: {
    type: 'gcs', bucket: 'acme-tfstate', prefix: 'p', impersonate_service_account: 'a@b.iam.gserviceaccount.com', impersonate_service_account_delegates: ['x'],
    kms_encryption_key: 'k', storage_custom_endpoint: 'https://storage.invalid/',
  },
  cloudNamed: { type: 'cloud', organization: 'acme', hostname: 'tfe.invalid', workspaces: { name: 'st-aws', project: 'firewalls' } },
  cloudTagged: { type: 'cloud', organization: 'acme', hostname: 'tfe.invalid', workspaces: { tags: ['securetransport'], project: 'firewalls' } },
  local: { type: 'local', path: 'state/aws.tfstate', workspace_dir: 'state/ws' },
};

/** Setting names (nested ones as parent.child) in the configs above, per backend type. */
function covered(type: string): Set<string> {
  const names = new Set<string>();
  for (const config of Object.values(FULL).filter((c) => c.type === type)) {
    for (const [key, value] of Object.entries(config)) {
      names.add(key);
      if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'workspaces') for (const inner of Object.keys(value)) names.add(`${key}.${inner}`);
    }
  }
  return names;
}

describe('backend settings and the schema', () => {
  it('the configs here cover every setting the schema accepts (so each is checked against Terraform)', () => {
    for (const option of backendSchema.innerType().options) {
      const type = option.shape.type.value;
      for (const [key, schema] of Object.entries(option.shape)) {
        // Refused settings (credentials, removed ones) answer with their own message whatever the value.
        const attempt = (schema as { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }).safeParse('x');
        const refused = attempt.error?.issues.some((i) => /is a credential|deprecated or removed/.test(i.message)) ?? false;
        if (refused || key === 'type') continue;
        expect({ type, key, covered: covered(type).has(key) }).toEqual({ type, key, covered: true });
      }
    }
  });
});

(hasTerraform ? describe : describe.skip)('backend settings and Terraform 1.11', () => {
  const work = mkdtempSync(join(tmpdir(), 'st-backend-tf-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(Object.keys(FULL))('%s: terraform init decodes every emitted setting', (name) => {
    const raw = structuredClone(EXAMPLE);
    raw.aws.backend = FULL[name];
    const out = join(work, name);
    synthApp(plan(validateConfig(raw)), CLOUDS.filter((c) => c === 'aws'), out);
    const tf = JSON.parse(readFileSync(join(out, 'stacks/aws/cdk.tf.json'), 'utf8'));
    const dir = join(work, `${name}-init`);
    mkdirSync(dir);
    const block = tf.terraform.cloud ? { cloud: tf.terraform.cloud } : { backend: tf.terraform.backend };
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: block }));
    const init = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' } });
    const output = `${init.stdout}${init.stderr}`;
    expect(output).not.toMatch(/Extraneous JSON object property|Unsupported argument|No argument or block type is named|Unsupported block type/);
    if (name === 'local') expect(init.status).toBe(0);
  });
});
