/**
 * Config validation: the example is valid with defaults filled in; each bad config fails with
 * an error that names the field path and shows the value.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfigFile, parseConfigText, validateConfig } from '../src/config/load';

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
    ['an unknown source group', [rule({ source: 'admins' })], 'rules[0].source', 'must be one of "any", "edge", "server", "adminHost", or a list of CIDRs'],
    ['a bad source CIDR', [rule({ source: ['10.0.0.1/8'] })], 'rules[0].source[0]', 'host bits'],
    ['an unknown key', [rule({ port: 1 })], 'rules[0].port', 'unknown key'],
    ['a rule the catalog already makes useless', [rule({ ports: '80', source: 'any', priority: 1000 })], 'rules[0]', 'duplicates edge-http'],
    ['a deny that switches a vendor rule off', [rule({ action: 'deny', ports: '443', source: 'any', priority: 105 })], 'rules[0]', 'shadows the vendor rule edge-https'],
  ])('%s', (_title, rules, path, fragment) => {
    const error = issuesOf(withRules(...(rules as object[])));
    expect(error.issues.filter((i) => i.path === path).map((i) => i.message).join('\n')).toContain(fragment);
  });
});

describe('messages a person can act on', () => {
  const messageOf = (raw: unknown) => issuesOf(raw).message;
  const rule = (extra: object) => ({ id: 'edge-extra', group: 'edge', protocol: 'tcp', ports: '9100', source: 'adminHost', priority: 1000, description: 'x', ...extra });

  it('an enum error names the allowed values and the given value, once each', () => {
    const message = messageOf(variant((c) => (c.icmp = 'Native')));
    expect(message).toBe('test.json: icmp: must be one of "native", "vendor" (got "Native")');
    expect(message.split('Native').length - 1).toBe(1);
    expect(messageOf(variant((c) => (c.azure.sources = 'asg')))).toBe('test.json: azure.sources: must be one of "cidr", "groups" (got "asg")');
  });

  it.each([
    ['a misspelt name', 'Any', '"Any"'],
    ['a number', 5, '5'],
    ['an object', { cidrs: [] }, '{"cidrs":[]}'],
  ])('rules[].source as %s lists the allowed values', (_title, source, shown) => {
    expect(messageOf({ ...EXAMPLE, rules: [rule({ source })] })).toBe(`test.json: rules[0].source: must be one of "any", "edge", "server", "adminHost", or a list of CIDRs (got ${shown})`);
  });

  it('a bad CIDR in a source list is reported at its index', () => {
    expect(messageOf({ ...EXAMPLE, rules: [rule({ source: ['10.0.50.0/24', '10.0.0.1/8'] })] })).toMatch(/^test\.json: rules\[0\]\.source\[1\]: has host bits set/);
  });

  it('rules[].ports of the wrong type says what it takes', () => {
    expect(messageOf({ ...EXAMPLE, rules: [rule({ ports: true })] })).toMatch(/rules\[0\]\.ports: must be a port or range such as "80" or "7800-7802", or "\*"/);
  });

  it.each([
    ['a missing value', '{\n  "name": "st",\n  "edge": }\n', 3, 11, '"}"'],
    ['a trailing comma', '{\n  "name": "st",\n}\n', 3, 1, '"}"'],
    ['a missing colon', '{\n  "name" "st"\n}', 2, 10, '"\\""'],
    ['an unterminated object', '{\n  "name": "st"', 2, 15, 'the end of the file'],
    ['an empty file', '', 1, 1, 'the end of the file'],
    ['text after the object', '{}\n}', 2, 1, '"}"'],
    ['single quotes', "{\n\t'name': 'st'}", 2, 2, `"'"`],
  ])('a JSON syntax error gives line and column: %s', (_title, text, line, column, found) => {
    expect(() => parseConfigText(text, 'broken.json')).toThrow(new RegExp(`^broken\\.json: \\(file\\): is not valid JSON: line ${line}, column ${column}: found ${found.replace(/[\\"*]/g, (c) => `\\${c}`)} \\(`));
  });

  it('a YAML syntax error gives line and column', () => {
    expect(() => parseConfigText('edge:\n  privateIps: [10.0.1.10\n', 'broken.yaml')).toThrow(/^broken\.yaml: \(file\): is not valid YAML: .* at line 3, column 1$/);
  });

  it('a byte order mark is not an error', () => {
    expect(parseConfigText(`\uFEFF${JSON.stringify(EXAMPLE)}`, 'bom.json').name).toBe('st-prod');
  });

  it.each([['notes.txt'], ['config'], ['st-prod.JSONC']])('a file named %s is refused with the reason, before it is read', (name) => {
    // The file does not exist: the name alone decides (a .txt is never guessed at).
    expect(() => loadConfigFile(join(tmpdir(), name))).toThrow(/: \(file\): the file name must end in \.json, \.yaml or \.yml, which says how to read it \(got /);
  });

  it('.json, .yaml and .yml files are read (any case)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-config-'));
    try {
      for (const name of ['a.json', 'b.YAML', 'c.yml']) {
        writeFileSync(join(dir, name), JSON.stringify(EXAMPLE)); // JSON is YAML too
        expect(loadConfigFile(join(dir, name)).name).toBe('st-prod');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('independent problems of one file are reported together', () => {
    const error = issuesOf(variant((c) => ((c.name = 'Bad'), (c.server.privateIps[0] = '10.0.1.10'), (c.ftpPassivePorts = '443'), (c.rules = [rule({ ports: '70000' }), rule({ id: 'ok', source: 'Any' })]))));
    expect(error.issues.map((i) => i.path).sort()).toEqual(['ftpPassivePorts', 'name', 'rules[0].ports', 'rules[1].source', 'server.privateIps[0]']);
  });
});

describe('settings that cannot take effect', () => {
  const SG = 'sg-0aaaaaaaaaaaaaaa1';
  const ACCOUNTS = { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', adminHost: 'st-admin@my-project.iam.gserviceaccount.com' };
  const withGroupsSettings = (c: any) => {
    c.aws.adminHostSecurityGroupId = SG;
    c.aws.loadBalancerSecurityGroupId = SG;
    c.gcp.serviceAccounts = ACCOUNTS;
  };

  it.each([
    ['sources left out (cidr)', (_c: any) => undefined],
    ['"sources": "cidr"', (c: any) => (c.sources = 'cidr')],
    ['"sources": "groups" but each cloud cidr', (c: any) => ((c.sources = 'groups'), (c.aws.sources = 'cidr'), (c.gcp.sources = 'cidr'))],
  ])('are errors naming the field while the cloud is in cidr mode: %s', (_title, mode) => {
    const error = issuesOf(variant((c) => (withGroupsSettings(c), mode(c))));
    expect(error.issues.map((i) => i.path)).toEqual(['aws.adminHostSecurityGroupId', 'aws.loadBalancerSecurityGroupId', 'gcp.serviceAccounts']);
    expect(error.message).toMatch(/test\.json: aws\.adminHostSecurityGroupId: has no effect while .*"cidr".*: set "aws\.sources": "groups", or remove it \(got "sg-0aaaaaaaaaaaaaaa1"\)/);
    expect(error.message).toMatch(/test\.json: gcp\.serviceAccounts: has no effect while/);
  });

  it.each([
    ['"sources": "groups"', (c: any) => (c.sources = 'groups')],
    ['per cloud', (c: any) => ((c.aws.sources = 'groups'), (c.gcp.sources = 'groups'))],
  ])('are accepted in groups mode: %s', (_title, mode) => {
    const config = validateConfig(variant((c) => (withGroupsSettings(c), mode(c))));
    expect(config.aws.adminHostSecurityGroupId).toBe(SG);
    expect(config.gcp.serviceAccounts).toEqual(ACCOUNTS);
  });

  it('only the cloud in cidr mode is refused', () => {
    const error = issuesOf(variant((c) => (withGroupsSettings(c), (c.aws.sources = 'groups'))));
    expect(error.issues.map((i) => i.path)).toEqual(['gcp.serviceAccounts']);
  });
});
