/**
 * Config validation: the example is valid with defaults filled in; each bad config fails with
 * an error that names the field path and shows the value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfigText, validateConfig } from '../src/config/load';

const EXAMPLE = JSON.parse(readFileSync(join(__dirname, '../examples/st-prod.json'), 'utf8'));

/** The example with one change: `set` is applied to a deep copy. */
function variant(set: (config: any) => void): unknown {
  const copy = structuredClone(EXAMPLE);
  set(copy);
  return copy;
}

function issuesOf(raw: unknown): ConfigError {
  try {
    validateConfig(raw, 'test.json');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError, got a valid config');
}

describe('a valid config', () => {
  it('normalises addresses to CIDRs and keeps the rest', () => {
    const config = validateConfig(EXAMPLE);
    expect(config.hosts).toEqual({ edge: ['10.0.1.10/32', '10.0.1.11/32'], server: ['10.0.2.10/32', '10.0.2.11/32'], adminHost: ['10.0.9.5/32'] });
    expect(config.ftpPassivePorts).toEqual({ from: 30000, to: 30100 });
    expect(config).toMatchObject({ name: 'st-prod', icmp: 'native', aws: { region: 'eu-west-1', vpcId: 'vpc-0123456789abcdef0' } });
  });

  it('fills defaults for name, icmp and the three cloud sections', () => {
    const config = validateConfig({ edge: { privateIps: ['10.0.1.0/28'] }, server: { privateIps: ['10.0.2.10'] }, adminHost: { privateIps: ['10.0.9.5'] }, ftpPassivePorts: 30000 });
    expect(config).toMatchObject({
      name: 'securetransport',
      icmp: 'native',
      ftpPassivePorts: { from: 30000, to: 30000 },
      aws: { region: 'us-east-1' },
      azure: { location: 'westeurope', resourceGroupName: 'rg-securetransport' },
      gcp: { network: 'default' },
    });
    expect(config.aws.vpcId).toBeUndefined();
    expect(config.gcp.project).toBeUndefined();
  });

  it('reads YAML by extension', () => {
    const yaml = 'edge: {privateIps: [10.0.1.10]}\nserver: {privateIps: [10.0.2.10]}\nadminHost: {privateIps: [10.0.9.5]}\nftpPassivePorts: "30000-30010"\nicmp: vendor\n';
    expect(parseConfigText(yaml, 'c.yaml')).toMatchObject({ icmp: 'vendor', hosts: { edge: ['10.0.1.10/32'] } });
  });
});

// [title, config, field path, message fragment]
const BAD: [string, unknown, string, string][] = [
  ['not an object', [], '', 'expected object'],
  ['null', null, '', 'expected object'],
  ['unknown top-level key', variant((c) => (c.edges = {})), 'edges', 'unknown key'],
  ['unknown nested key', variant((c) => (c.edge.privateIP = ['10.0.1.1'])), 'edge.privateIP', 'unknown key'],
  ['unknown cloud key', variant((c) => (c.aws.vpc = 'vpc-1')), 'aws.vpc', 'unknown key'],
  ['missing edge', variant((c) => delete c.edge), 'edge', 'is required'],
  ['missing server ips', variant((c) => delete c.server.privateIps), 'server.privateIps', 'is required'],
  ['missing adminHost', variant((c) => delete c.adminHost), 'adminHost', 'is required'],
  ['missing passive range', variant((c) => delete c.ftpPassivePorts), 'ftpPassivePorts', 'is required'],
  ['empty ip list', variant((c) => (c.edge.privateIps = [])), 'edge.privateIps', 'at least one'],
  ['ips not a list', variant((c) => (c.edge.privateIps = '10.0.1.10')), 'edge.privateIps', 'expected array'],
  ['ip not a string', variant((c) => (c.server.privateIps = [167838218])), 'server.privateIps[0]', 'expected string'],
  ['malformed ip', variant((c) => (c.edge.privateIps[1] = '10.0.1.300')), 'edge.privateIps[1]', 'not an IPv4 or IPv6 address'],
  ['three octets', variant((c) => (c.edge.privateIps[0] = '10.0.1')), 'edge.privateIps[0]', 'not an IPv4 or IPv6 address'],
  ['leading zero', variant((c) => (c.edge.privateIps[0] = '10.0.01.10')), 'edge.privateIps[0]', 'not an IPv4 or IPv6 address'],
  ['hostname', variant((c) => (c.adminHost.privateIps[0] = 'admin.local')), 'adminHost.privateIps[0]', 'not an IPv4 or IPv6 address'],
  ['empty string ip', variant((c) => (c.adminHost.privateIps[0] = '')), 'adminHost.privateIps[0]', 'not an IPv4 or IPv6 address'],
  ['host bits set', variant((c) => (c.server.privateIps[0] = '10.0.2.10/24')), 'server.privateIps[0]', 'host bits set'],
  ['prefix too long', variant((c) => (c.server.privateIps[0] = '10.0.2.10/33')), 'server.privateIps[0]', 'prefix length'],
  ['prefix not a number', variant((c) => (c.server.privateIps[0] = '10.0.2.0/x')), 'server.privateIps[0]', 'prefix length'],
  ['double slash', variant((c) => (c.server.privateIps[0] = '10.0.2.0/24/1')), 'server.privateIps[0]', 'not an IPv4 or IPv6 address'],
  ['IPv6 address', variant((c) => (c.edge.privateIps[0] = 'fd00::10')), 'edge.privateIps[0]', 'IPv6'],
  ['IPv6 CIDR', variant((c) => (c.edge.privateIps[0] = 'fd00::/64')), 'edge.privateIps[0]', 'IPv6'],
  ['duplicate ip', variant((c) => (c.edge.privateIps[1] = '10.0.1.10')), 'edge.privateIps[1]', 'listed twice'],
  ['duplicate ip as /32', variant((c) => (c.edge.privateIps[1] = '10.0.1.10/32')), 'edge.privateIps[1]', 'listed twice'],
  ['ip inside a CIDR of the group', variant((c) => (c.edge.privateIps = ['10.0.1.0/24', '10.0.1.11'])), 'edge.privateIps[1]', 'overlaps'],
  ['one host in two groups', variant((c) => (c.server.privateIps[1] = '10.0.1.11')), 'server.privateIps[1]', 'listed twice'],
  ['admin host inside the server range', variant((c) => ((c.server.privateIps = ['10.0.2.0/24']), (c.adminHost.privateIps = ['10.0.2.77']))), 'adminHost.privateIps[0]', 'overlaps'],
  ['too many hosts', variant((c) => (c.edge.privateIps = Array.from({ length: 4001 }, (_, i) => `10.${1 + (i >> 8)}.${i & 255}.1`))), 'edge.privateIps', 'more than 4000'],
  ['passive range reversed', variant((c) => (c.ftpPassivePorts = '30100-30000')), 'ftpPassivePorts', 'reversed'],
  ['passive port 0', variant((c) => (c.ftpPassivePorts = '0-100')), 'ftpPassivePorts', 'out of range'],
  ['passive port 65536', variant((c) => (c.ftpPassivePorts = '65000-65536')), 'ftpPassivePorts', 'out of range'],
  ['passive range malformed', variant((c) => (c.ftpPassivePorts = '30000:30100')), 'ftpPassivePorts', 'port or range'],
  ['passive range not a number', variant((c) => (c.ftpPassivePorts = 'ftp')), 'ftpPassivePorts', 'port or range'],
  ['passive range a float', variant((c) => (c.ftpPassivePorts = 30000.5)), 'ftpPassivePorts', 'port or range'],
  ['passive range over admin ports', variant((c) => (c.ftpPassivePorts = '7000-9000')), 'ftpPassivePorts', 'edge-hibernate-cache'],
  ['passive range over a listed port', variant((c) => (c.ftpPassivePorts = '10000-10100')), 'ftpPassivePorts', 'edge-ssh'],
  ['passive range over streaming ports', variant((c) => (c.ftpPassivePorts = '20000-20050')), 'ftpPassivePorts', 'edge-streaming-ftp'],
  ['icmp mode unknown', variant((c) => (c.icmp = 'allow')), 'icmp', 'native'],
  ['name with capitals', variant((c) => (c.name = 'ST-Prod')), 'name', 'lowercase'],
  ['name with underscore', variant((c) => (c.name = 'st_prod')), 'name', 'lowercase'],
  ['name starting with a digit', variant((c) => (c.name = '1st')), 'name', 'lowercase'],
  ['name ending with a hyphen', variant((c) => (c.name = 'st-')), 'name', 'lowercase'],
  ['name too long for GCP', variant((c) => (c.name = 'a'.repeat(34))), 'name', 'at most 33'],
  ['name not a string', variant((c) => (c.name = 7)), 'name', 'expected string'],
  ['aws region malformed', variant((c) => (c.aws.region = 'Ireland')), 'aws.region', 'AWS region'],
  ['aws vpc id malformed', variant((c) => (c.aws.vpcId = 'vpc-123')), 'aws.vpcId', 'VPC id'],
  ['azure location empty', variant((c) => (c.azure.location = '')), 'azure.location', 'non-empty'],
  ['azure resource group ends with a dot', variant((c) => (c.azure.resourceGroupName = 'rg.')), 'azure.resourceGroupName', 'resource group'],
  ['gcp network with capitals', variant((c) => (c.gcp.network = 'Prod')), 'gcp.network', 'network name'],
  ['gcp project too short', variant((c) => (c.gcp.project = 'abc')), 'gcp.project', 'project id'],
  ['cloud section not an object', variant((c) => (c.gcp = 'europe')), 'gcp', 'expected object'],
  ['sources unknown', variant((c) => (c.sources = 'tags')), 'sources', 'cidr'],
  ['per-cloud sources unknown', variant((c) => (c.azure.sources = 'asg')), 'azure.sources', 'cidr'],
  ['admin host security group malformed', variant((c) => (c.aws.adminHostSecurityGroupId = 'sg-12')), 'aws.adminHostSecurityGroupId', 'security group id'],
  ['load balancer security group malformed', variant((c) => (c.aws.loadBalancerSecurityGroupId = 'lb-1')), 'aws.loadBalancerSecurityGroupId', 'security group id'],
  ['service accounts missing a group', variant((c) => (c.gcp.serviceAccounts = { edge: 'st-edge@p-123456.iam.gserviceaccount.com', server: 'st-srv@p-123456.iam.gserviceaccount.com' })), 'gcp.serviceAccounts.adminHost', 'is required'],
  ['service account not an email', variant((c) => (c.gcp.serviceAccounts = { edge: 'edge', server: 'st-srv@p-123456.iam.gserviceaccount.com', adminHost: 'st-adm@p-123456.iam.gserviceaccount.com' })), 'gcp.serviceAccounts.edge', 'service account email'],
];

describe('bad configs', () => {
  it.each(BAD)('%s', (_title, raw, path, fragment) => {
    const error = issuesOf(raw);
    const issue = error.issues.find((candidate) => candidate.path === path && candidate.message.includes(fragment));
    expect({ paths: error.issues.map((i) => i.path), message: error.message }).toEqual(expect.objectContaining({ paths: expect.arrayContaining([path]) }));
    expect(issue).toBeDefined();
    // The message names the file and the field, and shows the value when there is one.
    expect(error.message).toContain(`test.json: ${path || '(file)'}: `);
    if (issue!.value !== undefined) expect(error.message).toContain(JSON.stringify(issue!.value).slice(0, 40));
  });

  it('reports every problem at once', () => {
    const error = issuesOf(variant((c) => ((c.edge.privateIps[0] = 'x'), (c.icmp = 'y'), (c.extra = 1))));
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['edge.privateIps[0]', 'extra', 'icmp']);
  });

  it('names the file and the parser error for malformed JSON and YAML', () => {
    expect(() => parseConfigText('{"edge": ', 'broken.json')).toThrow(/broken\.json: \(file\): is not valid JSON/);
    expect(() => parseConfigText('edge: [', 'broken.yaml')).toThrow(/broken\.yaml: \(file\): is not valid YAML/);
  });
});

