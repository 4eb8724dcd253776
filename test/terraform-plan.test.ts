/**
 * `st-firewall verify --plan` on plan and state JSON that needs no Terraform here: the
 * hand-written Azure and GCP fixtures (pass as written; each deliberate edit fails with its flow
 * named), the reader's handling of unknown values, configuration references, child modules and
 * count instances, and refusals (not plan JSON, a newer format, what it cannot resolve).
 * test/terraform.test.ts plans the AWS fixture and the stacks with real Terraform.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../cli/main';
import { readPlanJson, splitAddress, UNKNOWN } from '../src/sources/plan-json';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = resolve(__dirname, '..');
const CONFIG = join(ROOT, 'examples/st-prod.json');
const fixture = (cloud: string): Json => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/handwritten', cloud, 'plan.json'), 'utf8'));

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'st-plan-json-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI on a plan document; returns exit code and output. */
export async function verifyPlan(plan: Json, args: string[] = [], config = CONFIG): Promise<{ code: number; out: string; err: string }> {
  const file = join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof plan === 'string' ? plan : JSON.stringify(plan));
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((text) => ((out += String(text)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((text) => ((err += String(text)), true));
  try {
    const code = await main(['verify', '--config', config, '--plan', file, ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const AZURE_FLAGS = ['--edge-group', 'azurerm_network_security_group.st_edge', '--server-group', 'azurerm_network_security_group.st_server'];
const GCP_FLAGS = ['--edge-group', 'st-edge', '--server-group', 'st-server'];

/** Applies an edit to a resource's planned values (and its resource_changes `after`, as Terraform writes both). */
function edit(plan: Json, address: string, change: (values: Json) => void): Json {
  const copy = structuredClone(plan);
  const resource = copy.planned_values.root_module.resources.find((r: Json) => r.address === address);
  change(resource.values);
  const rc = copy.resource_changes.find((r: Json) => r.address === address);
  if (rc) rc.change.after = resource.values;
  return copy;
}
const azureRule = (values: Json, name: string) => values.security_rule.find((r: Json) => r.name === name);

describe('hand-written Azure NSGs with inline security_rule blocks (plan JSON)', () => {
  it('pass as written', async () => {
    const { code, out } = await verifyPlan(fixture('azure'), AZURE_FLAGS);
    expect(out).toMatch(/^azure: every packet compared \(\d+ cells\), effective access equals the spec$/m);
    expect(code).toBe(0);
  });

  it('without the deny-all: every VNet host reaches the Edges through AllowVnetInBound', async () => {
    const broken = edit(fixture('azure'), 'azurerm_network_security_group.st_edge', (v) => (v.security_rule = v.security_rule.filter((r: Json) => r.name !== 'deny-everything-else')));
    const { code, out } = await verifyPlan(broken, AZURE_FLAGS);
    expect(code).toBe(1);
    expect(out).toMatch(/azure edge: .*from 10\.0\.0\.0-10\.0\.1\.9.*expected deny .*got allow \(.*AllowVnetInBound/);
  });

  it('admin rule from the admin host\'s /24: the extra sources are named', async () => {
    const broken = edit(fixture('azure'), 'azurerm_network_security_group.st_edge', (v) => (azureRule(v, 'admin-host').source_address_prefix = '10.0.9.0/24'));
    const { code, out } = await verifyPlan(broken, AZURE_FLAGS);
    expect(code).toBe(1);
    expect(out).toMatch(/azure edge: tcp\/22 from 10\.0\.9\.0-10\.0\.9\.4, 10\.0\.9\.6-10\.0\.9\.255: expected deny \(spec:default-deny\), got allow \(azurerm_network_security_group\.st_edge security_rule\[2\] "admin-host"\)/);
  });

  it('UDP 10022 left out between Servers: the missing flow is named', async () => {
    const broken = edit(fixture('azure'), 'azurerm_network_security_group.st_server', (v) => (azureRule(v, 'cluster-udp').destination_port_ranges = ['8088-8093']));
    const { code, out } = await verifyPlan(broken, AZURE_FLAGS);
    expect(code).toBe(1);
    expect(out).toMatch(/azure server: udp\/10022 from 10\.0\.2\.10\/31: expected allow \(server-cache-udp\), got deny/);
  });

  it('inline rules and an azurerm_network_security_rule on one NSG: refused, not guessed', async () => {
    const plan = fixture('azure');
    const rule = { address: 'azurerm_network_security_rule.extra', mode: 'managed', type: 'azurerm_network_security_rule', name: 'extra', values: { ...azureRule(plan.planned_values.root_module.resources[0].values, 'public'), name: 'extra', priority: 150, network_security_group_name: 'hand-edge-nsg', resource_group_name: 'rg-securetransport' } };
    for (const key of Object.keys(rule.values)) if (rule.values[key] === '' || (Array.isArray(rule.values[key]) && rule.values[key].length === 0)) delete rule.values[key];
    plan.planned_values.root_module.resources.push(rule);
    const { code, out } = await verifyPlan(plan, AZURE_FLAGS);
    expect(code).toBe(1);
    expect(out).toMatch(/azure: cannot verify: azurerm_network_security_rule\.extra: an azurerm_network_security_rule on azurerm_network_security_group\.st_edge, which has inline security_rule blocks/);
  });

  it('without outputs or flags it says which flag names the groups', async () => {
    const { code, out } = await verifyPlan(fixture('azure'));
    expect(code).toBe(1);
    expect(out).toMatch(/azure: cannot verify: no output edge_network_security_group_id says what protects the edge hosts: pass --edge-group/);
  });
});

describe('a hand-written GCP firewall set (plan JSON, and the same as state JSON)', () => {
  it('passes as written', async () => {
    const { code, out } = await verifyPlan(fixture('gcp'), GCP_FLAGS);
    expect(out).toMatch(/^gcp: every packet compared \(\d+ cells\), effective access equals the spec$/m);
    expect(code).toBe(0);
  });

  it('passes as state JSON (`terraform show -json` without a plan file: values.root_module)', async () => {
    const plan = fixture('gcp');
    const state = { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: plan.planned_values.root_module.resources.map((r: Json) => ({ ...r, values: { ...r.values, id: `projects/my-project/global/firewalls/${r.values.name}` } })) } } };
    const { code, out } = await verifyPlan(state, GCP_FLAGS);
    expect(out).toMatch(/effective access equals the spec/);
    expect(code).toBe(0);
  });

  it('TCP 8080 added to the public rule: the open flow is named', async () => {
    const broken = edit(fixture('gcp'), 'google_compute_firewall.edge_public', (v) => v.allow[0].ports.push('8080'));
    const { code, out } = await verifyPlan(broken, GCP_FLAGS);
    expect(code).toBe(1);
    expect(out).toMatch(/gcp edge: tcp\/8080 from 0\.0\.0\.0\/0: expected deny \(spec:default-deny\), got allow \(google_compute_firewall\.edge_public "hand-edge-public"\)/);
  });

  it('the Servers\' deny-all moved above their allows: the cluster flows are named as denied', async () => {
    const broken = edit(fixture('gcp'), 'google_compute_firewall.server_deny', (v) => (v.priority = 900));
    const { code, out } = await verifyPlan(broken, GCP_FLAGS);
    expect(code).toBe(1);
    expect(out).toMatch(/gcp server: tcp\/444 from 10\.0\.9\.5\/32: expected allow \(server-admin-tool\), got deny \(google_compute_firewall\.server_deny "hand-server-deny-all"\)/);
  });
});

/** A plan of an AWS group in a counted child module, its rule's security_group_id known only after apply. */
function awsPlan(reference: string[], callExpressions: Json = {}): Json {
  const sg = { address: 'module.fw[0].aws_security_group.edge', mode: 'managed', type: 'aws_security_group', name: 'edge', index: 0, values: { name: 'edge', description: 'x', vpc_id: 'vpc-1' } };
  const rule = (name: string, values: Json) => ({ address: `module.fw[0].aws_vpc_security_group_ingress_rule.${name}`, mode: 'managed', type: 'aws_vpc_security_group_ingress_rule', name, values });
  const rules = [rule('https', { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0', tags_all: {} })];
  return {
    format_version: '1.2',
    planned_values: { root_module: { child_modules: [{ address: 'module.fw[0]', resources: [sg, ...rules] }] } },
    resource_changes: [{ address: rules[0].address, change: { actions: ['create'], after: rules[0].values, after_unknown: { id: true, security_group_id: true, arn: true } } }],
    configuration: {
      root_module: {
        module_calls: {
          fw: { count_expression: { constant_value: 1 }, expressions: callExpressions, module: { resources: [{ address: 'aws_security_group.edge', mode: 'managed', expressions: {} }, { address: 'aws_vpc_security_group_ingress_rule.https', mode: 'managed', expressions: { security_group_id: { references: reference } } }] } },
        },
      },
    },
  };
}

describe('the plan JSON reader', () => {
  it('puts unknowns back and resolves them through the configuration, in the module instance', () => {
    const input = readPlanJson(awsPlan(['aws_security_group.edge.id', 'aws_security_group.edge']));
    const rule = input.resources.find((r) => r.type === 'aws_vpc_security_group_ingress_rule')!;
    expect(rule.body.security_group_id).toBe(UNKNOWN);
    expect(input.resolve(rule.body.security_group_id, { address: rule.address, field: 'security_group_id', attribute: 'id' })).toBe('module.fw[0].aws_security_group.edge');
    expect(() => input.resolve(rule.body.security_group_id, { address: rule.address, field: 'security_group_id', attribute: 'name' })).toThrow(/references aws_security_group\.edge\.id, not \.name/);
  });

  it('leaves a value it cannot trace unresolved (a variable could carry any group)', () => {
    const input = readPlanJson(awsPlan(['var.group_id']));
    const rule = input.resources.find((r) => r.type === 'aws_vpc_security_group_ingress_rule')!;
    expect(input.resolve(rule.body.security_group_id, { address: rule.address, field: 'security_group_id', attribute: 'id' })).toBeUndefined();
  });

  it('resolves through a conditional on a variable the module call leaves at its default or sets to a constant, not one it sets from references', () => {
    const conditional = ['var.group_id', 'aws_security_group.edge.id', 'aws_security_group.edge'];
    const resolved = (callExpressions: Json) => {
      const input = readPlanJson(awsPlan(conditional, callExpressions));
      const rule = input.resources.find((r) => r.type === 'aws_vpc_security_group_ingress_rule')!;
      return input.resolve(rule.body.security_group_id, { address: rule.address, field: 'security_group_id', attribute: 'id' });
    };
    expect(resolved({})).toBe('module.fw[0].aws_security_group.edge');
    expect(resolved({ group_id: { constant_value: null } })).toBe('module.fw[0].aws_security_group.edge');
    expect(resolved({ group_id: { references: ['aws_security_group.other.id', 'aws_security_group.other'] } })).toBeUndefined();
  });

  it('splits instance addresses into module instance, module path and resource', () => {
    expect(splitAddress('module.a["x.y"].module.b[0].aws_x.y[2]')).toEqual({ module: 'module.a["x.y"].module.b[0]', configModule: 'module.a.module.b', local: 'aws_x.y' });
    expect(splitAddress('aws_x.y["10.0.1.10/32"]')).toEqual({ module: '', configModule: '', local: 'aws_x.y' });
  });

  it('verify reports the unresolved group instead of guessing it', async () => {
    const { code, out } = await verifyPlan(awsPlan(['var.group_id']), ['--cloud', 'aws', '--edge-group', 'module.fw[0].aws_security_group.edge', '--server-group', 'module.fw[0].aws_security_group.edge']);
    expect(code).toBe(1);
    expect(out).toMatch(/aws: cannot verify: module\.fw\[0\]\.aws_vpc_security_group_ingress_rule\.https: security_group_id "\$\{\(known after apply\)\}" cannot be resolved/);
  });

  it('an inline security_groups entry known only after apply is reported (inline blocks merge their references)', async () => {
    const sg = (name: string, ingress: Json[]) => ({ address: `aws_security_group.${name}`, mode: 'managed', type: 'aws_security_group', name, values: { name, ingress, egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }] } });
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [sg('edge', [{ protocol: 'tcp', from_port: 20080, to_port: 20080, cidr_blocks: [], self: false }]), sg('server', [])] } },
      resource_changes: [{ address: 'aws_security_group.edge', change: { actions: ['create'], after_unknown: { id: true, ingress: [{ cidr_blocks: [], security_groups: [true] }] } } }],
      configuration: { root_module: { resources: [{ address: 'aws_security_group.edge', mode: 'managed', expressions: { ingress: { references: ['aws_security_group.server.id', 'aws_security_group.server'] } } }, { address: 'aws_security_group.server', mode: 'managed', expressions: {} }] } },
    };
    const { code, out } = await verifyPlan(plan, ['--edge-group', 'aws_security_group.edge', '--server-group', 'aws_security_group.server']);
    expect(code).toBe(1);
    expect(out).toMatch(/aws: cannot verify: aws_security_group\.edge ingress\[0\]: security_groups\[0\] is known only after apply/);
  });

  it('refuses what is not `terraform show -json` output, and a newer major format, with exit 2', async () => {
    expect(await verifyPlan('{"resource": {}}')).toMatchObject({ code: 2, err: expect.stringMatching(/--plan .*: not the output of `terraform show -json`/) });
    expect(await verifyPlan({ format_version: '2.0', planned_values: { root_module: {} } })).toMatchObject({ code: 2, err: expect.stringMatching(/format_version 2\.0/) });
    expect(await verifyPlan('not json')).toMatchObject({ code: 2, err: expect.stringMatching(/--plan .*plan-.*\.json: /) });
    expect(await verifyPlan(fixture('gcp'), ['--cloud', 'aws'])).toMatchObject({ code: 2, err: expect.stringMatching(/no aws_security_group, .* resources in this plan/) });
    expect(await verifyPlan(fixture('gcp'), ['--members', 'x=admins'])).toMatchObject({ code: 2, err: expect.stringMatching(/--members "x=admins": expected KEY=edge/) });
  });
});
