/**
 * `npm run bench`: st-firewall synth wall time and peak RSS per workload and cloud, next to two
 * baselines measured in the same run on the same resources (bench/minimal-app.ts), then verify
 * (the exhaustive comparison, src/analysis/) against synth of the same config, 10 to 4,000 hosts:
 *   floor        a minimal CDKTF app, provider classes imported deep (lib/<resource>)
 *   root import  the same app importing provider classes from the package root
 * Every measurement is a fresh `node` child process; the median of N runs is reported.
 *
 *   node dist/bench/run.js [--runs N] [--root-runs N] [--scales 10,100,1000] [--extra 500]
 *                          [--verify-scales 10,100,1000,4000] [--keep]
 *
 * Prints a Markdown table and writes it to bench/results.md. Not part of `npm test`.
 */
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { specFor, readTfJson, resourceCounts, sameResources } from './baselines';
import { VerifyWorkload, writeVerifyWorkloads, writeWorkloads, Workload } from './configs';
import { Runner, Sample, stats, Stats } from './measure';

const CLOUD_SETS: readonly (readonly string[])[] = [['aws'], ['azure'], ['gcp'], ['aws', 'azure', 'gcp']];

interface Options {
  readonly runs: number;
  readonly rootRuns: number;
  readonly scales: number[];
  readonly extra: number;
  readonly keep: boolean;
  /** Hosts per group of the verify workloads. */
  readonly verifyScales: number[];
  /** A workload whose first st-firewall run takes longer than this (seconds) gets at most 3 runs. */
  readonly slow: number;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min = 1): number => {
    const text = value(name);
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected an integer >= ${min} (got "${text}")`);
    return n;
  };
  const runs = int('runs', 5);
  const scales = (value('scales') ?? '10,100,1000').split(',').map(Number);
  const verifyScales = (value('verify-scales') ?? '10,100,1000,4000').split(',').map(Number);
  if ([...scales, ...verifyScales].some((n) => !Number.isInteger(n) || n < 1 || n > 4000)) throw new Error('--scales, --verify-scales: hosts per group, 1-4000 each');
  // Root imports cost 1-5 s a run whatever the workload: 2 runs keep the default bench near 3 minutes.
  return { runs, rootRuns: int('root-runs', Math.min(runs, 2), 0), scales, extra: int('extra', 500, 0), keep: argv.includes('--keep'), verifyScales, slow: 2 };
}

interface Measured {
  readonly seconds: Stats;
  readonly peakMb: Stats;
  readonly runs: number;
}

interface Row {
  readonly workload: string;
  readonly clouds: string;
  readonly resources?: number;
  readonly st?: Measured;
  readonly floor?: Measured;
  readonly root?: Measured;
  readonly failure?: string;
  readonly notes: string[];
}

const summarize = (samples: readonly Sample[]): Measured | undefined =>
  samples.length === 0
    ? undefined
    : { seconds: stats(samples.map((s) => s.seconds)), peakMb: stats(samples.map((s) => s.peakMb)), runs: samples.length };

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const dist = resolve(__dirname, '..'); // dist/
  const repo = resolve(dist, '..');
  const scratch = mkdtempSync(join(tmpdir(), 'st-firewall-bench-'));
  const runner = new Runner(scratch, join(__dirname, 'rss-hook.js'));
  const cli = join(dist, 'cli', 'main.js');
  const synthPlan = join(__dirname, 'synth-plan.js');
  const minimalApp = join(__dirname, 'minimal-app.js');
  const clean = (text: string) => text.split(scratch).join('<tmp>').split(repo).join('.');
  const log = (text: string) => process.stderr.write(`${text}\n`);

  const workloads = writeWorkloads(scratch, join(repo, 'examples', 'st-prod.json'), options.scales, options.extra);
  const started = Date.now();
  log(`bench: ${workloads.length} workloads x ${CLOUD_SETS.length} cloud sets, ${options.runs} runs (root imports: ${options.rootRuns}), scratch ${scratch}`);

  // Warm the page cache (providers are hundreds of MB of JavaScript) before anything is timed.
  const warm = join(scratch, 'warm');
  runner.run([cli, 'synth', '--config', workloads[0].configFile, '--out', warm], scratch);

  const rows: Row[] = [];
  const verifyRows: VerifyRow[] = [];
  try {
    for (const workload of workloads) {
      const failedClouds = new Set<string>();
      for (const set of CLOUD_SETS) {
        const row = measure(workload, set, set.join('+'));
        rows.push(row);
        if (row.failure && set.length === 1) failedClouds.add(set[0]);
        if (row.failure && set.length > 1 && failedClouds.size > 0) {
          // A cloud refused the workload (e.g. AWS's rules-per-group quota): still measure the others.
          const rest = set.filter((cloud) => !failedClouds.has(cloud));
          if (rest.length > 0) rows.push(measure(workload, rest, `${rest.join('+')} (${[...failedClouds].join('+')} refused)`));
        }
      }
    }
    verifyRows.push(...measureVerify(writeVerifyWorkloads(scratch, join(repo, 'examples', 'st-prod.json'), options.verifyScales)));
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }

  const markdown = render(rows, options, runner.method, workloads) + renderVerify(verifyRows, options);
  process.stdout.write(markdown);
  writeFileSync(join(repo, 'bench', 'results.md'), markdown);
  log(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote bench/results.md${options.keep ? `; kept ${scratch}` : ''}`);

  /** synth, then verify of its output (--stacks), the same clouds, fresh processes, alternating. */
  function measureVerify(list: readonly VerifyWorkload[]): VerifyRow[] {
    return list.map((workload, index) => {
      const out = join(scratch, `verify-${index}`);
      const clouds = workload.clouds.join(',');
      const synth: Sample[] = [];
      const verify: Sample[] = [];
      let runs = options.runs;
      for (let i = 0; i < runs; i++) {
        rmSync(out, { recursive: true, force: true });
        const s = runner.run([cli, 'synth', '--config', workload.configFile, '--out', out, '--cloud', clouds], scratch);
        if (!s.ok) return { workload, failure: `synth failed (exit ${s.exitCode}): ${clean(s.message ?? '')}` };
        const v = runner.run([cli, 'verify', '--config', workload.configFile, '--stacks', out, '--cloud', clouds], scratch);
        if (!v.ok) return { workload, failure: `verify failed (exit ${v.exitCode}): ${clean(v.message ?? '')}` };
        synth.push(s);
        verify.push(v);
        if (i === 0 && s.seconds + v.seconds > options.slow && runs > 3) runs = 3;
      }
      const row: VerifyRow = { workload, synth: summarize(synth), verify: summarize(verify) };
      log(`  verify ${workload.name} / ${clouds}: synth ${fmt(row.synth?.seconds.median)} s, verify ${fmt(row.verify?.seconds.median)} s`);
      return row;
    });
  }

  function measure(workload: Workload, clouds: readonly string[], label: string): Row {
    const tag = `${workloads.indexOf(workload)}-${clouds.join('-')}`;
    const stOut = join(scratch, `st-${tag}`);
    const floorOut = join(scratch, `floor-${tag}`);
    const rootOut = join(scratch, `root-${tag}`);
    const specFile = join(scratch, `spec-${tag}.json`);
    const stArgs = [
      ...(workload.extraRules > 0 ? [synthPlan, '--extra', String(workload.extraRules)] : [cli, 'synth']),
      ...['--config', workload.configFile, '--out', stOut, '--cloud', clouds.join(',')],
    ];
    const appArgs = (out: string, imports: string) => [minimalApp, '--spec', specFile, '--out', out, '--imports', imports];
    const notes: string[] = [];
    const st: Sample[] = [];
    const floor: Sample[] = [];
    const root: Sample[] = [];
    let resources: number | undefined;
    let runs = options.runs;
    let rootRuns = options.rootRuns;
    const fail = (what: string, sample: Sample): Row => {
      const failure = `${what} failed (exit ${sample.exitCode}): ${clean(sample.message ?? '')}`;
      log(`  ${workload.name} / ${label}: ${failure.slice(0, 160)}...`);
      return { workload: workload.name, clouds: label, resources, failure, notes };
    };

    for (let i = 0; i < runs; i++) {
      rmSync(stOut, { recursive: true, force: true });
      const sample = runner.run(stArgs, scratch);
      if (!sample.ok) return fail('st-firewall', sample);
      st.push(sample);
      if (i === 0) {
        const docs = clouds.map((cloud) => readTfJson(join(stOut, 'stacks', cloud, 'cdk.tf.json')));
        resources = docs.reduce((sum, doc) => sum + Object.values(resourceCounts(doc)).reduce((a, b) => a + b, 0), 0);
        writeFileSync(specFile, JSON.stringify(specFor(stOut, clouds)));
        if (sample.seconds > options.slow && runs > 3) {
          runs = 3;
          rootRuns = Math.min(rootRuns, 2);
          notes.push(`slow: ${runs} runs`);
        }
      }
      for (const [samples, out, imports, count] of [[floor, floorOut, 'deep', runs], [root, rootOut, 'root', rootRuns]] as const) {
        if (i >= count) continue;
        rmSync(out, { recursive: true, force: true });
        const baseline = runner.run(appArgs(out, imports), scratch);
        if (!baseline.ok) return fail(`${imports === 'deep' ? 'floor' : 'root-import'} baseline`, baseline);
        samples.push(baseline);
        if (i === 0) {
          // The baseline must emit what st-firewall emitted, or the ratio compares different work.
          const differs = clouds.filter((cloud) => !sameResources(readTfJson(join(stOut, 'stacks', cloud, 'cdk.tf.json')), readTfJson(join(out, 'stacks', cloud, 'cdk.tf.json'))));
          if (differs.length > 0) notes.push(`${imports} baseline output differs (${differs.join(',')})`);
        }
      }
    }
    const row: Row = { workload: workload.name, clouds: label, resources, st: summarize(st), floor: summarize(floor), root: summarize(root), notes };
    log(`  ${workload.name} / ${label}: ${resources} resources, st ${fmt(row.st?.seconds.median)} s, floor ${fmt(row.floor?.seconds.median)} s, root ${fmt(row.root?.seconds.median)} s`);
    return row;
  }
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const time = (m?: Measured) => (m ? `${fmt(m.seconds.median)} (${fmt(m.seconds.min)}–${fmt(m.seconds.max)})` : '—');
const mb = (m?: Measured) => (m ? fmt(m.peakMb.median, 0) : '—');
const ratio = (a?: Measured, b?: Measured) => (a && b ? `${fmt(a.seconds.median / b.seconds.median)} / ${fmt(a.peakMb.median / b.peakMb.median)}` : '—');

