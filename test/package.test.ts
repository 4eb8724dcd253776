/**
 * The published package: what package.json declares against what the code loads, and the
 * optional provider packages failing clearly when absent. The install itself is tested by
 * .ci/consumer-test.js (npm pack, fresh projects, registry versions).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inRange, OPTIONAL_PACKAGES } from '../stacks/optional-package';

const ROOT = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Package names the shipped code imports or requires (dist/stacks/main, the `cdktf synth` entry, is not shipped). */
function importedPackages(): Set<string> {
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => (statSync(join(ROOT, dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
  const shipped = [...files('src'), ...files('cli'), ...files('providers'), ...files('stacks'), 'index.ts'].filter((f) => !/stacks\/main\.ts$/.test(f));
  const names = new Set<string>();
  for (const file of shipped) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from |require\(|import\()'([^.'][^']*)'/g)) {
      if (spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return names;
}

describe('package.json', () => {
  it('runtime dependencies are exactly what the shipped code loads, less the peers', () => {
    const imported = importedPackages();
    const peers = Object.keys(pkg.peerDependencies);
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...imported].filter((name) => !peers.includes(name)).sort());
    expect(peers.filter((name) => !imported.has(name))).toEqual([]);
  });

  it('cdktf and constructs are required peers; providers and hcl-tools optional peers, with the ranges the code checks', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['cdktf', 'constructs', ...Object.keys(OPTIONAL_PACKAGES)].sort());
    for (const [name, range] of Object.entries(OPTIONAL_PACKAGES)) {
      expect([name, pkg.peerDependencies[name]]).toEqual([name, range]);
      expect([name, pkg.peerDependenciesMeta[name]]).toEqual([name, { optional: true }]);
    }
    expect(pkg.peerDependenciesMeta.cdktf).toBeUndefined();
    expect(pkg.peerDependenciesMeta.constructs).toBeUndefined();
    // The repository itself installs every peer, at a version inside the range.
    for (const name of Object.keys(OPTIONAL_PACKAGES)) expect([name, inRange(pkg.devDependencies[name], pkg.peerDependencies[name])]).toEqual([name, true]);
  });

  it('nothing runs in the consumer\'s install; the published build runs at pack time', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('the exports map and the bin point at compiled files the build writes', () => {
    const built = (file: string) => file.replace(/^\.\/dist\//, '').replace(/\.(d\.ts|js)$/, '.ts');
    for (const [subpath, target] of Object.entries<any>(pkg.exports)) {
      if (subpath === './package.json') continue;
      expect(existsSync(join(ROOT, built(target.default)))).toBe(true);
      expect(built(target.types)).toBe(built(target.default));
    }
    expect(existsSync(join(ROOT, built(`./${pkg.bin['st-firewall']}`)))).toBe(true);
    expect(pkg.version).toBe('0.2.0');
  });
});

describe('ranges', () => {
  it('inRange reads ">=A <B"', () => {
    expect(inRange('19.0.0', '>=19.0.0 <22.0.0')).toBe(true);
    expect(inRange('21.22.1', '>=19.0.0 <22.0.0')).toBe(true);
    expect(inRange('18.9.9', '>=19.0.0 <22.0.0')).toBe(false);
    expect(inRange('22.0.0', '>=19.0.0 <22.0.0')).toBe(false);
    expect(() => inRange('1.0.0', '^1.0.0')).toThrow(/unsupported range/);
  });
});

describe('a provider package that is not installed', () => {
  const EXAMPLE = join(ROOT, 'examples', 'st-prod.json');
  const notInstalled = () => {
    const err = new Error("Cannot find module '@cdktf/provider-azurerm/package.json'") as NodeJS.ErrnoException;
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  };

  it('the construct throws MissingPackageError naming the package and the range', () => {
    jest.isolateModules(() => {
      jest.doMock('@cdktf/provider-azurerm/package.json', notInstalled);
      const { App, TerraformStack } = require('cdktf');
      const { SecureTransportFirewall, MissingPackageError } = require('../index');
      const config = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
      let thrown: any;
      try {
        new SecureTransportFirewall(new TerraformStack(new App(), 's'), 'fw', { cloud: 'azure', config });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(MissingPackageError);
      expect(thrown.packageName).toBe('@cdktf/provider-azurerm');
      expect(thrown.message).toBe(
        `st-firewall: cloud "azure" needs @cdktf/provider-azurerm (>=12.0.0 <15.0.0): @cdktf/provider-azurerm is not installed; install it with: npm install '@cdktf/provider-azurerm@>=12.0.0 <15.0.0'`,
      );
      // The other clouds still work.
      expect(() => new SecureTransportFirewall(new TerraformStack(new App(), 's'), 'fw', { cloud: 'aws', config })).not.toThrow();
    });
  });

  it('one outside the range is refused too, naming the installed version', () => {
    jest.isolateModules(() => {
      jest.doMock('@cdktf/provider-google/package.json', () => ({ version: '13.4.0' }));
      const { loadConfigFile } = require('../src/config/load');
      const { plan } = require('../src/plan/plan');
      const { synthApp } = require('../stacks/app');
      const dir = mkdtempSync(join(tmpdir(), 'st-pkg-'));
      try {
        expect(() => synthApp(plan(loadConfigFile(EXAMPLE)), ['gcp'], dir)).toThrow(/@cdktf\/provider-google 13\.4\.0 is installed, outside the supported range >=14\.0\.0 <17\.0\.0/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('st-firewall synth exits 2 with the message and writes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'st-pkg-')), 'out');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // The CLI requires the stacks lazily, in the call: the mock must hold until it returns.
      await jest.isolateModulesAsync(async () => {
        jest.doMock('@cdktf/provider-azurerm/package.json', notInstalled);
        expect(await require('../cli/main').main(['synth', '--config', EXAMPLE, '--out', dir, '--cloud', 'aws,azure'])).toBe(2);
      });
      expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toContain("cloud \"azure\" needs @cdktf/provider-azurerm (>=12.0.0 <15.0.0)");
      expect(existsSync(dir)).toBe(false);
    } finally {
      stderr.mockRestore();
      rmSync(resolve(dir, '..'), { recursive: true, force: true });
    }
  });
});
