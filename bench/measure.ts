/**
 * One measurement = one fresh child process. Wall time is taken by this process around the
 * spawn (hrtime); peak RSS comes from GNU time (`/usr/bin/time -f %M`, in KB) when present, or
 * else from a preloaded hook that writes the child's own process.resourceUsage().maxRSS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  readonly ok: boolean;
  readonly seconds: number;
  /** Peak resident set size of the child, in MB (2^20 bytes). */
  readonly peakMb: number;
  readonly exitCode: number | null;
  /** The child's stderr (last lines) when it failed. */
  readonly message?: string;
}

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

const GNU_TIME = '/usr/bin/time';

function hasGnuTime(): boolean {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr);
}

export class Runner {
  readonly method: string;
  private readonly gnuTime: boolean;
  private seq = 0;

  constructor(
    private readonly scratch: string,
    /** Compiled bench/rss-hook.js, preloaded with --require when GNU time is missing. */
    private readonly rssHook: string,
  ) {
    this.gnuTime = hasGnuTime();
    this.method = this.gnuTime ? 'GNU time %M' : 'process.resourceUsage().maxRSS (preloaded hook)';
  }

  /** Runs `node <args>` once, from `cwd`. */
  run(args: readonly string[], cwd: string): Sample {
    const report = join(this.scratch, `rss-${this.seq++}.txt`);
    const [command, argv] = this.gnuTime
      ? [GNU_TIME, ['-f', '%M', '-o', report, process.execPath, ...args]]
      : [process.execPath, ['--require', this.rssHook, ...args]];
    const env = { ...process.env, BENCH_RSS_FILE: report };
    const start = process.hrtime.bigint();
    const child = spawnSync(command, argv, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (child.error) throw child.error;
    let peakKb = NaN;
    if (existsSync(report)) {
      // GNU time prefixes "Command exited with non-zero status N" on failure: the number is last.
      const lines = readFileSync(report, 'utf8').trim().split('\n');
      peakKb = Number(lines[lines.length - 1]);
      rmSync(report, { force: true });
    }
    const ok = child.status === 0;
    const message = ok ? undefined : lastLines(child.stderr || child.stdout || `killed by ${child.signal}`, 3);
    return { ok, seconds, peakMb: peakKb / 1024, exitCode: child.status, message };
  }
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' / ');
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
