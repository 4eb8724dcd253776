locals {
  extra_rule_ports = { for id, r in var.extra_rules : id => contains(["tcp", "udp"], r.protocol) && try(tostring(r.ports), "*") != "*" ? [for n in split("-", trimspace(tostring(r.ports))) : tonumber(n)] : [] }
  extra_rules      = { for id, r in var.extra_rules : id => { id = id, group = r.group, protocol = r.protocol, action = try(r.action, "allow"), priority = r.priority, description = r.description, source = try(tostring(r.source), "cidrs"), cidrs = try([for c in tolist(r.source) : cidrsubnet(length(split("/", c)) == 2 ? c : (length(split(":", c)) > 1 ? "${c}/128" : "${c}/32"), 0, 0)], []), from_port = length(local.extra_rule_ports[id]) > 0 ? local.extra_rule_ports[id][0] : null, to_port = length(local.extra_rule_ports[id]) > 0 ? local.extra_rule_ports[id][length(local.extra_rule_ports[id]) - 1] : null, port_text = length(local.extra_rule_ports[id]) == 0 ? "*" : local.extra_rule_ports[id][0] == local.extra_rule_ports[id][length(local.extra_rule_ports[id]) - 1] ? tostring(local.extra_rule_ports[id][0]) : "${local.extra_rule_ports[id][0]}-${local.extra_rule_ports[id][length(local.extra_rule_ports[id]) - 1]}", azure_description = length(r.description) <= 140 ? r.description : "${substr(r.description, 0, 137)}..." } }
  extra_rule_cidrs = { for id, r in local.extra_rules : id => r.source == "cidrs" ? r.cidrs : [] }
}

resource "azurerm_application_security_group" "admin_host_asg" {
  name                = "${var.name}-admin-host-asg"
  location            = var.location
  resource_group_name = var.resource_group_name

  tags = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Administration host" })
}

resource "azurerm_application_security_group" "edge_asg" {
  name                = "${var.name}-edge-asg"
  location            = var.location
  resource_group_name = var.resource_group_name

  tags = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Edge hosts" })
}

resource "azurerm_application_security_group" "server_asg" {
  name                = "${var.name}-server-asg"
  location            = var.location
  resource_group_name = var.resource_group_name

  tags = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Server hosts" })
}

resource "azurerm_network_security_group" "edge" {
  name                = "${var.name}-edge-nsg"
  location            = var.location
  resource_group_name = var.resource_group_name

  tags = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Edge hosts" })
}

resource "azurerm_network_security_group" "server" {
  name                = "${var.name}-server-nsg"
  location            = var.location
  resource_group_name = var.resource_group_name

  tags = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Server hosts" })
}

resource "azurerm_network_security_rule" "edge_admin_tool" {
  name                                       = "edge-admin-tool"
  description                                = "Administration Tool (HTTPS)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "444"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 630
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.admin_host_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_allow_azure_load_balancer" {
  name                        = "edge-allow-azure-load-balancer"
  description                 = "Load balancer health probes (the default rule 65001 would be shadowed by the deny-all below)"
  access                      = "Allow"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  network_security_group_name = azurerm_network_security_group.edge.name
  priority                    = 4095
  protocol                    = "*"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "AzureLoadBalancer"
  source_port_range           = "*"
}

# AVD-AZU-0047: edge-as2: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_as2" {
  name                                       = "edge-as2"
  description                                = "AS2 (non-SSL)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "10080"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 160
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_as2_shutdown" {
  name                                       = "edge-as2-shutdown"
  description                                = "AS2 shutdown"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "8006"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 660
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-as2-ssl: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_as2_ssl" {
  name                                       = "edge-as2-ssl"
  description                                = "AS2 (SSL)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "10443"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 170
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_cluster_sync" {
  name                                       = "edge-cluster-sync"
  description                                = "Cluster Synchronization"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "444"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 640
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_db_admin" {
  name                                       = "edge-db-admin"
  description                                = "Database Administration"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "33060"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 600
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.admin_host_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_db_cluster" {
  name                                       = "edge-db-cluster"
  description                                = "MariaDB or MySQL communication"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "33060"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 610
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_deny_all_inbound" {
  name                        = "edge-deny-all-inbound"
  description                 = "Deny everything not allowed above (overrides the default AllowVnetInBound, 65000)"
  access                      = "Deny"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  network_security_group_name = azurerm_network_security_group.edge.name
  priority                    = 4096
  protocol                    = "*"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "*"
  source_port_range           = "*"
}

