/**
 * The published Terraform modules, built by the same emitters as the stacks: each emitter runs
 * on a config whose values are Terraform expressions (`var.name`...) or stand-ins swapped for
 * references afterwards (hosts, passive range, existing groups), once per combination of the
 * inputs that change what it writes (ICMP mode, IPv6, existing groups, service accounts); what
 * every combination shares is kept as it is, the rest gets `count` or a conditional. Variables, outputs and the terraform block complete the module, written as
 * formatted HCL (Terraform and OpenTofu users read and review .tf files).
 */
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Cloud, CLOUDS } from '../src/clouds';
import { PROVIDER_CONSTRAINTS } from '../src/module/provider-constraints';
import { inlineComments, skipsFor } from '../src/module/scanner-skips';
import { Config, SourcesMode } from '../src/config/load';
import { BLOCK_KEYS, BlockComments, Json, toHcl, wholeExpression } from '../src/module/hcl';
import { hostLocals, variablesJson } from '../src/module/variables';
import { extraRuleLocals, extraRuleResources } from './module-extra-rules';
import { plan } from '../src/plan/plan';
import { RULE_TAG, tfName } from '../src/plan/naming';
import { HOST_GROUPS, HostGroup } from '../src/spec/rule';
import { CLOUD_TARGETS } from './clouds';
import { requireOptional } from './optional-package';

type JsonObject = { [key: string]: Json };

/**
 * Stand-ins for the passive range while the emitters run (they need numbers); replaced by
 * references to var.ftp_passive_ports afterwards. No catalog port is near them.
 */
const PASSIVE = { from: 64001, to: 64999 };
const PASSIVE_REFS = { from: '${var.ftp_passive_ports.from}', to: '${var.ftp_passive_ports.to}' };

/** Provider version constraints (src/module/provider-constraints.ts says what bounds each). */
export const MODULE_PROVIDERS: Readonly<Record<Cloud, { name: string; source: string; version: string }>> = Object.fromEntries(
  CLOUDS.map((cloud) => {
    const { name, source, constraint } = PROVIDER_CONSTRAINTS[cloud];
    return [cloud, { name, source, version: constraint }];
  }),
) as Record<Cloud, { name: string; source: string; version: string }>;

/** versions.tf's comment: what bounds the provider constraint, one line per reason. */
export function versionComments(cloud: Cloud): BlockComments {
  const { name, constraint, why } = PROVIDER_CONSTRAINTS[cloud];
  return { inside: [`${name} ${constraint}:`, ...why.map((line) => `- ${line}`), `Terraform ${REQUIRED_TERRAFORM}: input validations that name other inputs (var.ipv6 in an address list's) need 1.9.`] };
}

/** Validations that name other inputs (var.ipv6 in an address list's) need Terraform 1.9. */
export const REQUIRED_TERRAFORM = '>= 1.9';

/**
 * One input that changes what the emitters write (ICMP mode, IPv6, an existing security group...):
 * the module is emitted once per combination of their values, and what differs between
 * combinations becomes `count` or a conditional on the input (`terms[i]` is true for value i).
 */
interface Dimension {
  readonly terms: readonly [string, string];
  /** When the second value holds, in words (for output descriptions). */
  readonly label: string;
  readonly apply: (config: Mutable<Config>, second: boolean) => void;
}
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/**
 * Stand-ins for what the emitters need as literal values, swapped for references afterwards:
 * hosts (one address of each family per group; documentation ranges no catalog rule uses),
 * existing security groups and service accounts.
 */
const HOST_MARKERS = {
  edge: ['192.0.2.1/32', '2001:db8::e1/128'],
  server: ['192.0.2.2/32', '2001:db8::e2/128'],
  adminHost: ['192.0.2.3/32', '2001:db8::e3/128'],
} as const;
const LOCAL_NAME: Readonly<Record<HostGroup, string>> = { edge: 'edge', server: 'server', adminHost: 'admin_host' };
const ADMIN_SG = 'sg-0000000000000000a';
const LB_SG = 'sg-0000000000000000b';
const SERVICE_ACCOUNTS = { edge: 'marker-edge@st.iam.gserviceaccount.com', server: 'marker-server@st.iam.gserviceaccount.com', adminHost: 'marker-admin@st.iam.gserviceaccount.com' };

