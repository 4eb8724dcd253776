/**
 * `aws.backend`, `azure.backend`, `gcp.backend`: where each stack keeps its Terraform state (a
 * contract). Settings carry the names Terraform's backend documentation gives them (snake_case,
 * unlike the rest of the config) so they can be copied from and to `backend "s3" { ... }` blocks.
 * The lists follow Terraform 1.11's backend schemas (internal/backend/remote-state/*); deprecated
 * and removed settings (top-level `role_arn`, `endpoint`, `force_path_style`...) are unknown keys.
 *
 * Credentials are refused, not warned about: the config and the cdk.tf.json synthesized from it
 * are files people commit and share, and Terraform reads every one of these from the environment
 * or from `terraform init -backend-config=...` (a partial configuration) as well.
 */
import { z } from 'zod';

export const BACKEND_TYPES = ['local', 's3', 'azurerm', 'gcs', 'cloud'] as const;
export type BackendType = (typeof BACKEND_TYPES)[number];

/** Marks an issue whose value must not be echoed (load.ts leaves it out of the message). */
export const REDACT = 'redactValue';

/** A setting that holds a secret: refused with where it belongs instead, its value never printed. */
function secret(instead: string) {
  return z
    .unknown()
    .refine(() => false, { message: `is a credential: keep it out of the config and the synthesized stack (${instead})`, params: { [REDACT]: true } })
    .optional();
}

/** A setting Terraform removed or deprecated: refused with its replacement. */
function replaced(by: string) {
  return z
    .unknown()
    .refine(() => false, { message: `is deprecated or removed in Terraform's s3 backend: use ${by}` })
    .optional();
}

const text = z.string().trim().min(1, 'must be a non-empty string');
const texts = z.array(text).min(1, 'must list at least one value');

/** Relative, and not climbing out of the stack's directory: the output stays the same on any machine. */
const relativePath = text.superRefine((value, ctx) => {
  if (/^([\\/]|[A-Za-z]:|~)/.test(value)) ctx.addIssue({ code: 'custom', message: 'must be a relative path (an absolute one would differ per machine)' });
  else if (value.split(/[\\/]/).includes('..')) ctx.addIssue({ code: 'custom', message: 'must stay inside the stack\'s directory (no "..")' });
});

const local = z.strictObject({
  type: z.literal('local'),
  /** Default: terraform.<cloud>.tfstate, next to cdk.tf.json (today's stacks). */
  path: relativePath.optional(),
  workspace_dir: relativePath.optional(),
});

const awsCredentials = 'use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, "profile" or "assume_role"';
const iamRoleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/terraform"');

const s3 = z.strictObject({
  type: z.literal('s3'),
  bucket: text,
  key: text.refine((key) => !key.startsWith('/') && !key.endsWith('/') && !key.includes('//'), 'must not start or end with "/" nor contain "//" (Terraform refuses such keys)'),
  region: text.optional(),
  /** S3-native locking (Terraform 1.10 and later); dynamodb_table is the older, deprecated way. */
  use_lockfile: z.boolean().optional(),
  dynamodb_table: text.optional(),
  encrypt: z.boolean().optional(),
  kms_key_id: text.optional(),
  acl: text.optional(),
  workspace_key_prefix: text.optional(),
  profile: text.optional(),
  shared_config_files: texts.optional(),
  shared_credentials_files: texts.optional(),
  assume_role: z
    .strictObject({
      role_arn: iamRoleArn,
      duration: text.optional(),
      external_id: text.optional(),
      policy: text.optional(),
      policy_arns: texts.optional(),
      session_name: text.optional(),
      source_identity: text.optional(),
      tags: z.record(z.string()).optional(),
      transitive_tag_keys: texts.optional(),
    })
    .optional(),
  assume_role_with_web_identity: z
    .strictObject({
      role_arn: iamRoleArn,
      web_identity_token_file: text,
      web_identity_token: secret('give web_identity_token_file or AWS_WEB_IDENTITY_TOKEN_FILE'),
      duration: text.optional(),
      policy: text.optional(),
      policy_arns: texts.optional(),
      session_name: text.optional(),
    })
    .optional(),
  allowed_account_ids: texts.optional(),
  forbidden_account_ids: texts.optional(),
  sts_region: text.optional(),
  endpoints: z.strictObject({ s3: text.optional(), dynamodb: text.optional(), iam: text.optional(), sts: text.optional(), sso: text.optional() }).optional(),
  use_path_style: z.boolean().optional(),
  use_fips_endpoint: z.boolean().optional(),
  use_dualstack_endpoint: z.boolean().optional(),
  skip_credentials_validation: z.boolean().optional(),
  skip_requesting_account_id: z.boolean().optional(),
  skip_metadata_api_check: z.boolean().optional(),
  skip_region_validation: z.boolean().optional(),
  skip_s3_checksum: z.boolean().optional(),
  max_retries: z.number().int().min(0).optional(),
  retry_mode: z.enum(['standard', 'adaptive']).optional(),
  custom_ca_bundle: text.optional(),
  ec2_metadata_service_endpoint: text.optional(),
  ec2_metadata_service_endpoint_mode: z.enum(['IPv4', 'IPv6']).optional(),
  http_proxy: text.optional(),
  https_proxy: text.optional(),
  no_proxy: text.optional(),
  insecure: z.boolean().optional(),
  access_key: secret(awsCredentials),
  secret_key: secret(awsCredentials),
  token: secret(awsCredentials),
  sse_customer_key: secret('use AWS_SSE_CUSTOMER_KEY, or kms_key_id'),
  role_arn: replaced('assume_role.role_arn'),
  session_name: replaced('assume_role.session_name'),
  external_id: replaced('assume_role.external_id'),
  endpoint: replaced('endpoints.s3'),
  dynamodb_endpoint: replaced('endpoints.dynamodb'),
  iam_endpoint: replaced('endpoints.iam'),
  sts_endpoint: replaced('endpoints.sts'),
  force_path_style: replaced('use_path_style'),
  shared_credentials_file: replaced('shared_credentials_files'),
});

