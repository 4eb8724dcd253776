/**
 * The catalog against the vendor's pages: every table row is parsed from the HTML and must
 * appear in the catalog, in order, with the same cells; and an independent reading of those
 * cells (the README's "Vendor oddities" readings) must give the catalog's typed rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  catalogRules,
  EDGE_INBOUND,
  EDGE_INTERNAL,
  EDGE_STREAMING,
  SERVER_CLUSTER,
  SERVER_ICMP_NATIVE,
  SERVER_ICMP_VENDOR,
  SERVER_NOTE,
} from '../src/catalog/securetransport';
import { Action, Peer, Port, Rule } from '../src/spec/rule';

const page = (file: string) => readFileSync(join(__dirname, 'fixtures/vendor', file), 'utf8');
const EDGE_PAGE = page('edge-security-group.txt');
const SERVER_PAGE = page('server-security-group.txt');

/** Every <tbody> of the page as rows of cell texts, white space folded (the pages use no-break spaces: "ST\u00a0Edges"). */
function tables(html: string): string[][][] {
  return [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map(([, body]) =>
    [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell.replace(/\s+/g, ' ').trim())),
  );
}

const cells = (rules: readonly Rule[]) => rules.map((rule) => [rule.vendor!.type, rule.vendor!.protocol, rule.vendor!.port, rule.vendor!.source, rule.vendor!.description]);

/** Our reading of a vendor row, written independently of the catalog. */
function read([, protocol, port, source, description]: string[]): { port: Port; source: Peer; action: Action } {
  const action: Action = description.startsWith('Deny') ? 'deny' : 'allow';
  const sources: Record<string, Peer> = {
    Any: Peer.any(),
    'SecureTransport Servers': Peer.group('server'),
    'SecureTransport Edges': Peer.group('edge'),
    'Administration Host Private IP': Peer.group('adminHost'),
  };
  let parsed: Port;
  if (protocol === 'Any') parsed = Port.allTraffic();
  else {
    const proto = { TCP: 'tcp', UDP: 'udp', SSH: 'tcp' /* SSH runs over TCP */ }[protocol] as 'tcp' | 'udp';
    if (!proto) throw new Error(`unread protocol ${protocol}`);
    const range = /^(\d+)(?:-(\d+))?$/.exec(port);
    if (port === '*') parsed = { protocol: proto, ports: 'all' };
    else if (port === 'User-defined range') parsed = { protocol: proto, ports: { named: 'ftpPassivePorts' } };
    else if (range) parsed = { protocol: proto, ports: { from: Number(range[1]), to: Number(range[2] ?? range[1]) } };
    else throw new Error(`unread port ${port}`);
  }
  if (!sources[source]) throw new Error(`unread source ${source}`);
  return { port: parsed, source: sources[source], action };
}

describe('catalog against the vendor pages', () => {
  const edgeTables = tables(EDGE_PAGE);
  const serverTables = tables(SERVER_PAGE);

  it('finds the tables the pages have (3 on the Edge page, 1 on the Server page)', () => {
    expect(edgeTables.map((t) => t.length)).toEqual([13, 6, 8]);
    expect(serverTables.map((t) => t.length)).toEqual([15]);
  });

  it.each([
    ['Edge inbound', 0, EDGE_INBOUND],
    ['Edge streaming', 1, EDGE_STREAMING],
    ['Edge internal', 2, EDGE_INTERNAL],
  ])('%s: every row, in order, with the vendor cells', (_name, index, rules) => {
    expect(cells(rules as readonly Rule[])).toEqual(edgeTables[index as number]);
  });

  it('Server table: the cluster rows, then the three "ICMP only" rows', () => {
    expect(cells([...SERVER_CLUSTER, ...SERVER_ICMP_VENDOR])).toEqual(serverTables[0]);
  });

  it('each row reads as the typed rule the catalog holds', () => {
    for (const rule of [...EDGE_INBOUND, ...EDGE_STREAMING, ...EDGE_INTERNAL, ...SERVER_CLUSTER, ...SERVER_ICMP_VENDOR]) {
      const vendor = rule.vendor!;
      expect({ id: rule.id, ...read([vendor.type, vendor.protocol, vendor.port, vendor.source, vendor.description]) }).toEqual({
        id: rule.id,
        port: rule.port,
        source: rule.source,
        action: rule.action,
      });
      expect(rule.description).toBe(vendor.description);
    }
  });

  it('the note above the Server table: 8088-8093, TCP and UDP, Server to Server', () => {
    const note = /Inbound traffic from (\d+)-(\d+) range should be allowed for both TCP and UDP/.exec(SERVER_PAGE);
    expect(note).not.toBeNull();
    const [from, to] = [Number(note![1]), Number(note![2])];
    expect(SERVER_NOTE.map((rule) => [rule.target, rule.action, rule.port, rule.source])).toEqual([
      ['server', 'allow', Port.tcpRange(from, to), Peer.group('server')],
      ['server', 'allow', Port.udpRange(from, to), Peer.group('server')],
    ]);
  });

  it('"ICMP only" natively is one rule: every ICMP type and code from the Servers', () => {
    expect(SERVER_ICMP_NATIVE.map((rule) => [rule.target, rule.action, rule.port, rule.source])).toEqual([
      ['server', 'allow', Port.allIcmp(), Peer.group('server')],
    ]);
    expect(SERVER_ICMP_NATIVE[0].description).toBe(SERVER_ICMP_VENDOR[2].description);
  });
});

describe.each(['native', 'vendor'] as const)('catalog (icmp %s)', (icmp) => {
  const rules = catalogRules(icmp);

  it('has unique ids that start with their group and suit every cloud\'s names', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) expect(rule.id).toMatch(new RegExp(`^${rule.target}-[a-z0-9]+(-[a-z0-9]+)*$`));
  });

  it('counts: 27 Edge rules, Server 12 + 2 (note) + ICMP', () => {
    expect(rules.filter((rule) => rule.target === 'edge')).toHaveLength(27);
    expect(rules.filter((rule) => rule.target === 'server')).toHaveLength(14 + (icmp === 'native' ? 1 : 3));
  });

  it('ports are within 1-65535 and ranges are not reversed', () => {
    for (const { port } of rules) {
      if ((port.protocol === 'tcp' || port.protocol === 'udp') && typeof port.ports === 'object' && 'from' in port.ports) {
        expect(port.ports.from).toBeGreaterThanOrEqual(1);
        expect(port.ports.to).toBeLessThanOrEqual(65535);
        expect(port.ports.from).toBeLessThanOrEqual(port.ports.to);
      }
    }
  });
});
