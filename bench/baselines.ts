/**
 * Baseline specs: what st-firewall synthesized for a workload (read back from its cdk.tf.json),
 * reduced to "these providers, these resources with these attribute values", for
 * bench/minimal-app.ts to rebuild with nothing but provider classes and `app.synth()`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A reference to another resource of the same stack: `${type.name.attr}` in Terraform JSON. */
export interface Ref {
  readonly $ref: string;
  readonly attr: string;
}

export interface SpecResource {
  readonly type: string;
  readonly name: string;
  /** The construct's config: camelCase keys, references as Ref. */
  readonly config: Record<string, unknown>;
}

export interface SpecStack {
  readonly name: string;
  readonly providers: { readonly name: string; readonly config: Record<string, unknown> }[];
  /** Referenced resources come before those that reference them. */
  readonly resources: SpecResource[];
}

export interface Spec {
  readonly stacks: SpecStack[];
}

interface TfJsonDoc {
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/** Terraform JSON attribute values -> construct config; map attributes (tags, labels) keep their keys. */
function toConfig(value: unknown, keepKeys = false): unknown {
  if (Array.isArray(value)) return value.map((item) => toConfig(item));
  if (typeof value === 'string') {
    const match = REF.exec(value);
    return match ? ({ $ref: `${match[1]}.${match[2]}`, attr: camel(match[3]) } satisfies Ref) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '//')
      .map(([key, item]) => [keepKeys ? key : camel(key), toConfig(item, key === 'tags' || key === 'labels')]),
  );
}

export function readTfJson(file: string): TfJsonDoc {
  return JSON.parse(readFileSync(file, 'utf8')) as TfJsonDoc;
}

/** Resources of a synthesized stack, per type: `{ aws_security_group: 2, ... }`. */
export function resourceCounts(doc: TfJsonDoc): Record<string, number> {
  return Object.fromEntries(Object.entries(doc.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]));
}

export function specStack(name: string, doc: TfJsonDoc): SpecStack {
  const providers = Object.entries(doc.provider ?? {}).flatMap(([provider, blocks]) =>
    blocks.map((block) => ({ name: provider, config: toConfig(block) as Record<string, unknown> })),
  );
  const all = Object.entries(doc.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([resourceName, body]) => ({ type, name: resourceName, config: toConfig(body) as Record<string, unknown> })),
  );
  const referenced = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      if ('$ref' in value) referenced.add((value as Ref).$ref);
      else Object.values(value).forEach(collect);
    }
  };
  all.forEach((resource) => collect(resource.config));
  const isReferenced = (resource: SpecResource) => referenced.has(`${resource.type}.${resource.name}`);
  return { name, providers, resources: [...all.filter(isReferenced), ...all.filter((resource) => !isReferenced(resource))] };
}

/** The spec for the stacks st-firewall wrote under outdir/stacks/<stack>/cdk.tf.json. */
export function specFor(outdir: string, stacks: readonly string[]): Spec {
  return { stacks: stacks.map((stack) => specStack(stack, readTfJson(join(outdir, 'stacks', stack, 'cdk.tf.json')))) };
}

/**
 * Whether two synthesized stacks hold the same providers and resources, attribute for attribute
 * (construct metadata aside): the floor must emit what st-firewall emitted, or the ratio lies.
 */
export function sameResources(a: TfJsonDoc, b: TfJsonDoc): boolean {
  const strip = (doc: TfJsonDoc) =>
    JSON.stringify({ provider: doc.provider, resource: toConfig(doc.resource ?? {}) }, (_, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
        : value,
    );
  return strip(a) === strip(b);
}