function dimensions(cloud: Cloud, sources: SourcesMode): Dimension[] {
  const nullable = (variable: string, what: string, apply: Dimension['apply']): Dimension => ({ terms: [`var.${variable} == null`, `var.${variable} != null`], label: `${variable} is set`, apply });
  return [
    { terms: ['var.icmp_mode == "native"', 'var.icmp_mode == "vendor"'], label: 'icmp_mode is "vendor"', apply: (c, vendor) => (c.icmp = vendor ? 'vendor' : 'native') },
    { terms: ['!var.ipv6', 'var.ipv6'], label: 'ipv6 is true', apply: (c, on) => (c.ipv6 = on) },
    ...(cloud === 'aws' && sources === 'groups'
      ? [
          nullable('admin_host_security_group_id', 'the Administration host\'s existing group', (c, set) => (c.aws.adminHostSecurityGroupId = set ? ADMIN_SG : undefined)),
          nullable('load_balancer_security_group_id', 'the load balancer\'s group', (c, set) => (c.aws.loadBalancerSecurityGroupId = set ? LB_SG : undefined)),
        ]
      : []),
    ...(cloud === 'gcp' && sources === 'groups' ? [nullable('service_accounts', 'rules match by service account', (c, set) => (c.gcp.serviceAccounts = set ? SERVICE_ACCOUNTS : undefined))] : []),
  ];
}

function symbolicConfig(sources: SourcesMode): Mutable<Config> {
  return {
    name: '${var.name}',
    hosts: { edge: [...HOST_MARKERS.edge], server: [...HOST_MARKERS.server], adminHost: [...HOST_MARKERS.adminHost] },
    ftpPassivePorts: PASSIVE,
    icmp: 'native',
    ipv6: false,
    tags: {}, // wrapped in merge(var.tags, ...) afterwards
    extraRules: [], // the modules publish the vendor's rules; extra rules are the caller's own resources
    aws: { region: 'unused', vpcId: '${var.vpc_id}', maxRulesPerSecurityGroup: 1000, sources },
    azure: { location: '${var.location}', resourceGroupName: '${var.resource_group_name}', sources },
    gcp: { network: '${var.network}', sources },
  };
}

type Resources = Record<string, Record<string, JsonObject>>;
interface Emitted {
  readonly resource: Resources;
  readonly output: Record<string, JsonObject>;
}

