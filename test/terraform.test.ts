/**
 * Real Terraform (1.11, hashicorp/aws 5.100.0 from the offline mirror) on what the project
 * writes: `fmt -check` on the modules and examples; every AWS stack variant of the matrix and
 * the AWS modules through their examples, validated and planned, their planned resources equal
 * to the stack's address for address and value for value; the Azure and GCP modules evaluated
 * by Terraform on a terraform_data copy (variables, validations, locals, count, for_each) and
 * compared with their stacks; every bad input of test/module-validations.ts refused at plan with
 * its message on all six modules. All Terraform work runs once in beforeAll, at most two
 * commands at a time, one root per kind (stack variants and extra module calls as child modules
 * of it), so the whole file costs a handful of provider loads. Without terraform or the mirror
 * it is skipped with one line saying so.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUDS, Cloud } from '../src/clouds';
import { validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { OUTPUT_MARKER } from '../src/output/marker';
import { synthApp } from '../stacks/app';
import { moduleDocuments } from '../stacks/module';
import { BAD_INPUTS, BadInput } from './module-validations';
import { extraRuleStackName } from './extra-rule-addresses';
import { dataName, originalAddress, terraformDataModule } from './terraform-data-module';
import {
  copyFromRepo, diagnostics, Diagnostic, FAKE_AWS_PROVIDER, init, MIRROR_AWS_VERSION, PlanJson, planResources, PlanResource, pool, recordCheck, recordSkip,
  ROOT, scratchDir, terraform, TerraformEnv, terraformEnv, validateAndPlan, writeJson,
} from './terraform-harness';
import { EXAMPLE, INPUTS_TO_COME, moduleDir, moduleInputs, sourcesOf, VARIANTS } from './terraform-matrix';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const found = terraformEnv();
const missing = 'missing' in found ? found.missing : undefined;
if (missing) {
  console.warn(`real-Terraform tests skipped: ${missing}`);
  recordSkip(missing);
}
const env = found as TerraformEnv;
const describeTf = missing ? describe.skip : describe;
const MODULE_DIRS = CLOUDS.flatMap((cloud) => [moduleDir(cloud, 'cidr'), moduleDir(cloud, 'groups')]);
const cloudOfDir = (dir: string) => dir.replace(/-groups$/, '') as Cloud;
const sourcesOfDir = (dir: string) => (dir.endsWith('-groups') ? 'groups' : 'cidr');
const callName = (dir: string, suffix: string) => `${dir.replace(/-/g, '_')}_${suffix}`;

/** The stack as a test copy: the mirror's provider version, the fake-credential provider block, no backend (init -backend=false). */
export function awsTestCopy(stack: Json): Json {
  const { backend: _backend, ...terraformBlock } = stack.terraform;
  return {
    ...stack,
    terraform: { ...terraformBlock, required_providers: { ...terraformBlock.required_providers, aws: { ...terraformBlock.required_providers.aws, version: MIRROR_AWS_VERSION } } },
    provider: { aws: [FAKE_AWS_PROVIDER] },
  };
}

/** "module.v.aws_x.y[\"10.0.1.10/32\"]" -> "aws_x.y_from_10_0_1_10_32" (the stack's per-CIDR name); count's [0] dropped. */
function stackAddress(address: string): string {
  const local = address.replace(/^(module\.[^.]+\.)+/, '');
  const dot = local.indexOf('.');
  // Extra rules: the module keys them by rule id (and CIDR); the stack names them after both.
  const extra = extraRuleStackName(local.slice(dot + 1));
  if (extra !== undefined) return `${local.slice(0, dot)}.${extra}`;
  return local
    .replace(/\["([^"]+)"\]$/, (_, key) => `_from_${key.replace(/[^A-Za-z0-9]+/g, '_')}`)
    .replace(/\[0\]$/, '');
}

function variableNames(dir: string): string[] {
  return [...readFileSync(join(ROOT, 'modules', dir, 'variables.tf'), 'utf8').matchAll(/^variable "([^"]+)"/gm)].map((m) => m[1]);
}

