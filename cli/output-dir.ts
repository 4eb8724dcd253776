/**
 * Which directories `synth --out` and `module --out` may write. The output directory is replaced
 * whole, so it must be one the tool owns: missing, empty, or an earlier st-firewall output that
 * holds nothing but the files its marker lists. Some places are refused whatever they hold: the
 * empty string (an unset shell variable), `/`, the home directory, the current directory and
 * its ancestors, a directory the config file lies in (at any depth), a directory holding `.git`.
 * A directory holding only empty directories counts as empty.
 * Terraform's own working files in an earlier output's `stacks/<cloud>/` (state, `.terraform/`,
 * the lock file: TERRAFORM_WORKING_FILE) are not the tool's, but they are carried into the new
 * output instead of refusing, since `terraform init/apply` there is the documented workflow and
 * the state is the user's data. A stack this run does not write that holds them is refused.
 * Every refusal is an OutputDirError (exit 2) raised before anything is created.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, Stats, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Cloud, CLOUDS } from '../src/clouds';
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

/**
 * Terraform's working files, by name, directly inside a stack directory: the local backend's
 * state (stacks/backend.ts puts it at `terraform.<cloud>.tfstate`, relative, so next to
 * cdk.tf.json), its backup, workspaces and lock, the providers and the dependency lock file.
 * Exactly these: anything else the tool did not write still makes it refuse.
 */
const TERRAFORM_WORKING_FILE = /^(?:\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate(?:\.backup)?|terraform\.[^/]+\.tfstate(?:\.backup)?|terraform\.tfstate\.d|\.terraform\.tfstate\.lock\.info)$/;
const STACK_ENTRY = /^stacks\/([^/]+)\/([^/]+)(?:\/|$)/;

/** The top-level Terraform working entry (`stacks/aws/.terraform`) a path lies in, if any. */
function terraformEntry(file: string): { cloud: string; entry: string } | undefined {
  const match = STACK_ENTRY.exec(file);
  if (!match || !CLOUDS.includes(match[1] as Cloud) || !TERRAFORM_WORKING_FILE.test(match[2])) return undefined;
  return { cloud: match[1], entry: `stacks/${match[1]}/${match[2]}` };
}

/** What replacing `out` involves: the absolute target, and the Terraform entries carried over. */
export interface OutputPlan {
  readonly target: string;
  /** Entries like `stacks/aws/terraform.aws.tfstate` or `stacks/aws/.terraform`, sorted. */
  readonly carried: readonly string[];
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

/**
 * Throws OutputDirError unless `out` may be replaced; returns its absolute path. Creates nothing.
 * `stacks`: the clouds whose `stacks/<cloud>/` the new output holds (synth's --cloud; none for
 * module), the only places Terraform's working files can be carried to.
 */
export function checkOutputDir(out: string, context: OutputContext, stacks: readonly Cloud[] = []): string {
  return planOutputDir(out, context, stacks).target;
}

/** checkOutputDir, also naming the Terraform working entries that move into the new output. */
export function planOutputDir(out: string, context: OutputContext, stacks: readonly Cloud[] = []): OutputPlan {
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
    return { target, carried: [] };
  }
  if (stat.isSymbolicLink()) refuse(out, `is a symbolic link (to ${real})`, undefined, 'give the directory it points to, or a new one');
  if (!stat.isDirectory()) refuse(out, 'exists and is not a directory');
  const entries = readdirSync(target).sort();
  if (entries.length === 0) return { target, carried: [] };
  if (entries.includes('.git')) refuse(out, 'holds a Git repository (.git)', entries);
  const files = filesBelow(target);
  if (files?.length === 0) return { target, carried: [] }; // only empty directories: nothing to lose
  if (entries.includes(OUTPUT_MARKER)) {
    const marker = parseMarker(readFileSync(join(target, OUTPUT_MARKER), 'utf8'));
    if (!marker) refuse(out, `holds a ${OUTPUT_MARKER} that st-firewall did not write`, entries);
    if (!files) refuse(out, 'holds far more files than an st-firewall output', entries);
    refuseWhileLocked(out, files);
    const foreign = files.filter((file) => file !== OUTPUT_MARKER && !marker.files.includes(file) && !terraformEntry(file));
    if (foreign.length > 0) {
      refuse(out, `is an earlier st-firewall output, but also holds files st-firewall did not write (${foreign.slice(0, SHOWN).join(', ')}${foreign.length > SHOWN ? ', ...' : ''}), which replacing it would delete`, undefined, "move those files out of it, or choose another directory (Terraform's own working files in stacks/<cloud>/ are kept, see the README)");
    }
  } else if (!files || !isUnmarkedSynthOutput(files.filter((file) => !terraformEntry(file)), target)) {
    refuse(out, `is not empty, and not an earlier st-firewall output (it has no ${OUTPUT_MARKER})`, entries);
  }
  refuseWhileLocked(out, files);
  const terraform = files.filter((file) => terraformEntry(file));
  return { target, carried: carriedEntries(out, target, terraform, stacks) };
}

