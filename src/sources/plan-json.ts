/**
 * `terraform show -json` -> the resources the Terraform readers take. Two inputs, one shape
 * (Terraform's "JSON Output Format"): a saved plan (`planned_values`, `resource_changes`,
 * `configuration`) or the state (`values`). Every managed resource instance of the root module
 * and of every child module (count and for_each instances included) becomes
 * `{ address, type, body }`, its body the planned or recorded attribute values.
 *
 * Values known only after apply are absent from `planned_values`; `resource_changes[].change.
 * after_unknown` marks them. They are put back as UNKNOWN (a string the readers treat as
 * computed), so an unknown source is never read as "no source". The reference resolver then
 * answers for them from the `configuration` expressions: a field whose expression references
 * exactly one resource (by the attribute asked for) resolves to that resource's address in the
 * same module instance. Anything else stays unresolved and the readers report it.
 */
import { UnsupportedConstruct } from '../model/errors';
import type { RefResolver, RefSite, TfBody, TfResource } from './terraform-common';

/** What `terraform show -json` prints where a value is known only after apply. */
export const UNKNOWN = '${(known after apply)}';

type Json = unknown;
type JsonObject = Record<string, Json>;

interface ValuesModule {
  readonly address?: string;
  readonly resources?: readonly { address: string; mode: string; type: string; name: string; index?: unknown; values?: JsonObject }[];
  readonly child_modules?: readonly ValuesModule[];
}

interface ConfigExpression {
  readonly constant_value?: Json;
  readonly references?: readonly string[];
}

interface ConfigModule {
  readonly resources?: readonly { address: string; mode: string; expressions?: Record<string, Json> }[];
  readonly module_calls?: Record<string, { module?: ConfigModule; expressions?: Record<string, Json>; count_expression?: Json; for_each_expression?: Json }>;
  readonly outputs?: Record<string, { expression?: ConfigExpression }>;
}

export interface PlanJsonInput {
  readonly kind: 'plan' | 'state';
  readonly resources: readonly TfResource[];
  readonly resolve: RefResolver;
  /** Root outputs, and outputs of child modules ("module.fw.edge_security_group_id"), with what they point at. */
  readonly outputs: ReadonlyMap<string, OutputTarget>;
}

/** An output: its value when known, and the resources its expression references (addresses). */
export interface OutputTarget {
  readonly value?: Json;
  readonly resources: readonly string[];
}

const isObject = (value: Json): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const anyUnknown = (marks: Json): boolean => marks === true || (Array.isArray(marks) ? marks.some(anyUnknown) : isObject(marks) && Object.values(marks).some(anyUnknown));

/** Puts UNKNOWN where after_unknown says true, recursively (lists by position, as Terraform writes both). */
function withUnknowns(values: Json, unknown: Json): Json {
  if (unknown === true) return UNKNOWN;
  if (!anyUnknown(unknown)) return values;
  if (Array.isArray(unknown)) {
    const list = Array.isArray(values) ? [...values] : [];
    unknown.forEach((marker, i) => {
      if (marker !== false) list[i] = withUnknowns(list[i], marker);
    });
    return list;
  }
  if (isObject(unknown)) {
    const object: JsonObject = isObject(values) ? { ...values } : {};
    for (const [key, marker] of Object.entries(unknown)) if (marker !== false) object[key] = withUnknowns(object[key], marker);
    return object;
  }
  return values;
}

/** "module.a[\"x\"].module.b[0].aws_x.y[2]" -> { module: "module.a[\"x\"].module.b[0]", config: "module.a.module.b", local: "aws_x.y" }. */
export function splitAddress(address: string): { module: string; configModule: string; local: string } {
  const parts: string[] = [];
  let rest = address;
  const moduleStep = /^module\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\./;
  for (let m = moduleStep.exec(rest); m; m = moduleStep.exec(rest)) {
    parts.push(m[0].slice(0, -1));
    rest = rest.slice(m[0].length);
  }
  const local = rest.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]$/, '');
  return { module: parts.join('.'), configModule: parts.map((p) => p.replace(/\[.*\]$/, '')).join('.'), local };
}

const prefixed = (module: string, local: string) => (module ? `${module}.${local}` : local);

