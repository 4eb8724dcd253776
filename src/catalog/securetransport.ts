/**
 * The SecureTransport rule catalog: every row of the vendor's "Edge Security Group" and
 * "Server Security Group" tables (test/fixtures/vendor/, copied from shared/seeds), in the
 * vendor's order and with the vendor's descriptions, plus the note above the Server table.
 *
 * Each row starts with its priority (evaluation order; Azure and GCP use it as is). Priorities
 * are fixed per row, not derived from positions: each table owns a block (Edge inbound 100-,
 * streaming 400-, internal 600-; Server cluster 100-, the note 400-, "ICMP only" 3000-) and rows
 * step by 10, so a new row takes a free number and no other rule moves.
 *
 * Each row keeps the vendor's cells literally (`vendor`) next to our typed reading of them
 * (`port`, `source`). Where the vendor is odd we keep its value and say so in the README
 * ("Vendor oddities"); test/catalog.test.ts parses the vendor pages and checks both.
 */
import { IcmpMode, Peer, Port, ProtectedGroup, Rule } from '../spec/rule';

type Row = [priority: number, id: string, vendorProtocol: string, vendorPort: string, vendorSource: string, description: string, port: Port, source: Peer];

const ANY = 'Any';
const SERVERS = 'SecureTransport Servers';
const EDGES = 'SecureTransport Edges';
const ADMIN = 'Administration Host Private IP';

