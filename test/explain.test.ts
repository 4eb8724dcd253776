/**
 * explain: docs/rules.md is in sync with the generator, every vendor row shows on every cloud,
 * the native columns are read from the JSON (a deleted or edited resource shows), and the JSON
 * render has one entry per plan rule per cloud.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CLOUDS, Cloud } from '../src/clouds';
import { loadConfigFile } from '../src/config/load';
import { explain, Explanation, renderJson, renderMarkdown, RuleRow, TfJson } from '../src/explain/explain';
import { FirewallPlan, plan } from '../src/plan/plan';
import { IcmpMode } from '../src/spec/rule';
import { synthApp } from '../stacks/app';
import { REGENERATE, RULES_DOC, rulesDoc } from '../stacks/write-docs';

const ROOT = resolve(__dirname, '..');
const EXAMPLE = join(ROOT, 'examples/st-prod.json');
const work = mkdtempSync(join(tmpdir(), 'st-explain-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function planFor(icmp: IcmpMode): FirewallPlan {
  return plan({ ...loadConfigFile(EXAMPLE), icmp });
}

/** Synthesizes all three clouds and returns their parsed cdk.tf.json. */
function synth(firewallPlan: FirewallPlan, name: string): Record<Cloud, TfJson> {
  const dir = join(work, name);
  synthApp(firewallPlan, CLOUDS, dir);
  const stacks = {} as Record<Cloud, TfJson>;
  for (const cloud of CLOUDS) stacks[cloud] = JSON.parse(readFileSync(join(dir, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
  return stacks;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The Markdown of one cloud: from its "## cloud" heading to the next. */
function section(markdown: string, cloud: Cloud): string {
  const part = markdown.split(/^## /m).find((chunk) => chunk.startsWith(`${cloud}:`));
  if (!part) throw new Error(`no section for ${cloud}`);
  return part;
}

/** The table line of one rule (its id is the second cell). */
function line(markdown: string, id: string): string {
  const found = markdown.split('\n').filter((text) => text.includes(`| \`${id}\` |`));
  if (found.length !== 1) throw new Error(`expected one line for ${id}, found ${found.length}`);
  return found[0];
}

function row(e: Explanation, cloud: Cloud, id: string): RuleRow {
  const rule = e.clouds.find((c) => c.cloud === cloud)?.groups.flatMap((g) => g.rules).find((r) => r.id === id);
  if (!rule) throw new Error(`no row ${cloud}/${id}`);
  return rule;
}

/** Every <tbody> of a vendor page as rows of cell texts (as test/catalog.test.ts reads them). */
function vendorRows(file: string): string[][] {
  const html = readFileSync(join(__dirname, 'fixtures/vendor', file), 'utf8');
  return [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].flatMap(([, body]) =>
    [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, tr]) => [...tr.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell.replace(/\s+/g, ' ').trim())),
  );
}
const VENDOR_ROWS = [...vendorRows('edge-security-group.txt'), ...vendorRows('server-security-group.txt')];
/** The renderer escapes Markdown specials in vendor cells ("*" -> "\*"). */
const escaped = (text: string) => text.replace(/([|*_`<>[\]])/g, '\\$1');

describe(`${RULES_DOC}`, () => {
  it('is in sync with rulesDoc() (the example config, icmp native, all three clouds)', () => {
    const committed = readFileSync(join(ROOT, RULES_DOC), 'utf8');
    const generated = rulesDoc();
    if (committed !== generated) {
      const [a, b] = [committed.split('\n'), generated.split('\n')];
      const at = a.findIndex((text, i) => text !== b[i]);
      throw new Error(`${RULES_DOC} is out of date: run \`${REGENERATE}\` and commit the result.\nFirst difference at line ${at + 1}:\n- ${a[at]}\n+ ${b[at]}`);
    }
  });

  it('holds no machine-specific text (temp dirs, absolute paths)', () => {
    const doc = readFileSync(join(ROOT, RULES_DOC), 'utf8');
    for (const local of [tmpdir(), ROOT, dirname(ROOT)]) expect(doc.includes(local)).toBe(false);
  });
});

