/**
 * What every cloud's firewall model shares. A model is what a reader (src/sources/: cdk.tf.json,
 * `terraform show -json`, the clouds' CLI exports) makes of its input and what the analysis
 * (src/analysis/) evaluates: plain data, already validated, with nothing format-specific left.
 */
import type { Cidr } from '../net/cidr';
import type { ProtectedGroup } from '../spec/rule';

/** An inclusive range: ports 0-65535, or ICMP types/codes 0-255. */
export interface Range {
  readonly from: number;
  readonly to: number;
}

/**
 * Where a rule or group came from, for counterexamples a person can act on: the Terraform
 * address ("aws_vpc_security_group_ingress_rule.edge_https", "module.fw.google_compute_firewall.x[0]")
 * or the cloud's own id ("sg-0abc IpPermissions[2]", "sgr-0123", an Azure rule id), and the
 * resource's name in the cloud when it has one.
 */
export interface Origin {
  readonly address: string;
  readonly name?: string;
}

/** An IP protocol: 'all', or its IANA number (tcp 6, udp 17, icmp 1, icmpv6 58, esp 50...). */
export type IpProtocol = 'all' | number;

export const IANA = { icmp: 1, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, icmpv6: 58, sctp: 132 } as const;

/**
 * Who is in a native group: a security group, an application security group, a network tag or a
 * service account, as the CIDRs of its members. Keys are the model's group keys (see each cloud's
 * model): a Terraform address for groups the input declares, else the literal id, tag or email.
 */
export type Membership = ReadonlyMap<string, readonly Cidr[]>;

/**
 * What protects one host group's instances, in the model's keys:
 * - AWS: the security groups attached to them (a union: any group's rule lets a packet in);
 * - Azure: the NSGs that apply to their NICs (NIC and subnet NSGs: each must allow);
 * - GCP: the network tags they carry (every tag's rules apply), and their service account.
 */
export interface GroupBinding {
  readonly attached: readonly string[];
  readonly serviceAccount?: string;
  /** GCP: the VPC network the instances sit in (rules of other networks do not apply to them). */
  readonly network?: string;
}

/** A model, with what the input cannot tell: which groups protect whom, and who is in each native group. */
export interface Deployment<M> {
  readonly model: M;
  readonly bindings: Readonly<Record<ProtectedGroup, GroupBinding>>;
  readonly membership: Membership;
}

export type { Cidr };