/** How st-firewall and the baselines grow from one workload to a bigger one, same clouds. */
function growth(small: Row | undefined, large: Row | undefined, smallW: Workload, largeW: Workload): string | undefined {
  if (!small?.st || !large?.st || small.resources === undefined || large.resources === undefined || small === large) return undefined;
  const added = large.resources - small.resources;
  // The example's groups differ in size (2/2/1): per host only between generated workloads.
  const hosts = smallW.hosts !== undefined && largeW.hosts !== undefined ? largeW.hosts - smallW.hosts : 0;
  // Same resources, longer address lists (Azure, GCP): per added host per group instead.
  const [per, unit] = added > 0 ? [added, 'resource'] : hosts > 0 ? [hosts, 'host per group'] : [0, ''];
  if (per === 0) return undefined;
  const step = (pick: (row: Row) => Measured | undefined) => {
    const a = pick(small);
    const b = pick(large);
    if (!a || !b) return '—';
    return `${fmt(a.seconds.median)} → ${fmt(b.seconds.median)} s (${fmt(((b.seconds.median - a.seconds.median) * 1000) / per, 3)} ms and ${fmt(((b.peakMb.median - a.peakMb.median) * 1024) / per, 1)} KB per ${unit})`;
  };
  return `- **${large.clouds}**, ${small.workload} → ${large.workload} (${small.resources} → ${large.resources} resources): st-firewall ${step((r) => r.st)}; floor ${step((r) => r.floor)}; root import ${step((r) => r.root)}.`;
}

