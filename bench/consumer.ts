/**
 * The package as a CDKTF project installs it (`npm run bench` calls this after its workloads;
 * `node dist/bench/consumer.js [--runs N]` runs it alone):
 *   - installed size of an AWS-only consumer (tarball + cdktf + constructs + @cdktf/provider-aws)
 *     next to an all-clouds one (the three providers), per package;
 *   - synth time and peak RSS of a consumer app that adds the construct to its own stack (AWS,
 *     the example config), against the bare CDKTF app building the same resources (bench/minimal-app.ts,
 *     copied into the consumer so it resolves the consumer's packages), in fresh processes.
 * Installs use the npm registry (and npm's cache); the versions are the repo's own devDependencies.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readTfJson, resourceCounts, sameResources, specFor } from './baselines';
import { Runner, Sample, stats } from './measure';

const PROVIDERS = ['@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google'] as const;

/** Apparent size in bytes of every file under dir (symlinks not followed). */
function sizeOf(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    total += stat.isDirectory() ? sizeOf(path) : stat.size;
  }
  return total;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);

interface Consumer {
  readonly label: string;
  readonly dir: string;
  readonly total: number;
  readonly byPackage: Record<string, number>;
}

function install(root: string, name: string, tarball: string, providers: readonly string[], repoPkg: { devDependencies: Record<string, string> }): Consumer {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const pin = (pkg: string) => [pkg, repoPkg.devDependencies[pkg]];
  const dependencies = Object.fromEntries([['st-firewall', `file:${tarball}`], pin('cdktf'), pin('constructs'), ...providers.map(pin)]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `bench-${name}`, version: '1.0.0', private: true, dependencies }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const modules = join(dir, 'node_modules');
  const byPackage = Object.fromEntries(['st-firewall', 'cdktf', 'constructs', ...PROVIDERS].map((pkg) => [pkg, sizeOf(join(modules, pkg))]));
  return { label: providers.length === 1 ? 'AWS only' : 'all three clouds', dir, total: sizeOf(modules), byPackage };
}

/** The consumer's app: its own stack and provider, the construct, synth. `from` is 'st-firewall' or 'st-firewall/construct'. */
const consumerApp = (from: string, configFile: string) => `'use strict';
const { App, TerraformStack } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { SecureTransportFirewall } = require('${from}');
const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'network');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
new SecureTransportFirewall(stack, 'securetransport', { cloud: 'aws', config: require(${JSON.stringify(configFile)}) });
app.synth();
`;

export interface ConsumerBench {
  readonly markdown: string;
}

