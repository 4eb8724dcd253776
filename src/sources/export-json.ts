/**
 * Reading the clouds' CLI exports field by field. Every value is taken through a Field that knows
 * its path ("SecurityGroups[2].IpPermissions[0].FromPort"), so a malformed export is refused with
 * the file, the path and the value (a ConfigError: exit 2), never half read.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/load';
import type { Cidr } from '../net/cidr';
import { addressText, parseAddress, parseCidr } from '../net/cidr';
import type { Range } from '../model/common';

/** One export file, already read: its name as the user gave it, and its parsed JSON. */
export interface ExportFile {
  readonly file: string;
  readonly json: unknown;
}

/** Reads and parses an export; unparsable JSON is an error naming the file. */
export function readExportFile(file: string): ExportFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ path: '', message: `cannot read the export (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }], file);
  }
  try {
    return { file, json: JSON.parse(text) };
  } catch (err) {
    throw new ConfigError([{ path: '', message: `is not JSON (${(err as Error).message})` }], file);
  }
}

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value);

export class Field {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  static root(source: ExportFile): Field {
    return new Field(source.file, '', source.json);
  }

  fail(message: string, value: unknown = this.value): never {
    const shown = value !== null && typeof value === 'object' ? undefined : value;
    throw new ConfigError([{ path: this.path, message: shown === undefined && value !== undefined ? `${message} (got ${kind(value)})` : message, value: shown }], this.file);
  }

  /** The member `key`, present or not. */
  get(key: string): Field {
    const record = this.object();
    return new Field(this.file, this.path ? `${this.path}.${key}` : key, Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);
  }

  /** Absent and null read alike: the CLIs print null for unset fields in some versions. */
  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  has(key: string): boolean {
    return this.isObject() && this.get(key).present;
  }

  isObject(): boolean {
    return this.value !== null && typeof this.value === 'object' && !Array.isArray(this.value);
  }

  object(): Record<string, unknown> {
    if (!this.isObject()) this.fail('expected an object');
    return this.value as Record<string, unknown>;
  }

  items(): Field[] {
    if (!Array.isArray(this.value)) this.fail('expected an array');
    return (this.value as unknown[]).map((item, i) => new Field(this.file, `${this.path}[${i}]`, item));
  }

  /** An array, or nothing when absent. */
  optionalItems(): Field[] {
    return this.present ? this.items() : [];
  }

  string(): string {
    if (typeof this.value !== 'string') this.fail('expected a string');
    return this.value as string;
  }

  optionalString(): string | undefined {
    return this.present ? this.string() : undefined;
  }

  int(): number {
    if (typeof this.value !== 'number' || !Number.isInteger(this.value)) this.fail('expected a number');
    return this.value as number;
  }

  bool(): boolean {
    if (typeof this.value !== 'boolean') this.fail('expected true or false');
    return this.value as boolean;
  }

  /** One of the given values; `fold` compares case-insensitively and returns the canonical spelling. */
  oneOf<T extends string>(values: readonly T[], fold = false): T {
    const text = this.string();
    const hit = values.find((v) => (fold ? v.toLowerCase() === text.toLowerCase() : v === text));
    if (hit === undefined) this.fail(`expected one of ${values.join(', ')}`);
    return hit;
  }

  /**
   * A CIDR or a single address (taken as /32 or /128). Host bits are cleared rather than refused:
   * the export is what the cloud stored, and prefix matching ignores them.
   */
  cidr(): Cidr {
    const text = this.string().trim();
    const parsed = parseCidr(text);
    if (parsed.ok) return parsed.cidr;
    const [address, prefix] = text.split('/');
    const base = parseAddress(address);
    const bits = base?.family === 6 ? 128 : 32;
    if (base && prefix !== undefined && /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits) {
      const size = 1n << BigInt(bits - Number(prefix));
      const masked = parseCidr(`${addressText({ family: base.family, value: base.value - (base.value % size) })}/${prefix}`);
      if (masked.ok) return masked.cidr;
    }
    return this.fail(`expected an IP address or CIDR: "${text}" ${parsed.reason}`);
  }

  /** "80", "7800-7802": a port range, 0-65535. */
  portRange(): Range {
    const text = this.string();
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
    const from = match ? Number(match[1]) : NaN;
    const to = match ? Number(match[2] ?? match[1]) : NaN;
    if (!(from >= 0 && to <= 65535 && from <= to)) this.fail('expected a port or a port range "from-to" within 0-65535');
    return { from, to };
  }
}

/** Which export formats a file's top level looks like, for a clear error when none fits. */
export function describeTopLevel(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return `an object with ${Object.keys(value).slice(0, 5).join(', ') || 'no keys'}`;
  return kind(value);
}