function render(rows: readonly Row[], options: Options, method: string, workloads: readonly Workload[]): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const failures = [...new Set(rows.flatMap((row) => (row.failure ? [row.failure] : [])))];
  const lines = [
    '# st-firewall synth benchmark',
    '',
    `Machine: ${cpus().length} CPUs (${cpu}), ${fmt(totalmem() / 2 ** 30, 0)} GB RAM, node ${process.version}, ${process.platform}/${process.arch}.`,
    `Times in seconds: median of ${options.runs} fresh \`node\` processes (min–max); at most 3 runs when one takes over ${options.slow} s; root imports: ${options.rootRuns} runs (at most 2 when slow). Peak RSS in MB (median), via ${method}. Ratios: time / peak memory.`,
    '',
    '- **st-firewall**: `node dist/cli/main.js synth --config FILE --out DIR --cloud LIST`; the extra-rules workload runs `dist/bench/synth-plan.js` (catalog + synthetic rules through `stacks/app.ts` `synthApp`).',
    "- **floor**: a minimal CDKTF app (`bench/minimal-app.ts`) that builds the same providers and resources, attribute for attribute, read back from st-firewall's `cdk.tf.json`, with deep imports (`@cdktf/provider-aws/lib/vpc-security-group-ingress-rule`), then `app.synth()`.",
    "- **root import**: the same app, provider classes taken from the package root (`require('@cdktf/provider-aws').vpcSecurityGroupIngressRule`).",
    '',
    '| Workload | Clouds | Resources | st-firewall s | MB | floor s | MB | st/floor | root import s | MB | st/root | Notes |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const row of rows) {
    if (row.failure) {
      const cell = `${row.failure.split(':')[0]}, see [${failures.indexOf(row.failure) + 1}]`;
      lines.push(`| ${row.workload} | ${row.clouds} | — | ${cell} | | | | | | | | ${row.notes.join('; ')} |`);
      continue;
    }
    lines.push(
      `| ${row.workload} | ${row.clouds} | ${row.resources} | ${time(row.st)} | ${mb(row.st)} | ${time(row.floor)} | ${mb(row.floor)} | ${ratio(row.st, row.floor)} | ${time(row.root)} | ${mb(row.root)} | ${ratio(row.st, row.root)} | ${row.notes.join('; ')} |`,
    );
  }
  if (failures.length > 0) {
    lines.push('', '## Refusals', '', ...failures.map((failure, i) => `${i + 1}. ${failure.replace(/ \/ /g, '\n   ')}`));
  }
  const find = (workload: Workload | undefined, clouds: string) => rows.find((row) => row.workload === workload?.name && row.clouds === clouds && !row.failure);
  const scaled = workloads.filter((w) => w.kind === 'scaled');
  const example = workloads[0];
  const pairs: [Workload, Workload][] = [
    ...(scaled.length > 1 ? [[scaled[0], scaled[scaled.length - 1]] as [Workload, Workload]] : []),
    ...workloads.filter((w) => w.kind === 'aws-max-quota' || w.kind === 'extra-rules').map((w): [Workload, Workload] => [example, w]),
  ];
  const growthLines = pairs.flatMap(([small, large]) =>
    [...new Set(rows.map((row) => row.clouds))].flatMap((clouds) => growth(find(small, clouds), find(large, clouds), small, large) ?? []),
  );
  if (growthLines.length > 0) {
    lines.push('', '## Growth', '', 'Marginal cost between two workloads on the same clouds (medians; differences of small times are noisy).', '', ...growthLines);
  }
  return `${lines.join('\n')}\n`;
}

