/**
 * Type-level test of the construct's outputs, checked by `tsc -p tsconfig.json --noEmit` (the
 * first step of `npm test`; jest does not run this file): each `@ts-expect-error` line must be a
 * compile error, or tsc fails with "Unused '@ts-expect-error' directive".
 */
import { TerraformStack } from 'cdktf';
import { SecureTransportFirewall } from '../index';
import type { ConfigInput } from '../src/config/schema';

export function typedOutputs(stack: TerraformStack, config: ConfigInput): void {
  const aws = new SecureTransportFirewall(stack, 'aws', { cloud: 'aws', config });
  const sg: string = aws.outputs.edge_security_group_id;
  const ids: string[] = [aws.outputs.server_security_group_id, sg];
  // @ts-expect-error: groups-mode outputs may be absent
  const admin: string = aws.outputs.admin_host_security_group_id;
  // @ts-expect-error: a GCP output on an AWS firewall
  void aws.outputs.edge_network_tags;
  // @ts-expect-error: a misspelt name
  void aws.outputs.edge_securitygroup_id;

  const azure = new SecureTransportFirewall(stack, 'azure', { cloud: 'azure', config });
  const nsg: string = azure.outputs.edge_network_security_group_id;
  // @ts-expect-error: an AWS output on an Azure firewall
  void azure.outputs.edge_security_group_id;

  const gcp = new SecureTransportFirewall(stack, 'gcp', { cloud: 'gcp', config });
  const tags: string[] = gcp.outputs.edge_network_tags;
  // @ts-expect-error: tags are a list, not a string
  const tag: string = gcp.outputs.server_network_tags;
  // @ts-expect-error: an Azure output on a GCP firewall
  void gcp.outputs.server_network_security_group_id;

  // The cloud inferred from props; not a cloud: a compile error.
  // @ts-expect-error: "oci" is not a cloud
  new SecureTransportFirewall(stack, 'oci', { cloud: 'oci', config });

  // A cloud known only as the union: only what every cloud has... which is nothing, by name.
  const any = new SecureTransportFirewall(stack, 'any', { cloud: ids.length > 1 ? 'aws' : 'gcp', config } as { cloud: 'aws' | 'gcp'; config: ConfigInput });
  // @ts-expect-error: not an output of every cloud the union allows
  void any.outputs.edge_security_group_id;
  void [admin, nsg, tags, tag];
}