/** What one cloud's emitter writes for one combination of the dimensions, as Terraform JSON. */
function emitted(cloud: Cloud, config: Config): Emitted {
  // An App makes its outdir (default ./cdktf.out) on construction: a scratch one, so nothing
  // lands in the user's current directory.
  const scratch = mkdtempSync(join(tmpdir(), 'st-firewall-module-'));
  try {
    const stack = new TerraformStack(new App({ skipValidation: true, outdir: scratch }), `${cloud}-module`);
    const result = CLOUD_TARGETS[cloud].emit(stack, plan(config));
    for (const [name, output] of Object.entries(result.outputs)) new TerraformOutput(stack, name, { value: output.value, description: output.description });
    const tf = JSON.parse(Testing.synth(stack));
    return { resource: tf.resource, output: tf.output };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
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

const markerName = (cidr: string) => tfName(cidr);

/**
 * AWS takes one source per rule resource, so the stacks write `<rule>_from_<cidr>` per host: in
 * the module that is one resource with `for_each` over the group's CIDRs, keyed by CIDR, whose
 * family-dependent fields (cidr_ipv4 or cidr_ipv6, icmp or icmpv6) are chosen per CIDR.
 */
function perCidrAsForEach(resources: Resources): Resources {
  const out: Resources = {};
  for (const [type, byName] of Object.entries(resources)) {
    out[type] = {};
    const families = new Map<string, { group: HostGroup; bodies: JsonObject[] }>();
    for (const [name, body] of Object.entries(byName)) {
      const hit = HOST_GROUPS.flatMap((group) => HOST_MARKERS[group].map((marker, f) => ({ group, marker, f }))).find(({ marker }) => name.endsWith(`_from_${markerName(marker)}`));
      if (!hit) {
        out[type][name] = body;
        continue;
      }
      const base = name.slice(0, -`_from_${markerName(hit.marker)}`.length);
      const entry = families.get(base) ?? { group: hit.group, bodies: [] };
      entry.bodies[hit.f] = swap(body, (v) => (v === hit.marker ? '${each.value}' : undefined)) as JsonObject;
      families.set(base, entry);
    }
    for (const [base, { group, bodies }] of families) {
      const [v4, v6] = bodies;
      if (!v4 || !v6) throw new Error(`module: ${type}.${base} lacks a family`);
      const body: JsonObject = { for_each: `\${toset(local.${LOCAL_NAME[group]}_cidrs)}` };
      for (const key of [...new Set([...Object.keys(v4), ...Object.keys(v6)])].sort()) {
        body[key] = isDeepStrictEqual(v4[key], v6[key]) ? v4[key] : `\${can(cidrnetmask(each.value)) ? ${hclValue(v4[key])} : ${hclValue(v6[key])}}`;
      }
      out[type][base] = body;
    }
  }
  return out;
}

/** A JSON value as the HCL expression it stands for (inside a larger expression). */
function hclValue(value: Json | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return wholeExpression(value) ?? JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(hclValue).join(', ')}]`;
  if (typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${hclValue(v)}`).join(', ')} }`;
  return String(value);
}

/** Replaces values (deep) where `f` returns one. */
function swap(value: Json, f: (v: Json) => Json | undefined): Json {
  const replaced = f(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) return value.map((item) => swap(item, f));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v, f)]));
  return value;
}

/** Stand-ins to references: host lists to the locals of their family, security groups and service accounts to their inputs. */
function withReferences(value: Json): Json {
  const lists = new Map<string, string>();
  const strings = new Map<string, string>([
    [ADMIN_SG, '${var.admin_host_security_group_id}'],
    [LB_SG, '${var.load_balancer_security_group_id}'],
    [SERVICE_ACCOUNTS.edge, '${var.service_accounts.edge}'],
    [SERVICE_ACCOUNTS.server, '${var.service_accounts.server}'],
    [SERVICE_ACCOUNTS.adminHost, '${var.service_accounts.admin_host}'],
  ]);
  for (const group of HOST_GROUPS) {
    lists.set(HOST_MARKERS[group][0], `\${local.${LOCAL_NAME[group]}_ipv4_cidrs}`);
    lists.set(HOST_MARKERS[group][1], `\${local.${LOCAL_NAME[group]}_ipv6_cidrs}`);
  }
  return withPassiveRefs(swap(value, (v) => (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && lists.has(v[0]) ? lists.get(v[0]) : typeof v === 'string' ? strings.get(v) : undefined)));
}

/** A decision over the dimensions: a value, or a split on one dimension (branch i where terms[i] holds). */
type Tree = { leaf: Json | undefined } | { dim: number; branches: [Tree, Tree] };

function decide(runs: readonly { assign: readonly boolean[]; value: Json | undefined }[], dims: number): Tree {
  if (runs.every((r) => isDeepStrictEqual(r.value, runs[0].value))) return { leaf: runs[0]?.value };
  for (let d = 0; d < dims; d++) {
    const [a, b] = [runs.filter((r) => !r.assign[d]), runs.filter((r) => r.assign[d])];
    if (a.length === 0 || b.length === 0) continue;
    const branches: [Tree, Tree] = [decide(a, dims), decide(b, dims)];
    return isDeepStrictEqual(branches[0], branches[1]) ? branches[0] : { dim: d, branches };
  }
  throw new Error('module: runs with equal inputs disagree');
}

function renderValue(tree: Tree, dims: readonly Dimension[]): string {
  if ('leaf' in tree) return hclValue(tree.leaf);
  const [a, b] = tree.branches.map((t) => renderValue(t, dims));
  const { terms } = dims[tree.dim];
  // `x == null ? null : x` is just x.
  if (terms[1] === `${b} != null` && a === 'null') return b;
  return `${terms[1]} ? ${'dim' in tree.branches[1] ? `(${b})` : b} : ${'dim' in tree.branches[0] ? `(${a})` : a}`;
}

/** A presence tree as one condition ("true" when always). */
function renderCondition(tree: Tree, dims: readonly Dimension[]): string {
  if ('leaf' in tree) return tree.leaf ? 'true' : 'false';
  const [a, b] = tree.branches.map((t) => renderCondition(t, dims));
  const { terms } = dims[tree.dim];
  const wrap = (c: string) => (/ (&&|\|\|) /.test(c) ? `(${c})` : c);
  if (a === 'false') return b === 'true' ? terms[1] : `${terms[1]} && ${wrap(b)}`;
  if (b === 'false') return a === 'true' ? terms[0] : `${terms[0]} && ${wrap(a)}`;
  return `${terms[1]} ? ${wrap(b)} : ${wrap(a)}`;
}

const and = (...conditions: string[]) => conditions.filter((c) => c !== 'true').join(' && ') || 'true';

/**
 * All combinations of the dimensions in one module: what every combination writes alike stays
 * as it is; a resource some combinations lack gets `count` (or a conditional `for_each`); an
 * attribute that differs becomes a conditional on the inputs. A rule over a group's IPv6 hosts
 * exists only when there are some.
 */
function mergeRuns(cloud: Cloud, sources: SourcesMode): Emitted {
  const dims = dimensions(cloud, sources);
  const runs = Array.from({ length: 2 ** dims.length }, (_, n) => {
    const assign = dims.map((_, d) => Boolean((n >> d) & 1));
    const config = symbolicConfig(sources);
    dims.forEach((dim, d) => dim.apply(config, assign[d]));
    const { resource, output } = emitted(cloud, config as Config);
    return { assign, resource: withReferences(perCidrAsForEach(resource)) as Resources, output: withReferences(output) as Record<string, JsonObject> };
  });
  const resource: Resources = {};
  const counted: string[] = [];
  for (const type of [...new Set(runs.flatMap((r) => Object.keys(r.resource)))].sort()) {
    resource[type] = {};
    for (const name of [...new Set(runs.flatMap((r) => Object.keys(r.resource[type] ?? {})))]) {
      const present = runs.filter((r) => r.resource[type]?.[name]);
      const body: JsonObject = {};
      for (const key of [...new Set(present.flatMap((r) => Object.keys(r.resource[type][name])))]) {
        const tree = decide(present.map((r) => ({ assign: r.assign, value: r.resource[type][name][key] })), dims.length);
        if ('leaf' in tree) body[key] = tree.leaf as Json;
        else if (BLOCK_KEYS.has(key)) throw new Error(`module: block ${type}.${name}.${key} differs between inputs`);
        else body[key] = `\${${renderValue(tree, dims)}}`;
      }
      const ipv6Hosts = HOST_GROUPS.map((g) => `local.${LOCAL_NAME[g]}_ipv6_cidrs`).filter((ref) => JSON.stringify(body).includes(ref));
      const condition = and(renderCondition(decide(runs.map((r) => ({ assign: r.assign, value: Boolean(r.resource[type]?.[name]) })), dims.length), dims), ...ipv6Hosts.map((ref) => `length(${ref}) > 0`));
      if (condition !== 'true') {
        if (typeof body.for_each === 'string') body.for_each = `\${${condition} ? ${body.for_each.slice(2, -1)} : toset([])}`;
        else {
          resource[type][name] = { count: `\${${condition} ? 1 : 0}`, ...body };
          counted.push(`${type}.${name}`);
          continue;
        }
      }
      resource[type][name] = body;
    }
  }
  const output: Record<string, JsonObject> = {};
  for (const name of [...new Set(runs.flatMap((r) => Object.keys(r.output)))].sort()) {
    const value = decide(runs.map((r) => ({ assign: r.assign, value: r.output[name]?.value })), dims.length);
    const descriptions = runs.map((r) => r.output[name]?.description as string | undefined);
    const base = descriptions.find((d) => d !== undefined)!;
    const notes = dims.flatMap((dim, d) => {
      const other = runs.find((r) => r.assign[d] && r.assign.every((x, i) => i === d || !x))!;
      const otherDescription = other.output[name]?.description as string | undefined;
      if (otherDescription === undefined && descriptions[0] !== undefined) return [`null when ${dim.label}`];
      if (descriptions[0] === undefined && otherDescription !== undefined) return [`null unless ${dim.label}`];
      return otherDescription !== descriptions[0] ? [`${otherDescription!.charAt(0).toLowerCase()}${otherDescription!.slice(1)} when ${dim.label}`] : [];
    });
    output[name] = { description: notes.length ? `${base} (${notes.join('; ')})` : base, value: 'leaf' in value ? (value.leaf as Json) : `\${${renderValue(value, dims)}}` };
  }
  // A counted resource is a list: references to it take [0].
  const indexed = (value: Json) =>
    swap(value, (v) => (typeof v === 'string' && v.includes('${') ? counted.reduce((text, ref) => text.replace(new RegExp(`\\b${ref.replace('.', '\\.')}\\.`, 'g'), `${ref}[0].`), v) : undefined));
  return { resource: indexed(resource) as Resources, output: indexed(output) as Record<string, JsonObject> };
}

/** The user's tags under st-firewall's own, which win on a conflict (as in the stacks). */
function withTagsVariable(resources: Resources): Resources {
  return Object.fromEntries(
    Object.entries(resources).map(([type, byName]) => [
      type,
      Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, body.tags && typeof body.tags === 'object' ? { ...body, tags: `\${merge(var.tags, ${hclValue(body.tags)})}` } : body])),
    ]),
  ) as Resources;
}

/**
 * The module as Terraform JSON documents, one per file it is published as. `groups`: host groups
 * as native groups (modules/<cloud>-groups), which takes no address lists at all.
 */
/**
 * The scanners' inline suppressions (src/module/scanner-skips.ts) on exactly the resources of
 * the vendor's flagged rules: the rule id comes from what the emitters wrote (AWS's rule tag,
 * Azure's rule name, GCP's firewall name), the family from the IPv6 suffixes (a for_each over a
 * dual-stack host list holds both), the source kind from the fields that name a group.
 */
function scannerComments(cloud: Cloud, resources: Resources): Record<string, BlockComments> {
  const comments: Record<string, BlockComments> = {};
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName)) {
      // The tags are merge(var.tags, { ..., "st-firewall:rule" = "<id>" }) by now.
      const ruleTag = typeof body.tags === 'string' ? new RegExp(`"${RULE_TAG}" = "([^"]+)"`).exec(body.tags)?.[1] : undefined;
      const label = cloud === 'aws' ? ruleTag : typeof body.name === 'string' ? body.name.replace(/^\$\{var\.name\}-/, '') : undefined;
      if (!label) continue;
      const ipv6 = /-(v6|ipv6)$/.test(label) || /_(ipv6|icmpv6)$/.test(name);
      const ruleId = label.replace(/-(v6|ipv6)$/, '');
      const families: (4 | 6)[] = ipv6 ? [6] : body.for_each !== undefined ? [4, 6] : [4];
      const groupSource = ['referenced_security_group_id', 'source_application_security_group_ids', 'source_tags', 'source_service_accounts'].some((key) => key in body);
      const seen = new Set<string>();
      const skips = families.flatMap((family) => skipsFor(cloud, ruleId, { family, groupSource, module: true })).filter((skip) => !seen.has(`${skip.scanner}:${skip.id}`) && seen.add(`${skip.scanner}:${skip.id}`));
      if (skips.length > 0) comments[`resource.${type}.${name}`] = inlineComments(skips);
    }
  }
  return comments;
}

