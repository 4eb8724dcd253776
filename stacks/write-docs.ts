/**
 * Generates docs/rules.md: the example config, planned with icmp "native", synthesized for all
 * three clouds, explained from the resulting cdk.tf.json. It lives in stacks/ because it needs
 * CDKTF to synthesize; src/explain reads the JSON only. test/explain.test.ts fails when the
 * committed file and rulesDoc() differ.
 *
 * Run: npm run build && node dist/stacks/write-docs.js
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLOUDS, Cloud } from '../src/clouds';
import { loadConfigFile } from '../src/config/load';
import { explain, renderMarkdown, TfJson } from '../src/explain/explain';
import { plan } from '../src/plan/plan';
import { synthApp } from './app';

export const EXAMPLE_CONFIG = 'examples/st-prod.json';
export const RULES_DOC = 'docs/rules.md';
export const REGENERATE = 'npm run docs';

/** The repository root: the nearest package.json above this file (stacks/ under ts-jest, dist/stacks/ when built). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function rulesDoc(): string {
  // Pinned, whatever the example says: the document describes the recommended mode.
  const firewallPlan = plan({ ...loadConfigFile(join(repoRoot(), EXAMPLE_CONFIG)), icmp: 'native' });
  const dir = mkdtempSync(join(tmpdir(), 'st-rules-doc-'));
  try {
    synthApp(firewallPlan, CLOUDS, dir);
    const stacks = {} as Record<Cloud, TfJson>;
    for (const cloud of CLOUDS) stacks[cloud] = JSON.parse(readFileSync(join(dir, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
    return renderMarkdown(explain(firewallPlan, stacks), { regenerate: REGENERATE });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const target = join(repoRoot(), RULES_DOC);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, rulesDoc());
  process.stdout.write(`${RULES_DOC}\n`);
}