/** Every (variable, error_message) of a module's validation blocks, and every precondition's message. */
function claimedChecks(dir: string): { variable: string; message: string }[] {
  const docs: Json = moduleDocuments(cloudOfDir(dir), sourcesOfDir(dir));
  const fromVariables = Object.entries<Json>(docs['variables.tf'].variable).flatMap(([variable, body]) => (body.validation ?? []).map((v: Json) => ({ variable, message: v.error_message as string })));
  const fromResources = Object.values<Json>(docs['main.tf'].resource ?? {}).flatMap((byName) =>
    Object.values<Json>(byName).flatMap((body) => [body.lifecycle ?? []].flat().flatMap((l: Json) => [l.precondition ?? []].flat().map((p: Json) => ({ variable: '(precondition)', message: p.error_message as string })))),
  );
  return [...fromVariables, ...fromResources];
}

/**
 * Whether the validation a row targets names another input (var.ipv6, another host list).
 * Terraform 1.11 checks those after the validations naming only their own variable, and not
 * at all once one of those failed anywhere in the configuration: such rows get their own root.
 */
function crossVariable(dir: string, row: BadInput): boolean {
  const docs: Json = moduleDocuments(cloudOfDir(dir), sourcesOfDir(dir));
  const rule = (docs['variables.tf'].variable[row.variable]?.validation ?? []).find((v: Json) => (v.error_message as string).startsWith(row.message));
  return [...String(rule?.condition ?? '').matchAll(/\bvar\.([a-z_0-9]+)/g)].some((m) => m[1] !== row.variable);
}

const rowsFor = (dir: string): BadInput[] => BAD_INPUTS.filter((row) => (row.modules ? row.modules.includes(dir) : variableNames(dir).includes(row.variable)));

// ------------------------------------------------------------------ the Terraform runs

interface Outcome<T> {
  value?: T;
  error?: Error;
}
const settle = async <T>(job: () => Promise<T>): Promise<Outcome<T>> => {
  try {
    return { value: await job() };
  } catch (error) {
    return { error: error as Error };
  }
};
const get = <T>(outcome: Outcome<T> | undefined): T => {
  if (!outcome) throw new Error('beforeAll did not run');
  if (outcome.error) throw outcome.error;
  return outcome.value as T;
};

/** Synthesized stacks per variant and cloud. */
const stacks = new Map<string, Record<Cloud, Json>>();
/** Module calls that could not be made: the variant needs inputs the module does not have yet. */
const notCovered: string[] = [];
let scratch: string;
let stackPlan: Outcome<PlanJson>;
const examplePlans = new Map<string, Outcome<PlanJson>>();
let dataPlan: Outcome<PlanJson>;
let fixturePlan: Outcome<string>;
const planFiles = new Map<string, string>();
/** The bad-input plans: one root of rows whose validations name only their own variable, one of the others. */
const validationAws: Outcome<Diagnostic[]>[] = [];
const validationData: Outcome<Diagnostic[]>[] = [];

function synthVariants(): void {
  const out = join(scratch, 'synth');
  for (const { id, raw } of VARIANTS) {
    mkdirSync(join(out, id), { recursive: true });
    synthApp(plan(validateConfig(raw)), CLOUDS, join(out, id));
    stacks.set(id, Object.fromEntries(CLOUDS.map((c) => [c, JSON.parse(readFileSync(join(out, id, 'stacks', c, 'cdk.tf.json'), 'utf8'))])) as Record<Cloud, Json>);
  }
}

/**
 * One root; each variant's AWS stack (its test copy) is a child module in its own directory. The
 * provider block moves to the root, so one provider process serves every variant.
 */
async function planStacks(): Promise<PlanJson> {
  const root = join(scratch, 'aws-stacks');
  for (const { id } of VARIANTS) {
    const { provider, ...child } = awsTestCopy(stacks.get(id)!.aws);
    writeJson(join(root, id, 'main.tf.json'), child);
    writeJson(join(root, 'main.tf.json'), { provider, module: Object.fromEntries(VARIANTS.map((v) => [v.id, { source: `./${v.id}` }])) });
  }
  await init(root, env);
  const { plan: planned, file } = await validateAndPlan(root);
  planFiles.set('stacks', file);
  return planned;
}

