/**
 * The stack's state backend, from the config's `<cloud>.backend` (src/config/backend.ts), through
 * CDKTF's backend classes. The config names settings as Terraform does (snake_case); CDKTF takes
 * camelCase and writes snake_case back, so every setting reaches cdk.tf.json under its own name.
 * Settings CDKTF 0.21's classes do not declare go in as overrides, under the same name.
 */
import { IValidation } from 'constructs';
import {
  AzurermBackend,
  AzurermBackendConfig,
  CloudBackend,
  GcsBackend,
  GcsBackendConfig,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  S3BackendConfig,
  TaggedCloudWorkspaces,
  TerraformBackend,
  TerraformStack,
} from 'cdktf';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';
import { Cloud } from '../src/clouds';
import { Backend } from '../src/config/backend';

/** Settings Terraform 1.11 has and CDKTF 0.21's config interfaces lack (gcs: CDKTF misspells it "storeage_..."). */
const NOT_IN_CDKTF: Readonly<Record<Backend['type'], readonly string[]>> = {
  local: [],
  s3: ['use_lockfile', 'use_fips_endpoint', 'use_dualstack_endpoint'],
  azurerm: ['client_id_file_path', 'client_secret_file_path', 'use_cli', 'use_aks_workload_identity', 'ado_pipeline_service_connection_id'],
  gcs: ['storage_custom_endpoint'],
  cloud: [],
};

/** The state file next to cdk.tf.json: CDKTF's default would record this machine's absolute path. */
export const defaultStatePath = (cloud: Cloud) => `terraform.${cloud}.tfstate`;

export function addBackend(stack: TerraformStack, cloud: Cloud, backend: Backend | undefined): TerraformBackend {
  if (backend === undefined || backend.type === 'local') {
    return new LocalBackend(stack, { path: backend?.path ?? defaultStatePath(cloud), ...(backend?.workspace_dir ? { workspaceDir: backend.workspace_dir } : {}) });
  }
  if (backend.type === 'cloud') {
    const { organization, hostname, workspaces } = backend;
    const chosen = 'name' in workspaces ? new NamedCloudWorkspace(workspaces.name, workspaces.project) : new TaggedCloudWorkspaces(workspaces.tags, workspaces.project);
    const cloudBackend = new CloudBackend(stack, { organization, ...(hostname ? { hostname } : {}), workspaces: chosen });
    dropTerraformVersionCheck(cloudBackend);
    return cloudBackend;
  }
  const { type, ...settings } = backend;
  const declared: Record<string, unknown> = {};
  const overrides: [string, unknown][] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    if (NOT_IN_CDKTF[type].includes(name)) overrides.push([name, value]);
    else declared[camelCase(name)] = camelKeys(value);
  }
  const made =
    type === 's3'
      ? new S3Backend(stack, declared as unknown as S3BackendConfig)
      : type === 'azurerm'
        ? new AzurermBackend(stack, declared as unknown as AzurermBackendConfig)
        : new GcsBackend(stack, declared as unknown as GcsBackendConfig);
  for (const [name, value] of overrides) made.addOverride(name, value);
  return made;
}

/**
 * CDKTF's CloudBackend runs `terraform version` during synth to check for Terraform >= 1.1. Synth
 * needs no Terraform binary (README, Setup), and `terraform init` refuses a `cloud` block itself
 * on a Terraform older than 1.1, so the check only costs a process and fails machines without one.
 */
function dropTerraformVersionCheck(backend: CloudBackend): void {
  const validations = (backend.node as unknown as { _validations: IValidation[] })._validations;
  const kept = validations.filter((v) => !(v instanceof ValidateTerraformVersion));
  validations.splice(0, validations.length, ...kept);
}

function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Nested blocks (assume_role, endpoints) camelCased too; `tags` maps keep their keys, as CDKTF does. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => (key === 'tags' ? [key, inner] : [camelCase(key), camelKeys(inner)])));
}
