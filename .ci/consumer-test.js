#!/usr/bin/env node
/**
 * The package as a new CDKTF user gets it: `npm pack`, then per case a fresh project in a scratch
 * directory that installs the tarball with cdktf, constructs and ONE provider (newest or lowest
 * versions the package's peer ranges allow), compiles a stack under strict TypeScript (its own
 * provider and backend, the construct twice, outputs used without casts, a wrong output name
 * being a compile error), synthesizes it, and checks:
 *   - one copy of cdktf and of constructs in node_modules, at the requested versions;
 *   - no provider package but the one installed;
 *   - addresses `<construct id>_<the CLI stack's name>`, the same set as `st-firewall synth`
 *     gives (through the installed bin), and `st-firewall moved` mapping one onto the other;
 *   - another cloud: the construct throws MissingPackageError, the CLI exits 2, both naming the package and range;
 *     so does `st-firewall module` without the optional @cdktf/hcl-tools.
 *
 *   node .ci/consumer-test.js [--cases newest:aws,newest:azure,newest:gcp,lowest:aws,...] [--tarball FILE] [--keep]
 *
 * Uses the npm registry (and npm's one shared cache, --prefer-offline). Prints the time per case.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const pkg = require(path.join(repo, 'package.json'));
const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const PROVIDERS = { aws: '@cdktf/provider-aws', azure: '@cdktf/provider-azurerm', gcp: '@cdktf/provider-google' };

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const cases = arg('cases', 'newest:aws,newest:azure,newest:gcp,lowest:aws,lowest:azure,lowest:gcp')
  .split(',')
  .map((text) => {
    const [versions, cloud] = text.split(':');
    if (!['newest', 'lowest'].includes(versions) || !PROVIDERS[cloud]) throw new Error(`--cases: expected newest|lowest:aws|azure|gcp (got "${text}")`);
    return { versions, cloud };
  });
const keep = process.argv.includes('--keep');

const run = (command, args, options = {}) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
const fail = (message) => {
  throw new Error(message);
};

/** The newest or lowest published version inside a range (pre-releases excluded, as npm does). */
const resolved = new Map();
function pick(name, range, which) {
  const key = `${name}@${range}`;
  if (!resolved.has(key)) {
    const out = JSON.parse(run('npm', ['view', key, 'version', '--json']));
    const versions = (Array.isArray(out) ? out : [out]).filter((v) => !v.includes('-'));
    if (versions.length === 0) fail(`no published version of ${key}`);
    const num = (v) => v.split('.').map(Number);
    versions.sort((a, b) => num(a).reduce((d, x, i) => d || x - num(b)[i], 0));
    resolved.set(key, versions);
  }
  const versions = resolved.get(key);
  return which === 'lowest' ? versions[0] : versions[versions.length - 1];
}

/** Every copy of a package anywhere under node_modules (nested copies included). */
function copies(root, name) {
  const found = [];
  const walk = (modules) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      const dirs = entry.startsWith('@') ? fs.readdirSync(path.join(modules, entry)).map((e) => path.join(entry, e)) : [entry];
      for (const dir of dirs) {
        if (dir === name) found.push(JSON.parse(fs.readFileSync(path.join(modules, dir, 'package.json'), 'utf8')).version);
        walk(path.join(modules, dir, 'node_modules'));
      }
    }
  };
  walk(path.join(root, 'node_modules'));
  return found;
}

const CONFIG = {
  name: 'acme-st',
  edge: { privateIps: ['10.20.1.0/28'] },
  server: { privateIps: ['10.20.2.10', '10.20.2.11', '10.20.2.12'] },
  adminHost: { privateIps: ['10.20.9.5'] },
  ftpPassivePorts: '40000-40100',
  aws: { region: 'eu-central-1', vpcId: 'vpc-0a1b2c3d4e5f60718' },
  azure: { location: 'northeurope', resourceGroupName: 'rg-acme-st' },
  gcp: { project: 'acme-prod', region: 'europe-west4', network: 'acme-vpc' },
};

