/**
 * Descriptions the providers would reject: Azure checks 140 bytes of UTF-8 (Go's `len`), and the
 * EC2 API allows no "&" in the description of a rule whose source is a security group. Checked
 * on stacks synthesized from config `rules[]` with accented and "&" descriptions, in both modes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateConfig } from '../src/config/load';
import { fitBytes } from '../src/plan/naming';
import { plan } from '../src/plan/plan';
import { awsDescription } from '../providers/aws';
import { synthApp } from '../stacks/app';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
/** The EC2 API's description characters: for CIDR sources, and for security-group sources (no "&"). */
const AWS_CIDR_SET = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const AWS_GROUP_SET = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]*$/;

const ACCENTED = 'Réplication des données (clé étrangère) – contrôle d’accès '.repeat(5).slice(0, 140); // 140 characters, far more bytes
const AMPERSAND = 'Monitoring & alerting: R&D probes';
const LONG = 'é'.repeat(255);

function stacks(sources: 'cidr' | 'groups'): Record<'aws' | 'azure' | 'gcp', any> {
  const rules = [
    { id: 'edge-accented', group: 'edge', protocol: 'tcp', ports: '9100', source: 'adminHost', priority: 1000, description: ACCENTED },
    { id: 'edge-ampersand', group: 'edge', protocol: 'tcp', ports: '9200', source: 'server', priority: 1010, description: AMPERSAND },
    { id: 'edge-ampersand-cidr', group: 'edge', protocol: 'tcp', ports: '9300', source: ['10.0.50.0/24'], priority: 1020, description: AMPERSAND },
    { id: 'server-long', group: 'server', protocol: 'udp', ports: '123', source: 'any', priority: 1000, description: LONG },
  ];
  const firewall = plan(validateConfig({ ...EXAMPLE, sources, rules }));
  const dir = mkdtempSync(join(tmpdir(), 'st-descriptions-'));
  try {
    synthApp(firewall, ['aws', 'azure', 'gcp'], dir);
    const read = (cloud: string) => JSON.parse(readFileSync(join(dir, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
    return { aws: read('aws'), azure: read('azure'), gcp: read('gcp') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(['cidr', 'groups'] as const)('sources: %s', (sources) => {
  const tf = stacks(sources);

  it('every Azure rule description is at most 140 bytes of valid UTF-8', () => {
    const rules = Object.entries(tf.azure.resource.azurerm_network_security_rule as Record<string, { name: string; description: string }>);
    expect(rules.length).toBeGreaterThan(20);
    for (const [, rule] of rules) {
      const bytes = Buffer.from(rule.description, 'utf8');
      expect({ name: rule.name, bytes: bytes.length <= 140, roundTrip: bytes.toString('utf8') === rule.description }).toEqual({ name: rule.name, bytes: true, roundTrip: true });
    }
    const accented = rules.find(([, rule]) => rule.name === 'edge-accented')![1].description;
    expect(accented.endsWith('...')).toBe(true);
    expect(ACCENTED.startsWith(accented.slice(0, -3))).toBe(true);
    expect(Buffer.byteLength(accented)).toBeGreaterThan(130); // cut by bytes, not far short of the limit
  });

  it('every AWS rule description uses the character set of its source kind', () => {
    const rules = Object.values(tf.aws.resource.aws_vpc_security_group_ingress_rule as Record<string, { description: string; referenced_security_group_id?: string; tags: Record<string, string> }>);
    for (const rule of rules) {
      const set = rule.referenced_security_group_id ? AWS_GROUP_SET : AWS_CIDR_SET;
      expect({ rule: rule.tags.Name, description: rule.description, ok: set.test(rule.description) && rule.description.length <= 255 }).toEqual(expect.objectContaining({ ok: true }));
    }
    const ampersand = rules.find((rule) => rule.tags['st-firewall:rule'] === 'edge-ampersand')!;
    const cidr = rules.find((rule) => rule.tags['st-firewall:rule'] === 'edge-ampersand-cidr')!;
    expect(cidr.description).toBe(AMPERSAND);
    if (sources === 'groups') {
      expect(ampersand.referenced_security_group_id).toBeDefined();
      expect(ampersand.description).toBe('Monitoring and alerting: R and D probes');
    } else expect(ampersand.description).toBe(AMPERSAND);
    expect(rules.find((rule) => rule.tags['st-firewall:rule'] === 'edge-accented')!.description).toMatch(/^Replication des donnees \(cle etrangere\)/);
  });
});

describe('the cuts', () => {
  it('fitBytes keeps ASCII as fitText would, and never splits a code point', () => {
    expect(fitBytes('abc', 140)).toBe('abc');
    expect(fitBytes('a'.repeat(141), 140)).toBe(`${'a'.repeat(137)}...`);
    expect(fitBytes('é'.repeat(70), 140)).toBe('é'.repeat(70)); // exactly 140 bytes
    expect(fitBytes('é'.repeat(71), 140)).toBe(`${'é'.repeat(68)}...`); // 136 + 3
    expect(fitBytes('😀'.repeat(40), 140)).toBe(`${'😀'.repeat(34)}...`); // 4-byte code points: 136 + 3
  });

  it('awsDescription: "&" only where the source kind allows it', () => {
    expect(awsDescription('A & B', 'cidr')).toBe('A & B');
    expect(awsDescription('A & B', 'security-group')).toBe('A and B');
    expect(awsDescription('naïve <tag>', 'cidr')).toBe('naive  tag ');
  });
});
