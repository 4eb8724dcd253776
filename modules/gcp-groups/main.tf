locals {
  extra_rule_ports = { for id, r in var.extra_rules : id => contains(["tcp", "udp"], r.protocol) && try(tostring(r.ports), "*") != "*" ? [for n in split("-", trimspace(tostring(r.ports))) : tonumber(n)] : [] }
  extra_rules      = { for id, r in var.extra_rules : id => { id = id, group = r.group, protocol = r.protocol, action = try(r.action, "allow"), priority = r.priority, description = r.description, source = try(tostring(r.source), "cidrs"), cidrs = try([for c in tolist(r.source) : cidrsubnet(length(split("/", c)) == 2 ? c : (length(split(":", c)) > 1 ? "${c}/128" : "${c}/32"), 0, 0)], []), from_port = length(local.extra_rule_ports[id]) > 0 ? local.extra_rule_ports[id][0] : null, to_port = length(local.extra_rule_ports[id]) > 0 ? local.extra_rule_ports[id][length(local.extra_rule_ports[id]) - 1] : null, port_text = length(local.extra_rule_ports[id]) == 0 ? "*" : local.extra_rule_ports[id][0] == local.extra_rule_ports[id][length(local.extra_rule_ports[id]) - 1] ? tostring(local.extra_rule_ports[id][0]) : "${local.extra_rule_ports[id][0]}-${local.extra_rule_ports[id][length(local.extra_rule_ports[id]) - 1]}" } }
  extra_rule_cidrs = { for id, r in local.extra_rules : id => r.source == "cidrs" ? r.cidrs : [] }
}

