/**
 * Writes the published modules (modules/<cloud>/ with address lists, modules/<cloud>-groups/ with
 * host groups as native groups: .tf files and README.md) and their examples
 * (examples/<variant>/main.tf). `npm run modules` regenerates the committed ones;
 * test/module.test.ts fails when they are out of date. `st-firewall module --out DIR` writes the
 * modules anywhere.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Cloud, CLOUDS } from '../src/clouds';
import { loadConfigFile, SourcesMode } from '../src/config/load';
import { Json, toHcl } from '../src/module/hcl';
import { moduleReadme } from '../src/module/readme';
import { markerText, OUTPUT_MARKER } from '../src/output/marker';
import { MODULE_PROVIDERS, moduleDocuments, moduleHcl, REQUIRED_TERRAFORM, versionComments } from './module';
import { repoRoot } from './write-docs';
import { requireOptional } from './optional-package';

type JsonObject = { [key: string]: Json };

const EXAMPLE_CONFIG = join(repoRoot(), 'examples', 'st-prod.json');
const MODULE_NAME = 'securetransport_firewall';

async function format(hcl: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return requireOptional('@cdktf/hcl-tools', 'the module command', () => require('@cdktf/hcl-tools') as { format: (text: string) => Promise<string> }).format(hcl);
}

/** One published module: a cloud, and how host groups appear as sources. */
export interface ModuleVariant {
  readonly cloud: Cloud;
  readonly sources: SourcesMode;
}

export const MODULE_VARIANTS: readonly ModuleVariant[] = CLOUDS.flatMap((cloud) => (['cidr', 'groups'] as const).map((sources) => ({ cloud, sources })));

/** modules/<dir>: "aws", "aws-groups". */
export function variantDir({ cloud, sources }: ModuleVariant): string {
  return sources === 'cidr' ? cloud : `${cloud}-groups`;
}

/** The module call's arguments, from the bundled example config. */
function exampleInputs({ cloud, sources }: ModuleVariant): Record<string, Json> {
  const config = loadConfigFile(EXAMPLE_CONFIG);
  const raw = (group: 'edge' | 'server' | 'adminHost') => config.hosts[group].map((c) => c.replace(/\/32$/, ''));
  const common: Record<string, Json> = {
    source: `../../modules/${variantDir({ cloud, sources })}`,
    name: config.name,
    ...(sources === 'cidr' ? { edge_private_ips: raw('edge'), server_private_ips: raw('server'), admin_host_private_ips: raw('adminHost') } : {}),
    ftp_passive_ports: { from: config.ftpPassivePorts.from, to: config.ftpPassivePorts.to },
    icmp_mode: config.icmp,
  };
  const perCloud: Record<Cloud, Record<string, Json>> = {
    aws: { vpc_id: config.aws.vpcId ?? null },
    azure: { resource_group_name: config.azure.resourceGroupName, location: config.azure.location },
    gcp: { network: config.gcp.network },
  };
  return { ...common, ...perCloud[cloud] };
}

function exampleProvider(cloud: Cloud): JsonObject {
  const config = loadConfigFile(EXAMPLE_CONFIG);
  if (cloud === 'aws') return { aws: { region: config.aws.region } };
  if (cloud === 'azure') return { azurerm: { features: {} } };
  return { google: { project: config.gcp.project ?? null, region: config.gcp.region ?? null } };
}

/** Every file of one module, by name. */
export async function moduleFiles(variant: ModuleVariant): Promise<Record<string, string>> {
  const { cloud, sources } = variant;
  const files = await moduleHcl(cloud, sources);
  const { source: _source, ...inputs } = exampleInputs(variant);
  const usage = await format(toHcl({ module: { [MODULE_NAME]: { source: `<this repository, as a git URL or a local path>//modules/${variantDir(variant)}`, ...inputs } } }));
  return { ...files, 'README.md': moduleReadme(variant, variantDir(variant), moduleDocuments(cloud, sources), usage) };
}

