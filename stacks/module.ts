/**
 * The published Terraform modules, built by the same emitters as the stacks: each emitter runs
 * on a config whose values are Terraform expressions (`var.name`, `local.edge_cidrs`...), once
 * per ICMP mode; resources both modes share are kept as they are, the others get a `count` on
 * `var.icmp_mode`. Variables, outputs and the terraform block complete the module, written as
 * formatted HCL (Terraform and OpenTofu users read and review .tf files).
 */
import { App, ref, TerraformOutput, TerraformStack, Testing, Token } from 'cdktf';
import { isDeepStrictEqual } from 'node:util';
import { Cloud } from '../src/clouds';
import { Config, SourcesMode } from '../src/config/load';
import { Json, toHcl } from '../src/module/hcl';
import { hostLocals, variablesJson } from '../src/module/variables';
import { plan } from '../src/plan/plan';
import { IcmpMode } from '../src/spec/rule';
import { CLOUD_TARGETS } from './clouds';

type JsonObject = { [key: string]: Json };

/**
 * Stand-ins for the passive range while the emitters run (they need numbers); replaced by
 * references to var.ftp_passive_ports afterwards. No catalog port is near them.
 */
const PASSIVE = { from: 64001, to: 64999 };
const PASSIVE_REFS = { from: '${var.ftp_passive_ports.from}', to: '${var.ftp_passive_ports.to}' };

/** Provider version constraints: the majors the arguments used here exist in. */
export const MODULE_PROVIDERS: Readonly<Record<Cloud, { name: string; source: string; version: string }>> = {
  aws: { name: 'aws', source: 'hashicorp/aws', version: '>= 5.30, < 7.0' },
  azure: { name: 'azurerm', source: 'hashicorp/azurerm', version: '>= 3.0, < 5.0' },
  gcp: { name: 'google', source: 'hashicorp/google', version: '>= 5.0, < 7.0' },
};
export const REQUIRED_TERRAFORM = '>= 1.3';

function symbolicConfig(icmp: IcmpMode, sources: SourcesMode): Config {
  return {
    name: '${var.name}',
    // References, not "${...}" strings, so CDKTF can nest them in for_each = toset(...).
    hosts: { edge: Token.asList(ref('local.edge_cidrs')), server: Token.asList(ref('local.server_cidrs')), adminHost: Token.asList(ref('local.admin_host_cidrs')) },
    ftpPassivePorts: PASSIVE,
    icmp,
    ipv6: false, // the modules' inputs are IPv4 (their validation says so)
    tags: {}, // wrapped in merge(var.tags, ...) by withTagsVariable()
    extraRules: [], // the modules publish the vendor's rules; extra rules are the caller's own resources
    aws: { region: 'unused', vpcId: '${var.vpc_id}', maxRulesPerSecurityGroup: 1000, sources },
    azure: { location: '${var.location}', resourceGroupName: '${var.resource_group_name}', sources },
    gcp: { network: '${var.network}', sources },
  };
}

/** What one cloud's emitter writes for one ICMP mode: resources and outputs as Terraform JSON. */
function emitted(cloud: Cloud, icmp: IcmpMode, sources: SourcesMode): { resource: Record<string, Record<string, JsonObject>>; output: JsonObject } {
  const stack = new TerraformStack(new App({ skipValidation: true }), `${cloud}-module`);
  const result = CLOUD_TARGETS[cloud].emit(stack, plan(symbolicConfig(icmp, sources)));
  for (const [name, output] of Object.entries(result.outputs)) new TerraformOutput(stack, name, { value: output.value, description: output.description });
  const tf = JSON.parse(Testing.synth(stack));
  return { resource: tf.resource, output: tf.output };
}

/** Swaps the passive-range stand-ins for the variable's references, wherever the emitters put them. */
function withPassiveRefs(value: Json): Json {
  if (value === PASSIVE.from) return PASSIVE_REFS.from;
  if (value === PASSIVE.to) return PASSIVE_REFS.to;
  if (typeof value === 'string') return value.replace(`${PASSIVE.from}-${PASSIVE.to}`, `${PASSIVE_REFS.from}-${PASSIVE_REFS.to}`);
  if (Array.isArray(value)) return value.map(withPassiveRefs);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPassiveRefs(v)]));
  return value;
}

/** Both modes' resources in one set: shared ones as they are, the others counted on var.icmp_mode. */
function mergeModes(cloud: Cloud, sources: SourcesMode): { resource: Record<string, Record<string, JsonObject>>; output: JsonObject } {
  const native = emitted(cloud, 'native', sources);
  const vendor = emitted(cloud, 'vendor', sources);
  if (!isDeepStrictEqual(native.output, vendor.output)) throw new Error(`${cloud} module: outputs differ between ICMP modes`);
  const resource: Record<string, Record<string, JsonObject>> = {};
  for (const type of [...new Set([...Object.keys(native.resource), ...Object.keys(vendor.resource)])].sort()) {
    const [a, b] = [native.resource[type] ?? {}, vendor.resource[type] ?? {}];
    resource[type] = {};
    for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
      if (a[name] && b[name] && !isDeepStrictEqual(a[name], b[name])) throw new Error(`${cloud} module: ${type}.${name} differs between ICMP modes`);
      const only = !b[name] ? 'native' : !a[name] ? 'vendor' : undefined;
      resource[type][name] = only ? { count: `\${var.icmp_mode == "${only}" ? 1 : 0}`, ...(a[name] ?? b[name]) } : a[name];
    }
  }
  return { resource: withPassiveRefs(resource) as typeof resource, output: native.output };
}

/**
 * The module as Terraform JSON documents, one per file it is published as. `groups`: host groups
 * as native groups (modules/<cloud>-groups), which takes no address lists at all.
 */
export function moduleDocuments(cloud: Cloud, sources: SourcesMode = 'cidr'): Record<string, JsonObject> {
  const { resource, output } = mergeModes(cloud, sources);
  const provider = MODULE_PROVIDERS[cloud];
  return {
    'versions.tf': { terraform: { required_version: REQUIRED_TERRAFORM, required_providers: { [provider.name]: { source: provider.source, version: provider.version } } } },
    'variables.tf': { variable: variablesJson(cloud, sources) },
    'main.tf': sources === 'cidr' ? { locals: hostLocals(), resource } : { resource },
    'outputs.tf': { output },
  };
}

/** The module's .tf files, formatted as `terraform fmt` would. */
export async function moduleHcl(cloud: Cloud, sources: SourcesMode = 'cidr'): Promise<Record<string, string>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { format } = require('@cdktf/hcl-tools') as { format: (hcl: string) => Promise<string> };
  const files: Record<string, string> = {};
  for (const [file, document] of Object.entries(moduleDocuments(cloud, sources))) files[file] = await format(toHcl(document));
  return files;
}