function walkValues(module: ValuesModule | undefined, out: { address: string; type: string; body: TfBody }[]): void {
  if (!module) return;
  // Null and empty-list attributes are unset (the readers treat them alike): dropped, so the
  // provider's unset optional attributes do not read as attributes the readers do not know.
  const set = (values: JsonObject) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)));
  for (const r of module.resources ?? []) if (r.mode === 'managed') out.push({ address: r.address, type: r.type, body: set(r.values ?? {}) as TfBody });
  for (const child of module.child_modules ?? []) walkValues(child, out);
}

/**
 * Per module path, the variables whose value may be unknown at plan: those its call sets from
 * references. A variable left at its default or set to a constant is known (root ones always are).
 */
type MaybeUnknownVariables = Map<string, Set<string>>;

function walkConfig(module: ConfigModule | undefined, path: string, index: Map<string, Record<string, Json>>, outputs: Map<string, { path: string; expression?: ConfigExpression }>, variables: MaybeUnknownVariables): void {
  if (!module) return;
  for (const r of module.resources ?? []) if (r.mode === 'managed') index.set(prefixed(path, r.address), r.expressions ?? {});
  for (const [name, output] of Object.entries(module.outputs ?? {})) outputs.set(prefixed(path, name), { path, expression: output.expression });
  for (const [name, call] of Object.entries(module.module_calls ?? {})) {
    // Outputs of a counted module call have no single target: left out.
    const fromReferences = Object.entries(call.expressions ?? {}).filter(([, e]) => isObject(e) && ((e as ConfigExpression).references ?? []).length > 0).map(([variable]) => variable);
    variables.set(prefixed(path, `module.${name}`), new Set(fromReferences));
    walkConfig(call.module, prefixed(path, `module.${name}`), index, call.count_expression || call.for_each_expression ? new Map() : outputs, variables);
  }
}

