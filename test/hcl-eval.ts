/**
 * A small evaluator of the Terraform expressions the module generator writes, for the
 * equivalence tests (module expanded with inputs == the stack). It knows the operators, `for`
 * expressions and the few functions the modules call, with Terraform's semantics as documented
 * (cidrsubnet(x, 0, 0) prints the network canonically; cidrnetmask is IPv4 only); anything else
 * throws, so an expression it does not understand fails the test instead of passing it.
 * References to resources stay as "${type.name.attr}" text (what the stacks hold), [0] dropped.
 */
import { cidr } from '../src/net/cidr';

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
  cidrnetmask: (prefix: string) => {
    if (prefix.includes(':')) throw new Error('cidrnetmask: IPv6 not supported');
    return 'mask';
  },
  keys: (o: Value) => Object.keys(o).sort(),
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
    const a = this.ternary();
    this.take(':');
    const b = this.ternary();
    return truthy(c) ? a : b;
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
      if (this.peek()?.text === 'for') return this.forList();
      const items: Value[] = [];
      while (!this.peek(']')) {
        items.push(this.ternary());
        if (this.peek(',')) this.i++;
      }
      this.i++;
      return items;
    }
    if (t.text === '{') {
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
  private forList(): Value {
    this.i++; // for
    const name = this.tokens[this.i++].text;
    if (this.tokens[this.i].text !== 'in') throw new Error('hcl-eval: only [for x in list : ...]');
    this.i++;
    const list = this.binary(0) as Value[];
    this.take(':');
    const bodyStart = this.i;
    const out: Value[] = [];
    let end = bodyStart;
    for (const item of list) {
      const inner = new Parser(this.tokens, { ...this.scope, [name]: item });
      inner.i = bodyStart;
      const value = inner.ternary();
      let keep = true;
      if (inner.peek()?.kind === 'id' && inner.peek()!.text === 'if') {
        inner.i++;
        keep = truthy(inner.ternary());
      }
      end = inner.i;
      if (keep) out.push(value);
    }
    if (list.length === 0) end = skipTo(this.tokens, bodyStart);
    this.i = end;
    this.take(']');
    return out;
  }
  template(parts: (string | Token[])[]): Value {
    if (parts.length === 3 && parts[0] === '' && parts[2] === '' && Array.isArray(parts[1])) {
      const whole = new Parser(parts[1] as Token[], this.scope).parse();
      return whole instanceof Reference ? `\${${whole.path}}` : whole;
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