/** The consumer's stack per cloud: its own backend and provider, the construct twice, outputs into its own resources. */
const STACKS = {
  aws: {
    imports: `import { S3Backend } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Instance } from '@cdktf/provider-aws/lib/instance';`,
    body: `new S3Backend(this, { bucket: 'acme-tfstate', key: 'securetransport/terraform.tfstate', region: 'eu-central-1' });
    new AwsProvider(this, 'aws', { region: 'eu-central-1', defaultTags: [{ tags: { team: 'mft' } }] });
    const prod = new SecureTransportFirewall(this, 'securetransport', { cloud: 'aws', config });
    prod.moveFromCliStack(); // the state already holds the resources of the CLI's stack
    const staging = new SecureTransportFirewall(this, 'staging', { cloud: 'aws', config: { ...config, name: 'acme-st-staging' } });
    const ids: string[] = [prod.outputs.edge_security_group_id, staging.outputs.edge_security_group_id];
    new Instance(this, 'edge', { ami: 'ami-0123456789abcdef0', instanceType: 't3.small', vpcSecurityGroupIds: [prod.outputs.edge_security_group_id] });
    const admin: string | undefined = prod.outputs.admin_host_security_group_id;
    // @ts-expect-error: GCP's output name on an AWS firewall
    prod.outputs.edge_network_tags;
    new TerraformOutput(this, 'edge_security_group_ids', { value: ids });
    new TerraformOutput(this, 'admin', { value: admin ?? 'none' });`,
    backend: 's3',
    provider: 'aws',
  },
  azure: {
    imports: `import { AzurermBackend } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NetworkInterfaceSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/network-interface-security-group-association';`,
    body: `new AzurermBackend(this, { resourceGroupName: 'rg-tfstate', storageAccountName: 'acmetfstate', containerName: 'tfstate', key: 'securetransport.tfstate' });
    new AzurermProvider(this, 'azurerm', { features: FEATURES, subscriptionId: '00000000-0000-0000-0000-000000000000' });
    const prod = new SecureTransportFirewall(this, 'securetransport', { cloud: 'azure', config });
    prod.moveFromCliStack(); // the state already holds the resources of the CLI's stack
    const staging = new SecureTransportFirewall(this, 'staging', { cloud: 'azure', config: { ...config, name: 'acme-st-staging' } });
    const nsg: string = prod.outputs.edge_network_security_group_id;
    new NetworkInterfaceSecurityGroupAssociation(this, 'edge_nic', { networkInterfaceId: '/subscriptions/x/nic/edge', networkSecurityGroupId: nsg });
    // @ts-expect-error: AWS's output name on an Azure firewall
    prod.outputs.edge_security_group_id;
    new TerraformOutput(this, 'server_nsgs', { value: [prod.outputs.server_network_security_group_id, staging.outputs.server_network_security_group_id] });`,
    backend: 'azurerm',
    provider: 'azurerm',
  },
  gcp: {
    imports: `import { GcsBackend } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ComputeInstance } from '@cdktf/provider-google/lib/compute-instance';`,
    body: `new GcsBackend(this, { bucket: 'acme-tfstate', prefix: 'securetransport' });
    new GoogleProvider(this, 'google', { project: 'acme-prod', region: 'europe-west4' });
    const prod = new SecureTransportFirewall(this, 'securetransport', { cloud: 'gcp', config });
    prod.moveFromCliStack(); // the state already holds the resources of the CLI's stack
    const staging = new SecureTransportFirewall(this, 'staging', { cloud: 'gcp', config: { ...config, name: 'acme-st-staging' } });
    const tags: string[] = [...prod.outputs.edge_network_tags, ...staging.outputs.edge_network_tags];
    new ComputeInstance(this, 'edge', {
      name: 'edge-1', machineType: 'e2-small', zone: 'europe-west4-a', tags,
      bootDisk: { initializeParams: { image: 'debian-cloud/debian-12' } }, networkInterface: [{ network: 'acme-vpc' }],
    });
    // @ts-expect-error: Azure's output name on a GCP firewall
    prod.outputs.edge_network_security_group_id;
    new TerraformOutput(this, 'server_tags', { value: prod.outputs.server_network_tags });`,
    backend: 'gcs',
    provider: 'google',
  },
};

function mainTs(cloud, providerVersion) {
  const s = STACKS[cloud];
  // azurerm's `features` block is an object in the 3.x bindings (provider-azurerm 12), a list from 4.x on.
  const features = Number(providerVersion.split('.')[0]) >= 13 ? '[{}]' : '{}';
  return `import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
${s.imports}
import { SecureTransportFirewall } from 'st-firewall';
import config from './st-firewall.json';

class Network extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    ${s.body.replace('FEATURES', features)}
  }
}

const app = new App();
new Network(app, 'network');
app.synth();
`;
}

