/**
 * Azure `Icmp` and IPv6: NSGs have no ICMPv6 value, and whether `Icmp` matches ICMPv6 is not
 * documented. So no Icmp rule may be able to see IPv6-to-IPv6 traffic: every one has a side that
 * is IPv4 only (IPv4 prefixes), in both sources modes, with IPv6 on or off, for the catalog's
 * rule and for config rules from Any, a group or CIDRs. The synth warning about ICMPv6 must then
 * be true, and verify must agree with the spec.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../cli/main';
import { validateConfig } from '../src/config/load';
import { familyOf } from '../src/net/cidr';
import { plan } from '../src/plan/plan';
import { synthApp } from '../stacks/app';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));
const DUAL = { ...EXAMPLE, ipv6: true, edge: { privateIps: ['10.0.1.10', 'fd00:1::10'] }, server: { privateIps: ['10.0.2.10', 'fd00:2::10'] } };
const icmpRule = (id: string, source: unknown, priority: number, action = 'allow') => ({ id, group: 'edge', protocol: 'icmp', source, action, priority, description: `ICMP ${id}` });

interface NsgRule {
  name: string;
  protocol: string;
  source_address_prefix?: string;
  source_address_prefixes?: string[];
  destination_address_prefix?: string;
  destination_address_prefixes?: string[];
}

/** A side that can hold only IPv4 addresses: IPv4 prefixes (no `*`, no service tag, no application security group). */
function ipv4Only(rule: NsgRule, side: 'source' | 'destination'): boolean {
  const one = rule[`${side}_address_prefix`];
  const many = rule[`${side}_address_prefixes`];
  const isIpv4 = (text: string) => /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(text) && familyOf(text) === 4;
  if (one !== undefined) return isIpv4(one);
  return many !== undefined && many.length > 0 && many.every(isIpv4);
}

function azure(raw: object): { rules: NsgRule[]; warnings: readonly string[] } {
  const out = mkdtempSync(join(tmpdir(), 'st-azure-icmp-'));
  try {
    const { warnings } = synthApp(plan(validateConfig(raw)), ['azure'], out);
    const tf = JSON.parse(readFileSync(join(out, 'stacks/azure/cdk.tf.json'), 'utf8'));
    return { rules: Object.values(tf.resource.azurerm_network_security_rule), warnings };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const VARIANTS: [string, object][] = [];
for (const sources of ['cidr', 'groups']) {
  for (const [family, base] of [['IPv4', EXAMPLE], ['dual stack', DUAL]] as const) {
    const allows = [icmpRule('edge-icmp-admin', 'adminHost', 1000), icmpRule('edge-icmp-cidr', ['10.0.50.0/24'], 1010), icmpRule('edge-icmp-any', 'any', 1020)];
    VARIANTS.push([`${sources}, ${family}`, { ...base, sources }]);
    VARIANTS.push([`${sources}, ${family}, ICMP config rules`, { ...base, sources, rules: allows }]);
    // A deny of ICMP is refused with IPv6 on (README); with it off it must be IPv4-only too.
    if (family === 'IPv4') VARIANTS.push([`${sources}, ${family}, an ICMP deny`, { ...base, sources, rules: [icmpRule('edge-no-icmp', 'any', 1000, 'deny')] }]);
  }
}

describe.each(VARIANTS)('%s', (_title, raw) => {
  const { rules, warnings } = azure(raw);
  const icmp = rules.filter((rule) => rule.protocol === 'Icmp');

  it('every Icmp rule has an IPv4-only side', () => {
    expect(icmp.length).toBeGreaterThan(0);
    for (const rule of icmp) expect({ rule: rule.name, ipv4Only: ipv4Only(rule, 'source') || ipv4Only(rule, 'destination') }).toEqual({ rule: rule.name, ipv4Only: true });
  });

  it('the ICMPv6 warning appears exactly when the config has IPv6 hosts', () => {
    const dual = (raw as { ipv6?: boolean }).ipv6 === true;
    expect(warnings.some((w) => /server-icmp allows ICMP; NSGs have no ICMPv6 protocol, so its IPv6 half is left out/.test(w))).toBe(dual);
  });
});

it('groups mode keeps the Server ICMP rule on the Servers\' application security group as source', () => {
  const rule = azure({ ...DUAL, sources: 'groups' }).rules.find((r) => r.name === 'server-icmp') as NsgRule & Record<string, unknown>;
  expect(rule).toMatchObject({ protocol: 'Icmp', access: 'Allow', destination_address_prefix: '0.0.0.0/0', source_application_security_group_ids: [expect.stringContaining('server_asg')] });
});

describe('verify agrees (groups mode, dual stack)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'st-azure-icmp-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each([['groups'], ['cidr']])('%s: exit 0, every probe as the spec says', async (sources) => {
    const config = join(dir, `${sources}.json`);
    writeFileSync(config, JSON.stringify({ ...DUAL, sources }));
    let stdout = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true));
    const e = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['verify', '--config', config, '--cloud', 'azure'])).toBe(0);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    expect(stdout).toMatch(/^azure: every packet compared \(\d+ cells\), effective access equals the spec\n/);
  });
});
