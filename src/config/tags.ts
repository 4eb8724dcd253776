/**
 * Config `tags`: the user's tags, put on every taggable resource (AWS security groups and rules,
 * Azure NSGs and application security groups; GCP firewall rules have no labels). One config
 * goes to every cloud, so the tags must fit every cloud's limits at once, counted with the tags
 * st-firewall sets itself (which win on a conflict).
 */
import { z } from 'zod';

/** The tags the emitters set themselves: they win over the user's on a conflict. */
export const OWN_TAG_KEYS = { aws: ['Name', 'st-firewall:rule'], azure: ['purpose', 'generator'] } as const;

/**
 * AWS: "Maximum tags per resource: 50", key 1-128 characters, value 0-256, the `aws:` prefix
 * reserved. Azure: 50 tag name/value pairs per resource, name up to 512 characters, value up to
 * 256, and names may not contain < > % & \ ? /.
 */
export const TAG_LIMITS = {
  maxTags: 50,
  aws: { keyMax: 128, valueMax: 256 },
  azure: { keyMax: 512, valueMax: 256, forbidden: /[<>%&\\?/]/ },
} as const;

/** How many tags a resource of that cloud carries once the user's are merged with st-firewall's own. */
function mergedCount(keys: readonly string[], own: readonly string[]): number {
  return new Set([...keys, ...own]).size;
}

/** Per-key problems: the strictest of AWS's and Azure's rules, since one config goes to both. */
export function tagKeyIssue(key: string): string | undefined {
  if (key.length < 1) return 'is an empty tag key (AWS: keys are 1-128 characters)';
  if (key.length > TAG_LIMITS.aws.keyMax) return `is a tag key of ${key.length} characters (AWS allows at most ${TAG_LIMITS.aws.keyMax})`;
  if (/^aws:/i.test(key)) return 'uses the "aws:" prefix, which AWS reserves for its own tags';
  if (TAG_LIMITS.azure.forbidden.test(key)) return 'holds a character Azure refuses in tag names (< > % & \\ ? /)';
  return undefined;
}

export function tagValueIssue(value: string): string | undefined {
  if (value.length > TAG_LIMITS.aws.valueMax) return `is a tag value of ${value.length} characters (AWS and Azure allow at most ${TAG_LIMITS.aws.valueMax})`;
  return undefined;
}

export const tagsSchema = z
  .record(z.string(), z.string({ invalid_type_error: 'must be a string (tag values are strings)' }))
  .superRefine((tags, ctx) => {
    const keys = Object.keys(tags);
    for (const key of keys) {
      const keyIssue = tagKeyIssue(key);
      if (keyIssue) ctx.addIssue({ code: 'custom', path: [key], message: keyIssue });
      const valueIssue = tagValueIssue(tags[key]);
      if (valueIssue) ctx.addIssue({ code: 'custom', path: [key], message: valueIssue });
    }
    for (const [cloud, own] of Object.entries(OWN_TAG_KEYS)) {
      const count = mergedCount(keys, own);
      if (count > TAG_LIMITS.maxTags) {
        ctx.addIssue({ code: 'custom', message: `holds ${keys.length} tags: with st-firewall's own (${own.join(', ')}) a ${cloud} resource would carry ${count}, over the limit of ${TAG_LIMITS.maxTags}` });
      }
    }
  });
