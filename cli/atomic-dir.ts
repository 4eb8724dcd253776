/**
 * Replaces a directory only when its new content is complete: the content is written to a
 * sibling temporary directory (same filesystem), then renamed into place. On any error the
 * old directory is left exactly as it was and the staging directory is removed. `fill` is
 * synchronous, and the command line exits on signals through handlers (cli/main.ts), which run
 * only between synchronous sections: a Ctrl-C never leaves the staging directory behind. Callers
 * check first that the directory may be replaced (cli/output-dir.ts).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function writeDirAtomically<T>(out: string, fill: (dir: string) => T): T {
  const target = resolve(out);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.new-`));
  try {
    chmodSync(staging, 0o755 & ~process.umask()); // mkdtemp makes it private; the output is not
    const result = fill(staging);
    const previous = existsSync(target) ? `${staging}.old` : undefined;
    if (previous) renameSync(target, previous);
    renameSync(staging, target);
    if (previous) rmSync(previous, { recursive: true, force: true });
    return result;
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
