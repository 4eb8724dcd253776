/**
 * Bad `extra_rules` inputs, each with the message start the module's validation gives (rows for
 * the real-Terraform validation table), and good ones. test/module.test.ts checks each against
 * the CLI (which refuses them too) and the module's conditions.
 */
import type { Cloud } from '../src/clouds';

type Json = any;
type Inputs = Record<string, Json>;

const OK_RULE = { group: 'edge', protocol: 'tcp', ports: '9100', source: 'adminHost', priority: 1000, description: 'Exporter' };
const rule = (changes: Record<string, Json>) => Object.fromEntries(Object.entries({ ...OK_RULE, ...changes }).filter(([, v]) => v !== undefined));
export type ValidationCase = readonly [clouds: 'all' | Cloud, rules: Record<string, Json>, inputs: Inputs, message: string];
/** The rows of the real-Terraform validation table for extra_rules (module, value, message start). */
export const EXTRA_RULE_CASES: readonly ValidationCase[] = [
  ['all', { r1: rule({ colour: 'red' }) }, {}, 'extra_rules: each rule is an object with'],
  ['all', { r1: rule({ priority: undefined }) }, {}, 'extra_rules: each rule is an object with'],
  ['all', { Bad_Id: rule({}) }, {}, 'extra_rules: rule ids are lowercase letters'],
  ['all', { 'edge-x-v6': rule({}) }, {}, 'extra_rules: rule ids are lowercase letters'],
  ['all', { 'edge-http': rule({}) }, {}, 'extra_rules: a rule id is already the id of a vendor rule'],
  ['all', { 'edge-deny-all': rule({}) }, {}, 'extra_rules: a rule id is already the id of a vendor rule'],
  ['all', { r1: rule({ group: 'admin' }) }, {}, 'extra_rules: group must be "edge" or "server"'],
  ['all', { r1: rule({ protocol: 'sctp' }) }, {}, 'extra_rules: protocol must be'],
  ['all', { r1: rule({ ports: undefined }) }, {}, 'extra_rules: ports is required for tcp and udp'],
  ['all', { r1: rule({ ports: '70000' }) }, {}, 'extra_rules: ports is required for tcp and udp'],
  ['all', { r1: rule({ ports: '90-80' }) }, {}, 'extra_rules: ports is required for tcp and udp'],
  ['all', { r1: rule({ ports: 'http' }) }, {}, 'extra_rules: ports is required for tcp and udp'],
  ['all', { r1: rule({ protocol: 'icmp' }) }, {}, 'extra_rules: ports is required for tcp and udp'],
  ['all', { r1: rule({ source: 'internet' }) }, {}, 'extra_rules: source must be'],
  ['all', { r1: rule({ source: [] }) }, {}, 'extra_rules: source must be'],
  ['all', { r1: rule({ source: ['10.0.50.5/24'] }) }, {}, 'extra_rules: source must be'],
  ['all', { r1: rule({ source: ['10.0.50.300'] }) }, {}, 'extra_rules: source must be'],
  ['all', { r1: rule({ source: ['2001:db8:50::/64'] }) }, {}, 'extra_rules: IPv6 source CIDRs need ipv6 = true'],
  ['all', { r1: rule({ source: ['10.0.50.7', '10.0.50.7/32'] }) }, {}, 'extra_rules: a source lists a CIDR twice'],
  ['all', { r1: rule({ action: 'reject' }) }, {}, 'extra_rules: action must be "allow" or "deny"'],
  ['aws', { r1: rule({ action: 'deny' }) }, {}, 'extra_rules: aws: security groups have no deny rules'],
  ['all', { r1: rule({ priority: 50 }) }, {}, 'extra_rules: priority must be a whole number within 100-4000'],
  ['all', { r1: rule({ priority: 1000.5 }) }, {}, 'extra_rules: priority must be a whole number within 100-4000'],
  ['all', { r1: rule({ priority: 100 }) }, {}, 'extra_rules: a priority is already a vendor rule\'s in that group'],
  ['all', { r1: rule({ priority: 101 }) }, { ipv6: true }, 'extra_rules: a priority is already a vendor rule\'s in that group'],
  ['all', { r1: rule({}), r2: rule({ ports: '9200' }) }, {}, 'extra_rules: two rules of one group share a priority'],
  ['all', { r1: rule({}), r2: rule({ ports: '9200', priority: 1001 }) }, { ipv6: true }, 'extra_rules: two rules of one group share a priority'],
  ['all', { r1: rule({ description: '  ' }) }, {}, 'extra_rules: description must say what the rule is for'],
  ['all', { r1: rule({ description: 'x'.repeat(256) }) }, {}, 'extra_rules: description must say what the rule is for'],
  ['gcp', { 'a-very-long-rule-id-of-forty-characters': rule({}) }, { name: 'a-long-deployment-name-of-33-char' }, 'extra_rules: gcp: the firewall name'],
  [
    'aws',
    { r1: rule({ source: Array.from({ length: 30 }, (_, i) => `10.0.${i}.0/24`) }), r2: rule({ ports: '9200', priority: 1010, source: Array.from({ length: 10 }, (_, i) => `10.1.${i}.0/24`) }) },
    {},
    'max_rules_per_security_group: a security group would need more inbound rules',
  ],
];
export const GOOD_RULES = {
  r1: rule({}),
  r2: rule({ group: 'server', protocol: 'udp', ports: 123, source: ['10.0.50.0/24', '10.0.51.7'], priority: 1010 }),
  r3: rule({ protocol: 'icmp', ports: undefined, source: 'any', priority: 1020 }),
  r4: rule({ group: 'server', protocol: 'all', ports: undefined, source: ['2001:db8:50::/64'], priority: 1030 }),
};