/** examples/<variant>/main.tf: the module called by relative source with the example inputs. */
export async function exampleFiles(variant: ModuleVariant): Promise<Record<string, string>> {
  const { cloud, sources } = variant;
  const provider = MODULE_PROVIDERS[cloud];
  const outputs = Object.keys(moduleDocuments(cloud, sources)['outputs.tf'].output as object);
  const document: JsonObject = {
    terraform: { required_version: REQUIRED_TERRAFORM, required_providers: { [provider.name]: { source: provider.source, version: provider.version } } },
    provider: exampleProvider(cloud),
    module: { [MODULE_NAME]: exampleInputs(variant) },
    output: Object.fromEntries(outputs.map((name) => [name, { value: `\${module.${MODULE_NAME}.${name}}` }])),
  };
  return { 'main.tf': await format(toHcl(document, { terraform: versionComments(cloud) })), 'README.md': exampleReadme(variant, outputs) };
}

const CLOUD_TITLES: Readonly<Record<Cloud, { title: string; credentials: string }>> = {
  aws: { title: 'AWS security groups', credentials: 'AWS credentials (environment, profile or role) for the region in `provider "aws"`' },
  azure: { title: 'Azure network security groups', credentials: '`ARM_SUBSCRIPTION_ID` and Azure credentials (`az login` or a service principal); the resource group must exist' },
  gcp: { title: 'GCP firewall rules', credentials: 'Google credentials (`gcloud auth application-default login`) and the project in `provider "google"`; the network must exist' },
};

/** examples/<variant>/README.md: what the example calls, how to run it, what it prints. */
function exampleReadme(variant: ModuleVariant, outputs: readonly string[]): string {
  const dir = variantDir(variant);
  const { title, credentials } = CLOUD_TITLES[variant.cloud];
  return [
    `# Example: ${title}${variant.sources === 'groups' ? ', host groups as native groups' : ''}`,
    '',
    '<!-- Generated by `npm run modules` (st-firewall module); do not edit by hand. -->',
    '',
    `[\`main.tf\`](main.tf) calls [\`modules/${dir}\`](../../modules/${dir}) by relative path with the inputs of the repository's example config ([\`examples/st-prod.json\`](../st-prod.json)), so it plans the same firewall as \`npx st-firewall synth --config examples/st-prod.json --cloud ${variant.cloud}\`${variant.sources === 'groups' ? ' with `"sources": "groups"`' : ''}.`,
    '',
    '## Run it',
    '',
    '```sh',
    `cd examples/${dir}`,
    'terraform init',
    'terraform plan',
    '```',
    '',
    `\`plan\` needs ${credentials}. Without credentials, \`terraform init -backend=false && terraform validate\` checks the example and the module.`,
    '',
    '## Outputs',
    '',
    'The module\'s outputs, passed through (see the module\'s README for what each one is for):',
    '',
    ...outputs.map((name) => `- \`${name}\``),
    '',
  ].join('\n');
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/**
 * modules/<variant>/ under `root` (the repository), marked as st-firewall's output as
 * `st-firewall module --out` marks it, so that `module --out modules` may replace it.
 */
export async function writeModules(root: string, clouds: readonly Cloud[] = CLOUDS): Promise<void> {
  const written: string[] = [];
  for (const variant of MODULE_VARIANTS.filter((v) => clouds.includes(v.cloud))) {
    const files = await moduleFiles(variant);
    writeFiles(join(root, variantDir(variant)), files);
    written.push(...Object.keys(files).map((name) => `${variantDir(variant)}/${name}`));
  }
  writeFileSync(join(root, OUTPUT_MARKER), markerText('module', written));
}

if (require.main === module) {
  (async () => {
    await writeModules(join(repoRoot(), 'modules'));
    for (const variant of MODULE_VARIANTS) writeFiles(join(repoRoot(), 'examples', variantDir(variant)), await exampleFiles(variant));
  })().catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });
}
