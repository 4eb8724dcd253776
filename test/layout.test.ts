/**
 * src/ is the CDKTF-free core: it imports nothing from stacks/, providers/ or cli/, no CDKTF, and
 * its modules import each other without circles (config must not need the planner, which needs
 * the config). Type-only imports (`import type`) are erased at compile time and left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SRC = join(ROOT, 'src');

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** The modules a file loads at run time: import/export ... from, and require(). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const [, kind, spec] of text.matchAll(/^\s*(import|export)\s+(?!type\b)[^'";]*?from\s+['"]([^'"]+)['"]/gm)) if (kind) found.push(spec);
  for (const [, spec] of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(spec);
  for (const [, spec] of text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(spec);
  return found;
}

/** A relative specifier as a file path (x.ts or x/index.ts), else the package name as is. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = resolve(dirname(file), spec);
  return sources(dirname(base)).find((f) => f === `${base}.ts` || f === join(base, 'index.ts')) ?? `${base}.ts`;
}

const graph = new Map(sources(SRC).map((file) => [file, specifiers(file).map((spec) => target(file, spec))]));
const name = (file: string) => relative(ROOT, file);

it.each([...graph.keys()].map((file) => [name(file), file]))('%s stays inside the core', (_name, file) => {
  const outside = graph.get(file)!.filter((dep) => {
    if (dep.startsWith('/')) return !dep.startsWith(SRC + '/');
    return dep === 'cdktf' || dep === 'constructs' || dep.startsWith('@cdktf/');
  });
  expect(outside.map((dep) => (dep.startsWith('/') ? name(dep) : dep))).toEqual([]);
});

/** Every cycle a depth-first walk meets, as "a -> b -> a". */
function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node]);
      return;
    }
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) if (edges.has(next)) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
  return cycles;
}

it('src/ has no import cycles', () => {
  expect(findCycles(graph).map((cycle) => cycle.map(name).join(' -> '))).toEqual([]);
});

it('the cycle check finds a cycle when there is one', () => {
  expect(findCycles(new Map([['a', ['b']], ['b', ['c', 'd']], ['c', ['a']], ['d', []]]))).toEqual([['a', 'b', 'c', 'a']]);
});
