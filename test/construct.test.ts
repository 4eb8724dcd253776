/**
 * The construct library, as a CDKTF user sees it: the package's entry point, added to their
 * own stack beside their own provider.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ConfigError, SecureTransportFirewall } from '../index';

const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../examples/st-prod.json'), 'utf8'));

/** Resources of one type whose body holds these properties. */
function having(synthesized: string, type: string, properties: Record<string, unknown>): unknown[] {
  return Object.values<any>(JSON.parse(synthesized).resource[type] ?? {}).filter((body) => Object.entries(properties).every(([k, v]) => JSON.stringify(body[k]) === JSON.stringify(v)));
}

function userStack() {
  const stack = new TerraformStack(new App(), 'user');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new GoogleProvider(stack, 'google', {});
  return stack;
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
