/**
 * Packages the published library declares as optional peers (package.json peerDependenciesMeta):
 * a cloud's prebuilt provider, or hcl-tools for the module writer. They load only when asked for,
 * and a missing or out-of-range one is a ConfigError (exit 2) naming the package and the range.
 * test/package.test.ts checks these ranges against package.json.
 */
import { ConfigError } from '../src/config/load';

export const OPTIONAL_PACKAGES = {
  '@cdktf/provider-aws': '>=19.0.0 <22.0.0',
  '@cdktf/provider-azurerm': '>=12.0.0 <15.0.0',
  '@cdktf/provider-google': '>=14.0.0 <17.0.0',
  '@cdktf/hcl-tools': '>=0.21.0 <0.22.0',
} as const;

export type OptionalPackage = keyof typeof OPTIONAL_PACKAGES;

/** The package is not installed, or its version is outside the range this library works with. */
export class MissingPackageError extends ConfigError {
  constructor(
    readonly packageName: OptionalPackage,
    readonly range: string,
    /** Who needs it: 'cloud "aws"', 'the module command'. */
    readonly neededBy: string,
    /** The installed version, when one is installed but out of range. */
    readonly installed?: string,
  ) {
    super([{ path: packageName, message: installed ? `version ${installed} is outside ${range}` : 'not installed', value: undefined }], 'st-firewall');
    this.name = 'MissingPackageError';
    const problem = installed ? `${packageName} ${installed} is installed, outside the supported range ${range}` : `${packageName} is not installed`;
    this.message = `st-firewall: ${neededBy} needs ${packageName} (${range}): ${problem}; install it with: npm install '${packageName}@${range}'`;
  }
}

/** "1.2.3" -> [1, 2, 3]; pre-release tags compare as their numeric part. */
const parts = (version: string): number[] => version.split(/[.+-]/).slice(0, 3).map(Number);

function compare(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Whether `version` satisfies a range of the form ">=A <B" (the only form OPTIONAL_PACKAGES uses). */
export function inRange(version: string, range: string): boolean {
  const match = /^>=(\S+) <(\S+)$/.exec(range);
  if (!match) throw new Error(`optional-package: unsupported range "${range}"`);
  return compare(version, match[1]) >= 0 && compare(version, match[2]) < 0;
}

/** The installed version of an optional package, or undefined when it cannot be resolved. */
function installedVersion(name: OptionalPackage): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

/**
 * Checks that `name` is installed in range, then runs `load` (the require of the code that
 * imports it). Resolution starts from this file, as it does for the modules `load` requires.
 */
export function requireOptional<T>(name: OptionalPackage, neededBy: string, load: () => T): T {
  const range = OPTIONAL_PACKAGES[name];
  const version = installedVersion(name);
  if (version === undefined) throw new MissingPackageError(name, range, neededBy);
  if (!inRange(version, range)) throw new MissingPackageError(name, range, neededBy, version);
  return load();
}