interface VerifyRow {
  readonly workload: VerifyWorkload;
  readonly synth?: Measured;
  readonly verify?: Measured;
  readonly failure?: string;
}

function renderVerify(rows: readonly VerifyRow[], options: Options): string {
  const lines = [
    '',
    '# verify: every packet, against synth of the same config',
    '',
    `\`node dist/cli/main.js verify --config FILE --stacks DIR --cloud LIST\` on the output of \`synth\` of the same config and clouds, each a fresh process, alternating; median of ${options.runs} runs (at most 3 when synth and verify together take over ${options.slow} s). verify reads the Terraform JSON, builds the model and compares the whole header space (src/analysis/).`,
    '',
    '| Workload | Clouds | synth s | MB | verify s | MB | verify/synth (time) |',
    '|---|---|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const clouds = row.workload.clouds.join('+');
    if (row.failure) lines.push(`| ${row.workload.name} | ${clouds} | ${row.failure} | | | | |`);
    else lines.push(`| ${row.workload.name} | ${clouds} | ${time(row.synth)} | ${mb(row.synth)} | ${time(row.verify)} | ${mb(row.verify)} | ${row.synth && row.verify ? fmt(row.verify.seconds.median / row.synth.seconds.median) : '—'} |`);
  }
  const scaled = rows.filter((row) => row.workload.hosts !== undefined && row.verify);
  if (scaled.length > 1) {
    lines.push('', '## verify growth', '', 'verify time and peak memory as the hosts per group grow (Azure and GCP; every rule names every host of its groups).', '');
    for (let i = 1; i < scaled.length; i++) {
      const [a, b] = [scaled[i - 1], scaled[i]];
      const hosts = (b.workload.hosts as number) - (a.workload.hosts as number);
      const dt = (b.verify!.seconds.median - a.verify!.seconds.median) * 1000;
      const dm = (b.verify!.peakMb.median - a.verify!.peakMb.median) * 1024;
      lines.push(`- ${a.workload.hosts} → ${b.workload.hosts} hosts/group: verify ${fmt(a.verify!.seconds.median)} → ${fmt(b.verify!.seconds.median)} s, ${fmt(a.verify!.peakMb.median, 0)} → ${fmt(b.verify!.peakMb.median, 0)} MB (${fmt(dt / hosts, 3)} ms and ${fmt(dm / hosts, 1)} KB per added host per group); synth ${fmt(a.synth!.seconds.median)} → ${fmt(b.synth!.seconds.median)} s.`);
    }
  }
  return `${lines.join('\n')}\n`;
}

main();
