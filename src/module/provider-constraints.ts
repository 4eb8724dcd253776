/**
 * The provider version constraints of the published modules, and why they are what they are:
 * each admits every provider release in which all the resources and arguments the modules use
 * exist and behave as the modules need, and stops before the next unreleased major (a major may
 * remove or change arguments). `why` holds the lines versions.tf states as comments. The stacks do
 * not use these: they pin the exact versions the prebuilt CDKTF bindings were generated for.
 *
 * Sources (each provider's repository): upgrade guides (website/docs/guides/) and changelogs
 * (CHANGELOG*.md, .changelog/), read at hashicorp/terraform-provider-google and -azurerm as of
 * August 2026, hashicorp/terraform-provider-aws through its guides, .changelog/29484.txt and PRs.
 */
import { Cloud } from '../clouds';

export interface ProviderConstraint {
  /** The local name in required_providers. */
  readonly name: string;
  readonly source: string;
  readonly constraint: string;
  /** One line each, as versions.tf comments say them: the lower bound's reasons first. */
  readonly why: readonly string[];
}

export const PROVIDER_CONSTRAINTS: Readonly<Record<Cloud, ProviderConstraint>> = {
  aws: {
    name: 'aws',
    source: 'hashicorp/aws',
    constraint: '>= 5.0, < 7.0',
    why: [
      'aws_vpc_security_group_ingress_rule and _egress_rule first shipped in 4.56.0 (hashicorp/terraform-provider-aws#29484).',
      '5.0.0 lets a key be in both the provider\'s default_tags and a resource\'s tags (the resource wins); 4.x did not, and the modules take tags.',
      'aws_security_group and both rule resources keep every argument used here through 5.x and 6.x (the 5 and 6 upgrade guides change none of them).',
      '7.0 is not released: a major may remove arguments.',
    ],
  },
  azure: {
    name: 'azurerm',
    source: 'hashicorp/azurerm',
    constraint: '>= 3.28, < 6.0',
    why: [
      '3.0.0 made protocol case-sensitive ("Tcp", "Udp", "Icmp", "*" as written here); 3.28.0 stores the casing Azure returns normalised (hashicorp/terraform-provider-azurerm#18799), before it rules could show a perpetual diff.',
      'azurerm_network_security_group, azurerm_network_security_rule and azurerm_application_security_group keep every argument used here through 4.x and 5.x (the 4.0 and 5.0 upgrade guides change none of them).',
      'Since 4.38.0 a rule needs exactly one source and one destination field (#29675): every rule here sets exactly one of each.',
      '6.0 is not released: a major may remove arguments.',
    ],
  },
  gcp: {
    name: 'google',
    source: 'hashicorp/google',
    constraint: '>= 4.9, < 9.0',
    why: [
      '4.0.0 requires a source on INGRESS rules (every rule here has source_ranges or source_tags) and tracks source_ranges changes; 4.9.0 fixed validation that found a not-yet-known source_ranges empty (hashicorp/terraform-provider-google#10976), which `terraform validate` on a module hits.',
      'google_compute_firewall keeps every argument used here through 5.x, 6.x and 7.x, and the 8.0 upgrade guide changes none of them (the 5, 6, 7 and 8 guides list no google_compute_firewall change).',
      '9.0 is not released: a major may remove arguments.',
    ],
  },
};
