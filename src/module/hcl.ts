/**
 * Terraform JSON -> native HCL, for the published modules (what Terraform users read and
 * review). Covers what the generator writes: blocks, attributes, lists, objects and `${...}`
 * expressions. Layout is left to hclwrite's formatter (@cdktf/hcl-tools, `terraform fmt`'s
 * code); module.test.ts parses the result back with HCL's parser and compares it with the JSON.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keys rendered as nested blocks (repeated when their value is a list), not as attributes. */
export const BLOCK_KEYS: ReadonlySet<string> = new Set(['validation', 'required_providers', 'allow', 'deny', 'features', 'lifecycle', 'precondition']);

/** Top-level block types and how many labels each takes. */
const LABELS: Readonly<Record<string, number>> = { terraform: 0, locals: 0, variable: 1, output: 1, provider: 1, module: 1, resource: 2, data: 2 };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** "${expr}" when the whole string is one interpolation: the bare expression. */
export function wholeExpression(text: string): string | undefined {
  if (!text.startsWith('${') || !text.endsWith('}')) return undefined;
  let depth = 0;
  for (let i = 2; i < text.length - 1; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth < 0) return undefined; // the first ${ closes before the end
  }
  return depth === 0 ? text.slice(2, -1) : undefined;
}

/**
 * A quoted template. Literal text is escaped; `${...}` interpolations are expressions and are
 * copied as they are (their own quoted strings included), as Terraform JSON strings hold them.
 */
function quote(text: string): string {
  const escape = (literal: string) => literal.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0 || text.startsWith('$${', start - 1)) {
      const next = start < 0 ? text.length : start + 2;
      out += escape(text.slice(i, next));
      i = next;
      continue;
    }
    const end = interpolationEnd(text, start + 1);
    out += escape(text.slice(i, start)) + text.slice(start, end + 1);
    i = end + 1;
  }
  return `"${out}"`;
}

/** Index of the brace closing the interpolation whose "{" is at `open` (quoted strings and nested templates skipped). */
function interpolationEnd(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if (c === '$' && text[i + 1] === '{') i = interpolationEnd(text, i + 1);
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error(`hcl: unbalanced interpolation in ${JSON.stringify(text)}`);
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

export function expression(value: Json, indent = ''): string {
  if (typeof value === 'string') return wholeExpression(value) ?? quote(value);
  if (value === null || typeof value !== 'object') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => expression(item, inner));
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 100 && !flat.includes('\n') ? flat : `[\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)} = ${expression(v, inner)}`).join('\n')}\n${indent}}`;
}

/** Meta-arguments (a module's source, how many instances): written first, as people do. */
const FIRST = ['source', 'version', 'count', 'for_each'];
/** Arguments that say what the object is: right after them. */
const LEADING = ['name', 'description'];
/** Written after the nested blocks, in this order. */
const LAST = ['tags', 'lifecycle'];

/**
 * A block body in the order Terraform users write it: count/for_each, then the arguments (name
 * and description first), then nested blocks, then tags, then lifecycle.
 */
function body(type: string, object: JsonObject, indent: string): string[] {
  const rank = (name: string, isBlock: boolean) =>
    FIRST.includes(name) ? FIRST.indexOf(name) : LAST.includes(name) ? 100 + LAST.indexOf(name) : isBlock ? 50 : LEADING.includes(name) ? 10 + LEADING.indexOf(name) : 20;
  const isBlock = (name: string, value: Json) => (BLOCK_KEYS.has(name) || name === 'lifecycle') && value !== null && typeof value === 'object';
  const entries = Object.entries(object)
    .map(([name, value], index) => ({ name, value, index, block: isBlock(name, value) }))
    .sort((a, b) => rank(a.name, a.block) - rank(b.name, b.block) || a.index - b.index);
  const lines: string[] = [];
  let previous: number | undefined;
  for (const { name, value, block: nested } of entries) {
    const group = rank(name, nested) >= 50 || FIRST.includes(name) ? rank(name, nested) : 20;
    // A blank line between the groups (meta-arguments, arguments, blocks, tags, lifecycle), as terraform fmt keeps them.
    if (previous !== undefined && group !== previous && lines.length > 0) lines.push('');
    previous = group;
    if (nested) {
      for (const item of Array.isArray(value) ? value : [value]) lines.push(block([name], item as JsonObject, indent));
    } else if (type === 'variable' && name === 'type') {
      // A type constraint is an expression in HCL, a plain string in Terraform JSON.
      lines.push(`${indent}type = ${value}`);
    } else {
      lines.push(`${indent}${key(name)} = ${expression(value, indent)}`);
    }
  }
  return lines;
}

/** Comment lines for one top-level block: `above` its header, `inside` at the top of its body. */
export interface BlockComments {
  readonly above?: readonly string[];
  readonly inside?: readonly string[];
}

function block(header: string[], content: JsonObject, indent: string, comments: BlockComments = {}): string {
  const inner = `${indent}  `;
  const [type, ...labels] = header;
  const head = [type, ...labels.map(quote)].join(' ');
  const commentLines = (lines: readonly string[] | undefined, at: string) => (lines ?? []).map((line) => `${at}${line.startsWith('#') ? line : `# ${line}`}`);
  const inside = commentLines(comments.inside, inner);
  const lines = [...inside, ...(inside.length > 0 ? [''] : []), ...body(type, content, inner)];
  const above = commentLines(comments.above, indent).map((line) => `${line}\n`).join('');
  return lines.length === 0 ? `${above}${indent}${head} {}` : `${above}${indent}${head} {\n${lines.join('\n')}\n${indent}}`;
}

/**
 * One Terraform JSON document as HCL: blocks in the document's order, one blank line apart.
 * `comments` are keyed by block address: "terraform", "resource.aws_security_group.edge".
 */
export function toHcl(document: JsonObject, comments: Readonly<Record<string, BlockComments>> = {}): string {
  const blocks: string[] = [];
  for (const [type, content] of Object.entries(document)) {
    const labels = LABELS[type];
    if (labels === undefined) throw new Error(`hcl: unsupported top-level block "${type}"`);
    const walk = (value: JsonObject, path: string[]) => {
      if (path.length === labels) blocks.push(block([type, ...path], value, '', comments[[type, ...path].join('.')]));
      else for (const [label, child] of Object.entries(value)) walk(child as JsonObject, [...path, label]);
    };
    walk(content as JsonObject, []);
  }
  return `${blocks.join('\n\n')}\n`;
}
