#!/usr/bin/env node
/**
 * st-firewall: the command line. Verbs and flags are a contract (scripts outside the repo call
 * them): add, never rename. Exit codes: 0 done, 1 failure (or verify found divergences),
 * 2 bad config or arguments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { CLOUDS, Cloud, isCloud } from '../src/clouds';
import { ConfigError, loadConfigFile } from '../src/config/load';
import { quotaIssues } from '../src/plan/quotas';
import { parseCidr } from '../src/net/cidr';
import { writeDirAtomically } from './atomic-dir';
import { FirewallPlan, plan } from '../src/plan/plan';
import { readStacks } from '../src/sources/stacks-dir';
import { TfJson } from '../src/sources/cdktf-json';
import { HOST_GROUPS, HostGroup } from '../src/spec/rule';

export const EXIT_FAILED = 1;
export const EXIT_CONFIG = 2;

function parseClouds(value: string): Cloud[] {
  const clouds = value.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = clouds.filter((cloud) => !isCloud(cloud));
  if (clouds.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${CLOUDS.join(', ')} (got "${value}")`);
  }
  return CLOUDS.filter((cloud) => clouds.includes(cloud));
}

function parseCidrs(value: string): string[] {
  return value.split(',').map((text) => {
    const parsed = parseCidr(text.trim());
    if (!parsed.ok) throw new InvalidArgumentError(`"${text}" ${parsed.reason}`);
    return parsed.cidr.text;
  });
}

function splitList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

function parseFormat(value: string): 'md' | 'json' {
  if (value !== 'md' && value !== 'json') throw new InvalidArgumentError(`expected md or json (got "${value}")`);
  return value;
}

/*
 * Modules a verb needs load inside that verb (require), so `synth` does not pay for verify and
 * explain, and a refused config is reported before CDKTF loads.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const lazy = {
  verify: () => require('../src/verify/verify') as typeof import('../src/verify/verify'),
  explain: () => require('../src/explain/explain') as typeof import('../src/explain/explain'),
  verifyPlan: () => require('../src/verify/verify-plan') as typeof import('../src/verify/verify-plan'),
};

/** CDKTF loads only when a command synthesizes, so config checks and --help stay fast. */
function synthApp(...args: Parameters<typeof import('../stacks/app').synthApp>) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../stacks/app') as typeof import('../stacks/app')).synthApp(...args);
}

