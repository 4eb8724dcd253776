/**
 * AWS security groups as the analysis sees them: allow-only, stateful, the group's permissions a
 * union. Readers normalise every spelling (inline `ingress` blocks with `cidr_blocks` lists,
 * `aws_security_group_rule`, `aws_vpc_security_group_*_rule`, `IpPermissions` with `IpRanges`,
 * `SecurityGroupRules[]`) into one permission per source.
 */
import type { Cidr, IpProtocol, Origin, Range } from './common';

export type AwsSource =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  /** A referenced security group (UserIdGroupPair): admits its members, whatever their number. */
  | { readonly kind: 'security-group'; readonly group: string }
  /** A managed prefix list: its entries are not in the input, so the analysis refuses it. */
  | { readonly kind: 'prefix-list'; readonly id: string };

export interface AwsPermission {
  readonly origin: Origin;
  /** 'all' for -1; tcp 6, udp 17, icmp 1, icmpv6 58, any other number as given. */
  readonly protocol: IpProtocol;
  /**
   * tcp/udp: the destination port range (null: every port).
   * icmp/icmpv6: the ICMP type range (null: every type; AWS's -1), with `icmpCode` (null: every code).
   * Other protocols: null (AWS ignores ports for them).
   */
  readonly ports: Range | null;
  readonly icmpCode?: number | null;
  readonly source: AwsSource;
  readonly description?: string;
}

export interface AwsSecurityGroup {
  /** The group's key: its Terraform address ("aws_security_group.edge"), or its id ("sg-0abc") in exports. */
  readonly key: string;
  readonly origin: Origin;
  /** Its id when the input knows it ("sg-0abc"): rules may reference the group by id. */
  readonly id?: string;
  readonly ingress: readonly AwsPermission[];
  readonly egress: readonly AwsPermission[];
}

export interface AwsModel {
  readonly cloud: 'aws';
  readonly groups: readonly AwsSecurityGroup[];
}