const documents = new Map<string, Record<string, JsonObject>>();

export function moduleDocuments(cloud: Cloud, sources: SourcesMode = 'cidr'): Record<string, JsonObject> {
  // Each call emits the module once per combination of inputs (up to 16 runs): keep the result.
  const key = `${cloud}/${sources}`;
  if (!documents.has(key)) documents.set(key, buildDocuments(cloud, sources));
  return structuredClone(documents.get(key)!);
}

function buildDocuments(cloud: Cloud, sources: SourcesMode): Record<string, JsonObject> {
  const merged = mergeRuns(cloud, sources);
  const resource = cloud === 'gcp' ? merged.resource : withTagsVariable(merged.resource);
  // The caller's extra rules: for_each over the input, beside the vendor's (module-extra-rules.ts).
  for (const [type, byName] of Object.entries(extraRuleResources(cloud, sources))) resource[type] = { ...resource[type], ...byName };
  const { output } = merged;
  const provider = MODULE_PROVIDERS[cloud];
  return {
    'versions.tf': { terraform: { required_version: REQUIRED_TERRAFORM, required_providers: { [provider.name]: { source: provider.source, version: provider.version } } } },
    'variables.tf': { variable: variablesJson(cloud, sources) },
    'main.tf': { locals: { ...(sources === 'cidr' ? hostLocals() : {}), ...extraRuleLocals(cloud, sources) }, resource },
    'outputs.tf': { output },
  };
}

/** The module's .tf files, formatted as `terraform fmt` would. */
export async function moduleHcl(cloud: Cloud, sources: SourcesMode = 'cidr'): Promise<Record<string, string>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { format } = requireOptional('@cdktf/hcl-tools', 'the module writer', () => require('@cdktf/hcl-tools') as { format: (hcl: string) => Promise<string> });
  const files: Record<string, string> = {};
  const documents = moduleDocuments(cloud, sources);
  const comments: Record<string, BlockComments> = { terraform: versionComments(cloud), ...scannerComments(cloud, documents['main.tf'].resource as Resources) };
  for (const [file, document] of Object.entries(documents)) files[file] = await format(toHcl(document, comments));
  return files;
}
