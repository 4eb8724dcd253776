/**
 * Bad module inputs and the message each must fail `terraform plan` with: the one table of what
 * the modules' `validation` blocks (and preconditions) claim to reject. test/terraform.test.ts
 * plans every row with real Terraform (AWS with its provider; Azure and GCP on a terraform_data
 * copy) and fails when a validation block of modules/* has no row here. A new validation: add
 * a row with a value it rejects and the start of its error_message.
 */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface BadInput {
  /** modules/<dir> the row applies to; absent: every module that has the variable. */
  readonly modules?: readonly string[];
  readonly variable: string;
  /** The value (merged over the example inputs); other inputs may be overridden with `also`. */
  readonly value: Json;
  readonly also?: Readonly<Record<string, Json>>;
  /** The start of the error_message Terraform must print for this call. */
  readonly message: string;
}

const ipList = (variable: string): BadInput[] => [
  { variable, value: [], message: `${variable}: list at least one IPv4 address or CIDR.` },
  { variable, value: ['10.0.1.300'], message: `${variable}: every entry must be an IPv4 address or CIDR` },
  { variable, value: ['fd00:1::10'], message: `${variable}: every entry must be an IPv4 address or CIDR` },
  { variable, value: ['10.0.7.5/24'], message: `${variable}: a CIDR has host bits set` },
  { variable, value: ['10.0.7.10', '10.0.7.10'], message: `${variable}: an address is listed twice.` },
];

export const BAD_INPUTS: readonly BadInput[] = [
  { variable: 'name', value: 'ST-Prod', message: 'name: lowercase letters, digits and hyphens' },
  { variable: 'name', value: 'a'.repeat(34), message: 'name: lowercase letters, digits and hyphens' },
  { variable: 'name', value: 'st-prod-', message: 'name: lowercase letters, digits and hyphens' },
  ...ipList('edge_private_ips'),
  ...ipList('server_private_ips'),
  ...ipList('admin_host_private_ips'),
  { variable: 'ftp_passive_ports', value: { from: 30100, to: 30000 }, message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to.' },
  { variable: 'ftp_passive_ports', value: { from: 0, to: 10 }, message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to.' },
  { variable: 'ftp_passive_ports', value: { from: 60000, to: 65536 }, message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to.' },
  { variable: 'ftp_passive_ports', value: { from: 30000.5, to: 30100 }, message: 'ftp_passive_ports: whole port numbers within 1-65535, from <= to.' },
  { variable: 'ftp_passive_ports', value: { from: 440, to: 450 }, message: 'ftp_passive_ports: the range overlaps a TCP port the Edge already lists' },
  { variable: 'ftp_passive_ports', value: { from: 7802, to: 7802 }, message: 'ftp_passive_ports: the range overlaps a TCP port the Edge already lists' },
  { variable: 'icmp_mode', value: 'both', message: 'icmp_mode: "native" or "vendor".' },
];
