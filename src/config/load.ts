/**
 * Reads and validates a config file (JSON, or YAML by extension). Every problem becomes a
 * ConfigIssue naming the field path and the offending value; all of them are reported at once.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import { catalogRules } from '../catalog/securetransport';
import { Cidr, cidr, compareCidrs, cidrsOverlap } from '../net/cidr';
import { HOST_GROUPS, HostGroup, IcmpMode, PortRange, Rule } from '../spec/rule';
import { Backend, REDACT } from './backend';
import { extraRuleIssues, toRules } from './extra-rules';
import { configSchema, ParsedConfig } from './schema';

export interface ConfigIssue {
  /** Field path as written in the file: "edge.privateIps[1]". Empty for the file itself. */
  readonly path: string;
  readonly message: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
}

export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[], readonly source = 'config') {
    super(issues.map((issue) => formatIssue(source, issue)).join('\n'));
    this.name = 'ConfigError';
  }
}

function formatIssue(source: string, { path, message, value }: ConfigIssue): string {
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)?.slice(0, 120)})`;
  return `${source}: ${path || '(file)'}: ${message}${shown}`;
}

/** Host groups as sources: their CIDRs, or the cloud's native groups (see README, "Host groups as sources"). */
export type SourcesMode = 'cidr' | 'groups';

/** The validated config, with every address in canonical CIDR form and every default filled in. */
export interface Config {
  readonly name: string;
  readonly hosts: Readonly<Record<HostGroup, readonly string[]>>;
  readonly ftpPassivePorts: PortRange;
  readonly icmp: IcmpMode;
  /** IPv6 on: "Any" is 0.0.0.0/0 and ::/0, ICMP is ICMP and ICMPv6, hosts may have IPv6 addresses. */
  readonly ipv6: boolean;
  /** The config's own rules (`rules`), planned beside the catalog's. */
  readonly extraRules: readonly Rule[];
  /** The user's tags, on every taggable resource (st-firewall's own tags win on a conflict). */
  readonly tags: Readonly<Record<string, string>>;
  readonly aws: {
    readonly region: string;
    readonly vpcId?: string;
    readonly maxRulesPerSecurityGroup: number;
    readonly sources: SourcesMode;
    readonly adminHostSecurityGroupId?: string;
    readonly loadBalancerSecurityGroupId?: string;
    /** Where the stack keeps its state; absent: a relative local state file (stacks/backend.ts). */
    readonly backend?: Backend;
  };
  readonly azure: { readonly location: string; readonly resourceGroupName: string; readonly sources: SourcesMode; readonly backend?: Backend };
  readonly gcp: {
    readonly project?: string;
    readonly region?: string;
    readonly network: string;
    readonly sources: SourcesMode;
    readonly serviceAccounts?: Readonly<Record<HostGroup, string>>;
    readonly backend?: Backend;
  };
}

export function loadConfigFile(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ path: '', message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? err})` }], file);
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, source = 'config'): Config {
  const yaml = ['.yaml', '.yml'].includes(extname(source).toLowerCase());
  let raw: unknown;
  try {
    // yaml loads only for YAML files: it costs ~10 ms of start-up that JSON users need not pay.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    raw = yaml ? (require('yaml') as typeof import('yaml')).parse(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError([{ path: '', message: `is not valid ${yaml ? 'YAML' : 'JSON'}: ${(err as Error).message}` }], source);
  }
  return validateConfig(raw, source);
}

export function validateConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(result.error.issues.flatMap((issue) => fromZod(issue, raw)), source);
  const issues = crossChecks(result.data);
  if (issues.length > 0) throw new ConfigError(issues, source);
  const parsed = result.data;
  const ruleIssues: ConfigIssue[] = [];
  const config: Config = {
    name: parsed.name,
    hosts: { edge: canonical(parsed.edge.privateIps), server: canonical(parsed.server.privateIps), adminHost: canonical(parsed.adminHost.privateIps) },
    ftpPassivePorts: parsed.ftpPassivePorts,
    icmp: parsed.icmp,
    ipv6: parsed.ipv6,
    extraRules: toRules(parsed.rules, ruleIssues),
    tags: parsed.tags,
    aws: { ...parsed.aws, sources: parsed.aws.sources ?? parsed.sources },
    azure: {
      location: parsed.azure.location,
      resourceGroupName: parsed.azure.resourceGroupName ?? `rg-${parsed.name}`,
      sources: parsed.azure.sources ?? parsed.sources,
      ...(parsed.azure.backend ? { backend: parsed.azure.backend } : {}),
    },
    gcp: { ...parsed.gcp, sources: parsed.gcp.sources ?? parsed.sources },
  };
  if (ruleIssues.length === 0) ruleIssues.push(...extraRuleIssues(config));
  if (ruleIssues.length > 0) throw new ConfigError(ruleIssues, source);
  return config;
}

