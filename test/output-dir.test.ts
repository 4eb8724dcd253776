/**
 * Output ownership (cli/output-dir.ts): synth and module write only into a new, empty or own
 * earlier directory. Every case runs in a scratch tree holding user files, a `.git` and the
 * config, with HOME pointed into it; a refused run must exit 2 and leave the tree byte-identical
 * (every file hashed, every directory listed), with no staging directory anywhere.
 */
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { main } from '../cli/main';
import { checkOutputDir, OutputDirError, planOutputDir, writeOutputDir } from '../cli/output-dir';
import { OUTPUT_MARKER, parseMarker } from '../src/output/marker';

const EXAMPLE = resolve(__dirname, '../examples/st-prod.json');
const scratch = mkdtempSync(join(tmpdir(), 'st-outdir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every entry below dir: files by content hash, directories and links as such. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const name = relative(dir, path);
      const stat = lstatSync(path);
      if (entry.isSymbolicLink()) entries[name] = `link ${readlinkSync(path)}`;
      else if (entry.isDirectory()) {
        entries[name] = `dir ${(stat.mode & 0o777).toString(8)}`;
        walk(path);
      } else entries[name] = `file ${(stat.mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  walk(dir);
  return entries;
}

let count = 0;
/** A fresh user tree: a repository with source files, a config, a home and a few directories. */
function userTree(): string {
  const root = join(scratch, `tree-${++count}`);
  const files: Record<string, string> = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/config': '[core]\n',
    'main.tf': 'resource "null_resource" "mine" {}\n',
    'notes/todo.md': '- keep me\n',
    'conf/app.json': readFileSync(EXAMPLE, 'utf8'),
    'deep/a/b/app.json': readFileSync(EXAMPLE, 'utf8'),
    'home/.bashrc': 'export PS1=\n',
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'work/sub/file.txt': 'x\n',
    'a-file': 'not a directory\n',
    'foreign/manifest.json': '{"stacks":{}}\n',
    'foreign/stacks/aws/cdk.tf.json': '{}\n',
    'foreign/stacks/aws/mine.txt': 'a file next to a stack\n',
    'bogus/.st-firewall-output': '{"tool":"other"}\n',
    'bogus/x': 'x\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  mkdirSync(join(root, 'empty-home'));
  mkdirSync(join(root, 'empty'));
  mkdirSync(join(root, 'emptyish/stacks/aws'), { recursive: true });
  symlinkSync(join(root, 'empty'), join(root, 'link'));
  return root;
}

/** Runs the CLI in `cwd` with HOME faked; stdout and stderr captured. */
async function run(args: string[], cwd: string, home: string): Promise<{ code: number; stderr: string; stdout: string }> {
  const previous = { cwd: process.cwd(), home: process.env.HOME };
  let stderr = '';
  let stdout = '';
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  try {
    process.chdir(cwd);
    process.env.HOME = home;
    return { code: await main(args), stderr, stdout };
  } finally {
    process.chdir(previous.cwd);
    process.env.HOME = previous.home;
    err.mockRestore();
    out.mockRestore();
  }
}

const synth = (out: string, config = 'conf/app.json') => ['synth', '--config', config, '--out', out, '--cloud', 'gcp'];
const moduleVerb = (out: string) => ['module', '--out', out, '--cloud', 'gcp'];

describe('refused output directories: exit 2, the tree byte-identical, no staging directory', () => {
  // [title, --out, cwd below the tree, HOME below the tree, message]
  const cases: [string, string, string, string, RegExp][] = [
    ['the empty string', '', '.', 'home', /--out "": is empty \(an unset shell variable\?\)/],
    ['blanks', '  ', '.', 'home', /is empty/],
    ['the current directory', '.', '.', 'home', /is the current directory/],
    ['the current directory by absolute path', '<root>', '.', 'home', /is the current directory/],
    ['the current directory spelled sub/..', 'work/..', '.', 'home', /is the current directory/],
    ['the parent of the current directory', '..', 'work/sub', 'home', /holds the current directory/],
    ['an ancestor of the current directory', '../..', 'work/sub', 'home', /holds the current directory/],
    ['the home directory', '<root>/home', '.', 'home', /is the home directory/],
    ['the home directory, empty', 'empty-home', '.', 'empty-home', /is the home directory/],
    ['the directory holding the config', 'conf', '.', 'home', /holds the config file .*conf\/app\.json/],
    ['a directory holding the config deeper', 'deep', '.', 'home', /holds the config file/],
    ['a directory holding .git', '../repo', 'work', 'home', /holds a Git repository \(\.git\)/],
    ['a non-empty directory of the user', 'notes', '.', 'home', /is not empty, and not an earlier st-firewall output.*It holds: todo\.md/],
    ['an existing file', 'a-file', '.', 'home', /exists and is not a directory/],
    ['below an existing file', 'a-file/out', '.', 'home', /cannot be created: .*a-file is not a directory/],
    ['a cdktf layout with a file of the user', 'foreign', '.', 'home', /is not empty, and not an earlier st-firewall output/],
    ['a marker st-firewall did not write', 'bogus', '.', 'home', /holds a \.st-firewall-output that st-firewall did not write/],
    ['a symbolic link', 'link', '.', 'home', /is a symbolic link/],
  ];

  for (const [verbName, verb] of [['synth', synth], ['module', moduleVerb]] as const) {
    const own = verbName === 'synth' ? cases : cases.filter(([title]) => !title.includes('config'));
    it.each(own)(`${verbName} --out %s`, async (_title, out, cwd, home, message) => {
      const root = userTree();
      const before = snapshot(root);
      const args = verb(out.replace('<root>', root));
      if (verbName === 'synth') args[2] = join(root, 'conf/app.json'); // the config by absolute path: cwd varies
      if (verbName === 'synth' && out === 'deep') args[2] = join(root, 'deep/a/b/app.json');
      const { code, stderr, stdout } = await run(args, join(root, cwd), join(root, home));
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/nothing was written\..*What to do: /);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(snapshot(root)).toEqual(before);
      expect(readdirSync(scratch).filter((name) => name.includes('.new-'))).toEqual([]);
    });
  }

  it('an earlier own output that also holds a file of the user (one Terraform did not write, say)', async () => {
    const root = userTree();
    expect((await run(synth('out'), root, join(root, 'home'))).code).toBe(0);
    writeFileSync(join(root, 'out/stacks/gcp/terraform.gcp.tfstate'), '{"version":4}'); // kept, but the rest is refused
    writeFileSync(join(root, 'out/stacks/gcp/main.tf'), 'resource "null_resource" "mine" {}\n');
    writeFileSync(join(root, 'out/stacks/gcp/terraform.tfvars'), 'x = 1\n');
    const before = snapshot(root);
    const { code, stderr } = await run(synth('out'), root, join(root, 'home'));
    expect(stderr).toMatch(/also holds files st-firewall did not write \(stacks\/gcp\/main\.tf, stacks\/gcp\/terraform\.tfvars\)/);
    expect(code).toBe(2);
    expect(snapshot(root)).toEqual(before);
  });

  it('the filesystem root is refused by the check itself, which creates nothing (never run for real)', () => {
    const root = userTree();
    const context = { cwd: join(root, 'work'), home: join(root, 'home') };
    expect(() => checkOutputDir('/', context)).toThrow(OutputDirError);
    expect(() => checkOutputDir('/', context)).toThrow(/is the filesystem root/);
    expect(() => checkOutputDir('/', { ...context, cwd: root })).toThrow(/is the filesystem root/);
  });

  it('a refused config is reported before the output directory is looked at', async () => {
    const root = userTree();
    writeFileSync(join(root, 'conf/bad.json'), '{');
    const before = snapshot(root);
    const { code, stderr } = await run(synth('', join(root, 'conf/bad.json')), root, join(root, 'home'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.json/);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('directories st-firewall writes', () => {
  /** The tree minus the output directory: what a normal run must not touch. */
  const outside = (root: string, out: string) =>
    Object.fromEntries(Object.entries(snapshot(root)).filter(([name]) => !(name === out || name.startsWith(`${out}/`) || out.startsWith(`${name}/`))));

  it.each([
    ['a new directory', 'out'],
    ['a new nested directory', 'new/a/b'],
    ['an empty directory', 'empty'],
    ['a directory holding only empty directories', 'emptyish'],
  ])('synth into %s, then again into its own output', async (_title, out) => {
    const root = userTree();
    const before = outside(root, out);
    const first = await run(synth(out), root, join(root, 'home'));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${out}/stacks/gcp/cdk.tf.json\n`);
    const written = snapshot(join(root, out));
    expect(Object.keys(written).filter((name) => !written[name].startsWith('dir')).sort()).toEqual([OUTPUT_MARKER, 'manifest.json', 'stacks/gcp/cdk.tf.json']);
    expect(parseMarker(readFileSync(join(root, out, OUTPUT_MARKER), 'utf8'))).toEqual({ tool: 'st-firewall', verb: 'synth', files: ['manifest.json', 'stacks/gcp/cdk.tf.json'] });
    expect((await run(synth(out), root, join(root, 'home'))).code).toBe(0);
    expect(snapshot(join(root, out))).toEqual(written);
    expect(outside(root, out)).toEqual(before);
    expect(readdirSync(join(root, out, '..')).filter((name) => name.includes('.new-'))).toEqual([]);
  });

  it('replaces its own output whole: a cloud left out is gone', async () => {
    const root = userTree();
    expect((await run(['synth', '--config', 'conf/app.json', '--out', 'out', '--cloud', 'aws,gcp'], root, join(root, 'home'))).code).toBe(0);
    expect((await run(synth('out'), root, join(root, 'home'))).code).toBe(0);
    expect(readdirSync(join(root, 'out/stacks'))).toEqual(['gcp']);
  });

  it('replaces an output written before the marker existed (the cdktf layout exactly)', async () => {
    const root = userTree();
    expect((await run(synth('out'), root, join(root, 'home'))).code).toBe(0);
    rmSync(join(root, 'out', OUTPUT_MARKER));
    expect((await run(synth('out'), root, join(root, 'home'))).code).toBe(0);
    expect(readdirSync(join(root, 'out')).sort()).toEqual([OUTPUT_MARKER, 'manifest.json', 'stacks']);
  });

  it('module: new, again, and over an earlier synth output', async () => {
    const root = userTree();
    const before = outside(root, 'mods');
    expect((await run(moduleVerb('mods'), root, join(root, 'home'))).code).toBe(0);
    const written = snapshot(join(root, 'mods'));
    expect(parseMarker(readFileSync(join(root, 'mods', OUTPUT_MARKER), 'utf8'))?.verb).toBe('module');
    expect((await run(moduleVerb('mods'), root, join(root, 'home'))).code).toBe(0);
    expect(snapshot(join(root, 'mods'))).toEqual(written);
    expect((await run(synth('mods'), root, join(root, 'home'))).code).toBe(0);
    expect((await run(moduleVerb('mods'), root, join(root, 'home'))).code).toBe(0);
    expect(snapshot(join(root, 'mods'))).toEqual(written);
    expect(outside(root, 'mods')).toEqual(before);
  });

  it('the committed modules/ carries the marker `npm run modules` writes, so `module --out modules` replaces it', () => {
    const committed = resolve(__dirname, '../modules');
    const marker = parseMarker(readFileSync(join(committed, OUTPUT_MARKER), 'utf8'));
    expect(marker?.verb).toBe('module');
    const files = Object.entries(snapshot(committed)).filter(([, kind]) => kind.startsWith('file')).map(([name]) => name).filter((name) => name !== OUTPUT_MARKER);
    expect([...marker!.files].sort()).toEqual(files.sort());
    // A copy of the repository's layout: modules/ under a directory holding .git and the config.
    const root = userTree();
    cpSync(committed, join(root, 'modules'), { recursive: true });
    expect(checkOutputDir('modules', { cwd: root, home: join(root, 'home'), config: join(root, 'conf/app.json') })).toBe(join(root, 'modules'));
  });

  it('an output directory inside a Git repository is fine (cdktf.out in the checkout)', async () => {
    const root = userTree();
    expect((await run(synth('cdktf.out'), root, join(root, 'home'))).code).toBe(0);
    expect((await run(synth('cdktf.out'), root, join(root, 'home'))).code).toBe(0);
  });
});

