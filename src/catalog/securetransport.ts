/**
 * The SecureTransport rule catalog: every row of the vendor's "Edge Security Group" and
 * "Server Security Group" tables (test/fixtures/vendor/, copied from shared/seeds), in the
 * vendor's order and with the vendor's descriptions, plus the note above the Server table.
 *
 * Each row keeps the vendor's cells literally (`vendor`) next to our typed reading of them
 * (`port`, `source`). Where the vendor is odd we keep its value and say so in the README
 * ("Vendor oddities"); test/catalog.test.ts parses the vendor pages and checks both.
 */
import { IcmpMode, Peer, Port, ProtectedGroup, Rule } from '../spec/rule';

type Row = [id: string, vendorProtocol: string, vendorPort: string, vendorSource: string, description: string, port: Port, source: Peer];

const ANY = 'Any';
const SERVERS = 'SecureTransport Servers';
const EDGES = 'SecureTransport Edges';
const ADMIN = 'Administration Host Private IP';

function table(target: ProtectedGroup, section: string, type: string, rows: Row[], action: Rule['action'] = 'allow'): Rule[] {
  return rows.map(([id, protocol, port, source, description, p, peer]) => ({
    id,
    target,
    action,
    port: p,
    source: peer,
    description,
    section,
    vendor: { type, protocol, port, source, description },
  }));
}

export const SECTIONS = {
  edgeInbound: 'Edge: inbound traffic (from the load balancer)',
  edgeStreaming: 'Edge: streaming (from the SecureTransport Servers)',
  edgeInternal: 'Edge: internal communication (Edges and Administration host)',
  serverCluster: 'Server: cluster communication',
  serverNote: 'Server: note above the table (8088-8093, TCP and UDP)',
  serverIcmp: 'Server: "ICMP only" between Servers',
} as const;

// Edge page, first table: traffic from the load balancer; source "Any".
export const EDGE_INBOUND: readonly Rule[] = table('edge', SECTIONS.edgeInbound, 'ST Edges', [
  ['edge-http', 'TCP', '80', ANY, 'HTTP', Port.tcp(80), Peer.any()],
  ['edge-https', 'TCP', '443', ANY, 'HTTPS', Port.tcp(443), Peer.any()],
  ['edge-ssh', 'TCP', '10022', ANY, 'SSH (SFTP and SCP)', Port.tcp(10022), Peer.any()],
  ['edge-ftp-control', 'TCP', '21', ANY, 'FTP (secure and non-secure) control channel (For secure connections: the firewall must allow bidirectional communication)', Port.tcp(21), Peer.any()],
  ['edge-ftp-active-data', 'TCP', '20', ANY, 'FTP (secure and non-secure) active-mode data channel', Port.tcp(20), Peer.any()],
  ['edge-ftp-passive-data', 'TCP', 'User-defined range', ANY, 'FTP (secure and non-secure) passive-mode data channel', Port.tcpNamed('ftpPassivePorts'), Peer.any()],
  ['edge-as2', 'TCP', '10080', ANY, 'AS2 (non-SSL)', Port.tcp(10080), Peer.any()],
  ['edge-as2-ssl', 'TCP', '10443', ANY, 'AS2 (SSL)', Port.tcp(10443), Peer.any()],
  ['edge-pesit', 'TCP', '17617', ANY, 'PeSIT (non-SSL)', Port.tcp(17617), Peer.any()],
  ['edge-pesit-ssl-transfer-cft', 'TCP', '17627', ANY, 'PeSIT over secure socket (Transfer CFT compatible)', Port.tcp(17627), Peer.any()],
  ['edge-pesit-ssl-cft', 'TCP', '17637', ANY, 'PeSIT over secure socket (CFT compatible)', Port.tcp(17637), Peer.any()],
  ['edge-pesit-ptcp', 'TCP', '19617', ANY, 'PeSIT over pTCP plain socket', Port.tcp(19617), Peer.any()],
  ['edge-pesit-ptcp-ssl', 'TCP', '19627', ANY, 'PeSIT over pTCP Secured Socket', Port.tcp(19627), Peer.any()],
]);

// Edge page, second table: streaming from the Servers to the Edges.
export const EDGE_STREAMING: readonly Rule[] = table('edge', SECTIONS.edgeStreaming, 'ST Edges', [
  ['edge-streaming-http', 'TCP', '20080', SERVERS, 'Streaming HTTP Server', Port.tcp(20080), Peer.group('server')],
  ['edge-streaming-ssh', 'TCP', '20022', SERVERS, 'Streaming SSH Server', Port.tcp(20022), Peer.group('server')],
  ['edge-streaming-ftp', 'TCP', '20021', SERVERS, 'Streaming FTP Server', Port.tcp(20021), Peer.group('server')],
  ['edge-streaming-as2', 'TCP', '21080', SERVERS, 'Streaming AS2 Server', Port.tcp(21080), Peer.group('server')],
  ['edge-streaming-admin', 'TCP', '20444', SERVERS, 'Streaming Administration Tool Server', Port.tcp(20444), Peer.group('server')],
  ['edge-streaming-pesit', 'TCP', '27617', SERVERS, 'Streaming PeSIT Server', Port.tcp(27617), Peer.group('server')],
]);

