/**
 * What the analysis answers for one cloud: the divergences between the deployment's effective
 * access and the spec, each a concrete flow compressed into ranges, and the security findings.
 * Renderers (text, JSON, HTML) and the verbs (verify, verify --plan, audit) read only this.
 */
import type { Cloud } from '../clouds';
import type { ProtectedGroup } from '../spec/rule';

/** A set of packets: sources x protocol x ports, arriving at some (or all) hosts of a group. */
export interface Flow {
  /** Canonical CIDRs, or "first-last" address ranges where no CIDR list is shorter. */
  readonly sources: readonly string[];
  /** "tcp", "udp", "icmp", "icmpv6", or "proto N" / "esp"... for other IP protocols. */
  readonly protocol: string;
  /** tcp/udp: "80", "40100-40110", "*"; ICMP: the type range when not all; absent otherwise. */
  readonly ports?: string;
  /** The group's hosts it arrives at; absent: every host of the group. */
  readonly destinations?: readonly string[];
}

export interface Decision {
  readonly allowed: boolean;
  /** The deciding rule: a plan rule id for the spec; a resource address or cloud id, or a named default, for the cloud. */
  readonly rule: string;
  /** The deciding resource's name in the cloud, when it has one. */
  readonly name?: string;
}

export interface Divergence {
  readonly cloud: Cloud;
  readonly group: ProtectedGroup;
  readonly flow: Flow;
  readonly expected: Decision;
  readonly actual: Decision;
}

export type FindingKind = 'admin-port-from-any' | 'shadowed-rule' | 'duplicate-rule' | 'icmp-vendor-flows';

export interface Finding {
  readonly kind: FindingKind;
  readonly message: string;
  readonly cloud?: Cloud;
  readonly group?: ProtectedGroup;
}

export interface CloudResult {
  readonly cloud: Cloud;
  /** How many cells of the partitioned header space were compared (the proof's size). */
  readonly cells: number;
  readonly divergences: readonly Divergence[];
  /** Divergences that are not an ingress flow (AWS egress). */
  readonly problems: readonly string[];
  readonly findings: readonly Finding[];
  /** Set when the input holds something the analysis will not guess about: then there is no verdict. */
  readonly unsupported?: string;
}