/** CIDR text, in address order: the order hosts are listed in changes nothing in the output. */
function canonical(ips: readonly string[]): string[] {
  return ips.map((ip) => cidr(ip)).sort(compareCidrs).map((c) => c.text);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fromZod(issue: z.ZodIssue, raw: unknown): ConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: pathText([...issue.path, key]),
      message: 'unknown key (check the spelling against the README\'s config reference)',
      value: valueAt(raw, [...issue.path, key]),
    }));
  }
  // A credential found in the config is named, never echoed (backend.ts).
  const value = issue.code === 'custom' && issue.params?.[REDACT] ? undefined : valueAt(raw, issue.path);
  if (issue.code === 'invalid_type') {
    return [{ path: pathText(issue.path), message: value === undefined ? 'is required' : `expected ${issue.expected}, not ${issue.received}`, value }];
  }
  const message = issue.message;
  return [{ path: pathText(issue.path), message, value }];
}

/** Checks across fields: each address in exactly one place, and the passive range clear of listed ports. */
function crossChecks(config: ParsedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const entries: { path: string; value: string; cidr: Cidr }[] = [];
  for (const group of HOST_GROUPS) {
    config[group].privateIps.forEach((value, i) => entries.push({ path: `${group}.privateIps[${i}]`, value, cidr: cidr(value) }));
  }
  const sourceCidrs = config.rules.flatMap((rule, r) => (Array.isArray(rule.source) ? rule.source.map((value, i) => ({ path: `rules[${r}].source[${i}]`, value })) : []));
  if (!config.ipv6) {
    for (const { path, value } of [...entries, ...sourceCidrs]) {
      if (cidr(value).family === 6) issues.push({ path, value, message: 'is IPv6; set "ipv6": true to use IPv6 addresses and CIDRs' });
    }
    if (issues.length > 0) return issues;
  }
  // Sort by family and first address, then sweep: each entry is compared with the widest range seen so far.
  const sorted = [...entries].sort((a, b) => compareCidrs(a.cidr, b.cidr));
  let widest: (typeof entries)[number] | undefined;
  for (const entry of sorted) {
    if (widest && cidrsOverlap(widest.cidr, entry.cidr)) {
      const [earlier, later] = entries.indexOf(widest) < entries.indexOf(entry) ? [widest, entry] : [entry, widest];
      const same = earlier.cidr.text === later.cidr.text;
      issues.push({
        path: later.path,
        value: later.value,
        message: `${same ? 'is listed twice' : 'overlaps'} (also ${earlier.path} "${earlier.value}"): each host belongs to one group, once`,
      });
    }
    if (!widest || widest.cidr.family !== entry.cidr.family || entry.cidr.last > widest.cidr.last) widest = entry;
  }

  const passive = config.ftpPassivePorts;
  for (const rule of catalogRules(config.icmp)) {
    if (rule.target !== 'edge' || rule.port.protocol !== 'tcp' || typeof rule.port.ports !== 'object' || !('from' in rule.port.ports)) continue;
    const { from, to } = rule.port.ports;
    if (from <= passive.to && passive.from <= to) {
      issues.push({
        path: 'ftpPassivePorts',
        value: `${passive.from}-${passive.to}`,
        message: `overlaps TCP ${from === to ? from : `${from}-${to}`} of Edge rule ${rule.id} ("${rule.description}"): choose a passive range clear of the ports the Edge lists`,
      });
    }
  }
  return issues;
}
