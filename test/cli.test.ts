/**
 * The README's exit codes, verb by verb (0 done, 2 bad config or arguments, 1 a failure or
 * verify's divergences), --version and --help; then, as a real process from dist/, a closed
 * pipe ending quietly and the bin keeping its execute bit after a build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli';

const ROOT = resolve(__dirname, '..');
const EXAMPLE = join(ROOT, 'examples/st-prod.json');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), 'st-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = runCli;

const stacks = join(work, 'stacks-out');
const aFile = join(work, 'a-file');
const badConfig = join(work, 'bad.json');
const noStacks = join(work, 'no-stacks');
beforeAll(async () => {
  writeFileSync(aFile, 'x');
  writeFileSync(badConfig, '{"name": "Bad"}');
  mkdirSync(noStacks);
  expect((await run(['synth', '--config', EXAMPLE, '--out', stacks, '--cloud', 'gcp'])).code).toBe(0);
});

describe('exit codes, every verb', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['no verb', [], 2, /Usage: st-firewall/],
    ['an unknown verb', ['bogus'], 2, /unknown command 'bogus'/],
    ['an unknown option', ['synth', '--config', EXAMPLE, '--out', join(work, 'x'), '--nope'], 2, /unknown option '--nope'/],
    ['synth: a missing --out', ['synth', '--config', EXAMPLE], 2, /required option '--out <dir>' not specified/],
    ['synth: a bad config', ['synth', '--config', badConfig, '--out', join(work, 'y')], 2, /bad\.json: /],
    ['synth: --out naming a file', ['synth', '--config', EXAMPLE, '--out', aFile], 2, /exists and is not a directory/],
    ['synth: an unknown cloud', ['synth', '--config', EXAMPLE, '--out', join(work, 'z'), '--cloud', 'oci'], 2, /expected a comma-separated list/],
    ['verify: a missing --stacks directory', ['verify', '--config', EXAMPLE, '--stacks', join(work, 'nope')], 2, /--stacks .*nope: no such directory/],
    ['verify: --stacks naming a file', ['verify', '--config', EXAMPLE, '--stacks', aFile], 2, /is not a directory/],
    ['verify: --stacks without stacks', ['verify', '--config', EXAMPLE, '--stacks', noStacks], 2, /no stacks\/<cloud>\/cdk\.tf\.json/],
    ['verify: a bad --vnet', ['verify', '--config', EXAMPLE, '--stacks', stacks, '--vnet', '10.0.0.1/8'], 2, /--vnet/],
    ['verify: a bad config', ['verify', '--config', badConfig, '--stacks', stacks], 2, /bad\.json: /],
    ['explain: a missing --stacks directory', ['explain', '--config', EXAMPLE, '--stacks', join(work, 'nope')], 2, /no such directory/],
    ['explain: a bad --format', ['explain', '--config', EXAMPLE, '--stacks', stacks, '--format', 'html'], 2, /expected md or json/],
    ['module: --out naming a file', ['module', '--out', aFile], 2, /exists and is not a directory/],
    ['module: an empty --out', ['module', '--out', ''], 2, /is empty/],
  ];
  it.each(cases)('%s', async (_title, args, code, message) => {
    const result = await run(args);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.code).toBe(code);
  });

  it('verify: 0 when the stacks agree, 1 on a divergence, 2 never for that', async () => {
    expect((await run(['verify', '--config', EXAMPLE, '--stacks', stacks, '--cloud', 'gcp'])).code).toBe(0);
    const file = join(stacks, 'stacks/gcp/cdk.tf.json');
    const tf = JSON.parse(readFileSync(file, 'utf8'));
    for (const [name, rule] of Object.entries(tf.resource.google_compute_firewall as Record<string, { priority: number }>)) if (rule.priority === 100) delete tf.resource.google_compute_firewall[name];
    writeFileSync(file, JSON.stringify(tf));
    const result = await run(['verify', '--config', EXAMPLE, '--stacks', stacks, '--cloud', 'gcp']);
    expect(result.stdout).not.toMatch(/effective access equals the spec/);
    expect(result.code).toBe(1);
  });

  it('explain: 0, output on stdout', async () => {
    const result = await run(['explain', '--config', EXAMPLE, '--cloud', 'gcp', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toBeInstanceOf(Object);
  });

  it('--version prints package.json\'s version', async () => {
    for (const flag of ['--version', '-V']) expect(await run([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it.each([
    ['synth', ['--config', '--out']],
    ['verify', ['--config']],
    ['explain', ['--config']],
    ['module', ['--out']],
  ])('%s --help marks the required options', async (verb, required) => {
    const { code, stdout } = await run([verb, '--help']);
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((line) => /^\s+--/.test(line));
    for (const line of lines) {
      const option = /^\s+(--[a-z]+)/.exec(line)![1];
      expect({ option, required: line.includes('(required)') }).toEqual({ option, required: required.includes(option) });
    }
  });
});

describe('as a process (dist/cli/main.js)', () => {
  const bin = join(ROOT, 'dist/cli/main.js');
  beforeAll(() => {
    // tsc writes a new file without the execute bit: make it so, then build as a user would.
    try {
      chmodSync(bin, 0o644);
    } catch {
      // no dist yet: the build below writes it
    }
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
  }, 120_000);

  it('npm run build leaves the bin executable, and it runs by its path', () => {
    expect(statSync(bin).mode & 0o111).toBe(0o111);
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(`${VERSION}\n`);
  });

  it('a closed pipe (explain | true) ends quietly: no stack trace, exit 0', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" explain --config "${EXAMPLE}" | true; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" explain --config "${EXAMPLE}" | head -1; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    for (const { stderr } of [result, piped]) expect(stderr).toBe('');
    expect(result.stdout).toBe('status 0\n');
    expect(piped.stdout).toBe('# SecureTransport firewall rules, cloud by cloud\nstatus 0\n');
  });
});

describe('synth shows the security findings verify prints', () => {
  const risky = join(work, 'risky.json');
  const vendor = join(work, 'vendor.json');
  beforeAll(() => {
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const adminFromAny = { id: 'edge-admin-any', group: 'edge', protocol: 'tcp', ports: '9999', source: 'any', priority: 1000, description: 'admin port opened to Any' };
    writeFileSync(risky, JSON.stringify({ ...example, rules: [adminFromAny] }));
    writeFileSync(vendor, JSON.stringify({ ...example, icmp: 'vendor' }));
  });
  const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'utf8')]);

  it('on stderr, as warnings; the output is written', async () => {
    const out = join(work, 'risky-out');
    const { code, stderr, stdout } = await run(['synth', '--config', risky, '--out', out, '--cloud', 'aws,gcp']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^warning: aws edge: admin\/cluster port tcp\/9999 is reachable from Any \(aws_vpc_security_group_ingress_rule\.edge_admin_any\)$/m);
    expect(stderr).toMatch(/^warning: gcp edge: admin\/cluster port tcp\/9999 is reachable from Any/m);
    expect(stdout).toBe(`${out}/stacks/aws/cdk.tf.json\n${out}/stacks/gcp/cdk.tf.json\n`);
  });

  it('--strict: an error, exit 1, and the earlier output untouched', async () => {
    const out = join(work, 'strict-out');
    expect((await run(['synth', '--config', EXAMPLE, '--out', out, '--cloud', 'gcp'])).code).toBe(0);
    const before = files(out);
    const { code, stderr, stdout } = await run(['synth', '--config', risky, '--out', out, '--cloud', 'gcp', '--strict']);
    expect(stderr).toMatch(/^error: gcp edge: admin\/cluster port tcp\/9999 is reachable from Any/m);
    expect(stderr).toMatch(/--strict: 1 security finding; nothing was written/);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(files(out)).toEqual(before);
    expect(readdirSync(work).filter((name) => name.includes('.new-'))).toEqual([]);
  });

  it('--strict passes the example, and fails icmp "vendor" as verify --strict does (its flows are findings)', async () => {
    expect(await run(['synth', '--config', EXAMPLE, '--out', join(work, 'strict-ok'), '--strict'])).toEqual(expect.objectContaining({ code: 0, stderr: '' }));
    const synth = await run(['synth', '--config', vendor, '--out', join(work, 'strict-vendor'), '--cloud', 'gcp', '--strict']);
    const verify = await run(['verify', '--config', vendor, '--cloud', 'gcp', '--strict']);
    expect([synth.code, verify.code]).toEqual([1, 1]);
    expect(synth.stderr).toMatch(/error: gcp server: icmp "vendor" admits/);
  });
});
