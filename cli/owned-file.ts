/**
 * Single output files the tool owns (audit --report, --import-blocks): never overwrite a file the
 * tool did not write. A file is ours when it starts with our marker line; anything else that
 * exists at the path is refused (exit 2) and left byte for byte as it was. Writes go to a
 * temporary file in the same directory, then rename over the target, so a reader never sees a
 * half-written file and a failure leaves the old one.
 */
import { closeSync, existsSync, lstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../src/config/load';

/** Refuses (ConfigError, exit 2) a path holding anything but an earlier output with this marker. */
export function checkOwned(path: string, marker: string, flag: string): void {
  if (!existsSync(path)) {
    if (!existsSync(dirname(path))) throw new ConfigError([{ path: '', message: `the directory ${dirname(path)} does not exist`, value: path }], flag);
    return;
  }
  const stat = lstatSync(path);
  if (!stat.isFile()) throw new ConfigError([{ path: '', message: `${path} exists and is not a regular file; refusing to replace it`, value: path }], flag);
  const head = Buffer.alloc(Buffer.byteLength(marker));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('utf8') !== marker) {
    throw new ConfigError([{ path: '', message: `${path} exists and was not written by st-firewall audit (it does not start with the marker line); refusing to overwrite it: remove it or choose another file`, value: path }], flag);
  }
}

/** Writes atomically: temp file beside the target, then rename. */
export function writeOwned(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.st-firewall.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