/** Module calls of `dir` for every variant in its sources mode, with that variant's inputs. */
function variantCalls(dir: string, source: string, skip: readonly string[] = []): Record<string, Json> {
  const calls: Record<string, Json> = {};
  const cloud = cloudOfDir(dir);
  for (const { id, raw } of VARIANTS) {
    if (sourcesOf(raw, cloud) !== sourcesOfDir(dir) || skip.includes(id)) continue;
    const made = moduleInputs(cloud, raw, variableNames(dir));
    if ('lacks' in made) notCovered.push(`modules/${dir} × ${id} (no input ${made.lacks.join(', ')})`);
    else calls[`v_${id}`] = { source, ...made.inputs };
  }
  return calls;
}

/** A module call left out: only for inputs no module has yet, and said in the not-covered line. */
function expectNotCoveredForInputsToCome(dir: string, id: string): void {
  const lacks = moduleInputs(cloudOfDir(dir), VARIANTS.find((v) => v.id === id)!.raw, variableNames(dir));
  expect({ dir, id, lacks: 'lacks' in lacks ? lacks.lacks.filter((input) => !INPUTS_TO_COME.includes(input)) : 'has every input' }).toEqual({ dir, id, lacks: [] });
  expect(notCovered).toContain(`modules/${dir} × ${id} (no input ${(lacks as { lacks: string[] }).lacks.join(', ')})`);
}

const exampleVariant = (dir: string) => (sourcesOfDir(dir) === 'cidr' ? 'native' : 'groups');

/** examples/<aws dir> as written (its provider block swapped for the fake one) plus one call per variant. */
async function planExample(dir: string): Promise<PlanJson> {
  const root = join(scratch, `example-${dir}`);
  copyFromRepo(`modules/${dir}`, root);
  const example = copyFromRepo(`examples/${dir}`, root);
  const main = readFileSync(join(example, 'main.tf'), 'utf8');
  const withoutProvider = main.replace(/^provider "aws" \{\n(?:.*\n)*?\}\n/m, '');
  if (withoutProvider === main) throw new Error(`examples/${dir}/main.tf: no provider "aws" block to replace`);
  writeFileSync(join(example, 'main.tf'), withoutProvider);
  writeJson(join(example, 'test_provider.tf.json'), { provider: { aws: [FAKE_AWS_PROVIDER] } });
  // The example's own call is the example config's variant.
  const calls = variantCalls(dir, `../../modules/${dir}`, [exampleVariant(dir)]);
  if (Object.keys(calls).length > 0) writeJson(join(example, 'test_variants.tf.json'), { module: calls });
  await init(example, env);
  const { plan: planned, file } = await validateAndPlan(example, false);
  planFiles.set(dir, file);
  return planned;
}

/** test/fixtures/handwritten/aws (hand-written Terraform), planned as it is: the plan JSON file. */
async function planFixture(): Promise<string> {
  const root = copyFromRepo('test/fixtures/handwritten/aws', scratch);
  await init(root, env);
  return (await validateAndPlan(root, false)).file;
}

/** The Azure and GCP modules as terraform_data copies, called with every variant's inputs. */
async function planDataModules(): Promise<PlanJson> {
  const root = join(scratch, 'data-modules');
  const calls: Record<string, Json> = {};
  for (const dir of MODULE_DIRS.filter((d) => cloudOfDir(d) !== 'aws')) {
    for (const [file, doc] of Object.entries(terraformDataModule(moduleDocuments(cloudOfDir(dir), sourcesOfDir(dir))))) writeJson(join(root, 'modules', dir, file), doc);
    for (const [name, call] of Object.entries(variantCalls(dir, `./modules/${dir}`))) calls[`${dir.replace(/-/g, '_')}__${name}`] = call;
  }
  writeJson(join(root, 'main.tf.json'), { module: calls });
  await init(root, env);
  return (await validateAndPlan(root)).plan;
}

/**
 * Bad inputs of the modules of one root: the AWS modules as they are (with the provider), or the
 * others as terraform_data copies. One good call and one call per row; Terraform reports every
 * call's failed validations in one plan, each diagnostic naming its module call.
 */
