/**
 * The provider-agnostic rule model. A rule says: for hosts of one protected group, traffic of
 * this protocol and port from this peer is allowed (or denied). The shapes follow AWS CDK's
 * aws-ec2 `Port` and `Peer`, as plain data so they serialise and compare easily.
 *
 * No cloud appears here: emitters in providers/ map each shape to native primitives.
 */

/** Host classes the vendor's tables name. `edge` and `server` are protected; all three are sources. */
export type HostGroup = 'edge' | 'server' | 'adminHost';
export type ProtectedGroup = 'edge' | 'server';
export const PROTECTED_GROUPS: readonly ProtectedGroup[] = ['edge', 'server'];
export const HOST_GROUPS: readonly HostGroup[] = ['edge', 'server', 'adminHost'];

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'all';

/** An inclusive port range; a single port has from === to. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Ranges the vendor leaves to the installer ("User-defined range"), filled in from the config. */
export type NamedPortRange = 'ftpPassivePorts';

/**
 * What a rule matches at layer 4.
 * - tcp/udp with `ports`: a range, a named range, or 'all' (the vendor's `*`).
 * - icmp: every ICMP type and code (ICMPv4).
 * - all: every IP protocol (the vendor's "Any" protocol).
 */
export type Port =
  | { readonly protocol: 'tcp' | 'udp'; readonly ports: PortRange | 'all' | { readonly named: NamedPortRange } }
  | { readonly protocol: 'icmp' }
  | { readonly protocol: 'all' };

export const Port = {
  tcp: (port: number): Port => ({ protocol: 'tcp', ports: { from: port, to: port } }),
  tcpRange: (from: number, to: number): Port => ({ protocol: 'tcp', ports: { from, to } }),
  tcpNamed: (named: NamedPortRange): Port => ({ protocol: 'tcp', ports: { named } }),
  allTcp: (): Port => ({ protocol: 'tcp', ports: 'all' }),
  udp: (port: number): Port => ({ protocol: 'udp', ports: { from: port, to: port } }),
  udpRange: (from: number, to: number): Port => ({ protocol: 'udp', ports: { from, to } }),
  allUdp: (): Port => ({ protocol: 'udp', ports: 'all' }),
  allIcmp: (): Port => ({ protocol: 'icmp' }),
  allTraffic: (): Port => ({ protocol: 'all' }),
};

/** Where traffic comes from: anywhere (the vendor's "Any"), a host group, or literal CIDRs. */
export type Peer =
  | { readonly kind: 'any' }
  | { readonly kind: 'group'; readonly group: HostGroup }
  | { readonly kind: 'cidrs'; readonly cidrs: readonly string[] };

export const Peer = {
  any: (): Peer => ({ kind: 'any' }),
  group: (group: HostGroup): Peer => ({ kind: 'group', group }),
  cidrs: (...cidrs: string[]): Peer => ({ kind: 'cidrs', cidrs }),
};

export type Action = 'allow' | 'deny';

/** The cells of the vendor's table row, as printed, so reviews can compare line by line. */
export interface VendorRow {
  readonly type: string;
  readonly protocol: string;
  readonly port: string;
  readonly source: string;
  readonly description: string;
}

/**
 * One inbound rule. Rules of a protected group are evaluated in list order, first match wins,
 * and anything no rule matches is denied. With allow rules only, order does not matter.
 */
export interface Rule {
  /** Stable identity: resource names and addresses derive from it. Lowercase, digits, hyphens. */
  readonly id: string;
  readonly target: ProtectedGroup;
  readonly action: Action;
  readonly port: Port;
  readonly source: Peer;
  readonly description: string;
  /** The vendor table (or note) this rule comes from; absent for rules the project adds. */
  readonly vendor?: VendorRow;
  /** The heading of the vendor's table the row sits in. */
  readonly section: string;
  /**
   * Evaluation order within the target group: lower first, first match wins, unique per group,
   * 100-4000. Fixed per rule (not derived from list positions), so adding or removing a rule
   * never renumbers another; Azure and GCP use it as their priority.
   */
  readonly priority: number;
}

/** How "ICMP only" between servers is built: natively, or by the vendor's deny/deny/allow-all. */
export type IcmpMode = 'native' | 'vendor';
