/**
 * Running the real Terraform binary from jest: offline, with the provider filesystem mirror
 * (hashicorp/aws 5.100.0 only; `../shared/tools/tf-mirror` prints its root, or TF_MIRROR_DIR), fake
 * AWS credentials that make `plan -refresh=false` call no API, scratch roots under os.tmpdir().
 * Where the binary or the mirror is missing, `terraformEnv()` says why and the tests skip with
 * that line. Each passed check is appended to $ST_TERRAFORM_CHECKS, which .ci/run counts.
 */
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');

/** The mirror's version: the stacks pin 6.25.0 exactly, so test copies take this one. */
export const MIRROR_AWS_VERSION = '5.100.0';

/** Region, fake keys and the skip flags: plan then needs no credentials and no network. */
export const FAKE_AWS_PROVIDER = {
  region: 'eu-west-1',
  access_key: 'AKIAFAKEFAKEFAKEFAKE',
  secret_key: 'fake',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
} as const;

export interface TerraformEnv {
  readonly binary: string;
  readonly version: string;
  readonly mirror: string;
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

/** The binary and the mirror, or the reason the real-Terraform tests cannot run here. */
export function terraformEnv(): TerraformEnv | { readonly missing: string } {
  let version: string;
  try {
    version = firstLine(execFileSync('terraform', ['version'], { encoding: 'utf8', env: tfProcessEnv(), stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch {
    return { missing: 'no terraform binary on the PATH' };
  }
  let mirror = process.env.TF_MIRROR_DIR;
  const tool = resolve(ROOT, '../shared/tools/tf-mirror');
  if (!mirror && existsSync(tool)) {
    try {
      mirror = firstLine(execFileSync(tool, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    } catch {
      mirror = undefined;
    }
  }
  if (!mirror) return { missing: `${version}, but no provider mirror (${tool} or TF_MIRROR_DIR)` };
  const provider = join(mirror, 'registry.terraform.io/hashicorp/aws', MIRROR_AWS_VERSION);
  if (!existsSync(provider)) return { missing: `${version}, but the mirror ${mirror} has no hashicorp/aws ${MIRROR_AWS_VERSION}` };
  return { binary: 'terraform', version, mirror };
}

function tfProcessEnv(): NodeJS.ProcessEnv {
  // The machine points TF_CLI_CONFIG_FILE at a missing file; /dev/null is an empty config.
  return { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0', NO_COLOR: '1' };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One terraform call; a non-zero exit is returned, not thrown (plan failures are what some tests expect). */
export function terraform(dir: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolveRun) => {
    execFile('terraform', [...args], { cwd: dir, env: tfProcessEnv(), maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolveRun({ code, stdout, stderr });
    });
  });
}

/** Like terraform(), but a non-zero exit is an error carrying Terraform's own message. */
export async function terraformOk(dir: string, args: readonly string[]): Promise<string> {
  const result = await terraform(dir, args);
  if (result.code !== 0) throw new Error(`terraform ${args.join(' ')} in ${dir} exited ${result.code}:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

/** Runs at most `n` jobs at a time (two busy cores: plans are CPU-bound). */
export async function pool<T, R>(items: readonly T[], n: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `st-tf-${prefix}-`));
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Copies a repository directory (a module, an example) into a scratch root, keeping its relative path. */
export function copyFromRepo(relative: string, scratch: string): string {
  const target = join(scratch, relative);
  cpSync(join(ROOT, relative), target, { recursive: true, filter: (src) => !/(^|\/)\.terraform(\/|$)|\.tfstate/.test(src) });
  return target;
}

/** `init` from the mirror only: -plugin-dir links the provider in, so each init takes a fraction of a second. */
export function init(dir: string, env: TerraformEnv): Promise<string> {
  return terraformOk(dir, ['init', '-backend=false', '-input=false', '-no-color', `-plugin-dir=${env.mirror}`]);
}

/** Parsed `terraform show -json` output (only what the tests read is typed). */
export interface PlanJson {
  readonly format_version: string;
  readonly planned_values?: { readonly root_module: PlanModule };
  readonly values?: { readonly root_module: PlanModule };
  readonly configuration?: unknown;
  readonly resource_changes?: readonly { address: string; change: { actions: string[] } }[];
  readonly [key: string]: unknown;
}
export interface PlanModule {
  readonly address?: string;
  readonly resources?: readonly PlanResource[];
  readonly child_modules?: readonly PlanModule[];
}
export interface PlanResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly values: Record<string, unknown>;
}

/**
 * validate (unless told not to: plan validates too, and each command loads the provider's
 * schema, seconds of CPU), plan -out, show -json: the plan as Terraform will carry it out, and
 * the file beside it.
 */
export async function validateAndPlan(dir: string, validate = true): Promise<{ plan: PlanJson; file: string }> {
  if (validate) await terraformOk(dir, ['validate', '-no-color']);
  await terraformOk(dir, ['plan', '-input=false', '-refresh=false', '-lock=false', '-no-color', '-parallelism=4', '-out=plan.bin']);
  const shown = await terraformOk(dir, ['show', '-json', 'plan.bin']);
  const file = join(dir, 'plan.json');
  writeFileSync(file, shown);
  return { plan: JSON.parse(shown) as PlanJson, file };
}

/** Every managed resource of a module and its children, by address. */
export function planResources(module: PlanModule | undefined): PlanResource[] {
  if (!module) return [];
  return [...(module.resources ?? []).filter((r) => r.mode === 'managed'), ...(module.child_modules ?? []).flatMap(planResources)];
}

/** A diagnostic of `terraform plan -json`, with the module call it belongs to. */
export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  readonly context?: string;
}

/** The diagnostics of a `-json` run (one JSON message per line). */
export function diagnostics(stdout: string): Diagnostic[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { type: string; diagnostic?: { severity: string; summary: string; detail?: string; snippet?: { context?: string } } })
    .filter((m) => m.type === 'diagnostic' && m.diagnostic)
    .map(({ diagnostic: d }) => ({ severity: d!.severity, summary: d!.summary, detail: d!.detail ?? '', context: d!.snippet?.context }));
}

/** Counts a check that ran against real Terraform, for .ci/run's summary. */
export function recordCheck(name: string): void {
  const file = process.env.ST_TERRAFORM_CHECKS;
  if (file) appendFileSync(file, `ok ${name}\n`);
}

export function recordSkip(reason: string): void {
  const file = process.env.ST_TERRAFORM_CHECKS;
  if (file) appendFileSync(file, `skipped ${reason}\n`);
}
