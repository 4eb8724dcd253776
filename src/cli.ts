#!/usr/bin/env node
/**
 * st-firewall: the command line. Verbs and flags are a contract (scripts outside the repo call
 * them): add, never rename. Exit codes: 0 done, 2 bad config or arguments, 1 anything else.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { CLOUDS, Cloud, isCloud } from './clouds';
import { ConfigError, loadConfigFile } from './config/load';
import { plan } from './plan/plan';
import { writeDirAtomically } from './output/atomic-dir';

export const EXIT_CONFIG = 2;

function parseClouds(value: string): Cloud[] {
  const clouds = value.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = clouds.filter((cloud) => !isCloud(cloud));
  if (clouds.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${CLOUDS.join(', ')} (got "${value}")`);
  }
  return CLOUDS.filter((cloud) => clouds.includes(cloud));
}

export function program(): Command {
  const cli = new Command('st-firewall')
    .description('Firewall rules for Axway SecureTransport, generated for AWS, Azure and GCP')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  cli
    .command('synth')
    .description('synthesize one CDKTF stack per cloud into DIR/stacks/<cloud>/cdk.tf.json')
    .requiredOption('--config <file>', 'config file (JSON, or YAML by extension)')
    .requiredOption('--out <dir>', 'output directory (replaced whole, only once synthesis succeeded)')
    .option('--cloud <list>', `comma-separated subset of ${CLOUDS.join(',')}`, parseClouds, [...CLOUDS])
    .action((options: { config: string; out: string; cloud: Cloud[] }) => {
      const firewallPlan = plan(loadConfigFile(options.config));
      // CDKTF loads only here, so config checks and --help stay fast.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { synthApp } = require('../stacks/app') as typeof import('../stacks/app');
      const result = writeDirAtomically(options.out, (dir) => synthApp(firewallPlan, options.cloud, dir));
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      for (const stack of result.stacks) process.stdout.write(`${options.out}/stacks/${stack.cloud}/cdk.tf.json\n`);
    });
  return cli;
}

export function main(argv: string[]): number {
  try {
    program().parse(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_CONFIG;
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_CONFIG;
    }
    process.stderr.write(`st-firewall: ${(err as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