async function planBadInputs(dirs: readonly string[], name: string, cross: boolean): Promise<Diagnostic[]> {
  const root = join(scratch, name);
  const calls: Record<string, Json> = {};
  for (const dir of dirs) {
    if (cloudOfDir(dir) === 'aws') copyFromRepo(`modules/${dir}`, root);
    else for (const [file, doc] of Object.entries(terraformDataModule(moduleDocuments(cloudOfDir(dir), sourcesOfDir(dir))))) writeJson(join(root, 'modules', dir, file), doc);
    const base = moduleInputs(cloudOfDir(dir), { ...EXAMPLE, sources: sourcesOfDir(dir) }, variableNames(dir));
    if ('lacks' in base) throw new Error(`modules/${dir}: the example config needs inputs ${base.lacks.join(', ')}`);
    calls[callName(dir, 'ok')] = { source: `./modules/${dir}`, ...base.inputs };
    rowsFor(dir).forEach((row, i) => {
      if (crossVariable(dir, row) === cross) calls[callName(dir, `bad${i}`)] = { source: `./modules/${dir}`, ...base.inputs, ...row.also, [row.variable]: row.value };
    });
  }
  const aws = dirs.some((dir) => cloudOfDir(dir) === 'aws');
  writeJson(join(root, 'main.tf.json'), {
    module: calls,
    ...(aws ? { provider: { aws: [FAKE_AWS_PROVIDER] }, terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: MIRROR_AWS_VERSION } } } } : {}),
  });
  await init(root, env);
  const result = await terraform(root, ['plan', '-input=false', '-refresh=false', '-lock=false', '-json', '-parallelism=4']);
  if (result.code === 0) throw new Error(`${name}: terraform plan accepted every bad input`);
  return diagnostics(result.stdout);
}