const armCredentials = (variable: string) => `use ${variable}, or use_azuread_auth with use_cli, use_msi or use_oidc`;

const azurerm = z.strictObject({
  type: z.literal('azurerm'),
  storage_account_name: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name (3-24 lowercase letters and digits)'),
  container_name: z.string().regex(/^[a-z0-9](?!.*--)[-a-z0-9]{1,61}[a-z0-9]$/, 'must be a blob container name (3-63 lowercase letters, digits and single hyphens)'),
  key: text,
  resource_group_name: text.optional(),
  subscription_id: text.optional(),
  tenant_id: text.optional(),
  client_id: text.optional(),
  client_id_file_path: text.optional(),
  client_certificate_path: text.optional(),
  client_secret_file_path: text.optional(),
  environment: z.enum(['public', 'usgovernment', 'china']).optional(),
  metadata_host: text.optional(),
  snapshot: z.boolean().optional(),
  use_azuread_auth: z.boolean().optional(),
  use_cli: z.boolean().optional(),
  use_msi: z.boolean().optional(),
  msi_endpoint: text.optional(),
  use_oidc: z.boolean().optional(),
  use_aks_workload_identity: z.boolean().optional(),
  oidc_request_url: text.optional(),
  oidc_token_file_path: text.optional(),
  ado_pipeline_service_connection_id: text.optional(),
  access_key: secret(armCredentials('ARM_ACCESS_KEY')),
  sas_token: secret(armCredentials('ARM_SAS_TOKEN')),
  client_secret: secret(armCredentials('ARM_CLIENT_SECRET or client_secret_file_path')),
  client_certificate: secret(armCredentials('client_certificate_path')),
  client_certificate_password: secret(armCredentials('ARM_CLIENT_CERTIFICATE_PASSWORD')),
  oidc_token: secret(armCredentials('ARM_OIDC_TOKEN or oidc_token_file_path')),
  oidc_request_token: secret(armCredentials('ARM_OIDC_REQUEST_TOKEN')),
});

const gcs = z.strictObject({
  type: z.literal('gcs'),
  bucket: z.string().regex(/^[a-z0-9][-_.a-z0-9]{1,220}[a-z0-9]$/, 'must be a Cloud Storage bucket name (lowercase letters, digits, - _ .)'),
  prefix: text.optional(),
  impersonate_service_account: text.optional(),
  impersonate_service_account_delegates: texts.optional(),
  kms_encryption_key: text.optional(),
  storage_custom_endpoint: text.optional(),
  credentials: secret('use GOOGLE_APPLICATION_CREDENTIALS or GOOGLE_BACKEND_CREDENTIALS, or impersonate_service_account'),
  access_token: secret('use GOOGLE_OAUTH_ACCESS_TOKEN, or impersonate_service_account'),
  encryption_key: secret('use GOOGLE_ENCRYPTION_KEY, or kms_encryption_key'),
});

const workspaceName = z.string().regex(/^[-\w]{1,90}$/, 'must be a workspace name (letters, digits, - and _; at most 90)');
const cloud = z.strictObject({
  type: z.literal('cloud'),
  organization: text,
  hostname: text.optional(),
  /** One named workspace, or every workspace carrying all these tags; optionally within a project. */
  workspaces: z.union(
    [
      z.strictObject({ name: workspaceName, project: text.optional() }),
      z.strictObject({ tags: texts, project: text.optional() }),
    ],
    {
      errorMap: (issue, ctx) =>
        issue.code === 'invalid_union'
          ? { message: `${ctx.data === undefined ? 'is required: ' : 'must be '}{ "name": ... } or { "tags": [...] }, each with an optional "project"` }
          : { message: ctx.defaultError },
    },
  ),
  token: secret('use TF_TOKEN_<hostname> or `terraform login`'),
});

export const backendSchema = z
  .discriminatedUnion('type', [local, s3, azurerm, gcs, cloud], {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator' ? { message: `must be one of ${BACKEND_TYPES.map((t) => `"${t}"`).join(', ')}` } : { message: ctx.defaultError },
  })
  .superRefine((backend, ctx) => {
    if (backend.type !== 'azurerm') return;
    // Terraform's own rule (azure/backend.go), with access keys and SAS tokens kept out of the config.
    if (backend.resource_group_name === undefined && backend.use_azuread_auth !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['resource_group_name'],
        message: 'is required unless "use_azuread_auth": true (without an access key Terraform needs one of them to reach the storage account)',
      });
    }
    if (backend.environment !== undefined && backend.metadata_host !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['environment'], message: 'must not be given with metadata_host (Terraform takes the environment from the metadata host)' });
    }
  });

export type Backend = z.output<typeof backendSchema>;
