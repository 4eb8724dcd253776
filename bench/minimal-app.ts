/**
 * The baselines: a minimal CDKTF app that rebuilds the resources of a spec (bench/baselines.ts)
 * with provider classes and nothing else (no config parsing, planning or naming), then
 * `app.synth()`. Two ways to load the provider classes:
 *
 *   deep  require('@cdktf/provider-aws/lib/vpc-security-group-ingress-rule')  (what st-firewall does)
 *   root  require('@cdktf/provider-aws').vpcSecurityGroupIngressRule         (what most CDKTF code does)
 *
 *   node dist/bench/minimal-app.js --spec FILE --out DIR --imports deep|root
 *
 * Compiled into dist/bench so that it resolves cdktf and the providers from the repo's node_modules.
 */
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
import { readFileSync } from 'node:fs';
import type { Construct } from 'constructs';
import type { Ref, Spec } from './baselines';

type ConstructClass = new (scope: Construct, id: string, config: any) => any;

const pascal = (kebab: string) => kebab.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || process.argv[i + 1] === undefined) throw new Error(`--${name} is required`);
  return process.argv[i + 1];
}

const imports = arg('imports');
if (imports !== 'deep' && imports !== 'root') throw new Error('--imports must be deep or root');

/** `provider` + `lib/<module>` -> the class, loaded the chosen way. */
function load(provider: string, module: string, className: string): ConstructClass {
  const pkg = `@cdktf/provider-${provider}`;
  const found = imports === 'deep' ? require(`${pkg}/lib/${module}`)[className] : require(pkg)[camel(module)]?.[className];
  if (typeof found !== 'function') throw new Error(`no ${className} in ${pkg} (${imports} import of ${module})`);
  return found as ConstructClass;
}

const classes = new Map<string, ConstructClass>();
function resourceClass(type: string): ConstructClass {
  let found = classes.get(type);
  if (!found) {
    // aws_vpc_security_group_ingress_rule -> @cdktf/provider-aws, lib/vpc-security-group-ingress-rule
    const [provider, ...rest] = type.split('_');
    const module = rest.join('-');
    found = load(provider, module, pascal(module));
    classes.set(type, found);
  }
  return found;
}

const spec = JSON.parse(readFileSync(arg('spec'), 'utf8')) as Spec;
const { App, TerraformStack } = require('cdktf') as typeof import('cdktf');
const app = new App({ outdir: arg('out') });
for (const stackSpec of spec.stacks) {
  const stack = new TerraformStack(app, stackSpec.name);
  for (const provider of stackSpec.providers) {
    new (load(provider.name, 'provider', `${pascal(provider.name)}Provider`))(stack, provider.name, provider.config);
  }
  const built = new Map<string, any>();
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== 'object') return value;
    if ('$ref' in value) return built.get((value as Ref).$ref)[(value as Ref).attr];
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
  };
  for (const resource of stackSpec.resources) {
    built.set(`${resource.type}.${resource.name}`, new (resourceClass(resource.type))(stack, resource.name, resolve(resource.config)));
  }
}
app.synth();
