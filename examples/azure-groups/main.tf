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
  source = "../../modules/azure-groups"

  name = "st-prod"
  ftp_passive_ports = {
    from = 30000
    to   = 30100
  }
  icmp_mode           = "native"
  resource_group_name = "rg-securetransport"
  location            = "westeurope"
}

output "admin_host_application_security_group_id" {
  value = module.securetransport_firewall.admin_host_application_security_group_id
}

output "edge_application_security_group_id" {
  value = module.securetransport_firewall.edge_application_security_group_id
}

output "edge_network_security_group_id" {
  value = module.securetransport_firewall.edge_network_security_group_id
}

output "server_application_security_group_id" {
  value = module.securetransport_firewall.server_application_security_group_id
}

output "server_network_security_group_id" {
  value = module.securetransport_firewall.server_network_security_group_id
}
