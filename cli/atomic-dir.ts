/**
 * Replaces a directory only when its new content is complete: the content is written to a
 * sibling temporary directory (same filesystem), then renamed into place. On any error the
 * old directory is left exactly as it was.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function writeDirAtomically<T>(out: string, fill: (dir: string) => T): T {
  const target = resolve(out);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new Error(`--out ${out}: exists and is not a directory`);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.new-`));
  chmodSync(staging, 0o755 & ~process.umask()); // mkdtemp makes it private; the output is not
  try {
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