describe("Terraform's working files in an earlier output survive a re-synth", () => {
  const home = (root: string) => join(root, 'home');
  const all = (out: string) => ['synth', '--config', 'conf/app.json', '--out', out];
  /** What `terraform init && terraform apply` (and a workspace) leave in a stack directory. */
  const TERRAFORM: Record<string, string> = {
    '.terraform/providers/registry.terraform.io/hashicorp/google/6.0.0/linux_amd64/terraform-provider-google': 'binary\0\x01',
    '.terraform/terraform.tfstate': '{"backend":{"type":"local"}}',
    '.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/google" {}\n',
    'terraform.gcp.tfstate': '{"version":4,"serial":3,"resources":[{"type":"google_compute_firewall"}]}',
    'terraform.gcp.tfstate.backup': '{"version":4,"serial":2}',
    'terraform.tfstate.d/staging/terraform.gcp.tfstate': '{"version":4,"serial":1}',
  };
  const applied = (root: string, out: string, cloud = 'gcp') => {
    for (const [name, text] of Object.entries(TERRAFORM)) {
      const path = join(root, out, 'stacks', cloud, name.replace('.gcp.', `.${cloud}.`));
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
    }
    symlinkSync('terraform-provider-google', join(root, out, 'stacks', cloud, '.terraform/providers/registry.terraform.io/hashicorp/google/6.0.0/linux_amd64/link'));
    mkdirSync(join(root, out, 'stacks', cloud, '.terraform/modules')); // an empty directory moves too
  };
  const terraformPart = (snap: Record<string, string>, cloud = 'gcp') =>
    Object.fromEntries(Object.entries(snap).filter(([name]) => name.startsWith(`stacks/${cloud}/`) && !name.endsWith('cdk.tf.json')));

  it('re-synth keeps state, .terraform and the lock file byte for byte; the marker does not list them', async () => {
    const root = userTree();
    expect((await run(synth('out'), root, home(root))).code).toBe(0);
    const fresh = snapshot(join(root, 'out'));
    applied(root, 'out');
    const kept = terraformPart(snapshot(join(root, 'out')));
    expect(Object.keys(kept)).toContain('stacks/gcp/.terraform/providers/registry.terraform.io/hashicorp/google/6.0.0/linux_amd64/link');
    expect(Object.keys(kept).length).toBeGreaterThan(Object.keys(TERRAFORM).length);
    const before = snapshot(root);
    const again = await run(synth('out'), root, home(root));
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const after = snapshot(join(root, 'out'));
    expect(terraformPart(after)).toEqual(kept); // hashes, modes, links
    expect(Object.fromEntries(Object.entries(after).filter(([name]) => !(name in kept)))).toEqual(fresh);
    expect(parseMarker(readFileSync(join(root, 'out', OUTPUT_MARKER), 'utf8'))?.files).toEqual(['manifest.json', 'stacks/gcp/cdk.tf.json']);
    expect(Object.keys(snapshot(root)).sort()).toEqual(Object.keys(before).sort());
    expect(readdirSync(root).filter((name) => name.includes('.new-'))).toEqual([]);
    // and a third time, now that the marker is the second run's
    expect((await run(synth('out'), root, home(root))).code).toBe(0);
    expect(terraformPart(snapshot(join(root, 'out')))).toEqual(kept);
  });

  it('exactly the allow-list: a file of a similar name in the stack, or Terraform files outside stacks/<cloud>/, are refused', async () => {
    for (const stray of ['stacks/gcp/terraform.tfstate.old', 'stacks/gcp/.terraformrc', 'stacks/gcp/plan.tfplan', '.terraform.lock.hcl', 'stacks/terraform.tfstate', 'stacks/other/terraform.tfstate']) {
      const root = userTree();
      expect((await run(synth('out'), root, home(root))).code).toBe(0);
      applied(root, 'out');
      mkdirSync(join(root, 'out', stray, '..'), { recursive: true });
      writeFileSync(join(root, 'out', stray), 'x');
      const before = snapshot(root);
      const { code, stderr } = await run(synth('out'), root, home(root));
      expect(stderr).toContain(`also holds files st-firewall did not write (${stray})`);
      expect(code).toBe(2);
      expect(snapshot(root)).toEqual(before);
    }
  });

  it.each(['.terraform.tfstate.lock.info', '.terraform.gcp.tfstate.lock.info'])('a state lock held (%s) is refused: a running apply would write into the deleted directory', async (lock) => {
    const root = userTree();
    expect((await run(synth('out'), root, home(root))).code).toBe(0);
    applied(root, 'out');
    writeFileSync(join(root, 'out/stacks/gcp', lock), '{"ID":"x","Operation":"OperationTypeApply"}');
    const before = snapshot(root);
    const { code, stderr } = await run(synth('out'), root, home(root));
    expect(stderr).toContain(`holds stacks/gcp/${lock}: a Terraform run holds that stack's state lock`);
    expect(stderr).toContain(`delete out/stacks/gcp/${lock}`);
    expect(code).toBe(2);
    expect(snapshot(root)).toEqual(before);
  });

  it('the cdktf layout written before the marker keeps them too', async () => {
    const root = userTree();
    expect((await run(synth('out'), root, home(root))).code).toBe(0);
    rmSync(join(root, 'out', OUTPUT_MARKER));
    applied(root, 'out');
    const kept = terraformPart(snapshot(join(root, 'out')));
    expect((await run(synth('out'), root, home(root))).code).toBe(0);
    expect(terraformPart(snapshot(join(root, 'out')))).toEqual(kept);
  });

  it('a stack this run does not write that holds Terraform files is refused, naming it; the others would have been kept', async () => {
    const root = userTree();
    expect((await run(all('out'), root, home(root))).code).toBe(0);
    applied(root, 'out', 'azure');
    applied(root, 'out', 'gcp');
    const before = snapshot(root);
    const { code, stderr, stdout } = await run(synth('out'), root, home(root));
    expect(stderr).toMatch(/--out "out": is an earlier st-firewall output whose stacks\/azure holds Terraform state or working files \(terraform\.azure\.tfstate, terraform\.azure\.tfstate\.backup, terraform\.tfstate\.d\/, \.terraform\.lock\.hcl, \.terraform\/\), and this run does not write the azure stack/);
    expect(stderr).toMatch(/What to do: synthesize azure too \(--cloud\), or, to drop that stack, run `terraform destroy` in out\/stacks\/azure/);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(snapshot(root)).toEqual(before);
    // module writes no stacks: the same refusal
    expect((await run(moduleVerb('out'), root, home(root))).stderr).toMatch(/stacks\/azure holds Terraform state .*, and this run does not write the azure stack \(stacks\/gcp too\), so/);
    expect(snapshot(root)).toEqual(before);
    // a stack without Terraform files (aws here) is still replaced whole; with azure written too, all is kept
    const both = await run(['synth', '--config', 'conf/app.json', '--out', 'out', '--cloud', 'azure,gcp'], root, home(root));
    expect(both.code).toBe(0);
    expect(readdirSync(join(root, 'out/stacks')).sort()).toEqual(['azure', 'gcp']);
    for (const cloud of ['azure', 'gcp']) {
      const was = Object.fromEntries(Object.entries(before).filter(([name]) => name.startsWith(`out/stacks/${cloud}/`) && !name.endsWith('cdk.tf.json')).map(([name, kind]) => [name.slice(4), kind]));
      expect(terraformPart(snapshot(join(root, 'out')), cloud)).toEqual(was);
    }
  });

  it('a synth that fails (--strict findings) leaves the output and its state as they were', async () => {
    const root = userTree();
    expect((await run(synth('out'), root, home(root))).code).toBe(0);
    applied(root, 'out');
    writeFileSync(join(root, 'conf/vendor.json'), JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE, 'utf8')), icmp: 'vendor' }));
    const before = snapshot(root);
    const { code, stderr } = await run([...synth('out', 'conf/vendor.json'), '--strict'], root, home(root));
    expect(stderr).toMatch(/--strict: .*nothing was written/);
    expect(code).toBe(1);
    expect(snapshot(root)).toEqual(before);
    expect(readdirSync(root).filter((name) => name.includes('.new-'))).toEqual([]);
  });

  describe('a failure after some entries were moved: each is moved back, the output as it was', () => {
    const context = (root: string) => ({ cwd: root, home: home(root) });
    let root: string;
    let before: Record<string, string>;
    beforeEach(async () => {
      root = userTree();
      expect((await run(synth('out'), root, home(root))).code).toBe(0);
      applied(root, 'out');
      before = snapshot(root);
      expect(planOutputDir('out', context(root), ['gcp']).carried).toEqual([
        'stacks/gcp/.terraform',
        'stacks/gcp/.terraform.lock.hcl',
        'stacks/gcp/terraform.gcp.tfstate',
        'stacks/gcp/terraform.gcp.tfstate.backup',
        'stacks/gcp/terraform.tfstate.d',
      ]);
    });
    afterEach(() => {
      expect(snapshot(root)).toEqual(before);
      expect(readdirSync(root).filter((name) => name.includes('.new-'))).toEqual([]);
    });
    const fillLike = (dir: string) => {
      mkdirSync(join(dir, 'stacks/gcp'), { recursive: true });
      writeFileSync(join(dir, 'stacks/gcp/cdk.tf.json'), '{"changed":true}');
    };

    it('the new output writes a name that is to be kept (after .terraform moved)', () => {
      const fill = (dir: string) => {
        fillLike(dir);
        writeFileSync(join(dir, 'stacks/gcp/.terraform.lock.hcl'), 'mine');
      };
      expect(() => writeOutputDir('out', 'synth', context(root), fill, ['gcp'])).toThrow(/cannot keep \/.*\/out\/stacks\/gcp\/\.terraform\.lock\.hcl: the new output writes a file of that name/);
    });

    it('the new output lacks the stack directory', () => {
      expect(() => writeOutputDir('out', 'synth', context(root), (dir) => writeFileSync(join(dir, 'manifest.json'), '{}'), ['gcp'])).toThrow(/the new output has no stacks\/gcp\//);
    });

    it('the final rename fails (all entries moved, the old output renamed away and back)', () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fs = require('node:fs') as typeof import('node:fs');
      const real = fs.renameSync;
      const spy = jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
        if (/\.out\.new-[^/.]*$/.test(String(from)) && resolve(String(to)) === join(root, 'out')) throw new Error('EXDEV (injected)');
        real(from, to);
      });
      try {
        expect(() => writeOutputDir('out', 'synth', context(root), fillLike, ['gcp'])).toThrow(/EXDEV \(injected\)/);
        expect(spy.mock.calls.length).toBeGreaterThan(2 * 6);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