/** The stacks to read: from --stacks DIR when given, else synthesized into a scratch directory. */
function stacksFor(firewallPlan: FirewallPlan, clouds: readonly Cloud[], dir?: string): Partial<Record<Cloud, TfJson>> {
  if (dir) return readStacks(dir, clouds);
  const scratch = mkdtempSync(join(tmpdir(), 'st-firewall-'));
  try {
    synthApp(firewallPlan, clouds, scratch);
    return readStacks(scratch, clouds);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const withClouds = (command: Command) => command.option('--cloud <list>', `comma-separated subset of ${CLOUDS.join(',')}`, parseClouds, [...CLOUDS]);

export function program(exit: { code: number }): Command {
  const cli = new Command('st-firewall')
    .description('Firewall rules for Axway SecureTransport, generated for AWS, Azure and GCP')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  withClouds(cli.command('synth'))
    .description('synthesize one CDKTF stack per cloud into DIR/stacks/<cloud>/cdk.tf.json')
    .requiredOption('--config <file>', 'config file (JSON, or YAML by extension)')
    .requiredOption('--out <dir>', 'output directory (replaced whole, only once synthesis succeeded)')
    .action((options: { config: string; out: string; cloud: Cloud[] }) => {
      const firewallPlan = plan(loadConfigFile(options.config));
      const issues = quotaIssues(firewallPlan, options.cloud);
      if (issues.length > 0) throw new ConfigError(issues, 'quota');
      const result = writeDirAtomically(options.out, (dir) => synthApp(firewallPlan, options.cloud, dir));
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      for (const stack of result.stacks) process.stdout.write(`${options.out}/stacks/${stack.cloud}/cdk.tf.json\n`);
    });

  withClouds(cli.command('verify'))
    .description("compare each cloud's effective access with the spec over every packet; exit 0 only when all agree")
    .requiredOption('--config <file>', 'config file the stacks were synthesized from')
    .option('--stacks <dir>', 'read DIR/stacks/<cloud>/cdk.tf.json instead of synthesizing')
    .option('--plan <file>', '`terraform show -json` of a saved plan or of the state (any Terraform: ours or hand-written)')
    .option('--edge-group <list>', '--plan: what protects the Edges (AWS security group or Azure NSG addresses, GCP network tags); default: the output edge_security_group_id / edge_network_security_group_id / edge_network_tags', splitList)
    .option('--server-group <list>', '--plan: the same for the Servers', splitList)
    .option('--members <key=group...>', '--plan: a native group (security group address or id, ASG address, tag, service account) and the hosts in it (edge, server or adminHost)')
    .option('--vnet <cidrs>', "Azure: the virtual network's address space (the VirtualNetwork tag)", parseCidrs)
    .option('--strict', 'exit 1 on security findings too')
    .action((options: { config: string; stacks?: string; plan?: string; edgeGroup?: string[]; serverGroup?: string[]; members?: string[]; cloud: Cloud[]; vnet?: string[]; strict?: boolean }) => {
      const firewallPlan = plan(loadConfigFile(options.config));
      const { verify, renderReport } = lazy.verify();
      let report;
      if (options.plan) {
        const members = (options.members ?? []).map((pair) => ({ key: pair.slice(0, pair.lastIndexOf('=')), group: pair.slice(pair.lastIndexOf('=') + 1) as HostGroup }));
        const bad = members.find((m) => !m.key || !(HOST_GROUPS as readonly string[]).includes(m.group));
        try {
          if (bad) throw new Error(`--members "${bad.key}=${bad.group}": expected KEY=edge, KEY=server or KEY=adminHost`);
          if (options.stacks) throw new Error('--plan and --stacks: give one of them');
          report = lazy.verifyPlan().verifyPlanFile(firewallPlan, options.plan, options.cloud, { groups: { edge: options.edgeGroup, server: options.serverGroup }, members }, { vnetCidrs: options.vnet });
        } catch (err) {
          process.stderr.write(`st-firewall: ${(err as Error).message}\n`);
          exit.code = EXIT_CONFIG;
          return;
        }
      } else report = verify(firewallPlan, stacksFor(firewallPlan, options.cloud, options.stacks), { vnetCidrs: options.vnet });
      process.stdout.write(renderReport(report));
      if (!report.ok || (options.strict && report.findings.length > 0)) exit.code = EXIT_FAILED;
    });

  withClouds(cli.command('explain'))
    .description('the rules as the vendor tables show them, with the native resource, priority and action per cloud')
    .requiredOption('--config <file>', 'config file')
    .option('--stacks <dir>', 'read DIR/stacks/<cloud>/cdk.tf.json instead of synthesizing')
    .option('--format <format>', 'md or json', parseFormat, 'md')
    .action((options: { config: string; stacks?: string; cloud: Cloud[]; format: 'md' | 'json' }) => {
      const firewallPlan = plan(loadConfigFile(options.config));
      const { explain, renderJson, renderMarkdown } = lazy.explain();
      const explanation = explain(firewallPlan, stacksFor(firewallPlan, options.cloud, options.stacks));
      process.stdout.write(options.format === 'json' ? renderJson(explanation) : renderMarkdown(explanation));
    });
  withClouds(cli.command('module'))
    .description('write the published Terraform modules (HCL) into DIR/<cloud>/ and DIR/<cloud>-groups/, as committed under modules/')
    .requiredOption('--out <dir>', 'output directory (replaced whole, only once every file was written)')
    .action(async (options: { out: string; cloud: Cloud[] }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { MODULE_VARIANTS, moduleFiles, variantDir, writeFiles } = require('../stacks/write-modules') as typeof import('../stacks/write-modules');
      const files = new Map<string, Record<string, string>>();
      for (const variant of MODULE_VARIANTS.filter((v) => options.cloud.includes(v.cloud))) files.set(variantDir(variant), await moduleFiles(variant));
      writeDirAtomically(options.out, (dir) => {
        for (const [name, byName] of files) writeFiles(join(dir, name), byName);
      });
      for (const name of files.keys()) process.stdout.write(`${join(options.out, name)}\n`);
    });
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  const exit = { code: 0 };
  try {
    await program(exit).parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_CONFIG;
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_CONFIG;
    }
    process.stderr.write(`st-firewall: ${(err as Error).message}\n`);
    return EXIT_FAILED;
  }
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
