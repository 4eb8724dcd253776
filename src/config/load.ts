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
import { jsonErrorPosition } from './json-error';
import { configSchema, extraRuleSchema, ParsedConfig, ParsedRule, RULE_SOURCES } from './schema';

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

/** Config files are JSON (`.json`) or YAML (`.yaml`, `.yml`); any other name is refused, not guessed at. */
export const CONFIG_EXTENSIONS = ['.json', '.yaml', '.yml'];

export function loadConfigFile(file: string): Config {
  const extension = extname(file).toLowerCase();
  if (!CONFIG_EXTENSIONS.includes(extension)) {
    throw new ConfigError([{ path: '', message: `the file name must end in .json, .yaml or .yml, which says how to read it (got ${extension ? `"${extension}"` : 'no extension'})` }], file);
  }
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
  const body = text.replace(/^\uFEFF/, ''); // a byte order mark, as some editors write
  let raw: unknown;
  try {
    // yaml loads only for YAML files: it costs ~10 ms of start-up that JSON users need not pay.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    raw = yaml ? (require('yaml') as typeof import('yaml')).parse(body, { prettyErrors: true }) : JSON.parse(body);
  } catch (err) {
    throw new ConfigError([{ path: '', message: yaml ? `is not valid YAML: ${(err as Error).message.split('\n')[0].replace(/:$/, '')}` : jsonSyntaxMessage(body, err as Error) }], source);
  }
  return validateConfig(raw, source);
}

/** "is not valid JSON: line 3, column 14: found "}" (Expected double-quoted property name)". */
function jsonSyntaxMessage(text: string, err: Error): string {
  const position = jsonErrorPosition(text);
  const reason = err.message.replace(/ at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/, '');
  return position ? `is not valid JSON: line ${position.line}, column ${position.column}: found ${position.found} (${reason})` : `is not valid JSON: ${reason}`;
}

/**
 * Every problem of the file at once: the schema's, and the cross-field checks of every part that
 * parsed (a bad `name` does not hide an overlap of hosts). The checks against the catalog need
 * the whole config, so they run once everything else is fine.
 */
export function validateConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw);
  const issues = result.success ? [] : result.error.issues.flatMap((issue) => fromZod(issue, raw));
  const parts: ConfigParts = result.success ? result.data : partsOf(raw);
  issues.push(...crossChecks(parts));
  const extraRules = toRules(parts.rules, issues);
  if (!result.success || issues.length > 0) throw new ConfigError(issues, source);
  const parsed = result.data;
  const config: Config = {
    name: parsed.name,
    hosts: { edge: canonical(parsed.edge.privateIps), server: canonical(parsed.server.privateIps), adminHost: canonical(parsed.adminHost.privateIps) },
    ftpPassivePorts: parsed.ftpPassivePorts,
    icmp: parsed.icmp,
    ipv6: parsed.ipv6,
    extraRules,
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
  const ruleIssues = extraRuleIssues(config);
  if (ruleIssues.length > 0) throw new ConfigError(ruleIssues, source);
  return config;
}

/** What parsed of a config the schema refused: top-level keys that are valid, rules that are valid (by index). */
type ConfigParts = Partial<Omit<ParsedConfig, 'rules'>> & { readonly rules: readonly (ParsedRule | undefined)[] };

function partsOf(raw: unknown): ConfigParts {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { rules: [] };
  const record = raw as Record<string, unknown>;
  const parts: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(configSchema.shape)) {
    const parsed = (schema as z.ZodTypeAny).safeParse(record[key]);
    if (parsed.success) parts[key] = parsed.data;
  }
  const rules = Array.isArray(record.rules) ? record.rules.map((rule) => extraRuleSchema.safeParse(rule)).map((r) => (r.success ? r.data : undefined)) : [];
  return { ...(parts as Partial<ParsedConfig>), rules };
}

/** Settings of `groups` mode only: in `cidr` mode the emitters never read them, so they are errors, not silently dropped. */
const GROUPS_ONLY: readonly { readonly cloud: 'aws' | 'gcp'; readonly key: string; readonly what: string }[] = [
  { cloud: 'aws', key: 'adminHostSecurityGroupId', what: 'the Administration host\'s security group is a source only in groups mode' },
  { cloud: 'aws', key: 'loadBalancerSecurityGroupId', what: 'the load balancer\'s security group replaces "Any" only in groups mode' },
  { cloud: 'gcp', key: 'serviceAccounts', what: 'service accounts replace network tags only in groups mode' },
];

function ignoredSettings(config: ConfigParts): ConfigIssue[] {
  return GROUPS_ONLY.flatMap(({ cloud, key, what }) => {
    const section = config[cloud] as Record<string, unknown> | undefined;
    const value = section?.[key];
    const mode = (section?.sources as SourcesMode | undefined) ?? config.sources;
    if (value === undefined || mode !== 'cidr') return [];
    const why = section?.sources ? `"${cloud}.sources" is "cidr"` : `"sources" is "cidr" and "${cloud}.sources" is not set`;
    return [{ path: `${cloud}.${key}`, value, message: `has no effect while ${why} (${what}): set "${cloud}.sources": "groups", or remove it` }];
  });
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

/** What a union field accepts, by its key (the schema's unions: a rule's source and ports). */
const UNION_HINTS: Record<string, string> = {
  source: `must be one of ${RULE_SOURCES.map((source) => JSON.stringify(source)).join(', ')}, or a list of CIDRs`,
  ports: 'must be a port or range such as "80" or "7800-7802", or "*" for every port',
};

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
  if (issue.code === 'invalid_enum_value') {
    return [{ path: pathText(issue.path), message: `must be one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`, value }];
  }
  if (issue.code === 'invalid_union') {
    // A union with a message of its own (backend.ts's workspaces) says best what it takes.
    if (issue.message !== 'Invalid input') return [{ path: pathText(issue.path), message: issue.message, value }];
    // A branch that accepted the value's type but not the value has the useful issues (a bad CIDR in a list).
    const deeper = issue.unionErrors.find((error) => error.issues.every((inner) => inner.path.length > issue.path.length));
    if (deeper) return deeper.issues.flatMap((inner) => fromZod(inner, raw));
    return [{ path: pathText(issue.path), message: UNION_HINTS[String(issue.path[issue.path.length - 1])] ?? 'is not valid', value }];
  }
  return [{ path: pathText(issue.path), message: issue.message, value }];
}

/**
 * Checks across fields, on whatever parsed: each address in exactly one place, the passive range
 * clear of listed ports, and no setting that the cloud's sources mode would ignore.
 */
function crossChecks(config: ConfigParts): ConfigIssue[] {
  const issues: ConfigIssue[] = [...ignoredSettings(config)];
  const entries: { path: string; value: string; cidr: Cidr }[] = [];
  for (const group of HOST_GROUPS) {
    config[group]?.privateIps.forEach((value, i) => entries.push({ path: `${group}.privateIps[${i}]`, value, cidr: cidr(value) }));
  }
  const sourceCidrs = config.rules.flatMap((rule, r) => (Array.isArray(rule?.source) ? rule.source.map((value, i) => ({ path: `rules[${r}].source[${i}]`, value })) : []));
  if (config.ipv6 === false) {
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
  if (!passive || !config.icmp) return issues;
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
