/**
 * A small evaluator of the Terraform expressions the module generator writes, for the
 * equivalence tests (module expanded with inputs == the stack). It knows the operators, `for`
 * expressions and the few functions the modules call, with Terraform's semantics as documented
 * (cidrsubnet(x, 0, 0) prints the network canonically; cidrnetmask is IPv4 only); anything else
 * throws, so an expression it does not understand fails the test instead of passing it.
 * References to resources stay as "${type.name.attr}" text (what the stacks hold), [0] dropped.
 */
import { addressText, cidr, parseAddress } from '../src/net/cidr';

type Value = any;
export type Scope = Record<string, Value>;

type Token = { kind: 'num' | 'str' | 'id' | 'op'; text: string; parts?: (string | Token[])[] };

const OPS = ['==', '!=', '>=', '<=', '&&', '||', '=>', '...', '?', ':', '!', '>', '<', '(', ')', '[', ']', '{', '}', ',', '.', '=', '+', '-', '*', '/'];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      tokens.push({ kind: 'num', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      tokens.push({ kind: 'id', text: m[0] });
      i += m[0].length;
    } else if (c === '"') {
      const { parts, end } = readString(src, i + 1);
      tokens.push({ kind: 'str', text: '', parts });
      i = end;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (!op) throw new Error(`hcl-eval: unexpected "${c}" in ${src}`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    }
  }
  return tokens;
}

/** A quoted template: literal text and ${...} interpolations (tokenized). */
function readString(src: string, start: number, json = false): { parts: (string | Token[])[]; end: number } {
  const parts: (string | Token[])[] = [];
  let text = '';
  let i = start;
  while (i <= src.length) {
    const c = src[i];
    if (json ? i === src.length : c === '"') {
      parts.push(text);
      return { parts, end: i + 1 };
    }
    if (c === '\\' && !json) {
      const next = src[i + 1];
      text += next === 'n' ? '\n' : next;
      i += 2;
    } else if (src.startsWith('$${', i)) {
      text += '${';
      i += 3;
    } else if (src.startsWith('${', i)) {
      parts.push(text);
      text = '';
      const end = matching(src, i + 1);
      parts.push(tokenize(src.slice(i + 2, end)));
      i = end + 1;
    } else {
      text += c;
      i++;
    }
  }
  throw new Error(`hcl-eval: unterminated string in ${src}`);
}

/** Index of the brace closing the one at `open`, skipping strings. */
function matching(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '"') {
      i = readString(src, i + 1).end - 1;
      continue;
    }
    if (src[i] === '{') depth++;
    if (src[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`hcl-eval: unbalanced braces in ${src}`);
}

class Reference {
  constructor(readonly path: string) {}
}