describeTf(`real Terraform (${env.version ?? ''}, hashicorp/aws ${MIRROR_AWS_VERSION} from the mirror)`, () => {
  beforeAll(async () => {
    scratch = scratchDir('matrix');
    synthVariants();
    const jobs: (() => Promise<void>)[] = [
      async () => void (stackPlan = await settle(planStacks)),
      ...[false, true].flatMap((cross) => [
        async () => void validationAws.push(await settle(() => planBadInputs(MODULE_DIRS.filter((d) => cloudOfDir(d) === 'aws'), `validation-aws${cross ? '-cross' : ''}`, cross))),
        async () => void validationData.push(await settle(() => planBadInputs(MODULE_DIRS.filter((d) => cloudOfDir(d) !== 'aws'), `validation-data${cross ? '-cross' : ''}`, cross))),
      ]),
      ...['aws', 'aws-groups'].map((dir) => async () => void examplePlans.set(dir, await settle(() => planExample(dir)))),
      async () => void (dataPlan = await settle(planDataModules)),
      async () => void (fixturePlan = await settle(planFixture)),
    ];
    await pool(jobs, 2, (job) => job());
    if (notCovered.length > 0) console.warn(`module variants not planned (inputs #14 adds): ${notCovered.join('; ')}`);
  }, 400_000);
  afterAll(() => {
    if (scratch && !process.env.KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
  });

  it('terraform fmt -check -recursive: modules/ and examples/ are formatted', async () => {
    for (const dir of ['modules', 'examples']) {
      const result = await terraform(ROOT, ['fmt', '-check', '-recursive', '-diff', '-no-color', dir]);
      expect({ dir, code: result.code, diff: result.stdout }).toEqual({ dir, code: 0, diff: '' });
    }
    recordCheck('fmt');
  });

  describe.each(VARIANTS.map((v) => [v.id]))('AWS stack %s', (id) => {
    const planned = () => planResources(get(stackPlan).planned_values?.root_module).filter((r) => r.address.startsWith(`module.${id}.`));

    it('validates and plans: exactly the stack\'s resources, every one created', () => {
      const stack = stacks.get(id)!.aws;
      const addresses = Object.entries<Json>(stack.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
      expect(planned().map((r) => stackAddress(r.address)).sort()).toEqual(addresses.sort());
      const changes = (get(stackPlan).resource_changes ?? []).filter((c) => c.address.startsWith(`module.${id}.`));
      expect(changes.length).toBe(addresses.length);
      for (const change of changes) expect({ address: change.address, actions: change.change.actions }).toEqual({ address: change.address, actions: ['create'] });
      recordCheck(`aws stack ${id}: plan`);
    });

    it('plans every literal argument as the stack writes it (references are known after apply)', () => {
      const stack = stacks.get(id)!.aws;
      for (const resource of planned()) {
        const body = stack.resource[resource.type][resource.name];
        for (const [key, value] of Object.entries<Json>(body)) {
          if (key === '//' || (typeof value === 'string' && value.includes('${'))) continue;
          expect({ address: resource.address, key, value: resource.values[key] }).toEqual({ address: resource.address, key, value });
        }
      }
      recordCheck(`aws stack ${id}: values`);
    });
  });

  describe.each(['aws', 'aws-groups'].map((d) => [d, d]))('examples/%s with modules/%s', (dir) => {
    const resourcesOf = (call: string) => planResources(get(examplePlans.get(dir)).planned_values?.root_module).filter((r) => r.address.startsWith(`module.${call}.`));
    const stackPlanned = (id: string) => new Map(planResources(get(stackPlan).planned_values?.root_module).filter((r) => r.address.startsWith(`module.${id}.`)).map((r) => [stackAddress(r.address), r]));
    const same = (call: string, id: string) => {
      const fromStack = stackPlanned(id);
      const fromModule = resourcesOf(call);
      expect(fromModule.map((r) => stackAddress(r.address)).sort()).toEqual([...fromStack.keys()].sort());
      for (const r of fromModule) expect({ address: r.address, values: r.values }).toEqual({ address: r.address, values: fromStack.get(stackAddress(r.address))!.values });
    };

    it('the example as committed plans what the example config\'s stack plans, address for address and value for value', () => {
      same('securetransport_firewall', exampleVariant(dir));
      recordCheck(`examples/${dir}`);
    });

    const ids = VARIANTS.filter((v) => sourcesOf(v.raw, 'aws') === sourcesOfDir(dir) && v.id !== exampleVariant(dir)).map((v) => [v.id]);
    it.each(ids)('with variant %s\'s inputs: the variant\'s stack, resource for resource (where the module has the inputs)', (id) => {
      const planned = (get(examplePlans.get(dir)).planned_values?.root_module.child_modules ?? []).some((m) => m.address === `module.v_${id}`);
      if (!planned) {
        expectNotCoveredForInputsToCome(dir, id);
        return;
      }
      same(`v_${id}`, id);
      recordCheck(`modules/${dir} × ${id}`);
    });
  });

  describe.each(MODULE_DIRS.filter((d) => cloudOfDir(d) !== 'aws').map((d) => [d]))('modules/%s evaluated by Terraform (terraform_data copy)', (dir) => {
    const cloud = cloudOfDir(dir);
    const ids = VARIANTS.filter((v) => sourcesOf(v.raw, cloud) === sourcesOfDir(dir)).map((v) => [v.id]);
    it.each(ids)('with variant %s\'s inputs: every resource of the stack, its arguments as the stack writes them', (id) => {
      const call = `module.${dir.replace(/-/g, '_')}__v_${id}`;
      const child = (get(dataPlan).planned_values?.root_module.child_modules ?? []).find((m) => m.address === call);
      if (!child) {
        expectNotCoveredForInputsToCome(dir, id);
        return;
      }
      const stack = stacks.get(id)![cloud];
      const fromStack = new Map(Object.entries<Json>(stack.resource).flatMap(([type, byName]) => Object.entries<Json>(byName).map(([name, { '//': _m, ...body }]) => [`${type}.${name}`, body])));
      // A null argument is an unset one (the module writes `x = cond ? null : ...` where the stack leaves x out).
      // A null argument is an unset one (nested blocks too); a reference is compared by the
      // stack tests, not here (the module picks it with a conditional where the stack names it).
      const isReference = (v: Json): boolean => (typeof v === 'string' && v.includes('${')) || (Array.isArray(v) && v.length > 0 && v.every(isReference));
      const unsetDropped = (input: Json): Json =>
        Array.isArray(input) ? input.map(unsetDropped) : input && typeof input === 'object' ? Object.fromEntries(Object.entries<Json>(input).filter(([, v]) => v !== null && !isReference(v)).map(([k, v]) => [k, unsetDropped(v)])) : input;
      const fromModule = planResources(child).map((r: PlanResource) => [stackAddress(originalAddress(r.address)), unsetDropped(r.values.input)] as const);
      expect(fromModule.map(([a]) => a).sort()).toEqual([...fromStack.keys()].sort());
      for (const [address, input] of fromModule) expect({ address, input }).toEqual({ address, input: unsetDropped(fromStack.get(address)) });
      recordCheck(`modules/${dir} × ${id} (terraform_data)`);
    });
  });

  describe.each(MODULE_DIRS.map((d) => [d]))('modules/%s: bad inputs fail terraform plan with their message', (dir) => {
    const of = (call: string) => {
      const outcomes = cloudOfDir(dir) === 'aws' ? validationAws : validationData;
      if (outcomes.length !== 2) throw new Error('beforeAll did not plan both bad-input roots');
      return outcomes.flatMap((o) => get(o)).filter((d) => d.context === `module.${call}` && d.severity === 'error');
    };

    it('the example inputs plan without error', () => {
      expect(of(callName(dir, 'ok')).map((d) => d.detail)).toEqual([]);
      recordCheck(`modules/${dir} good inputs`);
    });

    it('every validation block and precondition has a row in test/module-validations.ts', () => {
      const rows = rowsFor(dir);
      for (const { variable, message } of claimedChecks(dir)) {
        expect({ variable, message, rows: rows.filter((r) => (r.variable === variable || variable === '(precondition)') && message.startsWith(r.message)).length > 0 }).toEqual({ variable, message, rows: true });
      }
    });

    it.each(rowsFor(dir).map((row, i) => [`${row.variable} = ${JSON.stringify(row.value)}`, i, row] as const))('%s', (_name, i, row) => {
      const details = of(callName(dir, `bad${i}`)).map((d) => d.detail);
      expect({ details, refused: details.some((d) => d.startsWith(row.message)) }).toMatchObject({ refused: true });
      recordCheck(`modules/${dir} refuses ${row.variable}`);
    });
  });

  describe('st-firewall verify --plan on real plans', () => {
    const configFile = (id: string) => {
      const file = join(scratch, `config-${id}.json`);
      writeFileSync(file, JSON.stringify(VARIANTS.find((v) => v.id === id)!.raw));
      return file;
    };
    const groups = (prefix: string) => ['--edge-group', `${prefix}aws_security_group.edge`, '--server-group', `${prefix}aws_security_group.server`];

    it.each(VARIANTS.map((v) => [v.id]))('the %s stack\'s real plan gives the report verify gives on the stack itself', async (id) => {
      get(stackPlan);
      const fromPlan = await runCli(['verify', '--config', configFile(id), '--plan', planFiles.get('stacks')!, '--cloud', 'aws', ...groups(`module.${id}.`)]);
      const fromStack = await runCli(['verify', '--config', configFile(id), '--stacks', join(scratch, 'synth', id), '--cloud', 'aws']);
      expect(fromPlan.out).toMatch(/^aws: every packet compared \(\d+ cells\), /m);
      expect({ code: fromPlan.code, out: fromPlan.out.split(`module.${id}.`).join('') }).toEqual({ code: fromStack.code, out: fromStack.out });
      recordCheck(`verify --plan stack ${id}`);
    });

    it.each(['aws', 'aws-groups'].map((d) => [d]))('examples/%s: found through the example\'s outputs, no flags', async (dir) => {
      get(examplePlans.get(dir));
      const result = await runCli(['verify', '--config', configFile(exampleVariant(dir)), '--plan', planFiles.get(dir)!]);
      if (/extra_from\[/.test(result.out)) {
        // Known gap: the module picks an extra rule's security group with a conditional on
        // each.value.group, which the plan reader reports instead of guessing.
        console.warn(`verify --plan examples/${dir}: extra_rules instances are reported as not resolvable (conditional security_group_id)`);
        expect(result.out).toMatch(/^aws: cannot verify: .*extra_from\[.*security_group_id .*cannot be resolved/m);
        expect(result.code).toBe(1);
      } else {
        expect(result.out).toMatch(/^aws: every packet compared \(\d+ cells\), effective access equals the spec$/m);
        expect(result.code).toBe(0);
      }
      recordCheck(`verify --plan examples/${dir}`);
    });

    it.each([['inline'], ['rules']])('test/fixtures/handwritten/aws: the correct call %s passes', async (call) => {
      const result = await runCli(['verify', '--config', configFile('native'), '--plan', get(fixturePlan), ...groups(`module.${call}.`)]);
      expect(result.out).toMatch(/^aws: every packet compared \(\d+ cells\), effective access equals the spec$/m);
      expect(result.code).toBe(0);
      recordCheck(`verify --plan handwritten aws ${call}`);
    });

    it.each([
      ['inline_admin_subnet', /aws edge: tcp\/22 from 10\.0\.9\.0-10\.0\.9\.4, 10\.0\.9\.6-10\.0\.9\.255: expected deny \(spec:default-deny\), got allow \(module\.inline_admin_subnet\.aws_security_group\.edge ingress\[\d+\]/],
      ['inline_passive_short', /aws edge: tcp\/30051-30100 from 0\.0\.0\.0\/0: expected allow \(edge-ftp-passive-data\), got deny \(aws:default-deny\)/],
      ['rules_debug_port', /aws edge: tcp\/8080 from 0\.0\.0\.0\/0: expected deny \(spec:default-deny\), got allow \(module\.rules_debug_port\.aws_security_group_rule\.edge_debug\[0\]\)/],
    ])('test/fixtures/handwritten/aws: %s fails with the flow named', async (call, flow) => {
      const result = await runCli(['verify', '--config', configFile('native'), '--plan', get(fixturePlan), ...groups(`module.${call}.`)]);
      expect(result.out).toMatch(flow);
      expect(result.code).toBe(1);
      recordCheck(`verify --plan handwritten aws ${call}`);
    });
  });
});

/** The CLI in process, its output captured. */
async function runCli(args: string[]): Promise<{ code: number; out: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../cli/main') as typeof import('../cli/main');
  let out = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((text) => ((out += String(text)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((text) => ((out += String(text)), true));
  try {
    return { code: await main(args), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

// Keeps the helpers honest when Terraform is absent too: the test copy and the address mapping are plain functions.
describe('test copies (no Terraform needed)', () => {
  it('pin the mirror\'s provider version, take the fake-credential provider and drop the backend', () => {
    const copy = awsTestCopy({ terraform: { backend: { local: { path: 'x' } }, required_providers: { aws: { source: 'hashicorp/aws', version: '6.25.0' } } }, provider: { aws: [{ region: 'eu-west-1' }] }, resource: {} });
    expect(copy.terraform).toEqual({ required_providers: { aws: { source: 'hashicorp/aws', version: MIRROR_AWS_VERSION } } });
    expect(copy.provider.aws[0]).toMatchObject({ skip_credentials_validation: true, access_key: 'AKIAFAKEFAKEFAKEFAKE' });
  });
  it('map module instances to the stack\'s addresses', () => {
    expect(stackAddress('module.v.aws_vpc_security_group_ingress_rule.edge_https["10.0.1.10/32"]')).toBe('aws_vpc_security_group_ingress_rule.edge_https_from_10_0_1_10_32');
    expect(stackAddress(originalAddress(`module.m.terraform_data.${dataName('azurerm_network_security_rule', 'server_icmp')}[0]`))).toBe('azurerm_network_security_rule.server_icmp');
    // The module directories, beside the writer's ownership marker (src/output/marker.ts).
    const entries = readdirSync(join(ROOT, 'modules'), { withFileTypes: true });
    expect(entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()).toEqual([...MODULE_DIRS].sort());
    expect(entries.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual([OUTPUT_MARKER]);
  });
});
