/**
 * Writes the scanners' skip files for synthesized stacks (src/scanners/skip-files.ts):
 * scanners/checkov.baseline and scanners/trivy-ignore.rego for the example config, committed and
 * kept in sync by test/scanner-skips.test.ts, or for your own stacks:
 *
 *   npx st-firewall synth --config my.json --out cdktf.out
 *   node dist/stacks/write-scanner-skips.js --stacks cdktf.out --out scanners
 *
 * It replaces only files it wrote itself (they start with the generated mark).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOUDS, Cloud } from '../src/clouds';
import { loadConfigFile } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { CHECKOV_BASELINE, checkovBaseline, GENERATED_MARK, StackJson, TRIVY_POLICY, trivyIgnorePolicy } from '../src/scanners/skip-files';
import { readStacks } from '../src/sources/stacks-dir';
import { synthApp } from './app';
import { EXAMPLE_CONFIG, repoRoot } from './write-docs';

export const SCANNERS_DIR = 'scanners';

export function skipFiles(stacks: Partial<Record<Cloud, StackJson>>): Record<string, string> {
  return { [CHECKOV_BASELINE]: checkovBaseline(stacks), [TRIVY_POLICY]: trivyIgnorePolicy(stacks) };
}

/** The skip files for the example config's three stacks (what scanners/ holds). */
export function exampleSkipFiles(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'st-scanner-skips-'));
  try {
    synthApp(plan(loadConfigFile(join(repoRoot(), EXAMPLE_CONFIG))), CLOUDS, dir);
    return skipFiles(readStacks(dir, CLOUDS));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the files into dir; refuses (before writing any) to replace a file it did not write. */
export function writeSkipFiles(dir: string, files: Record<string, string>): void {
  for (const name of Object.keys(files)) {
    const target = join(dir, name);
    if (existsSync(target) && !readFileSync(target, 'utf8').includes(GENERATED_MARK)) {
      throw new Error(`${target}: exists and was not written by st-firewall; not replacing it`);
    }
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    const stacksDir = flag('--stacks');
    const out = flag('--out') ?? join(repoRoot(), SCANNERS_DIR);
    writeSkipFiles(out, stacksDir ? skipFiles(readStacks(stacksDir, CLOUDS)) : exampleSkipFiles());
    process.stdout.write(`${join(out, CHECKOV_BASELINE)}\n${join(out, TRIVY_POLICY)}\n`);
  } catch (err) {
    process.stderr.write(`st-firewall: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
