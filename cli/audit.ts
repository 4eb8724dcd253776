/**
 * `st-firewall audit`: a deployment built by hand, read from the cloud's own CLI export, against
 * the vendor's rows for the config. Readers (src/sources/*-export.ts) make the model, the flags and
 * the config make the Deployment (src/sources/export-deployment.ts), the analysis (src/analysis)
 * gives the verdict, src/report renders it. Exit 0 equal, 1 divergence (or no verdict), 2 bad input.
 * Output files (--report, --import-blocks) are written only after everything else succeeded, and
 * never over a file this command did not write.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { CLOUDS, Cloud, isCloud } from '../src/clouds';
import { loadConfigFile } from '../src/config/load';
import type { FirewallModel } from '../src/model';
import { parseCidr } from '../src/net/cidr';
import { FirewallPlan, plan } from '../src/plan/plan';
import { HostGroup } from '../src/spec/rule';
import { readAwsExports } from '../src/sources/aws-export';
import { readAzureExports } from '../src/sources/azure-export';
import { ExportFile, readExportFile } from '../src/sources/export-json';
import { exportDeployment, ExportNames } from '../src/sources/export-deployment';
import { readGcpExports } from '../src/sources/gcp-export';
import { checkOwned, writeOwned } from './owned-file';

const EXIT_DIVERGED = 1;

const list = (value: string): string[] => value.split(',').map((item) => item.trim()).filter(Boolean);

function nonEmptyList(flag: string) {
  return (value: string): string[] => {
    const items = list(value);
    if (items.length === 0) throw new InvalidArgumentError(`${flag}: expected a comma-separated list (got "${value}")`);
    return items;
  };
}

function parseCloud(value: string): Cloud {
  if (!isCloud(value)) throw new InvalidArgumentError(`expected one of ${CLOUDS.join(', ')} (got "${value}")`);
  return value;
}

function parseCidrs(value: string): string[] {
  return list(value).map((text) => {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new InvalidArgumentError(`"${text}" ${parsed.reason}`);
    return parsed.cidr.text;
  });
}

function parseFormat(value: string): 'text' | 'json' {
  if (value !== 'text' && value !== 'json') throw new InvalidArgumentError(`expected text or json (got "${value}")`);
  return value;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface AuditOptions {
  readonly config: string;
  readonly cloud: Cloud;
  readonly export: readonly string[];
  readonly edge?: string[];
  readonly server?: string[];
  readonly adminHost?: string[];
  readonly edgeAsg?: string[];
  readonly serverAsg?: string[];
  readonly adminHostAsg?: string[];
  readonly edgeSa?: string[];
  readonly serverSa?: string[];
  readonly adminHostSa?: string[];
  readonly network?: string;
  readonly vnet?: string[];
  readonly format: 'text' | 'json';
  readonly report?: string;
  readonly importBlocks?: string;
}

export function readModel(cloud: Cloud, files: readonly ExportFile[]): FirewallModel {
  switch (cloud) {
    case 'aws':
      return readAwsExports(files);
    case 'azure':
      return readAzureExports(files);
    case 'gcp':
      return readGcpExports(files);
  }
}

function namesOf(options: AuditOptions): ExportNames {
  const per = <T>(edge: T | undefined, server: T | undefined, adminHost: T | undefined): Partial<Record<HostGroup, T>> => ({
    ...(edge ? { edge } : {}),
    ...(server ? { server } : {}),
    ...(adminHost ? { adminHost } : {}),
  });
  return {
    groups: per(options.edge, options.server, options.adminHost),
    asgs: per(options.edgeAsg, options.serverAsg, options.adminHostAsg),
    serviceAccounts: per(options.edgeSa, options.serverSa, options.adminHostSa),
    ...(options.network ? { network: options.network } : {}),
  };
}

/* eslint-disable @typescript-eslint/no-require-imports */
const lazy = {
  analysis: () => require('../src/analysis/analyze') as typeof import('../src/analysis/analyze'),
  report: () => require('../src/report/audit') as typeof import('../src/report/audit'),
  text: () => require('../src/report/text') as typeof import('../src/report/text'),
  html: () => require('../src/report/html') as typeof import('../src/report/html'),
  imports: () => require('../src/report/import-blocks') as typeof import('../src/report/import-blocks'),
  /** Azure's VirtualNetwork tag when --vnet is not given: the default verify uses. */
  verify: () => require('../src/verify/verify') as typeof import('../src/verify/verify'),
  cdktf: () => require('../src/sources/cdktf-json') as typeof import('../src/sources/cdktf-json'),
  /** CDKTF loads only for --import-blocks. */
  synth: () => require('../stacks/app') as typeof import('../stacks/app'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The stack `synth` writes for this config and cloud, as a Deployment with Terraform addresses. */
function stackDeployment(firewallPlan: FirewallPlan, cloud: Cloud) {
  const scratch = mkdtempSync(join(tmpdir(), 'st-firewall-audit-'));
  try {
    lazy.synth().synthApp(firewallPlan, [cloud], scratch);
    const tf = JSON.parse(readFileSync(join(scratch, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
    const { cdktfModel, planDeployment } = lazy.cdktf();
    return planDeployment(cloud, firewallPlan, cdktfModel(cloud, tf));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function registerAudit(cli: Command, exit: { code: number }): void {
  cli
    .command('audit')
    .description("compare a deployment built by hand, read from the cloud CLI's own JSON export, with the vendor's rows; exit 0 only when equal")
    .requiredOption('--config <file>', 'config file (host addresses, name, FTP passive range)')
    .requiredOption('--cloud <cloud>', `one of ${CLOUDS.join(', ')}`, parseCloud)
    .requiredOption('--export <file>', 'JSON the cloud CLI printed (repeat for several files)', collect)
    .option('--edge <names>', 'what protects the Edges: AWS security groups (ids or names), Azure NSG names, GCP network tags', nonEmptyList('--edge'))
    .option('--server <names>', 'what protects the Servers (as --edge)', nonEmptyList('--server'))
    .option('--admin-host <names>', 'the Administration host: AWS security groups, GCP network tags', nonEmptyList('--admin-host'))
    .option('--edge-asg <names>', 'Azure: application security groups of the Edges', nonEmptyList('--edge-asg'))
    .option('--server-asg <names>', 'Azure: application security groups of the Servers', nonEmptyList('--server-asg'))
    .option('--admin-host-asg <names>', 'Azure: application security groups of the Administration host', nonEmptyList('--admin-host-asg'))
    .option('--edge-sa <emails>', 'GCP: the service account the Edges run as', nonEmptyList('--edge-sa'))
    .option('--server-sa <emails>', 'GCP: the service account the Servers run as', nonEmptyList('--server-sa'))
    .option('--admin-host-sa <emails>', 'GCP: service accounts of the Administration host', nonEmptyList('--admin-host-sa'))
    .option('--network <name>', 'GCP: the VPC network of the instances (default: the config\'s gcp.network)')
    .option('--vnet <cidrs>', "Azure: the virtual network's address space (the VirtualNetwork tag)", parseCidrs)
    .option('--format <format>', 'text or json', parseFormat, 'text')
    .option('--report <file.html>', 'also write a self-contained HTML report')
    .option('--import-blocks <file.tf>', 'when the deployment matches: Terraform import blocks adopting it into the synth stack')
    .action((options: AuditOptions) => {
      // Output files first: refusing one must happen before any work, and leave it untouched.
      if (options.report) checkOwned(options.report, lazy.html().REPORT_MARKER, '--report');
      if (options.importBlocks) checkOwned(options.importBlocks, lazy.imports().IMPORT_MARKER, '--import-blocks');
      const firewallPlan = plan(loadConfigFile(options.config));
      const files = options.export.map(readExportFile);
      const model = readModel(options.cloud, files);
      const { deployment, labels, network } = exportDeployment(options.cloud, model, firewallPlan, namesOf(options));
      const result = lazy.analysis().analyzeCloud(options.cloud, deployment, firewallPlan, { vnetCidrs: options.vnet ?? lazy.verify().DEFAULT_VNET });
      const report = lazy.report().auditReport({ cloud: options.cloud, plan: firewallPlan, deployment, labels, exports: options.export, ...(network ? { network } : {}) }, result);
      const text = lazy.text();
      process.stdout.write(options.format === 'json' ? text.renderAuditJson(report) : text.renderAuditText(report));

      let blocks: string | undefined;
      if (options.importBlocks) {
        if (!report.equal) process.stderr.write(`audit: --import-blocks: not written: the deployment does not match the vendor's rows (adopt it once it does)\n`);
        else {
          const imports = lazy.imports().importBlocks(options.cloud, stackDeployment(firewallPlan, options.cloud), deployment, { config: options.config, project: firewallPlan.config.gcp.project });
          blocks = imports.text;
          process.stderr.write(`audit: ${options.importBlocks}: ${imports.imported} import blocks, ${imports.notImported} resources of the stack without a one-to-one counterpart\n`);
        }
      }
      if (options.report) writeOwned(options.report, lazy.html().renderHtml(firewallPlan, [report]));
      if (options.importBlocks && blocks !== undefined) writeOwned(options.importBlocks, blocks);
      if (!report.equal) exit.code = EXIT_DIVERGED;
    });
}
