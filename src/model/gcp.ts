/**
 * GCP VPC firewall rules as the analysis sees them: of the enabled rules of the network that
 * apply to an instance, the lowest priority number decides, deny before allow at equal priority;
 * below them the implied rules at 65535 (deny all ingress, allow all egress).
 */
import type { Cidr, IpProtocol, Origin, Range } from './common';

export interface GcpEntry {
  /** 'all' or the IANA number ("tcp" 6, "ipv6-icmp" 58...). */
  readonly protocol: IpProtocol;
  /** tcp/udp/sctp: null means every port. */
  readonly ports: readonly Range[] | null;
}

export interface GcpFirewall {
  readonly origin: Origin;
  readonly name: string;
  /** The network's name (a URL's last segment). */
  readonly network: string;
  readonly priority: number;
  readonly direction: 'INGRESS' | 'EGRESS';
  readonly disabled: boolean;
  readonly action: 'allow' | 'deny';
  readonly entries: readonly GcpEntry[];
  readonly sourceRanges: readonly Cidr[];
  readonly sourceTags: readonly string[];
  readonly sourceServiceAccounts: readonly string[];
  /** Empty: the rule applies to every instance of the network (when no service accounts are targeted). */
  readonly targetTags: readonly string[];
  readonly targetServiceAccounts: readonly string[];
  /** Ingress: destination filter (empty: any). */
  readonly destinationRanges: readonly Cidr[];
  /** The project, when the input tells it (an export's selfLink): import ids need it. */
  readonly project?: string;
}

export interface GcpModel {
  readonly cloud: 'gcp';
  readonly firewalls: readonly GcpFirewall[];
}
