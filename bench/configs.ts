/**
 * Benchmark workloads: the example config, the same config scaled to N hosts per group, and
 * synthetic extra rules for the "big catalog" workload. Everything here is pure data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Peer, Port, PROTECTED_GROUPS, Rule } from '../src/spec/rule';

export interface Workload {
  /** Row label in the results table. */
  readonly name: string;
  /** Config file written into the bench's scratch directory. */
  readonly configFile: string;
  /** Synthetic rules appended to the catalog (0: plain `st-firewall synth`). */
  readonly extraRules: number;
  /** Generated hosts per group; undefined for the example's own. */
  readonly hosts?: number;
  readonly kind: 'example' | 'scaled' | 'groups' | 'aws-max-quota' | 'extra-rules';
}

/**
 * AWS refuses more than 60 inbound rules per security group by default (1000 at most, on
 * request), and every source CIDR of a rule is one rule: 13 + 14 per host on the Edge group,
 * 15 per host on the Server group. 60 hosts per group (853 and 900 rules) is about the largest
 * config AWS takes with the quota raised to its maximum.
 */
export const AWS_MAX_QUOTA = 1000;
export const AWS_MAX_QUOTA_HOSTS = 60;

/** Host groups get one /16 each (edge 10.1, server 10.2, adminHost 10.3): distinct subnets, no overlaps. */
const SUBNET_OCTET = { edge: 1, server: 2, adminHost: 3 } as const;

/** `count` unique /32 addresses in 10.<octet>.0.0/16, 250 per /24 (skipping .0-.3 and .254-.255). */
export function hostAddresses(octet: number, count: number): string[] {
  if (count > 250 * 256) throw new Error(`hostAddresses: ${count} does not fit one /16`);
  return Array.from({ length: count }, (_, i) => `10.${octet}.${Math.floor(i / 250)}.${(i % 250) + 4}/32`);
}

/** The example config with every host group replaced by `hosts` generated addresses. */
export function scaledConfig(example: Record<string, unknown>, hosts: number): Record<string, unknown> {
  const groups = Object.fromEntries(
    Object.entries(SUBNET_OCTET).map(([group, octet]) => [group, { privateIps: hostAddresses(octet, hosts) }]),
  );
  return { ...example, ...groups };
}

/** The config with AWS's rules-per-group quota raised to its maximum. */
export function withAwsMaxQuota(config: Record<string, unknown>): Record<string, unknown> {
  return { ...config, aws: { ...(config.aws as object), maxRulesPerSecurityGroup: AWS_MAX_QUOTA } };
}

/**
 * `count` extra allow rules, split over the protected groups, each from one literal /32 in
 * 172.16.0.0/12, with explicit priorities 1000.. (clear of the catalog's section blocks).
 */
export function extraRules(count: number): Rule[] {
  return Array.from({ length: count }, (_, i): Rule => {
    const target = PROTECTED_GROUPS[i % PROTECTED_GROUPS.length];
    const n = Math.floor(i / PROTECTED_GROUPS.length);
    return {
      id: `${target}-extra-${n}`,
      target,
      action: 'allow',
      port: Port.tcp(40000 + n),
      source: Peer.cidrs(`172.16.${Math.floor(i / 250)}.${(i % 250) + 4}/32`),
      description: `Synthetic benchmark rule ${i}`,
      section: 'bench: extra rules',
      priority: 1000 + n,
    };
  });
}

/** Writes every workload's config into `dir`. */
export function writeWorkloads(dir: string, exampleFile: string, scales: readonly number[], extra: number): Workload[] {
  const example = JSON.parse(readFileSync(exampleFile, 'utf8')) as Record<string, unknown>;
  const write = (file: string, config: unknown) => {
    const path = join(dir, file);
    writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
    return path;
  };
  const workloads: Workload[] = [{ name: 'example (2/2/1 hosts)', configFile: write('example.json', example), extraRules: 0, kind: 'example' }];
  for (const hosts of scales) {
    workloads.push({ name: `${hosts} hosts/group`, configFile: write(`hosts-${hosts}.json`, scaledConfig(example, hosts)), extraRules: 0, hosts, kind: 'scaled' });
  }
  // Host groups as native groups: the rule count stays that of the example, whatever the hosts.
  for (const hosts of [Math.min(...scales), Math.max(...scales)]) {
    workloads.push({ name: `${hosts} hosts/group, sources: groups`, configFile: write(`groups-${hosts}.json`, { ...scaledConfig(example, hosts), sources: 'groups' }), extraRules: 0, hosts, kind: 'groups' });
  }
  workloads.push({
    name: `${AWS_MAX_QUOTA_HOSTS} hosts/group, AWS quota ${AWS_MAX_QUOTA}`,
    configFile: write('aws-max-quota.json', withAwsMaxQuota(scaledConfig(example, AWS_MAX_QUOTA_HOSTS))),
    extraRules: 0,
    hosts: AWS_MAX_QUOTA_HOSTS,
    kind: 'aws-max-quota',
  });
  // 250 extra rules per group: over AWS's default quota of 60, so this one raises it too.
  if (extra > 0) workloads.push({ name: `example + ${extra} extra rules, AWS quota ${AWS_MAX_QUOTA}`, configFile: write('extra.json', withAwsMaxQuota(example)), extraRules: extra, kind: 'extra-rules' });
  return workloads;
}

/** A verify workload: the config, the clouds verified, and the hosts per group (undefined: the example's). */
export interface VerifyWorkload {
  readonly name: string;
  readonly configFile: string;
  readonly clouds: readonly string[];
  readonly hosts?: number;
}

/**
 * Verify workloads: the example on every cloud, then the example scaled to N hosts per group on
 * Azure and GCP (AWS refuses more than a few hosts per group at its default rules quota).
 */
export function writeVerifyWorkloads(dir: string, exampleFile: string, scales: readonly number[]): VerifyWorkload[] {
  const example = JSON.parse(readFileSync(exampleFile, 'utf8')) as Record<string, unknown>;
  const write = (file: string, config: unknown) => {
    const path = join(dir, file);
    writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
    return path;
  };
  return [
    { name: 'example (2/2/1 hosts)', configFile: write('verify-example.json', example), clouds: ['aws', 'azure', 'gcp'] },
    ...scales.map((hosts) => ({ name: `${hosts} hosts/group`, configFile: write(`verify-hosts-${hosts}.json`, scaledConfig(example, hosts)), clouds: ['azure', 'gcp'], hosts })),
  ];
}