# AVD-AZU-0047: edge-ftp-active-data: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
# AVD-AZU-0074: edge-ftp-active-data: FTP control (TCP 21) or active-mode data (TCP 20); the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
#trivy:ignore:AVD-AZU-0074
resource "azurerm_network_security_rule" "edge_ftp_active_data" {
  name                                       = "edge-ftp-active-data"
  description                                = "FTP (secure and non-secure) active-mode data channel"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 140
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-ftp-control: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
# AVD-AZU-0074: edge-ftp-control: FTP control (TCP 21) or active-mode data (TCP 20); the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
#trivy:ignore:AVD-AZU-0074
resource "azurerm_network_security_rule" "edge_ftp_control" {
  name                                       = "edge-ftp-control"
  description                                = "FTP (secure and non-secure) control channel (For secure connections: the firewall must allow bidirectional communication)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "21"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 130
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-ftp-passive-data: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_ftp_passive_data" {
  name                                       = "edge-ftp-passive-data"
  description                                = "FTP (secure and non-secure) passive-mode data channel"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "${var.ftp_passive_ports.from}-${var.ftp_passive_ports.to}"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 150
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_hibernate_cache" {
  name                                       = "edge-hibernate-cache"
  description                                = "Hibernate second level cache"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "7800-7802"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 670
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-http: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_http" {
  #checkov:skip=CKV_AZURE_160:edge-http: HTTP (TCP 80); the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer

  name                                       = "edge-http"
  description                                = "HTTP"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "80"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 100
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-https: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_https" {
  name                                       = "edge-https"
  description                                = "HTTPS"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "443"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 110
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-pesit: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_pesit" {
  name                                       = "edge-pesit"
  description                                = "PeSIT (non-SSL)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "17617"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 180
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-pesit-ptcp: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_pesit_ptcp" {
  name                                       = "edge-pesit-ptcp"
  description                                = "PeSIT over pTCP plain socket"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "19617"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 210
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-pesit-ptcp-ssl: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_pesit_ptcp_ssl" {
  name                                       = "edge-pesit-ptcp-ssl"
  description                                = "PeSIT over pTCP Secured Socket"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "19627"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 220
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-pesit-ssl-cft: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_pesit_ssl_cft" {
  name                                       = "edge-pesit-ssl-cft"
  description                                = "PeSIT over secure socket (CFT compatible)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "17637"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 200
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-pesit-ssl-transfer-cft: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_pesit_ssl_transfer_cft" {
  name                                       = "edge-pesit-ssl-transfer-cft"
  description                                = "PeSIT over secure socket (Transfer CFT compatible)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "17627"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 190
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

# AVD-AZU-0047: edge-ssh: a public Edge service; the vendor's Edge table opens it to Any, the Edge serving clients through the load balancer
#trivy:ignore:AVD-AZU-0047
resource "azurerm_network_security_rule" "edge_ssh" {
  name                                       = "edge-ssh"
  description                                = "SSH (SFTP and SCP)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "10022"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 120
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_ssh_admin" {
  name                                       = "edge-ssh-admin"
  description                                = "SSH for Administration"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "22"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 620
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.admin_host_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_admin" {
  name                                       = "edge-streaming-admin"
  description                                = "Streaming Administration Tool Server"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20444"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 440
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_as2" {
  name                                       = "edge-streaming-as2"
  description                                = "Streaming AS2 Server"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "21080"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 430
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_ftp" {
  name                                       = "edge-streaming-ftp"
  description                                = "Streaming FTP Server"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20021"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 420
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_http" {
  name                                       = "edge-streaming-http"
  description                                = "Streaming HTTP Server"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20080"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 400
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_pesit" {
  name                                       = "edge-streaming-pesit"
  description                                = "Streaming PeSIT Server"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "27617"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 450
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_ssh" {
  name                                       = "edge-streaming-ssh"
  description                                = "Streaming SSH Server"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20022"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 410
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_tomcat_shutdown" {
  name                                       = "edge-tomcat-shutdown"
  description                                = "Tomcat shutdown"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "8005"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 650
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_admin_tool" {
  name                                       = "server-admin-tool"
  description                                = "Administration Tool (HTTPS)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "444"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 130
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.admin_host_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_admin_tool_internal" {
  name                                       = "server-admin-tool-internal"
  description                                = "Administration Tool"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "20444"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 190
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_allow_azure_load_balancer" {
  name                        = "server-allow-azure-load-balancer"
  description                 = "Load balancer health probes (the default rule 65001 would be shadowed by the deny-all below)"
  access                      = "Allow"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  network_security_group_name = azurerm_network_security_group.server.name
  priority                    = 4095
  protocol                    = "*"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "AzureLoadBalancer"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "server_cache_https" {
  name                                       = "server-cache-https"
  description                                = "Cluster cache management"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "443"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 110
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_cache_udp" {
  name                                       = "server-cache-udp"
  description                                = "Cluster cache management"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "10022"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 120
  protocol                                   = "Udp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_cluster_listener" {
  name                                       = "server-cluster-listener"
  description                                = "Cluster Listener"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "44431"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 140
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_cluster_tcp" {
  name                                       = "server-cluster-tcp"
  description                                = "Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another (TCP)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "8088-8093"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 400
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_cluster_udp" {
  name                                       = "server-cluster-udp"
  description                                = "Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another (UDP)"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "8088-8093"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 410
  protocol                                   = "Udp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_coherence" {
  name                                       = "server-coherence"
  description                                = "Coherence"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "7"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 200
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_deny_all_inbound" {
  name                        = "server-deny-all-inbound"
  description                 = "Deny everything not allowed above (overrides the default AllowVnetInBound, 65000)"
  access                      = "Deny"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  network_security_group_name = azurerm_network_security_group.server.name
  priority                    = 4096
  protocol                    = "*"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "*"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "server_hibernate_cache" {
  name                                       = "server-hibernate-cache"
  description                                = "Hibernate second-level cache"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "7800-7802"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 210
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_icmp" {
  count = var.icmp_mode == "native" ? 1 : 0

  name                                  = "server-icmp"
  description                           = "Allow all ICMP traffic for Cluster communication"
  access                                = "Allow"
  destination_address_prefix            = "0.0.0.0/0"
  destination_port_range                = "*"
  direction                             = "Inbound"
  network_security_group_name           = azurerm_network_security_group.server.name
  priority                              = 3000
  protocol                              = "Icmp"
  resource_group_name                   = var.resource_group_name
  source_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  source_port_range                     = "*"
}

resource "azurerm_network_security_rule" "server_jmx" {
  name                                       = "server-jmx"
  description                                = "TM JMX Port"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "9999"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 150
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_snmp" {
  name                                       = "server-snmp"
  description                                = "SNMP"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "80"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 100
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_ssh" {
  name                                       = "server-ssh"
  description                                = "SSH for Administration"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "22"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 160
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_tomcat_jk" {
  name                                       = "server-tomcat-jk"
  description                                = "Tomcat JK connector"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "8009"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 180
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_tomcat_shutdown" {
  name                                       = "server-tomcat-shutdown"
  description                                = "Tomcat shutdown port"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "8005"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 170
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_allow_all_from_servers" {
  count = var.icmp_mode == "vendor" ? 1 : 0

  name                                       = "server-allow-all-from-servers"
  description                                = "Allow all ICMP traffic for Cluster communication"
  access                                     = "Allow"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "*"
  direction                                  = "Inbound"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 3020
  protocol                                   = "*"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_deny_tcp" {
  count = var.icmp_mode == "vendor" ? 1 : 0

  name                        = "server-deny-tcp"
  description                 = "Deny all TCP Traffic"
  access                      = "Deny"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  network_security_group_name = azurerm_network_security_group.server.name
  priority                    = 3000
  protocol                    = "Tcp"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "*"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "server_deny_udp" {
  count = var.icmp_mode == "vendor" ? 1 : 0

  name                        = "server-deny-udp"
  description                 = "Deny all UDP traffic"
  access                      = "Deny"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  network_security_group_name = azurerm_network_security_group.server.name
  priority                    = 3010
  protocol                    = "Udp"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "*"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "extra" {
  for_each = { for id, r in local.extra_rules : id => merge(r, { src_star = r.source == "any", src_asg = (r.source != "cidrs" && r.source != "any"), dst_star = r.action != "allow", dst_asg = r.action == "allow", icmp_fix = r.protocol == "icmp" && r.source != "cidrs", src = [for c in local.extra_rule_cidrs[id] : c if length(split(":", c)) == 1], dst = [] }) if r.source != "cidrs" || (r.source != "cidrs" || length([for c in local.extra_rule_cidrs[id] : c if length(split(":", c)) == 1]) > 0) }

  name                                       = each.value.id
  description                                = each.value.azure_description
  access                                     = each.value.action == "allow" ? "Allow" : "Deny"
  destination_port_range                     = each.value.port_text
  direction                                  = "Inbound"
  network_security_group_name                = each.value.group == "edge" ? azurerm_network_security_group.edge.name : azurerm_network_security_group.server.name
  priority                                   = each.value.priority
  protocol                                   = { tcp = "Tcp", udp = "Udp", icmp = "Icmp", all = "*" }[each.value.protocol]
  resource_group_name                        = var.resource_group_name
  source_port_range                          = "*"
  source_address_prefix                      = each.value.src_star ? (each.value.icmp_fix ? "0.0.0.0/0" : "*") : null
  source_address_prefixes                    = each.value.src_star || each.value.src_asg ? null : each.value.src
  destination_address_prefix                 = each.value.icmp_fix && !each.value.src_star ? "0.0.0.0/0" : each.value.dst_star ? "*" : null
  destination_address_prefixes               = each.value.dst_star || each.value.dst_asg ? null : each.value.dst
  source_application_security_group_ids      = each.value.src_asg ? [{ edge = azurerm_application_security_group.edge_asg.id, server = azurerm_application_security_group.server_asg.id, adminHost = azurerm_application_security_group.admin_host_asg.id }[each.value.source]] : null
  destination_application_security_group_ids = each.value.dst_asg && !(each.value.icmp_fix && !each.value.src_star) ? [{ edge = azurerm_application_security_group.edge_asg.id, server = azurerm_application_security_group.server_asg.id, adminHost = azurerm_application_security_group.admin_host_asg.id }[each.value.group]] : null
}

resource "azurerm_network_security_rule" "extra_v6" {
  for_each = { for id, r in local.extra_rules : id => merge(r, { src_star = r.source == "any", src_asg = (r.source != "cidrs" && r.source != "any"), dst_star = r.action != "allow", dst_asg = r.action == "allow", icmp_fix = r.protocol == "icmp" && r.source != "cidrs", src = [for c in local.extra_rule_cidrs[id] : c if length(split(":", c)) > 1], dst = [] }) if !(r.source != "cidrs") && r.protocol != "icmp" && (r.source != "cidrs" || length([for c in local.extra_rule_cidrs[id] : c if length(split(":", c)) > 1]) > 0) }

  name                                       = "${each.value.id}-v6"
  description                                = each.value.azure_description
  access                                     = each.value.action == "allow" ? "Allow" : "Deny"
  destination_port_range                     = each.value.port_text
  direction                                  = "Inbound"
  network_security_group_name                = each.value.group == "edge" ? azurerm_network_security_group.edge.name : azurerm_network_security_group.server.name
  priority                                   = each.value.priority + 1
  protocol                                   = { tcp = "Tcp", udp = "Udp", icmp = "Icmp", all = "*" }[each.value.protocol]
  resource_group_name                        = var.resource_group_name
  source_port_range                          = "*"
  source_address_prefix                      = each.value.src_star ? (each.value.icmp_fix ? "0.0.0.0/0" : "*") : null
  source_address_prefixes                    = each.value.src_star || each.value.src_asg ? null : each.value.src
  destination_address_prefix                 = each.value.icmp_fix && !each.value.src_star ? "0.0.0.0/0" : each.value.dst_star ? "*" : null
  destination_address_prefixes               = each.value.dst_star || each.value.dst_asg ? null : each.value.dst
  source_application_security_group_ids      = each.value.src_asg ? [{ edge = azurerm_application_security_group.edge_asg.id, server = azurerm_application_security_group.server_asg.id, adminHost = azurerm_application_security_group.admin_host_asg.id }[each.value.source]] : null
  destination_application_security_group_ids = each.value.dst_asg && !(each.value.icmp_fix && !each.value.src_star) ? [{ edge = azurerm_application_security_group.edge_asg.id, server = azurerm_application_security_group.server_asg.id, adminHost = azurerm_application_security_group.admin_host_asg.id }[each.value.group]] : null
}