/** The subpath export, resolved the old way (typesVersions) and the new way (exports, node16). */
const SUBPATH_TS = `import { SecureTransportFirewall } from 'st-firewall/construct';
export type Firewall = SecureTransportFirewall;
`;

const TSCONFIG = {
  // As \`cdktf init --template=typescript\` writes it, plus resolveJsonModule for the config.
  compilerOptions: {
    alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true,
    lib: ['es2018'], module: 'CommonJS', noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true,
    noImplicitReturns: true, noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true,
    esModuleInterop: true, strict: true, strictNullChecks: true, strictPropertyInitialization: true, stripInternal: true,
    target: 'ES2018', incremental: false, skipLibCheck: true, types: [],
  },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'cdktf.out'],
};

function runCase(tarball, cache, scratch, { versions, cloud }) {
  const started = Date.now();
  const dir = path.join(scratch, `${versions}-${cloud}`);
  fs.mkdirSync(dir, { recursive: true });
  const provider = PROVIDERS[cloud];
  const want = {
    cdktf: pick('cdktf', pkg.peerDependencies.cdktf, versions),
    constructs: pick('constructs', pkg.peerDependencies.constructs, versions),
    [provider]: pick(provider, pkg.peerDependencies[provider], versions),
  };
  const label = `${versions}:${cloud} (${Object.entries(want).map(([n, v]) => `${n}@${v}`).join(' ')})`;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: { 'st-firewall': `file:${tarball}`, ...want } }, null, 2));
  const npmArgs = ['--no-audit', '--no-fund', '--prefer-offline', '--cache', cache, '--loglevel', 'error'];
  run('npm', ['install', ...npmArgs], { cwd: dir });
  const installed = Date.now();

  for (const name of ['cdktf', 'constructs', provider]) {
    const found = copies(dir, name);
    if (found.length !== 1 || found[0] !== want[name]) fail(`${label}: ${name}: expected one copy at ${want[name]}, found ${JSON.stringify(found)}`);
  }
  for (const other of Object.values(PROVIDERS).filter((p) => p !== provider)) {
    if (copies(dir, other).length > 0) fail(`${label}: ${other} was installed, but only ${provider} was asked for`);
  }

  fs.writeFileSync(path.join(dir, 'st-firewall.json'), JSON.stringify(CONFIG, null, 2));
  fs.writeFileSync(path.join(dir, 'main.ts'), mainTs(cloud, want[provider]));
  fs.writeFileSync(path.join(dir, 'subpath.ts'), SUBPATH_TS);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  const compile = (extra) => {
    const result = spawnSync(process.execPath, [tsc, '-p', dir, ...extra], { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) fail(`${label}: tsc ${extra.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  };
  compile([]);
  compile(['--noEmit', '--module', 'node16', '--moduleResolution', 'node16']);
  const compiled = Date.now();

  run(process.execPath, ['main.js'], { cwd: dir });
  const synthesized = Date.now();
  const doc = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'network', 'cdk.tf.json'), 'utf8'));
  const backends = Object.keys(doc.terraform.backend ?? {});
  if (backends.join() !== STACKS[cloud].backend) fail(`${label}: backend ${JSON.stringify(backends)}, expected ${STACKS[cloud].backend}`);
  if (Object.keys(doc.provider ?? {}).join() !== STACKS[cloud].provider) fail(`${label}: providers ${JSON.stringify(Object.keys(doc.provider ?? {}))}`);
  const addresses = Object.entries(doc.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
  const ours = (prefix) => addresses.filter((a) => a.split('.')[1].startsWith(`${prefix}_`)).sort();

  // The CLI of the installed package, for the same config and cloud: same resources, prefixed.
  const bin = path.join(dir, 'node_modules', '.bin', 'st-firewall');
  run(bin, ['synth', '--config', 'st-firewall.json', '--out', 'cli.out', '--cloud', cloud], { cwd: dir });
  const cliDoc = JSON.parse(fs.readFileSync(path.join(dir, 'cli.out', 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
  const cliAddresses = Object.entries(cliDoc.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
  const expected = cliAddresses.map((a) => a.replace('.', '.securetransport_')).sort();
  if (JSON.stringify(ours('securetransport')) !== JSON.stringify(expected)) fail(`${label}: construct addresses differ from the CLI stack's, prefixed:\n${ours('securetransport').slice(0, 5).join('\n')}\nvs\n${expected.slice(0, 5).join('\n')}`);
  if (ours('staging').length !== cliAddresses.length) fail(`${label}: the second construct has ${ours('staging').length} resources, expected ${cliAddresses.length}`);
  const hashed = addresses.filter((a) => /_[0-9A-F]{8}$/.test(a));
  if (hashed.length > 0) fail(`${label}: hashed addresses: ${hashed.slice(0, 3).join(', ')}`);
  const moved = JSON.parse(run(bin, ['moved', '--config', 'st-firewall.json', '--cloud', cloud, '--construct-id', 'securetransport', '--format', 'json'], { cwd: dir })).moved;
  if (JSON.stringify(moved.map((m) => m.from).sort()) !== JSON.stringify(cliAddresses) || JSON.stringify(moved.map((m) => m.to).sort()) !== JSON.stringify(expected)) {
    fail(`${label}: st-firewall moved does not map the CLI stack onto the construct`);
  }
  const byFrom = (blocks) => JSON.stringify([...(blocks ?? [])].map((m) => `${m.from} -> ${m.to}`).sort());
  if (byFrom(doc.moved) !== byFrom(moved)) fail(`${label}: moveFromCliStack() wrote other moved blocks than st-firewall moved prints`);

  // Another cloud, whose provider is not installed: a clear error from the construct and from the CLI.
  const otherCloud = Object.keys(PROVIDERS).find((c) => c !== cloud);
  const missing = PROVIDERS[otherCloud];
  const construct = spawnSync(process.execPath, ['-e', `
    const { App, TerraformStack } = require('cdktf');
    const { SecureTransportFirewall, MissingPackageError } = require('st-firewall');
    try { new SecureTransportFirewall(new TerraformStack(new App(), 's'), 'fw', { cloud: '${otherCloud}', config: require('./st-firewall.json') }); process.exit(3); }
    catch (err) { console.error(err.message); process.exit(err instanceof MissingPackageError && err.packageName === '${missing}' ? 0 : 4); }`], { cwd: dir, encoding: 'utf8' });
  const range = pkg.peerDependencies[missing];
  if (construct.status !== 0 || !construct.stderr.includes(range)) fail(`${label}: construct for ${otherCloud}: exit ${construct.status}: ${construct.stderr}`);
  const cli = spawnSync(bin, ['synth', '--config', 'st-firewall.json', '--out', 'other.out', '--cloud', otherCloud], { cwd: dir, encoding: 'utf8' });
  if (cli.status !== 2 || !cli.stderr.includes(missing) || !cli.stderr.includes(range) || fs.existsSync(path.join(dir, 'other.out'))) {
    fail(`${label}: st-firewall synth --cloud ${otherCloud}: exit ${cli.status}: ${cli.stderr}`);
  }

  // The module writer's formatter is an optional peer the consumer did not install.
  const moduleCli = spawnSync(bin, ['module', '--out', 'modules.out', '--cloud', cloud], { cwd: dir, encoding: 'utf8' });
  if (moduleCli.status !== 2 || !moduleCli.stderr.includes('@cdktf/hcl-tools') || fs.existsSync(path.join(dir, 'modules.out'))) {
    fail(`${label}: st-firewall module without @cdktf/hcl-tools: exit ${moduleCli.status}: ${moduleCli.stderr}`);
  }

  const seconds = (a, b) => ((b - a) / 1000).toFixed(1);
  console.log(`consumer ${label}: ok, ${addresses.length} resources; install ${seconds(started, installed)} s, tsc ${seconds(installed, compiled)} s, synth ${seconds(compiled, synthesized)} s, checks ${seconds(synthesized, Date.now())} s`);
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}

function main() {
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'st-firewall-consumer-'));
  const cache = process.env.npm_config_cache || path.join(os.homedir(), '.npm');
  try {
    let tarball = arg('tarball');
    if (!tarball) {
      const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] }));
      tarball = path.join(scratch, packed[0].filename);
    }
    tarball = path.resolve(tarball);
    for (const c of cases) runCase(tarball, cache, scratch, c);
    console.log(`consumer test: ${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    if (!keep) fs.rmSync(scratch, { recursive: true, force: true });
    else console.log(`kept ${scratch}`);
  }
}

try {
  main();
} catch (err) {
  console.error(`consumer test: ${err.message}`);
  process.exit(1);
}
