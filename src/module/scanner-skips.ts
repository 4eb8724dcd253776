/**
 * What checkov and trivy report on the stacks and modules, read from the scanners' own check
 * sources (docs/security-scanners.md cites each), and which of those findings are the vendor's
 * required rules and may be suppressed: nothing else is. One source for three outputs: the inline
 * comments the module writer puts on the HCL resources (`skipsFor`), the skip files for the JSON
 * stacks (stacks/write-scanner-skips.ts) and the document.
 *
 * Findings are keyed by rule id: the catalog's (src/catalog/securetransport.ts) and the ids the
 * emitters give their own resources (`edge-egress-all`, `server-deny-all`...). A resource gets a
 * finding's skip when its rule id is listed, its address family is covered, and, for findings that
 * only a host-group source provokes, when its source is a group (security group, tag, service account).
 */
import { Cloud } from '../clouds';

export type Scanner = 'checkov' | 'trivy';

/** The public Edge services the vendor opens to "Any" (the load balancer's side). */
const EDGE_ANY = [
  'edge-http', 'edge-https', 'edge-ssh', 'edge-ftp-control', 'edge-ftp-active-data', 'edge-ftp-passive-data', 'edge-as2', 'edge-as2-ssl',
  'edge-pesit', 'edge-pesit-ssl-transfer-cft', 'edge-pesit-ssl-cft', 'edge-pesit-ptcp', 'edge-pesit-ptcp-ssl',
] as const;

/** Every allow rule whose source is a host group (the rest of the catalog), for findings a group source provokes. */
const GROUP_SOURCED = [
  'edge-streaming-http', 'edge-streaming-ssh', 'edge-streaming-ftp', 'edge-streaming-as2', 'edge-streaming-admin', 'edge-streaming-pesit',
  'edge-db-admin', 'edge-db-cluster', 'edge-ssh-admin', 'edge-admin-tool', 'edge-cluster-sync', 'edge-tomcat-shutdown', 'edge-as2-shutdown', 'edge-hibernate-cache',
  'server-snmp', 'server-cache-https', 'server-cache-udp', 'server-admin-tool', 'server-cluster-listener', 'server-jmx', 'server-ssh', 'server-tomcat-shutdown',
  'server-tomcat-jk', 'server-admin-tool-internal', 'server-coherence', 'server-hibernate-cache', 'server-cluster-tcp', 'server-cluster-udp', 'server-icmp',
  'server-allow-all-from-servers',
] as const;

export interface ScannerFinding {
  readonly cloud: Cloud;
  readonly scanner: Scanner;
  /** As the scanner's suppressions take it: checkov's check id, trivy's AVD id. */
  readonly id: string;
  readonly title: string;
  /** Where the check is defined: repository and path. */
  readonly source: string;
  readonly rules: readonly string[];
  /** Address families whose resources are flagged (the IPv6 halves of rules are separate resources). */
  readonly families: readonly (4 | 6)[];
  /** 'any': whatever the source; 'group': only where the source is a host group (groups mode). */
  readonly sources: 'any' | 'group';
  /** 'modules': raised only on the HCL modules, where the scanner cannot evaluate var.ftp_passive_ports. */
  readonly where: 'both' | 'modules';
  /** Why the flagged rule is required and what the scanner misses: the suppression's reason. */
  readonly reason: string;
}

const CHECKOV = 'bridgecrewio/checkov';
const TRIVY = 'aquasecurity/trivy-checks';
const VENDOR_EDGE = 'the vendor\'s Edge table opens it to Any, the Edge serving clients through the load balancer';
const MODULE_RANGE = 'var.ftp_passive_ports is validated to stay clear of every port the Edge lists (20-22, 80, 443...), which checkov cannot evaluate';

