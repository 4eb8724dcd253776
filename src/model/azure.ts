/**
 * Azure network security groups as the analysis sees them: rules in priority order, first match
 * decides, then the default rules (65000 AllowVnetInBound, 65001 AllowAzureLoadBalancerInBound,
 * 65500 DenyAllInBound) unless the input lists the defaults itself (`defaultSecurityRules`).
 */
import type { Cidr, Origin, Range } from './common';

/** Case as Azure writes it. */
export type AzureProtocol = '*' | 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah';

export type AzureAddress =
  | { readonly kind: 'any' }
  /** A service tag ("VirtualNetwork", "AzureLoadBalancer", "Internet", or another the analysis refuses). */
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'cidrs'; readonly cidrs: readonly Cidr[] }
  /** Application security groups, by model key (a Terraform address, or the ASG's resource id). */
  | { readonly kind: 'asgs'; readonly groups: readonly string[] };

export interface AzureRule {
  readonly origin: Origin;
  readonly priority: number;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  readonly protocol: AzureProtocol;
  /** null: '*'. */
  readonly sourcePorts: readonly Range[] | null;
  readonly destinationPorts: readonly Range[] | null;
  readonly source: AzureAddress;
  readonly destination: AzureAddress;
  readonly description?: string;
}

export interface AzureNsg {
  /** The NSG's key: its Terraform address, or its resource id in exports. */
  readonly key: string;
  readonly origin: Origin;
  /** The NSG's name in Azure. */
  readonly name: string;
  /** Its own rules, both directions, as the input lists them. */
  readonly rules: readonly AzureRule[];
  /** The default rules as exported (`defaultSecurityRules`); absent: Azure's documented defaults. */
  readonly defaultRules?: readonly AzureRule[];
}

export interface AzureModel {
  readonly cloud: 'azure';
  readonly nsgs: readonly AzureNsg[];
}