export function benchConsumer(options: { runs: number; repo: string; dist: string; runner: Runner; log: (text: string) => void }): ConsumerBench {
  const { runs, repo, dist, runner, log } = options;
  const repoPkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const scratch = mkdtempSync(join(tmpdir(), 'st-firewall-consumer-bench-'));
  try {
    const started = Date.now();
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const tarball = join(scratch, packed[0].filename);
    const awsOnly = install(scratch, 'aws', tarball, ['@cdktf/provider-aws'], repoPkg);
    const all = install(scratch, 'all', tarball, PROVIDERS, repoPkg);
    log(`bench consumer: installed in ${((Date.now() - started) / 1000).toFixed(0)} s: AWS only ${mb(awsOnly.total)} MB, all clouds ${mb(all.total)} MB`);

    // Synth in the AWS-only consumer: the construct (root export and subpath) against the bare app.
    const dir = awsOnly.dir;
    const configFile = join(repo, 'examples', 'st-prod.json');
    writeFileSync(join(dir, 'root.js'), consumerApp('st-firewall', configFile));
    writeFileSync(join(dir, 'subpath.js'), consumerApp('st-firewall/construct', configFile));
    copyFileSync(join(dist, 'bench', 'minimal-app.js'), join(dir, 'minimal-app.js'));
    const out = (name: string) => join(scratch, `out-${name}`);
    const once = (args: string[], name: string): Sample => {
      rmSync(out(name), { recursive: true, force: true });
      const sample = runner.run(args, dir);
      if (!sample.ok) throw new Error(`bench consumer: ${args[0]} failed: ${sample.message}`);
      return sample;
    };
    once(['root.js', out('root')], 'root'); // warm the page cache, and the spec's source
    const specFile = join(scratch, 'spec.json');
    writeFileSync(specFile, JSON.stringify(specFor(out('root'), ['network'])));
    const resources = Object.values(resourceCounts(readTfJson(join(out('root'), 'stacks', 'network', 'cdk.tf.json')))).reduce((a, b) => a + b, 0);
    const variants = [
      { name: 'root', label: "construct, `require('st-firewall')`", args: ['root.js', out('root')] },
      { name: 'subpath', label: "construct, `require('st-firewall/construct')`", args: ['subpath.js', out('subpath')] },
      { name: 'bare', label: 'bare CDKTF app, same resources (deep imports)', args: ['minimal-app.js', '--spec', specFile, '--out', out('bare'), '--imports', 'deep'] },
    ];
    const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
    for (let i = 0; i < runs; i++) for (const v of variants) samples.get(v.name)!.push(once(v.args, v.name));
    const same = sameResources(readTfJson(join(out('root'), 'stacks', 'network', 'cdk.tf.json')), readTfJson(join(out('bare'), 'stacks', 'network', 'cdk.tf.json')));
    const median = (name: string, pick: (s: Sample) => number) => stats(samples.get(name)!.map(pick)).median;
    const bare = { s: median('bare', (s) => s.seconds), mb: median('bare', (s) => s.peakMb) };

    const packages = ['st-firewall', 'cdktf', 'constructs', ...PROVIDERS];
    const lines = [
      '',
      '## The package in a CDKTF project',
      '',
      `\`npm pack\`, then \`npm install\` of the tarball with \`cdktf@${repoPkg.devDependencies.cdktf}\`, \`constructs@${repoPkg.devDependencies.constructs}\` and the providers (bench/consumer.ts). Apparent size of \`node_modules\`, MB:`,
      '',
      `| consumer | node_modules | ${packages.map((p) => `\`${p.replace('@cdktf/', '')}\``).join(' | ')} |`,
      `|---|--:|${packages.map(() => '--:').join('|')}|`,
      ...[awsOnly, all].map((c) => `| ${c.label} | ${mb(c.total)} | ${packages.map((p) => (c.byPackage[p] ? mb(c.byPackage[p]) : '—')).join(' | ')} |`),
      '',
      `Synth in the AWS-only consumer: its own stack and provider plus the construct with the example config (${resources} resources), in fresh \`node\` processes, median of ${runs}${same ? '' : ' (**the bare app\'s output differs**)'}:`,
      '',
      '| app | s | peak MB | vs bare (time / memory) |',
      '|---|--:|--:|--:|',
      ...variants.map((v) => {
        const s = median(v.name, (x) => x.seconds);
        const m = median(v.name, (x) => x.peakMb);
        return `| ${v.label} | ${s.toFixed(2)} | ${m.toFixed(0)} | ${v.name === 'bare' ? '1.00 / 1.00' : `${(s / bare.s).toFixed(2)} / ${(m / bare.mb).toFixed(2)}`} |`;
      }),
    ];
    log(`bench consumer: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return { markdown: `${lines.join('\n')}\n` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 5;
  const dist = resolve(__dirname, '..');
  const scratch = mkdtempSync(join(tmpdir(), 'st-firewall-rss-'));
  try {
    const result = benchConsumer({ runs, repo: resolve(dist, '..'), dist, runner: new Runner(scratch, join(__dirname, 'rss-hook.js')), log: (text) => process.stderr.write(`${text}\n`) });
    process.stdout.write(result.markdown);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