const RESOURCE_REF = /^([a-z][a-z0-9]*_[a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?(?:\.([a-z_][a-z0-9_]*))?/;
const NOT_RESOURCES = ['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'data', 'module'];

/** The distinct resources an expression references, with the attributes it takes of them. */
function referencedResources(references: readonly string[]): { resource: string; attributes: Set<string> }[] {
  const found = new Map<string, Set<string>>();
  for (const ref of references) {
    const m = RESOURCE_REF.exec(ref);
    if (!m || NOT_RESOURCES.includes(m[1])) continue;
    const resource = `${m[1]}.${m[2]}${m[3] ?? ''}`;
    const attributes = found.get(resource) ?? new Set<string>();
    if (m[4]) attributes.add(m[4]);
    found.set(resource, attributes);
  }
  // "aws_security_group.edge" and "aws_security_group.edge[0]" are one resource: keep the indexed one.
  for (const key of [...found.keys()]) if (!key.includes('[') && [...found.keys()].some((k) => k.startsWith(`${key}[`))) found.delete(key);
  return [...found].map(([resource, attributes]) => ({ resource, attributes }));
}

/** A field's expression in the configuration: top-level attributes only (inline blocks are one attribute with merged references). */
function expressionAt(expressions: Record<string, Json> | undefined, field: string): ConfigExpression | undefined {
  const value = expressions?.[field];
  return isObject(value) ? (value as ConfigExpression) : undefined;
}

export function readPlanJson(json: Json, source = 'plan JSON'): PlanJsonInput {
  if (!isObject(json) || typeof json.format_version !== 'string') throw new Error(`${source}: not the output of \`terraform show -json\` (no format_version)`);
  // "Reject any input which reports an unsupported major version" (the format's own rule).
  if (!/^[01]\./.test(json.format_version)) throw new Error(`${source}: format_version ${json.format_version} (this reader knows 0.x and 1.x)`);
  const kind = isObject(json.planned_values) ? 'plan' : isObject(json.values) ? 'state' : undefined;
  if (!kind) throw new Error(`${source}: neither planned_values (a saved plan) nor values (the state): is it \`terraform show -json\` output?`);
  const root = ((kind === 'plan' ? json.planned_values : json.values) as JsonObject).root_module as ValuesModule | undefined;
  const raw: { address: string; type: string; body: TfBody }[] = [];
  walkValues(root, raw);

  const config = new Map<string, Record<string, Json>>();
  const configOutputs = new Map<string, { path: string; expression?: ConfigExpression }>();
  const maybeUnknown: MaybeUnknownVariables = new Map();
  walkConfig(isObject(json.configuration) ? (json.configuration.root_module as ConfigModule) : undefined, '', config, configOutputs, maybeUnknown);

  // Unknown attributes the configuration sets are unknown inputs; unknown ones it does not set are
  // computed by the provider (an aws_security_group's ingress when its rules are separate resources).
  const unknowns = new Map<string, Json>();
  for (const change of (json.resource_changes ?? []) as { address: string; change?: { after_unknown?: Json } }[]) {
    const marks = change.change?.after_unknown;
    if (!isObject(marks)) continue;
    const { configModule, local } = splitAddress(change.address);
    const set = config.get(prefixed(configModule, local));
    unknowns.set(change.address, set ? Object.fromEntries(Object.entries(marks).filter(([key]) => key in set)) : marks);
  }
  const resources: TfResource[] = raw
    .map((r) => ({ ...r, body: (unknowns.has(r.address) ? withUnknowns(r.body, unknowns.get(r.address)) : r.body) as TfBody }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const addresses = new Set(resources.map((r) => r.address));

  /** A referenced resource ("aws_security_group.edge") in module instance `module` -> the address of its one instance. */
  const instanceOf = (module: string, resource: string): string | undefined => {
    const exact = prefixed(module, resource);
    if (addresses.has(exact)) return exact;
    const instances = [...addresses].filter((a) => a.startsWith(`${exact}[`));
    return instances.length === 1 ? instances[0] : undefined;
  };

  const resolve: RefResolver = (value: unknown, site: RefSite) => {
    if (typeof value === 'string' && value !== UNKNOWN && !value.includes('${')) return value;
    if (value !== UNKNOWN && value !== undefined && value !== null) return undefined;
    const { module, configModule, local } = splitAddress(site.address);
    const expression = expressionAt(config.get(prefixed(configModule, local)), site.field);
    const targets = referencedResources(expression?.references ?? []);
    // Only an expression naming one resource and nothing else that could carry an unknown value
    // says which it is; a known variable (`var.x != null ? var.x : aws_security_group.y[0].id`) cannot.
    const knownVariable = (ref: string) => /^var\.[A-Za-z_][A-Za-z0-9_-]*$/.test(ref) && !(maybeUnknown.get(configModule)?.has(ref.slice(4)) ?? false);
    const others = (expression?.references ?? []).filter((ref) => (!RESOURCE_REF.test(ref) || NOT_RESOURCES.includes(ref.split('.')[0])) && !knownVariable(ref));
    const target = site.index === undefined || site.index === 0 ? targets : [];
    if (target.length !== 1 || others.length > 0) return undefined;
    const [{ resource, attributes }] = target;
    if (attributes.size > 0 && !attributes.has(site.attribute)) {
      throw new UnsupportedConstruct(`${site.address}: ${site.field} references ${resource}.${[...attributes].join(', .')}, not .${site.attribute}`);
    }
    return instanceOf(module, resource);
  };

  const values = ((kind === 'plan' ? json.planned_values : json.values) as JsonObject).outputs as Record<string, { value?: Json }> | undefined;
  const outputs = new Map<string, OutputTarget>();
  for (const [name, { path, expression }] of configOutputs) {
    const targets = referencedResources(expression?.references ?? []).map((t) => instanceOf(path, t.resource)).filter((a): a is string => a !== undefined);
    const known = path === '' && values?.[name] && 'value' in values[name] ? { value: values[name].value } : expression && 'constant_value' in expression ? { value: expression.constant_value } : {};
    outputs.set(name, { ...known, resources: targets });
  }
  // Root outputs that forward a child module's output point where it points.
  for (const [name, target] of outputs) {
    const { expression } = configOutputs.get(name) ?? {};
    const forwarded = (expression?.references ?? []).filter((ref) => /^module\.[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*$/.test(ref)).map((ref) => outputs.get(ref));
    if (target.resources.length === 0 && forwarded.length === 1 && forwarded[0]) outputs.set(name, { ...forwarded[0], ...('value' in target ? { value: target.value } : {}) });
  }
  // Without configuration (state JSON has none) only the recorded values are known.
  if (configOutputs.size === 0) for (const [name, output] of Object.entries(values ?? {})) outputs.set(name, { value: output.value, resources: [] });
  return { kind, resources, resolve, outputs };
}