describe.each(['native', 'vendor'] as const)('explain (icmp %s)', (icmp) => {
  let firewallPlan: FirewallPlan;
  let stacks: Record<Cloud, TfJson>;
  let e: Explanation;
  let markdown: string;
  beforeAll(() => {
    firewallPlan = planFor(icmp);
    stacks = synth(firewallPlan, icmp);
    e = explain(firewallPlan, stacks);
    markdown = renderMarkdown(e);
  });

  it.each(CLOUDS)('%s: every vendor row of both tables appears with its cells', (cloud) => {
    expect(VENDOR_ROWS).toHaveLength(13 + 6 + 8 + 15);
    const text = section(markdown, cloud);
    for (const [, protocol, port, source, description] of VENDOR_ROWS) {
      const cells = `| ${[protocol, port, source, description].map(escaped).join(' | ')} |`;
      expect({ row: description, port, found: text.includes(cells) }).toEqual({ row: description, port, found: true });
    }
    // The note above the Server table: 8088-8093 for TCP and UDP.
    expect(line(text, 'server-cluster-tcp')).toContain('| TCP *(note above the table)* | 8088-8093 |');
    expect(line(text, 'server-cluster-udp')).toContain('| UDP *(note above the table)* | 8088-8093 |');
  });

  it('ICMP rows show the native primitive each cloud builds', () => {
    const expected: Record<Cloud, string> = icmp === 'native'
      ? { aws: '`icmp -1/-1` from', azure: '| Allow | `Icmp *` from', gcp: '| allow | `icmp` from' }
      : { aws: '`icmp -1/-1` from', azure: '| Allow | `* *` from', gcp: '| allow | `all` from' };
    const id = icmp === 'native' ? 'server-icmp' : 'server-allow-all-from-servers';
    for (const cloud of CLOUDS) expect({ cloud, line: line(section(markdown, cloud), id) }).toEqual({ cloud, line: expect.stringContaining(expected[cloud]) });
    if (icmp === 'native') {
      for (const cloud of CLOUDS) expect(line(section(markdown, cloud), 'server-icmp')).toContain('| ICMP *(native ICMP)* | — | SecureTransport Servers |');
    }
  });

  it('renders JSON that parses, with one entry per plan rule per cloud, in plan order', () => {
    const json = renderJson(e);
    expect(json.endsWith('}\n')).toBe(true);
    expect(renderJson(explain(firewallPlan, clone(stacks)))).toBe(json);
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual(['clouds', 'flows', 'icmp', 'name']);
    // The flow diagram: one arrow per (source class, protected group), every allow rule's port on one of them.
    const arrows = parsed.flows.map((f: { from: string; to: string }) => `${f.from}->${f.to}`);
    expect(arrows).toEqual(['internet->edge', 'server->edge', 'edge->edge', 'adminHost->edge', 'server->server', 'adminHost->server']);
    expect(parsed.flows[0].label).toEqual(['tcp 20, 21, 80, 443, 10022, 10080, 10443, 17617, 17627, 17637, 19617, 19627, 30000-30100']);
    expect(renderMarkdown(e)).toContain('```mermaid\nflowchart LR\n  internet["Internet / load balancer"]\n');
    expect(renderMarkdown(e)).toContain('  admin -->|"tcp 22, 444, 33060"| edges\n');
    expect(parsed.clouds.map((c: { cloud: string }) => c.cloud)).toEqual([...CLOUDS]);
    for (const c of parsed.clouds) {
      for (const g of c.groups) {
        expect({ cloud: c.cloud, group: g.group, ids: g.rules.map((r: { id: string }) => r.id) }).toEqual({
          cloud: c.cloud,
          group: g.group,
          ids: firewallPlan.groups[g.group as 'edge' | 'server'].rules.map((r) => r.id),
        });
      }
      expect(c.unplaced).toEqual([]);
    }
  });

  it('every plan rule is built, except what AWS cannot express in icmp "vendor"', () => {
    for (const c of e.clouds) {
      for (const r of c.groups.flatMap((g) => g.rules)) {
        const expected = c.cloud === 'aws' && icmp === 'vendor' && r.id.startsWith('server-deny-') ? 'not expressible'
          : c.cloud === 'aws' && r.id === 'server-allow-all-from-servers' ? 'rewritten' : 'built';
        expect({ cloud: c.cloud, id: r.id, status: r.status }).toEqual({ cloud: c.cloud, id: r.id, status: expected });
      }
    }
  });

  it('lists the rules each emitter adds, with the reason, and nothing unexplained', () => {
    const added = Object.fromEntries(e.clouds.map((c) => [c.cloud, c.groups.flatMap((g) => g.added.map((a) => `${a.addedBy}:${a.key}`))]));
    expect(added).toEqual({
      aws: ['emitter:edge-egress-all', 'emitter:server-egress-all'],
      azure: ['emitter:edge-allow-azure-load-balancer', 'emitter:edge-deny-all-inbound', 'emitter:server-allow-azure-load-balancer', 'emitter:server-deny-all-inbound'],
      gcp: ['emitter:st-prod-edge-deny-all', 'emitter:st-prod-server-deny-all'],
    });
    expect(line(section(markdown, 'azure'), 'server-deny-all-inbound')).toContain('AllowVnetInBound');
  });

  if (icmp === 'vendor') {
    it('aws: the vendor deny rows are absent, and the warning from allowOnly() is quoted', () => {
      const aws = section(markdown, 'aws');
      expect(line(aws, 'server-deny-tcp')).toContain('**not expressible**');
      expect(line(aws, 'server-deny-udp')).toContain('**not expressible**');
      expect(line(aws, 'server-allow-all-from-servers')).toContain('built as server-icmp');
      const warning = e.clouds[0].groups[1].warnings[0];
      expect(warning).toMatch(/^aws: icmp "vendor" cannot be built here/);
      expect(aws).toContain(`could not build the plan literally:** ${escaped(warning)}`);
      expect(Object.keys(stacks.aws.resource!.aws_vpc_security_group_ingress_rule).filter((name) => name.includes('deny'))).toEqual([]);
    });
  } else {
    it('lists the vendor\'s "ICMP only" rows as built by server-icmp', () => {
      for (const g of e.clouds.map((c) => c.groups[1])) {
        expect(g.vendorRowsNotInPlan?.builtAs).toEqual(['server-icmp']);
        expect(g.vendorRowsNotInPlan?.rows.map((r) => r.description)).toEqual(['Deny all TCP Traffic', 'Deny all UDP traffic', 'Allow all ICMP traffic for Cluster communication']);
      }
    });
  }

  describe('reads the JSON, not the plan', () => {
    const ADDRESSES: Record<Cloud, [string, string]> = {
      aws: ['aws_vpc_security_group_ingress_rule', 'edge_http'],
      azure: ['azurerm_network_security_rule', 'edge_http'],
      gcp: ['google_compute_firewall', 'edge_http'],
    };

    it.each(CLOUDS)('%s: a deleted resource shows as MISSING', (cloud) => {
      const edited = clone(stacks[cloud]) as { resource: Record<string, Record<string, unknown>> };
      const [type, name] = ADDRESSES[cloud];
      expect(edited.resource[type][name]).toBeDefined();
      delete edited.resource[type][name];
      const after = explain(firewallPlan, { [cloud]: edited });
      expect(after.clouds.map((c) => c.cloud)).toEqual([cloud]);
      expect(row(after, cloud, 'edge-http')).toMatchObject({ status: 'MISSING', native: [] });
      expect(line(renderMarkdown(after), 'edge-http')).toContain('**MISSING**');
      expect(row(after, cloud, 'edge-https').status).toBe('built');
    });

    it('aws: deleting one of a rule\'s per-CIDR resources drops that source from the row', () => {
      const edited = clone(stacks.aws) as { resource: Record<string, Record<string, unknown>> };
      delete edited.resource.aws_vpc_security_group_ingress_rule.edge_streaming_http_from_10_0_2_11_32;
      const native = row(explain(firewallPlan, { aws: edited }), 'aws', 'edge-streaming-http').native;
      expect(native.map((n) => n.peers)).toEqual([['10.0.2.10/32']]);
    });

    it('gcp: a hand-edited port shows as edited; a hand-added rule shows as not in the plan', () => {
      const edited = clone(stacks.gcp) as { resource: Record<string, Record<string, Record<string, unknown>>> };
      const firewalls = edited.resource.google_compute_firewall;
      firewalls.edge_http.allow = [{ protocol: 'tcp', ports: ['8080'] }];
      firewalls.hand_made = { ...firewalls.edge_https, name: 'st-prod-edge-extra' };
      const after = explain(firewallPlan, { gcp: edited });
      const md = renderMarkdown(after);
      expect(line(md, 'edge-http')).toContain('`tcp:8080`');
      const extra = after.clouds[0].groups[0].added.find((a) => a.key === 'st-prod-edge-extra');
      expect(extra).toMatchObject({ addedBy: 'unknown', native: { addresses: ['google_compute_firewall.hand_made'] } });
      expect(line(md, 'st-prod-edge-extra')).toContain('*(not in the plan)*');
    });
  });
});

describe('src/explain', () => {
  /** Follows relative imports from a file; returns every package it reaches. */
  function packagesReached(file: string, seen = new Set<string>()): Set<string> {
    const packages = new Set<string>();
    if (seen.has(file)) return packages;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
      if (spec.startsWith('.')) {
        for (const found of packagesReached(`${resolve(dirname(file), spec)}.ts`, seen)) packages.add(found);
      } else packages.add(spec);
    }
    return packages;
  }

  it('reaches neither cdktf, constructs nor any @cdktf package, directly or indirectly', () => {
    const packages = [...packagesReached(join(ROOT, 'src/explain/explain.ts'))];
    expect(packages.filter((name) => /^(cdktf|constructs|@cdktf\/)/.test(name))).toEqual([]);
  });
});