function table(target: ProtectedGroup, section: string, type: string, rows: Row[], action: Rule['action'] = 'allow'): Rule[] {
  return rows.map(([priority, id, protocol, port, source, description, p, peer]) => ({
    id,
    priority,
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
  [100, 'edge-http', 'TCP', '80', ANY, 'HTTP', Port.tcp(80), Peer.any()],
  [110, 'edge-https', 'TCP', '443', ANY, 'HTTPS', Port.tcp(443), Peer.any()],
  [120, 'edge-ssh', 'TCP', '10022', ANY, 'SSH (SFTP and SCP)', Port.tcp(10022), Peer.any()],
  [130, 'edge-ftp-control', 'TCP', '21', ANY, 'FTP (secure and non-secure) control channel (For secure connections: the firewall must allow bidirectional communication)', Port.tcp(21), Peer.any()],
  [140, 'edge-ftp-active-data', 'TCP', '20', ANY, 'FTP (secure and non-secure) active-mode data channel', Port.tcp(20), Peer.any()],
  [150, 'edge-ftp-passive-data', 'TCP', 'User-defined range', ANY, 'FTP (secure and non-secure) passive-mode data channel', Port.tcpNamed('ftpPassivePorts'), Peer.any()],
  [160, 'edge-as2', 'TCP', '10080', ANY, 'AS2 (non-SSL)', Port.tcp(10080), Peer.any()],
  [170, 'edge-as2-ssl', 'TCP', '10443', ANY, 'AS2 (SSL)', Port.tcp(10443), Peer.any()],
  [180, 'edge-pesit', 'TCP', '17617', ANY, 'PeSIT (non-SSL)', Port.tcp(17617), Peer.any()],
  [190, 'edge-pesit-ssl-transfer-cft', 'TCP', '17627', ANY, 'PeSIT over secure socket (Transfer CFT compatible)', Port.tcp(17627), Peer.any()],
  [200, 'edge-pesit-ssl-cft', 'TCP', '17637', ANY, 'PeSIT over secure socket (CFT compatible)', Port.tcp(17637), Peer.any()],
  [210, 'edge-pesit-ptcp', 'TCP', '19617', ANY, 'PeSIT over pTCP plain socket', Port.tcp(19617), Peer.any()],
  [220, 'edge-pesit-ptcp-ssl', 'TCP', '19627', ANY, 'PeSIT over pTCP Secured Socket', Port.tcp(19627), Peer.any()],
]);

// Edge page, second table: streaming from the Servers to the Edges.
export const EDGE_STREAMING: readonly Rule[] = table('edge', SECTIONS.edgeStreaming, 'ST Edges', [
  [400, 'edge-streaming-http', 'TCP', '20080', SERVERS, 'Streaming HTTP Server', Port.tcp(20080), Peer.group('server')],
  [410, 'edge-streaming-ssh', 'TCP', '20022', SERVERS, 'Streaming SSH Server', Port.tcp(20022), Peer.group('server')],
  [420, 'edge-streaming-ftp', 'TCP', '20021', SERVERS, 'Streaming FTP Server', Port.tcp(20021), Peer.group('server')],
  [430, 'edge-streaming-as2', 'TCP', '21080', SERVERS, 'Streaming AS2 Server', Port.tcp(21080), Peer.group('server')],
  [440, 'edge-streaming-admin', 'TCP', '20444', SERVERS, 'Streaming Administration Tool Server', Port.tcp(20444), Peer.group('server')],
  [450, 'edge-streaming-pesit', 'TCP', '27617', SERVERS, 'Streaming PeSIT Server', Port.tcp(27617), Peer.group('server')],
]);

// Edge page, third table: between Edges and from the Administration host.
export const EDGE_INTERNAL: readonly Rule[] = table('edge', SECTIONS.edgeInternal, 'ST Edges', [
  [600, 'edge-db-admin', 'TCP', '33060', ADMIN, 'Database Administration', Port.tcp(33060), Peer.group('adminHost')],
  [610, 'edge-db-cluster', 'TCP', '33060', EDGES, 'MariaDB or MySQL communication', Port.tcp(33060), Peer.group('edge')],
  [620, 'edge-ssh-admin', 'TCP', '22', ADMIN, 'SSH for Administration', Port.tcp(22), Peer.group('adminHost')],
  [630, 'edge-admin-tool', 'TCP', '444', ADMIN, 'Administration Tool (HTTPS)', Port.tcp(444), Peer.group('adminHost')],
  [640, 'edge-cluster-sync', 'TCP', '444', EDGES, 'Cluster Synchronization', Port.tcp(444), Peer.group('edge')],
  [650, 'edge-tomcat-shutdown', 'TCP', '8005', EDGES, 'Tomcat shutdown', Port.tcp(8005), Peer.group('edge')],
  [660, 'edge-as2-shutdown', 'TCP', '8006', EDGES, 'AS2 shutdown', Port.tcp(8006), Peer.group('edge')],
  [670, 'edge-hibernate-cache', 'TCP', '7800-7802', EDGES, 'Hibernate second level cache', Port.tcpRange(7800, 7802), Peer.group('edge')],
]);

// Server page, the table: cluster traffic between Servers (and the Administration Tool).
export const SERVER_CLUSTER: readonly Rule[] = table('server', SECTIONS.serverCluster, 'SecureTransport Servers', [
  [100, 'server-snmp', 'TCP', '80', SERVERS, 'SNMP', Port.tcp(80), Peer.group('server')],
  [110, 'server-cache-https', 'TCP', '443', SERVERS, 'Cluster cache management', Port.tcp(443), Peer.group('server')],
  [120, 'server-cache-udp', 'UDP', '10022', SERVERS, 'Cluster cache management', Port.udp(10022), Peer.group('server')],
  [130, 'server-admin-tool', 'TCP', '444', ADMIN, 'Administration Tool (HTTPS)', Port.tcp(444), Peer.group('adminHost')],
  [140, 'server-cluster-listener', 'TCP', '44431', SERVERS, 'Cluster Listener', Port.tcp(44431), Peer.group('server')],
  [150, 'server-jmx', 'TCP', '9999', SERVERS, 'TM JMX Port', Port.tcp(9999), Peer.group('server')],
  // The vendor writes protocol "SSH": SSH runs over TCP.
  [160, 'server-ssh', 'SSH', '22', SERVERS, 'SSH for Administration', Port.tcp(22), Peer.group('server')],
  [170, 'server-tomcat-shutdown', 'TCP', '8005', SERVERS, 'Tomcat shutdown port', Port.tcp(8005), Peer.group('server')],
  [180, 'server-tomcat-jk', 'TCP', '8009', SERVERS, 'Tomcat JK connector', Port.tcp(8009), Peer.group('server')],
  [190, 'server-admin-tool-internal', 'TCP', '20444', SERVERS, 'Administration Tool', Port.tcp(20444), Peer.group('server')],
  [200, 'server-coherence', 'TCP', '7', SERVERS, 'Coherence', Port.tcp(7), Peer.group('server')],
  [210, 'server-hibernate-cache', 'TCP', '7800-7802', SERVERS, 'Hibernate second-level cache', Port.tcpRange(7800, 7802), Peer.group('server')],
]);

// Server page, the note above the table: 8088-8093 for TCP and UDP, Server to Server.
const NOTE = 'Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another';
export const SERVER_NOTE: readonly Rule[] = [
  { id: 'server-cluster-tcp', priority: 400, target: 'server', action: 'allow', port: Port.tcpRange(8088, 8093), source: Peer.group('server'), description: `${NOTE} (TCP)`, section: SECTIONS.serverNote },
  { id: 'server-cluster-udp', priority: 410, target: 'server', action: 'allow', port: Port.udpRange(8088, 8093), source: Peer.group('server'), description: `${NOTE} (UDP)`, section: SECTIONS.serverNote },
];

const ICMP_DESCRIPTION = 'Allow all ICMP traffic for Cluster communication';

// The last three rows of the Server table, as the vendor writes them. Azure NSGs had no ICMP
// protocol when the page was written, so it denies TCP and UDP and then allows every protocol.
export const SERVER_ICMP_VENDOR: readonly Rule[] = [
  ...table('server', SECTIONS.serverIcmp, 'SecureTransport Servers', [
    [3000, 'server-deny-tcp', 'TCP', '*', ANY, 'Deny all TCP Traffic', Port.allTcp(), Peer.any()],
    [3010, 'server-deny-udp', 'UDP', '*', ANY, 'Deny all UDP traffic', Port.allUdp(), Peer.any()],
  ], 'deny'),
  ...table('server', SECTIONS.serverIcmp, 'SecureTransport Servers', [
    [3020, 'server-allow-all-from-servers', 'Any', '*', SERVERS, ICMP_DESCRIPTION, Port.allTraffic(), Peer.group('server')],
  ]),
];

// What those three rows mean, in every cloud's native vocabulary: ICMP from the Servers.
export const SERVER_ICMP_NATIVE: readonly Rule[] = [
  { id: 'server-icmp', priority: 3000, target: 'server', action: 'allow', port: Port.allIcmp(), source: Peer.group('server'), description: ICMP_DESCRIPTION, section: SECTIONS.serverIcmp },
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
