/**
 * Config `tags`: on every taggable resource of the AWS and Azure stacks (st-firewall's own tags
 * winning on a conflict), none on GCP (firewall rules have no labels), and refused with the
 * field path and the value when a cloud's limits would refuse them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, validateConfig } from '../src/config/load';
import { OWN_TAG_KEYS } from '../src/config/tags';
import { plan } from '../src/plan/plan';
import { synthApp } from '../stacks/app';

const EXAMPLE = JSON.parse(readFileSync(join(__dirname, '../examples/st-prod.json'), 'utf8'));
/** Types that carry tags in each cloud's provider schema, and that the stacks create. */
const TAGGABLE: Record<'aws' | 'azure', string[]> = {
  aws: ['aws_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
  azure: ['azurerm_network_security_group', 'azurerm_application_security_group'],
};

function stacks(raw: object): Record<string, any> {
  const out = mkdtempSync(join(tmpdir(), 'st-tags-'));
  try {
    synthApp(plan(validateConfig(raw)), ['aws', 'azure', 'gcp'], out);
    return Object.fromEntries(['aws', 'azure', 'gcp'].map((c) => [c, JSON.parse(readFileSync(join(out, 'stacks', c, 'cdk.tf.json'), 'utf8'))]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function issues(raw: object): string {
  try {
    validateConfig(raw, 'tags.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe.each(['cidr', 'groups'] as const)('tags, sources %s', (sources) => {
  const tags = { CostCenter: 'cc-1234', 'team:owner': 'mft', Name: 'user-name', purpose: 'user-purpose' };
  const synthesized = stacks({ ...EXAMPLE, sources, ipv6: true, tags });

  it.each(['aws', 'azure'] as const)('%s: every resource of a taggable type carries the user tags, own tags winning', (cloud) => {
    const resources = synthesized[cloud].resource as Record<string, Record<string, any>>;
    let seen = 0;
    for (const [type, byName] of Object.entries(resources)) {
      for (const [name, body] of Object.entries(byName)) {
        if (!TAGGABLE[cloud].includes(type)) {
          expect({ type, name, tags: body.tags }).toEqual({ type, name, tags: undefined });
          continue;
        }
        seen++;
        expect(body.tags).toMatchObject({ CostCenter: 'cc-1234', 'team:owner': 'mft' });
        // Security groups carry Name; rule resources also carry the rule tag.
        const own = cloud === 'aws' && type === 'aws_security_group' ? ['Name'] : OWN_TAG_KEYS[cloud];
        for (const key of own) expect(body.tags[key]).toBeDefined();
        // Own tags win: the user's Name never reaches AWS, the user's purpose never reaches Azure.
        if (cloud === 'aws') expect(body.tags.Name).toMatch(/^st-prod-/);
        else expect(body.tags).toMatchObject({ purpose: expect.stringMatching(/^SecureTransport /), generator: 'st-firewall' });
        // Nothing else than the user's and st-firewall's own.
        for (const key of Object.keys(body.tags)) expect([...Object.keys(tags), ...OWN_TAG_KEYS[cloud]]).toContain(key);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(sources === 'groups' ? 5 : 2);
    for (const type of TAGGABLE[cloud]) if (sources === 'groups' || type !== 'azurerm_application_security_group') expect(Object.keys(resources)).toContain(type);
  });

  it('gcp: firewall rules have no labels, so no tags are written', () => {
    expect(JSON.stringify(synthesized.gcp.resource)).not.toMatch(/cc-1234/);
  });
});

it('no tags: the stacks carry only their own tags', () => {
  const { aws, azure } = stacks(EXAMPLE);
  expect(Object.keys(aws.resource.aws_security_group.edge.tags)).toEqual(['Name']);
  expect(Object.keys(azure.resource.azurerm_network_security_group.edge.tags).sort()).toEqual(['generator', 'purpose']);
});

describe('tags over a cloud limit are refused, naming the field and the value', () => {
  it.each([
    [{ 'aws:created-by': 'me' }, /tags\.aws:created-by: uses the "aws:" prefix.*\(got "me"\)/],
    [{ AWS_x: 'ok', 'AWS:x': 'v' }, /tags\.AWS:x: uses the "aws:" prefix/],
    [{ ['k'.repeat(129)]: 'v' }, /tags\.k{129}: is a tag key of 129 characters \(AWS allows at most 128\)/],
    [{ '': 'v' }, /tags\.: is an empty tag key/],
    [{ owner: 'v'.repeat(257) }, /tags\.owner: is a tag value of 257 characters \(AWS and Azure allow at most 256\)/],
    [{ 'a/b': 'v' }, /tags\.a\/b: holds a character Azure refuses/],
    [{ owner: 7 }, /tags\.owner: .*string.*\(got 7\)/],
    [Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v'])), /tags: holds 49 tags: .*aws resource would carry 51, over the limit of 50/],
  ])('%j', (tags, message) => {
    expect(issues({ ...EXAMPLE, tags })).toMatch(message);
  });

  it('48 tags fit (50 with st-firewall\'s own two); a 49th named Name fits AWS but not Azure', () => {
    const many = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, 'v']));
    expect(validateConfig({ ...EXAMPLE, tags: many }).tags).toEqual(many);
    expect(() => validateConfig({ ...EXAMPLE, tags: { ...many, Name: 'x' } })).toThrow(/azure resource would carry 51/);
  });

  it('the command line exits 2 and writes nothing', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../cli/main') as typeof import('../cli/main');
    const dir = mkdtempSync(join(tmpdir(), 'st-tags-cli-'));
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...EXAMPLE, tags: { 'aws:x': 'y' } }));
      expect(await main(['synth', '--config', join(dir, 'c.json'), '--out', join(dir, 'out')])).toBe(2);
      expect(spy.mock.calls.map((c) => String(c[0])).join('')).toMatch(/tags\.aws:x/);
      expect(() => readFileSync(join(dir, 'out', 'manifest.json'))).toThrow();
    } finally {
      spy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
