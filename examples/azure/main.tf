terraform {
  required_version = ">= 1.9"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.0, < 5.0"
    }
  }
}

provider "azurerm" {
  features {}
}

module "securetransport_firewall" {
  source = "../../modules/azure"

  name                   = "st-prod"
  edge_private_ips       = ["10.0.1.10", "10.0.1.11"]
  server_private_ips     = ["10.0.2.10", "10.0.2.11"]
  admin_host_private_ips = ["10.0.9.5"]
  ftp_passive_ports = {
    from = 30000
    to   = 30100
  }
  icmp_mode           = "native"
  resource_group_name = "rg-securetransport"
  location            = "westeurope"
}

output "edge_network_security_group_id" {
  value = module.securetransport_firewall.edge_network_security_group_id
}

output "server_network_security_group_id" {
  value = module.securetransport_firewall.server_network_security_group_id
}
