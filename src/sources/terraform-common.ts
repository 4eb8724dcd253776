/**
 * What every Terraform reader shares, whatever the format it came from (cdk.tf.json, `terraform
 * show -json`): resources as `{ address, type, body }`, a reference resolver the format supplies,
 * and the attribute checks. A reader that met an attribute it does not read would be guessing
 * that it changes nothing, so unknown keys are refused (UnsupportedConstruct), and values the
 * cloud would reject are InvalidTerraform.
 */
import { Cidr, parseCidr } from '../net/cidr';
import type { Range } from '../model/common';
import { InvalidTerraform, UnsupportedConstruct } from '../model/errors';

export type TfBody = Readonly<Record<string, unknown>>;

/** One resource instance: its address ("aws_security_group.edge", "module.fw.x.y[0]"), type and attribute values. */
export interface TfResource {
  readonly address: string;
  readonly type: string;
  readonly body: TfBody;
}

/** Where a reference sits, and which attribute of the referenced resource the field takes. */
export interface RefSite {
  readonly address: string;
  readonly field: string;
  /** The list position, for list fields (application security group ids). */
  readonly index?: number;
  readonly attribute: 'id' | 'name';
}

/**
 * Turns an attribute value into a model key: a reference to another resource -> that resource's
 * address ("${aws_security_group.edge.id}" -> "aws_security_group.edge" in cdk.tf.json; plan JSON
 * resolves through `configuration` references instead); a literal (an "sg-..." id, a name) ->
 * itself; undefined when the value is computed and nothing says what it references. Throws
 * UnsupportedConstruct for a reference to the wrong attribute.
 */
export type RefResolver = (value: unknown, site: RefSite) => string | undefined;

/** The resolved key, or UnsupportedConstruct naming the field. */
export function resolveKey(resolve: RefResolver, value: unknown, site: RefSite): string {
  const key = resolve(value, site);
  if (key === undefined) throw new UnsupportedConstruct(`${site.address}: ${site.field}${site.index === undefined ? '' : `[${site.index}]`} ${JSON.stringify(value)} cannot be resolved to a resource of this input`);
  return key;
}

/** True for any string Terraform would interpolate: its value is not known before plan. */
export function isInterpolated(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** Meta-arguments that change which resources exist (count = 0 removes a rule): never evaluated. */
const MULTIPLYING = ['count', 'for_each', 'dynamic'];
/** Meta-arguments and CDKTF metadata that do not change what a rule matches. */
const INERT = ['//', 'depends_on', 'lifecycle', 'provider', 'timeouts'];

/**
 * Refuses a body with a key outside `known`: an attribute the reader does not read might change
 * what the rule matches, and guessing that it does not would be a guess.
 */
export function checkKeys(address: string, body: TfBody, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (MULTIPLYING.includes(key)) throw new UnsupportedConstruct(`${address}: "${key}" (the reader takes literal resources only)`);
    if (!INERT.includes(key) && !known.includes(key)) throw new UnsupportedConstruct(`${address}: attribute "${key}" is not understood`);
  }
}

/** Refuses count/for_each on a resource whose other attributes are not checked key by key. */
export function checkNotMultiplied(address: string, body: TfBody): void {
  checkKeys(address, body, Object.keys(body).filter((key) => !MULTIPLYING.includes(key)));
}

/** A present, non-null attribute. Empty lists count as absent (Terraform treats them alike here). */
export function present(body: TfBody, key: string): boolean {
  const value = body[key];
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

export function stringAt(address: string, body: TfBody, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw new UnsupportedConstruct(`${address}: ${key} must be a string (got ${JSON.stringify(value)})`);
  if (isInterpolated(value)) throw new UnsupportedConstruct(`${address}: ${key} is computed (${value})`);
  return value;
}

export function stringListAt(address: string, body: TfBody, key: string): string[] {
  const value = body[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new UnsupportedConstruct(`${address}: ${key} must be a list of strings (got ${JSON.stringify(value)})`);
  }
  const computed = value.find(isInterpolated);
  if (computed !== undefined) throw new UnsupportedConstruct(`${address}: ${key} holds a computed value (${computed})`);
  return value;
}

export function integerAt(address: string, body: TfBody, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new UnsupportedConstruct(`${address}: ${key} must be an integer (got ${JSON.stringify(value)})`);
  return value;
}

/** A CIDR or bare address of the family the field takes; anything else is refused, never read as "matches nothing". */
export function cidrAt(address: string, field: string, text: string, family?: 4 | 6): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new UnsupportedConstruct(`${address}: ${field} "${text}" ${parsed.reason}`);
  if (family && parsed.cidr.family !== family) throw new InvalidTerraform(`${address}: ${field} "${text}" is not IPv${family}`);
  return parsed.cidr;
}

/** IPv6 text (it holds a colon). */
export function isIpv6Text(text: string): boolean {
  return text.includes(':');
}

/** "80" or "7800-7802" -> inclusive range, 0-65535, from <= to. */
export function portRangeText(address: string, field: string, text: string): Range {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  const from = match ? Number(match[1]) : NaN;
  const to = match?.[2] === undefined ? from : Number(match[2]);
  if (!match || from > 65535 || to > 65535 || from > to) throw new InvalidTerraform(`${address}: ${field} "${text}" is not a port or port range (0-65535)`);
  return { from, to };
}

/** Exactly one of `keys` is present: its name. */
export function exactlyOne(address: string, body: TfBody, keys: readonly string[]): string {
  const set = keys.filter((key) => present(body, key));
  if (set.length !== 1) throw new InvalidTerraform(`${address}: needs exactly one of ${keys.join(', ')} (has ${set.join(', ') || 'none'})`);
  return set[0];
}

/** The resources of one type, in the input's order (readers sort by address where order shows). */
export function ofType(resources: readonly TfResource[], type: string): TfResource[] {
  return resources.filter((resource) => resource.type === type);
}
