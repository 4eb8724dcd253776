resource "azurerm_application_security_group" "admin_host_asg" {
  location            = var.location
  name                = "${var.name}-admin-host-asg"
  resource_group_name = var.resource_group_name
  tags                = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Administration host" })
}

resource "azurerm_application_security_group" "edge_asg" {
  location            = var.location
  name                = "${var.name}-edge-asg"
  resource_group_name = var.resource_group_name
  tags                = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Edge hosts" })
}

resource "azurerm_application_security_group" "server_asg" {
  location            = var.location
  name                = "${var.name}-server-asg"
  resource_group_name = var.resource_group_name
  tags                = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Server hosts" })
}

resource "azurerm_network_security_group" "edge" {
  location            = var.location
  name                = "${var.name}-edge-nsg"
  resource_group_name = var.resource_group_name
  tags                = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Edge hosts" })
}

resource "azurerm_network_security_group" "server" {
  location            = var.location
  name                = "${var.name}-server-nsg"
  resource_group_name = var.resource_group_name
  tags                = merge(var.tags, { generator = "st-firewall", purpose = "SecureTransport Server hosts" })
}

resource "azurerm_network_security_rule" "edge_admin_tool" {
  access                                     = "Allow"
  description                                = "Administration Tool (HTTPS)"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "444"
  direction                                  = "Inbound"
  name                                       = "edge-admin-tool"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 630
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.admin_host_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_allow_azure_load_balancer" {
  access                      = "Allow"
  description                 = "Load balancer health probes (the default rule 65001 would be shadowed by the deny-all below)"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  name                        = "edge-allow-azure-load-balancer"
  network_security_group_name = azurerm_network_security_group.edge.name
  priority                    = 4095
  protocol                    = "*"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "AzureLoadBalancer"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "edge_as2" {
  access                                     = "Allow"
  description                                = "AS2 (non-SSL)"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "10080"
  direction                                  = "Inbound"
  name                                       = "edge-as2"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 160
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_as2_shutdown" {
  access                                     = "Allow"
  description                                = "AS2 shutdown"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "8006"
  direction                                  = "Inbound"
  name                                       = "edge-as2-shutdown"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 660
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_as2_ssl" {
  access                                     = "Allow"
  description                                = "AS2 (SSL)"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "10443"
  direction                                  = "Inbound"
  name                                       = "edge-as2-ssl"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 170
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_cluster_sync" {
  access                                     = "Allow"
  description                                = "Cluster Synchronization"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "444"
  direction                                  = "Inbound"
  name                                       = "edge-cluster-sync"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 640
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_db_admin" {
  access                                     = "Allow"
  description                                = "Database Administration"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "33060"
  direction                                  = "Inbound"
  name                                       = "edge-db-admin"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 600
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.admin_host_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_db_cluster" {
  access                                     = "Allow"
  description                                = "MariaDB or MySQL communication"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "33060"
  direction                                  = "Inbound"
  name                                       = "edge-db-cluster"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 610
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_deny_all_inbound" {
  access                      = "Deny"
  description                 = "Deny everything not allowed above (overrides the default AllowVnetInBound, 65000)"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  name                        = "edge-deny-all-inbound"
  network_security_group_name = azurerm_network_security_group.edge.name
  priority                    = 4096
  protocol                    = "*"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "*"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "edge_ftp_active_data" {
  access                                     = "Allow"
  description                                = "FTP (secure and non-secure) active-mode data channel"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20"
  direction                                  = "Inbound"
  name                                       = "edge-ftp-active-data"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 140
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_ftp_control" {
  access                                     = "Allow"
  description                                = "FTP (secure and non-secure) control channel (For secure connections: the firewall must allow bidirectional communication)"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "21"
  direction                                  = "Inbound"
  name                                       = "edge-ftp-control"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 130
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_ftp_passive_data" {
  access                                     = "Allow"
  description                                = "FTP (secure and non-secure) passive-mode data channel"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "${var.ftp_passive_ports.from}-${var.ftp_passive_ports.to}"
  direction                                  = "Inbound"
  name                                       = "edge-ftp-passive-data"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 150
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_hibernate_cache" {
  access                                     = "Allow"
  description                                = "Hibernate second level cache"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "7800-7802"
  direction                                  = "Inbound"
  name                                       = "edge-hibernate-cache"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 670
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_http" {
  access                                     = "Allow"
  description                                = "HTTP"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "80"
  direction                                  = "Inbound"
  name                                       = "edge-http"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 100
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_https" {
  access                                     = "Allow"
  description                                = "HTTPS"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "443"
  direction                                  = "Inbound"
  name                                       = "edge-https"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 110
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_pesit" {
  access                                     = "Allow"
  description                                = "PeSIT (non-SSL)"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "17617"
  direction                                  = "Inbound"
  name                                       = "edge-pesit"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 180
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_pesit_ptcp" {
  access                                     = "Allow"
  description                                = "PeSIT over pTCP plain socket"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "19617"
  direction                                  = "Inbound"
  name                                       = "edge-pesit-ptcp"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 210
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_pesit_ptcp_ssl" {
  access                                     = "Allow"
  description                                = "PeSIT over pTCP Secured Socket"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "19627"
  direction                                  = "Inbound"
  name                                       = "edge-pesit-ptcp-ssl"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 220
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_pesit_ssl_cft" {
  access                                     = "Allow"
  description                                = "PeSIT over secure socket (CFT compatible)"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "17637"
  direction                                  = "Inbound"
  name                                       = "edge-pesit-ssl-cft"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 200
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_pesit_ssl_transfer_cft" {
  access                                     = "Allow"
  description                                = "PeSIT over secure socket (Transfer CFT compatible)"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "17627"
  direction                                  = "Inbound"
  name                                       = "edge-pesit-ssl-transfer-cft"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 190
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_ssh" {
  access                                     = "Allow"
  description                                = "SSH (SFTP and SCP)"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "10022"
  direction                                  = "Inbound"
  name                                       = "edge-ssh"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 120
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_address_prefix                      = "*"
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_ssh_admin" {
  access                                     = "Allow"
  description                                = "SSH for Administration"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "22"
  direction                                  = "Inbound"
  name                                       = "edge-ssh-admin"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 620
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.admin_host_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_admin" {
  access                                     = "Allow"
  description                                = "Streaming Administration Tool Server"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20444"
  direction                                  = "Inbound"
  name                                       = "edge-streaming-admin"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 440
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_as2" {
  access                                     = "Allow"
  description                                = "Streaming AS2 Server"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "21080"
  direction                                  = "Inbound"
  name                                       = "edge-streaming-as2"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 430
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_ftp" {
  access                                     = "Allow"
  description                                = "Streaming FTP Server"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20021"
  direction                                  = "Inbound"
  name                                       = "edge-streaming-ftp"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 420
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_http" {
  access                                     = "Allow"
  description                                = "Streaming HTTP Server"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20080"
  direction                                  = "Inbound"
  name                                       = "edge-streaming-http"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 400
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_pesit" {
  access                                     = "Allow"
  description                                = "Streaming PeSIT Server"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "27617"
  direction                                  = "Inbound"
  name                                       = "edge-streaming-pesit"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 450
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_streaming_ssh" {
  access                                     = "Allow"
  description                                = "Streaming SSH Server"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "20022"
  direction                                  = "Inbound"
  name                                       = "edge-streaming-ssh"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 410
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "edge_tomcat_shutdown" {
  access                                     = "Allow"
  description                                = "Tomcat shutdown"
  destination_application_security_group_ids = [azurerm_application_security_group.edge_asg.id]
  destination_port_range                     = "8005"
  direction                                  = "Inbound"
  name                                       = "edge-tomcat-shutdown"
  network_security_group_name                = azurerm_network_security_group.edge.name
  priority                                   = 650
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.edge_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_admin_tool" {
  access                                     = "Allow"
  description                                = "Administration Tool (HTTPS)"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "444"
  direction                                  = "Inbound"
  name                                       = "server-admin-tool"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 130
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.admin_host_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_admin_tool_internal" {
  access                                     = "Allow"
  description                                = "Administration Tool"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "20444"
  direction                                  = "Inbound"
  name                                       = "server-admin-tool-internal"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 190
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_allow_azure_load_balancer" {
  access                      = "Allow"
  description                 = "Load balancer health probes (the default rule 65001 would be shadowed by the deny-all below)"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  name                        = "server-allow-azure-load-balancer"
  network_security_group_name = azurerm_network_security_group.server.name
  priority                    = 4095
  protocol                    = "*"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "AzureLoadBalancer"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "server_cache_https" {
  access                                     = "Allow"
  description                                = "Cluster cache management"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "443"
  direction                                  = "Inbound"
  name                                       = "server-cache-https"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 110
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_cache_udp" {
  access                                     = "Allow"
  description                                = "Cluster cache management"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "10022"
  direction                                  = "Inbound"
  name                                       = "server-cache-udp"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 120
  protocol                                   = "Udp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_cluster_listener" {
  access                                     = "Allow"
  description                                = "Cluster Listener"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "44431"
  direction                                  = "Inbound"
  name                                       = "server-cluster-listener"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 140
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_cluster_tcp" {
  access                                     = "Allow"
  description                                = "Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another (TCP)"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "8088-8093"
  direction                                  = "Inbound"
  name                                       = "server-cluster-tcp"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 400
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_cluster_udp" {
  access                                     = "Allow"
  description                                = "Inbound traffic from 8088-8093 range should be allowed for both TCP and UDP protocols from one SecureTransport Server to another (UDP)"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "8088-8093"
  direction                                  = "Inbound"
  name                                       = "server-cluster-udp"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 410
  protocol                                   = "Udp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_coherence" {
  access                                     = "Allow"
  description                                = "Coherence"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "7"
  direction                                  = "Inbound"
  name                                       = "server-coherence"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 200
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_deny_all_inbound" {
  access                      = "Deny"
  description                 = "Deny everything not allowed above (overrides the default AllowVnetInBound, 65000)"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  name                        = "server-deny-all-inbound"
  network_security_group_name = azurerm_network_security_group.server.name
  priority                    = 4096
  protocol                    = "*"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "*"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "server_hibernate_cache" {
  access                                     = "Allow"
  description                                = "Hibernate second-level cache"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "7800-7802"
  direction                                  = "Inbound"
  name                                       = "server-hibernate-cache"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 210
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_icmp" {
  count                                      = var.icmp_mode == "native" ? 1 : 0
  access                                     = "Allow"
  description                                = "Allow all ICMP traffic for Cluster communication"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "*"
  direction                                  = "Inbound"
  name                                       = "server-icmp"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 3000
  protocol                                   = "Icmp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_jmx" {
  access                                     = "Allow"
  description                                = "TM JMX Port"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "9999"
  direction                                  = "Inbound"
  name                                       = "server-jmx"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 150
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_snmp" {
  access                                     = "Allow"
  description                                = "SNMP"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "80"
  direction                                  = "Inbound"
  name                                       = "server-snmp"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 100
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_ssh" {
  access                                     = "Allow"
  description                                = "SSH for Administration"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "22"
  direction                                  = "Inbound"
  name                                       = "server-ssh"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 160
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_tomcat_jk" {
  access                                     = "Allow"
  description                                = "Tomcat JK connector"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "8009"
  direction                                  = "Inbound"
  name                                       = "server-tomcat-jk"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 180
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_tomcat_shutdown" {
  access                                     = "Allow"
  description                                = "Tomcat shutdown port"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "8005"
  direction                                  = "Inbound"
  name                                       = "server-tomcat-shutdown"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 170
  protocol                                   = "Tcp"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_allow_all_from_servers" {
  count                                      = var.icmp_mode == "vendor" ? 1 : 0
  access                                     = "Allow"
  description                                = "Allow all ICMP traffic for Cluster communication"
  destination_application_security_group_ids = [azurerm_application_security_group.server_asg.id]
  destination_port_range                     = "*"
  direction                                  = "Inbound"
  name                                       = "server-allow-all-from-servers"
  network_security_group_name                = azurerm_network_security_group.server.name
  priority                                   = 3020
  protocol                                   = "*"
  resource_group_name                        = var.resource_group_name
  source_application_security_group_ids      = [azurerm_application_security_group.server_asg.id]
  source_port_range                          = "*"
}

resource "azurerm_network_security_rule" "server_deny_tcp" {
  count                       = var.icmp_mode == "vendor" ? 1 : 0
  access                      = "Deny"
  description                 = "Deny all TCP Traffic"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  name                        = "server-deny-tcp"
  network_security_group_name = azurerm_network_security_group.server.name
  priority                    = 3000
  protocol                    = "Tcp"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "*"
  source_port_range           = "*"
}

resource "azurerm_network_security_rule" "server_deny_udp" {
  count                       = var.icmp_mode == "vendor" ? 1 : 0
  access                      = "Deny"
  description                 = "Deny all UDP traffic"
  destination_address_prefix  = "*"
  destination_port_range      = "*"
  direction                   = "Inbound"
  name                        = "server-deny-udp"
  network_security_group_name = azurerm_network_security_group.server.name
  priority                    = 3010
  protocol                    = "Udp"
  resource_group_name         = var.resource_group_name
  source_address_prefix       = "*"
  source_port_range           = "*"
}
