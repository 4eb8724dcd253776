/**
 * Where the time goes: runs one synth under `node --cpu-prof`, for st-firewall and for the
 * floor app (bench/minimal-app.ts, deep imports) on the same resources, and prints self time
 * by package and the top functions by self time. Not part of `npm run bench`.
 *
 *   node dist/bench/profile.js [--config FILE] [--cloud aws,azure,gcp] [--top 15]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { specFor } from './baselines';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const repo = resolve(__dirname, '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** node_modules/@scope/name or node_modules/name; else the repo-relative folder; else node's own. */
function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1];
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith(repo) ? relative(repo, path).split('/').slice(0, 2).join('/') : url;
}

function location(url: string, line: number): string {
  const path = url.replace(/^file:\/\//, '');
  const shown = path.includes('node_modules/') ? path.slice(path.lastIndexOf('node_modules/') + 13) : path.startsWith(repo) ? relative(repo, path) : path;
  return shown ? `${shown}:${line + 1}` : '';
}

function summarize(title: string, file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const who = owner(url, functionName);
    byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
    const key = `${functionName || '(anonymous)'} | ${location(url, lineNumber)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  const ms = (micros: number) => (micros / 1000).toFixed(1);
  const pct = (micros: number) => `${((100 * micros) / total).toFixed(1)}%`;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `### ${title}: ${ms(total)} ms sampled`,
    '',
    '| Self time by package | ms | share |',
    '|---|--:|--:|',
    ...sorted(byOwner).map(([who, micros]) => `| ${who} | ${ms(micros)} | ${pct(micros)} |`),
    '',
    '| Function (self time) | Where | ms | share |',
    '|---|---|--:|--:|',
    ...sorted(byFunction).map(([key, micros]) => {
      const [name, where] = key.split(' | ');
      return `| ${name} | ${where} | ${ms(micros)} | ${pct(micros)} |`;
    }),
    '',
  ].join('\n');
}

function profiled(dir: string, args: readonly string[]): string {
  const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${args.join(' ')}: exit ${child.status}: ${child.stderr}`);
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  return join(dir, file);
}

function main(): void {
  const config = resolve(arg('config', join(repo, 'examples', 'st-prod.json')));
  const clouds = arg('cloud', 'aws,azure,gcp');
  const top = Number(arg('top', '15'));
  const scratch = mkdtempSync(join(tmpdir(), 'st-firewall-profile-'));
  try {
    const out = join(scratch, 'st-out');
    const stProfile = profiled(join(scratch, 'st'), [join(repo, 'dist', 'src', 'cli.js'), 'synth', '--config', config, '--out', out, '--cloud', clouds]);
    const specFile = join(scratch, 'spec.json');
    writeFileSync(specFile, JSON.stringify(specFor(out, clouds.split(','))));
    const floorProfile = profiled(join(scratch, 'floor'), [join(__dirname, 'minimal-app.js'), '--spec', specFile, '--out', join(scratch, 'floor-out'), '--imports', 'deep']);
    process.stdout.write(`${summarize(`st-firewall synth (${clouds})`, stProfile, top)}\n${summarize(`floor app (${clouds})`, floorProfile, top)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
