/**
 * The construct library, as a CDKTF user sees it: the package's entry point, added to their
 * own stack beside their own provider.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Construct } from 'constructs';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CLOUDS } from '../src/clouds';
import { validateConfig } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { CLOUD_TARGETS } from '../stacks/clouds';
import { OUTPUT_NAMES } from '../stacks/construct';
import { movedBlocks, renderMoved } from '../stacks/moved';
import { synthApp } from '../stacks/app';
import { ConfigError, SecureTransportFirewall } from '../index';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));

/** Resources of one type whose body holds these properties. */
function having(synthesized: string, type: string, properties: Record<string, unknown>): unknown[] {
  return Object.values<any>(JSON.parse(synthesized).resource[type] ?? {}).filter((body) => Object.entries(properties).every(([k, v]) => JSON.stringify(body[k]) === JSON.stringify(v)));
}

const addresses = (doc: any): string[] => Object.entries<any>(doc.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();

function userStack() {
  const stack = new TerraformStack(new App(), 'user');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new GoogleProvider(stack, 'google', {});
  return stack;
}

/** The stack `st-firewall synth` writes for a cloud, parsed. */
function cliStack(cloud: 'aws' | 'azure' | 'gcp', config = EXAMPLE): any {
  const dir = mkdtempSync(join(tmpdir(), 'st-construct-'));
  try {
    synthApp(plan(validateConfig(config)), [cloud], dir);
    return JSON.parse(readFileSync(join(dir, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it('adds the security groups and their rules to the caller\'s stack', () => {
  const stack = userStack();
  const firewall = new SecureTransportFirewall(stack, 'st', { cloud: 'aws', config: EXAMPLE });
  const synthesized = Testing.synth(stack);
  expect(having(synthesized, 'aws_security_group', { name: 'st-prod-edge', vpc_id: 'vpc-0123456789abcdef0' })).toHaveLength(1);
  expect(having(synthesized, 'aws_vpc_security_group_ingress_rule', { ip_protocol: 'icmp', from_port: -1, to_port: -1, cidr_ipv4: '10.0.2.11/32' })).toHaveLength(1);
  expect(Object.keys(JSON.parse(synthesized).resource.aws_vpc_security_group_ingress_rule)).toHaveLength(67);
  expect(Object.keys(firewall.outputs)).toEqual(['edge_security_group_id', 'server_security_group_id']);
  expect(firewall.outputs.edge_security_group_id).toMatch(/^\$\{TfToken/);
});

it('two firewalls in one stack do not collide', () => {
  const stack = userStack();
  new SecureTransportFirewall(stack, 'prod', { cloud: 'gcp', config: EXAMPLE });
  new SecureTransportFirewall(stack, 'test', { cloud: 'gcp', config: { ...EXAMPLE, name: 'st-test' } });
  const firewalls = Object.values<any>(JSON.parse(Testing.synth(stack)).resource.google_compute_firewall);
  expect(firewalls).toHaveLength(2 * 44);
  expect(having(Testing.synth(stack), 'google_compute_firewall', { name: 'st-test-server-icmp', target_tags: ['st-test-server'] })).toHaveLength(1);
});

it('validates its config like the CLI does', () => {
  expect(() => new SecureTransportFirewall(userStack(), 'st', { cloud: 'aws', config: { ...EXAMPLE, ftpPassivePorts: '0-1' } })).toThrow(ConfigError);
  expect(() => new SecureTransportFirewall(userStack(), 'st', { cloud: 'aws', config: { ...EXAMPLE, server: { privateIps: ['10.0.2.1', '10.0.2.2', '10.0.2.3', '10.0.2.4', '10.0.2.5'] } } })).toThrow(/server security group needs 71/);
});

describe('resource names', () => {
  it.each(CLOUDS)('%s: <construct id>_<the CLI stack\'s name>, every resource, references included', (cloud) => {
    const stack = userStack();
    new SecureTransportFirewall(stack, 'securetransport', { cloud, config: EXAMPLE });
    const doc = JSON.parse(Testing.synth(stack));
    const cli = cliStack(cloud);
    expect(addresses(doc)).toEqual(addresses(cli).map((a) => a.replace('.', '.securetransport_')).sort());
    // Bodies are the CLI's, references renamed the same way.
    const renamed = JSON.parse(JSON.stringify(cli.resource).replace(/\$\{([a-z_]+)\.([a-z0-9_]+)\./g, '${$1.securetransport_$2.'));
    for (const [type, byName] of Object.entries<any>(renamed)) {
      for (const [name, body] of Object.entries<any>(byName)) {
        const { ['//']: _metadata, ...expected } = body;
        expect(doc.resource[type][`securetransport_${name}`]).toEqual(expected);
      }
    }
  });

  it('a nested construct takes its path in the stack; the same input gives the same names', () => {
    const names = () => {
      const stack = userStack();
      new SecureTransportFirewall(new Construct(stack, 'network'), 'st', { cloud: 'aws', config: EXAMPLE });
      return addresses(JSON.parse(Testing.synth(stack)));
    };
    expect(names()).toContain('aws_security_group.network_st_edge');
    expect(names()).toContain('aws_vpc_security_group_ingress_rule.network_st_edge_https');
    expect(names().filter((a) => /_[0-9A-F]{8}$/.test(a))).toEqual([]);
    expect(names()).toEqual(names());
  });

  it('the user\'s own resources keep CDKTF\'s names', () => {
    const stack = userStack();
    new SecureTransportFirewall(stack, 'st', { cloud: 'aws', config: EXAMPLE });
    new SecurityGroup(new Construct(stack, 'outer'), 'mine', { name: 'mine' });
    expect(addresses(JSON.parse(Testing.synth(stack))).filter((a) => a.includes('mine'))).toEqual([expect.stringMatching(/^aws_security_group\.outer_mine_[0-9A-F]{8}$/)]);
  });

  it('refuses two firewalls whose names would clash, and an id Terraform cannot take', () => {
    const stack = userStack();
    new SecureTransportFirewall(stack, 'a_b', { cloud: 'aws', config: EXAMPLE });
    new SecureTransportFirewall(new Construct(stack, 'a'), 'b', { cloud: 'aws', config: EXAMPLE });
    expect(() => Testing.synth(stack, true)).toThrow(/aws_security_group\.a_b_edge \(user\/a_b\/edge\) has the address of a resource of user\/a\/b/);
    expect(() => new SecureTransportFirewall(userStack(), '1st', { cloud: 'aws', config: EXAMPLE })).toThrow(/id: must start with a letter or underscore .*"1st"/);
  });
});

describe('moved blocks', () => {
  it.each(CLOUDS)('%s: from every address of the CLI stack to the construct\'s', (cloud) => {
    const blocks = movedBlocks(validateConfig(EXAMPLE), cloud, 'securetransport');
    expect(blocks.map((b) => b.from).sort()).toEqual(addresses(cliStack(cloud)));
    const stack = userStack();
    new SecureTransportFirewall(stack, 'securetransport', { cloud, config: EXAMPLE });
    expect(blocks.map((b) => b.to).sort()).toEqual(addresses(JSON.parse(Testing.synth(stack))));
  });

  it('moveFromCliStack() writes them into the stack; the CLI prints them as HCL or JSON', () => {
    const stack = userStack();
    const firewall = new SecureTransportFirewall(stack, 'securetransport', { cloud: 'aws', config: EXAMPLE });
    firewall.moveFromCliStack();
    const moved = JSON.parse(Testing.synth(stack)).moved;
    expect(moved).toHaveLength(addresses(cliStack('aws')).length);
    expect(moved).toContainEqual({ from: 'aws_security_group.edge', to: 'aws_security_group.securetransport_edge' });
    const blocks = movedBlocks(validateConfig(EXAMPLE), 'aws', 'securetransport');
    expect(renderMoved(blocks, 'hcl')).toContain('moved {\n  from = aws_security_group.edge\n  to   = aws_security_group.securetransport_edge\n}\n');
    expect(JSON.parse(renderMoved(blocks, 'json')).moved).toEqual(blocks);
  });
});

describe('outputs', () => {
  const groups = { ...EXAMPLE, sources: 'groups' };
  const accounts = { ...groups, gcp: { ...EXAMPLE.gcp, serviceAccounts: { edge: 'st-edge@my-project.iam.gserviceaccount.com', server: 'st-server@my-project.iam.gserviceaccount.com', adminHost: 'st-admin@my-project.iam.gserviceaccount.com' } } };
  it.each(CLOUDS)('%s: every name the emitter returns is typed, and the "always" ones are always there', (cloud) => {
    const declared = OUTPUT_NAMES[cloud] as Record<string, string>;
    const seen = new Set<string>();
    for (const config of [EXAMPLE, groups, accounts]) {
      const names = Object.keys(CLOUD_TARGETS[cloud].emit(new TerraformStack(new App(), 'x'), plan(validateConfig(config))).outputs);
      for (const name of names) seen.add(name);
      expect(names.filter((name) => !(name in declared))).toEqual([]);
      expect(Object.keys(declared).filter((name) => declared[name] === 'always' && !names.includes(name))).toEqual([]);
    }
    expect([...seen].sort()).toEqual(Object.keys(declared).sort());
  });

  it('GCP tags are lists of strings', () => {
    const firewall = new SecureTransportFirewall(userStack(), 'st', { cloud: 'gcp', config: EXAMPLE });
    expect(firewall.outputs.edge_network_tags).toEqual(['st-prod-edge']);
  });
});