/**
 * The local backend's lock info (`.<state file>.lock.info`) exists while a Terraform run holds the
 * state: replacing the directory under it would send the state it writes next into the deleted
 * old directory. Left behind by a run that was killed, it is removed by hand.
 */
function refuseWhileLocked(out: string, files: readonly string[]): void {
  const lock = files.find((file) => /^stacks\/[^/]+\/\.terraform(?:\.[^/]+)?\.tfstate\.lock\.info$/.test(file));
  if (lock) refuse(out, `holds ${lock}: a Terraform run holds that stack's state lock, and replacing the directory under it would lose the state it writes`, undefined, `let that run finish first (if none runs, a killed run left the file behind: delete ${join(out, lock)})`);
}

/**
 * The Terraform entries to move into the new output. A stack directory the new output will not
 * hold is refused rather than carried whole: its cdk.tf.json would be stale next to the new
 * stacks (and no longer listed or verified), and dropping it would drop its state.
 */
function carriedEntries(out: string, target: string, terraform: readonly string[], stacks: readonly Cloud[]): string[] {
  const entries = new Set<string>();
  const orphaned = new Map<string, string[]>();
  for (const file of terraform) {
    const { cloud, entry } = terraformEntry(file)!;
    if (stacks.includes(cloud as Cloud)) entries.add(entry);
    else orphaned.set(cloud, [...(orphaned.get(cloud) ?? []), entry]);
  }
  // Empty working directories (`terraform.tfstate.d/` before any workspace) hold nothing, but move too.
  for (const cloud of stacks) {
    const dir = join(target, 'stacks', cloud);
    if (!entryAt(dir)?.isDirectory()) continue;
    for (const name of readdirSync(dir)) if (TERRAFORM_WORKING_FILE.test(name)) entries.add(`stacks/${cloud}/${name}`);
  }
  const [cloud, held] = [...orphaned].sort()[0] ?? [];
  if (cloud !== undefined) {
    // Entry names, directories marked, the state first: what the user must not lose.
    const shown = [...new Set(held)].map((entry) => entry.slice(`stacks/${cloud}/`.length) + (entryAt(join(target, entry))?.isDirectory() ? '/' : ''));
    shown.sort((a, b) => Number(a.startsWith('.')) - Number(b.startsWith('.')) || (a < b ? -1 : a > b ? 1 : 0));
    const others = orphaned.size > 1 ? ` (${[...orphaned.keys()].sort().slice(1).map((c) => `stacks/${c}`).join(', ')} too)` : '';
    refuse(
      out,
      `is an earlier st-firewall output whose stacks/${cloud} holds Terraform state or working files (${shown.join(', ')}), and this run does not write the ${cloud} stack${others}, so replacing it would delete them`,
      undefined,
      `synthesize ${cloud} too (--cloud), or, to drop that stack, run \`terraform destroy\` in ${join(out, 'stacks', cloud)} if it is deployed and move the directory out, or choose another directory`,
    );
  }
  return [...entries].sort();
}

/**
 * Checks `out`, then fills a staging directory and renames it into place (cli/atomic-dir.ts),
 * marked as this verb's output with the list of every file `fill` wrote. Terraform's working
 * files of an earlier output are moved (renamed, never copied) into the staging directory just
 * before the swap, and moved back if anything fails; the marker does not list them.
 */
export function writeOutputDir<T>(out: string, verb: string, context: OutputContext, fill: (dir: string) => T, stacks: readonly Cloud[] = []): T {
  const { target, carried } = planOutputDir(out, context, stacks);
  return writeDirAtomically(
    target,
    (dir) => {
      const result = fill(dir);
      writeFileSync(join(dir, OUTPUT_MARKER), markerText(verb, filesBelow(dir, Infinity) ?? []));
      return result;
    },
    carried,
  );
}