# AVD-GCP-0073: edge-admin-tool: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_admin_tool" {
  name                    = "${var.name}-edge-admin-tool"
  description             = "Administration Tool (HTTPS)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-as2: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_as2" {
  name                    = "${var.name}-edge-as2"
  description             = "AS2 (non-SSL)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-as2-shutdown: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_as2_shutdown" {
  name                    = "${var.name}-edge-as2-shutdown"
  description             = "AS2 shutdown"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-as2-ssl: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_as2_ssl" {
  name                    = "${var.name}-edge-as2-ssl"
  description             = "AS2 (SSL)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-cluster-sync: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_cluster_sync" {
  name                    = "${var.name}-edge-cluster-sync"
  description             = "Cluster Synchronization"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-db-admin: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_db_admin" {
  name                    = "${var.name}-edge-db-admin"
  description             = "Database Administration"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-db-cluster: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_db_cluster" {
  name                    = "${var.name}-edge-db-cluster"
  description             = "MariaDB or MySQL communication"
  direction               = "INGRESS"
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

# AVD-GCP-0074: edge-deny-all: a deny rule: it closes the ports, the check does not tell deny from allow
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "edge_deny_all" {
  name                    = "${var.name}-edge-deny-all"
  description             = "Deny all ingress not allowed above (overrides default-allow-* rules of the default network)"
  direction               = "INGRESS"
  network                 = var.network
  priority                = 4096
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null

  deny {
    protocol = "all"
  }
}

# AVD-GCP-0073: edge-ftp-active-data: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_ftp_active_data" {
  #checkov:skip=CKV_GCP_77:edge-ftp-active-data: FTP active-mode data channel (TCP 20); the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer

  name                    = "${var.name}-edge-ftp-active-data"
  description             = "FTP (secure and non-secure) active-mode data channel"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-ftp-control: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_ftp_control" {
  #checkov:skip=CKV_GCP_75:edge-ftp-control: FTP control channel (TCP 21); the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer

  name                    = "${var.name}-edge-ftp-control"
  description             = "FTP (secure and non-secure) control channel (For secure connections: the firewall must allow bidirectional communication)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-ftp-passive-data: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
# AVD-GCP-0072: edge-ftp-passive-data: FTP passive-mode data channel, the vendor's user-defined range; var.ftp_passive_ports is validated to stay clear of every port the Edge lists (20-22, 80, 443...), which trivy cannot evaluate
# AVD-GCP-0074: edge-ftp-passive-data: FTP passive-mode data channel: the vendor requires a user-defined range of ports, opened to Any (flagged when it spans over 30 ports)
#trivy:ignore:AVD-GCP-0073
#trivy:ignore:AVD-GCP-0072
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "edge_ftp_passive_data" {
  #checkov:skip=CKV_GCP_2:edge-ftp-passive-data: FTP passive-mode data channel, the vendor's user-defined range opened to Any; var.ftp_passive_ports is validated to stay clear of every port the Edge lists (20-22, 80, 443...), which checkov cannot evaluate
  #checkov:skip=CKV_GCP_75:edge-ftp-passive-data: FTP passive-mode data channel, the vendor's user-defined range opened to Any; var.ftp_passive_ports is validated to stay clear of every port the Edge lists (20-22, 80, 443...), which checkov cannot evaluate
  #checkov:skip=CKV_GCP_77:edge-ftp-passive-data: FTP passive-mode data channel, the vendor's user-defined range opened to Any; var.ftp_passive_ports is validated to stay clear of every port the Edge lists (20-22, 80, 443...), which checkov cannot evaluate
  #checkov:skip=CKV_GCP_106:edge-ftp-passive-data: FTP passive-mode data channel, the vendor's user-defined range opened to Any; var.ftp_passive_ports is validated to stay clear of every port the Edge lists (20-22, 80, 443...), which checkov cannot evaluate

  name                    = "${var.name}-edge-ftp-passive-data"
  description             = "FTP (secure and non-secure) passive-mode data channel"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-hibernate-cache: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_hibernate_cache" {
  name                    = "${var.name}-edge-hibernate-cache"
  description             = "Hibernate second level cache"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-http: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_http" {
  #checkov:skip=CKV_GCP_106:edge-http: HTTP (TCP 80); the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer

  name                    = "${var.name}-edge-http"
  description             = "HTTP"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-https: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_https" {
  name                    = "${var.name}-edge-https"
  description             = "HTTPS"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit" {
  name                    = "${var.name}-edge-pesit"
  description             = "PeSIT (non-SSL)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit-ptcp: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_ptcp" {
  name                    = "${var.name}-edge-pesit-ptcp"
  description             = "PeSIT over pTCP plain socket"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit-ptcp-ssl: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_ptcp_ssl" {
  name                    = "${var.name}-edge-pesit-ptcp-ssl"
  description             = "PeSIT over pTCP Secured Socket"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit-ssl-cft: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_ssl_cft" {
  name                    = "${var.name}-edge-pesit-ssl-cft"
  description             = "PeSIT over secure socket (CFT compatible)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit-ssl-transfer-cft: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_ssl_transfer_cft" {
  name                    = "${var.name}-edge-pesit-ssl-transfer-cft"
  description             = "PeSIT over secure socket (Transfer CFT compatible)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-ssh: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_ssh" {
  name                    = "${var.name}-edge-ssh"
  description             = "SSH (SFTP and SCP)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-ssh-admin: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_ssh_admin" {
  name                    = "${var.name}-edge-ssh-admin"
  description             = "SSH for Administration"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-streaming-admin: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_streaming_admin" {
  name                    = "${var.name}-edge-streaming-admin"
  description             = "Streaming Administration Tool Server"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-streaming-as2: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_streaming_as2" {
  name                    = "${var.name}-edge-streaming-as2"
  description             = "Streaming AS2 Server"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-streaming-ftp: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_streaming_ftp" {
  name                    = "${var.name}-edge-streaming-ftp"
  description             = "Streaming FTP Server"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-streaming-http: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_streaming_http" {
  name                    = "${var.name}-edge-streaming-http"
  description             = "Streaming HTTP Server"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-streaming-pesit: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_streaming_pesit" {
  name                    = "${var.name}-edge-streaming-pesit"
  description             = "Streaming PeSIT Server"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-streaming-ssh: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_streaming_ssh" {
  name                    = "${var.name}-edge-streaming-ssh"
  description             = "Streaming SSH Server"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-tomcat-shutdown: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_tomcat_shutdown" {
  name                    = "${var.name}-edge-tomcat-shutdown"
  description             = "Tomcat shutdown"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-admin-tool: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_admin_tool" {
  name                    = "${var.name}-server-admin-tool"
  description             = "Administration Tool (HTTPS)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-admin-tool-internal: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_admin_tool_internal" {
  name                    = "${var.name}-server-admin-tool-internal"
  description             = "Administration Tool"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-cache-https: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_cache_https" {
  name                    = "${var.name}-server-cache-https"
  description             = "Cluster cache management"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-cache-udp: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_cache_udp" {
  name                    = "${var.name}-server-cache-udp"
  description             = "Cluster cache management"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-cluster-listener: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_cluster_listener" {
  name                    = "${var.name}-server-cluster-listener"
  description             = "Cluster Listener"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-cluster-tcp: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_cluster_tcp" {
  name                    = "${var.name}-server-cluster-tcp"
  description             = "Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another (TCP)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-cluster-udp: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_cluster_udp" {
  name                    = "${var.name}-server-cluster-udp"
  description             = "Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another (UDP)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-coherence: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_coherence" {
  name                    = "${var.name}-server-coherence"
  description             = "Coherence"
  direction               = "INGRESS"
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

# AVD-GCP-0074: server-deny-all: a deny rule: it closes the ports, the check does not tell deny from allow
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_deny_all" {
  name                    = "${var.name}-server-deny-all"
  description             = "Deny all ingress not allowed above (overrides default-allow-* rules of the default network)"
  direction               = "INGRESS"
  network                 = var.network
  priority                = 4096
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null

  deny {
    protocol = "all"
  }
}

# AVD-GCP-0073: server-hibernate-cache: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_hibernate_cache" {
  name                    = "${var.name}-server-hibernate-cache"
  description             = "Hibernate second-level cache"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-icmp: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
# AVD-GCP-0072: server-icmp: the vendor's "ICMP only" between Servers: ICMP has no ports (and the vendor's own form allows every protocol from the Servers after denying TCP and UDP)
# AVD-GCP-0074: server-icmp: the vendor's "ICMP only" between Servers: ICMP has no ports, and trivy reads a rule without ports as 0-65535
#trivy:ignore:AVD-GCP-0073
#trivy:ignore:AVD-GCP-0072
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_icmp" {
  count = var.icmp_mode == "native" ? 1 : 0

  name                    = "${var.name}-server-icmp"
  description             = "Allow all ICMP traffic for Cluster communication"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-jmx: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_jmx" {
  name                    = "${var.name}-server-jmx"
  description             = "TM JMX Port"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-snmp: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_snmp" {
  name                    = "${var.name}-server-snmp"
  description             = "SNMP"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-ssh: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_ssh" {
  name                    = "${var.name}-server-ssh"
  description             = "SSH for Administration"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-tomcat-jk: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_tomcat_jk" {
  name                    = "${var.name}-server-tomcat-jk"
  description             = "Tomcat JK connector"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-tomcat-shutdown: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "server_tomcat_shutdown" {
  name                    = "${var.name}-server-tomcat-shutdown"
  description             = "Tomcat shutdown port"
  direction               = "INGRESS"
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

# AVD-GCP-0073: server-allow-all-from-servers: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
# AVD-GCP-0072: server-allow-all-from-servers: the vendor's "ICMP only" between Servers: ICMP has no ports (and the vendor's own form allows every protocol from the Servers after denying TCP and UDP)
# AVD-GCP-0074: server-allow-all-from-servers: the vendor's "ICMP only" between Servers: ICMP has no ports, and trivy reads a rule without ports as 0-65535
#trivy:ignore:AVD-GCP-0073
#trivy:ignore:AVD-GCP-0072
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_allow_all_from_servers" {
  count = var.icmp_mode == "vendor" ? 1 : 0

  name                    = "${var.name}-server-allow-all-from-servers"
  description             = "Allow all ICMP traffic for Cluster communication"
  direction               = "INGRESS"
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

# AVD-GCP-0074: server-deny-tcp: a deny rule: it closes the ports, the check does not tell deny from allow
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_deny_tcp" {
  count = var.icmp_mode == "vendor" ? 1 : 0

  name                    = "${var.name}-server-deny-tcp"
  description             = "Deny all TCP Traffic"
  direction               = "INGRESS"
  network                 = var.network
  priority                = 3000
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null

  deny {
    protocol = "tcp"
  }
}

# AVD-GCP-0074: server-deny-udp: a deny rule: it closes the ports, the check does not tell deny from allow
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_deny_udp" {
  count = var.icmp_mode == "vendor" ? 1 : 0

  name                    = "${var.name}-server-deny-udp"
  description             = "Deny all UDP traffic"
  direction               = "INGRESS"
  network                 = var.network
  priority                = 3010
  source_ranges           = ["0.0.0.0/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null

  deny {
    protocol = "udp"
  }
}

# AVD-GCP-0073: edge-as2-ssl: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_as2_ssl_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-as2-ssl-v6"
  description             = "AS2 (SSL)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-as2: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_as2_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-as2-v6"
  description             = "AS2 (non-SSL)"
  direction               = "INGRESS"
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

# AVD-GCP-0074: edge-deny-all: a deny rule: it closes the ports, the check does not tell deny from allow
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "edge_deny_all_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-deny-all-v6"
  description             = "Deny all ingress not allowed above (overrides default-allow-* rules of the default network)"
  direction               = "INGRESS"
  network                 = var.network
  priority                = 4096
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-edge"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.edge] : null

  deny {
    protocol = "all"
  }
}

# AVD-GCP-0073: edge-ftp-active-data: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_ftp_active_data_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-ftp-active-data-v6"
  description             = "FTP (secure and non-secure) active-mode data channel"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-ftp-control: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_ftp_control_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-ftp-control-v6"
  description             = "FTP (secure and non-secure) control channel (For secure connections: the firewall must allow bidirectional communication)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-ftp-passive-data: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
# AVD-GCP-0074: edge-ftp-passive-data: FTP passive-mode data channel: the vendor requires a user-defined range of ports, opened to Any (flagged when it spans over 30 ports)
#trivy:ignore:AVD-GCP-0073
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "edge_ftp_passive_data_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-ftp-passive-data-v6"
  description             = "FTP (secure and non-secure) passive-mode data channel"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-http: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_http_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-http-v6"
  description             = "HTTP"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-https: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_https_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-https-v6"
  description             = "HTTPS"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit-ptcp-ssl: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_ptcp_ssl_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-pesit-ptcp-ssl-v6"
  description             = "PeSIT over pTCP Secured Socket"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit-ptcp: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_ptcp_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-pesit-ptcp-v6"
  description             = "PeSIT over pTCP plain socket"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit-ssl-cft: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_ssl_cft_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-pesit-ssl-cft-v6"
  description             = "PeSIT over secure socket (CFT compatible)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit-ssl-transfer-cft: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_ssl_transfer_cft_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-pesit-ssl-transfer-cft-v6"
  description             = "PeSIT over secure socket (Transfer CFT compatible)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-pesit: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_pesit_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-pesit-v6"
  description             = "PeSIT (non-SSL)"
  direction               = "INGRESS"
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

# AVD-GCP-0073: edge-ssh: a public Edge service, not a default-network rule; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-GCP-0073
resource "google_compute_firewall" "edge_ssh_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-edge-ssh-v6"
  description             = "SSH (SFTP and SCP)"
  direction               = "INGRESS"
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

# AVD-GCP-0074: server-deny-all: a deny rule: it closes the ports, the check does not tell deny from allow
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_deny_all_v6" {
  count = var.ipv6 ? 1 : 0

  name                    = "${var.name}-server-deny-all-v6"
  description             = "Deny all ingress not allowed above (overrides default-allow-* rules of the default network)"
  direction               = "INGRESS"
  network                 = var.network
  priority                = 4096
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null

  deny {
    protocol = "all"
  }
}

# AVD-GCP-0073: server-icmp: the source is a host group's network tag or service account, not 0.0.0.0/0: trivy reads a rule without source_ranges as open to all
# AVD-GCP-0072: server-icmp: the vendor's "ICMP only" between Servers: ICMP has no ports (and the vendor's own form allows every protocol from the Servers after denying TCP and UDP)
# AVD-GCP-0074: server-icmp: the vendor's "ICMP only" between Servers: ICMP has no ports, and trivy reads a rule without ports as 0-65535
#trivy:ignore:AVD-GCP-0073
#trivy:ignore:AVD-GCP-0072
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_icmp_v6" {
  count = var.icmp_mode == "native" && var.ipv6 ? 1 : 0

  name                    = "${var.name}-server-icmp-v6"
  description             = "Allow all ICMP traffic for Cluster communication"
  direction               = "INGRESS"
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

# AVD-GCP-0074: server-deny-tcp: a deny rule: it closes the ports, the check does not tell deny from allow
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_deny_tcp_v6" {
  count = var.icmp_mode == "vendor" && var.ipv6 ? 1 : 0

  name                    = "${var.name}-server-deny-tcp-v6"
  description             = "Deny all TCP Traffic"
  direction               = "INGRESS"
  network                 = var.network
  priority                = 3000
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null

  deny {
    protocol = "tcp"
  }
}

# AVD-GCP-0074: server-deny-udp: a deny rule: it closes the ports, the check does not tell deny from allow
#trivy:ignore:AVD-GCP-0074
resource "google_compute_firewall" "server_deny_udp_v6" {
  count = var.icmp_mode == "vendor" && var.ipv6 ? 1 : 0

  name                    = "${var.name}-server-deny-udp-v6"
  description             = "Deny all UDP traffic"
  direction               = "INGRESS"
  network                 = var.network
  priority                = 3010
  source_ranges           = ["::/0"]
  target_tags             = var.service_accounts != null ? null : ["${var.name}-server"]
  target_service_accounts = var.service_accounts != null ? [var.service_accounts.server] : null

  deny {
    protocol = "udp"
  }
}

resource "google_compute_firewall" "extra_allow" {
  for_each = { for id, r in local.extra_rules : id => r if r.action == "allow" && ((r.source != "cidrs" && r.source != "any") || r.source == "any" || length([for c in local.extra_rule_cidrs[id] : c if length(split(":", c)) == 1]) > 0) }

  name                    = "${var.name}-${each.value.id}"
  description             = each.value.description
  direction               = "INGRESS"
  network                 = var.network
  priority                = each.value.priority
  source_ranges           = (each.value.source != "cidrs" && each.value.source != "any") ? null : each.value.source == "any" ? ["0.0.0.0/0"] : [for c in local.extra_rule_cidrs[each.key] : c if length(split(":", c)) == 1]
  source_tags             = (each.value.source != "cidrs" && each.value.source != "any") && var.service_accounts == null ? ["${var.name}-${each.value.source == "adminHost" ? "admin-host" : each.value.source}"] : null
  source_service_accounts = (each.value.source != "cidrs" && each.value.source != "any") && var.service_accounts != null ? [var.service_accounts[each.value.source == "adminHost" ? "admin_host" : each.value.source]] : null
  target_tags             = var.service_accounts == null ? ["${var.name}-${each.value.group}"] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts[each.value.group]] : null

  allow {
    protocol = each.value.protocol
    ports    = contains(["tcp", "udp"], each.value.protocol) && each.value.port_text != "*" ? [each.value.port_text] : null
  }
}

resource "google_compute_firewall" "extra_allow_v6" {
  for_each = { for id, r in local.extra_rules : id => r if r.action == "allow" && ((r.source != "cidrs" && r.source != "any") ? (var.ipv6 && r.protocol == "icmp") : r.source == "any" ? var.ipv6 : length([for c in local.extra_rule_cidrs[id] : c if length(split(":", c)) > 1]) > 0) }

  name                    = "${var.name}-${each.value.id}-v6"
  description             = each.value.description
  direction               = "INGRESS"
  network                 = var.network
  priority                = each.value.priority
  source_ranges           = (each.value.source != "cidrs" && each.value.source != "any") ? null : each.value.source == "any" ? ["::/0"] : [for c in local.extra_rule_cidrs[each.key] : c if length(split(":", c)) > 1]
  source_tags             = (each.value.source != "cidrs" && each.value.source != "any") && var.service_accounts == null ? ["${var.name}-${each.value.source == "adminHost" ? "admin-host" : each.value.source}"] : null
  source_service_accounts = (each.value.source != "cidrs" && each.value.source != "any") && var.service_accounts != null ? [var.service_accounts[each.value.source == "adminHost" ? "admin_host" : each.value.source]] : null
  target_tags             = var.service_accounts == null ? ["${var.name}-${each.value.group}"] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts[each.value.group]] : null

  allow {
    protocol = each.value.protocol == "icmp" ? "58" : each.value.protocol
    ports    = contains(["tcp", "udp"], each.value.protocol) && each.value.port_text != "*" ? [each.value.port_text] : null
  }
}

resource "google_compute_firewall" "extra_deny" {
  for_each = { for id, r in local.extra_rules : id => r if r.action == "deny" && ((r.source != "cidrs" && r.source != "any") || r.source == "any" || length([for c in local.extra_rule_cidrs[id] : c if length(split(":", c)) == 1]) > 0) }

  name                    = "${var.name}-${each.value.id}"
  description             = each.value.description
  direction               = "INGRESS"
  network                 = var.network
  priority                = each.value.priority
  source_ranges           = (each.value.source != "cidrs" && each.value.source != "any") ? null : each.value.source == "any" ? ["0.0.0.0/0"] : [for c in local.extra_rule_cidrs[each.key] : c if length(split(":", c)) == 1]
  source_tags             = (each.value.source != "cidrs" && each.value.source != "any") && var.service_accounts == null ? ["${var.name}-${each.value.source == "adminHost" ? "admin-host" : each.value.source}"] : null
  source_service_accounts = (each.value.source != "cidrs" && each.value.source != "any") && var.service_accounts != null ? [var.service_accounts[each.value.source == "adminHost" ? "admin_host" : each.value.source]] : null
  target_tags             = var.service_accounts == null ? ["${var.name}-${each.value.group}"] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts[each.value.group]] : null

  deny {
    protocol = each.value.protocol
    ports    = contains(["tcp", "udp"], each.value.protocol) && each.value.port_text != "*" ? [each.value.port_text] : null
  }
}

resource "google_compute_firewall" "extra_deny_v6" {
  for_each = { for id, r in local.extra_rules : id => r if r.action == "deny" && ((r.source != "cidrs" && r.source != "any") ? (var.ipv6 && r.protocol == "icmp") : r.source == "any" ? var.ipv6 : length([for c in local.extra_rule_cidrs[id] : c if length(split(":", c)) > 1]) > 0) }

  name                    = "${var.name}-${each.value.id}-v6"
  description             = each.value.description
  direction               = "INGRESS"
  network                 = var.network
  priority                = each.value.priority
  source_ranges           = (each.value.source != "cidrs" && each.value.source != "any") ? null : each.value.source == "any" ? ["::/0"] : [for c in local.extra_rule_cidrs[each.key] : c if length(split(":", c)) > 1]
  source_tags             = (each.value.source != "cidrs" && each.value.source != "any") && var.service_accounts == null ? ["${var.name}-${each.value.source == "adminHost" ? "admin-host" : each.value.source}"] : null
  source_service_accounts = (each.value.source != "cidrs" && each.value.source != "any") && var.service_accounts != null ? [var.service_accounts[each.value.source == "adminHost" ? "admin_host" : each.value.source]] : null
  target_tags             = var.service_accounts == null ? ["${var.name}-${each.value.group}"] : null
  target_service_accounts = var.service_accounts != null ? [var.service_accounts[each.value.group]] : null

  deny {
    protocol = each.value.protocol == "icmp" ? "58" : each.value.protocol
    ports    = contains(["tcp", "udp"], each.value.protocol) && each.value.port_text != "*" ? [each.value.port_text] : null
  }
}
