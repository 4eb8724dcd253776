#!/usr/bin/env node
/**
 * st-firewall: the command line. Verbs and flags are a contract (scripts outside the repo call
 * them): add, never rename. Exit codes: 0 done, 1 failure (or verify found divergences),
 * 2 bad config or arguments.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { CLOUDS, Cloud, isCloud } from '../src/clouds';
import { ConfigError, loadConfigFile } from '../src/config/load';
import { quotaIssues } from '../src/plan/quotas';
import { parseCidr } from '../src/net/cidr';
import { checkOutputDir, defaultContext, OutputDirError, writeOutputDir } from './output-dir';
import { registerAudit } from './audit';
import { addMovedCommand } from './moved';
import { FirewallPlan, plan } from '../src/plan/plan';
import { readStacks } from '../src/sources/stacks-dir';
import { TfJson } from '../src/sources/cdktf-json';
import { HOST_GROUPS, HostGroup } from '../src/spec/rule';

export const EXIT_FAILED = 1;
export const EXIT_CONFIG = 2;

/** `synth --strict` found security findings: exit 1, and the output directory was not touched. */
export class FindingsError extends Error {
  constructor(readonly findings: readonly string[]) {
    super(`${findings.map((finding) => `error: ${finding}`).join('\n')}\nst-firewall: --strict: ${findings.length} security finding${findings.length === 1 ? '' : 's'}; nothing was written`);
  }
}

/** A bad argument found after parsing (a --stacks directory that is not there): exit 2. */
export class UsageError extends Error {}

/** package.json's version: found by walking up, as cli/main.ts runs from cli/ (tests) and dist/cli/. */
function packageVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'st-firewall' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

const REQUIRED = '(required) ';

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
  if (dir) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--stacks ${dir}: ${existsSync(dir) ? 'is not a directory' : 'no such directory'} (give the --out directory of an earlier synth)`);
    try {
      return readStacks(dir, clouds);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
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
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  withClouds(cli.command('synth'))
    .description('synthesize one CDKTF stack per cloud into DIR/stacks/<cloud>/cdk.tf.json')
    .requiredOption('--config <file>', REQUIRED + 'config file (JSON, or YAML by extension)')
    .requiredOption('--out <dir>', REQUIRED + 'output directory: new, empty or an earlier st-firewall output (replaced whole once synthesis succeeded)')
    .option('--strict', 'security findings (as verify prints them) are errors: exit 1, nothing written')
    .action((options: { config: string; out: string; cloud: Cloud[]; strict?: boolean }) => {
      const firewallPlan = plan(loadConfigFile(options.config));
      const issues = quotaIssues(firewallPlan, options.cloud);
      if (issues.length > 0) throw new ConfigError(issues, options.config);
      const context = defaultContext(options.config);
      checkOutputDir(options.out, context, options.cloud); // refuse before CDKTF loads
      const result = writeOutputDir(options.out, 'synth', context, (dir) => {
        const synthesized = synthApp(firewallPlan, options.cloud, dir);
        // The findings of the JSON just written, before it replaces anything: --strict keeps it out.
        const findings = lazy.verify().securityFindings(firewallPlan, readStacks(dir, options.cloud));
        if (options.strict && findings.length > 0) throw new FindingsError(findings.map((finding) => finding.message));
        return { ...synthesized, findings };
      }, options.cloud); // the stacks written: Terraform's working files there are kept
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      for (const finding of result.findings) process.stderr.write(`warning: ${finding.message}\n`);
      for (const stack of result.stacks) process.stdout.write(`${options.out}/stacks/${stack.cloud}/cdk.tf.json\n`);
    });

  withClouds(cli.command('verify'))
    .description("compare each cloud's effective access with the spec over every packet; exit 0 only when all agree")
    .requiredOption('--config <file>', REQUIRED + 'config file the stacks were synthesized from')
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
    .requiredOption('--config <file>', REQUIRED + 'config file')
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
    .requiredOption('--out <dir>', REQUIRED + 'output directory: new, empty or an earlier st-firewall output (replaced whole once every file was written)')
    .action(async (options: { out: string; cloud: Cloud[] }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { MODULE_VARIANTS, moduleFiles, variantDir, writeFiles } = require('../stacks/write-modules') as typeof import('../stacks/write-modules');
      const context = defaultContext();
      checkOutputDir(options.out, context); // refuse before the modules are built
      const files = new Map<string, Record<string, string>>();
      for (const variant of MODULE_VARIANTS.filter((v) => options.cloud.includes(v.cloud))) files.set(variantDir(variant), await moduleFiles(variant));
      writeOutputDir(options.out, 'module', context, (dir) => {
        for (const [name, byName] of files) writeFiles(join(dir, name), byName);
      });
      for (const name of files.keys()) process.stdout.write(`${join(options.out, name)}\n`);
    });
  registerAudit(cli, exit);
  addMovedCommand(cli);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  const exit = { code: 0 };
  try {
    await program(exit).parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_CONFIG;
    if (err instanceof FindingsError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_FAILED;
    }
    if (err instanceof OutputDirError || err instanceof UsageError) {
      process.stderr.write(`st-firewall: ${err.message}\n`);
      return EXIT_CONFIG;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT_CONFIG;
    }
    process.stderr.write(`st-firewall: ${(err as Error).message}\n`);
    return EXIT_FAILED;
  }
}

/**
 * Run as a program: a closed pipe (`explain | head -1`) ends the output quietly, and signals exit
 * through handlers, which run only between synchronous sections, so an output directory is never
 * left half-replaced (cli/atomic-dir.ts).
 */
if (require.main === module) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) process.on(signal, () => process.exit(code));
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