export const SCANNER_FINDINGS: readonly ScannerFinding[] = [
  // AWS
  {
    cloud: 'aws', scanner: 'checkov', id: 'CKV_AWS_260', title: 'Ensure no security groups allow ingress from 0.0.0.0:0 to port 80',
    source: `${CHECKOV}: checkov/terraform/checks/resource/aws/SecurityGroupUnrestrictedIngress80.py (AbsSecurityGroupUnrestrictedIngress.py)`,
    rules: ['edge-http'], families: [4, 6], sources: 'any', where: 'both',
    reason: `HTTP (TCP 80); ${VENDOR_EDGE}`,
  },
  {
    cloud: 'aws', scanner: 'checkov', id: 'CKV_AWS_260', title: 'Ensure no security groups allow ingress from 0.0.0.0:0 to port 80',
    source: `${CHECKOV}: checkov/terraform/checks/resource/aws/AbsSecurityGroupUnrestrictedIngress.py (contains_violation)`,
    rules: ['server-snmp'], families: [4], sources: 'group', where: 'both',
    reason: 'SNMP (TCP 80) from the Server security group only: checkov treats a rule without cidr_ipv4/cidr_ipv6 as open to all (it ignores referenced_security_group_id)',
  },
  {
    cloud: 'aws', scanner: 'checkov', id: 'CKV_AWS_24', title: 'Ensure no security groups allow ingress from 0.0.0.0:0 to port 22',
    source: `${CHECKOV}: checkov/terraform/checks/resource/aws/SecurityGroupUnrestrictedIngress22.py (AbsSecurityGroupUnrestrictedIngress.py)`,
    rules: ['edge-ssh-admin', 'server-ssh'], families: [4], sources: 'group', where: 'both',
    reason: 'SSH (TCP 22) from the Administration host\'s or the Servers\' security group only: checkov treats a rule without cidr_ipv4/cidr_ipv6 as open to all',
  },
  {
    cloud: 'aws', scanner: 'checkov', id: 'CKV_AWS_277', title: 'Ensure no security groups allow ingress from 0.0.0.0:0 to port -1',
    source: `${CHECKOV}: checkov/terraform/checks/resource/aws/SecurityGroupUnrestrictedIngressAny.py (AbsSecurityGroupUnrestrictedIngress.py)`,
    rules: ['server-icmp'], families: [4], sources: 'group', where: 'both',
    reason: 'ICMP (type and code -1) from the Server security group only: checkov treats a rule without cidr_ipv4/cidr_ipv6 as open to all',
  },
  {
    cloud: 'aws', scanner: 'trivy', id: 'AVD-AWS-0104', title: 'A security group rule should not allow unrestricted egress to any IP address',
    source: `${TRIVY}: checks/cloud/aws/ec2/no_public_egress_sgr.rego`,
    rules: ['edge-egress-all', 'server-egress-all', 'admin-host-egress-all'], families: [4, 6], sources: 'any', where: 'both',
    reason: 'the allow-all egress AWS gives every new security group, which Terraform removes: SecureTransport hosts open outbound connections (streaming, DNS, updates)',
  },
  // Azure
  {
    cloud: 'azure', scanner: 'checkov', id: 'CKV_AZURE_160', title: 'Ensure that HTTP (port 80) access is restricted from the internet',
    source: `${CHECKOV}: checkov/terraform/checks/resource/azure/NSGRuleHTTPAccessRestricted.py (NSGRulePortAccessRestricted.py)`,
    rules: ['edge-http'], families: [4, 6], sources: 'any', where: 'both',
    reason: `HTTP (TCP 80); ${VENDOR_EDGE}`,
  },
  {
    cloud: 'azure', scanner: 'trivy', id: 'AVD-AZU-0047', title: 'A security group rule should not allow unrestricted ingress from any IP address',
    source: `${TRIVY}: checks/cloud/azure/network/no_public_ingress.rego`,
    rules: EDGE_ANY, families: [4, 6], sources: 'any', where: 'both',
    reason: `a public Edge service; ${VENDOR_EDGE}`,
  },
  {
    cloud: 'azure', scanner: 'trivy', id: 'AVD-AZU-0074', title: 'Sensitive Port Is Exposed To Entire Network (20, 21 among its ports)',
    source: `${TRIVY}: checks/cloud/azure/network/sensitive_port_exposed_to_network.rego`,
    rules: ['edge-ftp-control', 'edge-ftp-active-data'], families: [4, 6], sources: 'any', where: 'both',
    reason: `FTP control (TCP 21) or active-mode data (TCP 20); ${VENDOR_EDGE}`,
  },
  // GCP
  {
    cloud: 'gcp', scanner: 'checkov', id: 'CKV_GCP_106', title: 'Ensure Google compute firewall ingress does not allow unrestricted http port 80 access',
    source: `${CHECKOV}: checkov/terraform/checks/resource/gcp/GoogleComputeFirewallUnrestrictedIngress80.py`,
    rules: ['edge-http'], families: [4], sources: 'any', where: 'both',
    reason: `HTTP (TCP 80); ${VENDOR_EDGE}`,
  },
  {
    cloud: 'gcp', scanner: 'checkov', id: 'CKV_GCP_75', title: 'Ensure Google compute firewall ingress does not allow unrestricted FTP access (port 21)',
    source: `${CHECKOV}: checkov/terraform/checks/resource/gcp/GoogleComputeFirewallUnrestrictedIngress21.py`,
    rules: ['edge-ftp-control'], families: [4], sources: 'any', where: 'both',
    reason: `FTP control channel (TCP 21); ${VENDOR_EDGE}`,
  },
  {
    cloud: 'gcp', scanner: 'checkov', id: 'CKV_GCP_77', title: 'Ensure Google compute firewall ingress does not allow on ftp port (20)',
    source: `${CHECKOV}: checkov/terraform/checks/resource/gcp/GoogleComputeFirewallUnrestrictedIngress20.py`,
    rules: ['edge-ftp-active-data'], families: [4], sources: 'any', where: 'both',
    reason: `FTP active-mode data channel (TCP 20); ${VENDOR_EDGE}`,
  },
  ...(['CKV_GCP_2', 'CKV_GCP_75', 'CKV_GCP_77', 'CKV_GCP_106'] as const).map((id): ScannerFinding => ({
    cloud: 'gcp', scanner: 'checkov', id, title: 'Google compute firewall port checks (22, 21, 20, 80) on an unresolved range',
    source: `${CHECKOV}: checkov/terraform/checks/resource/gcp/AbsGoogleComputeFirewallUnrestrictedIngress.py (_is_port_in_range returns UNKNOWN, which counts as a match)`,
    rules: ['edge-ftp-passive-data'], families: [4], sources: 'any', where: 'modules',
    reason: `FTP passive-mode data channel, the vendor's user-defined range opened to Any; ${MODULE_RANGE}`,
  })),
  {
    cloud: 'gcp', scanner: 'trivy', id: 'AVD-GCP-0073', title: 'Disable Default Firewall Rules (any allow from 0.0.0.0/0 or ::/0)',
    source: `${TRIVY}: checks/cloud/google/compute/disable_default_firewall_rule.rego`,
    rules: EDGE_ANY, families: [4, 6], sources: 'any', where: 'both',
    reason: `a public Edge service, not a default-network rule; ${VENDOR_EDGE}`,
  },
  {
    cloud: 'gcp', scanner: 'trivy', id: 'AVD-GCP-0073', title: 'Disable Default Firewall Rules (a rule without source_ranges is read as 0.0.0.0/0)',
    source: 'aquasecurity/trivy: pkg/iac/adapters/terraform/google/compute/networks.go (no source_ranges -> 0.0.0.0/0); aquasecurity/trivy-checks: checks/cloud/google/compute/disable_default_firewall_rule.rego',
    rules: GROUP_SOURCED, families: [4, 6], sources: 'group', where: 'both',
    reason: 'the source is a host group\'s network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all',
  },
  {
    cloud: 'gcp', scanner: 'trivy', id: 'AVD-GCP-0072', title: 'Google Compute Network Using Firewall Rule that Allows All Ports',
    source: `${TRIVY}: checks/cloud/google/compute/disable_allow_all_ports_firewall_rule.rego`,
    rules: ['server-icmp', 'server-allow-all-from-servers'], families: [4, 6], sources: 'any', where: 'both',
    reason: 'the vendor\'s "ICMP only" between Servers: ICMP has no ports (and the vendor\'s own form allows every protocol from the Servers after denying TCP and UDP)',
  },
  {
    cloud: 'gcp', scanner: 'trivy', id: 'AVD-GCP-0072', title: 'Google Compute Network Using Firewall Rule that Allows All Ports (unresolved range)',
    source: 'aquasecurity/trivy: pkg/iac/adapters/terraform/google/compute/networks.go (no readable ports -> 0-65535)',
    rules: ['edge-ftp-passive-data'], families: [4], sources: 'any', where: 'modules',
    reason: `FTP passive-mode data channel, the vendor's user-defined range; ${MODULE_RANGE.replace('checkov', 'trivy')}`,
  },
  {
    cloud: 'gcp', scanner: 'trivy', id: 'AVD-GCP-0074', title: 'Google Compute Network Using Firewall Rule that Allows Large Port Range (over 30 ports)',
    source: `${TRIVY}: checks/cloud/google/compute/disable_port_range_rule.rego`,
    rules: ['edge-ftp-passive-data'], families: [4, 6], sources: 'any', where: 'both',
    reason: 'FTP passive-mode data channel: the vendor requires a user-defined range of ports, opened to Any (flagged when it spans over 30 ports)',
  },
  {
    cloud: 'gcp', scanner: 'trivy', id: 'AVD-GCP-0074', title: 'Google Compute Network Using Firewall Rule that Allows Large Port Range (no ports read as 0-65535)',
    source: `${TRIVY}: checks/cloud/google/compute/disable_port_range_rule.rego; aquasecurity/trivy: pkg/iac/adapters/terraform/google/compute/networks.go`,
    rules: ['server-icmp', 'server-allow-all-from-servers'], families: [4, 6], sources: 'any', where: 'both',
    reason: 'the vendor\'s "ICMP only" between Servers: ICMP has no ports, and trivy reads a rule without ports as 0-65535',
  },
  {
    cloud: 'gcp', scanner: 'trivy', id: 'AVD-GCP-0074', title: 'Google Compute Network Using Firewall Rule that Allows Large Port Range (deny rules too)',
    source: `${TRIVY}: checks/cloud/google/compute/disable_port_range_rule.rego (does not look at allow or deny)`,
    rules: ['edge-deny-all', 'server-deny-all', 'server-deny-tcp', 'server-deny-udp'], families: [4, 6], sources: 'any', where: 'both',
    reason: 'a deny rule: it closes the ports, the check does not tell deny from allow',
  },
];

