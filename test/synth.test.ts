/**
 * The synth command end to end (in process): layout, exit codes, untouched output on error,
 * determinism across directories, and the shape of what each stack holds.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { main } from '../cli/main';

const EXAMPLE = resolve(__dirname, '../examples/st-prod.json');
const work = mkdtempSync(join(tmpdir(), 'st-synth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI with stderr captured; returns the exit code and what it printed. */
async function run(args: string[], cwd = process.cwd()): Promise<{ code: number; stderr: string }> {
  const previous = process.cwd();
  let stderr = '';
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    process.chdir(cwd);
    return { code: await main(args), stderr };
  } finally {
    process.chdir(previous);
    err.mockRestore();
    out.mockRestore();
  }
}

/** Every file below dir, as relative path -> content. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('st-firewall synth', () => {
  const out = join(work, 'out');
  let files: Record<string, string>;
  beforeAll(async () => {
    expect((await run(['synth', '--config', EXAMPLE, '--out', out])).code).toBe(0);
    files = tree(out);
  });
  const stack = (cloud: string) => JSON.parse(files[`stacks/${cloud}/cdk.tf.json`]);

  it('writes the cdktf layout, one stack per cloud', async () => {
    expect(Object.keys(files).sort()).toEqual(['.st-firewall-output', 'manifest.json', 'stacks/aws/cdk.tf.json', 'stacks/azure/cdk.tf.json', 'stacks/gcp/cdk.tf.json']);
  });

  it.each([
    ['aws', 'aws', 'hashicorp/aws', ['edge_security_group_id', 'server_security_group_id']],
    ['azure', 'azurerm', 'hashicorp/azurerm', ['edge_network_security_group_id', 'server_network_security_group_id']],
    ['gcp', 'google', 'hashicorp/google', ['edge_network_tags', 'server_network_tags']],
  ])('%s: namespaced provider source, the contract outputs, no variables or loops', async (cloud, provider, source, outputs) => {
    const tf = stack(cloud);
    expect(tf.terraform.required_providers[provider].source).toBe(source);
    expect(Object.keys(tf.output).sort()).toEqual(outputs);
    expect(tf.variable).toBeUndefined();
    expect(files[`stacks/${cloud}/cdk.tf.json`]).not.toMatch(/"(for_each|count)"|\$\{var\./);
    expect(tf.terraform.backend.local.path).toBe(`terraform.${cloud}.tfstate`);
  });

  it('gcp outputs are the literal tag lists the instances must carry', async () => {
    expect(stack('gcp').output.edge_network_tags.value).toEqual(['st-prod-edge']);
    expect(stack('gcp').output.server_network_tags.value).toEqual(['st-prod-server']);
  });

  it('holds no absolute path of this machine', async () => {
    for (const [name, content] of Object.entries(files)) {
      for (const local of [work, process.cwd(), tmpdir()]) expect({ name, found: content.includes(local) }).toEqual({ name, found: false });
      expect(content).not.toMatch(/"\/(tmp|work|root|home|Users)\//);
    }
  });

  it('is byte-identical when run again from another directory with a relative --out', async () => {
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    expect((await run(['synth', '--config', EXAMPLE, '--out', 'again'], elsewhere)).code).toBe(0);
    expect(tree(join(elsewhere, 'again'))).toEqual(files);
  });

  it('--cloud picks the stacks', async () => {
    const some = join(work, 'some');
    expect((await run(['synth', '--config', EXAMPLE, '--out', some, '--cloud', 'gcp,aws'])).code).toBe(0);
    expect(readdirSync(join(some, 'stacks')).sort()).toEqual(['aws', 'gcp']);
  });

  it('replaces its own earlier output whole; refuses a directory of other files (test/output-dir.test.ts has every case)', async () => {
    const target = join(work, 'replaced');
    expect((await run(['synth', '--config', EXAMPLE, '--out', target, '--cloud', 'gcp,azure'])).code).toBe(0);
    expect((await run(['synth', '--config', EXAMPLE, '--out', target, '--cloud', 'aws'])).code).toBe(0);
    expect(Object.keys(tree(target)).sort()).toEqual(['.st-firewall-output', 'manifest.json', 'stacks/aws/cdk.tf.json']);
    const theirs = join(work, 'theirs');
    mkdirSync(join(theirs, 'stacks/old'), { recursive: true });
    writeFileSync(join(theirs, 'stale.txt'), 'x');
    const { code, stderr } = await run(['synth', '--config', EXAMPLE, '--out', theirs, '--cloud', 'aws']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not empty, and not an earlier st-firewall output.*It holds: stacks, stale\.txt/);
    expect(tree(theirs)).toEqual({ 'stale.txt': 'x' });
  });
});

describe('st-firewall synth with bad input', () => {
  const badConfig = join(work, 'bad.json');
  const target = join(work, 'kept');
  beforeAll(async () => {
    writeFileSync(badConfig, JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE, 'utf8')), ftpPassivePorts: '0-10' }));
    mkdirSync(target);
    writeFileSync(join(target, 'previous.txt'), 'previous run');
  });

  it.each([
    ['a bad config', ['--config', badConfig], /bad\.json: ftpPassivePorts: port 0 is out of range \(1-65535\) \(got "0-10"\)/],
    ['a missing config file', ['--config', join(work, 'nope.json')], /nope\.json: \(file\): cannot read the file \(ENOENT\)/],
    ['an unknown cloud', ['--config', EXAMPLE, '--cloud', 'aws,oci'], /expected a comma-separated list of aws, azure, gcp \(got "aws,oci"\)/],
  ])('%s: exit 2, a message naming the field, the output directory untouched', async (_title, args, message) => {
    const { code, stderr } = (await run(['synth', ...args, '--out', target]));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(tree(target)).toEqual({ 'previous.txt': 'previous run' });
    expect(readdirSync(work).filter((name) => name.includes('.new-'))).toEqual([]);
  });

  it('a missing required flag exits 2', async () => {
    expect((await run(['synth', '--config', EXAMPLE])).code).toBe(2);
    expect(existsSync(join(process.cwd(), 'undefined'))).toBe(false);
  });
});

describe('CDKTF stays at the edges', () => {
  /** Every module a file pulls in through static imports, following relative paths. */
  function imports(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) {
      // "../model" is a directory: its index.ts.
      if (spec.startsWith('.')) imports(existsSync(resolve(file, '..', `${spec}.ts`)) ? resolve(file, '..', `${spec}.ts`) : resolve(file, '..', spec, 'index.ts'), seen);
      else seen.add(spec);
    }
    return seen;
  }

  const root = resolve(__dirname, '../src');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

  it.each(sources(root).map((file) => [relative(root, file), file]))('src/%s does not import cdktf or a provider package', async (_name, file) => {
    const modules = [...imports(file)].filter((m) => !m.startsWith('/'));
    expect(modules.filter((m) => m === 'cdktf' || m.startsWith('@cdktf/') || m === 'constructs')).toEqual([]);
  });

  it('provider classes are imported by deep path only', async () => {
    const all = ['providers', 'stacks'].flatMap((dir) => sources(resolve(__dirname, '..', dir)));
    for (const file of all) expect(readFileSync(file, 'utf8')).not.toMatch(/from ['"]@cdktf\/provider-(aws|azurerm|google)['"]/);
  });
});
