resource "google_compute_firewall" "edge_admin_tool" {
  description             = "Administration Tool (HTTPS)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-admin-tool"
  network                 = var.network
  priority                = 630
  source_tags             = var.service_accounts != null ? null : ["${var.name}-admin-host"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.admin_host] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["444"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_as2" {
  description             = "AS2 (non-SSL)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-as2"
  network                 = var.network
  priority                = 160
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["10080"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_as2_shutdown" {
  description             = "AS2 shutdown"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-as2-shutdown"
  network                 = var.network
  priority                = 660
  source_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["8006"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_as2_ssl" {
  description             = "AS2 (SSL)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-as2-ssl"
  network                 = var.network
  priority                = 170
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["10443"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_cluster_sync" {
  description             = "Cluster Synchronization"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-cluster-sync"
  network                 = var.network
  priority                = 640
  source_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["444"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_db_admin" {
  description             = "Database Administration"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-db-admin"
  network                 = var.network
  priority                = 600
  source_tags             = var.service_accounts != null ? null : ["${var.name}-admin-host"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.admin_host] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["33060"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_db_cluster" {
  description             = "MariaDB or MySQL communication"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-db-cluster"
  network                 = var.network
  priority                = 610
  source_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["33060"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_deny_all" {
  description             = "Deny all ingress not allowed above (overrides default-allow-* rules of the default network)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-deny-all"
  network                 = var.network
  priority                = 4096
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  deny {
    protocol = "all"
  }
}

resource "google_compute_firewall" "edge_ftp_active_data" {
  description             = "FTP (secure and non-secure) active-mode data channel"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ftp-active-data"
  network                 = var.network
  priority                = 140
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["20"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_ftp_control" {
  description             = "FTP (secure and non-secure) control channel (For secure connections: the firewall must allow bidirectional communication)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ftp-control"
  network                 = var.network
  priority                = 130
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["21"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_ftp_passive_data" {
  description             = "FTP (secure and non-secure) passive-mode data channel"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ftp-passive-data"
  network                 = var.network
  priority                = 150
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["${var.ftp_passive_ports.from}-${var.ftp_passive_ports.to}"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_hibernate_cache" {
  description             = "Hibernate second level cache"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-hibernate-cache"
  network                 = var.network
  priority                = 670
  source_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["7800-7802"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_http" {
  description             = "HTTP"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-http"
  network                 = var.network
  priority                = 100
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["80"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_https" {
  description             = "HTTPS"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-https"
  network                 = var.network
  priority                = 110
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["443"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit" {
  description             = "PeSIT (non-SSL)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit"
  network                 = var.network
  priority                = 180
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["17617"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_ptcp" {
  description             = "PeSIT over pTCP plain socket"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-ptcp"
  network                 = var.network
  priority                = 210
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["19617"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_ptcp_ssl" {
  description             = "PeSIT over pTCP Secured Socket"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-ptcp-ssl"
  network                 = var.network
  priority                = 220
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["19627"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_ssl_cft" {
  description             = "PeSIT over secure socket (CFT compatible)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-ssl-cft"
  network                 = var.network
  priority                = 200
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["17637"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_ssl_transfer_cft" {
  description             = "PeSIT over secure socket (Transfer CFT compatible)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-ssl-transfer-cft"
  network                 = var.network
  priority                = 190
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["17627"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_ssh" {
  description             = "SSH (SFTP and SCP)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ssh"
  network                 = var.network
  priority                = 120
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["10022"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_ssh_admin" {
  description             = "SSH for Administration"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ssh-admin"
  network                 = var.network
  priority                = 620
  source_tags             = var.service_accounts != null ? null : ["${var.name}-admin-host"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.admin_host] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["22"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_streaming_admin" {
  description             = "Streaming Administration Tool Server"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-streaming-admin"
  network                 = var.network
  priority                = 440
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["20444"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_streaming_as2" {
  description             = "Streaming AS2 Server"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-streaming-as2"
  network                 = var.network
  priority                = 430
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["21080"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_streaming_ftp" {
  description             = "Streaming FTP Server"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-streaming-ftp"
  network                 = var.network
  priority                = 420
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["20021"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_streaming_http" {
  description             = "Streaming HTTP Server"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-streaming-http"
  network                 = var.network
  priority                = 400
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["20080"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_streaming_pesit" {
  description             = "Streaming PeSIT Server"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-streaming-pesit"
  network                 = var.network
  priority                = 450
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["27617"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_streaming_ssh" {
  description             = "Streaming SSH Server"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-streaming-ssh"
  network                 = var.network
  priority                = 410
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["20022"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_tomcat_shutdown" {
  description             = "Tomcat shutdown"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-tomcat-shutdown"
  network                 = var.network
  priority                = 650
  source_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["8005"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_admin_tool" {
  description             = "Administration Tool (HTTPS)"
  direction               = "INGRESS"
  name                    = "${var.name}-server-admin-tool"
  network                 = var.network
  priority                = 130
  source_tags             = var.service_accounts != null ? null : ["${var.name}-admin-host"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.admin_host] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["444"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_admin_tool_internal" {
  description             = "Administration Tool"
  direction               = "INGRESS"
  name                    = "${var.name}-server-admin-tool-internal"
  network                 = var.network
  priority                = 190
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["20444"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_cache_https" {
  description             = "Cluster cache management"
  direction               = "INGRESS"
  name                    = "${var.name}-server-cache-https"
  network                 = var.network
  priority                = 110
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["443"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_cache_udp" {
  description             = "Cluster cache management"
  direction               = "INGRESS"
  name                    = "${var.name}-server-cache-udp"
  network                 = var.network
  priority                = 120
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["10022"]
    protocol = "udp"
  }
}

resource "google_compute_firewall" "server_cluster_listener" {
  description             = "Cluster Listener"
  direction               = "INGRESS"
  name                    = "${var.name}-server-cluster-listener"
  network                 = var.network
  priority                = 140
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["44431"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_cluster_tcp" {
  description             = "Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another (TCP)"
  direction               = "INGRESS"
  name                    = "${var.name}-server-cluster-tcp"
  network                 = var.network
  priority                = 400
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["8088-8093"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_cluster_udp" {
  description             = "Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another (UDP)"
  direction               = "INGRESS"
  name                    = "${var.name}-server-cluster-udp"
  network                 = var.network
  priority                = 410
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["8088-8093"]
    protocol = "udp"
  }
}

resource "google_compute_firewall" "server_coherence" {
  description             = "Coherence"
  direction               = "INGRESS"
  name                    = "${var.name}-server-coherence"
  network                 = var.network
  priority                = 200
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["7"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_deny_all" {
  description             = "Deny all ingress not allowed above (overrides default-allow-* rules of the default network)"
  direction               = "INGRESS"
  name                    = "${var.name}-server-deny-all"
  network                 = var.network
  priority                = 4096
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  deny {
    protocol = "all"
  }
}

resource "google_compute_firewall" "server_hibernate_cache" {
  description             = "Hibernate second-level cache"
  direction               = "INGRESS"
  name                    = "${var.name}-server-hibernate-cache"
  network                 = var.network
  priority                = 210
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["7800-7802"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_icmp" {
  count                   = var.icmp_mode == "native" ? 1 : 0
  description             = "Allow all ICMP traffic for Cluster communication"
  direction               = "INGRESS"
  name                    = "${var.name}-server-icmp"
  network                 = var.network
  priority                = 3000
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    protocol = "icmp"
  }
}

resource "google_compute_firewall" "server_jmx" {
  description             = "TM JMX Port"
  direction               = "INGRESS"
  name                    = "${var.name}-server-jmx"
  network                 = var.network
  priority                = 150
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["9999"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_snmp" {
  description             = "SNMP"
  direction               = "INGRESS"
  name                    = "${var.name}-server-snmp"
  network                 = var.network
  priority                = 100
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["80"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_ssh" {
  description             = "SSH for Administration"
  direction               = "INGRESS"
  name                    = "${var.name}-server-ssh"
  network                 = var.network
  priority                = 160
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["22"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_tomcat_jk" {
  description             = "Tomcat JK connector"
  direction               = "INGRESS"
  name                    = "${var.name}-server-tomcat-jk"
  network                 = var.network
  priority                = 180
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["8009"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_tomcat_shutdown" {
  description             = "Tomcat shutdown port"
  direction               = "INGRESS"
  name                    = "${var.name}-server-tomcat-shutdown"
  network                 = var.network
  priority                = 170
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    ports    = ["8005"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_allow_all_from_servers" {
  count                   = var.icmp_mode == "vendor" ? 1 : 0
  description             = "Allow all ICMP traffic for Cluster communication"
  direction               = "INGRESS"
  name                    = "${var.name}-server-allow-all-from-servers"
  network                 = var.network
  priority                = 3020
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "server_deny_tcp" {
  count                   = var.icmp_mode == "vendor" ? 1 : 0
  description             = "Deny all TCP Traffic"
  direction               = "INGRESS"
  name                    = "${var.name}-server-deny-tcp"
  network                 = var.network
  priority                = 3000
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  deny {
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_deny_udp" {
  count                   = var.icmp_mode == "vendor" ? 1 : 0
  description             = "Deny all UDP traffic"
  direction               = "INGRESS"
  name                    = "${var.name}-server-deny-udp"
  network                 = var.network
  priority                = 3010
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  deny {
    protocol = "udp"
  }
}

resource "google_compute_firewall" "edge_as2_ssl_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "AS2 (SSL)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-as2-ssl-v6"
  network                 = var.network
  priority                = 170
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["10443"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_as2_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "AS2 (non-SSL)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-as2-v6"
  network                 = var.network
  priority                = 160
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["10080"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_deny_all_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "Deny all ingress not allowed above (overrides default-allow-* rules of the default network)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-deny-all-v6"
  network                 = var.network
  priority                = 4096
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  deny {
    protocol = "all"
  }
}

resource "google_compute_firewall" "edge_ftp_active_data_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "FTP (secure and non-secure) active-mode data channel"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ftp-active-data-v6"
  network                 = var.network
  priority                = 140
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["20"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_ftp_control_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "FTP (secure and non-secure) control channel (For secure connections: the firewall must allow bidirectional communication)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ftp-control-v6"
  network                 = var.network
  priority                = 130
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["21"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_ftp_passive_data_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "FTP (secure and non-secure) passive-mode data channel"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ftp-passive-data-v6"
  network                 = var.network
  priority                = 150
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["${var.ftp_passive_ports.from}-${var.ftp_passive_ports.to}"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_http_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "HTTP"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-http-v6"
  network                 = var.network
  priority                = 100
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["80"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_https_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "HTTPS"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-https-v6"
  network                 = var.network
  priority                = 110
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["443"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_ptcp_ssl_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "PeSIT over pTCP Secured Socket"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-ptcp-ssl-v6"
  network                 = var.network
  priority                = 220
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["19627"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_ptcp_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "PeSIT over pTCP plain socket"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-ptcp-v6"
  network                 = var.network
  priority                = 210
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["19617"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_ssl_cft_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "PeSIT over secure socket (CFT compatible)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-ssl-cft-v6"
  network                 = var.network
  priority                = 200
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["17637"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_ssl_transfer_cft_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "PeSIT over secure socket (Transfer CFT compatible)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-ssl-transfer-cft-v6"
  network                 = var.network
  priority                = 190
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["17627"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_pesit_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "PeSIT (non-SSL)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-pesit-v6"
  network                 = var.network
  priority                = 180
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["17617"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "edge_ssh_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "SSH (SFTP and SCP)"
  direction               = "INGRESS"
  name                    = "${var.name}-edge-ssh-v6"
  network                 = var.network
  priority                = 120
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null
  allow {
    ports    = ["10022"]
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_deny_all_v6" {
  count                   = var.ipv6 ? 1 : 0
  description             = "Deny all ingress not allowed above (overrides default-allow-* rules of the default network)"
  direction               = "INGRESS"
  name                    = "${var.name}-server-deny-all-v6"
  network                 = var.network
  priority                = 4096
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  deny {
    protocol = "all"
  }
}

resource "google_compute_firewall" "server_icmp_v6" {
  count                   = var.icmp_mode == "native" && var.ipv6 ? 1 : 0
  description             = "Allow all ICMP traffic for Cluster communication"
  direction               = "INGRESS"
  name                    = "${var.name}-server-icmp-v6"
  network                 = var.network
  priority                = 3000
  source_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  source_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  allow {
    protocol = "58"
  }
}

resource "google_compute_firewall" "server_deny_tcp_v6" {
  count                   = var.icmp_mode == "vendor" && var.ipv6 ? 1 : 0
  description             = "Deny all TCP Traffic"
  direction               = "INGRESS"
  name                    = "${var.name}-server-deny-tcp-v6"
  network                 = var.network
  priority                = 3000
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  deny {
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "server_deny_udp_v6" {
  count                   = var.icmp_mode == "vendor" && var.ipv6 ? 1 : 0
  description             = "Deny all UDP traffic"
  direction               = "INGRESS"
  name                    = "${var.name}-server-deny-udp-v6"
  network                 = var.network
  priority                = 3010
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null
  deny {
    protocol = "udp"
  }
}