export interface ScannerSkip {
  readonly scanner: Scanner;
  readonly id: string;
  readonly reason: string;
}

export interface SkipContext {
  /** The resource's address family (4 for rules without addresses, such as deny-alls, and for group sources). */
  readonly family?: 4 | 6;
  /** The resource's source is a host group (groups mode), not addresses. */
  readonly groupSource?: boolean;
  /** An HCL module resource (true) or a synthesized stack's (false). */
  readonly module: boolean;
}

/** The suppressions one resource of one rule gets, checkov's first, each id once. */
export function skipsFor(cloud: Cloud, ruleId: string, context: SkipContext): ScannerSkip[] {
  const family = context.family ?? 4;
  const found = SCANNER_FINDINGS.filter(
    (f) =>
      f.cloud === cloud &&
      f.rules.includes(ruleId) &&
      f.families.includes(family) &&
      (f.sources === 'any' || context.groupSource === true) &&
      (f.where === 'both' || context.module),
  );
  const seen = new Set<string>();
  const skips: ScannerSkip[] = [];
  for (const scanner of ['checkov', 'trivy'] as const) {
    for (const f of found) {
      if (f.scanner !== scanner || seen.has(`${scanner}:${f.id}`)) continue;
      seen.add(`${scanner}:${f.id}`);
      skips.push({ scanner, id: f.id, reason: `${ruleId}: ${f.reason}` });
    }
  }
  return skips;
}

/** The inline comments for an HCL resource: checkov's go inside the block, trivy's right above it. */
export function inlineComments(skips: readonly ScannerSkip[]): { above: string[]; inside: string[] } {
  const trivy = skips.filter((s) => s.scanner === 'trivy');
  return {
    // trivy chains consecutive ignore lines to the block below; a reason line between them would break the chain.
    above: trivy.length === 0 ? [] : [...trivy.map((s) => `# ${s.id}: ${s.reason}`), ...trivy.map((s) => `#trivy:ignore:${s.id}`)],
    inside: skips.filter((s) => s.scanner === 'checkov').map((s) => `#checkov:skip=${s.id}:${s.reason}`),
  };
}
