/**
 * Child process for the "many extra rules" workload: the catalog is fixed, so this plans the
 * catalog plus synthetic rules and synthesizes through stacks/app.ts, as `st-firewall synth`
 * would (same loading, same atomic output directory, same exit codes).
 *
 *   node dist/bench/synth-plan.js --config FILE --out DIR --extra N [--cloud aws,azure,gcp]
 */
import { catalogRules } from '../src/catalog/securetransport';
import { Cloud, CLOUDS, isCloud } from '../src/clouds';
import { ConfigError, loadConfigFile } from '../src/config/load';
import { writeDirAtomically } from '../cli/atomic-dir';
import { plan } from '../src/plan/plan';
import { extraRules } from './configs';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) throw new ConfigError([{ path: '', message: `--${name} is required` }], 'synth-plan');
  return value;
}

function main(): number {
  try {
    const clouds = arg('cloud', CLOUDS.join(',')).split(',');
    const unknown = clouds.filter((cloud) => !isCloud(cloud));
    if (unknown.length > 0) throw new ConfigError([{ path: '', message: `unknown cloud ${unknown.join(',')}` }], 'synth-plan');
    const config = loadConfigFile(arg('config'));
    const firewallPlan = plan(config, [...catalogRules(config.icmp), ...extraRules(Number(arg('extra')))]);
    // Loaded after planning, as the CLI does.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { synthApp } = require('../stacks/app') as typeof import('../stacks/app');
    const out = arg('out');
    const result = writeDirAtomically(out, (dir) => synthApp(firewallPlan, clouds as Cloud[], dir));
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    for (const stack of result.stacks) process.stdout.write(`${out}/stacks/${stack.cloud}/cdk.tf.json\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? '' : 'synth-plan: '}${(err as Error).message}\n`);
    return err instanceof ConfigError ? 2 : 1;
  }
}

process.exitCode = main();
