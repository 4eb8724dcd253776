/**
 * Reading synthesized Terraform JSON (cdk.tf.json): resources by type, `${type.name.attr}`
 * references, and the few checks every evaluator shares. Plain data; no CDKTF.
 */
import { Cidr, parseCidr } from '../net/cidr';
import { InvalidTerraform, UnsupportedConstruct } from './probe';

export type TfBody = Readonly<Record<string, unknown>>;

/** A parsed cdk.tf.json (only `resource` is read). */
export interface TfJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TfBody>>>>;
  readonly [key: string]: unknown;
}

/** Every resource of one type as [address, body], sorted by address so verdicts are deterministic. */
export function resourcesOf(tf: TfJson, type: string): [string, TfBody][] {
  const byName = tf.resource?.[type] ?? {};
  return Object.keys(byName)
    .sort()
    .map((name) => [`${type}.${name}`, byName[name]]);
}

/** "aws_security_group.edge" -> its type, name and body; throws when it is not in the JSON. */
export function resourceAt(tf: TfJson, address: string): { type: string; name: string; body: TfBody } {
  const match = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(address);
  if (!match) throw new Error(`"${address}" is not a resource address (type.name)`);
  const [, type, name] = match;
  const body = tf.resource?.[type]?.[name];
  if (!body) throw new Error(`${address} is not in this Terraform JSON`);
  return { type, name, body };
}

export interface TfRef {
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

/** `"${aws_security_group.edge.id}"` -> { type, name, attribute }; anything else (literals, data., var., expressions) -> undefined. */
export function parseRef(value: unknown): TfRef | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z_][a-z0-9_]*)\}$/.exec(value);
  if (!match || match[1] === 'data' || match[1] === 'var' || match[1] === 'local' || match[1] === 'module') return undefined;
  return { type: match[1], name: match[2], attribute: match[3] };
}

/**
 * Who is in a native host group (groups mode): security groups, application security groups,
 * network tags or service accounts, each as the CIDRs of its hosts. Keys: a resource address
 * ("aws_security_group.edge", "azurerm_application_security_group.server") for references, or
 * the literal value (an "sg-..." id, a tag, a service account email).
 */
export type Membership = ReadonlyMap<string, readonly Cidr[]>;

/** The membership key of a reference or literal: `${aws_security_group.edge.id}` -> "aws_security_group.edge". */
export function memberKey(value: unknown): string | undefined {
  const ref = parseRef(value);
  if (ref) return ref.attribute === 'id' ? `${ref.type}.${ref.name}` : undefined;
  return typeof value === 'string' && !isInterpolated(value) ? value : undefined;
}

/** The CIDRs of a native group, or UnsupportedConstruct when nobody said who is in it. */
export function membersOf(address: string, field: string, value: unknown, membership: Membership | undefined): readonly Cidr[] {
  const key = memberKey(value);
  const members = key === undefined ? undefined : membership?.get(key);
  if (!members) throw new UnsupportedConstruct(`${address}: ${field} ${JSON.stringify(value)}: its members are not known (verify needs the host groups behind it)`);
  return members;
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
 * Refuses a body with a key outside `known`: an attribute the evaluator does not read might change
 * what the rule matches, and guessing that it does not would be a guess.
 */
export function checkKeys(address: string, body: TfBody, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (MULTIPLYING.includes(key)) throw new UnsupportedConstruct(`${address}: "${key}" (the evaluator reads literal resources only)`);
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

/** IPv6 text (it holds a colon) can never contain an IPv4 probe's source. */
export function isIpv6Text(text: string): boolean {
  return text.includes(':');
}

/** "80" or "7800-7802" -> inclusive range, 0-65535, from <= to. */
export function portRangeText(address: string, field: string, text: string): { from: number; to: number } {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  const from = match ? Number(match[1]) : NaN;
  const to = match?.[2] === undefined ? from : Number(match[2]);
  if (!match || from > 65535 || to > 65535 || from > to) throw new InvalidTerraform(`${address}: ${field} "${text}" is not a port or port range (0-65535)`);
  return { from, to };
}
