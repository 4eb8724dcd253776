/**
 * Replaces a directory only when its new content is complete: the content is written to a
 * sibling temporary directory (same filesystem), then renamed into place. On any error the
 * old directory is left exactly as it was and the staging directory is removed. `fill` is
 * synchronous, and the command line exits on signals through handlers (cli/main.ts), which run
 * only between synchronous sections: a Ctrl-C never leaves the staging directory behind. Callers
 * check first that the directory may be replaced (cli/output-dir.ts).
 *
 * `carry` names entries of the old directory (relative paths) that survive the replacement:
 * each is renamed, never copied, into the filled staging directory just before the swap, so it
 * is whole in exactly one place at any moment; on a failure each is renamed back first.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

export function writeDirAtomically<T>(out: string, fill: (dir: string) => T, carry: readonly string[] = []): T {
  const target = resolve(out);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.new-`));
  const moved: string[] = [];
  let settled = false; // once true, a failure undoes nothing: the new output is in place, or both halves stay put
  try {
    chmodSync(staging, 0o755 & ~process.umask()); // mkdtemp makes it private; the output is not
    const result = fill(staging);
    for (const entry of carry) {
      const to = join(staging, entry);
      if (!existsSync(dirname(to))) throw new Error(`cannot keep ${join(out, entry)}: the new output has no ${dirname(entry)}/`);
      if (exists(to)) throw new Error(`cannot keep ${join(out, entry)}: the new output writes a file of that name`);
      renameSync(join(target, entry), to);
      moved.push(entry);
    }
    const previous = existsSync(target) ? `${staging}.old` : undefined;
    if (previous) renameSync(target, previous);
    try {
      renameSync(staging, target);
    } catch (err) {
      if (previous) {
        try {
          renameSync(previous, target);
        } catch {
          settled = true;
          throw new Error(`replacing ${out} failed (${(err as Error).message}), and the earlier output could not be renamed back: it is in ${previous}, the files kept from it in ${staging}`);
        }
      }
      throw err;
    }
    settled = true;
    if (previous) rmSync(previous, { recursive: true, force: true });
    return result;
  } catch (err) {
    if (settled) throw err;
    putBack(out, target, staging, moved);
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Renames the carried entries back; if one cannot be, nothing is removed and the error says where it is. */
function putBack(out: string, target: string, staging: string, moved: readonly string[]): void {
  for (const entry of [...moved].reverse()) {
    try {
      renameSync(join(staging, entry), join(target, entry));
    } catch (err) {
      throw new Error(`replacing ${out} failed, and ${entry} could not be moved back: it is in ${join(staging, entry)}; move it back by hand (${(err as Error).message})`);
    }
  }
}