// Edge page, third table: between Edges and from the Administration host.
export const EDGE_INTERNAL: readonly Rule[] = table('edge', SECTIONS.edgeInternal, 'ST Edges', [
  ['edge-db-admin', 'TCP', '33060', ADMIN, 'Database Administration', Port.tcp(33060), Peer.group('adminHost')],
  ['edge-db-cluster', 'TCP', '33060', EDGES, 'MariaDB or MySQL communication', Port.tcp(33060), Peer.group('edge')],
  ['edge-ssh-admin', 'TCP', '22', ADMIN, 'SSH for Administration', Port.tcp(22), Peer.group('adminHost')],
  ['edge-admin-tool', 'TCP', '444', ADMIN, 'Administration Tool (HTTPS)', Port.tcp(444), Peer.group('adminHost')],
  ['edge-cluster-sync', 'TCP', '444', EDGES, 'Cluster Synchronization', Port.tcp(444), Peer.group('edge')],
  ['edge-tomcat-shutdown', 'TCP', '8005', EDGES, 'Tomcat shutdown', Port.tcp(8005), Peer.group('edge')],
  ['edge-as2-shutdown', 'TCP', '8006', EDGES, 'AS2 shutdown', Port.tcp(8006), Peer.group('edge')],
  ['edge-hibernate-cache', 'TCP', '7800-7802', EDGES, 'Hibernate second level cache', Port.tcpRange(7800, 7802), Peer.group('edge')],
]);

// Server page, the table: cluster traffic between Servers (and the Administration Tool).
export const SERVER_CLUSTER: readonly Rule[] = table('server', SECTIONS.serverCluster, 'SecureTransport Servers', [
  ['server-snmp', 'TCP', '80', SERVERS, 'SNMP', Port.tcp(80), Peer.group('server')],
  ['server-cache-https', 'TCP', '443', SERVERS, 'Cluster cache management', Port.tcp(443), Peer.group('server')],
  ['server-cache-udp', 'UDP', '10022', SERVERS, 'Cluster cache management', Port.udp(10022), Peer.group('server')],
  ['server-admin-tool', 'TCP', '444', ADMIN, 'Administration Tool (HTTPS)', Port.tcp(444), Peer.group('adminHost')],
  ['server-cluster-listener', 'TCP', '44431', SERVERS, 'Cluster Listener', Port.tcp(44431), Peer.group('server')],
  ['server-jmx', 'TCP', '9999', SERVERS, 'TM JMX Port', Port.tcp(9999), Peer.group('server')],
  // The vendor writes protocol "SSH": SSH runs over TCP.
  ['server-ssh', 'SSH', '22', SERVERS, 'SSH for Administration', Port.tcp(22), Peer.group('server')],
  ['server-tomcat-shutdown', 'TCP', '8005', SERVERS, 'Tomcat shutdown port', Port.tcp(8005), Peer.group('server')],
  ['server-tomcat-jk', 'TCP', '8009', SERVERS, 'Tomcat JK connector', Port.tcp(8009), Peer.group('server')],
  ['server-admin-tool-internal', 'TCP', '20444', SERVERS, 'Administration Tool', Port.tcp(20444), Peer.group('server')],
  ['server-coherence', 'TCP', '7', SERVERS, 'Coherence', Port.tcp(7), Peer.group('server')],
  ['server-hibernate-cache', 'TCP', '7800-7802', SERVERS, 'Hibernate second-level cache', Port.tcpRange(7800, 7802), Peer.group('server')],
]);

// Server page, the note above the table: 8088-8093 for TCP and UDP, Server to Server.
const NOTE = 'Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another';
export const SERVER_NOTE: readonly Rule[] = [
  { id: 'server-cluster-tcp', target: 'server', action: 'allow', port: Port.tcpRange(8088, 8093), source: Peer.group('server'), description: `${NOTE} (TCP)`, section: SECTIONS.serverNote },
  { id: 'server-cluster-udp', target: 'server', action: 'allow', port: Port.udpRange(8088, 8093), source: Peer.group('server'), description: `${NOTE} (UDP)`, section: SECTIONS.serverNote },
];

const ICMP_DESCRIPTION = 'Allow all ICMP traffic for Cluster communication';

// The last three rows of the Server table, as the vendor writes them. Azure NSGs had no ICMP
// protocol when the page was written, so it denies TCP and UDP and then allows every protocol.
export const SERVER_ICMP_VENDOR: readonly Rule[] = [
  ...table('server', SECTIONS.serverIcmp, 'SecureTransport Servers', [
    ['server-deny-tcp', 'TCP', '*', ANY, 'Deny all TCP Traffic', Port.allTcp(), Peer.any()],
    ['server-deny-udp', 'UDP', '*', ANY, 'Deny all UDP traffic', Port.allUdp(), Peer.any()],
  ], 'deny'),
  ...table('server', SECTIONS.serverIcmp, 'SecureTransport Servers', [
    ['server-allow-all-from-servers', 'Any', '*', SERVERS, ICMP_DESCRIPTION, Port.allTraffic(), Peer.group('server')],
  ]),
];

// What those three rows mean, in every cloud's native vocabulary: ICMP from the Servers.
export const SERVER_ICMP_NATIVE: readonly Rule[] = [
  { id: 'server-icmp', target: 'server', action: 'allow', port: Port.allIcmp(), source: Peer.group('server'), description: ICMP_DESCRIPTION, section: SECTIONS.serverIcmp },
];

/** The whole catalog for one ICMP mode, per protected group, in evaluation order. */
export function catalogRules(icmp: IcmpMode): readonly Rule[] {
  return [
    ...EDGE_INBOUND,
    ...EDGE_STREAMING,
    ...EDGE_INTERNAL,
    ...SERVER_CLUSTER,
    ...SERVER_NOTE,
    ...(icmp === 'native' ? SERVER_ICMP_NATIVE : SERVER_ICMP_VENDOR),
  ];
}