/** A value with its references as the "${type.name.attr}" text the stacks hold (deep). */
function plain(value: Value): Value {
  if (value instanceof Reference) return `\${${value.path}}`;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  length: (v) => (Array.isArray(v) ? v.length : typeof v === 'string' ? v.length : Object.keys(v).length),
  split: (sep: string, s: string) => s.split(sep),
  toset: (v: Value[]) => [...new Set(v)],
  distinct: (v: Value[]) => [...new Set(v.map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x)),
  merge: (...objects: Value[]) => Object.assign({}, ...objects),
  cidrsubnet: (prefix: string, bits: number, num: number) => {
    if (bits !== 0 || num !== 0) throw new Error('hcl-eval: cidrsubnet only with 0, 0');
    return cidr(prefix).text; // the module's validations refuse host bits, so this is the network
  },
  // The network address of a prefix, host bits or not (Terraform's cidrhost(prefix, 0)).
  cidrhost: (prefix: string, num: number) => {
    const [text, length, ...rest] = prefix.split('/');
    const address = parseAddress(text);
    const bits = address?.family === 4 ? 32 : 128;
    if (num !== 0 || !address || rest.length > 0 || !/^[0-9]+$/.test(length ?? '') || Number(length) > bits) throw new Error(`cidrhost: invalid prefix ${prefix}`);
    const host = (1n << BigInt(bits - Number(length))) - 1n;
    return addressText({ family: address.family, value: address.value & ~host });
  },
  cidrnetmask: (prefix: string) => {
    if (prefix.includes(':')) throw new Error('cidrnetmask: IPv6 not supported');
    return 'mask';
  },
  keys: (o: Value) => Object.keys(o).sort(),
  tostring: (v: Value) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new Error(`tostring: cannot convert ${JSON.stringify(v)} to string`);
  },
  tonumber: (v: Value) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v)) return Number(v);
    throw new Error(`tonumber: cannot convert ${JSON.stringify(v)}`);
  },
  tolist: (v: Value) => {
    if (!Array.isArray(v)) throw new Error(`tolist: ${JSON.stringify(v)} is not a list`);
    return v;
  },
  contains: (list: Value[], v: Value) => list.some((x) => JSON.stringify(x) === JSON.stringify(v)),
  alltrue: (list: Value[]) => list.every((v) => truthy(v)),
  concat: (...lists: Value[][]) => lists.flat(1),
  sum: (list: number[]) => {
    if (list.length === 0) throw new Error('sum: empty list');
    return list.reduce((a, b) => a + b, 0);
  },
  abs: (n: number) => Math.abs(n),
  floor: (n: number) => Math.floor(n),
  min: (...n: number[]) => Math.min(...n),
  lookup: (o: Value, k: string, fallback: Value) => (k in o ? o[k] : fallback),
  setsubtract: (a: Value[], b: Value[]) => a.filter((x) => !b.some((y) => JSON.stringify(x) === JSON.stringify(y))),
  jsonencode: (v: Value) => JSON.stringify(v),
  // RE2 and JavaScript agree on the patterns the modules use; no match is an error, as in Terraform.
  regex: (pattern: string, s: string) => {
    const m = new RegExp(pattern).exec(s);
    if (!m) throw new Error(`regex: no match for ${pattern}`);
    return m[0];
  },
  flatten: (v: Value[]) => v.flat(Infinity),
  trimspace: (s: string) => s.trim(),
  substr: (s: string, offset: number, length: number) => [...s].slice(offset, length < 0 ? undefined : offset + length).join(''),
  // Terraform's replace: a pattern in slashes is a regular expression (RE2; these patterns mean the same in JS).
  replace: (s: string, pattern: string, by: string) => (/^\/.*\/$/s.test(pattern) ? s.replace(new RegExp(pattern.slice(1, -1), 'g'), by) : s.split(pattern).join(by)),
  values: (o: Value) => Object.keys(o).sort().map((k) => o[k]),
};

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[], private readonly scope: Scope) {}

  parse(): Value {
    const v = this.ternary();
    if (this.i !== this.tokens.length) throw new Error(`hcl-eval: trailing ${this.tokens[this.i].text}`);
    return v;
  }
  private peek(text?: string) {
    const t = this.tokens[this.i];
    return text === undefined ? t : t && t.kind === 'op' && t.text === text ? t : undefined;
  }
  private take(text: string) {
    if (!this.peek(text)) throw new Error(`hcl-eval: expected ${text}, got ${this.tokens[this.i]?.text}`);
    this.i++;
  }
  ternary(): Value {
    const c = this.binary(0);
    if (!this.peek('?')) return c;
    this.i++;
    // Both results are parsed; as in Terraform, only the chosen one's errors count.
    const branch = (): { value?: Value; error?: unknown } => {
      try {
        return { value: this.ternary() };
      } catch (error) {
        if (error instanceof BranchError) throw error;
        return { error };
      }
    };
    const start = this.i;
    const a = branch();
    if ('error' in a) this.i = skipBranch(this.tokens, start, ':');
    this.take(':');
    const bStart = this.i;
    const b = branch();
    if ('error' in b) this.i = skipBranch(this.tokens, bStart);
    const chosen = truthy(c) ? a : b;
    if ('error' in chosen) throw chosen.error;
    return chosen.value;
  }
  private static LEVELS = [['||'], ['&&'], ['==', '!='], ['>', '>=', '<', '<='], ['+', '-'], ['*', '/']];
  binary(level: number): Value {
    if (level === Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.peek() && this.peek()!.kind === 'op' && Parser.LEVELS[level].includes(this.peek()!.text)) {
      const op = this.tokens[this.i++].text;
      const right = this.binary(level + 1);
      left = apply(op, left, right);
    }
    return left;
  }
  unary(): Value {
    if (this.peek('!')) {
      this.i++;
      return !truthy(this.unary());
    }
    if (this.peek('-')) {
      this.i++;
      return -this.unary();
    }
    return this.postfix(this.primary());
  }
  private postfix(value: Value): Value {
    for (;;) {
      if (this.peek('.')) {
        this.i++;
        const name = this.tokens[this.i++].text;
        if (value && typeof value === 'object' && !(value instanceof Reference) && !Array.isArray(value) && !(name in value)) throw new Error(`hcl-eval: no attribute ${name}`);
        value = value instanceof Reference ? new Reference(`${value.path}.${name}`) : value?.[name];
      } else if (this.peek('[') && !(this.tokens[this.i + 1]?.text === 'for')) {
        this.i++;
        const index = this.ternary();
        this.take(']');
        value = value instanceof Reference ? value : value[index];
      } else return value;
    }
  }
  primary(): Value {
    const t = this.tokens[this.i++];
    if (!t) throw new Error('hcl-eval: unexpected end');
    if (t.kind === 'num') return Number(t.text);
    if (t.kind === 'str') return this.template(t.parts!);
    if (t.kind === 'id') {
      if (t.text === 'null') return null;
      if (t.text === 'true' || t.text === 'false') return t.text === 'true';
      if (this.peek('(')) return this.call(t.text);
      if (t.text in this.scope) return this.scope[t.text];
      return new Reference(t.text); // a resource type: type.name.attr
    }
    if (t.text === '(') {
      const v = this.ternary();
      this.take(')');
      return v;
    }
    if (t.text === '[') {
      if (this.peek()?.text === 'for') return this.forExpression(']');
      const items: Value[] = [];
      while (!this.peek(']')) {
        items.push(this.ternary());
        if (this.peek(',')) this.i++;
      }
      this.i++;
      return items;
    }
    if (t.text === '{') {
      if (this.peek()?.text === 'for') return this.forExpression('}');
      const object: Record<string, Value> = {};
      while (!this.peek('}')) {
        const k = this.tokens[this.i++];
        const key = k.kind === 'str' ? this.template(k.parts!) : k.text;
        this.take('=');
        object[key] = this.ternary();
        if (this.peek(',')) this.i++;
      }
      this.i++;
      return object;
    }
    throw new Error(`hcl-eval: unexpected ${t.text}`);
  }
  private call(name: string): Value {
    this.take('(');
    if (name === 'can' || name === 'try') {
      // Evaluate the argument on its own; failure is false (can) or the next argument (try).
      const start = this.i;
      let depth = 0;
      const args: Token[][] = [[]];
      for (; ; this.i++) {
        const t = this.tokens[this.i];
        if (t.kind === 'op' && ['(', '[', '{'].includes(t.text)) depth++;
        if (t.kind === 'op' && [')', ']', '}'].includes(t.text) && depth-- === 0) break;
        if (t.kind === 'op' && t.text === ',' && depth === 0) args.push([]);
        else args[args.length - 1].push(t);
      }
      void start;
      this.i++;
      for (const arg of args) {
        try {
          const v = new Parser(arg, this.scope).parse();
          return name === 'can' ? true : v;
        } catch {
          if (name === 'can') return false;
        }
      }
      throw new Error('hcl-eval: try: every argument failed');
    }
    const fn = FUNCTIONS[name];
    if (!fn) throw new Error(`hcl-eval: unknown function ${name}`);
    const args: Value[] = [];
    while (!this.peek(')')) {
      args.push(this.ternary());
      if (this.peek(',')) this.i++;
    }
    this.i++;
    return fn(...args);
  }
  /** `[for v in c : x if p]`, `[for k, v in c : x]`, `{ for k, v in c : key => value if p }` (after the opening bracket). */
  private forExpression(close: ']' | '}'): Value {
    this.i++; // for
    const names = [this.tokens[this.i++].text];
    if (this.peek(',')) {
      this.i++;
      names.push(this.tokens[this.i++].text);
    }
    if (this.tokens[this.i].text !== 'in') throw new Error('hcl-eval: expected in');
    this.i++;
    const collection = this.binary(0) as Value;
    this.take(':');
    // Terraform iterates maps and objects in key order; lists by index.
    const pairs: [Value, Value][] = Array.isArray(collection) ? collection.map((v, i) => [i, v]) : Object.keys(collection).sort().map((k) => [k, collection[k]]);
    const bodyStart = this.i;
    const list: Value[] = [];
    const object: Record<string, Value> = {};
    let end = bodyStart;
    for (const [k, v] of pairs) {
      const bound = names.length === 2 ? { [names[0]]: k, [names[1]]: v } : { [names[0]]: v };
      const inner = new Parser(this.tokens, { ...this.scope, ...bound });
      inner.i = bodyStart;
      const first = inner.ternary();
      let value = first;
      if (close === '}') {
        inner.take('=>');
        value = inner.ternary();
      }
      let keep = true;
      if (inner.peek()?.kind === 'id' && inner.peek()!.text === 'if') {
        inner.i++;
        keep = truthy(inner.ternary());
      }
      end = inner.i;
      if (!keep) continue;
      if (close === '}') {
        if (String(first) in object) throw new Error(`hcl-eval: duplicate key ${first} in a for expression`);
        object[String(first)] = value;
      } else list.push(value);
    }
    if (pairs.length === 0) end = skipTo(this.tokens, bodyStart);
    this.i = end;
    this.take(close);
    return close === '}' ? object : list;
  }
  template(parts: (string | Token[])[]): Value {
    if (parts.length === 3 && parts[0] === '' && parts[2] === '' && Array.isArray(parts[1])) {
      const whole = new Parser(parts[1] as Token[], this.scope).parse();
      return plain(whole);
    }
    return parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const v = new Parser(p, this.scope).parse();
        if (v instanceof Reference) return `\${${v.path}}`;
        if (v === null || typeof v === 'object') throw new Error('hcl-eval: cannot template a collection or null');
        return String(v);
      })
      .join('');
  }
}

