/**
 * The config file's shape (a contract: tooling outside the repo writes these files), validated
 * with zod. Unknown keys are errors at every level. Checks that need several fields at once
 * (duplicates, overlaps, port clashes) live in validate.ts.
 */
import { z } from 'zod';
import { parseCidr } from '../net/cidr';
import { backendSchema } from './backend';
import { PortRange } from '../spec/rule';
import { tagsSchema } from './tags';

/** Used in GCP names and tags (lowercase RFC 1035), so it must suit every cloud's naming rules. */
export const NAME_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** The longest derived GCP name is `${name}-server-allow-all-from-servers` (30 more characters): 63 in all. */
export const NAME_MAX_LENGTH = 33;
export const MAX_HOSTS_PER_GROUP = 4000;

/** An address or CIDR of either family; IPv6 ones are refused later unless "ipv6" is true. */
const ipOrCidr = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

const hostGroup = z.strictObject({
  privateIps: z
    .array(ipOrCidr)
    .min(1, 'must list at least one IPv4 address or CIDR')
    .max(MAX_HOSTS_PER_GROUP, `lists more than ${MAX_HOSTS_PER_GROUP} addresses (the Azure limit for one rule side)`),
});

const RANGE_HINT = 'must be a port or range such as "30000-30100"';

/** "30000-30100" or "30000": a TCP port range, both ends within 1-65535, from <= to. */
export function parsePortRange(text: string): PortRange | string {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!match) return RANGE_HINT;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  for (const port of [from, to]) if (port < 1 || port > 65535) return `port ${port} is out of range (1-65535)`;
  if (from > to) return `range is reversed (${from} > ${to})`;
  return { from, to };
}

const portRange = z.unknown().transform((value, ctx): PortRange => {
  const parsed =
    value === undefined
      ? 'is required'
      : typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))
        ? parsePortRange(String(value))
        : RANGE_HINT;
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

/** A rule's source by name: Any, or one of the host groups. */
export const RULE_SOURCES = ['any', 'edge', 'server', 'adminHost'] as const;

/** Extra rules from the config, beside the vendor's: same model as the catalog, priorities explicit. */
export const extraRuleSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits and hyphens, starting with a letter')
    .max(40, 'must be at most 40 characters')
    .refine((id) => !/-(v6|ipv6|icmpv6)$/.test(id), 'must not end in -v6, -ipv6 or -icmpv6 (kept for the IPv6 halves of rules)'),
  group: z.enum(['edge', 'server']),
  protocol: z.enum(['tcp', 'udp', 'icmp', 'all']),
  /** tcp/udp: "80", "7800-7802" or "*"; absent for icmp and all. */
  ports: z.union([z.string(), z.number().int()]).optional(),
  source: z.union([z.enum(RULE_SOURCES), z.array(ipOrCidr).min(1, 'must list at least one CIDR')]),
  action: z.enum(['allow', 'deny']).default('allow'),
  priority: z.number().int().min(100, 'must be 100-4000').max(4000, 'must be 100-4000'),
  description: z.string().trim().min(1, 'must say what the rule is for').max(255, 'must be at most 255 characters'),
});

/** How host groups appear as sources: their CIDRs, or the cloud's native group (security group, ASG, tag). */
export const sourcesMode = z.enum(['cidr', 'groups']);
const securityGroupId = (what: string) => z.string().regex(/^sg-([0-9a-f]{8}|[0-9a-f]{17})$/, `must be ${what} security group id such as "sg-0123456789abcdef0"`);
export const SERVICE_ACCOUNT_PATTERN = /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9.]*\.gserviceaccount\.com$/;
const serviceAccount = z.string().regex(SERVICE_ACCOUNT_PATTERN, 'must be a service account email such as "st-edge@my-project.iam.gserviceaccount.com"');

const nonEmpty = (what: string) => z.string().trim().min(1, `must be a non-empty ${what}`);

export const configSchema = z.strictObject({
  name: z
    .string()
    .regex(NAME_PATTERN, 'must start with a lowercase letter and hold only lowercase letters, digits and hyphens (GCP naming rules)')
    .max(NAME_MAX_LENGTH, `must be at most ${NAME_MAX_LENGTH} characters (GCP names derived from it are limited to 63)`)
    .default('securetransport'),
  edge: hostGroup,
  server: hostGroup,
  adminHost: hostGroup,
  ftpPassivePorts: portRange,
  icmp: z.enum(['native', 'vendor']).default('native'),
  rules: z.array(extraRuleSchema).max(500, 'holds more than 500 rules').default([]),
  sources: sourcesMode.default('cidr'),
  /** IPv6: addresses of both families in privateIps, "Any" covering ::/0 too, ICMPv6 beside ICMP. */
  ipv6: z.boolean().default(false),
  /** Tags on every taggable resource (see tags.ts for each cloud's limits). */
  tags: tagsSchema.default({}),
  aws: z
    .strictObject({
      region: nonEmpty('AWS region').regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as "eu-west-1"').default('us-east-1'),
      vpcId: z.string().regex(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, 'must be a VPC id such as "vpc-0123456789abcdef0"').optional(),
      /** AWS's "inbound rules per security group" quota (60 by default, adjustable up to 1000). */
      maxRulesPerSecurityGroup: z.number().int().min(1).max(1000, 'must be at most 1000 (the AWS maximum)').default(60),
      sources: sourcesMode.optional(),
      /** groups mode: the Administration host's existing security group (else one is created). */
      adminHostSecurityGroupId: securityGroupId('the Administration host\'s').optional(),
      /** groups mode: the load balancer's security group, as the source of the vendor's "Any" rules. */
      loadBalancerSecurityGroupId: securityGroupId('the load balancer\'s').optional(),
      /** Where the stack keeps its state (backend.ts); absent: a relative local state file. */
      backend: backendSchema.optional(),
    })
    .default({ region: 'us-east-1', maxRulesPerSecurityGroup: 60 }),
  azure: z
    .strictObject({
      location: nonEmpty('Azure location').default('westeurope'),
      resourceGroupName: z
        .string()
        .regex(/^[-\w.()]{0,89}[-\w()]$/, 'must be an Azure resource group name (1-90 characters: letters, digits, _ - . ( ), not ending in ".")')
        .optional(),
      sources: sourcesMode.optional(),
      backend: backendSchema.optional(),
    })
    .default({ location: 'westeurope' }),
  gcp: z
    .strictObject({
      project: z.string().regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, 'must be a GCP project id (6-30 characters: lowercase letters, digits, hyphens)').optional(),
      region: nonEmpty('GCP region').optional(),
      network: z.string().regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a GCP network name (lowercase letters, digits, hyphens; at most 63)').default('default'),
      sources: sourcesMode.optional(),
      /** groups mode: service accounts instead of network tags (GCP does not mix the two in one rule). */
      serviceAccounts: z.strictObject({ edge: serviceAccount, server: serviceAccount, adminHost: serviceAccount }).optional(),
      backend: backendSchema.optional(),
    })
    .default({ network: 'default' }),
});

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type ParsedRule = z.output<typeof extraRuleSchema>;