describe('extra rules (`rules`)', () => {
  const rule = (extra: object) => ({ id: 'edge-node-exporter', group: 'edge', protocol: 'tcp', ports: '9100', source: 'adminHost', priority: 1000, description: 'Prometheus node exporter', ...extra });
  const withRules = (...rules: object[]) => ({ ...EXAMPLE, rules });

  it('become rules of their group, beside the catalog', () => {
    const config = validateConfig(withRules(rule({}), rule({ id: 'server-ntp', group: 'server', protocol: 'udp', ports: 123, source: ['10.8.0.0/24'], priority: 1010, description: 'NTP' })));
    expect(config.extraRules.map((r) => [r.id, r.target, r.port, r.source, r.priority])).toEqual([
      ['edge-node-exporter', 'edge', { protocol: 'tcp', ports: { from: 9100, to: 9100 } }, { kind: 'group', group: 'adminHost' }, 1000],
      ['server-ntp', 'server', { protocol: 'udp', ports: { from: 123, to: 123 } }, { kind: 'cidrs', cidrs: ['10.8.0.0/24'] }, 1010],
    ]);
  });

  it.each([
    ['a duplicate id', [rule({ id: 'edge-http' })], 'rules[0].id', 'already the id'],
    ['a reserved id', [rule({ id: 'edge-deny-all' })], 'rules[0].id', 'already the id'],
    ['a priority a vendor rule holds', [rule({ priority: 110 })], 'rules[0].priority', 'already the priority of edge-https'],
    ['two extra rules at one priority', [rule({}), rule({ id: 'edge-other', ports: '9200' })], 'rules[1].priority', 'already the priority of edge-node-exporter'],
    ['a priority out of range', [rule({ priority: 99 })], 'rules[0].priority', '100-4000'],
    ['ports missing for tcp', [rule({ ports: undefined })], 'rules[0].ports', 'is required'],
    ['ports given for icmp', [rule({ protocol: 'icmp' })], 'rules[0].ports', 'must be left out'],
    ['a port out of range', [rule({ ports: '70000' })], 'rules[0].ports', 'out of range'],
    ['an unknown protocol', [rule({ protocol: 'sctp' })], 'rules[0].protocol', 'tcp'],
    ['an unknown source group', [rule({ source: 'admins' })], 'rules[0].source', 'Invalid'],
    ['a bad source CIDR', [rule({ source: ['10.0.0.1/8'] })], 'rules[0].source[0]', 'host bits'],
    ['an unknown key', [rule({ port: 1 })], 'rules[0].port', 'unknown key'],
    ['a rule the catalog already makes useless', [rule({ ports: '80', source: 'any', priority: 1000 })], 'rules[0]', 'duplicates edge-http'],
    ['a deny that switches a vendor rule off', [rule({ action: 'deny', ports: '443', source: 'any', priority: 105 })], 'rules[0]', 'shadows the vendor rule edge-https'],
  ])('%s', (_title, rules, path, fragment) => {
    const error = issuesOf(withRules(...(rules as object[])));
    expect(error.issues.filter((i) => i.path === path).map((i) => i.message).join('\n')).toContain(fragment);
  });
});
