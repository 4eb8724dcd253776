/**
 * The modules' provider constraints (src/module/provider-constraints.ts) admit what they must:
 * the versions the stacks pin (the prebuilt bindings'), the AWS provider mirrored on the team's
 * machines, and every major the research found compatible; and refuse the ones it found wanting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDER_CONSTRAINTS } from '../src/module/provider-constraints';

/** Terraform's `>= a, < b` form, the only one the constraints use; anything else is an error here. */
function admits(constraint: string, version: string): boolean {
  const parts = (v: string) => v.split('.').map(Number).concat([0, 0, 0]).slice(0, 3);
  const compare = (a: string, b: string) => parts(a).reduce((r, x, i) => r || Math.sign(x - parts(b)[i]), 0);
  return constraint.split(',').every((clause) => {
    const m = /^\s*(>=|<)\s*(\d+(?:\.\d+){0,2})\s*$/.exec(clause);
    if (!m) throw new Error(`unexpected clause "${clause}"`);
    return m[1] === '>=' ? compare(version, m[2]) >= 0 : compare(version, m[2]) < 0;
  });
}

const pinned = (pkg: string) => JSON.parse(readFileSync(join(__dirname, `../node_modules/@cdktf/${pkg}/package.json`), 'utf8')).cdktf.provider.version as string;

describe('module provider constraints', () => {
  it.each([
    ['aws', ['4.56.0', '4.67.0'], [pinned('provider-aws'), '5.0.0', '5.100.0', '6.0.0', '6.99.0'], ['7.0.0']],
    ['azure', ['3.0.0', '3.27.0'], [pinned('provider-azurerm'), '3.28.0', '3.117.0', '4.0.0', '5.0.0', '5.2.0'], ['6.0.0']],
    ['gcp', ['4.0.0', '4.8.0'], [pinned('provider-google'), '4.9.0', '5.0.0', '6.0.0', '7.0.0', '7.45.0', '8.0.0'], ['9.0.0']],
  ] as const)('%s: refuses what the research ruled out, admits the rest and the stacks\' pin', (cloud, tooOld, admitted, tooNew) => {
    const { constraint, source, why } = PROVIDER_CONSTRAINTS[cloud];
    expect(source).toMatch(/^hashicorp\//);
    for (const version of admitted) expect({ version, admitted: admits(constraint, version) }).toEqual({ version, admitted: true });
    for (const version of [...tooOld, ...tooNew]) expect({ version, admitted: admits(constraint, version) }).toEqual({ version, admitted: false });
    expect(why.length).toBeGreaterThanOrEqual(2);
    for (const line of why) expect(line).not.toMatch(/\n/); // one versions.tf comment line each
  });
});