/** A parse error (as opposed to an evaluation error): never hidden by a conditional. */
class BranchError extends Error {}

/**
 * Where a conditional's result expression that failed to evaluate ends: at `stop` (the ':'), or at
 * the first closing bracket, ',' or `if`/'=>' outside brackets (the end of the enclosing construct).
 */
function skipBranch(tokens: Token[], from: number, stop?: string): number {
  let depth = 0;
  let ternaries = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'op' && ['(', '[', '{'].includes(t.text)) depth++;
    else if (t.kind === 'op' && [')', ']', '}'].includes(t.text)) {
      if (depth-- === 0) return i;
    } else if (depth === 0 && t.kind === 'op' && t.text === '?') ternaries++;
    else if (depth === 0 && t.kind === 'op' && t.text === ':') {
      if (ternaries === 0 && stop === ':') return i;
      if (ternaries === 0) return i;
      ternaries--;
    } else if (depth === 0 && ((t.kind === 'op' && (t.text === ',' || t.text === '=>')) || (t.kind === 'id' && t.text === 'if'))) return i;
  }
  if (stop) throw new BranchError('hcl-eval: conditional without ":"');
  return tokens.length;
}

/** The closing bracket of a for expression whose list was empty (the body never ran). */
function skipTo(tokens: Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'op' && ['(', '[', '{'].includes(t.text)) depth++;
    if (t.kind === 'op' && [')', ']', '}'].includes(t.text) && depth-- === 0) return i;
  }
  throw new Error('hcl-eval: unterminated for');
}

function truthy(v: Value): boolean {
  if (typeof v !== 'boolean') throw new Error(`hcl-eval: ${JSON.stringify(v)} is not a bool`);
  return v;
}

function apply(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '||':
      return truthy(a) || truthy(b);
    case '&&':
      return truthy(a) && truthy(b);
    case '==':
      return JSON.stringify(a) === JSON.stringify(b);
    case '!=':
      return JSON.stringify(a) !== JSON.stringify(b);
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
  }
  throw new Error(`hcl-eval: operator ${op}`);
}

/** A Terraform JSON value: strings are templates, the rest as it is (recursively). */
export function evaluate(value: Value, scope: Scope): Value {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const { parts } = readString(value, 0, true);
    return new Parser([], scope).template(parts);
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, scope)]));
  return value;
}

/** One HCL expression (no ${}), as a test helper. */
export function evaluateExpression(expression: string, scope: Scope): Value {
  return new Parser(tokenize(expression), scope).parse();
}
