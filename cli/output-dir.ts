/**
 * Which directories `synth --out` and `module --out` may write. The output directory is replaced
 * whole, so it must be one the tool owns: missing, empty, or an earlier st-firewall output that
 * holds nothing but the files its marker lists. Some places are refused whatever they hold: the
 * empty string (an unset shell variable), `/`, the home directory, the current directory and
 * its ancestors, a directory the config file lies in (at any depth), a directory holding `.git`.
 * A directory holding only empty directories counts as empty.
 * Every refusal is an OutputDirError (exit 2) raised before anything is created.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, Stats, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { CLOUDS } from '../src/clouds';
import { markerText, OUTPUT_MARKER, parseMarker } from '../src/output/marker';
import { writeDirAtomically } from './atomic-dir';

export class OutputDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

/** What the checks compare against; injectable so tests never point at a real home or cwd. */
export interface OutputContext {
  readonly cwd: string;
  readonly home: string;
  /** The config file the command read, if any: its directories are never replaced. */
  readonly config?: string;
}

export function defaultContext(config?: string): OutputContext {
  return { cwd: process.cwd(), home: process.env.HOME || homedir(), config };
}

const WHAT_TO_DO = 'give a new or empty directory (it is created), or one an earlier st-firewall run wrote';
const SHOWN = 5;
/** An own output is small (a few dozen files); walking more than this means it is not ours. */
const MAX_OWN_FILES = 10_000;

/** lstat, or undefined when there is nothing there (ENOENT, or ENOTDIR below a file). */
function entryAt(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The real path of `path`, or of its deepest existing ancestor with the rest appended. */
function realish(path: string): string {
  const rest: string[] = [];
  let at = resolve(path);
  while (!entryAt(at) && dirname(at) !== at) {
    rest.unshift(basename(at));
    at = dirname(at);
  }
  let real = at;
  try {
    real = realpathSync(at);
  } catch {
    // a dangling symbolic link: refused below as a link
  }
  return join(real, ...rest);
}

const isInside = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

function refuse(out: string, reason: string, entries?: readonly string[], hint = WHAT_TO_DO): never {
  const shown = entries && entries.length > 0 ? ` It holds: ${entries.slice(0, SHOWN).join(', ')}${entries.length > SHOWN ? ` and ${entries.length - SHOWN} more` : ''}.` : '';
  throw new OutputDirError(`--out ${JSON.stringify(out)}: ${reason}; nothing was written.${shown} What to do: ${hint}.`);
}

/** Every file below dir, relative and "/"-separated, sorted; undefined once more than `limit`. */
function filesBelow(dir: string, limit = MAX_OWN_FILES): string[] | undefined {
  const files: string[] = [];
  const walk = (at: string): boolean => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (!walk(path)) return false;
      } else {
        files.push(relative(dir, path).split(sep).join('/'));
        if (files.length > limit) return false;
      }
    }
    return true;
  };
  return walk(dir) ? files.sort() : undefined;
}

/**
 * Output written by st-firewall before the marker existed: the cdktf layout exactly
 * (manifest.json, stacks/<cloud>/cdk.tf.json), so `npm run synth` keeps replacing an old cdktf.out.
 */
function isUnmarkedSynthOutput(files: readonly string[], dir: string): boolean {
  const stack = /^stacks\/([a-z]+)\/cdk\.tf\.json$/;
  if (!files.includes('manifest.json')) return false;
  if (!files.every((file) => file === 'manifest.json' || CLOUDS.includes((stack.exec(file)?.[1] ?? '') as never))) return false;
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { stacks?: unknown };
    return typeof manifest.stacks === 'object' && manifest.stacks !== null;
  } catch {
    return false;
  }
}

/** Throws OutputDirError unless `out` may be replaced; returns its absolute path. Creates nothing. */
export function checkOutputDir(out: string, context: OutputContext): string {
  if (out.trim() === '') refuse(out, 'is empty (an unset shell variable?)', undefined, 'give the directory to write, for example --out cdktf.out');
  const target = resolve(context.cwd, out);
  const real = realish(target);
  if (dirname(real) === real) refuse(out, 'is the filesystem root');
  if (real === realish(context.home)) refuse(out, 'is the home directory');
  const cwd = realish(context.cwd);
  if (real === cwd) refuse(out, 'is the current directory');
  if (isInside(cwd, real)) refuse(out, 'holds the current directory');
  if (context.config && isInside(realish(resolve(context.cwd, context.config)), real)) refuse(out, `holds the config file ${context.config}`);
  const stat = entryAt(target);
  if (!stat) {
    let parent = dirname(target);
    while (!entryAt(parent)) parent = dirname(parent);
    if (!existsSync(parent) || !statSync(parent).isDirectory()) refuse(out, `cannot be created: ${parent} is not a directory`);
    return target;
  }
  if (stat.isSymbolicLink()) refuse(out, `is a symbolic link (to ${real})`, undefined, 'give the directory it points to, or a new one');
  if (!stat.isDirectory()) refuse(out, 'exists and is not a directory');
  const entries = readdirSync(target).sort();
  if (entries.length === 0) return target;
  if (entries.includes('.git')) refuse(out, 'holds a Git repository (.git)', entries);
  const files = filesBelow(target);
  if (files?.length === 0) return target; // only empty directories: nothing to lose
  if (entries.includes(OUTPUT_MARKER)) {
    const marker = parseMarker(readFileSync(join(target, OUTPUT_MARKER), 'utf8'));
    if (!marker) refuse(out, `holds a ${OUTPUT_MARKER} that st-firewall did not write`, entries);
    const foreign = files?.filter((file) => file !== OUTPUT_MARKER && !marker.files.includes(file));
    if (!foreign) refuse(out, 'holds far more files than an st-firewall output', entries);
    if (foreign.length > 0) {
      refuse(out, `is an earlier st-firewall output, but also holds files st-firewall did not write (${foreign.slice(0, SHOWN).join(', ')}${foreign.length > SHOWN ? ', ...' : ''}), which replacing it would delete`, undefined, 'move those files out of it (Terraform working files and state included), or choose another directory');
    }
    return target;
  }
  if (files && isUnmarkedSynthOutput(files, target)) return target;
  refuse(out, `is not empty, and not an earlier st-firewall output (it has no ${OUTPUT_MARKER})`, entries);
}

/**
 * Checks `out`, then fills a staging directory and renames it into place (cli/atomic-dir.ts),
 * marked as this verb's output with the list of every file `fill` wrote.
 */
export function writeOutputDir<T>(out: string, verb: string, context: OutputContext, fill: (dir: string) => T): T {
  const target = checkOutputDir(out, context);
  return writeDirAtomically(target, (dir) => {
    const result = fill(dir);
    writeFileSync(join(dir, OUTPUT_MARKER), markerText(verb, filesBelow(dir, Infinity) ?? []));
    return result;
  });
}
