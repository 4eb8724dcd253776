/**
 * A copy of a published module whose resources become `terraform_data` (built into Terraform, no
 * provider needed), so Terraform itself evaluates the module's variables, validations, locals,
 * `count` and `for_each` for the clouds whose providers are not on this machine. Each resource
 * `T.N` becomes `terraform_data.T__N` with its arguments as `input`; references to other
 * resources stay as literal text ("${azurerm_network_security_group.edge.name}", escaped as
 * `$${`), so each instance's planned `input` is comparable with the stack's resource body.
 */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Meta-arguments stay meta-arguments; everything else goes into `input`. */
const META = ['count', 'for_each', 'depends_on', 'lifecycle'];

export const dataName = (type: string, name: string) => `${type}__${name}`;

/** "terraform_data.azurerm_network_security_rule__edge_https[0]" -> "azurerm_network_security_rule.edge_https[0]". */
export function originalAddress(address: string): string {
  return address.replace(/terraform_data\.([a-z0-9]+_[a-z0-9_]*?)__([A-Za-z0-9_-]+)/, '$1.$2');
}

const REF = /\$\{([a-z][a-z0-9]*_[a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?\.([a-z_][a-z0-9_]*)\}/g;

const RESOURCE_NAME = /\b([a-z][a-z0-9]*_[a-z0-9_]*)\.[A-Za-z_]/g;

/** Each `${...}` (braces balanced: object literals nest) for which `names` holds, escaped to `$${...}`. */
function escapeInterpolations(text: string, names: (inner: string) => boolean): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) return out + text.slice(i);
    if (text[start - 1] === '$') {
      // Already literal ("$${"): copied as it is.
      out += text.slice(i, start + 2);
      i = start + 2;
      continue;
    }
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end += 1) {
      if (text[end] === '{') depth += 1;
      else if (text[end] === '}' && --depth === 0) break;
    }
    const whole = text.slice(start, end + 1);
    out += text.slice(i, start) + (names(whole.slice(2, -1)) ? `$${whole}` : whole);
    i = end + 1;
  }
  return out;
}

function escapeRefs(value: Json, types: ReadonlySet<string>): Json {
  // An interpolation that names one of the module's resources anywhere (a plain reference, or a
  // conditional between two) becomes literal text: those resources are not there to reference.
  if (typeof value === 'string') return escapeInterpolations(value, (inner) => [...inner.matchAll(RESOURCE_NAME)].some((m) => types.has(m[1])));
  if (Array.isArray(value)) return value.map((v) => escapeRefs(v, types));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeRefs(v, types)]));
  return value;
}

/** Output values and meta-arguments keep a real dependency: the resource's terraform_data id. */
function redirectRefs(value: Json, types: ReadonlySet<string>): Json {
  if (typeof value === 'string') return value.replace(REF, (whole, type, name, index) => (types.has(type) ? `\${terraform_data.${dataName(type, name)}${index ?? ''}.id}` : whole));
  if (Array.isArray(value)) return value.map((v) => redirectRefs(v, types));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redirectRefs(v, types)]));
  return value;
}

/** The module's documents (stacks/module.ts moduleDocuments) -> files of the terraform_data copy. */
export function terraformDataModule(documents: Record<string, Json>): Record<string, Json> {
  const merged: Json = {};
  for (const doc of Object.values(documents)) for (const [key, value] of Object.entries<Json>(doc)) merged[key] = { ...(merged[key] ?? {}), ...value };
  const resources: Record<string, Record<string, Json>> = merged.resource ?? {};
  const types = new Set(Object.keys(resources));
  const data: Record<string, Json> = {};
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName)) {
      const meta = Object.fromEntries(Object.entries<Json>(body).filter(([k]) => META.includes(k)).map(([k, v]) => [k, redirectRefs(v, types)]));
      const input = Object.fromEntries(Object.entries<Json>(body).filter(([k]) => !META.includes(k) && k !== 'provider'));
      data[dataName(type, name)] = { ...meta, input: escapeRefs(input, types) };
    }
  }
  const files: Record<string, Json> = {
    'versions.tf.json': { terraform: { required_version: merged.terraform?.required_version ?? '>= 1.4' } },
    'variables.tf.json': { variable: merged.variable },
    'main.tf.json': { ...(merged.locals ? { locals: merged.locals } : {}), resource: { terraform_data: data } },
  };
  if (merged.output) files['outputs.tf.json'] = { output: redirectRefs(merged.output, types) };
  return files;
}
