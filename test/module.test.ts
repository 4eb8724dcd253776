/**
 * The published modules: in sync with the generator, parsed back from HCL to the same JSON,
 * checked by Terraform's HCL parser (contract inputs and outputs, namespaced sources, version
 * constraints, no provider or backend block), and equivalent to the stacks: the module,
 * expanded with the example inputs, declares exactly the resources the stack declares.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Cloud } from '../src/clouds';
import { validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { quotaIssues } from '../src/plan/quotas';
import { PROTECTED_GROUPS } from '../src/spec/rule';
import { compareGroup } from '../src/verify/compare';
import { probesFor } from '../src/verify/probes';
import { synthApp } from '../stacks/app';
import { evaluate, Scope } from './hcl-eval';
import { extraRuleStackName as stackAddress } from './extra-rule-addresses';
import { EXTRA_RULE_CASES, GOOD_RULES } from './extra-rule-cases';
import { SCANNER_FINDINGS } from '../src/module/scanner-skips';
import { moduleDocuments } from '../stacks/module';
import { exampleFiles, MODULE_VARIANTS, moduleFiles, variantDir } from '../stacks/write-modules';

const ROOT = resolve(__dirname, '..');
const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'examples/st-prod.json'), 'utf8'));
type Json = any;

const VARIANTS = MODULE_VARIANTS.map((variant) => [variantDir(variant), variant] as const);

describe.each(VARIANTS)('modules/%s', (dirName, variant) => {
  const { cloud, sources } = variant;
  it('is what the generator writes (run `npm run modules` after changing the catalog or emitters)', async () => {
    const files = await moduleFiles(variant);
    const dir = join(ROOT, 'modules', dirName);
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
    for (const [name, text] of Object.entries(files)) expect({ name, text: readFileSync(join(dir, name), 'utf8') }).toEqual({ name, text });
    const example = await exampleFiles(variant);
    expect(readdirSync(join(ROOT, 'examples', dirName)).sort()).toEqual(Object.keys(example).sort());
    for (const [name, text] of Object.entries(example)) expect({ name, text: readFileSync(join(ROOT, 'examples', dirName, name), 'utf8') }).toEqual({ name, text });
  });

  it('means in HCL what it means in JSON (parsed back with HCL\'s parser, @cdktf/hcl2json)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('@cdktf/hcl2json') as { parse: (file: string, text: string) => Promise<Json> };
    for (const [file, document] of Object.entries(moduleDocuments(cloud, sources))) {
      const parsed = await parse(file, readFileSync(join(ROOT, 'modules', dirName, file), 'utf8'));
      expect(fromHcl2Json(parsed)).toEqual(JSON.parse(JSON.stringify(document)));
    }
  });

  it('declares the contract inputs and the stack\'s outputs, and no provider or backend', () => {
    const docs = moduleDocuments(cloud, sources);
    const perCloud: Record<Cloud, string[]> = { aws: ['vpc_id'], azure: ['resource_group_name', 'location'], gcp: ['network'] };
    const addresses = sources === 'cidr' ? ['edge_private_ips', 'server_private_ips', 'admin_host_private_ips'] : [];
    const tags = cloud === 'gcp' ? [] : ['tags'];
    const groupsOnly: Record<Cloud, string[]> = { aws: ['admin_host_security_group_id', 'load_balancer_security_group_id'], azure: [], gcp: ['service_accounts'] };
    expect(Object.keys(docs['variables.tf'].variable as object)).toEqual([
      'name', ...addresses, 'ftp_passive_ports', 'icmp_mode', 'ipv6', ...perCloud[cloud], ...tags, ...(cloud === 'aws' && sources === 'cidr' ? ['max_rules_per_security_group'] : []), ...(sources === 'groups' ? groupsOnly[cloud] : []), 'extra_rules',
    ]);
    const outputs: Record<Cloud, string[]> = {
      aws: ['edge_security_group_id', 'server_security_group_id'],
      azure: ['edge_network_security_group_id', 'server_network_security_group_id'],
      gcp: ['edge_network_tags', 'server_network_tags'],
    };
    const groupOutputs: Record<Cloud, string[]> = {
      aws: ['admin_host_security_group_id'],
      azure: ['admin_host_application_security_group_id', 'edge_application_security_group_id', 'server_application_security_group_id'],
      gcp: ['admin_host_network_tags', 'admin_host_service_account', 'edge_service_account', 'server_service_account'],
    };
    expect(Object.keys(docs['outputs.tf'].output as object).sort()).toEqual([...outputs[cloud], ...(sources === 'groups' ? groupOutputs[cloud] : [])].sort());
    for (const output of Object.values(docs['outputs.tf'].output as Record<string, Json>)) expect(output.description).toMatch(/SecureTransport/);
    const text = Object.values(docs).map((d) => JSON.stringify(d)).join();
    expect(text).not.toMatch(/"(provider|backend)"/);
    expect(text).not.toMatch(/6400[01]|64999/); // the passive-range stand-ins are all replaced
  });
});

const checker = process.env.TFJSONCHECK;
(checker && existsSync(checker) ? describe : describe.skip)('tfjsoncheck on the modules and examples', () => {
  it('parse with no errors; variables typed; namespaced sources with version constraints; no provider or backend block', () => {
    const dirs = [...VARIANTS.map(([d]) => join(ROOT, 'modules', d)), ...VARIANTS.map(([d]) => join(ROOT, 'examples', d))];
    const summary = JSON.parse(execFileSync(checker!, ['-summary', ...dirs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    for (const s of summary) expect({ path: s.path, errors: s.errors, warnings: s.warnings }).toEqual({ path: s.path, errors: 0, warnings: 0 });
    for (const s of summary.slice(0, VARIANTS.length)) {
      expect(s).toMatchObject({ has_provider_block: false, has_backend_block: false });
      expect(s.variables).toMatchObject({ name: 'string', ftp_passive_ports: 'object({from=number,to=number})', icmp_mode: 'string' });
      if (!s.path.endsWith('-groups')) expect(s.variables).toMatchObject({ edge_private_ips: 'list(string)' });
      for (const p of Object.values<any>(s.required_providers)) {
        expect(p.source).toMatch(/^hashicorp\/(aws|azurerm|google)$/);
        expect(p.version).toMatch(/^>= \d+\.\d+, < \d+\.0$/);
      }
    }
  });
});

/** hcl2json writes every block as a list and type constraints as expressions: fold back to Terraform JSON. */
function fromHcl2Json(parsed: Json): Json {
  const one = (list: Json[]) => {
    expect(list).toHaveLength(1);
    return list[0];
  };
  const out: Json = {};
  for (const [type, value] of Object.entries<Json>(parsed)) {
    if (type === 'terraform') {
      const t = one(value);
      out.terraform = { ...t, ...(t.required_providers ? { required_providers: one(t.required_providers) } : {}) };
    } else if (type === 'locals') out.locals = one(value);
    else if (type === 'resource') {
      out.resource = Object.fromEntries(Object.entries<Json>(value).map(([t, byName]) => [t, Object.fromEntries(Object.entries<Json>(byName).map(([n, b]) => [n, one(b)]))]));
    } else {
      out[type] = Object.fromEntries(
        Object.entries<Json>(value).map(([n, b]) => {
          const body = one(b);
          return [n, type === 'variable' ? { ...body, type: body.type.replace(/^\$\{(.*)\}$/s, '$1') } : body];
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------- expanding a module

interface Inputs {
  [name: string]: Json;
}

/** A case: config changes for the stack, and the same changes as module inputs. */
interface Scenario {
  readonly title: string;
  readonly variants: 'all' | 'not-aws' | 'aws-groups' | 'gcp-groups';
  readonly config: Record<string, Json>;
  readonly inputs: Inputs;
}

const DUAL_STACK = {
  edge: ['10.0.1.10', '10.0.1.11', '2001:db8:1::10', '2001:db8:1:1::/120'],
  server: ['10.0.2.10', '10.0.2.11', '2001:db8:2::10'],
  adminHost: ['10.0.9.5', '2001:DB8:9:0::5/128'], // spelled unlike the canonical 2001:db8:9::5/128
};
const TAGS = { CostCenter: 'cc-1234', Name: 'loses-to-st-firewall', purpose: 'loses-too' };

/** Extra rules as the config writes them (rules[]), and as the modules take them (a map keyed by id). */
type ConfigRule = { id: string; [field: string]: Json };
const asInput = (rules: readonly ConfigRule[]) => Object.fromEntries(rules.map(({ id, ...rule }) => [id, rule]));
/** Each source kind and protocol, allows only (AWS has no deny); priorities clear of the vendor's and of shadowing. */
const EXTRA_ALLOWS: readonly ConfigRule[] = [
  { id: 'edge-node-exporter', group: 'edge', protocol: 'tcp', ports: '9100-9101', source: 'adminHost', priority: 1000, description: 'Prometheus exporters & friends' },
  { id: 'server-ntp', group: 'server', protocol: 'udp', ports: 123, source: ['10.0.50.0/24', '10.0.51.7'], priority: 1010, description: 'NTP' },
  { id: 'edge-ping', group: 'edge', protocol: 'icmp', source: 'any', priority: 1020, description: 'Ping from anywhere' },
  { id: 'server-from-edges', group: 'server', protocol: 'all', source: 'edge', priority: 3990, description: 'Everything from the Edges' },
  { id: 'edge-peer-tcp', group: 'edge', protocol: 'tcp', ports: '*', source: 'edge', priority: 3980, description: 'Every TCP port between Edges' },
  { id: 'server-web', group: 'server', protocol: 'tcp', ports: '8080', source: 'any', priority: 1030, description: 'A web console <internal>' },
  { id: 'server-monitor-icmp', group: 'server', protocol: 'icmp', source: 'adminHost', priority: 1040, description: 'ICMP from the Administration host' },
];
/** IPv6 sources, and priorities two apart (Azure's IPv6 halves). */
const EXTRA_IPV6: readonly ConfigRule[] = [
  ...EXTRA_ALLOWS,
  { id: 'server-syslog', group: 'server', protocol: 'udp', ports: '514', source: ['2001:db8:50::/64', '10.0.60.0/24'], priority: 1050, description: 'Syslog, both families' },
  { id: 'edge-v6-only', group: 'edge', protocol: 'tcp', ports: '9443', source: ['2001:db8:60::/64'], priority: 1060, description: 'IPv6-only source' },
];
/** Deny rules (not on AWS). */
const EXTRA_DENIES: readonly ConfigRule[] = [
  ...EXTRA_ALLOWS,
  { id: 'server-no-ssh', group: 'server', protocol: 'tcp', ports: '22', source: 'any', action: 'deny', priority: 1080, description: 'No SSH from anywhere' },
  { id: 'edge-no-icmp', group: 'edge', protocol: 'icmp', source: ['10.0.70.0/24'], action: 'deny', priority: 1016, description: 'No ICMP from the lab' },
  { id: 'edge-no-all-admin', group: 'edge', protocol: 'all', source: 'adminHost', action: 'deny', priority: 3960, description: 'Nothing else from the admin host' },
];

const SCENARIOS: readonly Scenario[] = [
  { title: 'the example inputs', variants: 'all', config: {}, inputs: {} },
  {
    title: 'ipv6 with dual-stack hosts, and tags',
    variants: 'all',
    config: { ipv6: true, tags: TAGS, edge: { privateIps: DUAL_STACK.edge }, server: { privateIps: DUAL_STACK.server }, adminHost: { privateIps: DUAL_STACK.adminHost } },
    inputs: { ipv6: true, tags: TAGS, edge_private_ips: DUAL_STACK.edge, server_private_ips: DUAL_STACK.server, admin_host_private_ips: DUAL_STACK.adminHost },
  },
  {
    title: 'existing admin-host and load balancer security groups, ipv6',
    variants: 'aws-groups',
    config: { ipv6: true, aws: { ...EXAMPLE.aws, adminHostSecurityGroupId: 'sg-0aaaaaaaaaaaaaaaa', loadBalancerSecurityGroupId: 'sg-0bbbbbbbbbbbbbbbb' } },
    inputs: { ipv6: true, admin_host_security_group_id: 'sg-0aaaaaaaaaaaaaaaa', load_balancer_security_group_id: 'sg-0bbbbbbbbbbbbbbbb' },
  },
  {
    title: 'an existing load balancer security group only',
    variants: 'aws-groups',
    config: { aws: { ...EXAMPLE.aws, loadBalancerSecurityGroupId: 'sg-0bbbbbbbbbbbbbbbb' } },
    inputs: { load_balancer_security_group_id: 'sg-0bbbbbbbbbbbbbbbb' },
  },
  {
    title: 'service accounts, ipv6',
    variants: 'gcp-groups',
    config: {
      ipv6: true,
      gcp: { ...EXAMPLE.gcp, serviceAccounts: { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', adminHost: 'st-admin@my-project.iam.gserviceaccount.com' } },
    },
    inputs: {
      ipv6: true,
      service_accounts: { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', admin_host: 'st-admin@my-project.iam.gserviceaccount.com' },
    },
  },
  { title: 'extra rules (each source kind and protocol)', variants: 'all', config: { rules: EXTRA_ALLOWS }, inputs: { extra_rules: asInput(EXTRA_ALLOWS) } },
  {
    title: 'extra rules with ipv6, dual-stack hosts and IPv6 sources',
    variants: 'all',
    config: { ipv6: true, rules: EXTRA_IPV6, edge: { privateIps: DUAL_STACK.edge }, server: { privateIps: DUAL_STACK.server }, adminHost: { privateIps: DUAL_STACK.adminHost } },
    inputs: { ipv6: true, extra_rules: asInput(EXTRA_IPV6), edge_private_ips: DUAL_STACK.edge, server_private_ips: DUAL_STACK.server, admin_host_private_ips: DUAL_STACK.adminHost },
  },
  { title: 'extra deny rules', variants: 'not-aws', config: { rules: EXTRA_DENIES }, inputs: { extra_rules: asInput(EXTRA_DENIES) } },
  {
    title: 'extra rules, existing load balancer and admin-host groups, ipv6',
    variants: 'aws-groups',
    config: { ipv6: true, rules: EXTRA_IPV6, aws: { ...EXAMPLE.aws, adminHostSecurityGroupId: 'sg-0aaaaaaaaaaaaaaaa', loadBalancerSecurityGroupId: 'sg-0bbbbbbbbbbbbbbbb' } },
    inputs: { ipv6: true, extra_rules: asInput(EXTRA_IPV6), admin_host_security_group_id: 'sg-0aaaaaaaaaaaaaaaa', load_balancer_security_group_id: 'sg-0bbbbbbbbbbbbbbbb' },
  },
  {
    title: 'extra rules with service accounts, ipv6',
    variants: 'gcp-groups',
    config: {
      ipv6: true,
      rules: EXTRA_DENIES,
      gcp: { ...EXAMPLE.gcp, serviceAccounts: { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', adminHost: 'st-admin@my-project.iam.gserviceaccount.com' } },
    },
    inputs: {
      ipv6: true,
      extra_rules: asInput(EXTRA_DENIES),
      service_accounts: { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', admin_host: 'st-admin@my-project.iam.gserviceaccount.com' },
    },
  },
];

/** The module's inputs for the example config, as examples/<cloud>/main.tf passes them, with the scenario's on top. */
function moduleInputs(cloud: Cloud, icmp: 'native' | 'vendor', sources: 'cidr' | 'groups', scenario: Scenario): Inputs {
  const perCloud: Record<Cloud, Inputs> = {
    aws: { vpc_id: EXAMPLE.aws.vpcId },
    azure: { resource_group_name: EXAMPLE.azure.resourceGroupName, location: EXAMPLE.azure.location },
    gcp: { network: EXAMPLE.gcp.network },
  };
  const [from, to] = EXAMPLE.ftpPassivePorts.split('-').map(Number);
  const addresses = { edge_private_ips: EXAMPLE.edge.privateIps, server_private_ips: EXAMPLE.server.privateIps, admin_host_private_ips: EXAMPLE.adminHost.privateIps };
  const all: Inputs = { name: EXAMPLE.name, ...addresses, ftp_passive_ports: { from, to }, icmp_mode: icmp, ...perCloud[cloud], ...scenario.inputs };
  const declared = moduleDocuments(cloud, sources)['variables.tf'].variable as Record<string, Json>;
  // Inputs the module does not take (address lists in groups mode, tags on GCP) are left out; defaults fill the rest.
  return Object.fromEntries(Object.entries(declared).map(([name, v]) => [name, name in all ? all[name] : v.default]));
}

/**
 * The module as Terraform would expand it for these inputs: locals, count, for_each (one
 * instance per key) and every attribute evaluated by test/hcl-eval.ts; null attributes are unset.
 */
function expand(cloud: Cloud, inputs: Inputs, sources: 'cidr' | 'groups'): Record<string, Record<string, Json>> {
  const docs = moduleDocuments(cloud, sources);
  const scope: Scope = { var: inputs, local: {} };
  for (const [name, expr] of Object.entries((docs['main.tf'].locals ?? {}) as Record<string, string>)) scope.local[name] = evaluate(expr, scope);
  // Terraform treats a null argument as unset, in nested blocks too.
  const unsetNulls = (body: Json): Json =>
    Array.isArray(body) ? body.map(unsetNulls) : body && typeof body === 'object' ? Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null).map(([k, v]) => [k, unsetNulls(v)])) : body;
  const expanded: Record<string, Record<string, Json>> = {};
  for (const [type, byName] of Object.entries(docs['main.tf'].resource as Record<string, Record<string, Json>>)) {
    for (const [name, body] of Object.entries(byName)) {
      const { count, for_each: forEach, ...rest } = body;
      if (count !== undefined) {
        const n = evaluate(count, scope);
        expect([0, 1]).toContain(n);
        if (n === 0) continue;
      }
      expanded[type] ??= {};
      if (forEach === undefined) expanded[type][name] = unsetNulls(evaluate(rest, scope));
      else {
        // A set of strings (each.key = each.value) or a map.
        const items = evaluate(forEach, scope) as string[] | Record<string, Json>;
        const pairs: [string, Json][] = Array.isArray(items) ? items.map((item) => [item, item]) : Object.entries(items);
        for (const [key, value] of pairs) expanded[type][`${name}["${key}"]`] = unsetNulls(evaluate(rest, { ...scope, each: { key, value } }));
      }
    }
  }
  return expanded;
}

function outputsOf(cloud: Cloud, inputs: Inputs, sources: 'cidr' | 'groups'): Record<string, Json> {
  const output = moduleDocuments(cloud, sources)['outputs.tf'].output as Record<string, Json>;
  const scope: Scope = { var: inputs, local: {} };
  return Object.fromEntries(Object.entries(output).map(([name, o]) => [name, evaluate(o.value, scope)]).filter(([, v]) => v !== null));
}

describe.each(VARIANTS)('modules/%s expanded', (dirName, { cloud, sources }) => {
  const scenarios = SCENARIOS.filter((s) => s.variants === 'all' || s.variants === dirName || (s.variants === 'not-aws' && cloud !== 'aws'));
  describe.each(scenarios.map((s) => [s.title, s] as const))('with %s', (_title, scenario) => {
    describe.each(['native', 'vendor'] as const)('icmp_mode %s', (icmp) => {
      const config = validateConfig({ ...EXAMPLE, icmp, sources, ...scenario.config });
      let stack: Json;
      const inputs = moduleInputs(cloud, icmp, sources, scenario);
      const moduleResources = expand(cloud, inputs, sources);
      beforeAll(() => {
        const out = mkdtempSync(join(tmpdir(), 'st-module-'));
        try {
          synthApp(plan(config), [cloud], out);
          stack = JSON.parse(readFileSync(join(out, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
        } finally {
          rmSync(out, { recursive: true, force: true });
        }
      });
      const strip = (body: Json) => {
        const { '//': _metadata, ...rest } = body;
        return rest;
      };

      it('declares exactly the resources the stack declares, body for body', () => {
        for (const type of new Set([...Object.keys(stack.resource), ...Object.keys(moduleResources)])) {
          const fromStack = Object.values<Json>(stack.resource[type] ?? {}).map((b) => JSON.stringify(sortDeep(strip(b)))).sort();
          const fromModule = Object.values<Json>(moduleResources[type] ?? {}).map((b) => JSON.stringify(sortDeep(b))).sort();
          expect({ type, bodies: fromModule }).toEqual({ type, bodies: fromStack });
        }
      });

      it('has the stack\'s addresses, for_each instances standing for the per-CIDR resources', () => {
        const normal = (address: string) => stackAddress(address) ?? address.replace(/\["([^"]+)"\]$/, (_, cidr) => `_from_${cidr.replace(/[^A-Za-z0-9]+/g, '_')}`);
        expect(Object.keys(moduleResources).sort()).toEqual(Object.keys(stack.resource).sort());
        for (const type of Object.keys(stack.resource)) {
          expect(Object.keys(moduleResources[type]).map(normal).sort()).toEqual(Object.keys(stack.resource[type]).sort());
        }
      });

      it('has the stack\'s outputs, value for value', () => {
        expect(outputsOf(cloud, inputs, sources)).toEqual(Object.fromEntries(Object.entries<Json>(stack.output).map(([n, o]) => [n, o.value])));
      });

      it('gives the same effective access as the spec (the stacks\' evaluators, over the module)', () => {
        const tf = { resource: Object.fromEntries(Object.entries(moduleResources).map(([t, byName]) => [t, Object.fromEntries(Object.entries(byName).map(([n, b]) => [n.replace(/[^A-Za-z0-9_]+/g, '_'), b]))])) };
        const firewall = plan(config);
        const probes = probesFor(firewall);
        for (const group of PROTECTED_GROUPS) {
          const { mismatches, compared } = compareGroup(cloud, tf, firewall, group, probes, { vnetCidrs: ['10.0.0.0/16', 'fd00::/8', '2001:db8::/32'] });
          expect(compared).toBeGreaterThan(1000);
          expect(mismatches).toEqual([]);
        }
        expect(isDeepStrictEqual(Object.keys(tf.resource).sort(), Object.keys(stack.resource).sort())).toBe(true);
      });
    });
  });
});

// ---------------------------------------------------------------- extra_rules validations

describe('extra_rules validations refuse what the CLI refuses (conditions evaluated by test/hcl-eval.ts)', () => {
  const scenario = (rules: Record<string, Json>, inputs: Inputs): Scenario => ({ title: '', variants: 'all', config: {}, inputs: { ...inputs, extra_rules: rules } });
  /** The start of each failing message of extra_rules and max_rules_per_security_group (text before the first interpolation). */
  const failing = (cloud: Cloud, inputs: Inputs): string[] => {
    const variables = moduleDocuments(cloud)['variables.tf'].variable as Record<string, Json>;
    return ['extra_rules', 'max_rules_per_security_group'].flatMap((name) =>
      (variables[name]?.validation ?? []).filter((v: Json) => evaluate(v.condition, { var: inputs, local: {} }) !== true).map((v: Json) => v.error_message.split('${')[0]),
    );
  };
  const cliRefuses = (cloud: Cloud, rules: Record<string, Json>, inputs: Inputs): boolean => {
    const raw = { ...EXAMPLE, ...(inputs.ipv6 ? { ipv6: true } : {}), ...(inputs.name ? { name: inputs.name } : {}), rules: Object.entries(rules).map(([id, r]) => ({ id, ...r })) };
    try {
      return quotaIssues(plan(validateConfig(raw)), [cloud]).length > 0;
    } catch {
      return true;
    }
  };
  it.each(['aws', 'azure', 'gcp'] as const)('%s: accepts good rules, as the CLI does', (cloud) => {
    const inputs = moduleInputs(cloud, 'native', 'cidr', scenario(GOOD_RULES, { ipv6: true }));
    expect(failing(cloud, inputs)).toEqual([]);
    expect(cliRefuses(cloud, GOOD_RULES, { ipv6: true })).toBe(false);
  });
  const rows = EXTRA_RULE_CASES.flatMap(([clouds, rules, inputs, message]) => (clouds === 'all' ? (['aws', 'azure', 'gcp'] as const) : [clouds]).map((cloud) => [cloud, JSON.stringify(rules).slice(0, 80), rules, inputs, message] as const));
  it.each(rows)('%s: %s', (cloud, _shown, rules, inputs, message) => {
    expect(cliRefuses(cloud, rules, inputs)).toBe(true);
    const messages = failing(cloud, moduleInputs(cloud, 'native', 'cidr', scenario(rules, inputs)));
    expect({ messages, has: messages.some((m) => m.startsWith(message)) }).toEqual({ messages, has: true });
  });
});

function sortDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortDeep(value[k])]));
  return value;
}

describe('HCL as people write it', () => {
  it.each(VARIANTS)('modules/%s: count/for_each first, then arguments, nested blocks, tags, lifecycle', (dirName) => {
    const text = readFileSync(join(ROOT, 'modules', dirName, 'main.tf'), 'utf8');
    const blocks = text.split(/\n(?=resource )/).filter((b) => b.startsWith('resource '));
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) {
      // Top-level lines of the block body only (two-space indent), classified.
      const kinds = block
        .split('\n')
        .filter((line) => /^  [^ }#]/.test(line))
        .map((line) => (/^  (count|for_each) =/.test(line) ? 0 : /^  tags =/.test(line) ? 3 : /^  lifecycle \{/.test(line) ? 4 : /^  [a-z_]+ \{/.test(line) ? 2 : 1));
      expect({ block: block.split('\n')[0], kinds }).toEqual({ block: block.split('\n')[0], kinds: [...kinds].sort() });
    }
  });

  const terraform = (() => {
    try {
      execFileSync('terraform', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!terraform) console.warn('module.test.ts: no terraform binary on the PATH: `terraform fmt -check` on the modules and examples is skipped');
  (terraform ? it : it.skip)('is `terraform fmt` clean (real terraform fmt -check)', () => {
    const dirs = VARIANTS.flatMap(([d]) => [join(ROOT, 'modules', d), join(ROOT, 'examples', d)]);
    for (const dir of dirs) {
      expect({ dir, out: execFileSync('terraform', ['fmt', '-check', '-list=true', dir], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } }) }).toEqual({ dir, out: '' });
    }
  });
});

describe('scanner suppressions in the modules', () => {
  it.each(VARIANTS)('modules/%s: inline skips only on the resources of flagged vendor rules, with their reasons', (dirName, { cloud }) => {
    const text = readFileSync(join(ROOT, 'modules', dirName, 'main.tf'), 'utf8');
    const flagged = new Set(SCANNER_FINDINGS.filter((f) => f.cloud === cloud).flatMap((f) => f.rules));
    const chunks = text.split(/\n\n(?=#|resource )/);
    let skipped = 0;
    for (const chunk of chunks) {
      const ids = [...chunk.matchAll(/#(?:checkov:skip=|trivy:ignore:)([A-Z0-9_-]+)/g)].map((m) => m[1]);
      if (ids.length === 0) continue;
      skipped++;
      // Each skip line names its rule, and that rule is one the findings data lists for this cloud.
      const rules = [...chunk.matchAll(/#(?:checkov:skip=[A-Z0-9_]+:|\s*AVD-[A-Z]+-\d+: )([a-z0-9-]+):/g)].map((m) => m[1]);
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) expect(flagged).toContain(rule);
      expect(chunk).toMatch(/resource "/);
    }
    expect(skipped).toBeGreaterThan(0);
    // The public HTTP rule is flagged on every cloud.
    expect(text).toMatch(/#checkov:skip=CKV_(AWS_260|AZURE_160|GCP_106):edge-http: /);
  });
});

describe('st-firewall module --out DIR', () => {
  it('writes the committed modules anywhere', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../cli/main') as typeof import('../cli/main');
    const out = mkdtempSync(join(tmpdir(), 'st-module-cli-'));
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['module', '--out', join(out, 'mods'), '--cloud', 'azure'])).toBe(0);
      expect(readdirSync(join(out, 'mods')).sort()).toEqual(['.st-firewall-output', 'azure', 'azure-groups']);
      for (const name of readdirSync(join(ROOT, 'modules/azure'))) {
        expect(readFileSync(join(out, 'mods/azure', name), 'utf8')).toBe(readFileSync(join(ROOT, 'modules/azure', name), 'utf8'));
      }
    } finally {
      spy.mockRestore();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
